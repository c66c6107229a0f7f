"""The project store: projects with their revision history, numbered
baselines, progress snapshots, solved plans and an outbox.

One interface (:class:`ProjectStore`), two back ends: :class:`Store` on
a SQLite file (standard library only, WAL mode) and
:class:`~plansat.store.postgres.PostgresStore` on PostgreSQL (the
``postgres`` extra), picked by :func:`open_store` from the address.
Both have the same schema versions with ordered migrations
(:mod:`plansat.store.schema`) and optimistic concurrency (a write
against a stale revision raises :class:`Conflict`).  See docs/store.md.

Examples
--------
>>> from plansat.store import Store
>>> with Store.open(":memory:") as store:
...     store.list_projects()
[]
"""

from plansat.store.authors import acting_as, current_author
from plansat.store.errors import Conflict, NotFound, StoreError
from plansat.store.interface import ProjectStore
from plansat.store.location import ENV_VAR, data_dir, resolve_path
from plansat.store.opening import open_store
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
    "ProjectStore",
    "ProjectSummary",
    "RateLimitError",
    "RateLimits",
    "RevisionRecord",
    "SnapshotRecord",
    "Store",
    "StoreError",
    "acting_as",
    "current_author",
    "data_dir",
    "open_store",
    "resolve_path",
]
