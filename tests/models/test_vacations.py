"""Vacations: ``Project.blocked_days`` merges them, ``days_away`` counts
them once, and the solver, the result and the checker agree.

Every project here starts on Mon 2026-06-01 with a Mon-Fri calendar and
one holiday, Thu 2026-06-18, so the working days are::

    Mon 06-01  0   Mon 06-08  5   Mon 06-15 10   Mon 06-22 14
    Tue 06-02  1   Tue 06-09  6   Tue 06-16 11   Tue 06-23 15
    Wed 06-03  2   Wed 06-10  7   Wed 06-17 12
    Thu 06-04  3   Thu 06-11  8   (Thu 06-18 holiday)
    Fri 06-05  4   Fri 06-12  9   Fri 06-19 13
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest

import plansat
import plansat.check
from plansat.models import Project, SolveStatus
from plansat.schedule.windows import days_away

Away = list[tuple[str, str]]

#: The vacations of the original bug: Thu 06-04..Sat 06-06 (days 3-4) and
#: Fri 06-05..Wed 06-10 (days 4-7) overlap on Fri 06-05 (day 4).
OVERLAPPING: Away = [
    ("2026-06-04", "2026-06-06"),
    ("2026-06-05", "2026-06-10"),
]


def _project(away: Away, tasks: list[dict[str, Any]] | None = None) -> Project:
    """The calendar above, with ann (dev 1) away on ``away``."""
    return Project.model_validate(
        {
            "start": "2026-06-01",
            "calendar": {"holidays": ["2026-06-18"]},
            "people": [
                {
                    "id": "ann",
                    "skills": {"dev": 1},
                    "unavailable": [{"start": s, "end": e} for s, e in away],
                }
            ],
            "tasks": tasks or [{"id": "A", "duration": 1}],
        }
    )


def _blocked(away: Away) -> list[range]:
    project = _project(away)
    return project.blocked_days(project.person("ann"))


@pytest.mark.parametrize(
    ("away", "expected"),
    [
        # Mon-Tue (days 0-1) and Wed-Thu (days 2-3) touch: days 0-3.
        pytest.param(
            [("2026-06-01", "2026-06-02"), ("2026-06-03", "2026-06-04")],
            [range(0, 4)],
            id="touching",
        ),
        # Wed-Fri (days 2-4) and Mon-Tue (days 5-6) touch across the
        # weekend: days 2-6.
        pytest.param(
            [("2026-06-03", "2026-06-05"), ("2026-06-08", "2026-06-09")],
            [range(2, 7)],
            id="touching-across-weekend",
        ),
        # Fri 06-05 (day 4) and Sun 06-07..Mon 06-08 (day 5): days 4-5.
        pytest.param(
            [("2026-06-05", "2026-06-05"), ("2026-06-07", "2026-06-08")],
            [range(4, 6)],
            id="touching-via-weekend-dates",
        ),
        # Mon-Wed 06-15..17 (days 10-12) and Fri 06-19 (day 13) touch
        # across the holiday: days 10-13.
        pytest.param(
            [("2026-06-15", "2026-06-17"), ("2026-06-19", "2026-06-19")],
            [range(10, 14)],
            id="touching-across-holiday",
        ),
        # The bug: days 3-4 and 4-7 overlap on day 4: days 3-7.
        pytest.param(OVERLAPPING, [range(3, 8)], id="overlapping"),
        # Listed the other way round: same result.
        pytest.param(OVERLAPPING[::-1], [range(3, 8)], id="overlapping-rev"),
        # Three overlapping: days 0-2, 2-4, 4-6 -> days 0-6.
        pytest.param(
            [
                ("2026-06-01", "2026-06-03"),
                ("2026-06-03", "2026-06-05"),
                ("2026-06-05", "2026-06-09"),
            ],
            [range(0, 7)],
            id="chain-of-three",
        ),
        # Wed-Thu (days 2-3) inside Mon-Fri 06-12 (days 0-9): days 0-9.
        pytest.param(
            [("2026-06-03", "2026-06-04"), ("2026-06-01", "2026-06-12")],
            [range(0, 10)],
            id="nested",
        ),
        # The same range twice: once.
        pytest.param(
            [("2026-06-08", "2026-06-09"), ("2026-06-08", "2026-06-09")],
            [range(5, 7)],
            id="duplicate",
        ),
        # Sat-Sun and the holiday cover no working day: dropped; Mon
        # 06-22 = day 14 stays.
        pytest.param(
            [
                ("2026-06-06", "2026-06-07"),
                ("2026-06-18", "2026-06-18"),
                ("2026-06-22", "2026-06-22"),
            ],
            [range(14, 15)],
            id="weekend-and-holiday-only",
        ),
        # Only non-working days: nothing.
        pytest.param(
            [("2026-06-13", "2026-06-14"), ("2026-06-18", "2026-06-18")],
            [],
            id="nothing-working",
        ),
        # Before the start: nothing.
        pytest.param(
            [("2026-05-01", "2026-05-29")], [], id="before-the-start"
        ),
        # Out of order and apart: sorted, kept apart (day 1 is free).
        pytest.param(
            [("2026-06-22", "2026-06-22"), ("2026-06-01", "2026-06-01")],
            [range(0, 1), range(14, 15)],
            id="sorted",
        ),
        pytest.param(
            [("2026-06-01", "2026-06-01"), ("2026-06-03", "2026-06-03")],
            [range(0, 1), range(2, 3)],
            id="one-day-gap-kept",
        ),
    ],
)
def test_blocked_days_merged(away: Away, expected: list[range]) -> None:
    got = _blocked(away)
    assert got == expected
    # sorted, disjoint, not touching, non-empty
    assert all(len(r) for r in got)
    assert all(a.stop < b.start for a, b in itertools.pairwise(got))


def test_blocked_days_cached_and_safe_to_mutate() -> None:
    project = _project(OVERLAPPING)
    ann = project.person("ann")
    first = project.blocked_days(ann)
    first.append(range(100, 200))  # the caller's copy only
    assert project.blocked_days(ann) == [range(3, 8)]
    assert set(project.blocked_cache) == {"ann"}


@pytest.mark.parametrize(
    ("horizon", "away"),
    [
        (0, 0),
        (3, 0),  # days 0-2 are worked
        (4, 1),  # day 3
        (5, 2),  # days 3-4: Fri 06-05 counts once, not twice
        (8, 5),  # days 3-7
        (20, 5),
    ],
)
def test_days_away_counts_each_day_once(horizon: int, away: int) -> None:
    project = _project(OVERLAPPING)
    assert days_away(project, project.person("ann"), horizon) == away


def test_days_away_no_vacation() -> None:
    project = _project([])
    assert days_away(project, project.person("ann"), 10) == 0


def test_overlapping_vacations_regression() -> None:
    """The bug: two easy tasks and two overlapping vacations made the
    project INFEASIBLE (two vacation intervals of 100% each on day 4 in
    ann's cumulative) and the loads counted day 4 twice.

    ann is away days 3-7 (Thu 06-04 .. Wed 06-10).  A (3 days) fits days
    0-2 (Mon 06-01 .. Wed 06-03) exactly; B (2 days, after A) can't start
    before day 8 (Thu 06-11) and ends on day 9 (Fri 06-12): makespan 10.
    Over ``[0, 10)`` ann is away 5 days, so 10 - 5 = 5 are available.
    """
    tasks = [
        {"id": "A", "duration": 3, "needs": [{"skill": "dev"}]},
        {
            "id": "B",
            "duration": 2,
            "after": ["A"],
            "needs": [{"skill": "dev"}],
        },
    ]
    project = _project(OVERLAPPING, tasks)
    result = plansat.solve(project, objective="time", time_limit=5)
    assert result.status == SolveStatus.OPTIMAL
    assert result.makespan == 10
    assert [(t.id, t.start, t.finish) for t in result.tasks] == [
        ("A", 0, 3),
        ("B", 8, 10),
    ]
    assert plansat.violations(project, result) == []
    checker = plansat.check.person_loads(project, result)
    assert [load.available_days for load in result.loads] == [
        load.available_days for load in checker
    ]
    assert result.loads[0].available_days == 5


def test_explanation_names_the_merged_vacation() -> None:
    """A 5-day task due Fri 06-12 (day 9) can't fit around days 3-7: the
    explanation names the merged vacation, Thu 06-04 to Wed 06-10."""
    tasks = [
        {
            "id": "A",
            "duration": 5,
            "deadline": "2026-06-12",
            "needs": [{"skill": "dev"}],
        }
    ]
    project = _project(OVERLAPPING, tasks)
    result = plansat.solve(project, objective="time", time_limit=5)
    assert result.status == SolveStatus.INFEASIBLE
    assert "ann is away 2026-06-04 to 2026-06-10" in result.conflicts
