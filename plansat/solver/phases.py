"""The one phase runner: the phases of one solve on one engine, within
one budget.

A phase minimises one expression; the next phase starts from the
previous phase's plan as a hint and from what the recipe held in
between (lexicographic optimisation, :meth:`Phases.then`).  Each phase
draws its share of the time left when it starts, so time one phase
leaves unused passes to the next, and runs the strategy's phase steps
in order (:mod:`plansat.solver.search`) until one closes or ends it.

Every CP-SAT phase of plansat runs here: a solve's recipe, the
re-plan's least change, the trade-off curve's points
(:func:`phases_for`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from plansat.models import Project, SolveStatus
from plansat.options import Budget, SolveOptions
from plansat.schedule.plan import Plan
from plansat.solver.engine import Engine, PhaseResult
from plansat.solver.search import FullSearch, Run, Step, get_strategy
from plansat.solver.search.run import Outcome, Phase
from plansat.solver.variables import Levers, LinearExpr, Variables

log = logging.getLogger(__name__)

#: Statuses after which a phase has nothing left to search.
_CLOSED = (SolveStatus.OPTIMAL, SolveStatus.INFEASIBLE,
           SolveStatus.MODEL_INVALID)


class Phases:
    """The phases of one run.

    Parameters
    ----------
    run
        The run, its engine built.
    steps
        The phase steps (default: the run's strategy's).

    Attributes
    ----------
    statuses
        Status of each phase run so far, by phase name.
    plan
        The latest plan (the next phase's hint).
    """

    def __init__(self, run: Run,
                 steps: Sequence[Step] | None = None) -> None:
        self.state = run
        self.steps = tuple(steps if steps is not None
                           else run.steps("phase"))
        self.statuses: dict[str, SolveStatus] = {}
        self.plan: Plan | None = run.start.hint

    @property
    def engine(self) -> Engine:
        """The compiled model."""
        return self.state.built

    @property
    def vars(self) -> Variables:
        """The engine's variables registry."""
        return self.engine.vars

    @property
    def options(self) -> SolveOptions:
        """The run's options."""
        return self.state.options

    @property
    def budget(self) -> Budget:
        """The run's budget."""
        return self.state.budget

    @property
    def reserve(self) -> float:
        """Share of the time left kept for a caller's further phase;
        that phase sets it back to 0 before it runs."""
        return self.state.reserve

    @reserve.setter
    def reserve(self, share: float) -> None:
        self.state.reserve = share

    def left(self, share: float = 1.0) -> float:
        """Seconds a phase may take: ``share`` of the time left beyond
        the reserve."""
        return self.state.left(share)

    def worth(self) -> bool:
        """Whether a further phase fits in the time left (CP-SAT's
        presolve costs about as much as building the model)."""
        return self.left() >= max(0.5, 1.5 * self.state.build_seconds)

    def run(
        self,
        phase: str,
        expr: LinearExpr,
        share: float = 1.0,
        scale: float = 1.0,
        budget: Budget | None = None,
    ) -> PhaseResult:
        """Minimise ``expr`` in ``share`` of the time left (or in
        ``budget``, a share the caller drew): the phase steps in order,
        until one closes or ends the phase (the makespan phase's bound
        raised to the run's proven lower bound after each).
        """
        run = self.state
        if self.plan is not None:
            self.engine.hint(self.plan)
        if budget is None:
            budget = run.budget.sub((1 - run.reserve) * share)
        ph = Phase(phase, expr, scale, budget,
                   PhaseResult(SolveStatus.UNKNOWN, None, None, None))
        run.phase = ph
        if ph.makespan and run.start.closed is not None:
            ph.out, ph.searched = run.start.closed, True
        for step in self.steps:
            if ph.done or ph.out.status in _CLOSED:
                break
            if step.applies(run):
                step.run(run, budget)
            if ph.makespan:
                ph.out = ph.out.with_lower(run.lower)
        run.phase = None
        self.statuses[phase] = ph.out.status
        run.record("phase", "phase", phase, ph.out.status.value)
        if ph.out.plan is not None:
            self.plan = ph.out.plan
        return ph.out

    def add(self, constraint: object) -> None:
        """Keep what a phase proved: post ``constraint`` (a bounded
        linear expression) on the model before the next phase."""
        self.engine.model.add(constraint)  # type: ignore[arg-type]

    def hold(self, outcome: Outcome, expr: LinearExpr,
             found: PhaseResult, scale: float = 1.0) -> None:
        """Record that ``found`` reached its value of ``expr`` (in
        ``outcome.holds``, for the next phase and a caller's further
        phase)."""
        if found.plan is not None:
            outcome.holds.append((expr, round((found.value or 0) * scale)))

    def then(
        self,
        outcome: Outcome,
        phase: str,
        expr: LinearExpr,
        share: float = 1.0,
        scale: float = 1.0,
    ) -> PhaseResult | None:
        """The next phase of a recipe: hold the last value reached,
        minimise ``expr``, keep its plan if it found one and hold its
        value in turn; ``None`` when no further phase fits."""
        if not self.worth():
            return None
        if outcome.holds:
            held, bound = outcome.holds[-1]
            self.add(held <= bound)
        found = self.run(phase, expr, share, scale)
        outcome.final = keep(outcome.final, found)
        self.hold(outcome, expr, found, scale)
        return found


def keep(first: PhaseResult, second: PhaseResult) -> PhaseResult:
    """The later phase's outcome if it found a plan, else the earlier."""
    return second if second.plan is not None else first


def phases_for(
    project: Project,
    options: SolveOptions,
    budget: Budget,
    horizon: int,
    *,
    levers: Levers | None = None,
    hint: Plan | None = None,
) -> Phases:
    """Phases of CP-SAT's full search on a new engine of ``project``
    (the options' strategy's model), each phase from the latest plan:
    what the analyses that solve fixed questions use (the trade-off
    curve's points)."""
    run = Run(project, options, budget, get_strategy(options.strategy))
    run.build(horizon, levers)
    run.start.hint = hint
    return Phases(run, steps=(FullSearch(),))
