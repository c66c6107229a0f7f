"""Plan a portfolio: every project in one CP-SAT model.

:func:`plan_portfolio` reads like :func:`plansat.solver.solve.solve`:
the projects alone (their stand-alone optima, the sharing cost's
reference and lower bounds of their finishes), the priority-order
heuristic's plan (:mod:`~plansat.analysis.portfolio.heuristic`), then
one :class:`~plansat.solver.search.Run` on the merged project
(:mod:`~plansat.analysis.portfolio.merge`) with the strategy's start and
bound steps, the engine built by the strategy, the portfolio objective's
recipe on the one phase runner and the finish steps; keep-best against
the heuristic; one result per project.  Every step draws from one
:class:`~plansat.options.Budget`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from plansat.analysis.portfolio.heuristic import priority_plan, smith_order
from plansat.analysis.portfolio.merge import Merged, merge
from plansat.analysis.portfolio.objectives import (
    RECIPES,
    WEIGHT_SCALE,
    Finishes,
    value,
    weight,
)
from plansat.analysis.portfolio.report import (
    Standalone,
    outcomes,
    people_loads,
    project_results,
)
from plansat.check.portfolio import portfolio_violations
from plansat.heuristics.improve import improved_schedule
from plansat.models import Result, SolveStatus
from plansat.models.portfolio import Portfolio
from plansat.models.portfolio_report import (
    PortfolioObjective,
    PortfolioPlan,
    Reference,
)
from plansat.options import Budget, SolveOptions
from plansat.schedule.justify import left_justify
from plansat.schedule.plan import Plan
from plansat.solver.bounds import critical_bound
from plansat.solver.engine import SolveProgress
from plansat.solver.explain import explain_infeasible
from plansat.solver.phases import Phases
from plansat.solver.search import Run, get_strategy
from plansat.solver.search.starts import meets_deadlines
from plansat.solver.solve import solve

log = logging.getLogger(__name__)

#: Share of the time the projects alone take (their stand-alone plans).
STANDALONE_SHARE = 0.2

#: Seconds a project's share must reach for it to be solved alone (else
#: its stand-alone plan is the improved constructive schedule's).
MIN_SOLVE = 0.5

#: The heuristics' plans, as ``schedule_from`` names them when reported
#: instead of the search's.
HEURISTIC, SMITH = "priority heuristic", "smith order"


def plan_portfolio(
    portfolio: Portfolio | str | Path,
    options: SolveOptions | None = None,
    *,
    objective: PortfolioObjective = "weighted",
    budget: Budget | None = None,
    standalone: bool = True,
    progress: Callable[[SolveProgress], None] | None = None,
    **overrides: object,
) -> PortfolioPlan:
    """Plan every project of ``portfolio`` together.

    Parameters
    ----------
    portfolio
        A portfolio or the path of a portfolio file.
    options
        Time limit, workers, seed, strategy (``options.objective`` is
        not used: the portfolio's is ``objective``); keyword
        ``overrides`` of the same names apply on top.
    objective
        ``weighted`` (Σ weight × makespan, default), ``tardiness``,
        ``makespan``, ``cost`` or ``priority`` (see
        :mod:`plansat.analysis.portfolio.objectives`).
    budget
        The budget to draw from (default: ``options.time_limit``).
    standalone
        Plan each project alone first (the sharing cost's reference).
    progress
        Called on every improving solution of the joint search.

    Returns
    -------
    PortfolioPlan
        Status, objective value, bound and gap, the heuristic's value,
        one outcome per project (its result, stand-alone makespan,
        sharing cost, limiting people) and people's loads.

    Raises
    ------
    ProjectError
        When the portfolio or one of its projects breaks a rule.
    ValueError
        For an unknown objective.
    """
    if objective not in RECIPES:
        raise ValueError(f"objective must be one of {', '.join(RECIPES)} "
                         f"(got {objective!r})")
    if not isinstance(portfolio, Portfolio):
        portfolio = Portfolio.from_file(portfolio)
    options = SolveOptions.of(options, **overrides)
    budget = budget or options.budget()
    merged = merge(portfolio, hard_deadlines=objective != "tardiness")
    alone = standalone_plans(merged, options, budget) if standalone else []
    heuristic = priority_plan(merged)
    hint, source = first_plan(merged, objective, heuristic, alone)
    phases = build(merged, options, budget, hint,
                   horizon(merged, objective, hint, alone), progress)
    finishes = Finishes.post(merged, phases, [lower(a) for a in alone])
    run = phases.state
    run.outcome = RECIPES[objective](phases, finishes)
    for step in run.strategy.stage("finish"):
        if step.applies(run):
            step.run(run, run.budget)
    return report(merged, objective, phases, heuristic, (hint, source),
                  alone)


def standalone_plans(merged: Merged, options: SolveOptions,
                     budget: Budget, share: float = STANDALONE_SHARE
                     ) -> list[Standalone]:
    """Each project planned alone for time, in fair shares of ``share``
    of the time left: solved when its share is at least
    :data:`MIN_SOLVE` seconds (a solve costs its model's build on top),
    else the improved constructive schedule with the critical path as
    its bound (FEASIBLE)."""
    shares = budget.sub(share).shares(len(merged.projects))
    out = []
    time = replace(options, objective="time")
    for p in merged.projects:
        mine = shares.next()
        if mine.remaining() >= MIN_SOLVE:
            r = solve(p, time, budget=mine)
            out.append(Standalone(r.makespan, r.status, r.bound))
            continue
        plan = improved_schedule(p, mine)
        bound = critical_bound(p)
        status = (SolveStatus.OPTIMAL if bound == plan.makespan
                  else SolveStatus.FEASIBLE)
        out.append(Standalone(plan.makespan, status,
                              None if bound is None else float(bound)))
    return out


def first_plan(merged: Merged, objective: PortfolioObjective,
               heuristic: Plan, alone: Sequence[Standalone]
               ) -> tuple[Plan | None, str]:
    """The joint search's first plan: the better on the objective of the
    priority-order plan and the plan in Smith's order (except for
    ``priority``, whose order is the priority order), among those that
    meet every deadline."""
    plans = [(heuristic, HEURISTIC)]
    if objective != "priority" and len(merged.projects) > 1:
        order = smith_order(merged, [a.makespan for a in alone])
        if order != merged.portfolio.order():
            plans.append((priority_plan(merged, order), SMITH))
    good = [p for p in plans if meets_deadlines(merged.project, p[0])]
    if not good:
        return None, HEURISTIC
    return min(good, key=lambda p: _value(merged, objective, p[0]))


def lower(a: Standalone) -> int | None:
    """A proven lower bound of the project's makespan."""
    if a.status == SolveStatus.OPTIMAL:
        return a.makespan
    return None if a.bound is None else int(a.bound + 1e-9)


def horizon(merged: Merged, objective: PortfolioObjective,
            hint: Plan | None, alone: Sequence[Standalone]) -> int:
    """The merged model's latest finish: the crude horizon, or what a
    plan as good as the heuristic's allows (``makespan``: its makespan;
    ``weighted``: for each project, the weighted finish the others leave
    it at their lower bounds)."""
    crude = merged.project.crude_horizon
    if hint is None:
        return crude
    if objective == "makespan":
        return min(crude, max(hint.makespan, 1))
    if objective != "weighted":
        return crude
    grid = merged.grid_finishes(hint)
    n = len(grid)
    w = [weight(merged, i) for i in range(n)]
    lows = [(lower(alone[i]) if i < len(alone) else None) or 0
            for i in range(n)]
    total = sum(w[i] * (grid[i] - merged.offsets[i]) for i in range(n))
    least = sum(w[i] * lows[i] for i in range(n))
    latest = max(merged.offsets[i] + (total - least + w[i] * lows[i])
                 // w[i] for i in range(n))
    return min(crude, max(latest, hint.makespan, 1))


def build(merged: Merged, options: SolveOptions, budget: Budget,
          hint: Plan | None, latest: int,
          progress: Callable[[SolveProgress], None] | None = None) -> Phases:
    """A run on the merged project: the strategy's start steps, the
    engine built by the strategy, its bound steps; its phases."""
    run_options = replace(options, objective="cost")  # no makespan steps
    strategy = get_strategy(options.strategy)
    run = Run(merged.project, run_options, budget, strategy, progress)
    run.start.hint, run.start.given = hint, hint is not None
    for step in strategy.stage("start"):
        if step.applies(run):
            step.run(run, budget)
    run.horizon = latest
    before = budget.elapsed()  # the budget may be a caller's, long started
    run.engine = strategy.engine(merged.project, latest)
    run.build_seconds = budget.elapsed() - before
    for step in strategy.stage("bound"):
        if step.applies(run):
            step.run(run, budget)
    return Phases(run)


def report(merged: Merged, objective: PortfolioObjective, phases: Phases,
           heuristic: Plan, first: tuple[Plan | None, str],
           alone: Sequence[Standalone]) -> PortfolioPlan:
    """The joint plan's report, the first plan (a heuristic's) kept
    when better."""
    hint, source = first
    run = phases.state
    out = run.outcome
    assert out is not None
    elapsed = run.budget.elapsed()
    ref = _reference(merged, objective, heuristic,
                     meets_deadlines(merged.project, heuristic))
    base = PortfolioPlan(name=merged.portfolio.name, status=out.status,
                         objective=objective, start=merged.project.start,
                         heuristic=ref, solver=_info(run))
    if hint is not None:
        base.solver["first_plan"] = source
        base.solver["first_plan_value"] = _value(merged, objective,
                                                 hint)[0]
    plan, status, src = out.final.plan, out.status, None
    if plan is None and hint is not None:
        plan, status, src = hint, SolveStatus.FEASIBLE, source
    if plan is None:
        return _no_plan(merged, base, run)
    plan = left_justify(merged.project, plan)
    results = project_results(merged, plan, status, elapsed)
    mine = value(merged, objective, plan, [r.cost.total for r in results])
    if (src is None and hint is not None
            and _value(merged, objective, hint) < mine):
        plan, status, src = left_justify(merged.project, hint), \
            SolveStatus.FEASIBLE, source
        results = project_results(merged, plan, status, elapsed)
        mine = _value(merged, objective, hint)
    bound = out.main.bound
    base.status, base.objective_value = status, mine[0]
    base.bound = None if bound is None else round(min(bound, mine[0]), 6)
    base.gap = _gap(mine[0], base.bound)
    base.makespan = plan.makespan
    base.finish_date = merged.project.work_calendar.date_of(
        max(plan.makespan - 1, 0))
    if objective == "priority":
        base.priority_finishes = [int(x) for x in mine[:-1]]
    base.schedule_from = src
    base.projects = outcomes(merged, plan, results, alone)
    base.violations = portfolio_violations(
        list(zip(merged.projects, results, strict=True)))
    base.people = people_loads(merged, plan)
    base.runtime = round(run.budget.elapsed(), 3)
    return base


def _value(merged: Merged, objective: PortfolioObjective,
           plan: Plan) -> tuple[float, ...]:
    """The objective's value of ``plan`` left-justified (each project's
    result is built only for ``cost``, which needs its costs)."""
    plan = left_justify(merged.project, plan)
    totals = ([r.cost.total for r in project_results(
        merged, plan, SolveStatus.FEASIBLE, 0.0)]
        if objective == "cost" else [])
    return value(merged, objective, plan, totals)


def _reference(merged: Merged, objective: PortfolioObjective,
               heuristic: Plan, meets: bool) -> Reference:
    """The heuristic's plan, valued."""
    own = merged.split(heuristic)
    return Reference(
        objective_value=_value(merged, objective, heuristic)[0],
        makespans=[p.makespan for p in own], meets_deadlines=meets)


def _gap(v: float, bound: float | None) -> float | None:
    if bound is None:
        return None
    return round(abs(v - bound) / max(abs(v), 1e-9), 6) if v else 0.0


def _info(run: Run) -> dict[str, object]:
    info: dict[str, object] = {
        "strategy": run.strategy.name, "workers": run.options.threads,
        "seed": run.options.seed, "horizon": run.horizon,
        "tasks": len(run.project.tasks),
        "build_seconds": round(run.build_seconds, 3),
        "weight_scale": WEIGHT_SCALE,
    }
    info.update(run.trace.as_dict())
    return info


def _no_plan(merged: Merged, base: PortfolioPlan, run: Run) -> PortfolioPlan:
    """The report of a portfolio with no joint plan, with why."""
    base.runtime = round(run.budget.elapsed(), 3)
    if base.status == SolveStatus.INFEASIBLE:
        why = explain_infeasible(
            merged.project, Result(status=SolveStatus.INFEASIBLE),
            run.horizon, run.budget)
        base.explanation, base.conflicts = why.explanation, why.conflicts
    elif base.status == SolveStatus.UNKNOWN:
        base.explanation = ("no joint plan found within the time limit; "
                            "raise --time-limit")
    return base
