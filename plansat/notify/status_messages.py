"""What a status update, milestone, alert or custom message says: the
facts, computed once for all recipients (status and slip against the
baseline, blockers, next milestones and those likely late, each
person's next tasks), and each recipient's subject and body.

The facts come from a :class:`Sources` (the plan, the baseline, the
blockers, the Monte Carlo outlook): :class:`plansat.notify.sources.
StoreSources` computes them from the store; the MCP server passes its
own, which reports progress and sends large solves to its executor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from plansat.analysis.tracking.status import status
from plansat.format import money, percent
from plansat.models import Project, Result
from plansat.models.impact import Blocker
from plansat.models.risk import RiskReport
from plansat.notify.addresses import Target
from plansat.notify.compose import Draft, late_lines, task_rows
from plansat.options import SolveOptions
from plansat.store import BaselineRecord, ProjectRecord

__all__ = [
    "TOP",
    "Facts",
    "Sources",
    "describe",
    "drafts",
    "gather",
    "render",
]

#: Blockers, milestones and tasks a message lists at most.
TOP = 3


class Sources(Protocol):
    """Where the facts of a message come from."""

    options: SolveOptions

    def plan(self, record: ProjectRecord,
             baseline: BaselineRecord | None) -> Result:
        """The project's current plan (stored, else solved)."""
        ...

    def baseline(self, record: ProjectRecord) -> BaselineRecord | None:
        """The project's latest baseline, if any."""
        ...

    def blockers(self, record: ProjectRecord, plan: Result,
                 baseline: BaselineRecord | None) -> list[Blocker]:
        """The plan's blockers of medium severity or more, worst
        first."""
        ...

    def risk(self, project: Project, plan: Result) -> RiskReport | None:
        """The plan's Monte Carlo outlook."""
        ...


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


def _status_lines(project: Project, base: BaselineRecord | None,
                  plan: Result, opts: SolveOptions) -> tuple[str, list[str]]:
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


def describe(b: Blocker) -> str:
    """A blocker in one line, with its impact."""
    impact = []
    if b.impact_days and b.category == "skills":  # what a hire saves
        impact.append(f"one more person saves {b.impact_days} working "
                      "days")
    elif b.impact_days:
        impact.append(f"finish {b.impact_days:+d} working days")
    if b.impact_cost:
        impact.append(money(b.impact_cost))
    tail = f" ({', '.join(impact)})" if impact else ""
    return f"[{b.severity}] {b.title}{tail}"


def gather(record: ProjectRecord, kind: str, sources: Sources) -> Facts:
    """The facts of the messages: the plan, the status against the
    baseline, the blockers (for status updates and alerts), milestones
    (and, for milestone messages and alerts, those likely late) and
    each person's next tasks."""
    project = record.project
    base = sources.baseline(record)
    plan = sources.plan(record, base)
    head, lines = _status_lines(project, base, plan, sources.options)
    facts = Facts(
        name=project.name, revision=record.revision,
        as_of=str(project.status_date or project.start), headline=head,
        lines=lines, milestones=_milestones(project, plan),
        upcoming=_upcoming(project, plan) if plan.tasks else {},
        plan=plan if plan.status.has_solution else None,
    )
    if kind in ("milestone", "alert") and facts.plan is not None and (
            project.deadline or any(t.deadline for t in project.tasks)):
        risk = sources.risk(project, facts.plan)
        facts.late = late_lines(project, risk) if risk else []
    if kind in ("status_update", "alert"):
        found = sources.blockers(record, plan, base)
        facts.blockers = [describe(b) for b in found[:TOP]]
        if len(found) > TOP:
            facts.blockers.append(f"... and {len(found) - TOP} more "
                                  "(identify_blockers)")
    return facts


def _subject(facts: Facts, kind: str, custom: str) -> str:
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


def render(facts: Facts, kind: str, recipient: str, custom: str,
           name: str | None) -> tuple[str, str]:
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


def drafts(facts: Facts, kind: str, project: Project,
           who: Sequence[Target], custom: str) -> list[Draft]:
    """One draft per recipient (with the table of a person's tasks)."""
    out = []
    for t in who:
        name = t.person.name if t.person else None
        subject, body = render(facts, kind, t.key, custom, name)
        rows = (task_rows(project, facts.plan, t.key)
                if t.person and facts.plan else [])
        out.append(Draft(t.key, kind, subject, body, rows))
    return out
