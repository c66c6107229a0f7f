"""People's own calendars in the contract: validation and the one
definition of the days they are blocked.

START is Monday 2025-06-02: days 0-4 are 2-6 Jun, days 5-9 9-13 Jun.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from plansat import Project
from plansat.models import ProjectError
from plansat.schedule.windows import days_away
from tests.helpers import START, make

TASK = [{"id": "A", "duration": 1}]


def person(calendar: dict[str, Any], **more: Any) -> Project:
    return make(TASK, people=[{"id": "pat", "calendar": calendar, **more}])


def blocked(p: Project) -> list[range]:
    return p.blocked_days(p.person("pat"))[:3]


def test_mon_to_wed_is_off_thursdays_and_fridays() -> None:
    assert blocked(person({"workdays": ["Mon", "Tue", "Wed"]})) == [
        range(3, 5), range(8, 10), range(13, 15)]


def test_days_off_merge_with_vacations() -> None:
    # Off Thu-Fri (days 3-4) and away Mon 9 - Tue 10 Jun (days 5-6):
    # one range, days 3-6.
    p = person({"workdays": ["Mon", "Tue", "Wed"]}, unavailable=[
        {"start": "2025-06-09", "end": "2025-06-10"}])
    assert blocked(p)[:2] == [range(3, 7), range(8, 10)]


def test_region_and_own_holidays() -> None:
    # Whit Monday 9 Jun 2025 (day 5) in Bavaria; an own holiday on
    # Wed 4 Jun (day 2).
    p = person({"region": {"country": "DE", "subdivision": "BY"},
                "holidays": ["2025-06-04"]})
    assert blocked(p)[:2] == [range(2, 3), range(5, 6)]


def test_two_week_pattern_from_a_given_week() -> None:
    # Week 0 is the week of 9 Jun: off then, working the week of 2 Jun
    # (week 1 of the pattern).
    p = person({"weeks": [[], ["Mon", "Tue", "Wed", "Thu", "Fri"]],
                "weeks_from": "2025-06-11"})
    assert blocked(p)[:2] == [range(5, 10), range(15, 20)]


def test_project_region_takes_days_off_the_grid() -> None:
    # Independence Day, Fri 4 Jul 2025, is not a working day.
    p = make(TASK, calendar={"region": {"country": "US"}})
    assert not p.work_calendar.is_working(date(2025, 7, 4))
    assert p.work_calendar.is_working(date(2025, 7, 3))


def test_a_calendar_like_the_projects_blocks_nothing() -> None:
    p = person({"workdays": ["Mon", "Tue", "Wed", "Thu", "Fri"]})
    assert blocked(p) == []
    assert p.crude_horizon == make(TASK, people=[{"id": "pat"}]).crude_horizon


def test_days_away_count_days_off() -> None:
    p = person({"workdays": ["Mon", "Tue", "Wed"]})
    assert days_away(p, p.person("pat"), 10) == 4


@pytest.mark.parametrize(
    ("data", "match"),
    [
        ({"people": [{"id": "p", "calendar": {"region": {"country": "XX"}}}]},
         r"people\[0\]\.calendar\.region.*unknown region"),
        ({"people": [{"id": "p", "calendar": {"region": {
            "country": "DE", "subdivision": "ZZ"}}}]},
         r"people\[0\]\.calendar\.region.*subdivision ZZ"),
        ({"people": [{"id": "p", "calendar": {"workdays": ["Sat"]}}]},
         r"people\[0\]\.calendar: p works none of the project's"),
        ({"people": [{"id": "p", "calendar": {"weeks": [[], []]}}]},
         r"people\[0\]\.calendar\.weeks.*no working day"),
        ({"people": [{"id": "p", "calendar": {"weeks": [["Mon", "Mon"]]}}]},
         r"week 0: a weekday is listed twice"),
        ({"calendar": {"weeks": [["Mon"]]}},
         r"calendar\.weeks: the project's calendar sets the day grid"),
        ({"tasks": [{"id": "A", "duration": 2, "splittable": True,
                     "crash": {"duration": 1}}]},
         r"tasks\[0\].*splittable task can't have modes or a crash"),
        ({"splittable": True, "tasks": [{"id": "A", "duration": 2,
                                         "crash": {"duration": 1}}]},
         r"tasks\[0\]: the project is splittable"),
    ],
)
def test_bad_calendars(data: dict[str, Any], match: str) -> None:
    with pytest.raises(ProjectError, match=match):
        Project.from_data({"start": START, "tasks": TASK, **data})


def test_bad_resource_calendars() -> None:
    with pytest.raises(ProjectError, match=r"resources\[0\]\.calendar: "
                       r"b is consumed"):
        Project.from_data({"start": START, "tasks": TASK, "resources": [
            {"id": "b", "capacity": 3, "renewable": False,
             "calendar": {"workdays": ["Mon"]}}]})
    with pytest.raises(ProjectError, match=r"resources\[0\]\.calendar: "
                       r"rig works none"):
        Project.from_data({"start": START, "tasks": TASK, "resources": [
            {"id": "rig", "capacity": 1,
             "calendar": {"workdays": ["Sun"]}}]})
