"""Start steps (plansat.solver.search.starts): heuristic plans before
the model is built, each offered to the run with its origin."""

from __future__ import annotations

from plansat import Project
from plansat.solver.search import (
    ConstructiveBound,
    ConstructiveHint,
    ConstructiveReference,
    GeneticStart,
)
from tests.helpers import make
from tests.helpers.runs import found, plan_of, rig_plans, rig_project, run_of


def people_project() -> Project:
    # Three 2-day tasks needing the one developer: 6 days in turn.
    return make([{"id": f"T{k}", "duration": 2,
                  "needs": [{"skill": "dev"}]} for k in range(3)],
                people=[{"id": "ann", "skills": {"dev": 1}}])


def test_constructive_hint_applies_from_its_size() -> None:
    p = rig_project()
    assert not ConstructiveHint().applies(run_of(p))  # 2 < 500 tasks
    assert ConstructiveHint(min_tasks=2).applies(run_of(p))


def test_constructive_hint_is_the_hint_and_the_fallback() -> None:
    p = rig_project()
    run = run_of(p)
    step = ConstructiveHint(min_tasks=0)
    step.run(run, run.budget)
    plan = run.start.fallback
    assert plan is not None and run.start.hint is plan
    assert run.start.tight
    assert plan_of(p, plan) == 4  # the rig's two tasks in turn
    assert found(run) == {"heuristic_makespan": 4}
    assert run.trace.events[-1].step == "constructive hint"


def test_a_callers_hint_stays_the_hint() -> None:
    p = rig_project()
    _, long = rig_plans()
    run = run_of(p)
    run.start.hint, run.start.given = long, True
    ConstructiveHint(min_tasks=0).run(run, run.budget)
    assert run.start.hint is long and run.start.fallback is not long


def test_constructive_reference_only_on_projects_with_people() -> None:
    step = ConstructiveReference(min_tasks=0, tight_tasks=10)
    assert not step.applies(run_of(rig_project()))
    run = run_of(people_project())
    assert step.applies(run)
    step.run(run, run.budget)
    assert run.start.fallback is not None and run.start.hint is None
    assert not run.start.tight  # 3 tasks < tight_tasks
    assert plan_of(run.project, run.start.fallback) == 6
    assert not step.applies(run)  # a plan is there already


def test_constructive_bound_fills_in_only_when_nothing_did() -> None:
    p = rig_project()
    run = run_of(p)
    assert not ConstructiveBound().applies(run)  # 2 < 60 tasks
    step = ConstructiveBound(min_tasks=0)
    assert step.applies(run)
    ConstructiveHint(min_tasks=0).run(run, run.budget)
    assert not step.applies(run)


def test_genetic_start_only_on_resource_only_projects() -> None:
    assert not GeneticStart(min_tasks=0).applies(run_of(people_project()))
    assert GeneticStart(min_tasks=0).applies(run_of(rig_project()))
    assert not GeneticStart().applies(run_of(rig_project()))  # < 50


def crane_project(n: int = 60) -> Project:
    # n tasks of 1-4 days sharing two crane units (1 or 2 each), every
    # third after the one three before it: resource-only, single-mode.
    return make([{"id": f"T{k}", "duration": 1 + k % 4,
                  "uses": {"crane": 1 + k % 2},
                  "after": [f"T{k - 3}"] if k >= 3 and k % 3 == 0 else []}
                 for k in range(n)],
                resources=[{"id": "crane", "capacity": 2}])


def test_genetic_start_keeps_a_plan_no_longer_than_the_fallback() -> None:
    p = crane_project()
    run = run_of(p)
    ConstructiveBound(min_tasks=0).run(run, run.budget)
    first = run.start.fallback
    assert first is not None
    GeneticStart(share=0.2).run(run, run.budget)
    plan = run.start.fallback
    assert plan is not None and plan.makespan <= first.makespan
    if plan is not first:
        assert run.start.source == "genetic" and run.start.hint is plan
        assert run.trace.last("genetic_makespan") == plan.makespan
    assert plan_of(p, plan) == plan.makespan
