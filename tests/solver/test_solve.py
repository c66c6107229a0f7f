"""Tests of the CP-SAT engine (plansat.solve) on tiny hand-solved projects.

Unless stated otherwise the projects start on Monday 2025-06-02 with the
default Mon-Fri calendar, so working days 0..4 are 2 Jun .. 6 Jun, days
5..9 are 9 Jun .. 13 Jun and day 10 is Monday 16 Jun.  Every solve goes
through :func:`tests.helpers.solved`, which checks the status, the
independent checker and the cost breakdown.
"""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

import pytest

from plansat import Project, Result, SolveStatus
from plansat.models.result import Objective, TaskResult
from tests.helpers import make, solved


def person(pid: str, rate: float = 0, **skills: int) -> dict[str, Any]:
    """A person dict with ``skills`` given as keyword levels."""
    return {"id": pid, "rate": rate, "skills": skills}


def starts(result: Result) -> dict[str, int]:
    """``task id -> start`` of a result."""
    return {t.id: t.start for t in result.tasks}


def fills_needs(project: Project, task_id: str, people: list[str]) -> bool:
    """Whether ``people`` fill every need slot of the task, one slot each
    (brute force over the orders of the people)."""
    task = project.task(task_id)
    slots = [n for n in task.needs for _ in range(n.count)]
    if len(people) != len(slots) or len(set(people)) != len(people):
        return False
    return any(
        all(
            project.person(pid).level(n.skill) >= n.level
            and project.person(pid).availability >= task.allocation
            for pid, n in zip(order, slots, strict=True)
        )
        for order in itertools.permutations(people)
    )


# -- precedence ---------------------------------------------------------------


def test_fs_chain() -> None:
    # A(3) -> B(2) -> C(4): starts 0, 3, 5, makespan 9.  Day 8 is Thu
    # 12 Jun; B runs Thu 5 .. Fri 6 Jun.
    p = make(
        [
            {"id": "A", "duration": 3},
            {"id": "B", "duration": 2, "after": ["A"]},
            {"id": "C", "duration": 4, "after": ["B"]},
        ]
    )
    r = solved(p)
    assert r.objective_value == 9
    assert r.makespan == 9
    assert starts(r) == {"A": 0, "B": 3, "C": 5}
    assert r.task("B").start_date == date(2025, 6, 5)
    assert r.task("B").finish_date == date(2025, 6, 6)
    assert r.task("C").start_date == date(2025, 6, 9)
    assert r.finish_date == date(2025, 6, 12)
    assert r.bound == 9
    assert r.gap == 0


def test_ss_with_lag() -> None:
    # B(4) may start 2 days after A(5) starts: s_B >= 2, so makespan
    # max(5, 2 + 4) = 6 with B at 2 and A at 0 (A must end by 6, and
    # s_B >= s_A + 2 with s_B <= 2 forces s_A = 0).
    p = make(
        [
            {"id": "A", "duration": 5},
            {
                "id": "B",
                "duration": 4,
                "after": [{"task": "A", "type": "SS", "lag": 2}],
            },
        ]
    )
    r = solved(p)
    assert r.objective_value == 6
    assert starts(r) == {"A": 0, "B": 2}


def test_ff_with_lag() -> None:
    # f_B >= f_A + 3 with A(4), B(2): f_B >= 7, makespan 7, B at 5;
    # f_A <= 7 - 3 = 4 forces A at 0.
    p = make(
        [
            {"id": "A", "duration": 4},
            {
                "id": "B",
                "duration": 2,
                "after": [{"task": "A", "type": "FF", "lag": 3}],
            },
        ]
    )
    r = solved(p)
    assert r.objective_value == 7
    assert starts(r) == {"A": 0, "B": 5}


