"""The vectorised evaluation of a fixed plan (plansat.schedule.sampling).

Projects start on Monday 2 June 2025 (tests.helpers.START): working
days 0..4 are 2-6 June, 5..9 are 9-13 June.  Plans are built by hand
with :func:`plan_result` and checked with the independent checker, so
every expected start below is derived from a valid plan.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from benchmarks.generate import generate_data
from plansat.analysis.risk.durations import duration_model
from plansat.analysis.risk.replanning import fixed_project, sample_result
from plansat.check import violations
from plansat.models import Project, Result, SolveStatus
from plansat.options import Budget
from plansat.schedule.evaluate import build_result
from plansat.schedule.plan import Plan
from plansat.schedule.sampling import (
    build_network,
    critical,
    evaluate,
    evaluate_one,
    plan_tasks,
)
from tests.helpers import make

X = [{"skill": "x"}]


def plan_result(
    project: Project,
    starts: dict[str, int],
    people: dict[str, list[str]] | None = None,
    overlap: dict[tuple[str, str], int] | None = None,
) -> Result:
    """A checked result placing each task at ``starts`` with its own
    duration and ``people``."""
    people = people or {}
    plan = Plan(overlap=dict(overlap or {}))
    for t in project.tasks:
        plan.start[t.id], plan.duration[t.id] = starts[t.id], t.duration
        plan.people[t.id] = [people[t.id]] if t.id in people else []
    result = build_result(project, plan, SolveStatus.FEASIBLE, "time",
                          None, None, 0.0)
    assert violations(project, result) == []
    return result


def run(project: Project, result: Result, rows: list[list[int]],
        policy: Any = "plan") -> tuple[np.ndarray, np.ndarray]:
    """Starts and finishes of the samples ``rows`` (one row per task)."""
    net = build_network(project, result, policy)
    ev = evaluate(net, np.array(rows))
    for k in range(len(rows[0])):  # the naive loop agrees
        s, f = evaluate_one(net, [r[k] for r in rows])
        assert s == ev.start[:, k].tolist() and f == ev.finish[:, k].tolist()
    return ev.start, ev.finish


def test_one_person_keeps_the_plans_order() -> None:
    # ann does B (days 0-1) then A (2-4) in the plan; A after B stays.
    p = make([{"id": "A", "duration": 3, "needs": X},
              {"id": "B", "duration": 2, "needs": X}],
             people=[{"id": "ann", "skills": {"x": 1}}])
    r = plan_result(p, {"A": 2, "B": 0}, {"A": ["ann"], "B": ["ann"]})
    start, finish = run(p, r, [[4, 1], [1, 3]])
    # sample 0: B [0, 1), A [1, 5); sample 1: B [0, 3), A [3, 4)
    assert start.tolist() == [[1, 3], [0, 0]]
    assert finish.max(axis=0).tolist() == [5, 4]
    # links only: both start at 0, finish max(A, B)
    _, finish = run(p, r, [[4, 1], [1, 3]], policy="links")
    assert finish.max(axis=0).tolist() == [4, 3]


def test_tasks_the_plan_ran_side_by_side_stay_unordered() -> None:
    # two half-time tasks of ann at once in the plan: no order between
    p = make([{"id": "A", "duration": 3, "needs": X, "allocation": 50},
              {"id": "B", "duration": 3, "needs": X, "allocation": 50}],
             people=[{"id": "ann", "skills": {"x": 1}}])
    r = plan_result(p, {"A": 0, "B": 0}, {"A": ["ann"], "B": ["ann"]})
    assert build_network(p, r).into == [[], []]
    _, finish = run(p, r, [[5], [2]])
    assert finish[:, 0].tolist() == [5, 2]


def test_a_persons_chain_is_transitively_reduced() -> None:
    # T1..T4 back to back for ann: 3 edges, not the 6 ordered pairs
    tasks = [{"id": f"T{k}", "duration": 1, "needs": X} for k in range(4)]
    p = make(tasks, people=[{"id": "ann", "skills": {"x": 1}}])
    r = plan_result(p, {f"T{k}": k for k in range(4)},
                    {f"T{k}": ["ann"] for k in range(4)})
    into = build_network(p, r).into
    assert [[e[0] for e in edges] for edges in into] == [[], [0], [1], [2]]


@pytest.mark.parametrize(
    ("days", "start"),
    [
        (1, 0),  # [0, 1) is clear of ann's days 2-3
        (2, 0),  # [0, 2) ends as her vacation begins
        (3, 8),  # [0, 3) hits ann's 2-3 -> 4; [4, 7) hits bob's 6-7 -> 8
        (4, 8),
    ],
)
def test_vacations_of_all_its_people_push_a_task(days: int,
                                                 start: int) -> None:
    # ann is away Wed 4 - Thu 5 June (days 2-3), bob Tue 10 - Wed 11
    # June (days 6-7); T needs both.
    p = make([{"id": "T", "duration": 3,
               "needs": [{"skill": "x", "count": 2}]}],
             people=[
                 {"id": "ann", "skills": {"x": 1}, "unavailable": [
                     {"start": "2025-06-04", "end": "2025-06-05"}]},
                 {"id": "bob", "skills": {"x": 1}, "unavailable": [
                     {"start": "2025-06-10", "end": "2025-06-11"}]},
             ])
    r = plan_result(p, {"T": 8}, {"T": ["ann", "bob"]})
    assert build_network(p, r).blocked == [[(2, 4), (6, 8)]]
    s, _ = run(p, r, [[days]])
    assert s[0, 0] == start


def test_every_link_type_and_the_plans_overlap() -> None:
    # A (3 days) at 0; B SS+1, C FF+2, D SF+4, E FS-1, F FS with the
    # plan's overlap of 1 day
    p = make([
        {"id": "A", "duration": 3},
        {"id": "B", "duration": 2,
         "after": [{"task": "A", "type": "SS", "lag": 1}]},
        {"id": "C", "duration": 1,
         "after": [{"task": "A", "type": "FF", "lag": 2}]},
        {"id": "D", "duration": 2,
         "after": [{"task": "A", "type": "SF", "lag": 4}]},
        {"id": "E", "duration": 1,
         "after": [{"task": "A", "type": "FS", "lag": -1}]},
        {"id": "F", "duration": 1,
         "after": [{"task": "A", "max_overlap": 2}]},
    ])
    r = plan_result(p, {"A": 0, "B": 1, "C": 4, "D": 2, "E": 2, "F": 2},
                    overlap={("A", "F"): 1})
    # B >= 0 + 1; C >= 3 + 2 - 1; D >= 0 + 4 - 2; E >= 3 - 1; F >= 3 - 1
    start, _ = run(p, r, [[3], [2], [1], [2], [1], [1]])
    assert start[:, 0].tolist() == [0, 1, 4, 2, 2, 2]
    # A takes 5 days: everything after it moves by 2 except B and D's SS/SF
    start, _ = run(p, r, [[5], [2], [1], [2], [1], [1]])
    assert start[:, 0].tolist() == [0, 1, 6, 2, 4, 4]


def test_progress_fixes_history_and_starts_the_rest_at_the_status_date(
) -> None:
    # status Mon 9 June = day 5 (AT).  A done 2-4 June (days 0-2);
    # B started Wed 4 June (day 2), 3 days left; C FS after A; D SS+1
    # after B (counts from B's actual start, day 2); E FS after B.
    p = make([
        {"id": "A", "duration": 3, "progress": {
            "actual_start": "2025-06-02", "actual_finish": "2025-06-04"}},
        {"id": "B", "duration": 5, "progress": {
            "actual_start": "2025-06-04", "remaining": 3}},
        {"id": "C", "duration": 2, "after": ["A"]},
        {"id": "D", "duration": 1,
         "after": [{"task": "B", "type": "SS", "lag": 1}]},
        {"id": "E", "duration": 1, "after": ["B"]},
    ], status_date="2025-06-09")
    assert p.time_now == 5
    r = plan_result(p, {"A": 0, "B": 3, "C": 3, "D": 4, "E": 8})
    tasks = plan_tasks(p, r)
    assert [t.state for t in tasks] == [
        "done", "in_progress", "not_started", "not_started", "not_started"]
    assert tasks[1].duration == 3  # remaining, not the plan's 5
    # A's row is ignored (its actual span [0, 3) holds); B's remaining
    # work takes 4 days from AT: [5, 9); C, D wait for AT; E after B.
    start, finish = run(p, r, [[99], [4], [2], [1], [1]])
    assert start[:, 0].tolist() == [0, 5, 5, 5, 9]
    assert finish[:, 0].tolist() == [3, 9, 7, 6, 10]


def test_critical_chain_follows_binding_edges() -> None:
    # A -> B (links), C alone and shorter: A and B are critical, C not;
    # with C longer, C alone is.
    p = make([{"id": "A", "duration": 2}, {"id": "B", "duration": 2,
              "after": ["A"]}, {"id": "C", "duration": 3}])
    r = plan_result(p, {"A": 0, "B": 2, "C": 0})
    net = build_network(p, r)
    d = np.array([[2, 2], [2, 2], [3, 6]])
    crit = critical(net, evaluate(net, d), d)
    assert crit.tolist() == [[True, False], [True, False], [False, True]]


def test_leads_against_the_plans_order_iterate_or_refuse() -> None:
    # ann does X then Y; "X after Y, SS lead 2" closes a cycle with the
    # person edge X -> Y: s_Y >= s_X + d_X and s_X >= s_Y - 2.
    p = make([{"id": "X", "duration": 1, "needs": X,
               "after": [{"task": "Y", "type": "SS", "lag": -2}]},
              {"id": "Y", "duration": 1, "needs": X}],
             people=[{"id": "ann", "skills": {"x": 1}}])
    r = plan_result(p, {"X": 0, "Y": 1}, {"X": ["ann"], "Y": ["ann"]})
    assert not build_network(p, r).acyclic
    # d_X = 2: X [0, 2), Y [2, 3) and s_X = 0 >= 2 - 2 holds
    start, _ = run(p, r, [[2], [1]])
    assert start[:, 0].tolist() == [0, 2]
    # d_X = 3 > 2: s_X >= s_Y - 2 >= s_X + 1, no schedule keeps both
    with pytest.raises(ValueError, match="positive cycle"):
        evaluate(build_network(p, r), np.array([[3], [1]]))
    with pytest.raises(ValueError, match="positive cycle"):
        evaluate_one(build_network(p, r), [3, 1])


def test_result_of_another_project_is_refused() -> None:
    p = make([{"id": "A", "duration": 1}])
    other = make([{"id": "B", "duration": 1}])
    with pytest.raises(Exception, match="not a schedule of this project"):
        plan_tasks(p, plan_result(other, {"B": 0}))


def generated(seed: int) -> tuple[Project, Result]:
    """A generated project with wide estimates, more vacations and a
    heuristic plan (checked)."""
    from plansat.heuristics.improve import improved_schedule

    data = generate_data(120, 7, seed=seed)
    for k, person in enumerate(data["people"][:4]):
        day = 3 + 6 * k
        person["unavailable"] = [
            {"start": f"2025-02-{day:02d}", "end": f"2025-02-{day + 2:02d}"},
            {"start": "2025-03-10", "end": "2025-03-14"},
        ]
    for t in data["tasks"]:
        d = t["duration"]
        t["estimate"] = {"optimistic": max(0, d - 3), "likely": d,
                         "pessimistic": 2 * d}
    p = Project.from_data(data)
    plan = improved_schedule(p, Budget(1.0))
    r = build_result(p, plan, SolveStatus.FEASIBLE, "time", None, None, 0)
    assert violations(p, r) == []
    return p, r


@pytest.mark.parametrize("seed", [0, 1])
def test_every_sampled_schedule_keeps_every_rule(seed: int) -> None:
    """The claim of the module: each sample's schedule is valid for the
    project with the sampled durations (people's availability, pooled
    capacities, vacations, links), by the independent checker; and the
    vectorised and naive evaluations agree."""
    p, r = generated(seed)
    tasks = plan_tasks(p, r)
    net = build_network(p, r, "plan", tasks)
    d = duration_model(p, tasks).draw(np.random.default_rng(seed),
                                      30).durations
    ev = evaluate(net, d)
    for k in range(d.shape[1]):
        s, f = evaluate_one(net, d[:, k].tolist())
        assert s == ev.start[:, k].tolist()
        copy = fixed_project(p, r, dict(zip(net.ids, d[:, k].tolist(),
                                            strict=True)))
        assert violations(copy, sample_result(copy, r, s, f)) == []
    # the plan's own durations give back the plan's makespan
    own = np.array([[t.duration] for t in r.tasks])
    assert evaluate(net, own).makespan.tolist() == [r.makespan]
