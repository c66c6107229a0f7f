"""Strategies change how fast CP-SAT proves, never what is optimal.

The energy bounds of :mod:`plansat.solver.constraints.redundant` are
derived by hand on a fan of three tasks sharing a one-unit rig, and
checked against every optimal schedule of random pure-RCPSP projects
(they must hold for *every* feasible schedule).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from plansat import Project, Result
from plansat.solver.constraints.redundant import energy_bounds
from plansat.solver.search import STRATEGIES, get_strategy
from tests.helpers import make, solved
from tests.helpers.random_rcpsp import rcpsp


def fan() -> Project:
    """A (1 day) -> B, C, D (2 days, one rig each) -> E (1 day); rig
    capacity 1.

    The links alone give ``start_E >= start_A + 3``.  B, C and D take 6
    rig-days between A's end and E's start, so ``start_E >= start_A + 1 +
    6 = 7``; E's predecessors take 6 rig-days from day 0 (head 6); after A
    come 6 rig-days and E, so ``makespan >= start_A + 1 + 6`` (tail 7; E
    itself uses no rig).  Optimum: A [0,1), B, C, D in a row [1,7),
    E [7,8): makespan 8.
    """
    rig = {"uses": {"rig": 1}, "duration": 2, "after": ["A"]}
    return make(
        [
            {"id": "A", "duration": 1},
            {"id": "B", **rig}, {"id": "C", **rig}, {"id": "D", **rig},
            {"id": "E", "duration": 1, "after": ["B", "C", "D"]},
        ],
        resources=[{"id": "rig", "capacity": 1}],
    )


def test_energy_bounds_on_the_fan() -> None:
    bounds = energy_bounds(fan())
    assert bounds.heads == {"E": 6}
    assert bounds.tails == {"A": 7}
    assert bounds.delays == [("A", "E", 7)]


def test_tasks_too_big_to_share_run_in_a_row() -> None:
    # A (1 day) -> B, C (2 days, 2 of 3 units each) -> D (1 day).  Their
    # energy, 8 unit-days on 3 units, needs 3 days; but two 2-unit tasks
    # can't share 3 units, so they take 2 + 2 = 4 days between A and D:
    # start_D >= start_A + 1 + 4; head of D 4; tail of A 1 + 4 (D uses
    # no rig).  Optimum: A [0,1), B [1,3), C [3,5), D [5,6).
    two = {"uses": {"rig": 2}, "duration": 2, "after": ["A"]}
    p = make(
        [
            {"id": "A", "duration": 1},
            {"id": "B", **two}, {"id": "C", **two},
            {"id": "D", "duration": 1, "after": ["B", "C"]},
        ],
        resources=[{"id": "rig", "capacity": 3}],
    )
    bounds = energy_bounds(p)
    assert bounds.heads == {"D": 4}
    assert bounds.tails == {"A": 5}
    assert bounds.delays == [("A", "D", 5)]
    assert _solve(p, "+delays").makespan == 6


def test_no_renewable_resource_no_bounds() -> None:
    p = make([{"id": "A", "duration": 2},
              {"id": "B", "duration": 3, "after": ["A"]}])
    bounds = energy_bounds(p)
    assert (bounds.heads, bounds.tails, bounds.delays) == ({}, {}, [])


def _solve(project: Project, strategy: str) -> Result:
    """The proven time optimum with ``strategy`` (checked by
    :func:`tests.helpers.solved`)."""
    return solved(project, time_limit=10, strategy=strategy)


@pytest.mark.parametrize("strategy", sorted(STRATEGIES))
def test_every_strategy_finds_the_fan_optimum(strategy: str) -> None:
    assert _solve(fan(), strategy).makespan == 8


def test_unknown_strategy_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown strategy 'fast'"):
        get_strategy("fast")


@settings(max_examples=20, deadline=None)
@given(rcpsp(modes=True))
def test_energy_bounds_hold_with_modes(project: Project) -> None:
    best = _solve(project, "plain")
    _bounds_hold(project, best)
    assert _solve(project, "default").makespan == best.makespan


@settings(max_examples=20, deadline=None)
@given(rcpsp())
def test_strategies_agree_and_bounds_hold(project: Project) -> None:
    plain = _solve(project, "plain")
    for name in ("default", "+delays", "+disjunctive",
                 "+makespan_interval", "+small_lb_search"):
        assert _solve(project, name).makespan == plain.makespan, name
    _bounds_hold(project, plain)


def _bounds_hold(project: Project, solved: Result) -> None:
    """The energy bounds hold for ``solved`` (as for any schedule)."""
    start = {t.id: t.start for t in solved.tasks}
    assert solved.makespan is not None
    bounds = energy_bounds(project)
    for task_id, head in bounds.heads.items():
        assert start[task_id] >= head
    for task_id, tail in bounds.tails.items():
        assert solved.makespan >= start[task_id] + tail
    for i, j, gap in bounds.delays:
        assert start[j] >= start[i] + gap
