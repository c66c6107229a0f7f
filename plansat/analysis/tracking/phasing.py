"""Time-phasing a baseline: its cost spread over its working days.

The planned value of earned value management comes from here:
:func:`phase_baseline` spreads every cost of a saved
:class:`~plansat.models.Result` over the working days it is planned on,
with the unit prices of :mod:`plansat.schedule.costs` (the one
implementation of cost arithmetic), and :func:`pv_curve` accumulates
the days into the cumulative curve :mod:`plansat.analysis.tracking.evm` reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import accumulate

from plansat.models import Project, Result, TaskResult
from plansat.schedule import costs

__all__ = ["Phasing", "phase_baseline", "pv_curve"]


@dataclass
class Phasing:
    """A baseline's cost spread over its working days.

    Attributes
    ----------
    daily
        Project cost planned on each working day ``0 .. PD − 1``
        (overhead included).
    tasks
        Per task id: its first day and its cost on each of its days.
    budget
        Per task id: its budget (its own work: labour, resources, mode
        cost, crashing, overlap; no overhead).
    overhead
        The overhead planned over the baseline (``overhead_per_day ×
        PD``).
    """

    daily: list[float] = field(default_factory=list)
    tasks: dict[str, tuple[int, list[float]]] = field(default_factory=dict)
    budget: dict[str, float] = field(default_factory=dict)
    overhead: float = 0.0

    @property
    def curve(self) -> list[float]:
        """Cumulative planned value by working day."""
        return list(accumulate(self.daily))

    @property
    def bac(self) -> float:
        """Budget at completion: the sum of every planned day."""
        return float(sum(self.daily))

    def task_pv(self, task_id: str, at: int) -> float:
        """The task's cost planned on the days before ``at``."""
        first, days = self.tasks.get(task_id, (0, []))
        return float(sum(days[: max(0, at - first)]))


def _task_days(
    project: Project, baseline: Result, row: TaskResult
) -> list[float]:
    """Cost of one baseline task on each of its days (one entry for a
    milestone): labour and renewable resources per day, crashing and
    overlap spread evenly, the mode's fixed cost and non-renewable
    resources on the first day."""
    task = project.task(row.id)
    mode = task.mode(row.mode)
    d = row.duration
    per_day = sum(
        costs.labour_per_day(project, task, pid)
        for pid in dict.fromkeys(row.people)
    )
    once = costs.mode_cost(mode) if task.modes else 0.0
    for rid, units in mode.uses.items():
        res = project.resources[project.resource_index[rid]]
        if res.renewable:
            per_day += costs.resource_cost(project, rid, units, 1)
        else:
            once += costs.resource_cost(project, rid, units, d)
    spread = costs.crash_cost(task, row.crashed) + sum(
        o.cost for o in baseline.overlaps if o.successor == row.id
    )
    if d == 0:
        return [once + spread]
    days = [per_day + spread / d] * d
    days[0] += once
    return days


def _on_segments(row: TaskResult, days: list[float]) -> list[float]:
    """A split task's days worked laid over its span (nothing planned on
    its pauses); other tasks' days as they are."""
    if not row.segments:
        return days
    out = [0.0] * (row.finish - row.start)
    worked = [d for a, b in row.segments for d in range(a, b)]
    for cost, day in zip(days, worked, strict=False):
        out[day - row.start] = cost
    return out


def phase_baseline(baseline: Result, project: Project) -> Phasing:
    """Spread the baseline's cost over its working days.

    Each task's labour and renewable resources fall on each of its days,
    its crashing and incoming overlap costs are spread evenly over them,
    its one-off costs (a mode's fixed cost, non-renewable resources) fall
    on its first day (a milestone's on its day, or the last planned day
    if it sits at the very end), and ``overhead_per_day`` on every day up
    to the baseline's makespan (PD), so the days add up to the baseline's
    cost.  A split task's days are its segments' (nothing on its
    pauses).

    Parameters
    ----------
    baseline
        A saved result with a schedule for every task of ``project``.
    project
        The project (its rates price the baseline).

    Returns
    -------
    Phasing
        The daily costs, each task's days and budget.
    """
    pd = baseline.makespan or 0
    daily = [float(project.overhead_per_day)] * pd
    out = Phasing(daily=daily, overhead=costs.overhead(project, pd))
    for row in baseline.tasks:
        if row.id not in project.task_index:
            continue
        days = _on_segments(row, _task_days(project, baseline, row))
        first = min(row.start, max(pd - len(days), 0))
        out.tasks[row.id] = (first, days)
        out.budget[row.id] = sum(days)
        for k, cost in enumerate(days[: max(pd - first, 0)]):
            daily[first + k] += cost
    return out


def pv_curve(baseline: Result, project: Project) -> list[float]:
    """Cumulative planned value of ``baseline`` by working day.

    ``curve[k]`` is the baseline's cost planned on days ``0..k`` (see
    :func:`phase_baseline` for how each cost is spread); the curve has
    one value per day of the baseline's makespan and ends at BAC.

    Examples
    --------
    ::

        baseline = plansat.solve(project)
        curve = pv_curve(baseline, project)
        assert curve[-1] == pytest.approx(baseline.cost.total)
    """
    return phase_baseline(baseline, project).curve