def test_sf() -> None:
    # f_B >= s_A + 6 with A(3), B(2): makespan 6 (f_B >= 6); s_A <= 0,
    # so A at 0 and B ends exactly at 6, starting at 4.
    p = make(
        [
            {"id": "A", "duration": 3},
            {
                "id": "B",
                "duration": 2,
                "after": [{"task": "A", "type": "SF", "lag": 6}],
            },
        ]
    )
    r = solved(p)
    assert r.objective_value == 6
    assert starts(r) == {"A": 0, "B": 4}


def test_negative_lag_is_a_lead() -> None:
    # FS with lag -2: s_B >= 5 - 2 = 3, makespan 3 + 3 = 6; no overlap
    # cost (a lead is free).
    p = make(
        [
            {"id": "A", "duration": 5},
            {
                "id": "B",
                "duration": 3,
                "after": [{"task": "A", "lag": -2}],
            },
        ]
    )
    r = solved(p)
    assert r.objective_value == 6
    assert starts(r) == {"A": 0, "B": 3}
    assert r.overlaps == []
    assert r.cost.total == 0


def test_fast_tracking_shortens_by_the_overlap() -> None:
    # A(5) -> B(4) may overlap 2 days at 300/day: nominal 9, with the
    # overlap 7 (B at 3).  Acceleration cost 2 x 300 = 600.
    p = make(
        [
            {"id": "A", "duration": 5},
            {
                "id": "B",
                "duration": 4,
                "after": [
                    {
                        "task": "A",
                        "max_overlap": 2,
                        "overlap_cost_per_day": 300,
                    }
                ],
            },
        ]
    )
    r = solved(p)
    assert r.objective_value == 7
    assert starts(r) == {"A": 0, "B": 3}
    assert [o.model_dump() for o in r.overlaps] == [
        {"predecessor": "A", "successor": "B", "days": 2, "cost": 600}
    ]
    assert r.cost.overlap == 600
    assert r.cost.total == 600


def _accelerate(crash_to: int) -> Project:
    """A(5, crashable to ``crash_to`` at 100/day) -> B(4, FS, overlap up to
    2 at 300/day), and an independent C(7) no acceleration can shorten."""
    return make(
        [
            {
                "id": "A",
                "duration": 5,
                "crash": {"duration": crash_to, "cost_per_day": 100},
            },
            {
                "id": "B",
                "duration": 4,
                "after": [
                    {
                        "task": "A",
                        "max_overlap": 2,
                        "overlap_cost_per_day": 300,
                    }
                ],
            },
            {"id": "C", "duration": 7},
        ]
    )


def test_acceleration_crashes_before_overlapping() -> None:
    # Nominal makespan max(5 + 4, 7) = 9; C fixes the optimum at 7, so
    # A -> B must lose 2 days.  Crash 2 (200) beats overlap 2 (600) and
    # crash 1 + overlap 1 (400): A lasts 3, B starts at 3, no overlap.
    r = solved(_accelerate(crash_to=3))
    assert r.objective_value == 7
    assert r.task("A").duration == 3
    assert r.task("A").crashed == 2
    assert r.task("B").start == 3
    assert r.overlaps == []
    assert r.cost.crash == 200
    assert r.cost.overlap == 0


def test_acceleration_mixes_crash_and_overlap() -> None:
    # Same, but A can lose 1 day only: crash 1 (100) + overlap 1 (300) =
    # 400 beats overlap 2 (600).  A = 4 days, B starts at 3 (= 4 - 1).
    r = solved(_accelerate(crash_to=4))
    assert r.objective_value == 7
    assert r.task("A").duration == 4
    assert r.task("B").start == 3
    assert [(o.predecessor, o.successor, o.days) for o in r.overlaps] == [
        ("A", "B", 1)
    ]
    assert r.cost.crash == 100
    assert r.cost.overlap == 300
    assert r.cost.total == 400


