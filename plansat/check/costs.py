"""Costs: :func:`recompute_cost` from the schedule alone, and the check
that ``result.cost`` agrees with it."""

from __future__ import annotations

from plansat.check._common import (
    Schedule,
    actual_days,
    chosen,
    close,
    latest_finish,
)
from plansat.check.calendars import worked_days
from plansat.check.precedence import schedule_overlaps
from plansat.models.project import Project
from plansat.models.result import CostBreakdown, Result

#: The fields of :class:`CostBreakdown` compared, in message order.
COST_FIELDS = (
    "actual",
    "labour",
    "resources",
    "modes",
    "crash",
    "overlap",
    "overhead",
    "total",
)


def recompute_cost(project: Project, result: Result) -> CostBreakdown:
    """The cost of the schedule in ``result``, recomputed from scratch.

    ``result.cost`` is ignored: labour is ``rate × duration ×
    allocation/100`` per person on a task, resources ``rate × units ×
    duration``, crashing the days saved × ``cost_per_day``, overlap the
    fast-tracked days × the link's ``overlap_cost_per_day``, overhead
    ``overhead_per_day`` × the makespan (the latest finish).

    Parameters
    ----------
    project
        The project that was solved.
    result
        The schedule; tasks, people and links unknown to the project are
        skipped.

    Returns
    -------
    CostBreakdown
        The components and their total.
    """
    s = Schedule.of(project, result)
    sched = s.tasks
    labour = resources = modes = crash = 0.0
    for task in project.tasks:
        tr = sched.get(task.id)
        if tr is None:
            continue
        running = task.id in s.running
        share = tr.duration * task.allocation / 100
        for pid in dict.fromkeys(tr.people):
            if pid in project.person_index:
                labour += project.person(pid).rate * share
        mode = chosen(task, tr)
        if task.modes and not running:
            modes += mode.cost
        for rid, units in mode.uses.items():
            if rid in project.resource_index:
                res = project.resources[project.resource_index[rid]]
                days = tr.duration if res.renewable else 1
                resources += res.rate * units * days
        if task.crash is not None and not running:
            saved = max(0, task.duration - tr.duration)
            crash += saved * task.crash.cost_per_day
    overlap = sum(o.cost for o in schedule_overlaps(s))
    overhead = project.overhead_per_day * latest_finish(result)
    actual = actual_cost(s)
    total = actual + labour + resources + modes + crash + overlap + overhead
    return CostBreakdown(
        actual=actual,
        labour=labour,
        resources=resources,
        modes=modes,
        crash=crash,
        overlap=overlap,
        overhead=overhead,
        total=total,
    )


def actual_cost(s: Schedule) -> float:
    """In a re-plan, the cost spent before the status date: each started
    task's ``actual_cost``, else its working days from the actual start
    to the actual finish (done) or to the status date (in progress; a
    split task's days all its people and resources work) ×
    the rates of its people (the row's: those who worked it) and of the
    resources of its mode.  0 for any other result."""
    info = s.result.replan
    if info is None:
        return 0.0
    now = s.cal.index_on_or_after(info.status_date)
    total = 0.0
    for task in s.project.tasks:
        pr = task.progress
        if pr is None or pr.actual_start is None:
            continue
        if pr.actual_cost is not None:
            total += pr.actual_cost
            continue
        tr = s.done.get(task.id) or s.tasks.get(task.id)
        if tr is None:
            continue
        start, finish = actual_days(s.cal, task, pr.actual_start,
                                    pr.actual_finish)
        end = now if finish is None else finish
        days = max(0, end - start)
        if s.project.splits(task):  # its pauses cost nothing
            days = worked_days(s.project, task, tr, start, end)
        for pid in dict.fromkeys(tr.people):
            if pid in s.project.person_index:
                rate = s.project.person(pid).rate
                total += rate * days * task.allocation / 100
        for rid, units in chosen(task, tr).uses.items():
            if rid in s.project.resource_index:
                res = s.project.resources[s.project.resource_index[rid]]
                total += res.rate * units * (days if res.renewable else 1)
    return total


def check_costs(s: Schedule, out: list[str]) -> None:
    """Each component of ``result.cost`` is the recomputed one, up to
    :data:`~plansat.check._common.REL_TOL`."""
    expected = recompute_cost(s.project, s.result)
    for name in COST_FIELDS:
        got, want = getattr(s.result.cost, name), getattr(expected, name)
        if not close(got, want):
            out.append(
                f"cost.{name} is {got:g}, recomputed {want:g} from the "
                "schedule"
            )
