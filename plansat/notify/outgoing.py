"""The work behind ``send_notifications`` and ``plansat notify
queue/preview``: a message per recipient, rendered from the project's
current state (:mod:`plansat.notify.status_messages`), routed to the
store's channels (:mod:`plansat.notify.routing`) and queued in its
outbox within the store's rate limits; with ``deliver`` a dispatcher
sends them at once.  Recipients are the project's people or addresses a
channel allows; anything else is refused
(:class:`plansat.notify.RecipientError`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from plansat.notify.addresses import RecipientError
from plansat.notify.dispatch import Dispatcher
from plansat.notify.routing import route, targets
from plansat.notify.status_messages import Sources, drafts, gather
from plansat.store import OutboxMessage, ProjectStore

__all__ = ["Outcome", "outgoing", "summary"]


@dataclass
class Outcome:
    """What was queued (or, ``preview``, would be), and notes on what
    can't go."""

    kind: str
    messages: list[OutboxMessage] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    preview: bool = False

    @property
    def delivered(self) -> bool:
        """Whether every message was delivered."""
        return bool(self.messages) and all(m.delivered
                                           for m in self.messages)

    @property
    def channels(self) -> str:
        """The channels used, comma-separated (``outbox``: none)."""
        return ", ".join(sorted({m.channel for m in self.messages})) or (
            "outbox")


def summary(out: Outcome, deliver: bool) -> str:
    """What happened, in one sentence."""
    sent = out.messages

    def where(keep: Callable[[OutboxMessage], bool]) -> list[str]:
        return [f"{m.recipient} on {m.channel}" for m in sent if keep(m)]

    parts = [f"{len(sent)} {out.kind} message(s)"]
    shown = where(lambda m: out.preview and m.channel != "outbox")
    if shown:
        parts.append(f"would go to {', '.join(shown)}")
    done = where(lambda m: m.delivered)
    if done:
        parts.append(f"delivered to {', '.join(done)}")
    waiting = where(lambda m: not out.preview
                    and m.status in ("pending", "sending"))
    if waiting:
        parts.append(("not yet delivered (retrying): " if deliver else
                      "queued for delivery (plansat notify send): ")
                     + ", ".join(waiting))
    dead = where(lambda m: m.status == "dead")
    if dead:
        parts.append(f"failed for good: {', '.join(dead)}")
    held = [m.recipient for m in sent if m.channel == "outbox"]
    if held:
        parts.append(f"kept in the outbox, not delivered (no channel "
                     f"reaches them): {', '.join(dict.fromkeys(held))}")
    text = "; ".join(parts)
    return f"preview, nothing stored: {text}" if out.preview else text


def outgoing(
    store: ProjectStore,
    sources: Sources,
    project_id: str,
    kind: str,
    recipients: Sequence[str],
    custom_message: str = "",
    *,
    deliver: bool = False,
    dry_run: bool = False,
    timeout: float = 10.0,
    on_deliver: Callable[[], None] | None = None,
) -> Outcome:
    """Render, route and queue one message per recipient (default:
    every person of the project) and channel; deliver them at once with
    ``deliver`` (``timeout`` seconds per message; ``on_deliver`` is
    called first); store nothing with ``dry_run`` (the preview).

    Raises
    ------
    RecipientError
        For a recipient who is neither a person of the project nor an
        address a channel allows.
    ValueError
        For a custom message without text.
    RateLimitError
        When the recipients or the store got too many messages lately
        (the store's limits: :meth:`plansat.store.Store.rate_limits`).
    """
    if kind == "custom" and not custom_message.strip():
        raise ValueError("a custom notification needs custom_message")
    record = store.get_project(project_id)
    project = record.project
    channels = store.list_channels(project_id)
    who = targets(project, recipients, channels)
    if not who:
        raise RecipientError(f"project {project.name!r} has no people to "
                             "notify: name recipients")
    facts = gather(record, kind, sources)
    routed = route(record.id, project,
                   drafts(facts, kind, project, who, custom_message),
                   channels, facts.plan, store.plan_count(record.id))
    out = Outcome(kind, notes=routed.notes, preview=dry_run)
    if dry_run:
        now = datetime.now(UTC)
        out.messages = [OutboxMessage(
            id=0, project_id=project_id, created=now, kind=m.kind,
            recipient=m.recipient, subject=m.subject, body=m.body,
            channel=m.channel or "outbox", address=m.address)
            for m in routed.messages]
        return out
    queued = store.queue_messages(project_id, routed.messages)
    if deliver:
        if on_deliver is not None:
            on_deliver()
        Dispatcher(store, timeout=timeout).run_once(
            ids=[m.id for m in queued])
        queued = store.outbox(ids=[m.id for m in queued])
    out.messages = queued
    return out
