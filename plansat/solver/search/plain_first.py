"""A start step that tries the textbook model first, for a moment.

Most small resource-only projects close in milliseconds with the plain
model (one interval per task, one cumulative per resource): the model's
strengthenings, the heuristics and the bounds cost more than the proof
itself (benchmarks/README.md, issue 29, target 4).  :class:`PlainFirst`
builds the plain model and lets CP-SAT minimise the makespan for a few
deterministic-time units; when it proves the optimum, the run takes that
model and that plan, and no other step runs
(:attr:`~plansat.solver.search.run.StartingPlans.closed`).  When it
doesn't, nothing it found is used and the strategy goes on as if it had
not run: the other instances lose only that moment.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from plansat.models import SolveStatus
from plansat.options import Budget
from plansat.solver.engine import Engine
from plansat.solver.search.run import Run
from plansat.solver.search.starts import model_horizon
from plansat.solver.strengthenings import NONE


@dataclass(frozen=True)
class PlainFirst:
    """The plain model for at most ``dtime`` deterministic-time units
    (CP-SAT's own clock, the same on a loaded machine), on ``time``
    solves of resource-only projects of at most ``max_tasks`` tasks
    without a caller's hint."""

    dtime: float = 0.05
    max_tasks: int = 100
    name: str = "plain first"
    stage: Literal["start"] = "start"

    def applies(self, run: Run) -> bool:
        """Small, resource-only, makespan only, not a re-plan."""
        return (run.options.objective == "time" and not run.people
                and run.tasks <= self.max_tasks and not run.start.given
                and not run.further)

    def run(self, run: Run, budget: Budget) -> None:
        """Try; keep the model and its plan only when proven optimal."""
        horizon = model_horizon(run.project, "time", None)
        params = dict(run.strategy.params)
        engine = Engine(run.project, horizon, parts=NONE, params={
            **params, "max_deterministic_time": self.dtime})
        assert engine.vars.makespan is not None
        out = engine.run("makespan", engine.vars.makespan,
                         budget.remaining(), run.options, run.budget,
                         progress=run.progress)
        engine.params = params  # later phases search without the cap
        if out.status is not SolveStatus.OPTIMAL or out.plan is None:
            run.record(self.name, "note", "plain_first", "open")
            return
        run.record(self.name, "plan", "plain_first_makespan",
                   out.plan.makespan)
        run.start.closed = out
        run.start.engine = engine
