"""Can we take this one on?  The earliest finish of a new project with
nothing committed slipping, and the trade-off between its finish and
the committed projects' total delay.

The committed projects' current plan is the portfolio's joint plan
(weighted finish).  With the new project added to the merged model,
each committed project ``i`` gets a delay ``d_i >= finish_i - cap_i``
(``d_i >= 0``), ``cap_i`` its finish in the current plan (``hold=
"plan"``) or its deadline (``hold="deadline"``; its current finish when
it has none).  Committed tasks may move inside those limits.

1. The earliest finish: minimise ``(H + 1) × Σ d_i + makespan_new``
   (``H`` the horizon): the least total delay first (0 whenever the new
   project fits after the others), then the new project's finish.
2. The curve: for makespans ``T`` of the new project below that,
   evenly spread down to its stand-alone finish, post ``makespan_new <=
   T`` (each point tightens the last, so one model serves them all) and
   minimise ``Σ d_i``: each point a proven optimum or with its gap.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from plansat.analysis.portfolio.heuristic import admission_plan
from plansat.analysis.portfolio.merge import Merged, merge
from plansat.analysis.portfolio.objectives import Finishes, due
from plansat.analysis.portfolio.plan import (
    build,
    lower,
    plan_portfolio,
    standalone_plans,
)
from plansat.analysis.portfolio.report import Standalone, limited_by
from plansat.models import Project, ProjectError, SolveStatus
from plansat.models.portfolio import Portfolio, PortfolioProject
from plansat.models.portfolio_report import (
    AdmitReport,
    CurvePoint,
    Finish,
    Hold,
)
from plansat.models.portfolio_rules import portfolio_errors
from plansat.options import Budget, SolveOptions
from plansat.schedule.plan import Plan
from plansat.solver.engine import PhaseResult
from plansat.solver.phases import Phases
from plansat.solver.search.starts import meets_deadlines
from plansat.solver.variables import LinearExpr

#: Shares of the budget: the current plan, the new project alone, the
#: earliest finish (the curve takes the rest).
CURRENT_SHARE, ALONE_SHARE, EARLIEST_SHARE = 0.3, 0.1, 0.35


def admit(
    portfolio: Portfolio | str | Path,
    new: Project | PortfolioProject | str | Path,
    options: SolveOptions | None = None,
    *,
    hold: Hold = "plan",
    points: int = 5,
    budget: Budget | None = None,
    **overrides: object,
) -> AdmitReport:
    """The earliest finish of ``new`` in ``portfolio`` and the curve.

    Parameters
    ----------
    portfolio
        The committed projects (a portfolio or its file).
    new
        The project to admit (a project, an entry with its weight and
        deadline, or a project file).
    options
        Time limit, workers, seed, strategy; keyword ``overrides`` too.
    hold
        What nothing committed may slip past: its finish in the current
        joint ``"plan"`` or its ``"deadline"``.
    points
        Points of the curve (the earliest finish included).
    budget
        The budget to draw from (default: ``options.time_limit``).

    Raises
    ------
    ProjectError
        When a file breaks a rule, or the new project's people clash
        with the committed ones' (paths name the new project).
    ValueError
        For an unknown ``hold`` or ``points`` below 1.
    """
    if hold not in ("plan", "deadline") or points < 1:
        raise ValueError(f"hold must be 'plan' or 'deadline' and points "
                         f">= 1 (got {hold!r}, {points})")
    if not isinstance(portfolio, Portfolio):
        portfolio = Portfolio.from_file(portfolio)
    options = SolveOptions.of(options, **overrides)
    budget = budget or options.budget()
    entry = _entry(new)
    extended = _extended(portfolio, entry)
    now = plan_portfolio(portfolio, options, budget=budget.sub(
        CURRENT_SHARE), standalone=False)
    name = entry.loaded.name
    if not now.status.has_solution:
        return AdmitReport(project=name, status=now.status, hold=hold,
                           explanation=f"the committed projects have no "
                           f"plan: {now.explanation}",
                           runtime=round(budget.elapsed(), 3))
    merged = merge(extended)
    caps = [_cap(merged, i, merged.offsets[i] + (o.makespan or 0), hold)
            for i, o in enumerate(now.projects)]
    alone = standalone_plans(_only_new(merged), options, budget,
                             ALONE_SHARE / (1 - CURRENT_SHARE))[0]
    start = admission_plan(merged, [o.result for o in now.projects])
    phases, f, total, first = _earliest(merged, options, budget, caps,
                                        alone, start)
    report = AdmitReport(project=name, status=first.status, hold=hold,
                         committed={o.name: c - merged.offsets[i]
                                    for i, (o, c) in enumerate(
                                        zip(now.projects, caps,
                                            strict=True))},
                         standalone_makespan=alone.makespan)
    if first.plan is None:
        report.explanation = ("no plan admits the project in the time "
                              "given" if first.status == SolveStatus.UNKNOWN
                              else "the project can't be planned at all "
                              "with the committed ones")
        report.runtime = round(budget.elapsed(), 3)
        return report
    point = _point(merged, first.plan, caps, first.status, None,
                   alone.makespan)
    report.earliest_finish = Finish(date=point.finish_date,
                                    makespan=point.makespan)
    report.gap = (None if first.status == SolveStatus.OPTIMAL
                  else _gap_of(first))
    report.limited_by = point.limited_by
    report.curve = [point, *_curve(phases, merged, f, caps, total,
                                   point.makespan, alone, points - 1)]
    report.runtime = round(budget.elapsed(), 3)
    return report


def _earliest(merged: Merged, options: SolveOptions, budget: Budget,
              caps: list[int], alone: Standalone, plan: Plan
              ) -> tuple[Phases, Finishes, LinearExpr, PhaseResult]:
    """The model with the new project and the committed projects'
    delays, and its first phase: the least total delay, then the new
    project's earliest finish (from ``plan``, the committed plan with
    the new project after it, when it meets every deadline)."""
    hint = plan if meets_deadlines(merged.project, plan) else None
    phases = build(merged, options, budget, hint,
                   merged.project.crude_horizon)
    k = len(caps)
    f = Finishes.post(merged, phases, [None] * k + [lower(alone)])
    total = sum(_delays(phases, f, caps))
    big = phases.vars.horizon + 1
    phases.reserve = 1 - EARLIEST_SHARE / (1 - CURRENT_SHARE - ALONE_SHARE)
    first = phases.run("earliest", big * total + f.makespan(k))
    phases.reserve = 0.0
    return phases, f, total, first


def _entry(new: Project | PortfolioProject | str | Path
           ) -> PortfolioProject:
    if isinstance(new, PortfolioProject):
        return new
    if not isinstance(new, Project):
        new = Project.from_file(new)
    return PortfolioProject(project=new)


def _extended(portfolio: Portfolio, entry: PortfolioProject) -> Portfolio:
    """The portfolio with ``entry`` last; its rules checked (a clash
    with the new project is named as such)."""
    extended = portfolio.model_copy(
        update={"projects": [*portfolio.projects, entry]})
    errors = portfolio_errors(extended)
    if errors:
        here = extended.where(len(portfolio.projects))
        raise ProjectError([e.replace(here, "new project: ")
                            for e in errors])
    return extended


def _only_new(merged: Merged) -> Merged:
    """``merged`` seen as its last project alone (for the stand-alone
    plan)."""
    return replace(merged, projects=merged.projects[-1:],
                   offsets=merged.offsets[-1:], ids=merged.ids[-1:])


def _cap(merged: Merged, i: int, finish: int, hold: Hold) -> int:
    """The grid finish committed project ``i`` may not slip past."""
    if hold == "deadline":
        bound = due(merged, i)
        if bound is not None:
            return max(bound, finish)
    return finish


def _delays(phases: Phases, f: Finishes,
            caps: list[int]) -> list[LinearExpr]:
    """Each committed project's working days past its cap."""
    m = phases.engine.model
    out: list[LinearExpr] = []
    for i, cap in enumerate(caps):
        d = m.new_int_var(0, phases.vars.horizon, f"delay[{i}]")
        m.add(d >= f.finish[i] - cap)
        out.append(d)
    return out


