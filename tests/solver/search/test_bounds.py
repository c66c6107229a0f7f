"""Bound steps (plansat.solver.search.bounds): proven lower bounds of
the makespan, offered to the run, the best kept."""

from __future__ import annotations

import pytest

from plansat import Project
from plansat.solver.search import CriticalBound, EnergyBound, PooledBound
from tests.helpers import make, solved
from tests.helpers.runs import found, in_phase, run_of


def one_developer() -> Project:
    # A (3 days) -> nothing; B (4 days); both need the one developer:
    # 3 + 4 = 7 days of one person's work, the optimum.
    return make([{"id": "A", "duration": 3, "needs": [{"skill": "dev"}]},
                 {"id": "B", "duration": 4, "needs": [{"skill": "dev"}]}],
                people=[{"id": "ann", "skills": {"dev": 1}}])


def chain() -> Project:
    # A (3 days) -> B (2 days): the critical path is 5 days.
    return make([{"id": "A", "duration": 3},
                 {"id": "B", "duration": 2, "after": ["A"]}])


def test_critical_bound_is_the_chain() -> None:
    run = run_of(chain())
    assert CriticalBound().applies(run)
    CriticalBound().run(run, run.budget)
    assert run.lower == 5 == solved(chain()).makespan
    assert found(run) == {"critical_bound": 5}


def test_energy_bound_counts_the_one_developers_days() -> None:
    p = one_developer()
    run = run_of(p)
    EnergyBound().run(run, run.budget)
    assert run.lower == 7 == solved(p).makespan


@pytest.mark.parametrize("objective, applies", [
    ("time", True), ("balance", True), ("cost", False),
    ("value", False), ("priority", False),
])
def test_makespan_bounds_only_where_the_makespan_comes_first(
    objective: str, applies: bool,
) -> None:
    run = run_of(one_developer(), objective=objective)
    assert EnergyBound().applies(run) is applies
    assert PooledBound(min_tasks=0).applies(run) is applies


def test_pooled_bound_from_its_size_and_its_value() -> None:
    p = one_developer()
    run = run_of(p)
    assert not PooledBound().applies(run)  # 2 < 60 tasks
    in_phase(run, horizon=20)
    PooledBound(min_tasks=0).run(run, run.budget)
    assert run.lower == 7  # one pool of one person: 3 + 4 in turn


def test_the_best_bound_is_kept() -> None:
    run = run_of(one_developer())
    run.offer_bound("a", "a", 5)
    run.offer_bound("b", "b", None)
    run.offer_bound("c", "c", 3)
    assert run.lower == 5
    assert found(run) == {"a": 5, "b": None, "c": 3}
