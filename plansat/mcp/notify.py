"""The work behind ``send_notifications`` and ``plansat notify
queue``: a message per recipient, rendered from the project's current
state (status and slip, blockers, next milestones, the recipient's next
tasks), routed to the store's channels (:mod:`plansat.notify.routing`)
and queued in its outbox; with ``deliver`` a dispatcher sends them at
once and the answer says what was delivered where.  Recipients are the
project's people or addresses a channel allows; anything else is
refused (:class:`plansat.notify.RecipientError`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime

from plansat.analysis.tracking.status import status
from plansat.format import percent
from plansat.mcp.blocking import analyse, describe
from plansat.mcp.plans import (
    current_plan,
    latest_baseline,
    options,
    risk_report,
    solve_plan,
)
from plansat.mcp.runtime import AppState, Reporter
from plansat.mcp.schemas import (
    Notification,
    NotificationResult,
    NotificationType,
)
from plansat.models import Project, Result
from plansat.notify import Dispatcher, RecipientError
from plansat.notify.addresses import Target
from plansat.notify.compose import Draft, late_lines, task_rows
from plansat.notify.routing import route, targets
from plansat.options import SolveOptions
from plansat.store import OutboxMessage, ProjectRecord

__all__ = ["Facts", "gather", "notify", "render"]

log = logging.getLogger(__name__)

#: Blockers, milestones and tasks a message lists at most.
TOP = 3


@dataclass
class Facts:
    """What a message says, computed once for all recipients."""

    name: str
    revision: int
    as_of: str
    headline: str
    lines: list[str] = field(default_factory=list)
    blockers: list[str] = field(default_factory=list)
    milestones: list[str] = field(default_factory=list)
    late: list[str] = field(default_factory=list)
    upcoming: dict[str, list[str]] = field(default_factory=dict)
    plan: Result | None = None


def _plan(state: AppState, record: ProjectRecord, opts: SolveOptions,
          reporter: Reporter) -> Result:
    stored = current_plan(state.store, record)
    if stored is not None:
        return stored.result
    base = latest_baseline(state.store, record.id)
    plan, _ = solve_plan(record.project, opts, reporter,
                      base.result if base else None)
    return plan


def _status_lines(state: AppState, record: ProjectRecord, plan: Result,
                  opts: SolveOptions) -> tuple[str, list[str]]:
    project = record.project
    base = latest_baseline(state.store, record.id)
    if not plan.status.has_solution:
        return "no schedule", [f"No schedule: {plan.explanation}"]
    if project.status_date is None or base is None:
        return "planned", [
            f"Planned finish {plan.finish_date} ({plan.makespan} working "
            "days); no progress recorded yet."]
    forecast = plan if plan.replan is not None else None
    report = status(project, base.result, forecast=forecast, options=opts)
    slip = report.slip_days
    lines = [
        f"{percent(report.percent_complete / 100)} complete on "
        f"{report.status_date}; forecast finish {report.forecast_finish}"
        + (f" ({slip:+d} working days against baseline "
           f"{base.number}, {report.baseline_finish})"
           if slip is not None else ""),
    ]
    late = [t.id for t in report.tasks if (t.slip_days or 0) > 0]
    if late:
        lines.append(f"Late against the baseline: {', '.join(late)}.")
    head = ("on schedule" if not slip or slip <= 0
            else f"behind, {slip:+d} working days")
    return head, lines


def _milestones(project: Project, plan: Result) -> list[str]:
    at = project.time_now or 0
    out = [f"{r.id} {r.name or project.task(r.id).name or ''}".rstrip()
           + f" on {r.start_date}"
           for r in sorted(plan.tasks, key=lambda r: r.start)
           if r.duration == 0 and r.start >= at and r.state != "done"]
    if plan.finish_date is not None:
        out.append(f"project finish on {plan.finish_date}")
    if project.deadline is not None:
        out.append(f"deadline {project.deadline}")
    return out[:TOP + 2]


def _upcoming(project: Project, plan: Result) -> dict[str, list[str]]:
    at = project.time_now or 0
    out: dict[str, list[str]] = {}
    for r in sorted(plan.tasks, key=lambda r: (r.start, r.id)):
        if r.finish <= at or r.state == "done" or r.duration == 0:
            continue
        for pid in r.people:
            out.setdefault(pid, []).append(
                f"{r.id} {r.name or project.task(r.id).name or ''}"
                .rstrip() + f": {r.start_date} to {r.finish_date}")
    return {pid: rows[:TOP] for pid, rows in out.items()}


def gather(state: AppState, record: ProjectRecord, reporter: Reporter,
           kind: NotificationType, time_limit: float) -> Facts:
    """The facts of the messages: the plan (the stored one, else a
    solve), the status against the baseline, the blockers (for status
    updates and alerts), milestones and each person's next tasks."""
    project = record.project
    opts = options("time", time_limit)
    plan = _plan(state, record, opts, reporter)
    head, lines = _status_lines(state, record, plan, opts)
    facts = Facts(
        name=project.name, revision=record.revision,
        as_of=str(project.status_date or project.start), headline=head,
        lines=lines, milestones=_milestones(project, plan),
        upcoming=_upcoming(project, plan) if plan.tasks else {},
        plan=plan if plan.status.has_solution else None,
    )
    if kind in ("milestone", "alert") and facts.plan is not None and (
            project.deadline or any(t.deadline for t in project.tasks)):
        risk = risk_report(project, facts.plan, reporter)
        facts.late = late_lines(project, risk) if risk else []
    if kind in ("status_update", "alert"):
        report, _ = analyse(state, record, reporter, opts, "medium")
        facts.blockers = [describe(b) for b in report.blockers[:TOP]]
        if len(report.blockers) > TOP:
            facts.blockers.append(f"... and {len(report.blockers) - TOP} "
                                  "more (identify_blockers)")
    return facts