def _accelerate_two_links() -> Project:
    """As :func:`_accelerate` (crash to 3), but B also has an SS link to
    A listed before the fast-trackable FS link."""
    data = _accelerate(crash_to=3).model_dump(mode="json")
    b = data["tasks"][1]
    b["after"] = [{"task": "A", "type": "SS"}, *b["after"]]
    return Project.model_validate(data)


def test_overlap_price_with_two_links_to_one_predecessor_time() -> None:
    # The SS link (s_B >= s_A) changes nothing: as before, crashing A by 2
    # (200) beats overlapping 2 days (600).
    r = solved(_accelerate_two_links())
    assert r.objective_value == 7
    assert r.overlaps == []
    assert r.cost.crash == 200
    assert r.cost.total == 200


def test_overlap_price_with_two_links_to_one_predecessor_cost() -> None:
    # No overhead: the cheapest plan neither crashes nor overlaps (cost
    # 0, makespan 9); whatever the plan, its objective is its total cost.
    r = solved(_accelerate_two_links(), "cost")
    assert r.objective_value == pytest.approx(r.cost.total)
    assert r.cost.total == 0


# -- durations ----------------------------------------------------------------


def test_time_uses_the_crash_option() -> None:
    # A(5) crashable to 3 at 50/day: makespan 3, 2 days saved = 100.
    p = make(
        [
            {
                "id": "A",
                "duration": 5,
                "crash": {"duration": 3, "cost_per_day": 50},
            }
        ]
    )
    r = solved(p)
    assert r.objective_value == 3
    assert r.task("A").duration == 3
    assert r.task("A").crashed == 2
    assert r.cost.crash == 100


def _crash_vs_overhead(overhead: float) -> Project:
    """A(5) crashable to 3 at 100/day, done by w at 40/day."""
    return make(
        [
            {
                "id": "A",
                "duration": 5,
                "needs": [{"skill": "dev"}],
                "crash": {"duration": 3, "cost_per_day": 100},
            }
        ],
        people=[person("w", 40, dev=1)],
        overhead_per_day=overhead,
    )


def test_cost_crashes_when_overhead_is_large() -> None:
    # cost(d) = 40 d + 100 (5 - d) + 500 d = 440 d + 500, increasing in d:
    # d = 3, cost 1820 (labour 120, crash 200, overhead 1500).
    p = _crash_vs_overhead(500)
    r = solved(p, "cost")
    assert r.objective_value == pytest.approx(1820)
    assert r.task("A").duration == 3
    assert r.cost.labour == pytest.approx(120)
    assert r.cost.crash == pytest.approx(200)
    assert r.cost.overhead == pytest.approx(1500)
    assert r.cost.total == pytest.approx(1820)


def test_cost_does_not_crash_when_overhead_is_small() -> None:
    # cost(d) = 40 d + 100 (5 - d) + 50 d = 500 - 10 d, decreasing in d:
    # d = 5, cost 450 (labour 200, overhead 250); d = 3 would cost 470.
    p = _crash_vs_overhead(50)
    r = solved(p, "cost")
    assert r.objective_value == pytest.approx(450)
    assert r.task("A").duration == 5
    assert r.task("A").crashed == 0
    assert r.cost.crash == 0
    assert r.cost.total == pytest.approx(450)


# -- skills -------------------------------------------------------------------


def test_need_with_count_two_takes_both_qualified() -> None:
    # backend >= 2 twice: only a (3) and b (4) qualify; c (1) doesn't.
    p = make(
        [
            {
                "id": "A",
                "duration": 3,
                "needs": [{"skill": "backend", "level": 2, "count": 2}],
            }
        ],
        people=[
            person("a", backend=3),
            person("b", backend=4),
            person("c", backend=1),
        ],
    )
    r = solved(p)
    assert r.objective_value == 3
    assert sorted(r.task("A").people) == ["a", "b"]


