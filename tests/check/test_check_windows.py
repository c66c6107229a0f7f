"""The windows family (plansat.check.windows): earliest starts, task and
project deadlines (a milestone is dated as MS Project dates it, at the
end of the day before it), and the makespan with the project's finish
date.

TINY's working days (Mon-Fri, holiday Wed 07-16): day 4 Fri 07-11, 5 Mon
07-14, 6 Tue 07-15, 7 Thu 07-17, 8 Fri 07-18, 9 Mon 07-21, 17 Thu 07-31,
18 Fri 08-01.  D may not start before Mon 07-14 (day 5) and must end by
Fri 07-18 (finish <= 9); the project must end by Thu 07-31 (finish <=
18, for a milestone too: a milestone at 18 is dated Thu 07-31, the end
of day 17).
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
from plansat.models import Project, Result, SolveStatus, TaskResult

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
        # A milestone at 19 is dated Fri 08-01 (the end of day 18), a
        # day late; at 18 (dated Thu 07-31) it is in time.
        "milestone after the project deadline",
        lambda: (tiny(), replan(M=(19, 0, []))),
        r"^M: finishes at day 19 \(2025-08-01\), after the project "
        r"deadline 2025-07-31 \(finish must be <= 18\)$",
    ),
    (
        # A milestone deadline on the holiday Wed 07-16: M at 8 is dated
        # Thu 07-17 (the end of day 7), after it; at 7 (dated Tue 07-15)
        # it is in time, so finish <= 7 = index of Tue 07-15 + 1.
        "milestone after a deadline on a holiday",
        lambda: (
            _milestone_due(date(2025, 7, 16)),
            replan(D=(5, 2, ["carol", "dave"]), M=(8, 0, [])),
        ),
        r"^M: finishes at day 8 \(2025-07-17\), after its deadline "
        r"2025-07-16 \(finish must be <= 7\)$",
    ),
    (
        # The project starts on Sat 07-05: day 0 is Mon 07-07.  A
        # milestone at day 0 is dated Mon 07-07 (nothing before it),
        # after a deadline of Sun 07-06: no day is early enough.
        "milestone at day 0 after a deadline before day 0",
        lambda: _milestone_at_0(date(2025, 7, 6)),
        r"^M: finishes at day 0 \(2025-07-07\), after its deadline "
        r"2025-07-06 \(finish must be <= -1\)$",
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
        # dave, alice is away); M at 18 is dated Thu 07-31 (the end of
        # day 17), the project deadline.
        pytest.param(
            tiny,
            lambda: replan(D=(7, 2, ["carol", "dave"]), M=(18, 0, [])),
            id="on the deadlines",
        ),
        # M's deadline on the holiday Wed 07-16: M at 7 is dated Tue
        # 07-15 (the end of day 6), in time.
        pytest.param(
            lambda: _milestone_due(date(2025, 7, 16)),
            lambda: replan(D=(5, 2, ["carol", "dave"]), M=(7, 0, [])),
            id="milestone by a deadline on a holiday",
        ),
        # A milestone at day 0 is dated day 0, Mon 07-07: its deadline
        # that day is met.
        pytest.param(
            lambda: _milestone_at_0(date(2025, 7, 7))[0],
            lambda: _milestone_at_0(date(2025, 7, 7))[1],
            id="milestone at day 0 on its deadline",
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


def _milestone_due(deadline: date) -> Project:
    """TINY with a deadline on the milestone M."""
    project = tiny()
    data = project.model_dump(mode="json", exclude_none=True)
    for task in data["tasks"]:
        if task["id"] == "M":
            task["deadline"] = deadline.isoformat()
    return Project.model_validate(data)


def _milestone_at_0(deadline: date) -> tuple[Project, Result]:
    """A project starting on Sat 07-05 with one milestone, due
    ``deadline``, scheduled at day 0 (Mon 07-07)."""
    project = Project.model_validate({
        "name": "m0", "start": "2025-07-05",
        "tasks": [{"id": "M", "duration": 0,
                   "deadline": deadline.isoformat()}],
    })
    cal = project.work_calendar
    result = Result(
        status=SolveStatus.FEASIBLE, makespan=0,
        finish_date=cal.date_of(0),
        tasks=[TaskResult(id="M", start=0, finish=0, duration=0,
                          start_date=cal.start_date(0, 0),
                          finish_date=cal.finish_date(0, 0))],
    )
    return project, result