def _subject(facts: Facts, kind: NotificationType, custom: str) -> str:
    if kind == "milestone":
        nxt = facts.milestones[0] if facts.milestones else "none planned"
        return f"[{facts.name}] Next milestone: {nxt}"
    if kind == "alert":
        worst = (facts.late + facts.blockers or ["no blockers"])[0]
        return f"[{facts.name}] Alert: {worst}"
    if kind == "custom":
        first = custom.strip().splitlines()[0] if custom.strip() else ""
        return f"[{facts.name}] {first[:80]}"
    return f"[{facts.name}] Status update ({facts.as_of}): {facts.headline}"


def render(facts: Facts, kind: NotificationType, recipient: str,
           custom: str, name: str | None) -> tuple[str, str]:
    """The subject and body of one message: paragraphs separated by a
    blank line."""
    blocks = [f"Hello {name or recipient},"]
    if custom.strip():
        blocks.append(custom.strip())
    if kind != "custom":
        blocks.append("\n".join([f"{facts.name}, as of {facts.as_of}:"]
                                + [f"- {line}" for line in facts.lines]))
    for title, rows in (("Likely late (P80 after the deadline)",
                         facts.late),
                        ("Blockers", facts.blockers),
                        ("Next milestones", facts.milestones),
                        ("Your next tasks", facts.upcoming.get(recipient,
                                                               []))):
        if rows and (kind != "custom" or title == "Your next tasks"):
            blocks.append("\n".join([f"{title}:"]
                                    + [f"- {r}" for r in rows]))
    blocks.append(f"(computed by plansat from revision {facts.revision})")
    return _subject(facts, kind, custom), "\n\n".join(blocks)


def _drafts(facts: Facts, kind: NotificationType, project: Project,
            who: list[Target], custom: str) -> list[Draft]:
    out = []
    for t in who:
        name = t.person.name if t.person else None
        subject, body = render(facts, kind, t.key, custom, name)
        rows = (task_rows(project, facts.plan, t.key)
                if t.person and facts.plan else [])
        out.append(Draft(t.key, kind, subject, body, rows))
    return out


