"""Identity: each task once, with a consistent start, finish, duration,
mode, crashing and dates."""

from __future__ import annotations

from collections import Counter

from plansat.check._common import Schedule, date_of, last_day
from plansat.models.project import Task
from plansat.models.result import TaskResult


def check_ids(s: Schedule, out: list[str]) -> None:
    """Every project task exactly once, and no task unknown to it."""
    project = s.project
    counts = Counter(t.id for t in s.result.tasks)
    for tid in counts:
        if tid not in project.task_index:
            out.append(f"{tid}: not a task of the project (unknown task id)")
    for task in project.tasks:
        n = counts.get(task.id, 0)
        if n == 0:
            out.append(f"{task.id}: missing from the result")
        elif n > 1:
            out.append(f"{task.id}: listed {n} times in the result")


def check_durations(
    s: Schedule, task: Task, tr: TaskResult, out: list[str]
) -> None:
    """Start on or after day 0, ``finish = start + duration`` (at least
    that for a splittable task), and a duration that the task's mode or
    crash option allows."""
    tid = task.id
    if tr.start < 0:
        out.append(f"{tid}: start {tr.start} is before day 0")
    if s.project.splits(task) and tr.duration > 0:
        if tr.finish < tr.start + tr.duration:  # the days: see calendars
            out.append(
                f"{tid}: finish {tr.finish} < start {tr.start} + duration "
                f"{tr.duration} (a split task only grows longer)"
            )
    elif tr.finish != tr.start + tr.duration:
        out.append(
            f"{tid}: finish {tr.finish} != start {tr.start} + duration "
            f"{tr.duration}"
        )
    if tid in s.running:  # its remaining work: see the progress family
        return
    if task.modes:
        _modes(task, tr, out)
    else:
        _single_mode(task, tr, out)


def _modes(task: Task, tr: TaskResult, out: list[str]) -> None:
    """A valid mode index, its duration, and no crashing."""
    tid = task.id
    if tr.mode is None or not 0 <= tr.mode < len(task.modes):
        out.append(
            f"{tid}: mode {tr.mode} is not one of its {len(task.modes)} modes"
        )
    elif tr.duration != task.modes[tr.mode].duration:
        out.append(
            f"{tid}: duration {tr.duration} != mode {tr.mode}'s "
            f"duration {task.modes[tr.mode].duration}"
        )
    if tr.crashed:
        out.append(f"{tid}: crashed {tr.crashed} in a multi-mode task")


def _single_mode(task: Task, tr: TaskResult, out: list[str]) -> None:
    """No mode index; the task's duration, or one its crash option
    allows, with ``crashed`` the days saved."""
    tid = task.id
    if tr.mode is not None:
        out.append(f"{tid}: mode {tr.mode} given for a task without modes")
    if task.crash is not None:
        lo = task.crash.duration
        if not lo <= tr.duration <= task.duration:
            out.append(
                f"{tid}: duration {tr.duration} is outside [{lo}, "
                f"{task.duration}] (crash.duration {lo})"
            )
    elif tr.duration != task.duration:
        out.append(
            f"{tid}: duration {tr.duration} != the task's duration "
            f"{task.duration} (no crash option)"
        )
    if tr.crashed != task.duration - tr.duration:
        out.append(
            f"{tid}: crashed {tr.crashed} != {task.duration - tr.duration} "
            f"(duration {task.duration} - scheduled {tr.duration})"
        )


def check_dates(
    s: Schedule, task: Task, tr: TaskResult, out: list[str]
) -> None:
    """``start_date`` and ``finish_date`` are the calendar dates of the
    first and last working day of the task; both are MS Project's date
    for a milestone, the day before it (:func:`last_day`)."""
    if tr.start < 0:
        return
    tid, cal = task.id, s.cal
    last = last_day(tr.start, tr.finish)
    first = tr.start if tr.finish > tr.start else last
    start_date = date_of(cal, first)
    if start_date is None:
        out.append(f"{tid}: start {tr.start} has no calendar date")
    elif tr.start_date != start_date:
        out.append(
            f"{tid}: start_date {tr.start_date} is not the date of day "
            f"{first} ({start_date})"
        )
    finish_date = date_of(cal, last)
    if finish_date is not None and tr.finish_date != finish_date:
        out.append(
            f"{tid}: finish_date {tr.finish_date} is not the date of "
            f"day {last} ({finish_date})"
        )
