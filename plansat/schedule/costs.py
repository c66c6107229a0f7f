"""Unit prices of a schedule: one implementation of each piece of cost
arithmetic.

The numeric result (:mod:`plansat.schedule.evaluate`) and the CP-SAT
objective (:mod:`plansat.solver.objectives`) both price a schedule with
these functions, so the two can't drift apart.  Each function gives the
price of a quantity of days or units; called with one day (or unit) it
gives the coefficient a linear objective multiplies a variable by.

Prices are plain floats in the project's currency; the solver scales
them to integers itself.
"""

from __future__ import annotations

from plansat.models import Dependency, Mode, Project, Task


def labour_cost(
    project: Project, task: Task, person_id: str, days: int
) -> float:
    """Cost of ``person_id`` working ``days`` days on ``task``.

    ``rate × days × allocation / 100``: a person at 50% allocation is
    paid half their daily rate for each day of the task.

    Parameters
    ----------
    project
        The project the task and the person belong to.
    task
        The task worked on (its ``allocation`` applies).
    person_id
        Id of the person doing the work.
    days
        Working days of the task.

    Returns
    -------
    float
        The labour cost.
    """
    return project.person(person_id).rate * days * task.allocation / 100


def labour_per_day(project: Project, task: Task, person_id: str) -> float:
    """Cost of one day of ``person_id`` on ``task``: ``rate ×
    allocation / 100`` (:func:`labour_cost` of one day)."""
    return labour_cost(project, task, person_id, 1)


def resource_cost(
    project: Project, resource_id: str, units: int, days: int
) -> float:
    """Cost of ``units`` units of a pooled resource held ``days`` days.

    A renewable resource costs ``rate × units × days``; a non-renewable
    pool is consumed once, at ``rate × units`` whatever the days.

    Parameters
    ----------
    project
        The project the resource belongs to.
    resource_id
        Id of the resource.
    units
        Units the task uses.
    days
        Working days the task holds them (ignored for a non-renewable
        pool).

    Returns
    -------
    float
        The resource cost.
    """
    res = project.resources[project.resource_index[resource_id]]
    return res.rate * units * (days if res.renewable else 1)


def mode_cost(mode: Mode) -> float:
    """Fixed cost of running a task in ``mode``."""
    return mode.cost


def crash_cost(task: Task, days_saved: int) -> float:
    """Cost of shortening ``task`` by ``days_saved`` days: ``days_saved ×
    crash.cost_per_day`` (0 for a task that can't be crashed)."""
    if task.crash is None:
        return 0.0
    return days_saved * task.crash.cost_per_day


def overlap_days(dep: Dependency, pred_finish: int, start: int) -> int:
    """Days a successor starting on ``start`` overlaps its FS link ``dep``
    to a predecessor finishing on ``pred_finish``.

    ``max(0, pred_finish + lag - start)``: how far the successor starts
    before the link alone would let it.  Only FS links overlap; other
    links give 0.
    """
    if dep.type != "FS":
        return 0
    return max(0, pred_finish + dep.lag - start)


def overlap_cost(dep: Dependency, days: int) -> float:
    """Cost of overlapping the link ``dep`` by ``days`` days: ``days ×
    overlap_cost_per_day``."""
    return days * dep.overlap_cost_per_day


def overhead(project: Project, makespan: int) -> float:
    """Overhead of a project lasting ``makespan`` working days:
    ``overhead_per_day × makespan``."""
    return project.overhead_per_day * makespan


def work_cost(
    project: Project,
    task: Task,
    people: list[str],
    days: int,
    mode: Mode | None = None,
) -> float:
    """Cost of ``days`` working days of ``task`` done by ``people`` in
    ``mode`` (default: the task's own fields): their labour and the pooled
    resources the task holds (a non-renewable pool's units count once).

    This is how work done is priced when no ``actual_cost`` is reported
    (the actual cost of a re-plan and of the status report).
    """
    mode = mode if mode is not None else task.alternatives[0]
    labour = sum(labour_cost(project, task, pid, days) for pid in people)
    resources = sum(
        resource_cost(project, rid, units, days)
        for rid, units in mode.uses.items()
    )
    return labour + resources


def spent(
    project: Project,
    task: Task,
    people: list[str],
    mode: Mode | None = None,
) -> float:
    """Money spent on ``task`` up to the project's status date: its
    ``actual_cost`` when reported, else the working days from its actual
    start to its actual finish (to the status date while in progress)
    priced with :func:`work_cost` for ``people`` in ``mode`` (a split
    task's days worked only); 0 before it started.  The re-plan and the
    status report both count with it."""
    pr, span = task.progress, project.actual_span(task)
    if pr is None or span is None:
        return 0.0
    if pr.actual_cost is not None:
        return float(pr.actual_cost)
    start, finish = span
    end = finish if finish is not None else (project.time_now or start)
    days = max(end - start, 0)
    if project.splits(task) and days:  # its pauses cost nothing
        from plansat.schedule.segments import segments

        uses = (mode or task.alternatives[0]).uses
        days = sum(b - a for a, b in segments(project, start, end, people,
                                              uses, task))
    return work_cost(project, task, people, days, mode)
