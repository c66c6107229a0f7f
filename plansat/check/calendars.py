"""Calendars: nobody works a day off, and a split task counts its days.

A person works a grid day (a working day of the project's calendar)
unless it falls in one of their ``unavailable`` ranges or their own
``calendar`` says the date is free: its weekday is not a working day of
the week of the pattern it falls in, or it is one of the calendar's
``holidays`` or a public holiday of its ``region`` (looked up in the
``holidays`` package).  Worked out here date by date, independently of
:mod:`plansat.models.person_calendar` and :meth:`~plansat.models.
project.Project.blocked_days`, which the planners use.

- A task that doesn't split needs each of its people on every day of
  ``[start, finish)``, and its own ``calendar`` (if any) working each of
  them.
- A splittable task (its ``splittable``, else the project's) starts and
  ends on days all its people work (and its own calendar works), and
  ``duration`` counts exactly the days of ``[start, finish)`` they all
  work (it pauses on the others).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from plansat.check._common import Schedule, chosen, vacation_days, when
from plansat.check.capacity import staffed
from plansat.models.project import Calendar, Person, Project, Task
from plansat.models.result import TaskResult

_WEEK = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class Workdays:
    """Which grid days each person works, decided date by date."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.cal = project.work_calendar
        self.vacations = {
            p.id: vacation_days(self.cal, p) for p in project.people
        }
        self.regions: dict[tuple[str, str | None], Any] = {}

    def free(
        self, person: Person, day: int, vacations: bool = True
    ) -> str | None:
        """Why ``person`` doesn't work grid day ``day`` (``None`` when
        they do); ``vacations=False`` asks their calendar only."""
        if vacations and any(day in r for r in self.vacations[person.id]):
            return "on vacation"
        return self.off(person.calendar, day)

    def off(self, cal: Calendar | None, day: int) -> str | None:
        """Why calendar ``cal`` (``None``: the project's) doesn't work
        grid day ``day`` (``None`` when it does)."""
        if cal is None:
            return None
        when_ = self.cal.date_of(day)
        if when_ in cal.holidays:
            return "a holiday of their calendar"
        if cal.region is not None and self._public(cal.region, when_):
            return "a public holiday of their region"
        first = cal.weeks_from or self.project.start
        monday = first - timedelta(days=first.weekday())
        weeks = cal.weeks or [cal.workdays]
        week = weeks[((when_ - monday).days // 7) % len(weeks)]
        if _WEEK[when_.weekday()] not in week:
            return "not a working weekday of their calendar"
        return None

    def days_off(self, person: Person, horizon: int) -> int:
        """Grid days of ``[0, horizon)`` ``person`` doesn't work."""
        return sum(
            self.free(person, day) is not None for day in range(horizon)
        )

    def _public(self, region: Any, day: date) -> bool:
        import holidays

        key = (region.country, region.subdivision)
        if key not in self.regions:
            self.regions[key] = holidays.country_holidays(
                region.country, subdiv=region.subdivision
            )
        return day in self.regions[key]


def check_days_off(s: Schedule, out: list[str]) -> None:
    """Nobody works a task on a day their own calendar makes free; one
    message per person and task, naming the first such day (vacations:
    :func:`~plansat.check.capacity.check_vacations`).  Splittable tasks
    pause on those days: :func:`check_splits` counts theirs."""
    days = Workdays(s.project)
    project: Project = s.project
    for task, tr in s.scheduled():
        if project.splits(task) or tr.finish <= tr.start:
            continue
        _own_days_off(s, days, task, tr, out)
        for rid, cal in _calendars(project, task, tr):
            day = next((d for d in range(tr.start, tr.finish)
                        if days.off(cal, d) is not None), None)
            if day is not None:
                out.append(
                    f"{task.id}: resource {rid} is off on "
                    f"{when(s.cal, day)} ({days.off(cal, day)}) but the "
                    f"task holds it (days {tr.start}-{tr.finish - 1})"
                )
    for task, tr, person in staffed(s):
        if project.splits(task) or person.calendar is None:
            continue
        for day in range(tr.start, tr.finish):
            why = days.free(person, day, vacations=False)
            if why is not None:
                out.append(
                    f"{task.id}: {person.id} is off on {when(s.cal, day)} "
                    f"({why}) but works the task (days {tr.start}-"
                    f"{tr.finish - 1})"
                )
                break


def _own_days_off(
    s: Schedule, days: Workdays, task: Task, tr: TaskResult, out: list[str]
) -> None:
    """``task`` (which doesn't split) works no day its own calendar
    makes free."""
    if task.calendar is None:
        return
    for day in range(tr.start, tr.finish):
        why = days.off(task.calendar, day)
        if why is not None:
            out.append(
                f"{task.id}: its own calendar is off on {when(s.cal, day)} "
                f"({why.replace('their', 'its')}) but the task works then "
                f"(days {tr.start}-{tr.finish - 1})"
            )
            return


def check_splits(s: Schedule, out: list[str]) -> None:
    """Each splittable task starts and ends on a day all its people work,
    and its duration is the number of such days in its span."""
    days = Workdays(s.project)
    project = s.project
    for task, tr in s.scheduled():
        if not project.splits(task) or tr.finish <= tr.start:
            continue
        people = [project.person(p) for p in dict.fromkeys(tr.people)
                  if p in project.person_index]
        held = [cal for _, cal in _calendars(project, task, tr)]
        if task.calendar is not None:  # its own, like a resource
            held.append(task.calendar)
        worked = [
            d for d in range(tr.start, tr.finish)
            if all(days.free(p, d) is None for p in people)
            and all(days.off(cal, d) is None for cal in held)
        ]
        if not worked or worked[0] != tr.start or worked[-1] != tr.finish - 1:
            out.append(
                f"{task.id}: a split task starts and ends on days all its "
                f"people work, but days {tr.start}-{tr.finish - 1} don't"
            )
        elif len(worked) != tr.duration:
            out.append(
                f"{task.id}: its people all work {len(worked)} days of "
                f"days {tr.start}-{tr.finish - 1}, not its duration "
                f"{tr.duration}"
            )
        elif tr.segments is not None and [
            tuple(x) for x in tr.segments
        ] != _runs(worked):
            out.append(
                f"{task.id}: segments {tr.segments} are not the runs of "
                f"days its people all work, {_runs(worked)}"
            )


def worked_days(
    project: Project, task: Task, tr: TaskResult, start: int, end: int
) -> int:
    """Days of ``[start, end)`` on which all the people of ``tr`` work
    and the resources it holds are open."""
    days = Workdays(project)
    people = [project.person(p) for p in dict.fromkeys(tr.people)
              if p in project.person_index]
    held = [cal for _, cal in _calendars(project, task, tr)]
    if task.calendar is not None:  # its own, like a resource
        held.append(task.calendar)
    return sum(
        all(days.free(p, d) is None for p in people)
        and all(days.off(cal, d) is None for cal in held)
        for d in range(start, end)
    )


def _calendars(
    project: Project, task: Task, tr: TaskResult
) -> list[tuple[str, Calendar]]:
    """``(resource id, calendar)`` of the known renewable resources with
    a calendar that the task's chosen mode holds."""
    out = []
    for rid in chosen(task, tr).uses:
        if rid not in project.resource_index:
            continue
        res = project.resources[project.resource_index[rid]]
        if res.renewable and res.calendar is not None:
            out.append((rid, res.calendar))
    return out


def _runs(days: list[int]) -> list[tuple[int, int]]:
    """Consecutive days as ``[start, finish)`` runs."""
    out: list[tuple[int, int]] = []
    for d in days:
        if out and out[-1][1] == d:
            out[-1] = (out[-1][0], d + 1)
        else:
            out.append((d, d + 1))
    return out
