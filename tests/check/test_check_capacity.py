"""The capacity family (plansat.check.capacity): vacations, each
person's availability per day, renewable resources per day and
non-renewable budgets over the whole project.

TINY: alice is away Thu 07-17..Fri 07-18 (days 7-8), carol is 50%
available, the rig has 1 unit (used by A, D and E).  VACATIONS: see
check_scenario (overlapping, touching, nested and weekend-only
vacations, starting Mon 2026-06-01).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from check_scenario import (
    MODES_FAST,
    Case,
    assert_caught,
    good,
    modes_project,
    modes_result,
    replan,
    run_family,
    tiny,
    vacations_project,
    vacations_result,
)

from plansat.check import capacity, violations
from plansat.check._common import Check
from plansat.models import Project, Result

CAPACITY: tuple[Check, ...] = (
    capacity.check_vacations,
    capacity.check_availability,
    capacity.check_resources,
)

CASES: list[Case] = [
    (
        # D [7,9) with alice, who is away on days 7 and 8.
        "vacation",
        lambda: (tiny(), replan(D=(7, 2, ["alice", "carol"]), M=(9, 0, []))),
        r"^D: alice is unavailable on 2025-07-17 \(day 7\) but works the "
        r"task \(days 7-8\)$",
    ),
    (
        # olive's vacations are days 3-4 and 4-7: the first is day 3.
        "overlapping vacations",
        lambda: (vacations_project(), vacations_result("olive")),
        r"^T: olive is unavailable on 2026-06-04 \(day 3\) but works the "
        r"task \(days 0-11\)$",
    ),
    (
        # tom's are days 1-2 and 3-4.
        "touching vacations",
        lambda: (vacations_project(), vacations_result("tom")),
        r"^T: tom is unavailable on 2026-06-02 \(day 1\)",
    ),
    (
        # nina's are days 0-9 and, inside, 2-3.
        "nested vacations",
        lambda: (vacations_project(), vacations_result("nina")),
        r"^T: nina is unavailable on 2026-06-01 \(day 0\)",
    ),
    (
        # alice on A [0,3) and C [1,3) (50%): 150% on days 1-2.
        "over-allocated",
        lambda: (tiny(), replan(C=(1, 2, ["alice"]))),
        r"^C: alice is over-allocated on 2025-07-08 \(day 1\): 150% > 100% "
        r"\(with A\)$",
    ),
    (
        # carol (50%) on C and D, both 50% and both on [5,7) from Mon
        # 07-14: 100%.  They start the same day; D, the last, is named.
        "two half-time tasks of a half-time person",
        lambda: (tiny(), replan(C=(5, 2, ["carol"]))),
        r"^D: carol is over-allocated on 2025-07-14 \(day 5\): 100% > 50% "
        r"\(with C\)$",
    ),
    (
        # E [2,3) while A [0,3) holds the only rig.
        "renewable resource over capacity",
        lambda: (tiny(), replan(E=(2, 1, []))),
        r"^E: resource rig is over capacity on 2025-07-09 \(day 2\): "
        r"2 > 1 units \(with A\)$",
    ),
    (
        # E [5,6) starts with D [5,7).
        "resource taken the day another task starts",
        lambda: (tiny(), replan(E=(5, 1, []))),
        r"^E: resource rig is over capacity on 2025-07-14 \(day 5\): "
        r"2 > 1 units \(with D\)$",
    ),
    (
        # P's mode 1 takes 4 units of cash and S 2: 6 > 5.
        "non-renewable budget",
        lambda: (modes_project(), modes_result(MODES_FAST, mode=1)),
        r"^non-renewable resource cash: the chosen modes consume 6 > 5 "
        r"units$",
    ),
]


@pytest.mark.parametrize(
    ("make", "match"),
    [pytest.param(make, match, id=name) for name, make, match in CASES],
)
def test_capacity_catches(
    make: Callable[[], tuple[Project, Result]], match: str
) -> None:
    project, result = make()
    hits = assert_caught(CAPACITY, project, result, match)
    assert len(hits) == 1  # one message per person and task, or resource


@pytest.mark.parametrize(
    ("project", "result"),
    [
        pytest.param(tiny, good, id="tiny"),
        pytest.param(modes_project, modes_result, id="modes"),
        # wes is away on two weekends only: no working day is blocked.
        pytest.param(
            vacations_project,
            lambda: vacations_result("wes"),
            id="weekend-only vacations",
        ),
    ],
)
def test_capacity_accepts_valid_schedules(
    project: Callable[[], Project], result: Callable[[], Result]
) -> None:
    assert run_family(CAPACITY, project(), result()) == []


def test_vacations_do_not_come_from_blocked_days(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The checker works vacation days out itself: a Project.blocked_days
    # that forgot every vacation must not hide olive's.
    monkeypatch.setattr(Project, "blocked_days", lambda self, person: [])
    found = violations(vacations_project(), vacations_result("olive"))
    assert found == [
        "T: olive is unavailable on 2026-06-04 (day 3) but works the task "
        "(days 0-11)"
    ]


SWEEPS = [
    # (items (task, start, finish, amount), limit, reports)
    pytest.param(
        [("a", 0, 3, 60), ("b", 3, 5, 60)], 100, [], id="back to back"
    ),
    pytest.param(
        [("a", 0, 3, 60), ("b", 2, 5, 60)],
        100,
        [("b", 2, 120, ["a"])],
        id="overlap",
    ),
    pytest.param(
        [("a", 0, 5, 60), ("b", 1, 5, 60)],
        100,
        [("b", 1, 120, ["a"])],
        id="one episode, one report",
    ),
    pytest.param(
        [("a", 0, 10, 60), ("b", 2, 4, 60), ("c", 6, 8, 60)],
        100,
        [("b", 2, 120, ["a"]), ("c", 6, 120, ["a"])],
        id="two episodes",
    ),
    pytest.param(
        [("a", 0, 4, 50), ("b", 1, 4, 50), ("c", 2, 3, 50)],
        100,
        [("c", 2, 150, ["a", "b"])],
        id="at the limit is fine",
    ),
    pytest.param(
        [("a", 0, 0, 500), ("b", 0, 3, 0), ("c", 1, 2, 100)],
        100,
        [],
        id="empty intervals and zero amounts",
    ),
]


@pytest.mark.parametrize(("items", "limit", "reports"), SWEEPS)
def test_sweep(
    items: list[capacity.Item],
    limit: int,
    reports: list[tuple[str, int, int, list[str]]],
) -> None:
    found: list[tuple[str, int, int, list[str]]] = []
    capacity.sweep(
        items,
        limit,
        lambda tid, day, total, others: found.append(
            (tid, day, total, others)
        ),
    )
    assert found == reports
