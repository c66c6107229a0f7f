"""The activity-list genetic algorithm (plansat.heuristics.genetic).

Plans are checked with the independent checker; on random projects the
genetic makespan can't beat CP-SAT's proven optimum.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings

from plansat import Budget, Project, SolveProgress, SolveStatus
from plansat.check import violations
from plansat.heuristics.genetic import applicable, genetic_schedule
from plansat.schedule.evaluate import build_result
from plansat.schedule.plan import Plan
from tests.helpers import make, solved
from tests.helpers.random_rcpsp import rcpsp


def project(tasks: list[dict[str, Any]], **extra: Any) -> Project:
    """``tasks`` (and ``extra`` fields) with a one-unit ``rig``."""
    return make(tasks, resources=[{"id": "rig", "capacity": 1}], **extra)


def clean(p: Project, plan: Plan) -> int:
    """The plan's makespan, after the checker found nothing wrong."""
    result = build_result(p, plan, SolveStatus.FEASIBLE, "time",
                          plan.makespan, None, 0.0)
    assert violations(p, result) == []
    return plan.makespan


def test_finds_the_order_that_overlaps_the_tail() -> None:
    # A and B (3 days) share the one-unit rig; C (1 day) follows A.
    # A first: A [0,3), B [3,6), C [3,4) -> 6.  B first: C ends at 7.
    p = project([
        {"id": "A", "duration": 3, "uses": {"rig": 1}},
        {"id": "B", "duration": 3, "uses": {"rig": 1}},
        {"id": "C", "duration": 1, "after": ["A"]},
    ])
    plan = genetic_schedule(p, Budget(5.0))
    assert plan is not None
    assert clean(p, plan) == 6
    assert plan.start["A"] == 0 and plan.start["B"] == 3


def test_same_seed_same_plan() -> None:
    p = project([
        {"id": f"T{k}", "duration": 1 + k % 3, "uses": {"rig": 1},
         "after": [f"T{k - 2}"] if k >= 2 else []}
        for k in range(8)
    ])
    first = genetic_schedule(p, Budget(5.0), seed=3)
    again = genetic_schedule(p, Budget(5.0), seed=3)
    assert first is not None and again is not None
    assert first.start == again.start


@pytest.mark.parametrize(
    ("extra", "task", "expected"),
    [
        ({}, {}, True),
        ({"people": [{"id": "ann", "skills": {"qa": 1}}]},
         {"needs": [{"skill": "qa"}]}, False),
        ({"people": [{"id": "ann", "skills": {"qa": 1}}]},
         {"assigned": ["ann"]}, False),
        ({}, {"modes": [{"duration": 2}, {"duration": 1,
                                          "uses": {"rig": 1}}]}, False),
    ],
    ids=["resources-only", "needs-people", "pinned-person", "two-modes"],
)
def test_applicable(extra: dict[str, Any], task: dict[str, Any],
                    expected: bool) -> None:
    p = project([{"id": "A", "duration": 2, **task}], **extra)
    assert applicable(p) is expected
    assert (genetic_schedule(p, Budget(0.1)) is not None) is expected


def test_resources_with_days_off_are_left_to_the_constructive_schedule(
) -> None:
    # The rig is open Mon-Wed: two 3-day tasks on it run days [0, 3)
    # and [5, 8) (closed days 3-4).  The GA's serial schedule knows no
    # days off (it put B on days 3-5), so it declines; the solve's plan
    # passes the checker (tests.helpers.solved).
    from plansat.check import violations
    from tests.helpers import solved

    p = make(
        [{"id": "A", "duration": 3, "uses": {"rig": 1}},
         {"id": "B", "duration": 3, "uses": {"rig": 1}}],
        resources=[{"id": "rig", "capacity": 1,
                    "calendar": {"workdays": ["Mon", "Tue", "Wed"]}}],
    )
    assert not applicable(p)
    assert genetic_schedule(p, Budget(0.1)) is None
    r = solved(p, strategy="default")
    assert r.makespan == 8
    assert violations(p, r) == []


def test_budget_resources_are_left_to_cp_sat() -> None:
    p = make(
        [{"id": "A", "duration": 2, "uses": {"cash": 3}}],
        resources=[{"id": "cash", "capacity": 5, "renewable": False}],
    )
    assert not applicable(p)
    assert genetic_schedule(p, Budget(0.1)) is None


@settings(max_examples=25, deadline=None)
@given(rcpsp(links=("FS", "SS", "FF", "SF")))
def test_plans_are_feasible_and_not_below_the_optimum(p: Project) -> None:
    plan = genetic_schedule(p, Budget(2.0))
    assert plan is not None
    span = clean(p, plan)
    best = solved(p, time_limit=10, strategy="plain")
    assert best.makespan is not None and span >= best.makespan


def test_v1_strategy_starts_from_the_genetic_plan() -> None:
    # 50 independent tasks of 1-4 days on a two-unit rig, half of them
    # taking both units: the genetic plan is the hint and the horizon.
    tasks = [
        {"id": f"T{k}", "duration": 1 + k % 4,
         "uses": {"rig": 1 + k % 2}}
        for k in range(50)
    ]
    p = make(tasks, resources=[{"id": "rig", "capacity": 2}])
    seen: list[SolveProgress] = []
    r = solved(p, status=None, progress=seen.append, strategy="v1")
    assert r.status.has_solution
    found = r.solver.get("genetic_makespan")
    assert isinstance(found, int)
    assert r.makespan is not None and r.makespan <= found
    # The first report is the genetic plan, bounded by the longest task.
    assert seen[0].phase == "genetic" and seen[0].objective == found
    assert seen[0].bound == 4
    # Energy: 25 one-unit tasks of 2 and 4 days (durations 1+k%4, k odd)
    # and 25 two-unit tasks of 1 and 3 days: (13*2 + 12*4 + 2*(13*1 +
    # 12*3)) / 2 = (26 + 48 + 98) / 2 = 86 days at least.
    assert r.makespan >= 86
