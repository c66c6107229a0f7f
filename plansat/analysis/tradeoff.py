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

from pydantic import BaseModel, ConfigDict, Field

from plansat.heuristics.constructive import constructive_schedule
from plansat.models import CostBreakdown, Overlap, Project, Result, SolveStatus
from plansat.options import Budget, SolveOptions
from plansat.schedule.cpm import critical_path
from plansat.schedule.evaluate import build_result
from plansat.schedule.plan import Plan, crude_horizon
from plansat.solver import objectives
from plansat.solver.engine import Engine, PhaseResult
from plansat.solver.solve import meets_deadlines, model_horizon, solve
from plansat.solver.variables import Levers

log = logging.getLogger(__name__)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TradeoffPoint(_Model):
    """The cheapest plan that finishes within ``duration`` working days.

    ``direct_cost`` is the cost of speed: ``crash_cost + overlap_cost +
    mode_cost`` (the fixed costs of the chosen modes), the same quantity
    the levers report and the ``time`` objective's tie-break minimises.
    """

    duration: int
    makespan: int
    finish_date: date
    direct_cost: float
    crash_cost: float
    overlap_cost: float
    mode_cost: float = 0.0
    total_cost: float
    status: SolveStatus
    crashed: dict[str, int] = Field(default_factory=dict)
    overlaps: list[Overlap] = Field(default_factory=list)
    best: bool = False


class Lever(_Model):
    """What one way of shortening the project achieves.

    For ``people and resources``, ``days_saved`` is the critical-path
    length minus the normal resource-feasible duration: zero or negative,
    the delay that people, skills, vacations and pools add.
    """

    name: str
    duration: int | None = None
    days_saved: int | None = None
    direct_cost: float | None = None  # crash + overlap + mode costs
    status: SolveStatus


class Cheapest(_Model):
    """The plan of least total cost at any duration (``objective="cost"``):
    it may spend more on crashing than the curve's point of the same
    duration when that saves labour, resources or overhead."""

    duration: int
    total_cost: float
    status: SolveStatus


class DeadlineAnswer(_Model):
    """The cheapest plan meeting a deadline, or how far off it is."""

    deadline: date
    duration: int
    met: bool
    point: TradeoffPoint | None = None
    short_by: int = 0
    message: str


class TradeoffCurve(_Model):
    """Time–cost trade-off of a project.

    Attributes
    ----------
    normal_duration, shortest_duration
        Working days without any lever, and with all of them.
    cpm_duration
        Critical-path length ignoring people and resources.
    points
        One point per duration, shortest first; ``best`` marks the least
        total cost among them.
    cheapest
        The least total cost overall, from a ``cost`` solve.
    levers
        Fast-tracking only, crashing only, both, and the resource effect.
    """

    normal_duration: int
    shortest_duration: int
    cpm_duration: int
    points: list[TradeoffPoint]
    levers: list[Lever]
    cheapest: Cheapest | None = None
    deadline: DeadlineAnswer | None = None
    runtime: float = 0.0

    def best(self) -> TradeoffPoint:
        """The point with the least total cost."""
        return next(p for p in self.points if p.best)


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
    solver = _Solver(free, options, budget, planned=11)
    shortest = solver.fastest(Levers(), "both")
    if shortest.duration is None:
        raise NoScheduleError(solve(free, options, budget=budget))
    normal, normal_status = solver.loosest()
    durations = _spread(shortest.duration, normal, points)
    solver.plan_more(2 * len(durations))
    curve = [solver.cheapest(d) for d in durations]
    best = min(curve, key=lambda p: (p.total_cost, p.duration))
    best.best = True
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
    cpm = critical_path(free).duration
    levers.append(
        Lever(
            name="people and resources",
            duration=normal,
            days_saved=cpm - normal,
            direct_cost=0.0,
            status=normal_status,
        )
    )
    answer = None
    if target is not None:
        answer = _meet(free, target, curve, shortest.duration, solver)
    return TradeoffCurve(
        normal_duration=normal,
        shortest_duration=shortest.duration,
        cpm_duration=cpm,
        points=curve,
        levers=levers,
        cheapest=solver.cheapest_overall(),
        deadline=answer,
        runtime=round(budget.elapsed(), 3),
    )


class NoScheduleError(Exception):
    """The project has no schedule at all; ``result`` says why."""

    def __init__(self, result: Result) -> None:
        super().__init__(result.explanation or result.status.value)
        self.result = result


def _spread(low: int, high: int, count: int | None) -> list[int]:
    """``count`` durations from ``low`` to ``high`` inclusive (all if
    ``None``)."""
    if count is None or count >= high - low + 1:
        return list(range(low, high + 1))
    if count <= 1:
        return [low]
    step = (high - low) / (count - 1)
    return sorted({round(low + k * step) for k in range(count)})


