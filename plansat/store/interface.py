"""The store's interface: what every back end offers (projects,
revisions, baselines, snapshots, plans, portfolios, the outbox).

:class:`ProjectStore` lists the operations the command line, the MCP
server and the analyses use.  Two classes implement it with the same
code and the same guarantees (see docs/store.md): :class:`~plansat.
store.Store` on a SQLite file and :class:`~plansat.store.postgres.
PostgresStore` on a PostgreSQL database; :func:`plansat.store.
open_store` picks one from the store's address.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import datetime, timedelta
from typing import Any, Protocol, Self, runtime_checkable

from plansat.models import Person, Project, Resource, Result
from plansat.models.portfolio import Portfolio
from plansat.store.outbox import RateLimits
from plansat.store.portfolios import PortfolioMember, PortfolioRecord
from plansat.store.records import (
    BaselineRecord,
    ChannelRecord,
    NewMessage,
    OutboxMessage,
    PlanRecord,
    ProjectRecord,
    ProjectSummary,
    RevisionRecord,
    SnapshotRecord,
)

__all__ = ["ProjectStore"]


@runtime_checkable
class ProjectStore(Protocol):
    """A project store: projects with their revisions, baselines,
    progress snapshots, plans and outbox.

    Every write is one transaction that either happens whole, with what
    it returns read inside it, or not at all; a write against a stale
    revision raises :class:`~plansat.store.errors.Conflict`.
    """

    path: Any
    migrated: list[int]

    def close(self) -> None:
        """Release the connections."""

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc: object) -> None: ...

    def atomic(self) -> AbstractContextManager[None]:
        """The calls inside the block as one write transaction."""
        ...

    # -- projects ----------------------------------------------------------

    def create_project(
        self, project: Project, project_id: str | None = None, *,
        description: str = "", author: str | None = None,
    ) -> ProjectRecord: ...

    def get_project(
        self, project_id: str, revision: int | None = None
    ) -> ProjectRecord: ...

    def list_projects(self) -> list[ProjectSummary]: ...

    def list_revisions(self, project_id: str) -> list[RevisionRecord]: ...

    def update_project(
        self, project_id: str, project: Project, expected_revision: int,
        *, description: str | None = None, author: str | None = None,
    ) -> ProjectRecord: ...

    def delete_project(
        self, project_id: str, expected_revision: int | None = None
    ) -> None: ...

    def export_project(
        self, project_id: str, revision: int | None = None
    ) -> str: ...

    def import_project(
        self, source: str | os.PathLike[str],
        project_id: str | None = None, *,
        expected_revision: int | None = None,
    ) -> ProjectRecord: ...

    # -- what is kept with them --------------------------------------------

    def set_baseline(
        self, project_id: str, result: Result, note: str = "", *,
        revision: int | None = None, messages: Sequence[NewMessage] = (),
    ) -> BaselineRecord: ...

    def get_baseline(
        self, project_id: str, number: int | None = None
    ) -> BaselineRecord: ...

    def list_baselines(self, project_id: str) -> list[BaselineRecord]: ...

    def add_snapshot(
        self, project_id: str, project: Project, *,
        messages: Sequence[NewMessage] = (),
    ) -> SnapshotRecord: ...

    def list_snapshots(self, project_id: str) -> list[SnapshotRecord]: ...

    def save_plan(
        self, project_id: str, result: Result, kind: str = "solve",
        options: Mapping[str, Any] | None = None, *,
        revision: int | None = None, messages: Sequence[NewMessage] = (),
    ) -> PlanRecord: ...

    def latest_plan(
        self, project_id: str, kind: str | None = None
    ) -> PlanRecord | None: ...

    # -- portfolios --------------------------------------------------------

    def save_portfolio(
        self, portfolio_id: str, members: list[PortfolioMember], *,
        name: str | None = None, people: list[Person] | None = None,
        resources: list[Resource] | None = None,
    ) -> PortfolioRecord: ...

    def get_portfolio(self, portfolio_id: str) -> PortfolioRecord: ...

    def list_portfolios(self) -> list[PortfolioRecord]: ...

    def delete_portfolio(self, portfolio_id: str) -> None: ...

    def load_portfolio(self, portfolio_id: str) -> Portfolio: ...

    # -- outbox ------------------------------------------------------------

    def add_message(
        self, project_id: str, kind: str, recipient: str, subject: str,
        body: str,
    ) -> OutboxMessage: ...

    def list_messages(self, project_id: str) -> list[OutboxMessage]: ...

    def queue_messages(
        self, project_id: str, messages: Sequence[NewMessage],
        limits: RateLimits | None = None,
    ) -> list[OutboxMessage]: ...

    def outbox(
        self, project_id: str | None = None,
        statuses: Sequence[str] | None = None,
        ids: Sequence[int] | None = None,
    ) -> list[OutboxMessage]: ...

    def plan_count(self, project_id: str) -> int: ...

    def rate_limits(self) -> RateLimits: ...

    def set_rate_limits(
        self, per_recipient: int | None = None,
        per_store: int | None = None, window: timedelta | None = None,
    ) -> RateLimits: ...

    # -- delivery: claims by exactly one dispatcher ------------------------

    def claim_message(
        self, worker: str, at: datetime, lease: timedelta,
        ids: Sequence[int] | None = None,
    ) -> OutboxMessage | None: ...

    def mark_delivered(
        self, message_id: int, worker: str, at: datetime
    ) -> bool: ...

    def mark_failed(
        self, message_id: int, worker: str, error: str,
        retry_at: datetime | None,
    ) -> bool: ...

    # -- delivery channels -------------------------------------------------

    def add_channel(
        self, name: str, url: str, *, project_id: str | None = None,
        allow: Sequence[str] = (),
    ) -> ChannelRecord: ...

    def list_channels(
        self, project_id: str | None = None
    ) -> list[ChannelRecord]: ...

    def remove_channel(self, name: str) -> None: ...
