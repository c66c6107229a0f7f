"""Explain why a project has no schedule.

Two steps, cheapest first:

1. a forward pass with every task fully crashed and every link fully
   overlapped: a deadline earlier than that earliest finish can't be met,
   whatever the people and resources do;
2. otherwise the model is rebuilt with a switch on every deadline,
   earliest start, vacation and pinned person, the switches are passed to
   CP-SAT as assumptions, and the subset it reports as conflicting is
   shrunk by deletion to a minimal one within the time left.
"""

from __future__ import annotations

import logging
import time

from ortools.sat.python import cp_model

from plansat.models import Project, Result
from plansat.schedule.cpm import topological_order
from plansat.schedule.plan import crude_horizon

log = logging.getLogger(__name__)


def explain_infeasible(
    project: Project, result: Result, horizon: int, time_limit: float
) -> Result:
    """Fill ``result.explanation`` and ``result.conflicts``.

    Parameters
    ----------
    project
        The infeasible project.
    result
        The solution-less result to explain (modified copy returned).
    horizon
        Unused horizon of the failed model (kept for logging).
    time_limit
        Seconds available for the explanation.
    """
    conflicts = precedence_conflicts(project)
    if conflicts:
        lead = "deadlines the dependencies alone make impossible"
    else:
        conflicts = _assumption_core(project, max(time_limit, 2.0))
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
            if due is None or ef[t.id] <= project.due_bound(
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


def _assumption_core(project: Project, time_limit: float) -> list[str]:
    from plansat.solver.engine import Engine

    started = time.monotonic()
    engine = Engine(project, crude_horizon(project), explain=True)
    switches = engine.vars.switches or {}
    if not switches:
        return []
    labels = {var.index: label for label, var in switches.items()}

    def infeasible_core(active: list[str], limit: float) -> list[str] | None:
        model = engine.model
        model.clear_assumptions()
        model.add_assumptions([switches[a] for a in active])
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = max(limit, 0.1)
        if solver.solve(model) != cp_model.INFEASIBLE:
            return None
        core = solver.sufficient_assumptions_for_infeasibility()
        return [labels[i] for i in core if i in labels]

    core = infeasible_core(list(switches), time_limit)
    if core is None:
        log.info("no conflict found among windows, vacations and pins")
        return []
    for label in list(core):  # deletion: keep only what is needed
        left = time_limit - (time.monotonic() - started)
        if left <= 0:
            break
        trial = [c for c in core if c != label]
        smaller = infeasible_core(trial, left / 2)
        if smaller is not None:
            core = smaller or trial
    return [_describe(project, label) for label in core]


def _describe(project: Project, label: str) -> str:
    kind, _, rest = label.partition(":")
    cal = project.work_calendar
    if label == "deadline:project":
        return f"the project deadline {project.deadline}"
    if kind == "deadline":
        return f"{rest} must finish by {project.task(rest).deadline}"
    if kind == "earliest_start":
        return f"{rest} can't start before {project.task(rest).earliest_start}"
    if kind == "budget":
        res = project.resources[project.resource_index[rest]]
        return (
            f"non-renewable {rest}: at most {res.capacity} units in total"
        )
    if kind == "pin":
        task_id, _, person = rest.partition(":")
        return f"{task_id} is pinned to {person}"
    if kind == "vacation":
        person, _, k = rest.partition(":")
        days = project.blocked_days(project.person(person))[int(k)]
        return (
            f"{person} is away {cal.date_of(days.start)} to "
            f"{cal.date_of(days.stop - 1)}"
        )
    return label
