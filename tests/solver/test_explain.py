"""Tests of infeasibility explanations (plansat.solver.explain via solve).

The projects start on Monday 2025-06-02 with the default Mon-Fri calendar:
days 0..4 are 2 Jun .. 6 Jun, days 5..9 are 9 Jun .. 13 Jun.
"""

from __future__ import annotations

import pytest

from plansat import Project, Result, SolveStatus
from plansat.models.result import Objective
from tests.helpers import make, solved

OBJECTIVES: list[Objective] = ["time", "balance", "cost"]


def infeasible(project: Project, objective: Objective = "time") -> Result:
    """Solve ``project``, expecting INFEASIBLE with an explanation that
    lists every conflict."""
    r = solved(project, objective, status=SolveStatus.INFEASIBLE)
    assert r.tasks == []
    assert r.makespan is None
    assert r.explanation
    assert r.conflicts
    for conflict in r.conflicts:
        assert conflict in r.explanation
    return r


@pytest.mark.parametrize("objective", OBJECTIVES)
def test_deadline_impossible_by_the_chain(objective: Objective) -> None:
    # A(3) -> B(3) -> C(3): C can't finish before day 8 (Thu 12 Jun), but
    # its deadline is Thu 5 Jun.  No people or resources are involved.
    p = make(
        [
            {"id": "A", "duration": 3},
            {"id": "B", "duration": 3, "after": ["A"]},
            {
                "id": "C",
                "duration": 3,
                "after": ["B"],
                "deadline": "2025-06-05",
            },
        ]
    )
    r = infeasible(p, objective)
    assert len(r.conflicts) == 1
    (msg,) = r.conflicts
    assert "A -> B -> C" in msg
    assert "2025-06-05" in msg
    assert "2025-06-12" in msg
    assert msg.startswith("C ")


def test_chain_explanation_counts_crashing_and_overlap() -> None:
    # A(5, crash to 3) -> B(4, overlap up to 2): fully accelerated the
    # chain ends at 3 + 4 - 2 = 5 days (Fri 6 Jun), one day past B's
    # deadline Thu 5 Jun, so it is still the chain that is named.
    p = make(
        [
            {
                "id": "A",
                "duration": 5,
                "crash": {"duration": 3, "cost_per_day": 1},
            },
            {
                "id": "B",
                "duration": 4,
                "deadline": "2025-06-05",
                "after": [{"task": "A", "max_overlap": 2}],
            },
        ]
    )
    explanation = infeasible(p).explanation or ""
    assert "A -> B" in explanation
    assert "2025-06-06" in explanation


def test_deadline_reachable_only_by_acceleration_is_feasible() -> None:
    # Same chain, deadline Fri 6 Jun: exactly reachable (finish 5).
    p = make(
        [
            {
                "id": "A",
                "duration": 5,
                "crash": {"duration": 3, "cost_per_day": 1},
            },
            {
                "id": "B",
                "duration": 4,
                "deadline": "2025-06-06",
                "after": [{"task": "A", "max_overlap": 2}],
            },
        ]
    )
    r = solved(p)
    assert r.objective_value == 5


@pytest.mark.parametrize("objective", OBJECTIVES)
def test_project_deadline_against_a_vacation(objective: Objective) -> None:
    # A(6) needs qa; only q has it and q is away Mon 9 .. Fri 13 Jun
    # (days 5-9).  A can't fit in days 0-4, so it ends on day 15 at the
    # earliest; the project deadline Tue 17 Jun allows finish <= 12.
    p = make(
        [{"id": "A", "duration": 6, "needs": [{"skill": "qa"}]}],
        people=[
            {
                "id": "q",
                "skills": {"qa": 2},
                "unavailable": [{"start": "2025-06-09", "end": "2025-06-13"}],
            },
            {"id": "x", "skills": {"dev": 2}},
        ],
        deadline="2025-06-17",
    )
    r = infeasible(p, objective)
    assert "q is away 2025-06-09 to 2025-06-13" in r.conflicts
    assert "the project deadline 2025-06-17" in r.conflicts
    assert len(r.conflicts) == 2