class _Solver:
    """Solves the fixed-duration questions of a trade-off on one project,
    each CP-SAT phase taking a fair share of the time left."""

    def __init__(
        self,
        project: Project,
        options: SolveOptions,
        budget: Budget,
        planned: int,
    ) -> None:
        self.project, self.options, self.budget = project, options, budget
        self.left = planned  # phases still to run
        self.guess: Plan | None = constructive_schedule(project)
        self.horizon = model_horizon(project, "time", self.guess)
        if not meets_deadlines(project, self.guess):
            self.guess = None  # not a schedule of this project

    def plan_more(self, phases: int) -> None:
        """Count ``phases`` more in the fair shares."""
        self.left += phases

    def _engine(self, horizon: int, levers: Levers | None = None) -> Engine:
        engine = Engine(self.project, horizon, levers=levers)
        if self.guess is not None:
            engine.hint(self.guess)
        return engine

    def _run(
        self, engine: Engine, phase: str, expr: objectives.LinearExpr,
        scale: float = 1.0,
    ) -> PhaseResult:
        seconds = self.budget.remaining(1 / max(self.left, 1))
        self.left = max(self.left - 1, 1)
        out = engine.run(phase, expr, seconds, self.options, self.budget,
                         scale)
        if out.plan is not None:
            engine.hint(out.plan)
        return out

    def cheapest_overall(self) -> Cheapest | None:
        """The plan of least total cost at any duration."""
        share = self.budget.sub(1 / max(self.left, 1))
        overall = solve(self.project, self.options, objective="cost",
                        budget=share)
        self.left = max(self.left - 1, 1)
        if not overall.status.has_solution:
            return None
        return Cheapest(duration=overall.makespan or 0,
                        total_cost=overall.cost.total,
                        status=overall.status)

    def fastest(self, levers: Levers, name: str) -> Lever:
        """Shortest finish with ``levers``, then its least direct cost."""
        engine = self._engine(self.horizon, levers)
        v = engine.vars
        assert v.makespan is not None
        span = self._run(engine, "makespan", v.makespan)
        if span.plan is None:
            return Lever(name=name, status=span.status)
        engine.model.add(v.makespan <= round(span.value or 0))
        cost = self._run(
            engine, "direct", objectives.acceleration_cost(v),
            objectives.COST_SCALE,
        )
        return Lever(
            name=name,
            duration=round(span.value or 0),
            days_saved=0,
            direct_cost=round(cost.value or 0.0, 4),
            status=_worst(span.status, cost.status),
        )

    def loosest(self) -> tuple[int, SolveStatus]:
        """Shortest finish among the plans of least direct cost (the
        normal plan when no lever is needed)."""
        engine = self._engine(crude_horizon(self.project))
        v = engine.vars
        assert v.makespan is not None
        direct = self._run(engine, "direct", objectives.acceleration_cost(v),
                           objectives.COST_SCALE)
        assert direct.plan is not None  # the shortest plan exists
        engine.model.add(
            objectives.acceleration_cost(v)
            <= round((direct.value or 0) * objectives.COST_SCALE)
        )
        span = self._run(engine, "makespan", v.makespan)
        final = span if span.plan is not None else direct
        assert final.plan is not None
        return final.plan.makespan, _worst(direct.status, span.status)

    def cheapest(self, duration: int) -> TradeoffPoint:
        """Least direct cost, then least total cost, finishing by
        ``duration``."""
        engine = self._engine(duration)
        v = engine.vars
        direct = self._run(
            engine, "direct", objectives.acceleration_cost(v),
            objectives.COST_SCALE,
        )
        if direct.plan is None:
            raise RuntimeError(
                f"no schedule within {duration} days: {direct.status}"
            )
        engine.model.add(
            objectives.acceleration_cost(v)
            <= round((direct.value or 0) * objectives.COST_SCALE)
        )
        total = self._run(
            engine, "total", objectives.total_cost(v), objectives.COST_SCALE
        )
        final = total if total.plan is not None else direct
        assert final.plan is not None
        self.guess = final.plan  # a schedule finishing by any later D
        return _point(
            self.project, duration, final.plan,
            _worst(direct.status, total.status),
        )


def _money(value: float) -> str:
    """``1,400`` or ``1,400.50``: cents only when there are any."""
    text = f"{value:,.2f}"
    return text[:-3] if text.endswith(".00") else text


def direct_cost(cost: CostBreakdown) -> float:
    """The direct cost of speed in a cost breakdown: crashing, overlapping
    and the fixed costs of the chosen modes — the same sum as the CP-SAT
    term :func:`plansat.solver.objectives.acceleration_cost`, the levers'
    ``direct_cost`` and the points' ``direct_cost``."""
    return round(cost.crash + cost.overlap + cost.modes, 6)


def _worst(a: SolveStatus, b: SolveStatus) -> SolveStatus:
    """OPTIMAL only if both phases proved their optimum."""
    if a == b == SolveStatus.OPTIMAL:
        return SolveStatus.OPTIMAL
    return SolveStatus.FEASIBLE


def _point(
    project: Project, duration: int, plan: Plan, status: SolveStatus
) -> TradeoffPoint:
    result = build_result(project, plan, status, "cost", None, None, 0.0)
    crashed = {t.id: t.crashed for t in result.tasks if t.crashed}
    return TradeoffPoint(
        duration=duration,
        makespan=result.makespan or 0,
        finish_date=result.finish_date or project.start,
        direct_cost=direct_cost(result.cost),
        crash_cost=result.cost.crash,
        overlap_cost=result.cost.overlap,
        mode_cost=result.cost.modes,
        total_cost=result.cost.total,
        status=status,
        crashed=crashed,
        overlaps=result.overlaps,
    )


def _meet(
    project: Project,
    target: date,
    curve: list[TradeoffPoint],
    shortest: int,
    solver: _Solver,
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
                f"takes {shortest} working days (finishing "
                f"{cal.date_of(shortest - 1)}), {short} working "
                f"{'day' if short == 1 else 'days'} too many"
            ),
        )
    fitting = [p for p in curve if p.duration <= allowed]
    point = (
        fitting[-1] if fitting and fitting[-1].duration == allowed
        else solver.cheapest(allowed)
    )
    return DeadlineAnswer(
        deadline=target,
        duration=allowed,
        met=True,
        point=point,
        message=(
            f"{target} is met by finishing in {point.makespan} working days "
            f"({point.finish_date}) at a direct cost of "
            f"{_money(point.direct_cost)}"
        ),
    )
