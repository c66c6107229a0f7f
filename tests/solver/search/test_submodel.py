"""A neighbourhood as a model of its own (plansat.solver.search.submodel)
and the search on such models (plansat.solver.search.sub_lns).

The sub-model must hold the incumbent (it is never infeasible), and
every plan it gives back, merged into the whole, must pass the
independent checker and be no longer than the incumbent.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from benchmarks.generate import generate_project
from plansat import Project, SolveStatus
from plansat.check import violations
from plansat.heuristics.constructive import constructive_schedule
from plansat.options import Budget, SolveOptions
from plansat.schedule.evaluate import build_result
from plansat.schedule.justify import left_justify
from plansat.schedule.plan import Plan
from plansat.solver.search import sub_lns
from plansat.solver.search.concurrent import Incumbent
from plansat.solver.search.neighbourhoods import uses
from plansat.solver.search.submodel import (
    SubModel,
    Window,
    earliest,
    pools_left,
    windows,
)
from plansat.solver.variables import Levers
from tests.helpers import make, solved
from tests.helpers.random_projects import projects

ANN = [{"id": "ann", "skills": {"dev": 1}}]


def checked(p: Project, plan: Plan) -> int:
    """The plan's makespan, after the checker found nothing wrong."""
    result = build_result(p, plan, SolveStatus.FEASIBLE, "time",
                          plan.makespan, None, 0.0)
    assert violations(p, result) == []
    return plan.makespan


def sub_model(p: Project, plan: Plan, relaxed: set[str]) -> SubModel:
    owners = uses(p, plan)
    kept = {k: [u for u in us if u.task not in relaxed]
            for k, us in owners.items()}
    return SubModel(p, plan, relaxed, kept, p.successors(), plan.makespan)


def test_the_relaxed_tasks_fill_the_hole_the_plan_left() -> None:
    # ann does A (2 days), then B (2, after A) and D (1). The plan leaves
    # day 2 empty: A 0-2, B 3-5, D 5-6 (makespan 6). Relaxing B and D
    # with A kept (ann booked on days 0-1): both fit on days 2-4, so the
    # makespan is 5 (ann's 5 days of work, optimal); of the two orders,
    # D first ends the relaxed tasks on 3 + 5 = 8 < 4 + 5 = 9.
    p = make([{"id": "A", "duration": 2, "needs": [{"skill": "dev"}]},
              {"id": "B", "duration": 2, "after": ["A"],
               "needs": [{"skill": "dev"}]},
              {"id": "D", "duration": 1, "needs": [{"skill": "dev"}]}],
             people=ANN)
    plan = Plan(start={"A": 0, "B": 3, "D": 5},
                duration={"A": 2, "B": 2, "D": 1},
                people={t: [["ann"]] for t in "ABD"})
    code, found = sub_model(p, plan, {"B", "D"}).solve(
        5.0, SolveOptions(workers=1))
    assert code == cp_model.OPTIMAL and found is not None
    assert found.start == {"A": 0, "B": 3, "D": 2}
    assert checked(p, found) == 5


#: A kept task at days 10-14 (lag 1 on the link) bounds a relaxed
#: predecessor; a kept task at days 2-5 bounds a relaxed successor.
LINKS = [
    ("FS", Window(end_max=9 + 2)),  # up to max_overlap 2 days earlier
    ("SS", Window(start_max=9)),
    ("FF", Window(end_max=13)),
    ("SF", Window(start_max=13)),
]


@pytest.mark.parametrize("kind, window", LINKS)
def test_a_kept_successor_bounds_the_relaxed_task(kind: str,
                                                  window: Window) -> None:
    link = {"task": "R", "type": kind, "lag": 1}
    if kind == "FS":
        link["max_overlap"] = 2
    p = make([{"id": "R", "duration": 4}, {"id": "K", "duration": 4,
                                          "after": [link]}])
    plan = Plan(start={"R": 0, "K": 10}, duration={"R": 4, "K": 4})
    assert windows(p, plan, {"R"}, p.successors(), Levers()) == {
        "R": window}


@pytest.mark.parametrize("kind, window", [
    ("FS", Window(start_min=6 - 2)),
    ("SS", Window(start_min=3)),
    ("FF", Window(end_min=6)),
    ("SF", Window(end_min=3)),
])
def test_a_kept_predecessor_bounds_the_relaxed_task(kind: str,
                                                    window: Window) -> None:
    link = {"task": "K", "type": kind, "lag": 1}
    if kind == "FS":
        link["max_overlap"] = 2
    p = make([{"id": "K", "duration": 3}, {"id": "R", "duration": 4,
                                          "after": [link]}])
    plan = Plan(start={"K": 2, "R": 8}, duration={"K": 3, "R": 4})
    assert windows(p, plan, {"R"}, p.successors(), Levers()) == {
        "R": window}


def test_without_overlapping_an_fs_link_is_a_plain_bound() -> None:
    p = make([{"id": "K", "duration": 3}, {"id": "R", "duration": 4,
              "after": [{"task": "K", "max_overlap": 2}]}])
    plan = Plan(start={"K": 2, "R": 5}, duration={"K": 3, "R": 4})
    found = windows(p, plan, {"R"}, p.successors(), Levers(overlap=False))
    assert found["R"].start_min == 5


