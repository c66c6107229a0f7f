"""From drafts to outbox rows: which channel carries a message to whom.

Every channel serving the project (its own and the store-wide ones)
carries each message it can: an SMTP channel to the recipient's e-mail
(a person's ``email``, or an allowed address), with the HTML table and
the person's calendar attached; a webhook channel every message (the
payload names the recipient).  A message that no channel can carry is
kept ``held`` in the outbox (``channel: "outbox"``), and the routing
says why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from plansat.models import Project, Result
from plansat.notify.addresses import (
    ChannelError,
    ChannelUrl,
    Target,
    parse_channel,
    resolve,
)
from plansat.notify.calendars import calendar_text
from plansat.notify.compose import Draft, html_body
from plansat.store import ChannelRecord, NewMessage

__all__ = ["Routed", "allowed", "plan_change_messages", "route", "targets"]


@dataclass
class Routed:
    """The outbox rows of some drafts, and notes on what can't go."""

    messages: list[NewMessage] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def allowed(channels: Sequence[ChannelRecord]) -> list[str]:
    """The addresses the channels allow besides the people."""
    return sorted({a for c in channels for a in c.allow})


def targets(project: Project, names: Sequence[str],
            channels: Sequence[ChannelRecord]) -> list[Target]:
    """The recipients ``names`` resolved (see
    :func:`plansat.notify.addresses.resolve`)."""
    return resolve(project, names, allowed(channels))


def _usable(channels: Sequence[ChannelRecord],
            notes: list[str]) -> list[tuple[str, ChannelUrl]]:
    out = []
    for c in channels:
        try:
            out.append((c.name, parse_channel(c.url)))
        except ChannelError as exc:
            notes.append(f"channel {c.name} skipped: {exc}")
    return out


def route(
    project_key: str,
    project: Project,
    drafts: Sequence[Draft],
    channels: Sequence[ChannelRecord],
    plan: Result | None = None,
    sequence: int = 0,
) -> Routed:
    """The outbox rows of ``drafts`` on ``channels``.

    Parameters
    ----------
    project_key
        The project's store id (the calendars' UIDs).
    plan, sequence
        The plan whose assignments an e-mail to a person carries as
        ``plan.ics``, and the events' ``SEQUENCE``.
    """
    out = Routed()
    usable = _usable(channels, out.notes)
    people = {p.id: p for p in project.people}
    for d in drafts:
        person = people.get(d.recipient)
        email = (person.email or "") if person else d.recipient
        html = html_body(d.body, d.rows)
        ics = ""
        if person and plan is not None and any(
                person.id in r.people for r in plan.tasks):
            ics = calendar_text(project_key, project, plan, person.id,
                                sequence=sequence)
        base = {"kind": d.kind, "recipient": d.recipient,
                "subject": d.subject, "body": d.body}
        carried = False
        for name, conf in usable:
            if conf.kind == "webhook":
                out.messages.append(NewMessage(**base, channel=name))
                carried = True
            elif email:
                out.messages.append(NewMessage(
                    **base, channel=name, address=email, html=html,
                    ics=ics))
                carried = True
            else:
                out.notes.append(f"{d.recipient} has no e-mail address: "
                                 f"not sent on {name}")
        if not carried:
            out.messages.append(NewMessage(**base, html=html, ics=ics))
    if not usable:
        out.notes.append("no delivery channel is configured: messages "
                         "are kept in the outbox (plansat notify channel "
                         "add)")
    return out


def plan_change_messages(
    project_key: str,
    project: Project,
    before: Result | None,
    after: Result,
    channels: Sequence[ChannelRecord],
    sequence: int,
) -> list[NewMessage]:
    """The outbox rows that tell each person what a new plan changed
    for them (none without a channel or a previous plan): written in the
    transaction that stores ``after``."""
    from plansat.notify.compose import change_drafts

    if before is None or not channels or not after.status.has_solution:
        return []
    drafts = change_drafts(project, before, after)
    routed = route(project_key, project, drafts, channels, after, sequence)
    return [m for m in routed.messages if m.channel is not None]
