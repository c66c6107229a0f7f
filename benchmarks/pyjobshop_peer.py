"""PyJobShop as an external peer (extra ``bench``): RCPSP and MRCPSP.

The instance is modelled as PyJobShop's documentation shows for project
scheduling: one renewable resource per pool, a consumable per budget, one
mode per task mode with its demands, end-before-start precedences, and the
makespan objective; solved with its OR-Tools backend.  Its schedule is
turned into a plansat result so the independent checker verifies it too.
Multi-skill projects (people) are not modelled: PyJobShop has no skill
matching, so those rows report an error.
"""

from __future__ import annotations

from typing import Any

from plansat.models import Project, Result, SolveStatus
from plansat.schedule.evaluate import build_result
from plansat.schedule.plan import Plan

_STATUS = {
    "Optimal": SolveStatus.OPTIMAL,
    "Feasible": SolveStatus.FEASIBLE,
    "Infeasible": SolveStatus.INFEASIBLE,
}


def solve_pyjobshop(
    project: Project, time_limit: float, workers: int
) -> Result:
    """Solve ``project`` for its makespan with PyJobShop."""
    from pyjobshop import Model

    if project.people:
        raise ValueError("pyjobshop peer: multi-skill projects unsupported")
    if any(d.type != "FS" or d.max_overlap for t in project.tasks
           for d in t.after):
        raise ValueError("pyjobshop peer: only plain FS links supported")
    model = Model()
    pools: dict[str, Any] = {}
    for res in project.resources:
        pools[res.id] = (
            model.add_renewable(res.capacity, name=res.id) if res.renewable
            else model.add_consumable(res.capacity, name=res.id)
        )
    tasks = {}
    for t in project.tasks:
        task = model.add_task(name=t.id)
        tasks[t.id] = task
        for mode in t.alternatives:
            used = list(mode.uses)
            model.add_mode(
                task, [pools[r] for r in used], mode.duration,
                [mode.uses[r] for r in used],
            )
    for t in project.tasks:
        for dep in t.after:
            model.add_end_before_start(tasks[dep.task], tasks[t.id], dep.lag)
    model.set_objective(weight_makespan=1)
    out = model.solve("ortools", time_limit=time_limit, display=False,
                      num_workers=workers)
    status = _STATUS.get(str(out.status.value), SolveStatus.UNKNOWN)
    if not status.has_solution:
        return Result(status=status, runtime=out.runtime)
    plan = Plan()
    offsets = _mode_offsets(project)
    for t, scheduled in zip(project.tasks, out.best.tasks, strict=True):
        plan.start[t.id] = scheduled.start
        plan.duration[t.id] = scheduled.end - scheduled.start
        plan.people[t.id] = []
        if len(t.alternatives) > 1:
            plan.mode[t.id] = scheduled.mode - offsets[t.id]
    return build_result(
        project, plan, status, "time", out.objective, out.lower_bound,
        out.runtime,
    )


def _mode_offsets(project: Project) -> dict[str, int]:
    """Index of each task's first mode in PyJobShop's global mode list."""
    offsets, k = {}, 0
    for t in project.tasks:
        offsets[t.id] = k
        k += len(t.alternatives)
    return offsets
