"""The phase step every strategy ends its phases with: CP-SAT's full
search on every worker."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from plansat.models import SolveStatus
from plansat.options import Budget
from plansat.solver.engine import PhaseResult
from plansat.solver.search.run import Run


@dataclass(frozen=True)
class FullSearch:
    """CP-SAT's full search.

    In a phase no step has searched, it minimises the phase's expression
    in the phase's time.  After a probe, it goes on from the best plan
    so far (for ``time``'s makespan phase, holding the makespan to it,
    the horizon ``v1`` had) and may take all the time the solve has left:
    the probe's strategies were measured that way (benchmarks/README.md),
    so a later phase runs only if this one closes early.
    """

    name: str = "full search"
    stage: Literal["phase"] = "phase"

    def applies(self, run: Run) -> bool:
        """Always: it ends the phase."""
        return True

    def run(self, run: Run, budget: Budget) -> None:
        """Search; never lose the plan the phase had."""
        ph, engine = run.current, run.built
        ph.done = True
        if not ph.searched:
            ph.searched = True
            ph.out = engine.run(ph.name, ph.expr, budget.remaining(),
                                run.options, run.budget, ph.scale,
                                run.progress)
            return
        plan, value = ph.out.plan, ph.out.value
        if plan is not None:
            engine.hint(plan)
            span = engine.vars.makespan
            if (ph.makespan and span is not None and value is not None
                    and run.options.objective == "time"):
                engine.model.add(span <= round(value))
        out = engine.search(ph.name, run.left(), run.options, run.budget,
                            ph.scale, run.progress)
        if out.plan is None and plan is not None and value is not None:
            out = PhaseResult(SolveStatus.FEASIBLE, value, out.bound, plan)
        ph.out = out
