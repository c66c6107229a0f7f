"""The windows family (plansat.check.windows): earliest starts, task and
project deadlines (a milestone happens on day ``finish``), and the
makespan with the project's finish date.

TINY's working days (Mon-Fri, holiday Wed 07-16): day 4 Fri 07-11, 5 Mon
07-14, 6 Tue 07-15, 7 Thu 07-17, 8 Fri 07-18, 9 Mon 07-21, 17 Thu 07-31,
18 Fri 08-01.  D may not start before Mon 07-14 (day 5) and must end by
Fri 07-18 (finish <= 9); the project must end by Thu 07-31 (finish <=
18, or <= 17 for a milestone).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from check_scenario import (
    Case,
    assert_caught,
    edit,
    good,
    modes_project,
    modes_result,
    replan,
    run_family,
    tiny,
)

from plansat.check import windows
from plansat.check._common import Check, each_task
from plansat.models import Project, Result

WINDOWS: tuple[Check, ...] = (
    each_task(windows.check_window),
    windows.check_makespan,
)

CASES: list[Case] = [
    (
        "before earliest_start",
        lambda: (tiny(), replan(D=(4, 2, ["alice", "carol"]), M=(6, 0, []))),
        r"^D: starts on 2025-07-11 \(day 4\), before its earliest_start "
        r"2025-07-14 \(day 5\)$",
    ),
    (
        # D [8,10) ends Mon 07-21.
        "task deadline",
        lambda: (tiny(), replan(D=(8, 2, ["carol", "dave"]), M=(10, 0, []))),
        r"^D: finishes at day 10 \(2025-07-21\), after its deadline "
        r"2025-07-18 \(finish must be <= 9\)$",
    ),
    (
        # E [18,19) is Fri 08-01.
        "project deadline",
        lambda: (tiny(), replan(E=(18, 1, []))),
        r"^E: finishes at day 19 \(2025-08-01\), after the project "
        r"deadline 2025-07-31 \(finish must be <= 18\)$",
    ),
    (
        # A milestone at 18 happens on Fri 08-01, a day late; at 17 (Thu
        # 07-31) it would be in time.
        "milestone after the project deadline",
        lambda: (tiny(), replan(M=(18, 0, []))),
        r"^M: finishes at day 18 \(2025-08-01\), after the project "
        r"deadline 2025-07-31 \(finish must be <= 17\)$",
    ),
    (
        "wrong makespan",
        lambda: (tiny(), edit(makespan=8)),
        r"^makespan is 8 but the latest finish is 7$",
    ),
    (
        "missing makespan",
        lambda: (tiny(), edit(makespan=None)),
        r"^makespan is missing \(the latest finish is 7\)$",
    ),
    (
        # The last working day is day 6, Tue 07-15.
        "missing finish_date",
        lambda: (tiny(), edit(finish_date=None)),
        r"^finish_date is missing \(expected 2025-07-15\)$",
    ),
    (
        "wrong finish_date",
        lambda: (tiny(), edit(finish_date=date(2025, 7, 16))),
        r"^finish_date 2025-07-16 is not the date of day 6 "
        r"\(2025-07-15\)$",
    ),
]


@pytest.mark.parametrize(
    ("make", "match"),
    [pytest.param(make, match, id=name) for name, make, match in CASES],
)
def test_windows_catch(
    make: Callable[[], tuple[Project, Result]], match: str
) -> None:
    project, result = make()
    assert_caught(WINDOWS, project, result, match)


@pytest.mark.parametrize(
    ("project", "result"),
    [
        pytest.param(tiny, good, id="tiny"),
        pytest.param(modes_project, modes_result, id="modes"),
        # Right on the bounds: D [7,9) ends Fri 07-18, its deadline (with
        # dave, alice is away); M at 17 is Thu 07-31.
        pytest.param(
            tiny,
            lambda: replan(D=(7, 2, ["carol", "dave"]), M=(17, 0, [])),
            id="on the deadlines",
        ),
    ],
)
def test_windows_accept_valid_schedules(
    project: Callable[[], Project], result: Callable[[], Result]
) -> None:
    assert run_family(WINDOWS, project(), result()) == []


def test_deadline_messages_of_one_task_come_in_order() -> None:
    result = replan(D=(17, 2, ["carol", "dave"]), M=(19, 0, []))
    found = run_family(WINDOWS, tiny(), result)
    assert [m for m in found if m.startswith("D:")] == [
        "D: finishes at day 19 (2025-08-01), after its deadline 2025-07-18 "
        "(finish must be <= 9)",
        "D: finishes at day 19 (2025-08-01), after the project deadline "
        "2025-07-31 (finish must be <= 18)",
    ]