def test_pinned_person_away_for_the_whole_window() -> None:
    # A(3) must finish by Fri 6 Jun; it is pinned to q1, who is away that
    # whole week.  q2 could do it, so the pin is part of the conflict.
    p = make(
        [
            {
                "id": "A",
                "duration": 3,
                "needs": [{"skill": "qa"}],
                "assigned": ["q1"],
                "deadline": "2025-06-06",
            }
        ],
        people=[
            {
                "id": "q1",
                "skills": {"qa": 1},
                "unavailable": [{"start": "2025-06-02", "end": "2025-06-06"}],
            },
            {"id": "q2", "skills": {"qa": 1}},
        ],
    )
    r = infeasible(p)
    assert sorted(r.conflicts) == sorted(
        [
            "A is pinned to q1",
            "q1 is away 2025-06-02 to 2025-06-06",
            "A must finish by 2025-06-06",
        ]
    )


def test_resource_capacity_with_two_deadlines() -> None:
    # A(3) and B(3) share a rig of capacity 1; A must finish by Thu 5 Jun
    # (finish <= 4), B by Fri 6 Jun (finish <= 5).  Either order ends the
    # second task at 6: both deadlines are in the conflict.
    p = make(
        [
            {
                "id": "A",
                "duration": 3,
                "uses": {"rig": 1},
                "deadline": "2025-06-05",
            },
            {
                "id": "B",
                "duration": 3,
                "uses": {"rig": 1},
                "deadline": "2025-06-06",
            },
        ],
        resources=[{"id": "rig", "capacity": 1}],
    )
    r = infeasible(p)
    assert sorted(r.conflicts) == [
        "A must finish by 2025-06-05",
        "B must finish by 2025-06-06",
    ]


def test_earliest_start_against_a_deadline() -> None:
    # A(3) may not start before Wed 4 Jun (day 2) and B(2) follows it;
    # B's deadline Fri 6 Jun needs finish <= 5, but 2 + 3 + 2 = 7.
    p = make(
        [
            {"id": "A", "duration": 3, "earliest_start": "2025-06-04"},
            {
                "id": "B",
                "duration": 2,
                "after": ["A"],
                "deadline": "2025-06-06",
            },
        ]
    )
    explanation = infeasible(p).explanation or ""
    assert "A -> B" in explanation
    assert "2025-06-06" in explanation


def test_feasible_deadline_behind_a_crashable_ff_task_is_not_blamed() -> None:
    # I(5); J(4, crashable to 2) with FF from I: f_J >= 5, so J can run
    # days 1-4 uncrashed; K(1) SS from J can start at day 1 and meets its
    # deadline Tue 3 Jun (finish <= 2).  Alone this part is feasible.
    # The real conflict is the rig shared by A and B with deadlines.
    chain = [
        {"id": "I", "duration": 5},
        {
            "id": "J",
            "duration": 4,
            "crash": {"duration": 2, "cost_per_day": 10},
            "after": [{"task": "I", "type": "FF"}],
        },
        {
            "id": "K",
            "duration": 1,
            "deadline": "2025-06-03",
            "after": [{"task": "J", "type": "SS"}],
        },
    ]
    alone = solved(make(chain))
    assert alone.task("K").finish <= 2
    p = make(
        [
            *chain,
            {
                "id": "A",
                "duration": 3,
                "uses": {"rig": 1},
                "deadline": "2025-06-05",
            },
            {
                "id": "B",
                "duration": 3,
                "uses": {"rig": 1},
                "deadline": "2025-06-06",
            },
        ],
        resources=[{"id": "rig", "capacity": 1}],
    )
    r = infeasible(p)
    assert "K" not in " ".join(r.conflicts)
    assert sorted(r.conflicts) == [
        "A must finish by 2025-06-05",
        "B must finish by 2025-06-06",
    ]
