"""The SQLite project store: projects with their revision history,
numbered baselines, progress snapshots, solved plans and an outbox.

Standard library only (``sqlite3``); WAL mode; a schema version with
ordered migrations (:mod:`plansat.store.schema`); optimistic concurrency
(a write against a stale revision raises :class:`Conflict`).  See
docs/store.md.

Examples
--------
>>> from plansat.store import Store
>>> with Store.open(":memory:") as store:
...     store.list_projects()
[]
"""

from plansat.store.errors import Conflict, NotFound, StoreError
from plansat.store.location import ENV_VAR, data_dir, resolve_path
from plansat.store.outbox import RateLimitError, RateLimits
from plansat.store.records import (
    BaselineRecord,
    ChannelRecord,
    MessageStatus,
    NewMessage,
    OutboxMessage,
    PlanRecord,
    ProjectRecord,
    ProjectSummary,
    RevisionRecord,
    SnapshotRecord,
)
from plansat.store.schema import SCHEMA_VERSION
from plansat.store.store import Store

__all__ = [
    "ENV_VAR",
    "SCHEMA_VERSION",
    "BaselineRecord",
    "ChannelRecord",
    "Conflict",
    "MessageStatus",
    "NewMessage",
    "NotFound",
    "OutboxMessage",
    "PlanRecord",
    "ProjectRecord",
    "ProjectSummary",
    "RateLimitError",
    "RateLimits",
    "RevisionRecord",
    "SnapshotRecord",
    "Store",
    "StoreError",
    "data_dir",
    "resolve_path",
]
