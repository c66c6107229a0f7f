"""Multi-mode tasks and non-renewable resources in the CP-SAT engine.

Every project starts on Monday 2025-06-02 with the default Mon-Fri
calendar: working days 0..4 are 2 Jun .. 6 Jun, days 5..9 are
9 Jun .. 13 Jun and day 10 is Monday 16 Jun.  Every solve goes through
:func:`tests.helpers.solved`, which checks the status, the independent
checker and the cost breakdown field by field (``modes`` included).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from plansat import Project, Result, SolveStatus
from plansat.check import violations
from plansat.models.result import Objective
from tests.helpers import START, make, solved


def modes_of(result: Result) -> dict[str, int | None]:
    """Chosen mode index of each scheduled task."""
    return {t.id: t.mode for t in result.tasks}


# -- renewable trade-off --------------------------------------------------


def test_renewable_tradeoff_mixes_modes() -> None:
    # Three independent tasks, each fast (2 days, 2 units of R) or slow
    # (3 days, 1 unit); R has capacity 2 and costs 10 per unit-day.
    # All fast: no two run together (2 + 2 > 2) -> 2 + 2 + 2 = 6.
    # All slow: at most two at once -> 3 + 3 = 6.
    # One slow + two fast: the slow one blocks every fast one (1 + 2 > 2)
    # -> 3 + 2 + 2 = 7.
    # Two slow + one fast: slow, slow on [0, 3), fast on [3, 5) -> 5, and
    # the area bound (3 + 3 + 4) / 2 = 5 proves it optimal.
    fast = {"name": "fast", "duration": 2, "uses": {"R": 2}}
    slow = {"name": "slow", "duration": 3, "uses": {"R": 1}}
    project = make(
        [{"id": t, "modes": [fast, slow]} for t in "XYZ"],
        resources=[{"id": "R", "capacity": 2, "rate": 10}],
    )
    result = solved(project)
    assert result.makespan == 5
    chosen = sorted(m for m in modes_of(result).values() if m is not None)
    assert chosen == [0, 1, 1]
    for t in result.tasks:
        assert t.duration == (2 if t.mode == 0 else 3)
        assert t.crashed == 0
    # resources: 10 x (2 units x 2 days + 2 x (1 unit x 3 days)) = 100
    assert result.cost.resources == pytest.approx(100)
    assert result.cost.modes == 0


# -- non-renewable budget -------------------------------------------------

#: A -> B; each fast (1 day, 2 units of money) or slow (3 days, 1 unit).
#: money is non-renewable at 7 per unit (not per day).
BUDGET_TASKS: list[dict[str, Any]] = [
    {
        "id": "A",
        "modes": [
            {"duration": 1, "uses": {"money": 2}},
            {"duration": 3, "uses": {"money": 1}},
        ],
    },
    {
        "id": "B",
        "after": ["A"],
        "modes": [
            {"duration": 1, "uses": {"money": 2}},
            {"duration": 3, "uses": {"money": 1}},
        ],
    },
]


@pytest.mark.parametrize(
    ("budget", "makespan", "fast"),
    [
        # 2 units: only slow/slow (1 + 1) fits -> 3 + 3 = 6
        (2, 6, 0),
        # 3 units: one fast (2 + 1) -> 1 + 3 = 4
        (3, 4, 1),
        # 4 units (relaxed): fast/fast (2 + 2) -> 1 + 1 = 2
        (4, 2, 2),
        # far more than needed: still fast/fast -> 2
        (100, 2, 2),
    ],
)
def test_budget_decides_the_modes(
    budget: int, makespan: int, fast: int
) -> None:
    project = make(
        BUDGET_TASKS,
        resources=[
            {"id": "money", "capacity": budget, "rate": 7, "renewable": False}
        ],
    )
    result = solved(project)
    assert result.makespan == makespan
    assert list(modes_of(result).values()).count(0) == fast
    units = 2 * fast + (2 - fast)
    assert units <= budget
    # non-renewable cost: rate x units, not x days
    assert result.cost.resources == pytest.approx(7 * units)


# -- fixed mode costs ----------------------------------------------------


@pytest.mark.parametrize(
    ("overhead", "mode", "makespan", "total"),
    [
        # slow: 100 + 5 x 50 = 350; fast: 400 + 2 x 50 = 500 -> slow
        (50, 0, 5, 350),
        # slow: 100 + 5 x 200 = 1100; fast: 400 + 2 x 200 = 800 -> fast
        (200, 1, 2, 800),
    ],
)
def test_cost_objective_weighs_mode_cost_against_overhead(
    overhead: float, mode: int, makespan: int, total: float
) -> None:
    project = make(
        [
            {
                "id": "T",
                "modes": [
                    {"name": "slow", "duration": 5, "cost": 100},
                    {"name": "fast", "duration": 2, "cost": 400},
                ],
            }
        ],
        overhead_per_day=overhead,
    )
    result = solved(project, "cost")
    assert result.task("T").mode == mode
    assert result.makespan == makespan
    assert result.cost.modes == pytest.approx([100, 400][mode])
    assert result.cost.overhead == pytest.approx(overhead * makespan)
    assert result.cost.total == pytest.approx(total)
    assert result.objective_value == pytest.approx(total)


def test_time_objective_picks_cheapest_modes_at_the_optimum() -> None:
    # C (5 days, single mode) runs beside A, so the makespan is 5 in any
    # mode of A (2, 4 or 5 days).  At makespan 5 the acceleration phase
    # minimises the fixed mode costs: 300 / 50 / 100 -> mode 1 (4 days).
    project = make(
        [
            {
                "id": "A",
                "modes": [
                    {"duration": 2, "cost": 300},
                    {"duration": 4, "cost": 50},
                    {"duration": 5, "cost": 100},
                ],
            },
            {"id": "C", "duration": 5},
        ]
    )
    result = solved(project)
    assert result.makespan == 5
    assert result.task("A").mode == 1
    assert result.task("A").duration == 4
    assert result.cost.modes == pytest.approx(50)
    assert result.task("C").mode is None


@pytest.mark.parametrize(
    ("costs", "tie_break"), [((0, 0), False), ((7, 7), False),
                             ((0, 9), True)],
)
def test_tie_break_phase_only_when_modes_cost_differently(
    costs: tuple[int, int], tie_break: bool
) -> None:
    # A: 2 or 3 days; C: 3 days beside it.  Makespan 3 either way; the
    # acceleration phase (time's tie-break) has something to minimise
    # only when A's modes cost differently, and then A takes the cheaper.
    project = make(
        [
            {"id": "A", "modes": [{"duration": 2, "cost": costs[0]},
                                  {"duration": 3, "cost": costs[1]}]},
            {"id": "C", "duration": 3},
        ]
    )
    result = solved(project)
    assert result.makespan == 3
    assert ("acceleration" in result.solver) is tie_break
    if tie_break:
        assert result.task("A").mode == 0


def test_time_objective_pays_for_speed_only_when_it_shortens() -> None:
    # A -> B.  A: 4 days free or 1 day at 300.  B: 2 days.  The fast mode
    # makes the makespan 3 instead of 6, so time picks it despite the cost.
    project = make(
        [
            {
                "id": "A",
                "modes": [
                    {"duration": 4, "cost": 0},
                    {"duration": 1, "cost": 300},
                ],
            },
            {"id": "B", "duration": 2, "after": ["A"]},
        ]
    )
    result = solved(project)
    assert result.makespan == 3
    assert result.task("A").mode == 1
    assert result.cost.modes == pytest.approx(300)
    assert result.cost.total == pytest.approx(300)


# -- modes with different needs -------------------------------------------

#: T is fast (2 days, 2 developers) or slow (4 days, 1 developer); alice
#: and bob are developers.
NEEDS_TASK: dict[str, Any] = {
    "id": "T",
    "modes": [
        {
            "name": "fast",
            "duration": 2,
            "needs": [{"skill": "dev", "level": 2, "count": 2}],
        },
        {
            "name": "slow",
            "duration": 4,
            "needs": [{"skill": "dev", "level": 2}],
        },
    ],
}


def _devs(bob_away_until: str) -> list[dict[str, Any]]:
    return [
        {"id": "alice", "skills": {"dev": 3}, "rate": 100},
        {
            "id": "bob",
            "skills": {"dev": 2},
            "rate": 80,
            "unavailable": [{"start": START, "end": bob_away_until}],
        },
    ]


def test_one_developer_available_means_the_slow_mode() -> None:
    # bob is away Mon 2 Jun .. Fri 13 Jun (days 0-9): the fast mode could
    # only run on days 10-11 (finish 12), the slow mode with alice alone
    # finishes at 4 -> slow, alice only.
    project = make([NEEDS_TASK], people=_devs("2025-06-13"))
    result = solved(project)
    t = result.task("T")
    assert (t.mode, t.start, t.finish, t.people) == (1, 0, 4, ["alice"])
    assert result.cost.labour == pytest.approx(100 * 4)


def test_two_developers_available_after_a_day_means_the_fast_mode() -> None:
    # bob is away on day 0 only: fast on days 1-2 finishes at 3 < 4.
    project = make([NEEDS_TASK], people=_devs(START))
    result = solved(project)
    t = result.task("T")
    assert (t.mode, t.start, t.finish) == (0, 1, 3)
    assert sorted(t.people) == ["alice", "bob"]
    assert result.cost.labour == pytest.approx((100 + 80) * 2)


# -- milestone modes ------------------------------------------------------

#: A (2) -> M -> B (2); M is real work (3 days, free) or skipped as a
#: milestone (0 days) for a fixed 500.
MILESTONE_TASKS: list[dict[str, Any]] = [
    {"id": "A", "duration": 2},
    {
        "id": "M",
        "after": ["A"],
        "modes": [
            {"name": "do it", "duration": 3, "needs": [{"skill": "dev"}]},
            {"name": "skip", "duration": 0, "cost": 500},
        ],
    },
    {"id": "B", "duration": 2, "after": ["M"]},
]


@pytest.mark.parametrize(
    ("objective", "mode", "makespan", "total"),
    [
        # time: skipping gives 2 + 0 + 2 = 4 < 2 + 3 + 2 = 7
        ("time", 1, 4, 500 + 4 * 100),
        # cost at 100 overhead/day: skip 500 + 400 = 900 vs do
        # 0 + 3 x 20 (labour) + 700 = 760 -> do it
        ("cost", 0, 7, 60 + 700),
    ],
)
def test_milestone_mode(
    objective: Objective, mode: int, makespan: int, total: float
) -> None:
    project = make(
        MILESTONE_TASKS,
        people=[{"id": "dana", "skills": {"dev": 1}, "rate": 20}],
        overhead_per_day=100,
    )
    result = solved(project, objective)
    m = result.task("M")
    assert m.mode == mode
    assert result.makespan == makespan
    assert result.cost.total == pytest.approx(total)
    if mode == 1:
        assert (m.start, m.finish, m.duration, m.people) == (2, 2, 0, [])
        assert m.start_date == m.finish_date
    else:
        assert (m.start, m.finish, m.people) == (2, 5, ["dana"])


# -- deadlines of tasks whose modes mix milestones and work ---------------


def test_deadline_on_milestone_mode_of_working_task() -> None:
    # A (2 days, days 0-1) -> M; M works 1 day (mode 0) or is a milestone
    # (mode 1).  M's deadline is Tue 3 Jun (day 1).  Mode 0 would end on
    # day 2 (Wed 4 Jun), late; the milestone at day 2 is dated the end of
    # day 1 (MS Project's date), Tue 3 Jun, in time: mode 1, makespan 2.
    project = make(
        [
            {"id": "A", "duration": 2},
            {
                "id": "M",
                "after": ["A"],
                "deadline": "2025-06-03",
                "modes": [{"duration": 1}, {"duration": 0}],
            },
        ]
    )
    result = solved(project)
    m = result.task("M")
    assert (m.mode, m.start, m.finish) == (1, 2, 2)
    assert m.start_date == m.finish_date == date(2025, 6, 3)
    assert result.makespan == 2


def test_deadline_on_milestone_mode_one_day_earlier() -> None:
    # As above with M due Mon 2 Jun (day 0): the milestone at day 2 is
    # dated Tue 3 Jun, a day late, and mode 0 ends Wed 4 Jun: INFEASIBLE.
    project = make(
        [
            {"id": "A", "duration": 2},
            {
                "id": "M",
                "after": ["A"],
                "deadline": "2025-06-02",
                "modes": [{"duration": 1}, {"duration": 0}],
            },
        ]
    )
    result = solved(project, status=SolveStatus.INFEASIBLE)
    assert result.tasks == []


def test_deadline_on_working_mode_of_milestone_first_task() -> None:
    # A (2 days) -> M; M is a milestone for 1000 (mode 0) or works 1 day
    # for free (mode 1).  M's deadline is Wed 4 Jun (day 2): working on
    # day 2 finishes on Wed 4 Jun, in time, so the cost objective takes
    # the free mode 1 (total 0).
    project = make(
        [
            {"id": "A", "duration": 2},
            {
                "id": "M",
                "after": ["A"],
                "deadline": "2025-06-04",
                "modes": [
                    {"duration": 0, "cost": 1000},
                    {"duration": 1},
                ],
            },
        ]
    )
    result = solved(project, "cost")
    assert result.task("M").mode == 1
    assert result.task("M").finish == 3
    assert result.cost.total == 0


# -- result fields and JSON -----------------------------------------------


def test_mode_is_set_only_for_multi_mode_tasks() -> None:
    project = make(
        [
            {"id": "S", "duration": 2},
            {
                "id": "two",
                "modes": [{"duration": 3}, {"duration": 1}],
                "after": ["S"],
            },
            {"id": "end", "duration": 0, "after": ["two"]},
        ]
    )
    result = solved(project)
    # S 2 -> two (1 day in mode 1) -> end: 3
    assert result.makespan == 3
    assert modes_of(result) == {"S": None, "two": 1, "end": None}


def test_mode_index_for_a_single_entry_modes_list() -> None:
    project = make(
        [
            {"id": "S", "duration": 2},
            {"id": "one", "modes": [{"duration": 3}], "after": ["S"]},
        ]
    )
    result = solved(project)
    assert result.makespan == 5
    assert modes_of(result) == {"S": None, "one": 0}


def test_json_round_trip_of_modes() -> None:
    data = {
        "start": START,
        "people": [{"id": "ann", "skills": {"dev": 2}}],
        "resources": [
            {"id": "R", "capacity": 2},
            {"id": "cash", "capacity": 5, "rate": 3, "renewable": False},
        ],
        "tasks": [
            {
                "id": "T",
                "modes": [
                    {
                        "name": "slow",
                        "duration": 4,
                        "cost": 10,
                        "needs": [{"skill": "dev"}],
                        "uses": {"R": 1},
                    },
                    {
                        "name": "fast",
                        "duration": 2,
                        "cost": 40,
                        "uses": {"R": 2, "cash": 3},
                    },
                ],
            }
        ],
    }
    project = Project.from_json(json.dumps(data))
    task = project.task("T")
    assert task.duration == 4  # filled from the first mode
    assert task.min_duration == 2
    assert task.max_duration == 4
    assert task.mode(1).uses == {"R": 2, "cash": 3}
    assert task.mode(None) is task.alternatives[0]
    assert project.resources[1].renewable is False
    again = Project.from_json(project.model_dump_json())
    assert again == project
    assert again.task("T").modes[1].name == "fast"

    result = solved(project)
    # fast: 2 days, ann not needed, cash 3 x 3 = 9 in resources
    assert result.task("T").mode == 1
    assert result.cost.resources == pytest.approx(9)
    assert result.cost.modes == pytest.approx(40)
    back = Result.model_validate_json(result.model_dump_json())
    assert back.task("T").mode == 1
    assert back.cost.modes == pytest.approx(40)
    assert violations(project, back) == []


# -- infeasible budgets ---------------------------------------------------


def test_two_budgets_together_infeasible() -> None:
    # Three tasks each need 2 units of X or 2 units of Y (X and Y are
    # non-renewable, capacity 2 each).  Each budget alone is fine (every
    # task can use the other), but 3 x 2 = 6 units > 2 + 2 -> INFEASIBLE.
    either = [
        {"duration": 1, "uses": {"X": 2}},
        {"duration": 1, "uses": {"Y": 2}},
    ]
    project = make(
        [{"id": t, "modes": either} for t in "ABC"],
        resources=[
            {"id": "X", "capacity": 2, "renewable": False},
            {"id": "Y", "capacity": 2, "renewable": False},
        ],
    )
    result = solved(project, status=SolveStatus.INFEASIBLE)
    assert result.explanation is not None
    assert "non-renewable X: at most 2 units" in result.explanation
    assert any("X" in c for c in result.conflicts)
    assert any("Y" in c for c in result.conflicts)
    assert len(result.conflicts) == 2


def test_budget_conflicts_are_described_in_words() -> None:
    either = [
        {"duration": 1, "uses": {"X": 2}},
        {"duration": 1, "uses": {"Y": 2}},
    ]
    project = make(
        [{"id": t, "modes": either} for t in "ABC"],
        resources=[
            {"id": "X", "capacity": 2, "renewable": False},
            {"id": "Y", "capacity": 2, "renewable": False},
        ],
    )
    result = solved(project, status=SolveStatus.INFEASIBLE)
    assert not any(c.startswith("budget:") for c in result.conflicts)
    assert all("2" in c for c in result.conflicts)  # names the capacity