def test_two_needs_go_to_different_people() -> None:
    # a can do both needs, b only backend: b takes backend, a frontend.
    p = make(
        [
            {
                "id": "A",
                "duration": 2,
                "needs": [{"skill": "backend"}, {"skill": "frontend"}],
            }
        ],
        people=[person("a", backend=5, frontend=5), person("b", backend=1)],
    )
    r = solved(p)
    assert r.objective_value == 2
    assert sorted(r.task("A").people) == ["a", "b"]
    assert fills_needs(p, "A", r.task("A").people)


def test_level_below_the_need_does_not_qualify() -> None:
    # Two independent 2-day tasks need backend >= 3; lo (level 2) can't
    # help, so hi does both in sequence: makespan 4, not 2.
    needs = [{"skill": "backend", "level": 3}]
    p = make(
        [
            {"id": "A", "duration": 2, "needs": needs},
            {"id": "B", "duration": 2, "needs": needs},
        ],
        people=[person("lo", backend=2), person("hi", backend=3)],
    )
    r = solved(p)
    assert r.objective_value == 4
    assert r.task("A").people == ["hi"]
    assert r.task("B").people == ["hi"]


def test_pinned_person_is_honoured_under_cost() -> None:
    # cheap (100/day) would cost 300, but pricey (300/day) is pinned:
    # labour 3 x 300 = 900.
    p = make(
        [
            {
                "id": "A",
                "duration": 3,
                "needs": [{"skill": "qa"}],
                "assigned": ["pricey"],
            }
        ],
        people=[person("cheap", 100, qa=3), person("pricey", 300, qa=3)],
    )
    r = solved(p, "cost")
    assert r.task("A").people == ["pricey"]
    assert r.objective_value == pytest.approx(900)
    assert r.cost.labour == pytest.approx(900)


def test_availability_below_allocation_excludes_a_person() -> None:
    # A is 80% work; half (50% available, free) can't take it, so full
    # (200/day) does: 200 x 5 x 0.8 = 800.
    p = make(
        [
            {
                "id": "A",
                "duration": 5,
                "allocation": 80,
                "needs": [{"skill": "qa"}],
            }
        ],
        people=[
            {**person("half", 0, qa=5), "availability": 50},
            person("full", 200, qa=1),
        ],
    )
    r = solved(p, "cost")
    assert r.task("A").people == ["full"]
    assert r.objective_value == pytest.approx(800)


# -- people's capacity --------------------------------------------------------


def _two_qa_tasks(allocation: int = 100, availability: int = 100) -> Project:
    """A(3) and B(4), independent, both need qa; only q has it (x has
    another skill and idles)."""
    needs = [{"skill": "qa"}]
    return make(
        [
            {
                "id": "A",
                "duration": 3,
                "needs": needs,
                "allocation": allocation,
            },
            {
                "id": "B",
                "duration": 4,
                "needs": needs,
                "allocation": allocation,
            },
        ],
        people=[
            {**person("q", qa=3), "availability": availability},
            person("x", dev=3),
        ],
    )


def test_full_time_tasks_of_one_person_run_in_sequence() -> None:
    # q does A(3) and B(4) one after the other: makespan 3 + 4 = 7.
    r = solved(_two_qa_tasks())
    assert r.objective_value == 7
    a, b = r.task("A"), r.task("B")
    assert a.finish <= b.start or b.finish <= a.start


def test_half_time_tasks_share_a_full_time_person() -> None:
    # Two 50% tasks fit in q's 100%: in parallel, makespan max(3, 4) = 4.
    r = solved(_two_qa_tasks(allocation=50))
    assert r.objective_value == 4
    assert r.task("B").start == 0


def test_sixty_percent_person_cannot_take_two_half_tasks_at_once() -> None:
    # 50 + 50 > 60: sequence again, makespan 7.
    r = solved(_two_qa_tasks(allocation=50, availability=60))
    assert r.objective_value == 7


