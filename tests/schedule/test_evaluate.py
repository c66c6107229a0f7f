"""The numeric result of a plan: costs through :mod:`plansat.schedule.costs`
and loads through :meth:`Project.days_away`, checked against hand
arithmetic and against the independent checker.

Both projects start on Mon 2026-06-01 with a Mon-Fri calendar: days 0-4
are Mon 06-01 .. Fri 06-05, days 5-9 Mon 06-08 .. Fri 06-12.
"""

from __future__ import annotations

from typing import Any

import pytest

import plansat.check
from plansat.check import violations
from plansat.models import Dependency, Project, SolveStatus
from plansat.schedule import costs
from plansat.schedule.evaluate import build_result
from plansat.schedule.plan import Plan

#: ann (400/day) does A at 50%; bob (250.50/day) does B; A may be crashed
#: from 4 to 2 days at 300/day, B overlaps A by up to a day at 80/day and
#: has two modes; rig is renewable (10 per unit and day), steel is not
#: (7.50 per unit); overhead 100/day.
PRICED: dict[str, Any] = {
    "start": "2026-06-01",
    "overhead_per_day": 100,
    "people": [
        {"id": "ann", "skills": {"dev": 1}, "rate": 400},
        {"id": "bob", "skills": {"qa": 1}, "rate": 250.5},
    ],
    "resources": [
        {"id": "rig", "capacity": 2, "rate": 10},
        {"id": "steel", "capacity": 10, "rate": 7.5, "renewable": False},
    ],
    "tasks": [
        {
            "id": "A",
            "duration": 4,
            "allocation": 50,
            "needs": [{"skill": "dev"}],
            "uses": {"rig": 2},
            "crash": {"duration": 2, "cost_per_day": 300},
        },
        {
            "id": "B",
            "after": [
                {"task": "A", "max_overlap": 1, "overlap_cost_per_day": 80}
            ],
            "modes": [
                {
                    "duration": 3,
                    "cost": 1000,
                    "needs": [{"skill": "qa"}],
                    "uses": {"steel": 4},
                },
                {
                    "duration": 2,
                    "cost": 1500,
                    "needs": [{"skill": "qa"}],
                    "uses": {"steel": 6},
                },
            ],
        },
        {"id": "M", "duration": 0, "after": ["B"]},
    ],
}


@pytest.fixture
def priced() -> Project:
    return Project.model_validate(PRICED)


def _priced_plan() -> Plan:
    """A crashed to 3 days (days 0-2); B in its 2-day mode on days 2-3,
    overlapping A by one day; M on day 4.  Makespan 4."""
    return Plan(
        start={"A": 0, "B": 2, "M": 4},
        duration={"A": 3, "B": 2, "M": 0},
        people={"A": [["ann"]], "B": [["bob"]], "M": []},
        overlap={("A", "B"): 1},
        mode={"B": 1},
    )


def _result(project: Project, plan: Plan, **kwargs: Any) -> Any:
    return build_result(
        project,
        plan,
        SolveStatus.FEASIBLE,
        "cost",
        None,
        None,
        0.0,
        **kwargs,
    )


# -- the unit prices -------------------------------------------------------


def test_unit_prices(priced: Project) -> None:
    a, b = priced.task("A"), priced.task("B")
    link = b.after[0]
    assert costs.labour_per_day(priced, a, "ann") == 200  # 400 x 50%
    assert costs.labour_cost(priced, a, "ann", 3) == 600
    assert costs.labour_per_day(priced, b, "bob") == 250.5
    assert costs.resource_cost(priced, "rig", 2, 3) == 60  # 10 x 2 x 3
    assert costs.resource_cost(priced, "steel", 6, 3) == 45  # 7.5 x 6
    assert costs.resource_cost(priced, "steel", 6, 0) == 45
    assert costs.mode_cost(b.modes[1]) == 1500
    assert costs.crash_cost(a, 1) == 300
    assert costs.crash_cost(a, 0) == 0
    assert costs.crash_cost(b, 1) == 0  # B can't be crashed
    assert costs.overlap_cost(link, 1) == 80
    assert costs.overhead(priced, 4) == 400


@pytest.mark.parametrize(
    ("dep", "pred_finish", "start", "days"),
    [
        (Dependency(task="A"), 3, 2, 1),  # starts a day early
        (Dependency(task="A"), 3, 3, 0),  # right after
        (Dependency(task="A"), 3, 7, 0),  # later: no overlap, not negative
        (Dependency(task="A", lag=2), 3, 4, 1),  # 3 + 2 - 4
        (Dependency(task="A", lag=-1), 3, 1, 1),  # 3 - 1 - 1
        (Dependency(task="A", type="SS"), 3, 0, 0),  # only FS overlaps
    ],
)
def test_overlap_days(
    dep: Dependency, pred_finish: int, start: int, days: int
) -> None:
    assert costs.overlap_days(dep, pred_finish, start) == days


# -- the result ---------------------------------------------------------------


