"""Phase steps that open a phase: a short CP-SAT probe, then the
heuristics seeded with its plan.

Easy instances close in the probe and never pay for the heuristics;
the others go on from the best plan of the probe and the heuristics
(:mod:`plansat.solver.search.improvers`,
:mod:`plansat.solver.search.full`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from plansat.heuristics import genetic
from plansat.models import SolveStatus
from plansat.options import Budget
from plansat.schedule.cpm import shortest_makespan
from plansat.solver.engine import LARGE_MODEL_PAIRS, PhaseResult
from plansat.solver.search.run import Run
from plansat.solver.search.starts import genetic_applies, usable


@dataclass(frozen=True)
class Probe:
    """CP-SAT for ``share`` of the phase's time (at most ``cap``
    seconds), on resource-only projects of ``min_tasks`` tasks or more
    and on projects with people of ``people_min_tasks`` or more.

    On models above ``LARGE_MODEL_PAIRS`` (task, person) pairs (or with
    no time for it) the probe only sets the objective: CP-SAT's presolve
    alone outlasts it.
    """

    share: float = 0.1
    cap: float = 3.0
    min_tasks: int = 60
    people_min_tasks: int = 200
    name: str = "probe"
    stage: Literal["phase"] = "phase"

    def applies(self, run: Run) -> bool:
        """Big enough for the heuristics to pay."""
        least = self.people_min_tasks if run.people else self.min_tasks
        return run.tasks >= max(self.min_tasks, least)

    def run(self, run: Run, budget: Budget) -> None:
        """Probe; the phase's outcome is the probe's."""
        ph, engine = run.current, run.built
        ph.searched = True
        seconds = min(budget.remaining(self.share), self.cap)
        if not seconds or len(engine.vars.works) > LARGE_MODEL_PAIRS:
            engine.model.minimize(ph.expr)  # for the steps after it
            return
        ph.out = engine.run(ph.name, ph.expr, seconds, run.options,
                            run.budget, ph.scale, run.progress)


@dataclass(frozen=True)
class HeuristicSeed:
    """After a probe that did not close the makespan phase: the start
    steps' plan and the genetic algorithm from the probe's plan (for
    ``share`` of the phase's time left, on resource-only projects of
    ``min_tasks`` tasks or more); the shortest plan the model accepts
    replaces the probe's when shorter."""

    share: float = 0.3
    min_tasks: int = 50
    compiled: bool = True
    name: str = "heuristic seed"
    stage: Literal["phase"] = "phase"

    def applies(self, run: Run) -> bool:
        """The makespan phase, after a probe."""
        ph = run.current
        return ph.makespan and ph.searched

    def run(self, run: Run, budget: Budget) -> None:
        """Seed the phase with the shortest heuristic plan."""
        ph, project = run.current, run.project
        best = usable(project, run.start.fallback, run.horizon)
        if genetic_applies(project, self.min_tasks):
            found = usable(project, genetic.genetic_schedule(
                project, budget.sub(self.share), run.options.seed,
                start_from=ph.out.plan, compiled=self.compiled),
                run.horizon)
            if found is not None:
                run.record(self.name, "plan", "genetic_makespan",
                           found.makespan)
                run.report("genetic", found.makespan,
                           shortest_makespan(project))
                if best is None or found.makespan < best.makespan:
                    best = found
        value = ph.out.value
        if best is not None and (value is None or best.makespan < value):
            status = (ph.out.status if ph.out.plan is not None
                      else SolveStatus.FEASIBLE)
            ph.out = PhaseResult(status, float(best.makespan), ph.out.bound,
                                 best)
