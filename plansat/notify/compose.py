"""What a message says beyond the status update: what a re-plan changed
for each person (from the plan diff, not the whole plan), a person's
new overload, a milestone whose P80 passed its deadline, and the HTML
alternative with a table of the person's next tasks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from html import escape

from plansat.analysis.impact.plan_diff import moves
from plansat.format import percent
from plansat.models import Project, Result, TaskResult
from plansat.models.risk import RiskReport

__all__ = [
    "Draft",
    "Row",
    "change_drafts",
    "html_body",
    "late_lines",
    "late_milestones",
    "task_rows",
]

#: Tasks a message's table lists at most.
ROWS = 10


@dataclass(frozen=True)
class Row:
    """A line of the task table: id, title, first and last day."""

    task: str
    title: str
    start: date
    finish: date


@dataclass
class Draft:
    """A message before it is routed to channels."""

    recipient: str
    kind: str
    subject: str
    body: str
    rows: list[Row] = field(default_factory=list)


def _title(project: Project, row: TaskResult) -> str:
    return row.name or project.task(row.id).name or row.id


def task_rows(project: Project, result: Result, person: str) -> list[Row]:
    """``person``'s tasks in ``result`` that are not over at the data
    date (at most :data:`ROWS`), by start."""
    at = project.time_now or 0
    return [Row(r.id, _title(project, r), r.start_date, r.finish_date)
            for r in sorted(result.tasks, key=lambda r: (r.start, r.id))
            if person in r.people and r.finish > at and r.state != "done"
            ][:ROWS]


def html_body(body: str, rows: list[Row]) -> str:
    """The HTML alternative: the text's paragraphs and the table."""
    paragraphs = "".join(
        "<p>" + escape(block).replace("\n", "<br>\n") + "</p>\n"
        for block in body.split("\n\n"))
    table = ""
    if rows:
        cells = "".join(
            f"<tr><td>{escape(r.task)}</td><td>{escape(r.title)}</td>"
            f"<td>{r.start}</td><td>{r.finish}</td></tr>\n" for r in rows)
        table = ("<table border=\"1\" cellpadding=\"4\" "
                 "style=\"border-collapse:collapse\">\n<tr><th>Task</th>"
                 "<th>Name</th><th>Start</th><th>Finish</th></tr>\n"
                 f"{cells}</table>\n")
    return f"<html><body>\n{paragraphs}{table}</body></html>\n"


def _person_lines(project: Project, before: Result, after: Result,
                  person: str) -> list[str]:
    old = {t.id: t for t in before.tasks}
    new = {t.id: t for t in after.tasks}
    lines = []
    for m in moves(before.tasks, after.tasks):
        was = old[m.id]
        if person in new[m.id].people and person in was.people:
            lines.append(
                f"{m.id} {_title(project, new[m.id])} moves: "
                f"{was.start_date} to {was.finish_date} -> "
                f"{m.start_date} to {m.finish_date} "
                f"({m.delta_finish:+d} working days at the finish)")
    for tid, row in new.items():
        had = person in old[tid].people if tid in old else False
        if person in row.people and not had:
            lines.append(f"{tid} {_title(project, row)} is now yours: "
                         f"{row.start_date} to {row.finish_date}")
    for tid, row in old.items():
        if person in row.people and person not in new.get(
                tid, row).people:
            lines.append(f"{tid} {_title(project, row)} is no longer "
                         "yours")
    return lines


def _overloaded(result: Result) -> dict[str, float]:
    return {x.person: x.load for x in result.loads if x.load > 1 + 1e-9}


def change_drafts(project: Project, before: Result,
                  after: Result) -> list[Draft]:
    """One ``plan_change`` message per person whose tasks or dates
    changed from ``before`` to ``after`` (moves, tasks gained and lost),
    and an ``alert`` per person who became overloaded."""
    out = []
    was_over, now_over = _overloaded(before), _overloaded(after)
    for person in project.people:
        lines = _person_lines(project, before, after, person.id)
        name = person.name or person.id
        if lines:
            body = "\n\n".join([
                f"Hello {name},",
                f"{project.name} was re-planned; for you this changes:",
                "\n".join(f"- {line}" for line in lines),
                f"The plan now finishes on {after.finish_date}."])
            out.append(Draft(
                person.id, "plan_change",
                f"[{project.name}] Plan changed: {len(lines)} change(s) "
                "for you", body, task_rows(project, after, person.id)))
        if person.id in now_over and person.id not in was_over:
            load = now_over[person.id]
            out.append(Draft(
                person.id, "alert",
                f"[{project.name}] Overload: {name} at "
                f"{percent(load)}",
                f"Hello {name},\n\nin the new plan of {project.name} "
                f"your load is {percent(load)} of your available days.",
                task_rows(project, after, person.id)))
    return out


def late_milestones(project: Project, risk: RiskReport) -> dict[str, str]:
    """The milestones (and ``"project"``: the project finish) whose P80
    is after their deadline: less than an 80 % chance to meet it in the
    Monte Carlo simulation ``risk`` of the plan; a line each."""
    out = {}
    for t in risk.tasks:
        task = project.task(t.id)
        if (task.duration == 0 and t.deadline is not None
                and t.deadline_probability is not None
                and t.deadline_probability < 0.8):
            out[t.id] = (
                f"milestone {t.id} {task.name or ''}".rstrip()
                + f": its P80 is after the deadline {t.deadline} "
                f"({percent(t.deadline_probability, 0)} chance to meet "
                "it)")
    if risk.deadline is not None and risk.finish_dates.p80 > risk.deadline:
        out["project"] = (f"project finish: P80 {risk.finish_dates.p80} "
                          f"is after the deadline {risk.deadline}")
    return out


def late_lines(project: Project, risk: RiskReport) -> list[str]:
    """The lines of :func:`late_milestones`."""
    return list(late_milestones(project, risk).values())
