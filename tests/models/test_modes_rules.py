"""Validation rules and the checker for multi-mode tasks and budgets.

Projects start on Monday 2025-06-02 with the default Mon-Fri calendar
(days 0..4 are 2 Jun .. 6 Jun).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from plansat.check import recompute_cost, violations
from plansat.models import Project, ProjectError, Result, SolveStatus
from plansat.models.result import CostBreakdown, TaskResult
from tests.helpers import START

#: A valid multi-mode project.
#: A: fast (2 days, 50, 1 dev, rig 1, money 2) or slow (4 days, 1 dev,
#:    money 1);
#: C: fast (3 days, 20, rig 1, money 2) or slow (5 days, rig 1);
#: B: 1 day after A, single mode.
#: rig is renewable (capacity 1, 10 per unit-day); money is non-renewable
#: (capacity 3, 5 per unit); overhead 10 per day.
BASE: dict[str, Any] = {
    "start": START,
    "overhead_per_day": 10,
    "people": [{"id": "alice", "skills": {"dev": 3}, "rate": 100}],
    "resources": [
        {"id": "rig", "capacity": 1, "rate": 10},
        {"id": "money", "capacity": 3, "rate": 5, "renewable": False},
    ],
    "tasks": [
        {
            "id": "A",
            "modes": [
                {
                    "name": "fast",
                    "duration": 2,
                    "cost": 50,
                    "needs": [{"skill": "dev"}],
                    "uses": {"rig": 1, "money": 2},
                },
                {
                    "name": "slow",
                    "duration": 4,
                    "needs": [{"skill": "dev"}],
                    "uses": {"money": 1},
                },
            ],
        },
        {
            "id": "C",
            "modes": [
                {
                    "name": "fast",
                    "duration": 3,
                    "cost": 20,
                    "uses": {"rig": 1, "money": 2},
                },
                {"name": "slow", "duration": 5, "uses": {"rig": 1}},
            ],
        },
        {"id": "B", "duration": 1, "after": ["A"]},
    ],
}


def base() -> dict[str, Any]:
    """A fresh copy of :data:`BASE`."""
    return copy.deepcopy(BASE)


def task_of(data: dict[str, Any], task_id: str) -> dict[str, Any]:
    """The task dict with ``task_id`` in project data ``data``."""
    return next(t for t in data["tasks"] if t["id"] == task_id)


# -- bad input -----------------------------------------------------------

Edit = Callable[[dict[str, Any]], None]


def _set_on_a(field: str, value: Any) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        data["tasks"][0][field] = value

    return edit


def _set_mode(task: int, mode: int, field: str, value: Any) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        data["tasks"][task]["modes"][mode][field] = value

    return edit


def _add_milestone_mode_with_needs(data: dict[str, Any]) -> None:
    data["tasks"][1]["modes"].append(
        {"duration": 0, "needs": [{"skill": "dev"}]}
    )


def _money_capacity(capacity: int) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        data["resources"][1]["capacity"] = capacity

    return edit


def _thrifty_c_spends_one(data: dict[str, Any]) -> None:
    # thriftiest: A 1 + C 1 = 2 > capacity 1
    _set_mode(1, 1, "uses", {"rig": 1, "money": 1})(data)
    _money_capacity(1)(data)


def _single_mode_task_spends_money(data: dict[str, Any]) -> None:
    # thriftiest: A 1 + C 0 + D 3 = 4 > 3
    data["tasks"].append({"id": "D", "duration": 1, "uses": {"money": 3}})


BAD: list[tuple[str, Edit, str]] = [
    (
        "modes+needs",
        _set_on_a("needs", [{"skill": "dev"}]),
        r"tasks\[0\]: with modes, .*needs can't be combined with modes",
    ),
    (
        "modes+uses",
        _set_on_a("uses", {"rig": 1}),
        r"tasks\[0\]: with modes, .*uses can't be combined with modes",
    ),
    (
        "modes+crash",
        _set_on_a("crash", {"duration": 1}),
        r"tasks\[0\]: with modes, .*crash can't be combined with modes "
        r"\(crashing is a shorter mode\)",
    ),
    (
        "modes+assigned",
        _set_on_a("assigned", ["alice"]),
        r"tasks\[0\]: with modes, .*assigned can't be combined with modes",
    ),
    (
        "duration differs",
        _set_on_a("duration", 4),
        r"tasks\[0\]: duration 4 differs from the first mode's 2; "
        r"leave it out with modes",
    ),
    (
        "need no one fills",
        _set_mode(0, 1, "needs", [{"skill": "ops", "level": 2}]),
        r"tasks\[0\]\.modes\[1\]\.needs\[0\]: task A needs 1 person with "
        r"ops >= 2; no one qualifies",
    ),
    (
        "need too many people",
        _set_mode(0, 0, "needs", [{"skill": "dev", "count": 2}]),
        r"tasks\[0\]\.modes\[0\]\.needs\[0\]: task A needs 2 people with "
        r"dev >= 1; only 1 qualifies: alice",
    ),
    (
        "unknown resource",
        _set_mode(1, 1, "uses", {"crane": 1}),
        r"tasks\[1\]\.modes\[1\]\.uses\.crane: unknown resource 'crane'",
    ),
    (
        "above renewable capacity",
        _set_mode(1, 0, "uses", {"rig": 2}),
        r"tasks\[1\]\.modes\[0\]\.uses\.rig: uses 2 units but rig has "
        r"capacity 1",
    ),
    (
        "above budget in one mode",
        _set_mode(0, 0, "uses", {"money": 4}),
        r"tasks\[0\]\.modes\[0\]\.uses\.money: uses 4 units but money has "
        r"capacity 3",
    ),
    (
        "milestone mode with needs",
        _add_milestone_mode_with_needs,
        r"tasks\[1\]\.modes\[2\]\.needs: a milestone mode \(duration 0\) "
        r"uses no people",
    ),
    (
        "budget below thriftiest (modes)",
        _thrifty_c_spends_one,
        r"resources\[1\]\.capacity: the tasks consume at least 2 units of "
        r"non-renewable money even in their thriftiest modes; capacity is 1",
    ),
    (
        "budget below thriftiest (single-mode task)",
        _single_mode_task_spends_money,
        r"resources\[1\]\.capacity: .* at least 4 units of non-renewable "
        r"money .*capacity is 3",
    ),
    (
        "negative mode duration",
        _set_mode(0, 1, "duration", -1),
        r"tasks\[0\]\.modes\[1\]\.duration: .*greater than or equal to 0",
    ),
    (
        "unknown mode field",
        _set_mode(0, 1, "speed", 3),
        r"tasks\[0\]\.modes\[1\]\.speed: unknown field",
    ),
    (
        "zero units",
        _set_mode(0, 1, "uses", {"money": 0}),
        r"tasks\[0\]\.modes\[1\]\.uses\.money: .*greater than or equal to 1",
    ),
]


@pytest.mark.parametrize(
    ("edit", "match"),
    [pytest.param(e, m, id=name) for name, e, m in BAD],
)
def test_bad_modes_input(edit: Edit, match: str) -> None:
    data = base()
    edit(data)
    with pytest.raises(ProjectError, match=match):
        Project.from_data(data)


def test_base_project_is_valid() -> None:
    project = Project.from_data(base())
    a = project.task("A")
    assert a.duration == 2  # from the first mode
    assert (a.min_duration, a.max_duration) == (2, 4)
    assert a.mode(1).name == "slow"
    assert a.slots == 1
    b = project.task("B")
    assert len(b.alternatives) == 1
    assert b.mode(None).duration == 1
    assert project.resources[1].renewable is False
    assert project.resources[0].renewable is True


def test_budget_equal_to_thriftiest_is_valid() -> None:
    # thriftiest money: A 1 + C 0 = 1 = capacity
    data = base()
    data["resources"][1]["capacity"] = 1
    data["tasks"][0]["modes"][0]["uses"] = {"rig": 1, "money": 1}
    data["tasks"][1]["modes"][0]["uses"] = {"rig": 1, "money": 1}
    assert Project.from_data(data).resources[1].capacity == 1


def test_milestone_mode_may_skip_people() -> None:
    # a milestone alternative of a task whose other mode needs people
    data = base()
    data["tasks"][0]["modes"].append({"duration": 0, "cost": 999})
    project = Project.from_data(data)
    assert project.task("A").min_duration == 0


# -- the checker -----------------------------------------------------------

Row = tuple[str, int, int, int | None, list[str]]


def schedule(
    project: Project, rows: list[Row], cost: CostBreakdown | None = None
) -> Result:
    """A FEASIBLE result of ``rows`` = (id, start, duration, mode,
    people), with correct dates and makespan; its cost is the recomputed
    one unless ``cost`` is given."""
    cal = project.work_calendar
    tasks = [
        TaskResult(
            id=tid,
            start=start,
            finish=start + dur,
            duration=dur,
            start_date=cal.date_of(start),
            finish_date=cal.date_of(start + dur - 1 if dur else start),
            people=people,
            mode=mode,
        )
        for tid, start, dur, mode, people in rows
    ]
    makespan = max(t.finish for t in tasks)
    result = Result(
        status=SolveStatus.FEASIBLE,
        makespan=makespan,
        finish_date=cal.date_of(max(makespan - 1, 0)),
        tasks=tasks,
    )
    if cost is None:
        cost = recompute_cost(project, result)
    return result.model_copy(update={"cost": cost})


#: A slow [0, 4) with alice, C fast [0, 3), B [4, 5): money 1 + 2 = 3,
#: rig used by C alone.
GOOD: list[Row] = [
    ("A", 0, 4, 1, ["alice"]),
    ("C", 0, 3, 0, []),
    ("B", 4, 1, None, []),
]


@pytest.fixture
def project() -> Project:
    """The valid :data:`BASE` project."""
    return Project.from_data(base())


def test_good_schedule_is_clean_and_costed(project: Project) -> None:
    result = schedule(project, GOOD)
    assert violations(project, result) == []
    # labour 100 x 4 = 400; resources money 5 x (1 + 2) = 15 (per unit,
    # not per day) + rig 10 x 1 x 3 = 30; modes 0 + 20; overhead 10 x 5.
    assert result.cost == CostBreakdown(
        labour=400, resources=45, modes=20, overhead=50, total=515
    )


def _replace(rows: list[Row], row: Row) -> list[Row]:
    return [row if r[0] == row[0] else r for r in rows]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        pytest.param(
            _replace(GOOD, ("A", 0, 4, 2, ["alice"])),
            "A: mode 2 is not one of its 2 modes",
            id="mode too high",
        ),
        pytest.param(
            _replace(GOOD, ("A", 0, 4, -1, ["alice"])),
            "A: mode -1 is not one of its 2 modes",
            id="mode negative",
        ),
        pytest.param(
            _replace(GOOD, ("A", 0, 4, None, ["alice"])),
            "A: mode None is not one of its 2 modes",
            id="mode missing",
        ),
        pytest.param(
            # mode 0 lasts 2 days, scheduled for 4
            _replace(GOOD, ("A", 0, 4, 0, ["alice"])),
            "A: duration 4 != mode 0's duration 2",
            id="duration",
        ),
        pytest.param(
            _replace(GOOD, ("B", 4, 1, 0, [])),
            "B: mode 0 given for a task without modes",
            id="mode on single-mode task",
        ),
        pytest.param(
            # A fast [3, 5) after C fast [0, 3): money 2 + 2 = 4 > 3
            [
                ("A", 3, 2, 0, ["alice"]),
                ("C", 0, 3, 0, []),
                ("B", 5, 1, None, []),
            ],
            "non-renewable resource money: the chosen modes consume 4 > 3"
            " units",
            id="budget exceeded",
        ),
        pytest.param(
            # A fast (rig 1) [0, 2) beside C slow (rig 1) [0, 5)
            [
                ("A", 0, 2, 0, ["alice"]),
                ("C", 0, 5, 1, []),
                ("B", 2, 1, None, []),
            ],
            "resource rig is over capacity on 2025-06-02 (day 0): 2 > 1 units",
            id="rig over capacity",
        ),
        pytest.param(
            _replace(GOOD, ("A", 0, 4, 1, [])),
            "A: has 0 people, needs 1",
            id="chosen mode's people",
        ),
    ],
)
def test_checker_on_bad_mode_schedules(
    project: Project, rows: list[Row], message: str
) -> None:
    found = violations(project, schedule(project, rows))
    assert any(message in v for v in found), found


def test_checker_exact_budget_violation(project: Project) -> None:
    rows: list[Row] = [
        ("A", 3, 2, 0, ["alice"]),
        ("C", 0, 3, 0, []),
        ("B", 5, 1, None, []),
    ]
    assert violations(project, schedule(project, rows)) == [
        "non-renewable resource money: the chosen modes consume 4 > 3 units"
    ]


def test_checker_milestone_mode_with_people() -> None:
    data = base()
    data["tasks"][1]["modes"].append({"duration": 0})
    project = Project.from_data(data)
    rows = _replace(GOOD, ("C", 0, 0, 2, ["alice"]))
    found = violations(project, schedule(project, rows))
    assert any(
        "C: a milestone (duration 0) has no people, got alice" in v
        for v in found
    ), found


def test_checker_costs_follow_the_chosen_mode(project: Project) -> None:
    # C slow [0, 5) instead of fast: modes 0, rig 10 x 5 = 50, money
    # 5 x 1 = 5, labour 400, overhead 10 x 5 -> total 505
    rows = _replace(GOOD, ("C", 0, 5, 1, []))
    result = schedule(project, rows)
    assert violations(project, result) == []
    assert result.cost == CostBreakdown(
        labour=400, resources=55, modes=0, overhead=50, total=505
    )


def test_checker_total_without_mode_costs(project: Project) -> None:
    # a solver that forgets the fixed costs of modes: modes 0, total 495
    wrong = CostBreakdown(
        labour=400, resources=45, modes=0, overhead=50, total=495
    )
    found = violations(project, schedule(project, GOOD, cost=wrong))
    assert any("cost.total is 495, recomputed 515" in v for v in found)


def test_checker_mode_cost_field(project: Project) -> None:
    # modes 20 -> 0 moved into resources: the total is still 515
    wrong = CostBreakdown(
        labour=400, resources=65, modes=0, overhead=50, total=515
    )
    found = violations(project, schedule(project, GOOD, cost=wrong))
    assert any("cost.modes is 0, recomputed 20" in v for v in found), found
