"""Shared helpers of the checker: the schedule under check, tolerance,
dates and plurals.

Like the rest of :mod:`plansat.check`, this module only imports
:mod:`plansat.models` and the standard library.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from plansat.models.calendar import WorkCalendar
from plansat.models.project import Mode, Person, Project, Task
from plansat.models.result import Result, TaskResult

#: Relative tolerance for money and load comparisons.
REL_TOL = 1e-6


@dataclass(frozen=True)
class Schedule:
    """A result under check, with what every family needs at hand.

    Attributes
    ----------
    project
        The project that was solved.
    result
        The result claiming to schedule ``project``.
    cal
        ``project.work_calendar``.
    tasks
        The first entry of ``result.tasks`` for each project task, by id;
        unknown ids and repeats are left to the identity family.  In a
        re-plan (``result.replan``), the forecast only: the rows of tasks
        the project reports as done are in ``done`` instead.
    done
        Re-plans only: rows of the tasks whose progress says they are
        finished (history, checked by :mod:`~plansat.check.progress`).
    running
        Re-plans only: the actual start day of each task in progress
        (its row is the remaining work).
    """

    project: Project
    result: Result
    cal: WorkCalendar
    tasks: dict[str, TaskResult]
    done: dict[str, TaskResult] = field(default_factory=dict)
    running: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, project: Project, result: Result) -> Schedule:
        """The schedule of ``result`` for ``project``."""
        rows = first_by_id(project, result)
        done, running = split_history(project, result)
        forecast = {k: v for k, v in rows.items() if k not in done}
        return cls(
            project,
            result,
            project.work_calendar,
            forecast,
            {k: rows[k] for k in done if k in rows},
            running,
        )

    def scheduled(self) -> Iterable[tuple[Task, TaskResult]]:
        """(task, its entry) for each scheduled task, in project order."""
        for task in self.project.tasks:
            tr = self.tasks.get(task.id)
            if tr is not None:
                yield task, tr


#: A check of the whole schedule; appends its messages to the list.
Check = Callable[[Schedule, list[str]], None]

#: A check of one scheduled task; appends its messages to the list.
TaskRule = Callable[[Schedule, Task, TaskResult, list[str]], None]


def each_task(*rules: TaskRule) -> Check:
    """A check running ``rules`` in turn on each scheduled task, task by
    task in project order (so the messages of one task stay together)."""

    def check(s: Schedule, out: list[str]) -> None:
        for task, tr in s.scheduled():
            for rule in rules:
                rule(s, task, tr, out)

    names = ", ".join(getattr(r, "__name__", repr(r)) for r in rules)
    check.__name__ = check.__qualname__ = f"each_task({names})"
    return check


def close(value: float, expected: float) -> bool:
    """Whether ``value`` equals ``expected`` up to :data:`REL_TOL`."""
    return abs(value - expected) <= REL_TOL * max(1.0, abs(expected))


def chosen(task: Task, tr: TaskResult) -> Mode:
    """The mode ``tr`` runs ``task`` in (its own fields for a single-mode
    task); an invalid index falls back to the first mode (reported by
    the identity family)."""
    if task.modes and tr.mode is not None and 0 <= tr.mode < len(task.modes):
        return task.modes[tr.mode]
    return task.alternatives[0]


def split_history(
    project: Project, result: Result
) -> tuple[set[str], dict[str, int]]:
    """For a re-plan: the ids of the tasks the project reports done, and
    the actual start day of each task in progress (both from the
    project's progress, not from the result's claims).  Empty for any
    other result."""
    if result.replan is None:
        return set(), {}
    cal = project.work_calendar
    done: set[str] = set()
    running: dict[str, int] = {}
    for task in project.tasks:
        pr = task.progress
        if pr is None or pr.actual_start is None:
            continue
        if pr.actual_finish is not None:
            done.add(task.id)
        else:
            running[task.id], _ = actual_days(cal, task, pr.actual_start,
                                              None)
    return done, running


def first_by_id(project: Project, result: Result) -> dict[str, TaskResult]:
    """First scheduled entry of each project task."""
    sched: dict[str, TaskResult] = {}
    for tr in result.tasks:
        if tr.id in project.task_index:
            sched.setdefault(tr.id, tr)
    return sched


def latest_finish(result: Result) -> int:
    """The latest finish of the result's tasks (0 without tasks)."""
    return max((t.finish for t in result.tasks), default=0)


def date_of(cal: WorkCalendar, day: int) -> date | None:
    """Date of working day ``day``; ``None`` when it has none."""
    try:
        return cal.date_of(day)
    except (ValueError, OverflowError):
        return None


def last_day(start: int, finish: int) -> int:
    """Working day whose date a task occupying ``[start, finish)``
    finishes on: ``finish - 1``; for a milestone (``start == finish``),
    MS Project's date, the end of the day before it (day 0 for a
    milestone at day 0)."""
    return finish - 1 if finish > start else max(start - 1, 0)


def actual_days(
    cal: WorkCalendar, task: Task, first: date, last: date | None
) -> tuple[int, int | None]:
    """Working days ``[start, finish)`` of work reported from ``first``
    to ``last`` (``None`` while in progress).  A milestone reported on
    ``first`` is at the day after the last working day on or before it,
    where :func:`last_day` dates it on ``first`` again."""
    if task.duration == 0:
        day = cal.index_on_or_before(first) + 1
        return day, (None if last is None else day)
    start = cal.index_on_or_after(first)
    if last is None:
        return start, None
    return start, max(cal.index_on_or_before(last) + 1, start)


def when(cal: WorkCalendar, day: int) -> str:
    """``"2025-07-14 (day 5)"``, or ``"day 5"`` when it has no date."""
    d = date_of(cal, day)
    return f"{d} (day {day})" if d is not None else f"day {day}"


def vacation_days(cal: WorkCalendar, person: Person) -> list[range]:
    """Working-day ranges of ``person``'s ``unavailable`` dates.

    One range per vacation as given, not merged (they may overlap, touch
    or nest), without the vacations that cover no working day.  Worked
    out here from the calendar rather than taken from
    :meth:`~plansat.models.project.Project.blocked_days`, which the
    solver uses, so that a bug there shows up here.
    """
    ranges = [cal.days_between(u.start, u.end) for u in person.unavailable]
    return [r for r in ranges if len(r)]


def names(ids: Iterable[str]) -> str:
    """``"a, b, c"``."""
    return ", ".join(ids)


def plural(n: int, word: str, many: str | None = None) -> str:
    """``"1 day"``, ``"2 days"``; ``many`` for irregular plurals."""
    return f"{n} {word if n == 1 else many or word + 's'}"
