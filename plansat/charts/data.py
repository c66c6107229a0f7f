"""The numbers behind each chart of the report, without any plotting.

Every function here takes a :class:`~plansat.models.Project` and a
:class:`~plansat.models.Result` and returns plain frozen dataclasses that
:mod:`plansat.charts.html` and :mod:`plansat.charts.png` draw.  Nothing is
taken on trust from the chart libraries, so the tests check these values
against hand-computed ones.

Critical tasks
--------------
One definition is used everywhere (see :data:`CRITICAL_DEFINITION`): a
task is critical when its total float *in the schedule* is 0 or less —
it cannot finish later without delaying the project's finish, taking
into account the dependencies and the order of the tasks that share a
person or a single-unit resource.  The float is the result's
``TaskResult.total_float``; a hand-made result without floats gets them
from :func:`plansat.schedule.evaluate.schedule_float`, the same computation
the solver uses.  The nominal CPM flag (:func:`plansat.critical_path`,
no people, no resources) is shown next to it for reference only.
"""

from __future__ import annotations

import heapq
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from plansat.models import Project, Result, TaskResult
from plansat.schedule.cpm import CpmReport, critical_path

__all__ = [
    "CRITICAL_DEFINITION",
    "CriticalRow",
    "CurvePoint",
    "GanttBar",
    "LoadSeries",
    "Summary",
    "UsageSeries",
    "critical_rows",
    "curve_points",
    "gantt_bars",
    "horizon",
    "person_load_series",
    "resource_usage_series",
    "schedule_floats",
    "summary",
    "task_order",
]

logger = logging.getLogger(__name__)

#: How the report decides that a task is critical (shown in the report).
CRITICAL_DEFINITION = (
    "A task is critical when its total float in this schedule is 0: it "
    "cannot finish any later without delaying the project's finish, "
    "given its dependencies and the order of the tasks that share its "
    "people or single-unit resources. The CPM column is the nominal "
    "critical path (dependencies only, no people or resources), for "
    "reference."
)


# -- data classes ----------------------------------------------------------


@dataclass(frozen=True)
class GanttBar:
    """One row of the Gantt chart.

    Attributes
    ----------
    id, name
        The task.
    row
        Position from the top (0 first), in dependency order.
    start, finish, duration
        Working days ``[start, finish)`` of the schedule.
    start_date, finish_date
        First and last working date (inclusive; the start date for a
        milestone).
    end
        Date the bar ends on a date axis: the day after ``finish_date``
        (so the bar covers the whole last day); ``start_date`` for a
        milestone.
    people
        People working on the task.
    total_float
        Schedule float in working days (``None`` when unknown).
    float_end
        Date the trailing float bar ends (exclusive), i.e. the day after
        the last working day the task could finish on; ``None`` without
        float.
    critical
        Critical by :data:`CRITICAL_DEFINITION`.
    cpm_critical
        Critical in the nominal CPM (reference only).
    milestone
        Zero-duration task (drawn as a diamond).
    crashed
        Days the task was shortened by.
    mode
        Chosen mode of a multi-mode task (its name, or ``"mode k"``).
    """

    id: str
    name: str
    row: int
    start: int
    finish: int
    duration: int
    start_date: date
    finish_date: date
    end: date
    people: tuple[str, ...]
    total_float: int | None
    float_end: date | None
    critical: bool
    cpm_critical: bool
    milestone: bool
    crashed: int
    mode: str | None = None

    @property
    def label(self) -> str:
        """``id name`` (the name cut to 28 characters) for an axis."""
        name = self.name if len(self.name) <= 28 else self.name[:27] + "…"
        return f"{self.id} {name}".strip() if name != self.id else self.id


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


@dataclass(frozen=True)
class CriticalRow:
    """One row of the critical-path table: nominal CPM and schedule."""

    id: str
    name: str
    es: int
    ef: int
    ls: int
    lf: int
    cpm_float: int
    free_float: int
    cpm_critical: bool
    start: int | None
    finish: int | None
    schedule_float: int | None
    critical: bool


@dataclass(frozen=True)
class CurvePoint:
    """A point of the time-cost curve."""

    duration: int
    direct_cost: float
    total_cost: float
    optimal: bool


@dataclass(frozen=True)
class Summary:
    """Headline figures of a result."""

    project: str
    status: str
    has_solution: bool
    objective: str
    objective_value: float | None
    bound: float | None
    gap: float | None
    runtime: float
    start_date: date
    finish_date: date | None
    duration: int | None
    cost: dict[str, float]
    tasks: int
    critical: int
    explanation: str | None
    conflicts: tuple[str, ...]


# -- helpers ---------------------------------------------------------------


def _known_tasks(project: Project, result: Result) -> list[TaskResult]:
    """The result's tasks that the project knows, in result order."""
    known = project.task_index
    out = [t for t in result.tasks if t.id in known]
    if len(out) < len(result.tasks):
        logger.warning(
            "%d task(s) of the result are not in the project; ignored",
            len(result.tasks) - len(out),
        )
    return out


