"""Solve a project: hint -> horizon -> build -> recipe -> result.

:func:`solve` reads in that order: starting plans from the heuristics
(:func:`~plansat.solver.starts.starting_plans`), the model's horizon
(:func:`model_horizon`),
the engine (:class:`~plansat.solver.engine.Engine`), the objective's
phase recipe (:data:`~plansat.solver.objectives.RECIPES`), and the
:class:`~plansat.models.Result` built from the best plan
(:func:`~plansat.schedule.evaluate.build_result`).  Every step draws its
time from one :class:`~plansat.options.Budget`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from plansat.models import Project, Result, SolveStatus
from plansat.models.delivery import release_floor
from plansat.models.result import Objective
from plansat.options import Budget, SolveOptions
from plansat.schedule.evaluate import build_result
from plansat.schedule.justify import left_justify
from plansat.schedule.plan import Plan, crude_horizon
from plansat.solver.bounds import (
    critical_bound,
    energy_bound,
    makespan_bound,
)
from plansat.solver.engine import Engine, Progress
from plansat.solver.explain import explain_infeasible
from plansat.solver.objectives import RECIPES, Outcome
from plansat.solver.phases import Phases
from plansat.solver.starts import (
    fallback,
    keep_best,
    meets_deadlines,
    restarter,
    seeder,
    starting_plans,
)
from plansat.solver.strategy import get_strategy

log = logging.getLogger(__name__)

#: Share of the time left that a caller's further phase (``after``) is
#: kept, e.g. the re-plan's least change.
AFTER_SHARE = 0.25

#: Most seconds the people's energy bound may take (5 % of the limit
#: otherwise).
ENERGY_CAP = 2.0


def solve(
    project: Project,
    options: SolveOptions | None = None,
    *,
    hint: Result | None = None,
    progress: Callable[[Progress], None] | None = None,
    budget: Budget | None = None,
    after: Callable[[Phases, Outcome], Outcome] | None = None,
    **overrides: Any,
) -> Result:
    """Find an optimal (or the best found) schedule for ``project``.

    Parameters
    ----------
    project
        A validated project.
    options
        Objective, time limit, workers, seed, slack and strategy (see
        :class:`~plansat.options.SolveOptions`); keyword ``overrides``
        of the same names apply on top, so
        ``solve(project, objective="cost", time_limit=5)`` works too.
    hint
        A previous result to start from (otherwise the heuristics').
    progress
        Called with a :class:`~plansat.solver.engine.Progress` on every
        improving solution.
    budget
        The time budget to draw from (default: a new one of
        ``options.time_limit`` seconds); callers that solve several
        times within one limit pass theirs.
    after
        A further phase run on the same model after the objective's
        recipe, e.g. :func:`plansat.solver.stability.least_change`
        (the re-plan's least change); it gets the phases and the
        recipe's outcome and returns the outcome to report.

    Returns
    -------
    Result
        The schedule with status, objective value, bound and gap.  With no
        schedule, ``explanation`` says why.  ``runtime`` exceeds the time
        limit by at most the time to build the model.

    Examples
    --------
    >>> import plansat
    >>> project = plansat.Project.from_file("examples/ecommerce.json")
    >>> plansat.solve(project, time_limit=5).makespan  # doctest: +SKIP
    55
    """
    options = SolveOptions.of(options, **overrides)
    budget = budget or options.budget()
    strategy = get_strategy(options.strategy)
    info: dict[str, object] = {
        "strategy": strategy.name,
        "workers": options.threads,
        "seed": options.seed,
    }
    start = starting_plans(project, options, strategy, budget, hint,
                           progress, info)
    horizon = model_horizon(project, options.objective,
                            start.fallback if start.tight else None)
    if start.hint is not None and start.hint is not start.fallback:
        # keep a caller's hint inside the model (a hint beyond the
        # horizon is no hint: CP-SAT may spend its limit repairing it)
        horizon = max(horizon, model_horizon(project, options.objective,
                                             start.hint))
    info["horizon"] = horizon
    engine = Engine(project, horizon, strategy=strategy)
    built = budget.elapsed()
    info["build_seconds"] = round(built, 3)
    phases = Phases(engine, options, budget, progress, start.hint, built)
    if after is not None:
        phases.reserve = AFTER_SHARE
    if strategy.probe:
        phases.seed = seeder(project, options, strategy, start, horizon,
                             progress, budget, info)
        phases.lower = critical_bound(project)
    if strategy.restarts:
        phases.improver = restarter(project, options, horizon)
    if strategy.energy_bound and options.objective in ("time", "balance"):
        energy = energy_bound(project, min(budget.remaining(0.05),
                                           ENERGY_CAP))
        info["energy_bound"] = energy
        if energy is not None:
            phases.lower = max(energy, phases.lower or 0)
    if (strategy.pooled_bound and options.objective in ("time", "balance")
            and len(project.tasks) >= strategy.probe_min_tasks):
        pooled = makespan_bound(
            project, horizon, options, budget,
            min(budget.remaining(strategy.bound_share), strategy.bound_cap),
        )
        info["pooled_bound"] = pooled
        if pooled is not None:
            phases.lower = max(pooled, phases.lower or 0)
    outcome = RECIPES[options.objective](phases)
    if after is not None:
        outcome = after(phases, outcome)
    info.update({k: st.value for k, st in phases.statuses.items()})
    if phases.search_info:
        info["lns"] = phases.search_info
    if outcome.load_horizon is not None:
        info["load_horizon"] = outcome.load_horizon
    outcome = fallback(project, outcome, start, info)
    if strategy.keep_best and options.objective == "time" and after is None:
        outcome = keep_best(project, outcome, start, info)
    if outcome.final.plan is None:
        return _no_schedule(project, options, outcome, budget, horizon,
                            info)
    plan = outcome.final.plan
    if after is None and not project.features:  # as soon as possible
        plan = left_justify(project, plan)
    result = build_result(
        project, plan, outcome.status, options.objective,
        outcome.main.value, outcome.main.bound, budget.elapsed(), info,
        outcome.load_horizon,
    )
    if outcome.main.value is None:  # value of a plan no phase optimised
        result.objective_value = _value_of(result, project)
        result.gap = None
    return result


def _no_schedule(
    project: Project,
    options: SolveOptions,
    outcome: Outcome,
    budget: Budget,
    horizon: int,
    info: dict[str, object],
) -> Result:
    """The result of a solve that found no schedule, with why."""
    result = Result(status=outcome.status, objective=options.objective,
                    runtime=round(budget.elapsed(), 3), solver=info)
    if outcome.status == SolveStatus.INFEASIBLE:
        result = explain_infeasible(project, result, horizon, budget)
        result.runtime = round(budget.elapsed(), 3)
    elif outcome.status == SolveStatus.UNKNOWN:
        result.explanation = (
            "no schedule found within the time limit of "
            f"{options.time_limit:g}s; raise --time-limit"
        )
    return result


def _value_of(result: Result, project: Project) -> float:
    """The objective value of a result computed from its schedule."""
    if result.objective == "priority":
        return float(sum(project.task(t.id).priority * t.finish
                         for t in result.tasks))
    if result.objective == "cost":
        return result.cost.total
    if result.objective == "balance":
        return max((load.load for load in result.loads), default=0.0)
    if result.objective == "value":
        return sum(f.value * f.weight for f in result.features)
    return float(result.makespan or 0)


def model_horizon(
    project: Project, objective: Objective, plan: Plan | None
) -> int:
    """Latest finish the model allows.

    For ``time`` the constructive plan's makespan bounds the optimum; for
    the others (``cost``, ``balance``, ``value``) a later finish may pay
    off, so the crude bound applies, moved on by the day a pinned
    feature's work must run past (:func:`~plansat.models.delivery.
    release_floor`).  A project deadline caps both.
    """
    horizon = crude_horizon(project) + release_floor(project)
    if (
        plan is not None
        and objective == "time"
        and meets_deadlines(project, plan)
    ):
        horizon = min(horizon, max(plan.makespan, 1))
    if project.deadline is not None:
        horizon = min(horizon,
                      project.work_calendar.finish_bound(project.deadline))
    return max(horizon, 1)


