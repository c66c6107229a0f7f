"""Progress: a re-plan keeps history where it happened.

Only for results that say they are re-plans (``result.replan``), against
the project's own progress (never the result's claims):

- the status date and its working day (AT) are the project's;
- a finished task sits at its actual dates (start on the actual start's
  working day, finish after the actual finish's), with the people who
  worked it when the progress names them;
- a task in progress keeps its actual start, and its row is the
  remaining work: starting on or after AT, lasting exactly the days left
  (``remaining``, else ``duration × (1 − percent_complete/100)`` rounded
  up), with the people who work it when the progress names them;
- nothing unstarted starts before AT;
- every row's ``state`` says which of the three it is.

The arithmetic (the days left, the working days of the actual dates) is
done here, not taken from the code that made the re-plan.
"""

from __future__ import annotations

import math

from plansat.check._common import Schedule, actual_days, names, when
from plansat.check.identity import check_dates
from plansat.models.entities import Task
from plansat.models.progress import Progress
from plansat.models.result import TaskResult


def check_progress(s: Schedule, out: list[str]) -> None:
    """History respected, nothing unstarted before the status date,
    remaining durations honoured (re-plans only)."""
    info = s.result.replan
    if info is None:
        return
    project, cal = s.project, s.cal
    if project.status_date is not None and (
        info.status_date != project.status_date
    ):
        out.append(
            f"replan.status_date {info.status_date} is not the project's "
            f"{project.status_date}"
        )
    now = cal.index_on_or_after(info.status_date)
    if info.time_now != now:
        out.append(
            f"replan.time_now {info.time_now} is not the working day of "
            f"{info.status_date} ({now})"
        )
    for task in project.tasks:
        tr = s.done.get(task.id) or s.tasks.get(task.id)
        if tr is None:
            continue
        pr = task.progress
        if pr is not None and pr.actual_finish is not None:
            _done(s, task, pr, tr, out)
            check_dates(s, task, tr, out)
        elif pr is not None and pr.actual_start is not None:
            _running(s, task, pr, tr, now, out)
        else:
            _state(task, tr, "not_started", out)
            if tr.start < now:
                out.append(
                    f"{task.id}: not started, yet scheduled on "
                    f"{when(cal, tr.start)}, before the status date "
                    f"{info.status_date} (day {now})"
                )


def _state(task: Task, tr: TaskResult, want: str, out: list[str]) -> None:
    if tr.state != want:
        out.append(f"{task.id}: state {tr.state} but its progress says "
                   f"{want}")


def _people(task: Task, pr: Progress, tr: TaskResult, out: list[str]) -> None:
    if pr.people is not None and sorted(tr.people) != sorted(pr.people):
        out.append(
            f"{task.id}: people {names(tr.people) or 'none'} but "
            f"{names(pr.people) or 'none'} worked it"
        )


def _done(
    s: Schedule, task: Task, pr: Progress, tr: TaskResult, out: list[str]
) -> None:
    """A finished task at its actual dates."""
    assert pr.actual_start is not None and pr.actual_finish is not None
    _state(task, tr, "done", out)
    start, finish = actual_days(s.cal, task, pr.actual_start,
                                pr.actual_finish)
    if (tr.start, tr.finish) != (start, finish):
        out.append(
            f"{task.id}: done from {pr.actual_start} to {pr.actual_finish} "
            f"(days {start} to {finish}), scheduled {tr.start} to "
            f"{tr.finish}"
        )
    if tr.duration != tr.finish - tr.start:
        out.append(
            f"{task.id}: duration {tr.duration} != finish {tr.finish} - "
            f"start {tr.start}"
        )
    _people(task, pr, tr, out)


def _running(
    s: Schedule,
    task: Task,
    pr: Progress,
    tr: TaskResult,
    now: int,
    out: list[str],
) -> None:
    """A task in progress: actual start kept, the rest from AT on."""
    assert pr.actual_start is not None
    _state(task, tr, "in_progress", out)
    began, _ = actual_days(s.cal, task, pr.actual_start, None)
    if tr.actual_start != began:
        out.append(
            f"{task.id}: actual_start {tr.actual_start} is not the working "
            f"day of {pr.actual_start} ({began})"
        )
    if tr.start < now:
        out.append(
            f"{task.id}: its remaining work resumes on day {tr.start}, "
            f"before the status date (day {now})"
        )
    left = _days_left(task, pr)
    if tr.duration != left:
        out.append(
            f"{task.id}: {tr.duration} days scheduled for the remaining "
            f"work, {left} left"
        )
    if tr.crashed:
        out.append(f"{task.id}: crashed {tr.crashed} while in progress")
    _people(task, pr, tr, out)


def _days_left(task: Task, pr: Progress) -> int:
    """Days of work left: ``remaining``, else the share of the duration
    not done, rounded up."""
    if pr.remaining is not None:
        return pr.remaining
    left = task.duration * (100 - pr.percent_complete) / 100
    return max(0, math.ceil(left - 1e-9))
