"""Finish steps (plansat.solver.search.finish): a heuristic plan is
reported instead of the engine's only when better and valid, honestly
labelled FEASIBLE, its origin in ``schedule_from``."""

from __future__ import annotations

from plansat import SolveStatus
from plansat.schedule.plan import Plan
from plansat.solver.engine import PhaseResult
from plansat.solver.search import Fallback, KeepBest, Outcome, Run
from tests.helpers import make
from tests.helpers.runs import found, rig_plans, rig_project, run_of


def outcome_of(plan: Plan | None, bound: float,
               status: SolveStatus = SolveStatus.FEASIBLE) -> Outcome:
    value = None if plan is None else float(plan.makespan)
    found = PhaseResult(status, value, bound, plan)
    return Outcome(status, found, found)


def finished(run: Run, outcome: Outcome, fallback: Plan | None) -> Run:
    run.outcome, run.start.fallback = outcome, fallback
    for step in (Fallback(), KeepBest()):
        if step.applies(run):
            step.run(run, run.budget)
    return run


def test_the_shorter_heuristic_plan_is_kept_with_the_engine_bound() -> None:
    short, long = rig_plans()
    run = finished(run_of(rig_project()), outcome_of(long, 4.0), short)
    assert run.outcome is not None
    assert run.outcome.final.plan is short and run.outcome.main.value == 4
    assert run.outcome.main.bound == 4.0
    assert run.outcome.status == SolveStatus.FEASIBLE
    assert run.schedule_from == "constructive"
    assert found(run) == {"schedule_from": "constructive"}


def test_a_heuristic_plan_no_shorter_changes_nothing() -> None:
    short, long = rig_plans()
    engine = outcome_of(short, 4.0)
    for fallback in (long, None):
        run = finished(run_of(rig_project()), engine, fallback)
        assert run.outcome is engine and run.schedule_from is None


def test_keep_best_only_for_time_and_no_further_phase() -> None:
    short, long = rig_plans()
    run = run_of(rig_project(), objective="cost")
    assert finished(run, outcome_of(long, 4.0), short).schedule_from is None
    run = run_of(rig_project())
    run.further = True
    assert finished(run, outcome_of(long, 4.0), short).schedule_from is None


def test_a_heuristic_plan_past_a_deadline_is_not_kept() -> None:
    # A must finish by Tuesday (day 1, so by day index 2); the heuristic
    # plan [1, 3) is shorter than the engine's [2, 4) but late.
    p = make([{"id": "A", "duration": 2, "deadline": "2025-06-03"}])
    late = Plan(start={"A": 1}, duration={"A": 2}, people={"A": []})
    engine = outcome_of(Plan(start={"A": 2}, duration={"A": 2},
                             people={"A": []}), 2.0)
    assert finished(run_of(p), engine, late).outcome is engine


def test_fallback_reports_the_heuristic_plan_when_cp_sat_found_none() -> None:
    short, _ = rig_plans()
    nothing = outcome_of(None, 3.0, SolveStatus.UNKNOWN)
    run = finished(run_of(rig_project()), nothing, short)
    assert run.outcome is not None and run.outcome.final.plan is short
    assert run.outcome.status == SolveStatus.FEASIBLE
    assert run.outcome.main.value is None  # valued by the recipe
    assert run.outcome.main.bound == 3.0
    assert run.schedule_from == "constructive"


def test_no_fallback_after_a_proof_of_infeasibility() -> None:
    short, _ = rig_plans()
    proof = outcome_of(None, 3.0, SolveStatus.INFEASIBLE)
    run = finished(run_of(rig_project()), proof, short)
    assert run.outcome is proof and run.schedule_from is None
