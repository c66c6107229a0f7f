"""What the store returns: frozen pydantic records.

Each record carries its keys (project id, revision, number) and the
UTC time it was written, next to the validated contract object it holds
(a :class:`~plansat.models.Project` or a :class:`~plansat.models.Result`).
Records serialise with ``model_dump_json`` like the contracts, so the
command line and the MCP server can hand them out as they are.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from plansat.models import Project, Result

__all__ = [
    "BaselineRecord",
    "ChannelRecord",
    "MessageStatus",
    "NewMessage",
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
    """One entry of a project's revision history.

    Attributes
    ----------
    author
        Who wrote it: the identity of the MCP server's token, the
        ``author`` a caller gave, or ``""`` when nobody said.
    """

    project_id: str
    revision: int
    created: datetime
    name: str
    author: str = ""


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


#: Where a message stands: ``held`` (kept, not to be sent: no channel),
#: ``pending`` (waiting for a dispatcher), ``sending`` (claimed),
#: ``delivered`` or ``dead`` (failed too often; listed, never dropped).
MessageStatus = Literal["held", "pending", "sending", "delivered", "dead"]


class OutboxMessage(_Record):
    """A rendered message in the outbox.

    The store delivers nothing itself; a dispatcher
    (:mod:`plansat.notify.dispatch`) claims ``pending`` messages, sends
    them on their ``channel`` and records the outcome.  A message
    without a channel stays ``held`` with ``channel == "outbox"``.

    Attributes
    ----------
    key
        The idempotency key: the same on every attempt (the e-mail's
        ``Message-ID``, the webhook's ``Idempotency-Key``).
    address
        Where the channel sends it (an e-mail address; empty for a
        webhook, whose URL is the channel's).
    html, ics
        The HTML alternative and the iCalendar attachment (may be
        empty).
    attempts, last_error, next_attempt, delivered_at
        The delivery's history: attempts made, the last failure, when
        the next attempt is due and when it was delivered (UTC).
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
    key: str = ""
    address: str = ""
    html: str = ""
    ics: str = ""
    status: MessageStatus = "held"
    attempts: int = 0
    last_error: str = ""
    next_attempt: datetime | None = None
    delivered_at: datetime | None = None


class NewMessage(_Record):
    """A message to put into the outbox (see
    :meth:`~plansat.store.Store.queue_messages`); ``channel`` ``None``
    keeps it ``held``.  ``key`` (default: a fresh one) is its idempotency
    key: a message whose key the outbox already holds is not written
    again (an event's messages derive theirs from the project, the event
    and the revision, so recording an event twice sends it once)."""

    kind: str
    recipient: str
    subject: str
    body: str
    channel: str | None = None
    address: str = ""
    html: str = ""
    ics: str = ""
    key: str = ""


class ChannelRecord(_Record):
    """A delivery channel of the store.

    Attributes
    ----------
    name
        Its name (unique in the store).
    url
        ``smtp://``, ``smtps://``, ``webhook+https://`` or
        ``webhook+http://`` (loopback only); never a password.
    project_id
        The project it serves (``None``: every project).
    allow
        Addresses besides the project's people that may be addressed.
    """

    name: str
    url: str
    project_id: str | None = None
    allow: list[str] = Field(default_factory=list)
    created: datetime