def _uses(project: Project, tr: TaskResult) -> dict[str, int]:
    """Pooled units a scheduled task holds (those of its chosen mode)."""
    task = project.task(tr.id)
    if task.modes and tr.mode is not None and 0 <= tr.mode < len(task.modes):
        return dict(task.modes[tr.mode].uses)
    return dict(task.alternatives[0].uses)


def _mode_name(project: Project, tr: TaskResult) -> str | None:
    """Name (or number) of the chosen mode of a multi-mode task."""
    task = project.task(tr.id)
    if not task.modes or tr.mode is None:
        return None
    if 0 <= tr.mode < len(task.modes) and task.modes[tr.mode].name:
        return task.modes[tr.mode].name
    return f"mode {tr.mode}"


def horizon(result: Result) -> int:
    """Number of working days the daily series cover (the makespan)."""
    finish = max((t.finish for t in result.tasks), default=0)
    return max(result.makespan or 0, finish)


def schedule_floats(project: Project, result: Result) -> dict[str, int]:
    """Total float of each scheduled task, in working days.

    Taken from ``TaskResult.total_float`` when every task carries one;
    otherwise computed with :func:`plansat.schedule.evaluate.schedule_float`
    (only when the result schedules every task of the project; else
    empty).
    """
    tasks = _known_tasks(project, result)
    if tasks and all(t.total_float is not None for t in tasks):
        return {t.id: int(t.total_float or 0) for t in tasks}
    ids = {t.id for t in tasks}
    if not tasks or ids != set(project.task_index):
        return {
            t.id: int(t.total_float)
            for t in tasks
            if t.total_float is not None
        }
    from plansat.schedule.floats import schedule_float
    from plansat.schedule.plan import Plan

    people = project.person_index
    plan = Plan(
        start={t.id: t.start for t in tasks},
        duration={t.id: t.finish - t.start for t in tasks},
        people={t.id: [[p for p in t.people if p in people]] for t in tasks},
        mode={t.id: t.mode for t in tasks if t.mode is not None},
    )
    try:
        return schedule_float(project, plan)
    except (KeyError, ValueError):  # pragma: no cover - defensive
        logger.warning("could not compute the schedule's floats")
        return {}


def _cpm(project: Project) -> CpmReport | None:
    try:
        return critical_path(project)
    except ValueError:  # pragma: no cover - a Project has no cycles
        return None


def task_order(project: Project, result: Result) -> list[str]:
    """Scheduled task ids in dependency (topological) order.

    Kahn's algorithm over the project's links; among tasks whose
    predecessors are all placed, the one starting first (then the first
    in the project) comes next, so the chart reads as a waterfall.
    """
    tasks = _known_tasks(project, result)
    start = {t.id: t.start for t in tasks}
    index = project.task_index
    indegree = {t.id: 0 for t in project.tasks}
    for t in project.tasks:
        indegree[t.id] = len(t.after)
    succ = project.successors()

    def key(task_id: str) -> tuple[int, int, str]:
        return (start.get(task_id, 0), index[task_id], task_id)

    heap = [key(t) for t, n in indegree.items() if n == 0]
    heapq.heapify(heap)
    order: list[str] = []
    while heap:
        _, _, tid = heapq.heappop(heap)
        order.append(tid)
        for sid, _dep in succ[tid]:
            indegree[sid] -= 1
            if indegree[sid] == 0:
                heapq.heappush(heap, key(sid))
    return [t for t in order if t in start]


# -- Gantt -----------------------------------------------------------------


def gantt_bars(
    project: Project, result: Result, cpm: CpmReport | None = None
) -> list[GanttBar]:
    """One bar per scheduled task, in :func:`task_order`.

    Parameters
    ----------
    project, result
        The project and a result with a schedule (an empty list
        otherwise).
    cpm
        The nominal CPM report (computed when not given).

    Returns
    -------
    list of GanttBar
        Dates come from the result; ``critical`` follows
        :data:`CRITICAL_DEFINITION`.
    """
    cal = project.work_calendar
    by_id = {t.id: t for t in _known_tasks(project, result)}
    floats = schedule_floats(project, result)
    cpm = cpm if cpm is not None else _cpm(project)
    cpm_critical = set(cpm.critical) if cpm is not None else set()
    bars = []
    for row, tid in enumerate(task_order(project, result)):
        t = by_id[tid]
        milestone = t.finish <= t.start
        flt = floats.get(tid)
        end = t.start_date if milestone else t.finish_date + timedelta(1)
        float_end = None
        if flt is not None and flt > 0:
            float_end = cal.date_of(t.finish + flt - 1) + timedelta(1)
        bars.append(
            GanttBar(
                id=tid,
                name=t.name or project.task(tid).name or "",
                row=row,
                start=t.start,
                finish=t.finish,
                duration=t.duration,
                start_date=t.start_date,
                finish_date=t.finish_date,
                end=end,
                people=tuple(t.people),
                total_float=flt,
                float_end=float_end,
                critical=flt is not None and flt <= 0,
                cpm_critical=tid in cpm_critical,
                milestone=milestone,
                crashed=t.crashed,
                mode=_mode_name(project, t),
            )
        )
    return bars


