"""Crashing and fast-tracking: the exact time–cost trade-off.

Every figure here comes from a CP-SAT solve of the full model (people,
skills, resources, calendars), not from rules of thumb:

- the *normal* duration is the shortest resource-feasible finish without
  crashing or overlapping; the *shortest* one uses every lever;
- for each duration ``D`` in between, the cheapest way to finish by ``D``:
  first the least direct cost (crashing + overlapping), then, at that
  direct cost, the least total cost (labour, resources, overhead too);
- the levers summary measures fast-tracking only, crashing only, both, and
  what people and resources cost compared to the unconstrained critical
  path.

The project deadline is ignored while drawing the curve (it is the
question, not a constraint); ``deadline`` asks for the cheapest plan that
meets a date.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from plansat.analysis.tradeoff_points import PointSolver, point
from plansat.format import days, iso, money
from plansat.models import Project, SolveStatus
from plansat.models.tradeoff import (
    Cheapest,
    DeadlineAnswer,
    Lever,
    NoScheduleError,
    TradeoffCurve,
    TradeoffPoint,
    direct_cost,
)
from plansat.options import Budget, SolveOptions
from plansat.schedule.cpm import critical_path
from plansat.schedule.plan import Plan
from plansat.solver.solve import solve
from plansat.solver.variables import Levers

__all__ = [
    "Cheapest",
    "DeadlineAnswer",
    "Lever",
    "NoScheduleError",
    "TradeoffCurve",
    "TradeoffPoint",
    "direct_cost",
    "tradeoff",
]

log = logging.getLogger(__name__)


def tradeoff(
    project: Project,
    options: SolveOptions | None = None,
    *,
    points: int | None = None,
    deadline: date | None = None,
    budget: Budget | None = None,
    **overrides: Any,
) -> TradeoffCurve:
    """Compute the exact time–cost trade-off curve of ``project``.

    Parameters
    ----------
    project
        A validated project.
    options
        ``time_limit`` covers the whole curve (every point's solves share
        it fairly); ``workers`` (default 1) and ``seed`` go to CP-SAT; the
        objective is not used (the curve is time against cost).  Keyword
        ``overrides`` apply on top, as in :func:`plansat.solve`.
    points
        Number of durations on the curve, evenly spread between shortest
        and normal (default: every duration).
    deadline
        Return the cheapest plan meeting this date (default: the project's
        deadline, if any).
    budget
        The time budget to draw from (default: a new one of
        ``time_limit`` seconds).

    Returns
    -------
    TradeoffCurve

    Raises
    ------
    NoScheduleError
        When the project has no schedule at all (its ``result`` says why).
    """
    options = SolveOptions.of(options, **overrides)
    if options.workers is None:
        options = SolveOptions.of(options, workers=1)
    budget = budget or options.budget()
    target = deadline or project.deadline
    free = project.model_copy(update={"deadline": None})
    # phases before the curve's points are known: 3 levers x 2, the
    # loosest plan's 2, the cheapest overall 1, a deadline's 2
    solver = PointSolver(free, options, budget, planned=11)
    shortest = solver.fastest(Levers(), "both")
    if shortest.duration is None:  # no plan in its share: the rest
        shortest = _fastest_left(free, options, budget, solver.guess)
    assert shortest.duration is not None
    normal, normal_status = solver.loosest()
    normal = max(normal, shortest.duration)
    durations = _spread(shortest.duration, normal, points)
    solver.plan_more(2 * len(durations))
    found = {d: solver.cheapest(d) for d in durations}
    curve = [p for p in found.values() if p is not None]
    if curve:
        best = min(curve, key=lambda p: (p.total_cost, p.duration))
        best.best = True
    levers = _levers(free, solver, shortest, normal, normal_status)
    answer = None
    if target is not None:
        answer = _meet(free, target, curve, shortest.duration, solver)
    return TradeoffCurve(
        normal_duration=normal,
        shortest_duration=shortest.duration,
        cpm_duration=critical_path(free).duration,
        points=curve,
        levers=levers,
        cheapest=solver.cheapest_overall(),
        deadline=answer,
        unsolved=[d for d, p in found.items() if p is None],
        runtime=round(budget.elapsed(), 3),
    )


def _fastest_left(project: Project, options: SolveOptions,
                  budget: Budget, guess: Plan | None) -> Lever:
    """The shortest finish with every lever and its least direct cost,
    from a ``time`` solve in all the time left (the first phase found no
    plan in its share); with no time for that either, the constructive
    plan's finish, labelled FEASIBLE (a plan that long exists).

    Raises
    ------
    NoScheduleError
        When the project has no schedule at all (or none in time).
    """
    fresh = solve(project, options, objective="time", budget=budget)
    if fresh.status.has_solution and fresh.makespan is not None:
        return Lever(name="both", duration=fresh.makespan, days_saved=0,
                     direct_cost=round(direct_cost(fresh.cost), 4),
                     status=fresh.status)
    if guess is None or fresh.status != SolveStatus.UNKNOWN:
        raise NoScheduleError(fresh)
    plain = point(project, guess.makespan, guess, SolveStatus.FEASIBLE)
    return Lever(name="both", duration=guess.makespan, days_saved=0,
                 direct_cost=plain.direct_cost, status=SolveStatus.FEASIBLE)


def _levers(
    project: Project,
    solver: PointSolver,
    shortest: Lever,
    normal: int,
    normal_status: SolveStatus,
) -> list[Lever]:
    """Fast-tracking only, crashing only, both, and what people and
    resources add to the critical path."""
    levers = [
        solver.fastest(Levers(crash=False, overlap=True), "fast-tracking"),
        solver.fastest(Levers(crash=True, overlap=False), "crashing"),
        shortest,
    ]
    levers = [
        lv.model_copy(update={"days_saved": normal - lv.duration})
        if lv.duration is not None else lv
        for lv in levers
    ]
    cpm = critical_path(project).duration
    levers.append(
        Lever(
            name="people and resources",
            duration=normal,
            days_saved=cpm - normal,
            direct_cost=0.0,
            status=normal_status,
        )
    )
    return levers


def _spread(low: int, high: int, count: int | None) -> list[int]:
    """``count`` durations from ``low`` to ``high`` inclusive (all if
    ``None``)."""
    if count is None or count >= high - low + 1:
        return list(range(low, high + 1))
    if count <= 1:
        return [low]
    step = (high - low) / (count - 1)
    return sorted({round(low + k * step) for k in range(count)})


def _meet(
    project: Project,
    target: date,
    curve: list[TradeoffPoint],
    shortest: int,
    solver: PointSolver,
) -> DeadlineAnswer:
    cal = project.work_calendar
    allowed = cal.finish_bound(target)
    if allowed < shortest:
        short = shortest - allowed
        return DeadlineAnswer(
            deadline=target,
            duration=allowed,
            met=False,
            short_by=short,
            message=(
                f"{target} can't be met: the shortest achievable plan "
                f"takes {days(shortest)} (finishing "
                f"{iso(cal.date_of(shortest - 1))}), {days(short)} too many"
            ),
        )
    fitting = [p for p in curve if p.duration <= allowed]
    point = (
        fitting[-1] if fitting and fitting[-1].duration == allowed
        else solver.cheapest(allowed)
    )
    if point is None:
        return DeadlineAnswer(
            deadline=target, duration=allowed, met=False,
            message=(
                f"no plan finishing by {target} was found within the time "
                "limit (not a proof that none exists; raise the limit)"
            ),
        )
    return DeadlineAnswer(
        deadline=target,
        duration=allowed,
        met=True,
        point=point,
        message=(
            f"{target} is met by finishing in {days(point.makespan)} "
            f"({iso(point.finish_date)}) at a direct cost of "
            f"{money(point.direct_cost)}"
        ),
    )
