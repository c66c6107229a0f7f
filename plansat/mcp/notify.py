"""The MCP side of ``send_notifications``: the messages are rendered,
routed, queued and delivered by :func:`plansat.notify.outgoing.outgoing`;
here the facts come from the server (its progress reports, its executor
for large solves and Monte Carlo runs) and the answer is the tool's
:class:`~plansat.mcp.schemas.NotificationResult`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from plansat.mcp.blocking import analyse
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
from plansat.models.impact import Blocker
from plansat.models.risk import RiskReport
from plansat.notify.outgoing import Outcome, outgoing, summary
from plansat.options import SolveOptions
from plansat.store import BaselineRecord, OutboxMessage, ProjectRecord

__all__ = ["ServerSources", "notify"]

log = logging.getLogger(__name__)


@dataclass
class ServerSources:
    """The facts of a message as the server computes them (see
    :class:`plansat.notify.status_messages.Sources`)."""

    state: AppState
    reporter: Reporter
    options: SolveOptions

    def baseline(self, record: ProjectRecord) -> BaselineRecord | None:
        """The project's latest baseline, if any."""
        return latest_baseline(self.state.store, record.id)

    def plan(self, record: ProjectRecord,
             baseline: BaselineRecord | None) -> Result:
        """The stored plan of the current revision, else a solve."""
        stored = current_plan(self.state.store, record)
        if stored is not None:
            return stored.result
        plan, _ = solve_plan(record.project, self.options, self.reporter,
                             baseline.result if baseline else None)
        return plan

    def blockers(self, record: ProjectRecord, plan: Result,
                 baseline: BaselineRecord | None) -> list[Blocker]:
        """The blockers of medium severity or more."""
        report, _ = analyse(self.state, record, self.reporter,
                            self.options, "medium")
        return report.blockers

    def risk(self, project: Project, plan: Result) -> RiskReport | None:
        """The plan's Monte Carlo outlook."""
        return risk_report(project, plan, self.reporter)


def _entry(msg: OutboxMessage, preview: bool) -> Notification:
    return Notification(
        id=msg.id, recipient=msg.recipient, subject=msg.subject,
        body=msg.body, created=msg.created, delivered=msg.delivered,
        channel=msg.channel, status="preview" if preview else msg.status,
        address=msg.address, key=msg.key, attempts=msg.attempts,
        last_error=msg.last_error, delivered_at=msg.delivered_at)


def answer(project_id: str, kind: NotificationType, out: Outcome,
           deliver: bool) -> NotificationResult:
    """The tool's answer for ``out``."""
    return NotificationResult(
        project_id=project_id, notification_type=kind,
        messages=[_entry(m, out.preview) for m in out.messages],
        delivered=out.delivered, channel=out.channels, notes=out.notes,
        message=summary(out, deliver))


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
        For ``deliver`` on a read-only server, or a custom message
        without text.
    RateLimitError
        When the recipients or the store got too many messages lately.
    """
    if deliver and state.read_only:
        raise ValueError("a read-only server delivers nothing")
    state.limits.check_size("recipients", recipients)
    state.limits.check_size("custom_message", custom_message)
    limit = state.limits.time_limit(time_limit)
    sources = ServerSources(state, reporter, options("time", limit))

    def delivering() -> None:
        reporter.stage = "delivering"

    out = outgoing(state.store, sources, project_id, kind, recipients,
                   custom_message, deliver=deliver, dry_run=dry_run,
                   timeout=min(10.0, time_limit), on_deliver=delivering)
    return answer(project_id, kind, out, deliver)
