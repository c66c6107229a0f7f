"""Tests of the constructive schedule (plansat.heuristics.constructive).

The constructive plan must be feasible for everything but deadlines
(which it does not guarantee), and can never beat the proven optimum.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from pydantic import ValidationError

from plansat import Project, Result, SolveStatus
from plansat.check import recompute_cost, violations
from plansat.heuristics.constructive import constructive_schedule
from plansat.schedule.evaluate import build_result
from plansat.schedule.plan import Plan
from tests.helpers import START, make, solved

SKILLS = ("analysis", "backend", "qa")


def as_result(project: Project, plan: Plan) -> Result:
    """The plan as a FEASIBLE ``time`` result."""
    return build_result(
        project, plan, SolveStatus.FEASIBLE, "time", plan.makespan, None, 0.0
    )


def non_deadline_violations(project: Project, result: Result) -> list[str]:
    """Checker findings other than missed deadlines."""
    return [v for v in violations(project, result) if "deadline" not in v]


def optimum(project: Project) -> int:
    """The proven time-optimal makespan."""
    makespan = solved(project).makespan
    assert makespan is not None
    return makespan


def random_project(rng: random.Random) -> Project:
    """A random valid project: 4-8 tasks on a DAG of FS/SS links, 2-4
    people whose skills fill every need, optional crashing, an optional
    pooled resource, vacations, no deadlines.  Redraws until valid."""
    while True:
        data = _random_data(rng)
        try:
            return Project.model_validate(data)
        except ValidationError:
            continue


def _random_data(rng: random.Random) -> dict[str, Any]:
    people = []
    for k in range(rng.randint(2, 4)):
        chosen = rng.sample(SKILLS, rng.randint(1, len(SKILLS)))
        p: dict[str, Any] = {
            "id": f"p{k}",
            "skills": {s: rng.randint(1, 5) for s in chosen},
            "rate": rng.randint(0, 500),
            "availability": rng.choice([50, 100, 100]),
        }
        if rng.random() < 0.3:
            day = rng.randint(2, 20)
            p["unavailable"] = [
                {
                    "start": f"2025-06-{day:02d}",
                    "end": f"2025-06-{day + 2:02d}",
                }
            ]
        people.append(p)
    resources: list[dict[str, Any]] = []
    if rng.random() < 0.5:
        resources.append(
            {
                "id": "rig",
                "capacity": rng.randint(1, 2),
                "rate": rng.randint(0, 50),
            }
        )
    tasks = []
    for j in range(rng.randint(4, 8)):
        d = rng.randint(1, 5)
        t: dict[str, Any] = {
            "id": f"T{j}",
            "duration": d,
            "allocation": rng.choice([50, 100, 100]),
        }
        t["after"] = [
            {
                "task": f"T{i}",
                "type": rng.choice(["FS", "SS"]),
                "lag": rng.randint(0, 2),
            }
            for i in range(j)
            if rng.random() < 0.3
        ]
        skill = rng.choice(SKILLS)
        able = [
            p
            for p in people
            if skill in p["skills"] and p["availability"] >= t["allocation"]
        ]
        if able:
            level = rng.randint(1, max(p["skills"][skill] for p in able))
            n = sum(p["skills"][skill] >= level for p in able)
            t["needs"] = [
                {
                    "skill": skill,
                    "level": level,
                    "count": rng.randint(1, min(2, n)),
                }
            ]
        if rng.random() < 0.3 and d > 1:
            t["crash"] = {
                "duration": rng.randint(1, d - 1),
                "cost_per_day": rng.randint(0, 200),
            }
        if resources and rng.random() < 0.4:
            t["uses"] = {"rig": rng.randint(1, resources[0]["capacity"])}
        tasks.append(t)
    return {
        "start": START,
        "overhead_per_day": rng.randint(0, 1000),
        "people": people,
        "resources": resources,
        "tasks": tasks,
    }


def test_ecommerce_plan_is_clean_and_not_better_than_optimal(
    ecommerce: Project,
) -> None:
    plan = constructive_schedule(ecommerce)
    r = as_result(ecommerce, plan)
    # The plan uses nominal durations: the 55-day critical path at least.
    assert plan.makespan >= 55
    assert plan.overlap == {}
    assert all(t.crashed == 0 for t in r.tasks)
    assert non_deadline_violations(ecommerce, r) == []
    assert r.cost.total == pytest.approx(recompute_cost(ecommerce, r).total)
    assert plan.makespan >= optimum(ecommerce)


@pytest.mark.parametrize("seed", range(20))
def test_random_plan_is_clean_and_not_better_than_optimal(seed: int) -> None:
    project = random_project(random.Random(seed))
    plan = constructive_schedule(project)
    assert set(plan.start) == {t.id for t in project.tasks}
    r = as_result(project, plan)
    assert non_deadline_violations(project, r) == []
    assert plan.makespan >= optimum(project)


def test_plan_may_miss_a_deadline_but_nothing_else() -> None:
    # X(2) -> Y(3) and D(3) share q; D's deadline (Wed 4 Jun, finish <= 3)
    # only holds if D goes first.  The greedy plan need not meet it, but
    # everything else must hold; the solver then meets it (makespan 8).
    p = make(
        [
            {"id": "X", "duration": 2, "needs": [{"skill": "qa"}]},
            {"id": "Y", "duration": 3, "after": ["X"]},
            {
                "id": "D",
                "duration": 3,
                "needs": [{"skill": "qa"}],
                "deadline": "2025-06-04",
            },
        ],
        people=[{"id": "q", "skills": {"qa": 1}}],
    )
    plan = constructive_schedule(p)
    r = as_result(p, plan)
    assert non_deadline_violations(p, r) == []
    assert plan.makespan >= 5  # 5 is the optimum without the deadline
    assert optimum(p) == 8


def test_plan_respects_vacations_pins_and_allocation() -> None:
    # A(3) pinned to q1, who is away Mon 2 .. Wed 4 Jun (days 0-2): A
    # starts on day 3 at the earliest.  B and C are 50% tasks for h (50%
    # available), so they run one after the other.
    p = make(
        [
            {
                "id": "A",
                "duration": 3,
                "needs": [{"skill": "qa"}],
                "assigned": ["q1"],
            },
            {
                "id": "B",
                "duration": 2,
                "allocation": 50,
                "needs": [{"skill": "dev"}],
            },
            {
                "id": "C",
                "duration": 2,
                "allocation": 50,
                "needs": [{"skill": "dev"}],
            },
        ],
        people=[
            {
                "id": "q1",
                "skills": {"qa": 1},
                "unavailable": [{"start": "2025-06-02", "end": "2025-06-04"}],
            },
            {"id": "q2", "skills": {"qa": 1}},
            {"id": "h", "skills": {"dev": 1}, "availability": 50},
        ],
    )
    plan = constructive_schedule(p)
    r = as_result(p, plan)
    assert violations(p, r) == []
    assert r.task("A").people == ["q1"]
    assert r.task("A").start >= 3
    b, c = r.task("B"), r.task("C")
    assert b.finish <= c.start or c.finish <= b.start
    assert plan.makespan >= optimum(p) == 6