def test_vacation_makes_the_task_wait() -> None:
    # A(5, analysis, an) runs days 0-4 (2..6 Jun).  B(3) after A needs qa;
    # only q has it and q is away Mon 9 .. Fri 13 Jun (days 5-9), so B
    # starts Mon 16 Jun (day 10) and ends Wed 18 Jun (day 12): makespan 13.
    p = make(
        [
            {"id": "A", "duration": 5, "needs": [{"skill": "analysis"}]},
            {
                "id": "B",
                "duration": 3,
                "after": ["A"],
                "needs": [{"skill": "qa"}],
            },
        ],
        people=[
            person("an", analysis=3),
            {
                **person("q", qa=3),
                "unavailable": [{"start": "2025-06-09", "end": "2025-06-13"}],
            },
        ],
    )
    r = solved(p)
    assert r.objective_value == 13
    b = r.task("B")
    assert (b.start, b.finish) == (10, 13)
    assert b.start_date == date(2025, 6, 16)
    assert b.finish_date == date(2025, 6, 18)
    assert b.people == ["q"]
    assert r.finish_date == date(2025, 6, 18)


# -- pooled resources ---------------------------------------------------------


def _rig_tasks(capacity: int, units_a: int, units_b: int) -> Project:
    """A(2) and B(3), independent, both on the rig."""
    return make(
        [
            {"id": "A", "duration": 2, "uses": {"rig": units_a}},
            {"id": "B", "duration": 3, "uses": {"rig": units_b}},
        ],
        resources=[{"id": "rig", "capacity": capacity}],
    )


@pytest.mark.parametrize(
    ("capacity", "units_a", "units_b", "makespan"),
    [
        (1, 1, 1, 5),  # one rig: 2 + 3 in sequence
        (2, 1, 1, 3),  # 1 + 1 <= 2: in parallel, max(2, 3)
        (2, 2, 1, 5),  # 2 + 1 > 2: in sequence again
    ],
)
def test_pooled_resource_capacity(
    capacity: int, units_a: int, units_b: int, makespan: int
) -> None:
    r = solved(_rig_tasks(capacity, units_a, units_b))
    assert r.objective_value == makespan
    a, b = r.task("A"), r.task("B")
    overlapping = a.start < b.finish and b.start < a.finish
    assert overlapping == (makespan == 3)


# -- windows ------------------------------------------------------------------


def test_earliest_start_delays_a_task() -> None:
    # A(2) may not start before Wed 4 Jun = day 2: runs days 2-3, ends Thu.
    p = make([{"id": "A", "duration": 2, "earliest_start": "2025-06-04"}])
    r = solved(p)
    assert r.objective_value == 4
    assert r.task("A").start == 2
    assert r.task("A").finish_date == date(2025, 6, 5)


def _deadline_order(deadline: str | None) -> Project:
    """X(2) -> Y(3) and D(3); X and D need q, the only qa person."""
    d: dict[str, Any] = {"id": "D", "duration": 3, "needs": [{"skill": "qa"}]}
    if deadline is not None:
        d["deadline"] = deadline
    return make(
        [
            {"id": "X", "duration": 2, "needs": [{"skill": "qa"}]},
            {"id": "Y", "duration": 3, "after": ["X"]},
            d,
        ],
        people=[person("q", qa=2)],
    )


def test_without_deadline_the_chain_goes_first() -> None:
    # X first (0-2), then Y (2-5) alongside D (2-5): makespan 5.  D first
    # would give 3 + 2 + 3 = 8.
    r = solved(_deadline_order(None))
    assert r.objective_value == 5
    assert starts(r) == {"X": 0, "Y": 2, "D": 2}


def test_task_deadline_forces_the_order() -> None:
    # D must finish by Wed 4 Jun (day 2, finish <= 3): q does D on days
    # 0-2, then X (3-4), then Y (5-7): makespan 8.
    r = solved(_deadline_order("2025-06-04"))
    assert r.objective_value == 8
    assert starts(r) == {"D": 0, "X": 3, "Y": 5}
    assert r.task("D").finish_date == date(2025, 6, 4)