def test_the_earliest_relaxed_start_follows_links_among_them() -> None:
    # K (kept, days 0-3) -> R1 (3 days) -> R2 (SS lag 2): R1 can't start
    # before 3, R2 before 5; the earliest of both is 3.
    p = make([{"id": "K", "duration": 3},
              {"id": "R1", "duration": 3, "after": ["K"]},
              {"id": "R2", "duration": 1,
               "after": [{"task": "R1", "type": "SS", "lag": 2}]}])
    plan = Plan(start={"K": 0, "R1": 3, "R2": 5},
                duration={"K": 3, "R1": 3, "R2": 1})
    relaxed = {"R1", "R2"}
    found = windows(p, plan, relaxed, p.successors(), Levers())
    assert earliest(p, relaxed, found) == 3


def test_a_pool_keeps_the_units_the_kept_tasks_leave() -> None:
    p = make([{"id": "A", "duration": 1, "uses": {"lic": 2}},
              {"id": "B", "duration": 1, "uses": {"lic": 1}}],
             resources=[{"id": "lic", "capacity": 4, "renewable": False}])
    plan = Plan(start={"A": 0, "B": 0}, duration={"A": 1, "B": 1})
    assert pools_left(p, plan, {"B"}) == {"lic": 2}


def generated(seed: int) -> Project:
    """A small generated project: FS/SS/FF links with lags, 50 %
    allocations, vacations, pools, crash options."""
    return generate_project(24, n_people=4, seed=seed)


def drawn_case(data: st.DataObject) -> tuple[Project, Plan, set[str]]:
    if data.draw(st.booleans(), label="generated"):
        p = generated(data.draw(st.integers(0, 10_000), label="seed"))
    else:
        p = data.draw(projects(), label="project")
    plan = constructive_schedule(p)
    ids = sorted(plan.start)
    relaxed = data.draw(st.sets(st.sampled_from(ids), min_size=1),
                        label="relaxed")
    return p, plan, relaxed


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_a_sub_model_holds_the_incumbent(data: st.DataObject) -> None:
    p, plan, relaxed = drawn_case(data)
    model = sub_model(p, plan, relaxed)
    solver = model.engine.solver(5.0, SolveOptions(workers=1))
    solver.parameters.fix_variables_to_their_hinted_value = True
    assert solver.solve(model.engine.model) == cp_model.OPTIMAL


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_merged_answers_are_valid_and_never_longer(
        data: st.DataObject) -> None:
    p, plan, relaxed = drawn_case(data)
    code, found = sub_model(p, plan, relaxed).solve(
        1.0, SolveOptions(workers=1))
    assert code in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    assert found is not None
    assert checked(p, found) <= plan.makespan
    kept = set(plan.start) - relaxed
    assert {t: found.start[t] for t in kept} == {
        t: plan.start[t] for t in kept}


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 10_000))
def test_the_search_never_returns_a_worse_or_invalid_plan(
        seed: int) -> None:
    p = generated(seed)
    start = constructive_schedule(p)
    search = sub_lns.SubLns(p, SolveOptions(workers=1, seed=seed),
                            justify=lambda plan: left_justify(p, plan))
    best = search.improve(Incumbent(start, start.makespan), Budget(0.5))
    assert best.value == best.plan.makespan <= start.makespan
    assert checked(p, best.plan) == best.value
    assert search.stats.calls > 0


def test_each_kind_of_neighbourhood_is_drawn() -> None:
    p = generated(3)
    plan = constructive_schedule(p)
    search = sub_lns.SubLns(p, SolveOptions(workers=1))
    owners = uses(p, plan)
    search.size = dict.fromkeys(search.kinds, 6.0)
    for kind in sub_lns.SUB_KINDS:
        relaxed = search._draw(kind, plan, owners)
        assert 1 <= len(relaxed) <= 6, kind
    tail = search._draw("tail", plan, owners)
    assert any(plan.finish(t) == plan.makespan for t in tail)


def test_sub_lns_strategies_solve_honestly() -> None:
    # The generated project is too big for the probe to close it, so the
    # step runs beside the full search: the result must be checker-clean
    # and the trace must say it ran.
    p = generate_project(240, n_people=10, seed=5)
    for name in ("+sub_lns", "+restarts_sub_lns"):
        r = solved(p, status=None, strategy=name, workers=2,
                   time_limit=8)
        assert r.status in (SolveStatus.FEASIBLE, SolveStatus.OPTIMAL)
        note = r.solver["lns"]["makespan"]  # type: ignore[index]
        assert note["beside"] == "sub_lns" and note["calls"] > 0


def test_a_random_plan_order_never_breaks_the_merge() -> None:
    # Neighbourhoods drawn at random on a generated project, each merged
    # answer becoming the next incumbent: checker-clean all along.
    p = generated(11)
    plan = constructive_schedule(p)
    rng = random.Random(0)
    for _ in range(15):
        relaxed = set(rng.sample(sorted(plan.start), 6))
        code, found = sub_model(p, plan, relaxed).solve(
            0.5, SolveOptions(workers=1))
        assert found is not None, code
        assert checked(p, found) <= plan.makespan
        plan = found
