"""Solve a project: hint -> horizon -> build -> recipe -> result.

:func:`solve` reads in that order: starting plans from the heuristics
(:func:`starting_plans`), the model's horizon (:func:`model_horizon`),
the engine (:class:`~plansat.solver.engine.Engine`), the objective's
phase recipe (:data:`~plansat.solver.objectives.RECIPES`), and the
:class:`~plansat.models.Result` built from the best plan
(:func:`~plansat.schedule.evaluate.build_result`).  Every step draws its
time from one :class:`~plansat.options.Budget`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from plansat.heuristics import genetic
from plansat.heuristics.constructive import improved_schedule
from plansat.models import Project, Result, SolveStatus
from plansat.models.delivery import release_floor
from plansat.models.result import Objective
from plansat.options import Budget, SolveOptions
from plansat.schedule.cpm import shortest_makespan
from plansat.schedule.evaluate import build_result
from plansat.schedule.justify import left_justify
from plansat.schedule.plan import Plan, crude_horizon
from plansat.schedule.releases import releases_hold
from plansat.solver.bounds import makespan_bound
from plansat.solver.engine import Engine, PhaseResult, Progress
from plansat.solver.explain import explain_infeasible
from plansat.solver.objectives import RECIPES, Outcome
from plansat.solver.phases import Phases
from plansat.solver.strategy import Strategy, get_strategy

log = logging.getLogger(__name__)

#: Share of the time left that a caller's further phase (``after``) is
#: kept, e.g. the re-plan's least change.
AFTER_SHARE = 0.25

#: Share of the time limit the improved constructive schedule may take,
#: and its cap in seconds.
HINT_SHARE, HINT_CAP = 0.05, 3.0


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
    horizon = model_horizon(project, options.objective, start.fallback)
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
        phases.seed = _seeder(project, options, strategy, start, horizon,
                              progress, budget, info)
    if (strategy.pooled_bound and options.objective in ("time", "balance")
            and len(project.tasks) >= strategy.probe_min_tasks):
        phases.lower = makespan_bound(
            project, horizon, options, budget,
            min(budget.remaining(strategy.bound_share), strategy.bound_cap),
        )
        info["pooled_bound"] = phases.lower
    outcome = RECIPES[options.objective](phases)
    if after is not None:
        outcome = after(phases, outcome)
    info.update({k: st.value for k, st in phases.statuses.items()})
    if phases.search_info:
        info["lns"] = phases.search_info
    if outcome.load_horizon is not None:
        info["load_horizon"] = outcome.load_horizon
    outcome = _fallback(project, outcome, start, info)
    if strategy.keep_best and options.objective == "time" and after is None:
        outcome = _keep_best(project, outcome, start, info)
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


@dataclass
class StartingPlans:
    """What the heuristics found before the model is built.

    Attributes
    ----------
    hint
        The plan CP-SAT starts from (a previous result, else the
        heuristics' plan), or ``None``.
    fallback
        The heuristics' own plan: it bounds the horizon for ``time`` and
        is reported if CP-SAT finds nothing in time.
    source
        Which heuristic made ``fallback`` (``"constructive"`` or
        ``"genetic"``).
    """

    hint: Plan | None = None
    fallback: Plan | None = None
    source: str = "constructive"


def starting_plans(
    project: Project,
    options: SolveOptions,
    strategy: Strategy,
    budget: Budget,
    hint: Result | None,
    progress: Callable[[Progress], None] | None,
    info: dict[str, object],
) -> StartingPlans:
    """Run the heuristics ``strategy`` asks for, within ``budget``."""
    out = StartingPlans(hint=_plan_from(project, hint))
    tasks = len(project.tasks)
    hinted = strategy.hint and tasks >= strategy.hint_min_tasks
    if hinted or (strategy.keep_best and tasks >= strategy.probe_min_tasks):
        seconds = min(budget.remaining(HINT_SHARE), HINT_CAP)
        out.fallback = improved_schedule(project, seconds=seconds)
        if hinted:
            out.hint = out.hint or out.fallback
        info["heuristic_makespan"] = out.fallback.makespan
    if strategy.probe:  # the genetic algorithm runs after the probe
        return out
    if (strategy.genetic and tasks >= strategy.genetic_min_tasks
            and genetic.applicable(project)):
        found = genetic.genetic_schedule(
            project, budget.remaining(strategy.genetic_share), options.seed,
            compiled=strategy.compiled,
        )
        if found is not None and (out.fallback is None
                                  or found.makespan <= out.fallback.makespan):
            out.fallback, out.source = found, "genetic"
            if hint is None:
                out.hint = found
            info["genetic_makespan"] = found.makespan
            if progress is not None:
                progress(Progress("genetic", budget.elapsed(),
                                  found.makespan, shortest_makespan(project)))
    return out


def _seeder(
    project: Project,
    options: SolveOptions,
    strategy: Strategy,
    start: StartingPlans,
    horizon: int,
    progress: Callable[[Progress], None] | None,
    budget: Budget,
    info: dict[str, object],
) -> Callable[[Plan | None, float], Plan | None]:
    """The heuristics a probe that did not close the makespan phase
    calls: the genetic algorithm from the probe's plan, and the
    constructive plan; the shortest that the model accepts."""

    def seed(probe: Plan | None, seconds: float) -> Plan | None:
        best = _usable(project, start.fallback, horizon)
        if (strategy.genetic
                and len(project.tasks) >= strategy.genetic_min_tasks
                and genetic.applicable(project)):
            found = _usable(project, genetic.genetic_schedule(
                project, seconds, options.seed, start_from=probe,
                compiled=strategy.compiled), horizon)
            if found is not None:
                info["genetic_makespan"] = found.makespan
                if progress is not None:
                    progress(Progress("genetic", budget.elapsed(),
                                      found.makespan,
                                      shortest_makespan(project)))
                if best is None or found.makespan < best.makespan:
                    best = found
        return best

    return seed


def _usable(project: Project, plan: Plan | None,
            horizon: int) -> Plan | None:
    """``plan`` if the model accepts it: within the horizon and every
    deadline."""
    if plan is None or plan.makespan > horizon:
        return None
    return plan if meets_deadlines(project, plan) else None


def _keep_best(
    project: Project,
    outcome: Outcome,
    start: StartingPlans,
    info: dict[str, object],
) -> Outcome:
    """The heuristics' plan when it is shorter than the engine's (which
    happens only when the engine never saw it)."""
    plan = start.fallback
    if (plan is None or outcome.final.plan is None
            or outcome.main.value is None
            or plan.makespan >= outcome.main.value
            or not meets_deadlines(project, plan)):
        return outcome
    info["schedule_from"] = start.source
    bound = outcome.main.bound
    found = PhaseResult(SolveStatus.FEASIBLE, float(plan.makespan), bound,
                        plan)
    return Outcome(SolveStatus.FEASIBLE, found, found, outcome.load_horizon)


def _fallback(
    project: Project,
    outcome: Outcome,
    start: StartingPlans,
    info: dict[str, object],
) -> Outcome:
    """If CP-SAT found nothing in time but the heuristics' plan is a valid
    schedule, report that plan, honestly labelled FEASIBLE."""
    if (outcome.final.plan is not None
            or outcome.status != SolveStatus.UNKNOWN
            or start.fallback is None
            or not meets_deadlines(project, start.fallback)):
        return outcome
    info["schedule_from"] = start.source
    found = PhaseResult(SolveStatus.FEASIBLE, None, outcome.main.bound,
                        start.fallback)
    return Outcome(SolveStatus.FEASIBLE, found, found,
                   outcome.load_horizon)


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


def meets_deadlines(project: Project, plan: Plan) -> bool:
    """Whether every task of ``plan`` finishes by its deadlines (and the
    features keep their pins, musts and order)."""
    for t in project.tasks:
        bound = project.finish_bound(t, plan.duration[t.id])
        if bound is not None and plan.finish(t.id) > bound:
            return False
    return releases_hold(project, {t: plan.finish(t) for t in plan.start})


def _plan_from(project: Project, hint: Result | None) -> Plan | None:
    """A plan from a previous result for the same project, if usable."""
    if hint is None or not hint.status.has_solution:
        return None
    by_id = {t.id: t for t in hint.tasks}
    if set(by_id) != set(project.task_index):
        log.warning("hint ignored: its tasks differ from the project's")
        return None
    plan = Plan()
    for t in project.tasks:
        r = by_id[t.id]
        plan.start[t.id], plan.duration[t.id] = r.start, r.duration
        if r.mode is not None and len(t.alternatives) > 1:
            plan.mode[t.id] = r.mode
        remaining = list(r.people)
        per_need = []
        for need in t.mode(r.mode).needs:
            mine = [p for p in remaining
                    if project.person(p).level(need.skill) >= need.level]
            per_need.append(mine[: need.count])
            remaining = [p for p in remaining if p not in per_need[-1]]
        extra = project.extra_people(t)
        plan.people[t.id] = per_need + ([extra] if extra else [])
    return plan
