"""Windows: earliest starts, task and project deadlines, and the
makespan with the project's finish date."""

from __future__ import annotations

from datetime import date

from plansat.check._common import (
    Schedule,
    date_of,
    last_day,
    latest_finish,
    when,
)
from plansat.models.project import Task
from plansat.models.result import TaskResult


def check_window(
    s: Schedule, task: Task, tr: TaskResult, out: list[str]
) -> None:
    """No start before the task's earliest start, no finish after its
    deadline or the project's: the date it finishes on (a milestone's:
    MS Project's, the day before it) is on or before the deadline."""
    tid, cal, project = task.id, s.cal, s.project
    earliest = project.earliest_start_index(task)
    passed = _passed(s)
    if (task.earliest_start is not None and tr.start < earliest
            and tid not in s.running):
        out.append(
            f"{tid}: starts on {when(cal, tr.start)}, before its "
            f"earliest_start {task.earliest_start} (day {earliest})"
        )
    for what, deadline in (
        ("its deadline", task.deadline),
        ("the project deadline", project.deadline),
    ):
        if deadline is None or (passed is not None and deadline < passed):
            continue
        dated = date_of(cal, last_day(tr.start, tr.finish))
        if dated is None or dated > deadline:
            # the largest finish dated by the deadline; none for a
            # milestone when the deadline is before day 0
            bound = cal.index_on_or_before(deadline) + 1
            bound = bound if bound or tr.finish > tr.start else -1
            out.append(
                f"{tid}: finishes at day {tr.finish} "
                f"({dated}), after {what} {deadline} "
                f"(finish must be <= {bound})"
            )


def _passed(s: Schedule) -> date | None:
    """In a re-plan, the first forecast day's date: deadlines before it
    have passed and the re-plan reports them as warnings instead."""
    info = s.result.replan
    if info is None:
        return None
    return date_of(s.cal, s.cal.index_on_or_after(info.status_date))


def check_makespan(s: Schedule, out: list[str]) -> None:
    """``makespan`` is the latest finish and ``finish_date`` the date of
    the last working day."""
    result = s.result
    latest = latest_finish(result)
    if result.makespan is None:
        out.append(f"makespan is missing (the latest finish is {latest})")
    elif result.makespan != latest:
        out.append(
            f"makespan is {result.makespan} but the latest finish is {latest}"
        )
    last = max(latest - 1, 0)
    expected = date_of(s.cal, last)
    if result.finish_date is None:
        out.append(f"finish_date is missing (expected {expected})")
    elif expected is not None and result.finish_date != expected:
        out.append(
            f"finish_date {result.finish_date} is not the date of day "
            f"{last} ({expected})"
        )
