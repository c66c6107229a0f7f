"""Daily series of a schedule: each person's load and each pooled
resource's usage, without any plotting.

Drawn by :mod:`plansat.charts.schedule.daily`.  Day ``d`` of a series is
working day ``d`` of the schedule, from 0 to the makespan
(:func:`~plansat.charts.timeline.horizon`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from plansat.charts.timeline import horizon, known_tasks
from plansat.models import Person, Project, Result, TaskResult

__all__ = [
    "LoadSeries",
    "UsageSeries",
    "person_load_series",
    "resource_usage_series",
]


@dataclass(frozen=True)
class LoadSeries:
    """A person's load on each working day of the schedule.

    ``load[d]`` is the sum of the allocations (percent) of the person's
    tasks running on working day ``d``; ``available[d]`` is their
    availability, 0 on vacation days (``vacation[d]``).  ``over[d]`` is
    true when the load exceeds what is available that day.
    """

    person: str
    name: str
    dates: tuple[date, ...]
    load: tuple[int, ...]
    available: tuple[int, ...]
    vacation: tuple[bool, ...]
    over: tuple[bool, ...]

    @property
    def over_days(self) -> list[date]:
        """Dates on which the person is over-allocated."""
        return [d for d, o in zip(self.dates, self.over, strict=True) if o]

    @property
    def peak(self) -> int:
        """Highest daily load (percent)."""
        return max(self.load, default=0)


@dataclass(frozen=True)
class UsageSeries:
    """Units of a pooled resource in use on each working day."""

    resource: str
    name: str
    capacity: int
    dates: tuple[date, ...]
    used: tuple[int, ...]
    over: tuple[bool, ...]

    @property
    def over_days(self) -> list[date]:
        """Dates on which more units are used than exist."""
        return [d for d, o in zip(self.dates, self.over, strict=True) if o]


def _uses(project: Project, tr: TaskResult) -> dict[str, int]:
    """Pooled units a scheduled task holds (those of its chosen mode)."""
    task = project.task(tr.id)
    if task.modes and tr.mode is not None and 0 <= tr.mode < len(task.modes):
        return dict(task.modes[tr.mode].uses)
    return dict(task.alternatives[0].uses)


def _dates(project: Project, days: int) -> tuple[date, ...]:
    """Dates of working days ``0 .. days-1``."""
    return tuple(project.work_calendar.dates(days)) if days else ()


def _vacation(project: Project, person: Person, days: int) -> list[bool]:
    """Whether ``person`` is away on each working day ``0 .. days-1``."""
    vacation = [False] * days
    for r in project.blocked_days(person):
        for d in r:
            if 0 <= d < days:
                vacation[d] = True
    return vacation


def person_load_series(project: Project, result: Result) -> list[LoadSeries]:
    """Daily load of every person of the project (in project order).

    ``load`` sums, per working day, the ``allocation`` of each task the
    person works on that day (a split task only on its segments);
    ``available`` is the person's availability, 0 on their blocked days
    (vacations and their own calendar's days off).
    """
    days = horizon(result)
    dates = _dates(project, days)
    loads = {p.id: [0] * days for p in project.people}
    for t in known_tasks(project, result):
        alloc = project.task(t.id).allocation
        for pid in t.people:
            row = loads.get(pid)
            if row is None:
                continue
            for a, b in t.segments or [(t.start, t.finish)]:
                for d in range(max(a, 0), min(b, days)):
                    row[d] += alloc
    out = []
    for person in project.people:
        vacation = _vacation(project, person, days)
        available = [0 if v else person.availability for v in vacation]
        load = loads[person.id]
        out.append(
            LoadSeries(
                person=person.id,
                name=person.name or person.id,
                dates=dates,
                load=tuple(load),
                available=tuple(available),
                vacation=tuple(vacation),
                over=tuple(
                    x > a for x, a in zip(load, available, strict=True)
                ),
            )
        )
    return out


def resource_usage_series(
    project: Project, result: Result
) -> list[UsageSeries]:
    """Daily units in use of every pooled resource (in project order)."""
    days = horizon(result)
    dates = _dates(project, days)
    used = {r.id: [0] * days for r in project.resources}
    for t in known_tasks(project, result):
        for rid, units in _uses(project, t).items():
            row = used.get(rid)
            if row is None:
                continue
            for d in range(max(t.start, 0), min(t.finish, days)):
                row[d] += units
    return [
        UsageSeries(
            resource=r.id,
            name=r.name or r.id,
            capacity=r.capacity,
            dates=dates,
            used=tuple(used[r.id]),
            over=tuple(u > r.capacity for u in used[r.id]),
        )
        for r in project.resources
    ]
