"""What every chart needs to know about a schedule: its tasks, length,
floats and reading order.

Helpers of :mod:`plansat.charts.schedule.gantt_data`,
:mod:`plansat.charts.series` and :mod:`plansat.charts.schedule.tables`;
:func:`horizon`,
:func:`schedule_floats` and :func:`task_order` are also public through
:mod:`plansat.charts.schedule.data`.
"""

from __future__ import annotations

import heapq
import logging

from plansat.models import Project, Result, TaskResult
from plansat.schedule.cpm import CpmReport, critical_path

__all__ = [
    "horizon",
    "known_tasks",
    "nominal_cpm",
    "schedule_floats",
    "task_order",
]

logger = logging.getLogger(__name__)


def known_tasks(project: Project, result: Result) -> list[TaskResult]:
    """The result's tasks that the project knows, in result order.

    Tasks the project does not have are dropped with a warning.
    """
    known = project.task_index
    out = [t for t in result.tasks if t.id in known]
    if len(out) < len(result.tasks):
        logger.warning(
            "%d task(s) of the result are not in the project; ignored",
            len(result.tasks) - len(out),
        )
    return out


def horizon(result: Result) -> int:
    """Number of working days the daily series cover (the makespan)."""
    finish = max((t.finish for t in result.tasks), default=0)
    return max(result.makespan or 0, finish)


def schedule_floats(project: Project, result: Result) -> dict[str, int]:
    """Total float of each scheduled task, in working days.

    Taken from ``TaskResult.total_float`` when every task carries one;
    otherwise computed with :func:`plansat.schedule.floats.schedule_float`
    (only when the result schedules every task of the project; else
    the floats the result carries, possibly none).
    """
    tasks = known_tasks(project, result)
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


def nominal_cpm(project: Project) -> CpmReport | None:
    """The nominal critical path of ``project`` (``None`` if it has no
    valid one)."""
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
    start = {t.id: t.start for t in known_tasks(project, result)}
    index = project.task_index
    indegree = {t.id: len(t.after) for t in project.tasks}
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
