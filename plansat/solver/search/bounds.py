"""Bound steps: proven lower bounds of the makespan, offered to the run
once the model is built (:mod:`plansat.solver.bounds` computes them).

The makespan phase reports ``max(CP-SAT's bound, run.lower)`` and is
OPTIMAL as soon as a plan reaches it
(:meth:`~plansat.solver.engine.PhaseResult.with_lower`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from plansat.options import Budget
from plansat.solver.bounds import critical_bound, energy_bound, makespan_bound
from plansat.solver.search.run import Run

#: The objectives whose first phase is the makespan.
_MAKESPAN_FIRST = ("time", "balance")


@dataclass(frozen=True)
class CriticalBound:
    """The critical path at minimum durations (none when links may
    overlap)."""

    name: str = "critical bound"
    stage: Literal["bound"] = "bound"

    def applies(self, run: Run) -> bool:
        """Always (it costs one pass over the links)."""
        return True

    def run(self, run: Run, budget: Budget) -> None:
        """Offer the bound."""
        run.offer_bound(self.name, "critical_bound",
                        critical_bound(run.project))


@dataclass(frozen=True)
class EnergyBound:
    """The people's energy over windows (an LP on GLOP), for ``time``
    and ``balance``, within ``share`` of the time left (at most ``cap``
    seconds)."""

    share: float = 0.05
    cap: float = 2.0
    name: str = "energy bound"
    stage: Literal["bound"] = "bound"

    def applies(self, run: Run) -> bool:
        """Objectives whose first phase is the makespan."""
        return run.options.objective in _MAKESPAN_FIRST

    def run(self, run: Run, budget: Budget) -> None:
        """Offer the bound (``None`` without people)."""
        run.offer_bound(self.name, "energy_bound", energy_bound(
            run.project, budget.sub(self.share, self.cap)))


@dataclass(frozen=True)
class PooledBound:
    """CP-SAT's proven bound on the project with its people replaced by
    skill pools, for ``time`` and ``balance`` on projects of
    ``min_tasks`` tasks or more, within ``share`` of the time left (at
    most ``cap`` seconds)."""

    share: float = 0.1
    cap: float = 5.0
    min_tasks: int = 60
    name: str = "pooled bound"
    stage: Literal["bound"] = "bound"

    def applies(self, run: Run) -> bool:
        """Big enough, makespan first."""
        return (run.options.objective in _MAKESPAN_FIRST
                and run.tasks >= self.min_tasks)

    def run(self, run: Run, budget: Budget) -> None:
        """Solve the relaxation; offer its bound."""
        run.offer_bound(self.name, "pooled_bound", makespan_bound(
            run.project, run.horizon, run.options,
            budget.sub(self.share, self.cap)))
