"""Costs: :func:`recompute_cost` from the schedule alone, and the check
that ``result.cost`` agrees with it."""

from __future__ import annotations

from plansat.check._common import (
    Schedule,
    chosen,
    close,
    first_by_id,
    latest_finish,
)
from plansat.check.precedence import expected_overlaps
from plansat.models.project import Project
from plansat.models.result import CostBreakdown, Result

#: The fields of :class:`CostBreakdown` compared, in message order.
COST_FIELDS = (
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
    sched = first_by_id(project, result)
    labour = resources = modes = crash = 0.0
    for task in project.tasks:
        tr = sched.get(task.id)
        if tr is None:
            continue
        share = tr.duration * task.allocation / 100
        for pid in dict.fromkeys(tr.people):
            if pid in project.person_index:
                labour += project.person(pid).rate * share
        mode = chosen(task, tr)
        if task.modes:
            modes += mode.cost
        for rid, units in mode.uses.items():
            if rid in project.resource_index:
                res = project.resources[project.resource_index[rid]]
                days = tr.duration if res.renewable else 1
                resources += res.rate * units * days
        if task.crash is not None:
            saved = max(0, task.duration - tr.duration)
            crash += saved * task.crash.cost_per_day
    overlap = sum(o.cost for o in expected_overlaps(project, sched))
    overhead = project.overhead_per_day * latest_finish(result)
    total = labour + resources + modes + crash + overlap + overhead
    return CostBreakdown(
        labour=labour,
        resources=resources,
        modes=modes,
        crash=crash,
        overlap=overlap,
        overhead=overhead,
        total=total,
    )


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
