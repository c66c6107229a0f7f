"""The identity family (plansat.check.identity): each task once, with a
consistent start, finish, duration, mode, crashing and dates.

Each row breaks one rule of a valid schedule by hand; the family alone
must report it, and :func:`violations` must report it through this
family only (see ``check_scenario.assert_caught``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from check_scenario import (
    Case,
    assert_caught,
    duplicate_e,
    edit_task,
    good,
    missing_e,
    modes_project,
    modes_result,
    run_family,
    tiny,
    unknown_task,
)

from plansat.check import identity
from plansat.check._common import Check, each_task
from plansat.models import Project, Result

IDENTITY: tuple[Check, ...] = (
    identity.check_ids,
    each_task(identity.check_durations, identity.check_dates),
)

CASES: list[Case] = [
    (
        "unknown task id",
        lambda: (tiny(), unknown_task()),
        r"^Z: not a task of the project \(unknown task id\)$",
    ),
    ("missing task", lambda: (tiny(), missing_e()), r"^E: missing from"),
    (
        "task listed twice",
        lambda: (tiny(), duplicate_e()),
        r"^E: listed 2 times in the result$",
    ),
    (
        "negative start",
        lambda: (tiny(), edit_task(good(), "E", start=-1, finish=0)),
        r"^E: start -1 is before day 0$",
    ),
    (
        "finish is not start + duration",
        lambda: (tiny(), edit_task(good(), "C", finish=4)),
        r"^C: finish 4 != start 1 \+ duration 2$",
    ),
    (
        "mode index on a single-mode task",
        lambda: (tiny(), edit_task(good(), "A", mode=0)),
        r"^A: mode 0 given for a task without modes$",
    ),
    (
        # E has no crash option: 2 days is not its 1.
        "duration without a crash option",
        lambda: (tiny(), edit_task(good(), "E", duration=2, finish=5)),
        r"^E: duration 2 != the task's duration 1 \(no crash option\)$",
    ),
    (
        # B may be crashed from 4 down to 2 days, not to 1.
        "crashed below crash.duration",
        lambda: (tiny(), edit_task(good(), "B", duration=1, finish=3)),
        r"^B: duration 1 is outside \[2, 4\] \(crash.duration 2\)$",
    ),
    (
        # B runs 3 of its 4 days: 1 day crashed, not 0.
        "wrong crashed days",
        lambda: (tiny(), edit_task(good(), "B", crashed=0)),
        r"^B: crashed 0 != 1 \(duration 4 - scheduled 3\)$",
    ),
    (
        # C starts on day 1, Tue 07-08.
        "wrong start_date",
        lambda: (tiny(), edit_task(good(), "C", start_date=date(2025, 7, 7))),
        r"^C: start_date 2025-07-07 is not the date of day 1 "
        r"\(2025-07-08\)$",
    ),
    (
        # A [0,3) ends on day 2, Wed 07-09.
        "finish_date one day late",
        lambda: (
            tiny(),
            edit_task(good(), "A", finish_date=date(2025, 7, 10)),
        ),
        r"^A: finish_date 2025-07-10 is not the date of day 2 "
        r"\(2025-07-09\)$",
    ),
    (
        # The milestone M at day 7 is dated as MS Project dates it: the
        # end of day 6, Tue 07-15, when D finishes; Thu 07-17 (the date
        # of day 7, the old convention) is refused.
        "milestone finish_date",
        lambda: (
            tiny(),
            edit_task(good(), "M", finish_date=date(2025, 7, 17)),
        ),
        r"^M: finish_date 2025-07-17 is not the date of day 6 "
        r"\(2025-07-15\)$",
    ),
    (
        "milestone start_date",
        lambda: (
            tiny(),
            edit_task(good(), "M", start_date=date(2025, 7, 17)),
        ),
        r"^M: start_date 2025-07-17 is not the date of day 6 "
        r"\(2025-07-15\)$",
    ),
    (
        "mode index out of range",
        lambda: (modes_project(), modes_result(mode=2)),
        r"^P: mode 2 is not one of its 2 modes$",
    ),
    (
        "no mode on a multi-mode task",
        lambda: (modes_project(), modes_result(mode=None)),
        r"^P: mode None is not one of its 2 modes$",
    ),
    (
        # P runs 4 days, mode 1 takes 2.
        "duration of another mode",
        lambda: (modes_project(), modes_result(mode=1)),
        r"^P: duration 4 != mode 1's duration 2$",
    ),
    (
        "crashing a multi-mode task",
        lambda: (modes_project(), modes_result(crashed=1)),
        r"^P: crashed 1 in a multi-mode task$",
    ),
]


@pytest.mark.parametrize(
    ("make", "match"),
    [pytest.param(make, match, id=name) for name, make, match in CASES],
)
def test_identity_catches(
    make: Callable[[], tuple[Project, Result]], match: str
) -> None:
    project, result = make()
    assert_caught(IDENTITY, project, result, match)


@pytest.mark.parametrize(
    ("project", "result"),
    [
        pytest.param(tiny, good, id="tiny"),
        pytest.param(modes_project, modes_result, id="modes"),
    ],
)
def test_identity_accepts_valid_schedules(
    project: Callable[[], Project], result: Callable[[], Result]
) -> None:
    assert run_family(IDENTITY, project(), result()) == []


def test_each_problem_of_a_task_is_reported() -> None:
    # E [3,4) moved to start -2, 3 days, finish 0: four messages, in the
    # order of the rules (crashed is 1 - 3 = -2, not the 0 of GOOD).
    result = edit_task(good(), "E", start=-2, duration=3, finish=0)
    assert run_family(IDENTITY, tiny(), result) == [
        "E: start -2 is before day 0",
        "E: finish 0 != start -2 + duration 3",
        "E: duration 3 != the task's duration 1 (no crash option)",
        "E: crashed 0 != -2 (duration 1 - scheduled 3)",
    ]