def test_costs_by_hand_and_by_checker(priced: Project) -> None:
    result = _result(priced, _priced_plan())
    assert violations(priced, result) == []
    cost = result.cost
    assert cost.labour == 1101  # ann 400 x 3 x 50% + bob 250.50 x 2
    assert cost.resources == 105  # rig 10 x 2 x 3 + steel 7.50 x 6
    assert cost.modes == 1500  # B's second mode
    assert cost.crash == 300  # A: one day saved at 300
    assert cost.overlap == 80  # one day at 80
    assert cost.overhead == 400  # 4 days at 100
    assert cost.total == 3486
    assert cost == plansat.check.recompute_cost(priced, result)
    [overlap] = result.overlaps
    assert (overlap.predecessor, overlap.successor) == ("A", "B")
    assert (overlap.days, overlap.cost) == (1, 80)


def test_costs_come_from_the_costs_module(
    priced: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """evaluate prices nothing itself: each component follows its
    function in :mod:`plansat.schedule.costs`."""
    monkeypatch.setattr(costs, "labour_cost", lambda *a: 1.0)
    monkeypatch.setattr(costs, "resource_cost", lambda *a: 10.0)
    monkeypatch.setattr(costs, "mode_cost", lambda *a: 100.0)
    monkeypatch.setattr(costs, "crash_cost", lambda *a: 1000.0)
    monkeypatch.setattr(costs, "overlap_days", lambda *a: 2)
    monkeypatch.setattr(costs, "overlap_cost", lambda *a: 10000.0)
    monkeypatch.setattr(costs, "overhead", lambda *a: 100000.0)
    cost = _result(priced, _priced_plan()).cost
    assert cost.labour == 2  # two people
    assert cost.resources == 20  # two uses
    assert cost.modes == 300  # three tasks
    assert cost.crash == 1000  # one crashable task
    assert cost.overlap == 10000  # one link with max_overlap
    assert cost.overhead == 100000


# -- loads -----------------------------------------------------------------


@pytest.fixture
def away() -> Project:
    """ann is away Thu 06-04..Sat 06-06 (days 3-4) and Fri 06-05..Wed 06-10
    (days 4-7): days 3-7, five days, Fri 06-05 once."""
    return Project.model_validate(
        {
            "start": "2026-06-01",
            "people": [
                {
                    "id": "ann",
                    "skills": {"dev": 1},
                    "availability": 80,
                    "unavailable": [
                        {"start": "2026-06-04", "end": "2026-06-06"},
                        {"start": "2026-06-05", "end": "2026-06-10"},
                    ],
                }
            ],
            "tasks": [
                {
                    "id": "A",
                    "duration": 3,
                    "allocation": 80,
                    "needs": [{"skill": "dev"}],
                },
                {
                    "id": "B",
                    "duration": 2,
                    "after": ["A"],
                    "allocation": 80,
                    "needs": [{"skill": "dev"}],
                },
            ],
        }
    )


@pytest.mark.parametrize(
    ("load_horizon", "available"),
    [
        # [0, 10): 10 - 5 days away = 5, x 80% = 4 (it was 4 x 80% = 3.2
        # when Fri 06-05 counted twice).
        (None, 4.0),
        # [0, 5): days 3-4 away, 3 left x 80%.
        (5, 2.4),
        # [0, 3): nothing away.
        (3, 2.4),
        # [0, 12): days 3-7 away, 7 left x 80%.
        (12, 5.6),
    ],
)
def test_loads_count_overlapping_vacations_once(
    away: Project, load_horizon: int | None, available: float
) -> None:
    # A on days 0-2 (Mon-Wed), B on days 8-9 (Thu 06-11, Fri 06-12).
    plan = Plan(
        start={"A": 0, "B": 8},
        duration={"A": 3, "B": 2},
        people={"A": [["ann"]], "B": [["ann"]]},
    )
    result = _result(away, plan, load_horizon=load_horizon)
    [load] = result.loads
    assert load.available_days == pytest.approx(available)
    assert load.busy_days == pytest.approx(4.0)  # 5 days x 80%
    [checked] = plansat.check.person_loads(away, result)
    assert load.available_days == pytest.approx(checked.available_days)
    assert violations(away, result) == []


def test_float_reads_the_makespan_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The backward pass took ``plan.makespan`` (a walk over every task)
    once per task: quadratic, minutes on the 5,000 tasks of a merged
    portfolio.  One chain of 50 tasks: one read."""
    from plansat.schedule import floats

    n = 50
    project = Project.model_validate({"start": "2025-06-02", "tasks": [
        {"id": f"T{k}", "duration": 1,
         "after": [f"T{k - 1}"] if k else []} for k in range(n)]})
    plan = Plan(start={f"T{k}": k for k in range(n)},
                duration={f"T{k}": 1 for k in range(n)},
                people={f"T{k}": [] for k in range(n)})
    reads = []
    real = Plan.makespan.fget
    assert real is not None
    monkeypatch.setattr(Plan, "makespan", property(
        lambda p: reads.append(1) or real(p)))
    assert floats.schedule_float(project, plan) == {
        f"T{k}": 0 for k in range(n)}
    assert len(reads) == 1