# -- daily series ----------------------------------------------------------


def _running(tasks: Iterable[TaskResult], days: int) -> list[list[str]]:
    """Ids of the tasks running on each working day ``0 .. days-1``."""
    out: list[list[str]] = [[] for _ in range(days)]
    for t in tasks:
        for d in range(max(t.start, 0), min(t.finish, days)):
            out[d].append(t.id)
    return out


def person_load_series(project: Project, result: Result) -> list[LoadSeries]:
    """Daily load of every person of the project (in project order).

    ``load`` sums, per working day, the ``allocation`` of each task the
    person works on that day; ``available`` is the person's availability,
    0 on the days of their ``unavailable`` ranges.
    """
    tasks = _known_tasks(project, result)
    days = horizon(result)
    dates = tuple(project.work_calendar.dates(days)) if days else ()
    loads = {p.id: [0] * days for p in project.people}
    for t in tasks:
        alloc = project.task(t.id).allocation
        for pid in t.people:
            row = loads.get(pid)
            if row is None:
                continue
            for d in range(max(t.start, 0), min(t.finish, days)):
                row[d] += alloc
    out = []
    for person in project.people:
        vacation = [False] * days
        for r in project.blocked_days(person):
            for d in r:
                if 0 <= d < days:
                    vacation[d] = True
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
    tasks = _known_tasks(project, result)
    days = horizon(result)
    dates = tuple(project.work_calendar.dates(days)) if days else ()
    used = {r.id: [0] * days for r in project.resources}
    for t in tasks:
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


# -- tables ----------------------------------------------------------------


def critical_rows(
    project: Project, result: Result, cpm: CpmReport | None = None
) -> list[CriticalRow]:
    """The critical-path table: every task of the project (in dependency
    order, unscheduled ones last) with its nominal CPM dates and float and
    its float in the schedule."""
    cpm = cpm if cpm is not None else _cpm(project)
    floats = schedule_floats(project, result)
    by_id = {t.id: t for t in _known_tasks(project, result)}
    order = task_order(project, result)
    order += [t.id for t in project.tasks if t.id not in by_id]
    rows = []
    for tid in order:
        task = project.task(tid)
        c = cpm.task(tid) if cpm is not None else None
        tr = by_id.get(tid)
        flt = floats.get(tid)
        rows.append(
            CriticalRow(
                id=tid,
                name=task.name or "",
                es=c.es if c else 0,
                ef=c.ef if c else 0,
                ls=c.ls if c else 0,
                lf=c.lf if c else 0,
                cpm_float=c.total_float if c else 0,
                free_float=c.free_float if c else 0,
                cpm_critical=bool(c and c.critical),
                start=tr.start if tr else None,
                finish=tr.finish if tr else None,
                schedule_float=flt,
                critical=flt is not None and flt <= 0,
            )
        )
    return rows


def summary(project: Project, result: Result) -> Summary:
    """The headline figures: status, objective, bound, gap, dates, cost."""
    tasks = _known_tasks(project, result)
    floats = schedule_floats(project, result)
    duration = result.makespan
    if duration is None and tasks:
        duration = horizon(result)
    return Summary(
        project=project.name,
        status=str(result.status),
        has_solution=result.status.has_solution,
        objective=result.objective,
        objective_value=result.objective_value,
        bound=result.bound,
        gap=result.gap,
        runtime=result.runtime,
        start_date=project.work_calendar.date_of(0),
        finish_date=result.finish_date,
        duration=duration,
        cost=result.cost.model_dump(),
        tasks=len(tasks),
        critical=sum(1 for f in floats.values() if f <= 0),
        explanation=result.explanation,
        conflicts=tuple(result.conflicts),
    )


def curve_points(curve: Any) -> list[CurvePoint]:
    """Normalise a time-cost curve into points sorted by duration.

    Parameters
    ----------
    curve
        A sequence of mappings (or objects) with ``duration``,
        ``total_cost`` and optionally ``direct_cost`` and ``optimal``;
        or an object whose ``points`` attribute is such a sequence.

    Raises
    ------
    ValueError
        When a point lacks ``duration`` or ``total_cost``.
    """
    if curve is None:
        return []
    points = getattr(curve, "points", curve)
    if not isinstance(points, Sequence):
        points = list(points)
    out = []
    for k, p in enumerate(points):

        def get(name: str, p: Any = p) -> Any:
            if isinstance(p, Mapping):
                return p.get(name)
            return getattr(p, name, None)

        duration, total = get("duration"), get("total_cost")
        if duration is None or total is None:
            raise ValueError(
                f"curve point {k} needs 'duration' and 'total_cost'"
            )
        direct = get("direct_cost")
        out.append(
            CurvePoint(
                duration=int(duration),
                direct_cost=float(direct if direct is not None else 0),
                total_cost=float(total),
                optimal=bool(get("optimal")),
            )
        )
    return sorted(out, key=lambda p: p.duration)
