"""Finish steps: a heuristic plan reported instead of the recipe's when
it is better, honestly labelled FEASIBLE, with its origin in
:attr:`Run.schedule_from <plansat.solver.search.run.Run.schedule_from>`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from plansat.models import SolveStatus
from plansat.options import Budget
from plansat.solver.engine import PhaseResult
from plansat.solver.search.run import Outcome, Run
from plansat.solver.search.starts import meets_deadlines


@dataclass(frozen=True)
class Fallback:
    """If CP-SAT found nothing in time but the heuristics' plan is a
    valid schedule, report that plan."""

    name: str = "fallback"
    stage: Literal["finish"] = "finish"

    def applies(self, run: Run) -> bool:
        """No plan, no proof of infeasibility, a plan meeting every
        deadline."""
        out, plan = run.outcome, run.start.fallback
        return (out is not None and out.final.plan is None
                and out.status == SolveStatus.UNKNOWN
                and plan is not None and meets_deadlines(run.project, plan))

    def run(self, run: Run, budget: Budget) -> None:
        """Report the heuristics' plan."""
        assert run.outcome is not None
        found = PhaseResult(SolveStatus.FEASIBLE, None,
                            run.outcome.main.bound, run.start.fallback)
        _keep(run, Outcome(SolveStatus.FEASIBLE, found, found,
                           run.outcome.load_horizon))


@dataclass(frozen=True)
class KeepBest:
    """For ``time`` (with no further phase of the caller's), the
    heuristics' plan when it is shorter than the engine's, which happens
    only when the engine never saw it: no solve returns a plan worse
    than one it had."""

    name: str = "keep best"
    stage: Literal["finish"] = "finish"

    def applies(self, run: Run) -> bool:
        """A shorter heuristic plan meeting every deadline."""
        out, plan = run.outcome, run.start.fallback
        return (run.options.objective == "time" and not run.further
                and out is not None and plan is not None
                and out.final.plan is not None
                and out.main.value is not None
                and plan.makespan < out.main.value
                and meets_deadlines(run.project, plan))

    def run(self, run: Run, budget: Budget) -> None:
        """Report the heuristics' plan with the engine's bound."""
        assert run.outcome is not None and run.start.fallback is not None
        plan = run.start.fallback
        found = PhaseResult(SolveStatus.FEASIBLE, float(plan.makespan),
                            run.outcome.main.bound, plan)
        _keep(run, Outcome(SolveStatus.FEASIBLE, found, found,
                           run.outcome.load_horizon))


def _keep(run: Run, outcome: Outcome) -> None:
    """Make ``outcome`` the run's, from the heuristics' plan."""
    run.outcome = outcome
    run.schedule_from = run.start.source
    run.record("finish", "note", "schedule_from", run.start.source)