def _point(merged: Merged, plan: Plan, caps: list[int],
           status: SolveStatus, found: PhaseResult | None,
           alone: int | None) -> CurvePoint:
    """A curve point from a plan of the extended portfolio (the people
    who limit it named when the new project finishes later than
    ``alone``, its stand-alone makespan)."""
    grid = merged.grid_finishes(plan)
    k = len(caps)
    span = grid[k] - merged.offsets[k]
    delays = {merged.names[i]: grid[i] - caps[i] for i in range(k)
              if grid[i] > caps[i]}
    cal = merged.projects[k].work_calendar
    return CurvePoint(
        makespan=span, finish_date=cal.date_of(max(span - 1, 0)),
        total_delay=sum(delays.values()), status=status,
        bound=None if found is None else found.bound,
        gap=None if found is None else _gap_of(found),
        delays=delays,
        limited_by=(limited_by(merged, plan, k)
                    if alone is None or span > alone else []))


def _gap_of(found: PhaseResult) -> float | None:
    if found.value is None or found.bound is None:
        return None
    v = found.value
    return round(abs(v - found.bound) / max(abs(v), 1e-9), 6) if v else 0.0


def _curve(phases: Phases, merged: Merged, f: Finishes,
           caps: list[int], total: LinearExpr, earliest: int,
           alone: Standalone, count: int) -> list[CurvePoint]:
    """Points below the earliest finish: the least total delay for each
    target makespan of the new project."""
    k = len(caps)
    lowest = lower(alone) or 0
    if count <= 0 or earliest <= lowest:
        return []
    step = max(1, (earliest - lowest) // count)
    target = earliest - step
    out: list[CurvePoint] = []
    while target >= lowest and len(out) < count and phases.worth():
        phases.add(f.makespan(k) <= target)
        found = phases.run(f"delay@{target}", total,
                           1 / max(count - len(out), 1))
        if found.plan is None:
            break
        point = _point(merged, found.plan, caps, found.status, found,
                       alone.makespan)
        out.append(point)
        below = min(target, point.makespan)
        target = max(below - step, lowest) if below > lowest else below - 1
    return out
