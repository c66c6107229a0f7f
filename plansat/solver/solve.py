"""Solve a project: hint -> horizon -> build -> steps -> recipe -> result.

:func:`solve` holds one :class:`~plansat.solver.search.Run` and reads in
that order: the strategy's start steps (heuristic plans, a caller's
hint), the model's horizon (:func:`model_horizon`), the engine built
from the strategy (:meth:`~plansat.solver.search.Strategy.engine`), the
bound steps, the objective's recipe (:data:`~plansat.solver.objectives.
RECIPES`) whose phases run the phase steps, the finish steps, and the
:class:`~plansat.models.Result` built from the best plan
(:func:`~plansat.schedule.evaluate.build_result`).  Every step draws its
time from one :class:`~plansat.options.Budget`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from plansat.models import Project, Result, SolveStatus
from plansat.options import Budget, SolveOptions
from plansat.schedule.evaluate import build_result
from plansat.schedule.justify import left_justify
from plansat.schedule.plan import Plan
from plansat.solver.engine import SolveProgress
from plansat.solver.explain import explain_infeasible
from plansat.solver.objectives import RECIPES
from plansat.solver.phases import Phases
from plansat.solver.search import Outcome, Run, get_strategy
from plansat.solver.search.starts import model_horizon

log = logging.getLogger(__name__)

#: Share of the time left that a caller's further phase (``after``) is
#: kept, e.g. the re-plan's least change.
AFTER_SHARE = 0.25


def solve(
    project: Project,
    options: SolveOptions | None = None,
    *,
    hint: Result | None = None,
    progress: Callable[[SolveProgress], None] | None = None,
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
        Called with a :class:`~plansat.solver.engine.SolveProgress` on every
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
    run = Run(project, options, budget or options.budget(),
              get_strategy(options.strategy), progress,
              further=after is not None)
    run.start.hint = plan_from(project, hint)
    run.start.given = hint is not None
    run.reach("start")
    run.build(_horizon(run))
    run.reach("bound")
    phases = Phases(run)
    if after is not None:
        run.reserve = AFTER_SHARE
    run.outcome = RECIPES[options.objective].run(phases)
    if after is not None:
        run.outcome = after(phases, run.outcome)
    run.reach("finish")
    return _result(run, justify=after is None)


def _horizon(run: Run) -> int:
    """The model's horizon: from the heuristics' plan when it is tight,
    never below a caller's hint (a hint beyond the horizon is no hint:
    CP-SAT may spend its limit repairing it)."""
    start, objective = run.start, run.options.objective
    horizon = model_horizon(run.project, objective,
                            start.fallback if start.tight else None)
    if start.hint is not None and start.hint is not start.fallback:
        horizon = max(horizon, model_horizon(run.project, objective,
                                             start.hint))
    return horizon


def _solver_info(run: Run) -> dict[str, object]:
    """The result's ``solver`` section, from the run's trace."""
    info = run.trace.as_dict()
    if run.outcome is not None and run.outcome.load_horizon is not None:
        info["load_horizon"] = run.outcome.load_horizon
    return info


def _result(run: Run, justify: bool) -> Result:
    """The result of the run's outcome: its plan left-justified (unless
    a further phase placed it, or features pin releases), valued by the
    recipe when no phase optimised it."""
    project, outcome = run.project, run.outcome
    assert outcome is not None
    if outcome.final.plan is None:
        return _no_schedule(run)
    plan = outcome.final.plan
    if justify and not project.features:  # as soon as possible
        plan = left_justify(project, plan)
    objective = run.options.objective
    result = build_result(
        project, plan, outcome.status, objective, outcome.main.value,
        outcome.main.bound, run.budget.elapsed(), _solver_info(run),
        outcome.load_horizon,
    )
    result.schedule_from = run.schedule_from
    if outcome.main.value is None:  # value of a plan no phase optimised
        result.objective_value = RECIPES[objective].value(result, project)
        result.gap = None
    return result


def _no_schedule(run: Run) -> Result:
    """The result of a solve that found no schedule, with why."""
    assert run.outcome is not None
    status, options = run.outcome.status, run.options
    result = Result(status=status, objective=options.objective,
                    runtime=round(run.budget.elapsed(), 3),
                    solver=_solver_info(run))
    if status == SolveStatus.INFEASIBLE:
        result = explain_infeasible(run.project, result, run.horizon,
                                    run.budget)
        result.runtime = round(run.budget.elapsed(), 3)
    elif status == SolveStatus.UNKNOWN:
        result.explanation = (
            "no schedule found within the time limit of "
            f"{options.time_limit:g}s; raise --time-limit"
        )
    return result


def plan_from(project: Project, hint: Result | None) -> Plan | None:
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
        plan.start[t.id], plan.duration[t.id] = r.start, r.finish - r.start
        if r.duration != r.finish - r.start:  # a split task
            plan.worked[t.id] = r.duration
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
