"""What the store returns: frozen pydantic records.

Each record carries its keys (project id, revision, number) and the
UTC time it was written, next to the validated contract object it holds
(a :class:`~plansat.models.Project` or a :class:`~plansat.models.Result`).
Records serialise with ``model_dump_json`` like the contracts, so the
command line and the MCP server can hand them out as they are.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from plansat.models import Project, Result

__all__ = [
    "BaselineRecord",
    "OutboxMessage",
    "PlanRecord",
    "ProjectRecord",
    "ProjectSummary",
    "RevisionRecord",
    "SnapshotRecord",
]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ProjectSummary(_Record):
    """A stored project without its body (what :meth:`Store.list_projects`
    returns).

    Attributes
    ----------
    id
        The project id (unique in the store).
    name
        The project's ``name`` at this revision.
    description
        Free text kept next to the project (not part of the contract).
    revision
        The revision number: 1 when created, one more per update.
    created, updated
        When the project was created and when this revision was written
        (UTC).
    """

    id: str
    name: str
    description: str = ""
    revision: int
    created: datetime
    updated: datetime


class ProjectRecord(ProjectSummary):
    """A stored project at one revision, with the validated project."""

    project: Project


class RevisionRecord(_Record):
    """One entry of a project's revision history."""

    project_id: str
    revision: int
    created: datetime
    name: str


class BaselineRecord(_Record):
    """A numbered baseline: a saved result (0, 1, 2, ... per project).

    Attributes
    ----------
    revision
        The project revision the result was solved from.
    """

    project_id: str
    number: int
    revision: int
    created: datetime
    result: Result
    note: str = ""


class SnapshotRecord(_Record):
    """A progress snapshot: the project as it stood on ``status_date``
    (its ``status_date`` and task ``progress``).

    Attributes
    ----------
    id
        The snapshot's number in the store.
    revision
        The project's revision when the snapshot was recorded.
    """

    id: int
    project_id: str
    revision: int
    status_date: date
    created: datetime
    project: Project


class PlanRecord(_Record):
    """A solved plan (``kind`` says what made it: ``"solve"``,
    ``"replan"``, ...) with the options it was solved with.

    Attributes
    ----------
    revision
        The project revision the plan was solved from.
    """

    id: int
    project_id: str
    revision: int
    created: datetime
    kind: str
    options: dict[str, Any] = Field(default_factory=dict)
    result: Result


class OutboxMessage(_Record):
    """A rendered message waiting in the outbox.

    The store never delivers anything: ``delivered`` stays ``False`` and
    ``channel`` stays ``"outbox"`` unless a delivery hook records
    otherwise.
    """

    id: int
    project_id: str
    created: datetime
    kind: str
    recipient: str
    subject: str
    body: str
    delivered: bool = False
    channel: str = "outbox"
