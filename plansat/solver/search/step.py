"""The step protocol: one piece of the search, listed in a strategy.

A solve runs its strategy's steps stage by stage
(:func:`plansat.solver.solve.solve`): ``start`` steps before the model
is built (heuristic plans: a hint, a horizon, a fallback), ``bound``
steps once it is built (proven lower bounds of the makespan), ``phase``
steps inside every phase of the objective's recipe (probe, heuristics,
an improver beside CP-SAT, the full search), ``finish`` steps on the
recipe's outcome (a heuristic plan kept when it is better).

Adding a step is a checklist (docs/model.md, "Adding a search step"):
a frozen dataclass with ``name``, ``stage``, ``applies`` and ``run``,
its own test, and a place in the strategies that use it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, Protocol

from plansat.options import Budget

if TYPE_CHECKING:
    from plansat.solver.search.run import Run

#: When a step runs.
Stage = Literal["start", "bound", "phase", "finish"]

#: The stages in the order a solve reaches them.
STAGES: tuple[Stage, ...] = ("start", "bound", "phase", "finish")


class Step(Protocol):
    """One piece of the search.

    Attributes
    ----------
    name
        How the trace and the docs call it.
    stage
        When it runs (:data:`Stage`).
    """

    @property
    def name(self) -> str:
        """How the trace and the docs call it."""
        ...

    @property
    def stage(self) -> Stage:
        """When it runs."""
        ...

    def applies(self, run: Run) -> bool:
        """Whether the step has anything to do on this run."""
        ...

    def run(self, run: Run, budget: Budget) -> None:
        """Do the step within ``budget``: offer plans and bounds to
        ``run`` (for a phase step, improve ``run``'s current phase)."""
        ...
