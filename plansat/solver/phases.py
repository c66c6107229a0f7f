"""Run the phases of one solve on one engine, within one budget.

A phase minimises one expression; the next phase starts from the
previous phase's plan as a hint and from the constraints the recipe added
in between (lexicographic optimisation).  Each phase draws its seconds
from the solve's :class:`~plansat.options.Budget` when it starts, so time
one phase leaves unused passes to the next.
"""

from __future__ import annotations

from collections.abc import Callable

from plansat.models import SolveStatus
from plansat.options import Budget, SolveOptions
from plansat.schedule.plan import Plan
from plansat.solver.engine import Engine, PhaseResult, Progress
from plansat.solver.variables import LinearExpr, Variables


class Phases:
    """The phases of one solve.

    Parameters
    ----------
    engine
        The compiled model.
    options
        Workers and seed of every phase.
    budget
        The solve's budget.
    progress
        Called with a :class:`~plansat.solver.engine.Progress` on every
        improving solution.
    plan
        The first hint (``None``: CP-SAT starts on its own).
    build_seconds
        How long building the model took; a later phase runs only with
        more than that left (CP-SAT's presolve costs about as much).

    Attributes
    ----------
    statuses
        Status of each phase run so far, by phase name.
    reserve
        Share of the time left that the phases keep for a caller's
        further phase (``solve(..., after=...)``); that phase sets it
        back to 0 before it runs.
    """

    def __init__(
        self,
        engine: Engine,
        options: SolveOptions,
        budget: Budget,
        progress: Callable[[Progress], None] | None,
        plan: Plan | None,
        build_seconds: float,
    ) -> None:
        self.engine, self.options, self.budget = engine, options, budget
        self.progress, self.plan = progress, plan
        self.build_seconds = build_seconds
        self.statuses: dict[str, SolveStatus] = {}
        self.reserve = 0.0

    @property
    def vars(self) -> Variables:
        """The engine's variables registry."""
        return self.engine.vars

    def left(self, share: float = 1.0) -> float:
        """Seconds a phase may take: ``share`` of the time left beyond
        the reserve."""
        return self.budget.remaining() * (1 - self.reserve) * share

    def worth(self) -> bool:
        """Whether a further phase fits in the time left."""
        return self.left() >= max(0.5, 1.5 * self.build_seconds)

    def run(
        self,
        phase: str,
        expr: LinearExpr,
        share: float = 1.0,
        scale: float = 1.0,
    ) -> PhaseResult:
        """Minimise ``expr`` in ``share`` of the time left."""
        if self.plan is not None:
            self.engine.hint(self.plan)
        out = self.engine.run(
            phase,
            expr,
            self.left(share),
            self.options,
            self.budget,
            scale,
            self.progress,
        )
        self.statuses[phase] = out.status
        if out.plan is not None:
            self.plan = out.plan
        return out

    def add(self, constraint: object) -> None:
        """Keep what a phase proved: post ``constraint`` (a bounded
        linear expression) on the model before the next phase."""
        self.engine.model.add(constraint)  # type: ignore[arg-type]


def keep(first: PhaseResult, second: PhaseResult) -> PhaseResult:
    """The later phase's outcome if it found a plan, else the earlier."""
    return second if second.plan is not None else first
