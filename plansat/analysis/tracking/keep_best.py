"""Keep-best for the re-plan: never longer than the constructive schedule.

A re-plan's least-change phase (:func:`plansat.solver.stability.
least_change`) turns off the solver's own keep-best, and with one worker
CP-SAT can stay near a poor starting point (a baseline carried forward
past a late history) for its whole limit.  :func:`constructive` builds
the heuristics' schedule of the remaining project
(:func:`plansat.heuristics.improve.improved_schedule`: the constructive
schedule improved by forward-backward passes) once, before the solve:

- it is the solve's hint when it is shorter than the carried-forward
  baseline (:func:`prefer`);
- after the solve, a time re-plan longer than it (or none at all) is
  replaced by it, labelled FEASIBLE with the solver's bound
  (:func:`at_least`), as :func:`plansat.solve` does on its own.
"""

from __future__ import annotations

import logging

from plansat.heuristics.improve import improved_schedule
from plansat.models import Project, Result, SolveStatus
from plansat.options import Budget
from plansat.schedule.evaluate import build_result
from plansat.solver.search.starts import meets_deadlines

__all__ = ["at_least", "constructive", "prefer"]

log = logging.getLogger(__name__)

#: Share of the budget (and most seconds) the heuristics may take.
SHARE, CAP = 0.1, 2.0


def constructive(rest: Project, budget: Budget) -> Result | None:
    """The heuristics' schedule of the remaining project ``rest``, or
    ``None`` when they find none (deadlines they can't meet, ...)."""
    try:
        plan = improved_schedule(rest, budget.sub(SHARE, cap=CAP))
    except (ValueError, RuntimeError) as exc:
        log.info("no constructive re-plan: %s", exc)
        return None
    if not meets_deadlines(rest, plan):
        return None
    return build_result(rest, plan, SolveStatus.FEASIBLE, "time",
                        float(plan.makespan), None, 0.0)


def _span(result: Result | None) -> int | None:
    if result is None or not result.tasks:
        return None
    return max(r.finish for r in result.tasks)


def prefer(hint: Result | None, floor: Result | None) -> Result | None:
    """The solve's starting point: the carried-forward baseline unless
    the constructive schedule is shorter."""
    mine, theirs = _span(hint), _span(floor)
    if theirs is not None and (mine is None or theirs < mine):
        return floor
    return hint


def at_least(solved: Result, floor: Result | None) -> Result:
    """``solved``, or ``floor`` when ``solved`` (a time re-plan) is
    longer or has no schedule: the re-plan is never longer than the
    constructive schedule."""
    if floor is None or floor.makespan is None or (
        solved.objective != "time"
        or solved.status == SolveStatus.INFEASIBLE
        or (solved.makespan is not None
            and solved.makespan <= floor.makespan)):
        return solved
    bound = solved.bound
    gap = None if bound is None else round(
        max(floor.makespan - bound, 0) / floor.makespan, 6)
    info = {**solved.solver, "kept": "constructive",
            "solver_makespan": solved.makespan}
    return floor.model_copy(update={
        "status": SolveStatus.FEASIBLE, "bound": bound, "gap": gap,
        "runtime": solved.runtime, "solver": info,
        "schedule_from": "constructive",
        "objective_value": float(floor.makespan)})