def _entry(msg: OutboxMessage) -> Notification:
    return Notification(
        id=msg.id, recipient=msg.recipient, subject=msg.subject,
        body=msg.body, created=msg.created, delivered=msg.delivered,
        channel=msg.channel, status=msg.status, address=msg.address,
        key=msg.key, attempts=msg.attempts, last_error=msg.last_error,
        delivered_at=msg.delivered_at)


def _summary(kind: str, sent: list[Notification], deliver: bool) -> str:
    done = [f"{m.recipient} on {m.channel}" for m in sent if m.delivered]
    held = [m.recipient for m in sent if m.channel == "outbox"]
    waiting = [f"{m.recipient} on {m.channel}" for m in sent
               if m.status in ("pending", "sending")]
    dead = [f"{m.recipient} on {m.channel}" for m in sent
            if m.status == "dead"]
    parts = [f"{len(sent)} {kind} message(s)"]
    shown = [f"{m.recipient} on {m.channel}" for m in sent
             if m.status == "preview" and m.channel != "outbox"]
    if shown:
        parts.append(f"would go to {', '.join(shown)}")
    if done:
        parts.append(f"delivered to {', '.join(done)}")
    if waiting:
        parts.append(("not yet delivered (retrying): " if deliver else
                      "queued for delivery (plansat notify send): ")
                     + ", ".join(waiting))
    if dead:
        parts.append(f"failed for good: {', '.join(dead)}")
    if held:
        parts.append(f"kept in the outbox, not delivered (no channel "
                     f"reaches them): {', '.join(dict.fromkeys(held))}")
    return "; ".join(parts)


def notify(
    state: AppState,
    reporter: Reporter,
    project_id: str,
    kind: NotificationType,
    recipients: list[str],
    custom_message: str,
    time_limit: float,
    deliver: bool = False,
    dry_run: bool = False,
) -> NotificationResult:
    """Render, route and queue one message per recipient (default:
    every person of the project) and channel; deliver them at once with
    ``deliver``; store nothing with ``dry_run`` (the preview).

    Raises
    ------
    RecipientError
        For a recipient who is neither a person of the project nor an
        address a channel allows.
    ValueError
        For ``deliver`` on a read-only server.
    RateLimitError
        When the recipients or the store got too many messages lately.
    """
    if kind == "custom" and not custom_message.strip():
        raise ValueError("a custom notification needs custom_message")
    if deliver and state.read_only:
        raise ValueError("a read-only server delivers nothing")
    state.limits.check_size("recipients", recipients)
    state.limits.check_size("custom_message", custom_message)
    record = state.store.get_project(project_id)
    project = record.project
    channels = state.store.list_channels(project_id)
    who = targets(project, recipients, channels)
    if not who:
        raise RecipientError(f"project {project.name!r} has no people to "
                             "notify: name recipients")
    facts = gather(state, record, reporter, kind,
                   state.limits.time_limit(time_limit))
    routed = route(record.id, project,
                   _drafts(facts, kind, project, who, custom_message),
                   channels, facts.plan, state.store.plan_count(record.id))
    if dry_run:
        sent = [Notification(
            id=0, recipient=m.recipient, subject=m.subject, body=m.body,
            created=datetime.now(UTC), channel=m.channel or "outbox",
            status="preview", address=m.address)
            for m in routed.messages]
    else:
        queued = state.store.queue_messages(project_id, routed.messages)
        if deliver:
            reporter.stage = "delivering"
            Dispatcher(state.store, timeout=min(10.0, time_limit)).run_once(
                ids=[m.id for m in queued])
            queued = state.store.outbox(ids=[m.id for m in queued])
        sent = [_entry(m) for m in queued]
    used = sorted({m.channel for m in sent})
    return NotificationResult(
        project_id=project_id, notification_type=kind, messages=sent,
        delivered=bool(sent) and all(m.delivered for m in sent),
        channel=", ".join(used) or "outbox", notes=routed.notes,
        message=("preview, nothing stored: " if dry_run else "")
        + _summary(kind, sent, deliver),
    )