def test_project_deadline_met_exactly() -> None:
    # Cost objective, no overhead: crashing B costs 10/day and is only
    # worth it to meet the deadline Fri 6 Jun (finish <= 5).  A(3) -> B(4
    # crashable to 2) must crash B fully: 2 x 10 = 20, makespan 5.
    p = make(
        [
            {"id": "A", "duration": 3},
            {
                "id": "B",
                "duration": 4,
                "after": ["A"],
                "crash": {"duration": 2, "cost_per_day": 10},
            },
        ],
        deadline="2025-06-06",
    )
    r = solved(p, "cost")
    assert r.objective_value == pytest.approx(20)
    assert r.makespan == 5
    assert r.finish_date == date(2025, 6, 6)
    assert r.task("B").duration == 2


# -- milestones ---------------------------------------------------------------


def test_milestones_have_no_people_and_one_date() -> None:
    # M0 -> A(3, q) -> M1: M0 at day 0 (Mon 2 Jun, nothing before it), M1
    # at day 3, dated as MS Project dates it at the end of day 2 (Wed 4
    # Jun), when A finishes; makespan 3.
    p = make(
        [
            {"id": "M0", "duration": 0},
            {
                "id": "A",
                "duration": 3,
                "after": ["M0"],
                "needs": [{"skill": "qa"}],
            },
            {"id": "M1", "duration": 0, "after": ["A"]},
        ],
        people=[person("q", qa=1)],
    )
    r = solved(p)
    assert r.objective_value == 3
    assert starts(r) == {"M0": 0, "A": 0, "M1": 3}
    for tid, day in (("M0", date(2025, 6, 2)), ("M1", date(2025, 6, 4))):
        m = r.task(tid)
        assert m.people == []
        assert m.duration == 0
        assert m.start == m.finish
        assert m.start_date == m.finish_date == day


# -- objectives ---------------------------------------------------------------


def _four_equal_tasks() -> Project:
    """L(8) with no people fixes the makespan at 8; four 2-day qa tasks
    that a or b can do."""
    return make(
        [{"id": "L", "duration": 8}]
        + [
            {"id": f"T{i}", "duration": 2, "needs": [{"skill": "qa"}]}
            for i in range(4)
        ],
        people=[person("a", qa=1), person("b", qa=1)],
    )


def test_balance_splits_the_work_evenly() -> None:
    # Time optimum 8 (L).  Any split fits in 8 days; balance gives each
    # person two tasks: 4 busy days / 8 available = 0.5, spread 0.
    p = _four_equal_tasks()
    assert solved(p).objective_value == 8
    r = solved(p, "balance")
    assert r.makespan == 8
    assert r.objective_value == pytest.approx(0.5)
    loads = {pl.person: pl for pl in r.loads}
    assert loads["a"].busy_days == loads["b"].busy_days == 4
    assert loads["a"].load == pytest.approx(0.5)
    assert loads["b"].load == pytest.approx(0.5)


def test_balance_with_slack_stays_within_the_slack() -> None:
    # Time optimum 8, slack 2: the makespan may reach 10, no further;
    # each person still gets 4 busy days.
    p = _four_equal_tasks()
    r = solved(p, "balance", slack=2)
    assert r.makespan is not None
    assert 8 <= r.makespan <= 10
    assert {pl.person: pl.busy_days for pl in r.loads} == {"a": 4, "b": 4}


@pytest.mark.parametrize("slack", [0, 2])
def test_balance_objective_value_is_the_highest_reported_load(
    slack: int,
) -> None:
    # objective_value should be the highest load in result.loads (up to
    # the per-mille rounding of the objective), both measured over the
    # balance horizon (time optimum 8 + slack): 4/8 = 0.5, 4/10 = 0.4.
    p = _four_equal_tasks()
    r = solved(p, "balance", slack=slack)
    assert r.load_horizon == 8 + slack
    high = max(pl.load for pl in r.loads)
    assert high == pytest.approx(4 / (8 + slack))
    assert r.objective_value == pytest.approx(high, abs=1e-3)


