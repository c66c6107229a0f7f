"""The checker's calendars family: nobody works their own day off, and
a split task counts exactly the days all its people work.

START is Monday 2025-06-02: days 0-4 are 2-6 Jun, days 5-9 9-13 Jun.
"""

from __future__ import annotations

import re

import pytest

from plansat import Project, Result
from plansat.check import violations
from tests.helpers import make

PAT = {"id": "pat", "skills": {"dev": 1},
       "calendar": {"workdays": ["Mon", "Tue", "Wed"]}}


def project(split: bool, **person: object) -> Project:
    return make(
        [{"id": "A", "duration": 3, "needs": [{"skill": "dev"}],
          "splittable": split}],
        people=[{**PAT, **person}],
    )


def result(start: int, finish: int, duration: int) -> Result:
    cal = make([{"id": "A", "duration": 1}]).work_calendar
    return Result.model_validate({
        "status": "FEASIBLE", "objective": "time", "makespan": finish,
        "finish_date": str(cal.date_of(finish - 1)),
        "tasks": [{"id": "A", "start": start, "finish": finish,
                   "duration": duration, "people": ["pat"],
                   "start_date": str(cal.start_date(start)),
                   "finish_date": str(cal.finish_date(start, finish))}],
    })


def test_mon_to_wed_on_days_0_to_2_is_valid() -> None:
    assert violations(project(False), result(0, 3, 3)) == []


def test_working_on_a_free_weekday_is_refused() -> None:
    # Days 2-4: Wed 4 Jun is fine, Thu 5 Jun (day 3) is pat's day off.
    found = violations(project(False), result(2, 5, 3))
    assert (
        "A: pat is off on 2025-06-05 (day 3) (not a working weekday of "
        "their calendar) but works the task (days 2-4)"
    ) in found


def test_working_on_a_regional_public_holiday_is_refused() -> None:
    # Whit Monday 9 Jun 2025 (day 5) is a public holiday in Bavaria.
    p = project(False, calendar={
        "region": {"country": "DE", "subdivision": "BY"}})
    found = violations(p, result(4, 7, 3))
    assert any("2025-06-09 (day 5) (a public holiday of their region)"
               in v for v in found), found


def test_working_on_an_own_holiday_is_refused() -> None:
    p = project(False, calendar={"holidays": ["2025-06-03"]})
    found = violations(p, result(0, 3, 3))
    assert any("2025-06-03 (day 1) (a holiday of their calendar)" in v
               for v in found), found


@pytest.mark.parametrize(
    ("start", "finish", "duration", "match"),
    [
        (2, 7, 3, None),  # Wed, (Thu, Fri off), Mon, Tue: 3 days
        (2, 7, 2, "all work 3 days of days 2-6, not its duration 2"),
        (2, 8, 3, "all work 4 days of days 2-7, not its duration 3"),
        (3, 8, 3, "starts and ends on days all its people work"),
        (2, 5, 3, "starts and ends on days all its people work"),
        (2, 4, 3, "finish 4 < start 2 \\+ duration 3"),
    ],
)
def test_split_task_counts_its_peoples_days(
    start: int, finish: int, duration: int, match: str | None
) -> None:
    found = violations(project(True), result(start, finish, duration))
    if match is None:
        assert found == []
    else:
        assert any(re.search(match, v)
                   for v in found), found



def test_wrong_segments_are_refused() -> None:
    r = result(2, 7, 3)
    r.tasks[0].segments = [(2, 4), (5, 6)]
    found = violations(project(True), r)
    assert any("segments" in v and "(2, 3), (5, 7)" in v for v in found), (
        found)


def test_holding_a_resource_on_its_closed_day_is_refused() -> None:
    p = make([{"id": "A", "duration": 3, "uses": {"rig": 1}}],
             resources=[{"id": "rig", "capacity": 1, "calendar": {
                 "workdays": ["Mon", "Tue", "Wed"]}}])
    r = result(2, 5, 3)
    r.tasks[0].people = []
    found = violations(p, r)
    assert (
        "A: resource rig is off on 2025-06-05 (day 3) (not a working "
        "weekday of their calendar) but the task holds it (days 2-4)"
    ) in found, found


NO_WED = {"workdays": ["Mon", "Tue", "Thu", "Fri"]}


def own(split: bool) -> Project:
    """A: 3 days, nobody, its own calendar off on Wednesdays (day 2)."""
    return make([{"id": "A", "duration": 3, "splittable": split,
                  "calendar": NO_WED}])


def alone(start: int, finish: int, duration: int) -> Result:
    r = result(start, finish, duration)
    r.tasks[0].people = []
    return r


def test_working_a_task_on_its_own_day_off_is_refused() -> None:
    # Days 0-2 take in Wed 4 Jun (day 2), the task's own day off; days
    # 3-5 (Thu, Fri, Mon) don't.
    assert (
        "A: its own calendar is off on 2025-06-04 (day 2) (not a working "
        "weekday of its calendar) but the task works then (days 0-2)"
    ) in violations(own(False), alone(0, 3, 3))
    assert violations(own(False), alone(3, 6, 3)) == []


@pytest.mark.parametrize(
    ("start", "finish", "duration", "match"),
    [
        (0, 4, 3, None),  # Mon, Tue, (Wed off), Thu: 3 days
        (0, 5, 3, "all work 4 days of days 0-4, not its duration 3"),
        (2, 6, 3, "starts and ends on days all its people work"),
    ],
)
def test_a_split_task_pauses_on_its_own_days_off(
    start: int, finish: int, duration: int, match: str | None
) -> None:
    found = violations(own(True), alone(start, finish, duration))
    if match is None:
        assert found == []
    else:
        assert any(re.search(match, v) for v in found), found
