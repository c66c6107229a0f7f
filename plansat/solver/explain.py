"""Explain why a project has no schedule.

Two steps, cheapest first:

1. a forward pass with every task fully crashed and every link fully
   overlapped: a deadline earlier than that earliest finish can't be met,
   whatever the people and resources do;
2. otherwise the model is rebuilt with a switch on every deadline,
   earliest start, vacation and pinned person, the switches are passed to
   CP-SAT as assumptions, and the subset it reports as conflicting is
   shrunk by deletion to a minimal one within the time left.

Both draw from the caller's :class:`~plansat.options.Budget`: with no
time left, only the first (instant) step runs.
"""

from __future__ import annotations

import logging

from ortools.sat.python import cp_model

from plansat.models import Project, Result
from plansat.options import Budget
from plansat.schedule.cpm import topological_order
from plansat.schedule.plan import crude_horizon
from plansat.schedule.windows import due_bound
from plansat.solver.search import DEFAULT

log = logging.getLogger(__name__)


def explain_infeasible(
    project: Project, result: Result, horizon: int, budget: Budget
) -> Result:
    """Fill ``result.explanation`` and ``result.conflicts``.

    Parameters
    ----------
    project
        The infeasible project.
    result
        The solution-less result to explain (modified copy returned).
    horizon
        Horizon of the failed model (named when nothing else is found).
    budget
        The solve's budget; the explanation uses what is left of it and
        never more.
    """
    conflicts = precedence_conflicts(project)
    if conflicts:
        lead = "deadlines the dependencies alone make impossible"
    elif budget.remaining() > 0:
        conflicts = _assumption_core(project, budget)
        lead = (
            "no schedule meets all of these together (given the "
            "dependencies, skills and capacities)"
        )
    if not conflicts:
        conflicts = [
            "the dependencies, skills and capacities admit no schedule "
            f"within {horizon} working days"
        ]
        lead = "no schedule exists"
        if budget.expired:
            conflicts[0] += (
                " (no time was left to look for a smaller set of "
                "conflicting rules; raise the time limit)"
            )
    explanation = lead + ": " + "; ".join(conflicts)
    return result.model_copy(
        update={"explanation": explanation, "conflicts": conflicts}
    )


def precedence_conflicts(project: Project) -> list[str]:
    """Deadlines missed even with every task crashed and link overlapped.

    Returns one message per missed deadline, naming the chain of tasks
    that drives the earliest finish.
    """
    # Lower bounds on each start (es) and finish (ef) over all durations
    # between crash.duration and duration: FS/SS links bound the start,
    # FF/SF links the finish, and each bounds the other through the
    # duration range.
    es: dict[str, int] = {}
    ef: dict[str, int] = {}
    driver: dict[str, str | None] = {}
    for task_id in topological_order(project):
        t = project.task(task_id)
        start, finish = project.earliest_start_index(t), 0
        by_start: str | None = None
        by_finish: str | None = None
        for dep in t.after:
            i = dep.task
            if dep.type in ("FS", "SS"):
                base = ef[i] - dep.max_overlap if dep.type == "FS" else es[i]
                if base + dep.lag > start:
                    start, by_start = base + dep.lag, i
            else:
                base = ef[i] if dep.type == "FF" else es[i]
                if base + dep.lag > finish:
                    finish, by_finish = base + dep.lag, i
        es[task_id] = max(0, start, finish - t.duration)
        ef[task_id] = max(es[task_id] + t.min_duration, finish)
        finish_rules = finish > es[task_id] + t.min_duration
        driver[task_id] = by_finish if finish_rules else by_start
    cal = project.work_calendar
    out = []
    for t in project.tasks:
        for label, due in (("its deadline", t.deadline),
                           ("the project deadline", project.deadline)):
            if due is None or ef[t.id] <= due_bound(project,
                t, due, t.min_duration
            ):
                continue
            chain = [t.id]
            while driver[chain[-1]] is not None:
                chain.append(str(driver[chain[-1]]))
            out.append(
                f"{t.id} must finish by {label} {due} but can't finish "
                f"before {cal.finish_date(es[t.id], ef[t.id])} (chain "
                f"{' -> '.join(reversed(chain))}, fully crashed and "
                "fast-tracked)"
            )
    return out


def _assumption_core(project: Project, budget: Budget) -> list[str]:
    """The sentences of a minimal set of switched constraints that
    conflict, found within ``budget``."""
    engine = DEFAULT.engine(project, crude_horizon(project), explain=True)
    switches = engine.vars.switches or {}
    if not switches or budget.expired:
        return []
    by_index = {sw.literal.index: key for key, sw in switches.items()}

    def infeasible_core(active: list[str], limit: float) -> list[str] | None:
        model = engine.model
        model.clear_assumptions()
        model.add_assumptions([switches[a].literal for a in active])
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = max(limit, 0.01)
        if solver.solve(model) != cp_model.INFEASIBLE:
            return None
        found = solver.sufficient_assumptions_for_infeasibility()
        return [by_index[i] for i in found if i in by_index]

    core = infeasible_core(list(switches), budget.remaining())
    if core is None:
        log.info("no conflict found among windows, vacations and pins")
        return []
    for key in list(core):  # deletion: keep only what is needed
        if budget.expired:
            break
        trial = [c for c in core if c != key]
        smaller = infeasible_core(trial, budget.remaining(0.5))
        if smaller is not None:
            core = smaller or trial
    return [switches[key].sentence for key in core]