def test_cost_picks_the_cheaper_person() -> None:
    # a at 100/day vs b at 150/day for 3 days: a, 300.
    p = make(
        [{"id": "A", "duration": 3, "needs": [{"skill": "qa"}]}],
        people=[person("b", 150, qa=4), person("a", 100, qa=2)],
    )
    r = solved(p, "cost")
    assert r.task("A").people == ["a"]
    assert r.objective_value == pytest.approx(300)
    assert r.cost.labour == pytest.approx(300)


def test_cost_includes_overhead_times_makespan() -> None:
    # A(3) -> B(2), q at 100/day on both, 1000/day overhead: labour 500,
    # overhead 5 x 1000 = 5000, total 5500 (any later finish costs more).
    p = make(
        [
            {"id": "A", "duration": 3, "needs": [{"skill": "qa"}]},
            {
                "id": "B",
                "duration": 2,
                "after": ["A"],
                "needs": [{"skill": "qa"}],
            },
        ],
        people=[person("q", 100, qa=1)],
        overhead_per_day=1000,
    )
    r = solved(p, "cost")
    assert r.makespan == 5
    assert r.cost.labour == pytest.approx(500)
    assert r.cost.overhead == pytest.approx(5000)
    assert r.objective_value == pytest.approx(5500)


def test_cost_includes_resources() -> None:
    # A(4) holds 2 units of rig at 10/unit/day: 4 x 2 x 10 = 80.
    p = make(
        [{"id": "A", "duration": 4, "uses": {"rig": 2}}],
        resources=[{"id": "rig", "capacity": 3, "rate": 10}],
    )
    r = solved(p, "cost")
    assert r.cost.resources == pytest.approx(80)
    assert r.objective_value == pytest.approx(80)


# -- the e-commerce example ---------------------------------------------------


# ``ecommerce`` is the session fixture of tests/conftest.py.


@pytest.mark.parametrize("objective", ["time", "balance", "cost"])
def test_ecommerce_each_objective(
    ecommerce: Project, objective: Objective
) -> None:
    r = solved(ecommerce, objective, workers=2)
    assert len(r.tasks) == len(ecommerce.tasks)
    for t in r.tasks:
        assert fills_needs(ecommerce, t.id, t.people), (t.id, t.people)
    # The critical path is 55 days; crashing T002/T004/T007 and
    # overlapping T002 -> T003 can only shorten it.
    assert r.makespan is not None
    assert r.makespan <= 55
    assert r.finish_date is not None
    assert r.finish_date <= date(2025, 10, 31)


def test_ecommerce_time_not_worse_than_others(ecommerce: Project) -> None:
    # time's makespan is the least of all; cost's total is the least.
    runs = {
        o: solved(ecommerce, o, workers=2) for o in ("time", "balance", "cost")
    }
    makespans = {o: r.makespan or 0 for o, r in runs.items()}
    totals = {o: r.cost.total for o, r in runs.items()}
    assert makespans["time"] == min(makespans.values())
    assert makespans["balance"] == makespans["time"]  # slack 0
    assert totals["cost"] == pytest.approx(min(totals.values()))


# -- determinism, hints, output -----------------------------------------------


def _plan_of(r: Result) -> list[tuple[str, int, int, list[str]]]:
    return [(t.id, t.start, t.duration, t.people) for t in r.tasks]


def test_same_seed_single_worker_is_deterministic(
    ecommerce: Project,
) -> None:
    first = solved(ecommerce, "cost", workers=1, seed=7)
    second = solved(ecommerce, "cost", workers=1, seed=7)
    assert _plan_of(first) == _plan_of(second)
    assert first.objective_value == second.objective_value


