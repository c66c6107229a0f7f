"""The fixed-duration questions of a trade-off curve, each a CP-SAT
phase on the one runner (:func:`~plansat.solver.phases.phases_for`)
with a fair share of the curve's time: the fastest finish with some
levers, the loosest plan, the cheapest plan by a duration, the cheapest
overall."""

from __future__ import annotations

import contextlib
import logging

from plansat.heuristics.constructive import (
    UnplaceableError,
    constructive_schedule,
)
from plansat.models import Project, SolveStatus
from plansat.models.tradeoff import (
    Cheapest,
    Lever,
    TradeoffPoint,
    direct_cost,
)
from plansat.options import Budget, SolveOptions
from plansat.schedule.evaluate import build_result
from plansat.schedule.plan import Plan, crude_horizon
from plansat.solver import objectives
from plansat.solver.engine import PhaseResult
from plansat.solver.phases import Phases, phases_for
from plansat.solver.search.starts import meets_deadlines
from plansat.solver.solve import model_horizon, solve
from plansat.solver.variables import Levers

__all__ = ["PointSolver", "point", "worst"]

log = logging.getLogger(__name__)


class PointSolver:
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
        self.shares = budget.shares(planned)  # phases still to run
        self.guess: Plan | None = None
        with contextlib.suppress(UnplaceableError):  # split tasks pause
            self.guess = constructive_schedule(project)
        self.horizon = model_horizon(project, "time", self.guess)
        if self.guess is not None and not meets_deadlines(project,
                                                          self.guess):
            self.guess = None  # not a schedule of this project

    def plan_more(self, phases: int) -> None:
        """Count ``phases`` more in the fair shares."""
        self.shares.plan(phases)

    def _phases(self, horizon: int, levers: Levers | None = None) -> Phases:
        return phases_for(self.project, self.options, self.budget, horizon,
                          levers=levers, hint=self.guess)

    def _run(
        self, ph: Phases, phase: str, expr: objectives.LinearExpr,
        scale: float = 1.0,
    ) -> PhaseResult:
        return ph.run(phase, expr, scale=scale, budget=self.shares.next())

    def cheapest_overall(self) -> Cheapest | None:
        """The plan of least total cost at any duration."""
        overall = solve(self.project, self.options, objective="cost",
                        budget=self.shares.next())
        if not overall.status.has_solution:
            return None
        return Cheapest(duration=overall.makespan or 0,
                        total_cost=overall.cost.total,
                        status=overall.status)

    def fastest(self, levers: Levers, name: str) -> Lever:
        """Shortest finish with ``levers``, then its least direct cost."""
        ph = self._phases(self.horizon, levers)
        v = ph.vars
        assert v.makespan is not None
        span = self._run(ph, "makespan", v.makespan)
        if span.plan is None:
            return Lever(name=name, status=span.status)
        if self.guess is None:  # a valid plan for every longer duration
            self.guess = span.plan
        ph.add(v.makespan <= round(span.value or 0))
        cost = self._run(
            ph, "direct", objectives.acceleration_cost(v),
            objectives.COST_SCALE,
        )
        return Lever(
            name=name,
            duration=round(span.value or 0),
            days_saved=0,
            direct_cost=round(cost.value or 0.0, 4),
            status=worst(span.status, cost.status),
        )

    def loosest(self) -> tuple[int, SolveStatus]:
        """Shortest finish among the plans of least direct cost (the
        normal plan when no lever is needed)."""
        ph = self._phases(crude_horizon(self.project))
        v = ph.vars
        assert v.makespan is not None
        direct = self._run(ph, "direct", objectives.acceleration_cost(v),
                           objectives.COST_SCALE)
        if direct.plan is None:  # no time left: the plain plan, if any
            if self.guess is not None and not self.guess.overlap:
                return self.guess.makespan, SolveStatus.FEASIBLE
            return 0, SolveStatus.UNKNOWN
        ph.add(
            objectives.acceleration_cost(v)
            <= round((direct.value or 0) * objectives.COST_SCALE)
        )
        span = self._run(ph, "makespan", v.makespan)
        final = span if span.plan is not None else direct
        assert final.plan is not None
        return final.plan.makespan, worst(direct.status, span.status)

    def cheapest(self, duration: int) -> TradeoffPoint | None:
        """Least direct cost, then least total cost, finishing by
        ``duration``; ``None`` when no plan was found in the time left
        (a duration at or above the shortest always has one)."""
        ph = self._phases(duration)
        v = ph.vars
        direct = self._run(
            ph, "direct", objectives.acceleration_cost(v),
            objectives.COST_SCALE,
        )
        if direct.plan is None:
            if self.guess is not None and self.guess.makespan <= duration:
                # the time ran out: a valid plan, not the cheapest
                return point(self.project, duration, self.guess,
                              SolveStatus.FEASIBLE)
            log.info("no plan within %d days in the time left", duration)
            return None
        ph.add(
            objectives.acceleration_cost(v)
            <= round((direct.value or 0) * objectives.COST_SCALE)
        )
        total = self._run(
            ph, "total", objectives.total_cost(v), objectives.COST_SCALE
        )
        final = total if total.plan is not None else direct
        assert final.plan is not None
        self.guess = final.plan  # a schedule finishing by any later D
        return point(
            self.project, duration, final.plan,
            worst(direct.status, total.status),
        )


def worst(a: SolveStatus, b: SolveStatus) -> SolveStatus:
    """OPTIMAL only if both phases proved their optimum."""
    if a == b == SolveStatus.OPTIMAL:
        return SolveStatus.OPTIMAL
    return SolveStatus.FEASIBLE


def point(
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
