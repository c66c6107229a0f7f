"""The serial schedule places a split task by its segments: it may
start before an absence of its people and continue after it.

START is Monday 2025-06-02 on the default Mon-Fri grid: days 0-4 are
2-6 Jun, days 5-9 9-13 Jun, days 10-14 16-20 Jun, days 15-19 23-27 Jun.
Every plan goes through the independent checker.
"""

from __future__ import annotations

from typing import Any

import pytest

from plansat import Project
from plansat.heuristics.constructive import constructive_schedule
from plansat.schedule.plan import Plan
from tests.helpers import make, solved
from tests.heuristics.test_heuristic import as_result, non_deadline_violations

DEV = [{"skill": "dev"}]
#: Thu 5 - Wed 11 Jun: days 3-7, five working days.
AWAY = [{"start": "2025-06-05", "end": "2025-06-11"}]


def one_task(split: bool, away: bool) -> Project:
    """X: 10 days of dev; ann, the only developer, maybe away."""
    ann: dict[str, Any] = {"id": "ann", "skills": {"dev": 1}}
    if away:
        ann["unavailable"] = AWAY
    return make([{"id": "X", "duration": 10, "needs": DEV,
                  "splittable": split}], people=[ann])


def checked(project: Project) -> Plan:
    """The constructive plan, which the checker accepts."""
    plan = constructive_schedule(project)
    result = as_result(project, plan)
    assert non_deadline_violations(project, result) == []
    return plan


@pytest.mark.parametrize(
    ("split", "away", "span", "worked"),
    [
        # No absence: days [0, 10).
        (True, False, (0, 10), 10),
        # Splittable over the absence: works days 0-2 (Mon-Wed), pauses
        # days 3-7, works days 8-14 (Thu 12 - Fri 20 Jun): [0, 15), 5
        # working days later than without the absence, 10 days worked.
        (True, True, (0, 15), 10),
        # Not splittable: waits for ann's return, days [8, 18).
        (False, True, (8, 18), 10),
    ],
)
def test_split_task_over_an_absence(
    split: bool, away: bool, span: tuple[int, int], worked: int
) -> None:
    p = one_task(split, away)
    plan = checked(p)
    assert (plan.start["X"], plan.finish("X"), plan.work("X")) == (
        *span, worked)
    # The hint is the optimum here: CP-SAT finds the same finish.
    assert solved(p).makespan == span[1]


def test_split_task_goes_around_other_work_and_a_finish_bound() -> None:
    # A (ann, 3 days) [0, 3); B (ann, splittable, 4 days) after A: ann
    # is away days 3-7, so B works days 8-11: [8, 12).  C (bob, 2 days,
    # splittable, FF after B with lag 0): C must end on day 12 or later;
    # bob (Mon-Wed) works days 10, 11, 12 (Mon-Wed 16-18 Jun) of that
    # week: his last day on or after day 11 is day 11, so C works days
    # 10-11: [10, 12).
    p = make(
        [
            {"id": "A", "duration": 3, "assigned": ["ann"]},
            {"id": "B", "duration": 4, "assigned": ["ann"],
             "splittable": True, "after": ["A"]},
            {"id": "C", "duration": 2, "assigned": ["bob"],
             "splittable": True,
             "after": [{"task": "B", "type": "FF"}]},
        ],
        people=[{"id": "ann", "unavailable": AWAY},
                {"id": "bob", "calendar": {"workdays": ["Mon", "Tue",
                                                        "Wed"]}}],
    )
    plan = checked(p)
    assert (plan.start["B"], plan.finish("B")) == (8, 12)
    assert (plan.start["C"], plan.finish("C")) == (10, 12)
    assert solved(p).makespan == 12


def test_split_task_pauses_for_a_part_timer() -> None:
    # D (bob, Mon-Wed, 5 days, splittable) from day 0: days 0-2, pause
    # Thu-Fri (3-4), days 5-6: [0, 7), worked 5; the result's segments
    # are the two runs.
    p = make([{"id": "D", "duration": 5, "assigned": ["bob"],
               "splittable": True}],
             people=[{"id": "bob", "calendar": {"workdays": ["Mon", "Tue",
                                                             "Wed"]}}])
    plan = checked(p)
    result = as_result(p, plan)
    assert (plan.start["D"], plan.finish("D"), plan.work("D")) == (0, 7, 5)
    assert result.tasks[0].segments == [(0, 3), (5, 7)]