@pytest.mark.parametrize("objective", ["time", "cost"])
def test_hint_from_previous_result_keeps_the_optimum(
    ecommerce: Project, objective: Objective
) -> None:
    first = solved(ecommerce, objective)
    again = solved(ecommerce, objective, hint=first)
    assert again.objective_value == pytest.approx(first.objective_value)


def test_to_frame_has_one_row_per_task(ecommerce: Project) -> None:
    r = solved(ecommerce)
    frame = r.to_frame()
    assert len(frame) == len(ecommerce.tasks)
    assert list(frame.columns) == list(TaskResult.model_fields)
    assert {
        "id",
        "name",
        "start",
        "finish",
        "duration",
        "start_date",
        "finish_date",
        "people",
        "crashed",
        "total_float",
    } <= set(frame.columns)
    assert list(frame["id"]) == [t.id for t in ecommerce.tasks]
    row = frame.set_index("id").loc["T004"]
    assert row["people"] == ", ".join(r.task("T004").people)
    assert row["finish"] == r.task("T004").finish


def test_result_json_round_trip(ecommerce: Project) -> None:
    r = solved(ecommerce, "balance")
    assert Result.model_validate_json(r.model_dump_json()) == r


def test_pinned_person_beyond_the_needs_works_on_the_task() -> None:
    # As in DESIGN.md's example: b is pinned to A, which has no needs, so b
    # works A as an extra person; a fills B's qa slot. Both 3 days, no
    # shared person: makespan 3, b busy on days 0-2.
    p = make(
        [
            {"id": "A", "duration": 3, "assigned": ["b"]},
            {"id": "B", "duration": 3, "needs": [{"skill": "qa"}]},
        ],
        people=[person("a", 100, qa=2), person("b", 150)],
    )
    r = solved(p)
    assert r.objective_value == 3
    assert r.task("A").people == ["b"]
    assert r.task("B").people == ["a"]
    assert r.cost.labour == pytest.approx(3 * 150 + 3 * 100)


@pytest.mark.parametrize(("work", "feasible"), [(3, True), (4, False)])
def test_milestone_deadline_is_the_date_it_happens(
    work: int, feasible: bool
) -> None:
    # A runs Mon 2 Jun onwards; milestone M after A is dated (MS Project's
    # way) on the day A finishes: Wed 4 Jun (day 2) when A takes 3 days ->
    # meets its deadline of Wed 4 Jun; Thu 5 Jun (day 3) when A takes 4
    # -> too late.
    p = make(
        [
            {"id": "A", "duration": work},
            {"id": "M", "duration": 0, "after": ["A"],
             "deadline": "2025-06-04"},
        ]
    )
    if feasible:
        r = solved(p)
        assert r.task("M").start_date == date(2025, 6, 4)
    else:
        r = solved(p, status=SolveStatus.INFEASIBLE)
        assert "M must finish by its deadline 2025-06-04" in (
            r.explanation or ""
        )


def test_milestone_earliest_start_the_day_after_its_deadline() -> None:
    # From Mon 2 Jun: milestone M may not start before Thu 5 Jun (day 3)
    # and is due Wed 4 Jun.  At day 3 it is dated the end of day 2, Wed 4
    # Jun (MS Project's date): both hold, so the project is valid and M
    # is at day 3.  Due Tue 3 Jun instead, no day fits: refused.
    p = make([{"id": "M", "duration": 0, "earliest_start": "2025-06-05",
               "deadline": "2025-06-04"}])
    m = solved(p).task("M")
    assert (m.start, m.finish_date) == (3, date(2025, 6, 4))
    with pytest.raises(ValueError, match=(
        r"tasks\[0\]: earliest_start 2025-06-05 is after deadline "
        r"2025-06-03"
    )):
        make([{"id": "M", "duration": 0, "earliest_start": "2025-06-05",
               "deadline": "2025-06-03"}])
