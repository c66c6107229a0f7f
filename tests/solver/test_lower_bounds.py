"""Lower bounds of the makespan (plansat.solver.bounds): the critical
path at minimum durations and the pooled relaxation.

A bound must never exceed the optimum: checked on hand-solved projects,
on random projects with people against CP-SAT's proven optimum, and on
PSPLIB j30 instances against their known optima.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from benchmarks.sets import DATA, SETS
from plansat import Project
from plansat.options import SolveOptions
from plansat.solver.bounds import (
    critical_bound,
    energy_bound,
    makespan_bound,
    pooled,
)
from tests.helpers import make, solved
from tests.helpers.random_projects import projects


def bound(p: Project, horizon: int = 100) -> int | None:
    options = SolveOptions(workers=1, time_limit=5)
    return makespan_bound(p, horizon, options, options.budget())


def test_one_developer_does_the_work_in_turn() -> None:
    # A (3 days) and B (4 days) both need the one developer: the pool of
    # capacity 100 takes 100 for each, so the bound is 3 + 4 = 7, the
    # optimum.
    p = make([{"id": "A", "duration": 3, "needs": [{"skill": "dev"}]},
              {"id": "B", "duration": 4, "needs": [{"skill": "dev"}]}],
             people=[{"id": "ann", "skills": {"dev": 1}}])
    assert bound(p) == 7 == solved(p).makespan


def test_two_half_time_people_share_a_pool() -> None:
    # Two people at 50 %; four tasks of 2 days at 50 % allocation need
    # one of them each: the pool holds 100, each task takes 50, so two
    # run at once: 2 x 2 = 4 days, the optimum.
    p = make([{"id": f"T{k}", "duration": 2, "allocation": 50,
               "needs": [{"skill": "qa"}]} for k in range(4)],
             people=[{"id": "a", "skills": {"qa": 1}, "availability": 50},
                     {"id": "b", "skills": {"qa": 1}, "availability": 50}])
    assert bound(p) == 4 == solved(p).makespan


def test_the_critical_path_at_minimum_durations() -> None:
    # A (4 days, crashable to 2) then B (3 days): 2 + 3 = 5.
    p = make([{"id": "A", "duration": 4,
               "crash": {"duration": 2, "cost_per_day": 10}},
              {"id": "B", "duration": 3, "after": [{"task": "A"}]}])
    assert critical_bound(p) == 5 == solved(p).makespan


def test_no_critical_bound_when_links_may_overlap() -> None:
    # B may start 2 days before A ends: the critical path (7) is no bound.
    p = make([{"id": "A", "duration": 4},
              {"id": "B", "duration": 3,
               "after": [{"task": "A", "max_overlap": 2}]}])
    assert critical_bound(p) is None
    assert solved(p).makespan == 5


def test_the_energy_of_one_developer_between_two_chains() -> None:
    # T1 (3 days, nobody) before T2 and T4 (2 days each, the one dev),
    # both before T5 (1 day, nobody).  Critical path 3 + 2 + 1 = 6; the
    # dev's work (4 days) falls between day 3 and the last day but one:
    # 3 + 4 + 1 = 8, the optimum.
    dev = [{"skill": "dev"}]
    p = make([{"id": "T1", "duration": 3},
              {"id": "T2", "duration": 2, "needs": dev,
               "after": [{"task": "T1"}]},
              {"id": "T4", "duration": 2, "needs": dev,
               "after": [{"task": "T1"}]},
              {"id": "T5", "duration": 1,
               "after": [{"task": "T2"}, {"task": "T4"}]}],
             people=[{"id": "ann", "skills": {"dev": 1}}])
    assert critical_bound(p) == 6
    assert energy_bound(p) == 8 == solved(p).makespan


def test_the_energy_is_shared_among_the_qualified() -> None:
    # Three 2-day tasks: two need "dev" (ann or bob), one needs "ops"
    # (bob only).  Work 6 person-days over 2 people: 3 days at least; bob
    # must do the ops task, and the dev work can go to ann: the optimum
    # is 4 (ann does both dev tasks) and the energy bound 3.
    p = make([{"id": "D1", "duration": 2, "needs": [{"skill": "dev"}]},
              {"id": "D2", "duration": 2, "needs": [{"skill": "dev"}]},
              {"id": "O1", "duration": 2, "needs": [{"skill": "ops"}]}],
             people=[{"id": "ann", "skills": {"dev": 1}},
                     {"id": "bob", "skills": {"dev": 1, "ops": 1}}])
    assert energy_bound(p) == 3 and solved(p).makespan == 4


def test_no_people_no_relaxation() -> None:
    p = make([{"id": "A", "duration": 3}])
    assert pooled(p) is None and bound(p) is None


def test_pools_are_named_apart_from_the_resources() -> None:
    p = make([{"id": "A", "duration": 3, "needs": [{"skill": "dev"}],
               "uses": {"pool:0": 1}}],
             people=[{"id": "ann", "skills": {"dev": 1}}],
             resources=[{"id": "pool:0", "capacity": 1}])
    relaxed = pooled(p)
    assert relaxed is not None
    assert relaxed.tasks[0].uses == {"pool:0": 1, "pool:0'": 100}


@settings(max_examples=25, deadline=None)
@given(projects())
def test_the_bounds_never_exceed_the_optimum(p: Project) -> None:
    optimum = solved(p, strategy="plain").makespan
    assert optimum is not None
    for found in (bound(p, horizon=optimum), energy_bound(p),
                  critical_bound(p)):
        assert found is None or found <= optimum


J30 = SETS["j30"]


@pytest.mark.skipif(not (DATA / J30.folder).exists(),
                    reason="no PSPLIB data")
@pytest.mark.parametrize("name", ["j301_1.sm", "j3013_5.sm", "j3037_2.sm"])
def test_the_default_bound_on_j30_stays_below_the_known_optimum(
    name: str,
) -> None:
    from plansat.io import read

    p = read(DATA / J30.folder / name)
    lb, ub = J30.best_known()[name]
    assert lb == ub  # j30 optima are all known
    r = solved(p, status=None, workers=2, time_limit=5)
    assert r.bound is not None and r.bound <= lb <= (r.makespan or 0)
