"""What the heuristics give a solve (plansat.solver.starts): a heuristic
plan replaces the engine's only when shorter and valid, honestly
labelled FEASIBLE."""

from __future__ import annotations

from plansat import SolveStatus
from plansat.schedule.plan import Plan
from plansat.solver.engine import PhaseResult
from plansat.solver.objectives import Outcome
from plansat.solver.starts import StartingPlans, keep_best
from tests.helpers import make


def project_and_plans() -> tuple:
    # A and B (2 days each) both on the one-unit rig: 4 days in turn.
    p = make([{"id": "A", "duration": 2, "uses": {"rig": 1}},
              {"id": "B", "duration": 2, "uses": {"rig": 1}}],
             resources=[{"id": "rig", "capacity": 1}])
    short = Plan(start={"A": 0, "B": 2}, duration={"A": 2, "B": 2},
                 people={"A": [], "B": []})
    long = Plan(start={"A": 0, "B": 3}, duration={"A": 2, "B": 2},
                people={"A": [], "B": []})
    return p, short, long


def outcome_of(plan: Plan, bound: float) -> Outcome:
    found = PhaseResult(SolveStatus.FEASIBLE, float(plan.makespan), bound,
                        plan)
    return Outcome(SolveStatus.FEASIBLE, found, found)


def test_the_shorter_heuristic_plan_is_kept_with_the_engine_bound() -> None:
    p, short, long = project_and_plans()
    info: dict[str, object] = {}
    out = keep_best(p, outcome_of(long, 4.0),
                    StartingPlans(fallback=short), info)
    assert out.final.plan is short and out.main.value == 4
    assert out.main.bound == 4.0 and out.status == SolveStatus.FEASIBLE
    assert info["schedule_from"] == "constructive"


def test_a_heuristic_plan_no_shorter_changes_nothing() -> None:
    p, short, long = project_and_plans()
    engine = outcome_of(short, 4.0)
    assert keep_best(p, engine, StartingPlans(fallback=long), {}) is engine
    assert keep_best(p, engine, StartingPlans(), {}) is engine


def test_a_heuristic_plan_past_a_deadline_is_not_kept() -> None:
    # A must finish by Tuesday (day 1, so by day index 2); the heuristic
    # plan [1, 3) is shorter than the engine's [2, 4) but late.
    p = make([{"id": "A", "duration": 2, "deadline": "2025-06-03"}])
    late = Plan(start={"A": 1}, duration={"A": 2}, people={"A": []})
    engine = outcome_of(Plan(start={"A": 2}, duration={"A": 2},
                             people={"A": []}), 2.0)
    assert keep_best(p, engine, StartingPlans(fallback=late), {}) is engine
