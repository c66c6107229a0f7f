"""The numbers behind the report's tables: headline summary, critical
path and time-cost curve, without any formatting.

:mod:`plansat.charts.schedule.page` turns them into HTML and
:mod:`plansat.charts.schedule.curve` draws the curve.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from plansat.charts.timeline import (
    horizon,
    known_tasks,
    nominal_cpm,
    schedule_floats,
    task_order,
)
from plansat.models import Project, Result, SolveStatus
from plansat.models.tradeoff import TradeoffCurve
from plansat.schedule.cpm import CpmReport

__all__ = [
    "CriticalRow",
    "CurvePoint",
    "Summary",
    "critical_rows",
    "curve_points",
    "summary",
]


@dataclass(frozen=True)
class CriticalRow:
    """One row of the critical-path table: nominal CPM and schedule.

    ``es`` .. ``free_float`` and ``cpm_critical`` come from the nominal
    CPM (dependencies only); ``start``, ``finish`` (``None`` when the
    task is not scheduled), ``schedule_float`` and ``critical`` from the
    schedule.
    """

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
    """A point of the time-cost curve.

    ``optimal`` is true when the solver proved the point's costs optimal
    (status ``OPTIMAL``); otherwise they are the best found within the
    time limit.
    """

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


def critical_rows(
    project: Project, result: Result, cpm: CpmReport | None = None
) -> list[CriticalRow]:
    """The critical-path table.

    Every task of the project (in dependency order, unscheduled ones
    last) with its nominal CPM dates and float and its float in the
    schedule.

    Parameters
    ----------
    project, result
        The project and its result.
    cpm
        The nominal CPM report (computed when not given).

    Returns
    -------
    list of CriticalRow
    """
    cpm = cpm if cpm is not None else nominal_cpm(project)
    floats = schedule_floats(project, result)
    by_id = {t.id: t for t in known_tasks(project, result)}
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
    tasks = known_tasks(project, result)
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


def curve_points(curve: TradeoffCurve | None) -> list[CurvePoint]:
    """The points of a time-cost curve, sorted by duration.

    Parameters
    ----------
    curve
        The curve computed by :func:`plansat.analysis.tradeoff.tradeoff`
        (what ``plansat crash --format json`` writes), or ``None``.

    Returns
    -------
    list of CurvePoint
        Empty without a curve.  A point is ``optimal`` when its status is
        :attr:`~plansat.models.SolveStatus.OPTIMAL`.

    Raises
    ------
    TypeError
        When ``curve`` is not a trade-off curve (e.g. a plain list of
        dicts: parse it with ``TradeoffCurve.model_validate`` first).
    """
    if curve is None:
        return []
    if not isinstance(curve, TradeoffCurve):
        raise TypeError(
            "curve must be a plansat.models.tradeoff.TradeoffCurve, "
            f"not {type(curve).__name__}"
        )
    out = [
        CurvePoint(
            duration=p.duration,
            direct_cost=p.direct_cost,
            total_cost=p.total_cost,
            optimal=p.status == SolveStatus.OPTIMAL,
        )
        for p in curve.points
    ]
    return sorted(out, key=lambda p: p.duration)
