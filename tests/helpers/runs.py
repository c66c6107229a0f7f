"""Runs and phases for testing search steps one at a time."""

from __future__ import annotations

from typing import Any

from plansat import Project, SolveStatus
from plansat.check import violations
from plansat.options import SolveOptions
from plansat.schedule.evaluate import build_result
from plansat.schedule.plan import Plan
from plansat.solver.engine import PhaseResult
from plansat.solver.search import DEFAULT, Phase, Run, Strategy
from tests.helpers import make


def run_of(p: Project, strategy: Strategy = DEFAULT,
           **options: Any) -> Run:
    """A run of ``p`` on one worker (options as keywords)."""
    opts = SolveOptions(**{"workers": 1, "time_limit": 5.0, **options})
    return Run(p, opts, opts.budget(), strategy)


def in_phase(run: Run, horizon: int, name: str = "makespan") -> Phase:
    """Build ``run``'s engine and open the makespan phase on it."""
    run.horizon = horizon
    run.engine = run.strategy.engine(run.project, horizon)
    assert run.engine.vars.makespan is not None
    run.phase = Phase(name, run.engine.vars.makespan, 1.0, run.budget,
                      PhaseResult(SolveStatus.UNKNOWN, None, None, None))
    return run.phase


def rig_project() -> Project:
    """A and B (2 days each) both on the one-unit rig: 4 days in turn,
    the optimum."""
    return make([{"id": "A", "duration": 2, "uses": {"rig": 1}},
                 {"id": "B", "duration": 2, "uses": {"rig": 1}}],
                resources=[{"id": "rig", "capacity": 1}])


def rig_plans() -> tuple[Plan, Plan]:
    """Two plans of :func:`rig_project`: the optimum (4 days) and one a
    day longer."""
    short = Plan(start={"A": 0, "B": 2}, duration={"A": 2, "B": 2},
                 people={"A": [], "B": []})
    long = Plan(start={"A": 0, "B": 3}, duration={"A": 2, "B": 2},
                people={"A": [], "B": []})
    return short, long


def plan_of(p: Project, plan: Plan) -> int:
    """``plan``'s makespan after the independent checker found nothing
    wrong with it."""
    result = build_result(p, plan, SolveStatus.FEASIBLE, "time", None,
                          None, 0.0)
    assert violations(p, result) == []
    return plan.makespan


def found(run: Run) -> dict[str, object]:
    """What the steps recorded in ``run``'s trace (the run's own notes,
    strategy, workers and seed, left out)."""
    return {e.key: e.value for e in run.trace.events if e.step != "run"}
