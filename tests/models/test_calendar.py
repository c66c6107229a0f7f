"""WorkCalendar and the calendar helpers of Project.

Reference weeks (2025)::

    June 2025              July 2025
    Mo Tu We Th Fr Sa Su   Mo Tu We Th Fr Sa Su
    23 24 25 26 27 28 29       1  2  3  4  5  6
    30                      7  8  9 10 11 12 13

The default calendar below starts on Thu 2025-06-26, works Mon-Fri and has
a holiday on Fri 2025-07-04, so its first days are::

    day 0 Thu 06-26   day 1 Fri 06-27   day 2 Mon 06-30   day 3 Tue 07-01
    day 4 Wed 07-02   day 5 Thu 07-03   (Fri 07-04 holiday, weekend)
    day 6 Mon 07-07   day 7 Tue 07-08   ...              day 10 Fri 07-11
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plansat.models import Project, WorkCalendar
from plansat.models.calendar import WEEKDAYS
from plansat.schedule.windows import finish_bound

MON_FRI = ["Mon", "Tue", "Wed", "Thu", "Fri"]
JULY_4 = date(2025, 7, 4)


@pytest.fixture
def cal() -> WorkCalendar:
    """Thu 2025-06-26 start, Mon-Fri, holiday Fri 2025-07-04."""
    return WorkCalendar(date(2025, 6, 26), MON_FRI, [JULY_4])


# -- day 0 and the first days ------------------------------------------------


def test_first_days_skip_weekend_and_holiday(cal: WorkCalendar) -> None:
    # See the module docstring: the weekend 06-28/29, the holiday 07-04 and
    # the weekend 07-05/06 are skipped.
    assert cal.dates(8) == [
        date(2025, 6, 26),  # 0 Thu
        date(2025, 6, 27),  # 1 Fri
        date(2025, 6, 30),  # 2 Mon
        date(2025, 7, 1),  # 3 Tue
        date(2025, 7, 2),  # 4 Wed
        date(2025, 7, 3),  # 5 Thu
        date(2025, 7, 7),  # 6 Mon
        date(2025, 7, 8),  # 7 Tue
    ]
    assert cal.dates(0) == []


@pytest.mark.parametrize(
    ("start", "holidays", "day0", "day1"),
    [
        # Sat 06-28 start: day 0 is Mon 06-30, day 1 Tue 07-01.
        (date(2025, 6, 28), [], date(2025, 6, 30), date(2025, 7, 1)),
        # Sun 06-29 start: same.
        (date(2025, 6, 29), [], date(2025, 6, 30), date(2025, 7, 1)),
        # Fri 07-04 start on the holiday: next working day is Mon 07-07.
        (JULY_4, [JULY_4], date(2025, 7, 7), date(2025, 7, 8)),
        # Thu 12-25 start, holidays Thu 12-25 and Fri 12-26, then the
        # weekend: day 0 Mon 12-29, day 1 Tue 12-30.
        (
            date(2025, 12, 25),
            [date(2025, 12, 25), date(2025, 12, 26)],
            date(2025, 12, 29),
            date(2025, 12, 30),
        ),
        # Holiday on Mon 06-30 right after a Sat start: day 0 Tue 07-01.
        (
            date(2025, 6, 28),
            [date(2025, 6, 30)],
            date(2025, 7, 1),
            date(2025, 7, 2),
        ),
    ],
)
def test_day_zero_moves_to_next_working_day(
    start: date, holidays: list[date], day0: date, day1: date
) -> None:
    c = WorkCalendar(start, MON_FRI, holidays)
    assert c.date_of(0) == day0
    assert c.date_of(1) == day1
    # The start itself and everything up to day 0 maps to day 0 / -1.
    assert c.index_on_or_after(start) == 0
    assert c.index_on_or_before(start) == -1
    assert c.index_on_or_before(day0) == 0


def test_is_working(cal: WorkCalendar) -> None:
    assert cal.is_working(date(2025, 6, 27))  # Fri
    assert not cal.is_working(date(2025, 6, 28))  # Sat
    assert not cal.is_working(date(2025, 6, 29))  # Sun
    assert not cal.is_working(JULY_4)  # Fri, holiday
    # Holidays on weekend days change nothing.
    c = WorkCalendar(date(2025, 6, 26), MON_FRI, [date(2025, 6, 28)])
    assert c.date_of(2) == date(2025, 6, 30)  # Mon


def test_sunday_to_thursday_week() -> None:
    # Start Fri 06-27 (not a workday here): day 0 Sun 06-29, then Mon 06-30
    # ... Thu 07-03 = day 4; Fri 07-04 and Sat 07-05 off; Sun 07-06 = 5.
    c = WorkCalendar(date(2025, 6, 27), ["Sun", "Mon", "Tue", "Wed", "Thu"])
    assert c.dates(6) == [
        date(2025, 6, 29),  # 0 Sun
        date(2025, 6, 30),  # 1 Mon
        date(2025, 7, 1),  # 2 Tue
        date(2025, 7, 2),  # 3 Wed
        date(2025, 7, 3),  # 4 Thu
        date(2025, 7, 6),  # 5 Sun
    ]
    assert c.index_on_or_after(date(2025, 7, 4)) == 5  # Fri -> Sun 07-06
    assert c.index_on_or_before(date(2025, 7, 5)) == 4  # Sat -> Thu 07-03


def test_six_day_week() -> None:
    # Mon-Sat from Fri 06-27: Fri 0, Sat 1, (Sun off), Mon 06-30 2 ...
    # Sat 07-05 7, Mon 07-07 8.
    six = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    c = WorkCalendar(date(2025, 6, 27), six)
    assert c.date_of(0) == date(2025, 6, 27)  # Fri
    assert c.date_of(1) == date(2025, 6, 28)  # Sat
    assert c.date_of(2) == date(2025, 6, 30)  # Mon
    assert c.date_of(7) == date(2025, 7, 5)  # Sat
    assert c.date_of(8) == date(2025, 7, 7)  # Mon
    assert c.index_on_or_after(date(2025, 6, 29)) == 2  # Sun -> Mon
    assert c.index_on_or_before(date(2025, 6, 29)) == 1  # Sun -> Sat


def test_workday_order_is_irrelevant() -> None:
    a = WorkCalendar(date(2025, 6, 26), MON_FRI)
    b = WorkCalendar(date(2025, 6, 26), list(reversed(MON_FRI)))
    assert a.dates(20) == b.dates(20)


@pytest.mark.parametrize(
    ("workdays", "match"),
    [([], "at least one working weekday"), (["Monday"], "unknown weekday")],
)
def test_bad_workdays(workdays: list[str], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        WorkCalendar(date(2025, 6, 26), workdays)


def test_negative_index_is_an_error(cal: WorkCalendar) -> None:
    with pytest.raises(ValueError, match="before day 0"):
        cal.date_of(-1)


# -- index_on_or_after / index_on_or_before ----------------------------------


@pytest.mark.parametrize(
    ("day", "after", "before"),
    [
        (date(2025, 6, 1), 0, -1),  # Sun, weeks before the start
        (date(2025, 6, 25), 0, -1),  # Wed, the day before the start
        (date(2025, 6, 26), 0, 0),  # Thu, day 0 itself
        (date(2025, 6, 27), 1, 1),  # Fri, a working day
        (date(2025, 6, 28), 2, 1),  # Sat -> Mon 06-30 / Fri 06-27
        (date(2025, 6, 29), 2, 1),  # Sun -> Mon 06-30 / Fri 06-27
        (JULY_4, 6, 5),  # Fri holiday -> Mon 07-07 / Thu 07-03
        (date(2025, 7, 6), 6, 5),  # Sun after the holiday: same
        (date(2025, 7, 11), 10, 10),  # Fri, day 10
    ],
)
def test_index_on_or_after_and_before(
    cal: WorkCalendar, day: date, after: int, before: int
) -> None:
    assert cal.index_on_or_after(day) == after
    assert cal.index_on_or_before(day) == before


def test_far_future_crosses_chunks() -> None:
    # Mon 2025-06-02 start, Mon-Fri, no holidays.  2025-06-02 ->
    # 2030-06-02 is 5 * 365 + 1 (Feb 29 2028) = 1826 days, so Mon
    # 2030-06-03 is 1827 days = 261 weeks later: day 261 * 5 = 1305, past
    # two 512-day chunks.  Asked first, on a fresh calendar.
    c = WorkCalendar(date(2025, 6, 2), MON_FRI)
    assert c.index_on_or_after(date(2030, 6, 3)) == 1305
    assert c.index_on_or_before(date(2030, 6, 3)) == 1305
    # Sun 2030-06-02: after -> Mon (1305), before -> Fri 05-31 (1304).
    assert c.index_on_or_after(date(2030, 6, 2)) == 1305
    assert c.index_on_or_before(date(2030, 6, 2)) == 1304
    assert c.date_of(1305) == date(2030, 6, 3)
    # Day 2000 = 400 full weeks after the Monday start.
    fresh = WorkCalendar(date(2025, 6, 2), MON_FRI)
    assert fresh.date_of(2000) == date(2025, 6, 2) + timedelta(weeks=400)
    # Early days still answer correctly after the table has grown.
    assert c.date_of(4) == date(2025, 6, 6)  # Fri
    assert c.index_on_or_after(date(2025, 6, 7)) == 5  # Sat -> Mon 06-09


def test_chunk_boundary() -> None:
    # Mon 2025-06-02 start, Mon-Fri: day 511 = 102 weeks + 1 day (Tue),
    # day 512 = 102 weeks + 2 days (Wed), 514 the Fri of that week.
    c = WorkCalendar(date(2025, 6, 2), MON_FRI)
    tue = date(2025, 6, 2) + timedelta(weeks=102, days=1)
    assert c.date_of(0) == date(2025, 6, 2)  # fills days 0 .. 511
    assert c.date_of(511) == tue
    wed, sat = tue + timedelta(days=1), tue + timedelta(days=4)
    assert c.index_on_or_after(wed) == 512
    assert c.index_on_or_before(sat) == 514  # Sat -> Fri
    assert c.index_on_or_after(sat) == 515  # Sat -> next Mon
    assert c.date_of(512) == wed


# -- task dates, deadlines and vacations -------------------------------------


@pytest.mark.parametrize(
    ("start", "finish", "start_date", "finish_date"),
    [
        # a milestone at day 3 is dated as MS Project dates it, the end
        # of day 2 (Mon 06-30), not Tue 07-01 (day 3)
        (3, 3, date(2025, 6, 30), date(2025, 6, 30)),
        (0, 0, date(2025, 6, 26), date(2025, 6, 26)),  # milestone at day 0
        (0, 1, date(2025, 6, 26), date(2025, 6, 26)),  # one day, Thu
        (0, 5, date(2025, 6, 26), date(2025, 7, 2)),  # days 0-4: Wed 07-02
        (5, 7, date(2025, 7, 3), date(2025, 7, 7)),  # Thu -> Mon (holiday)
        # a milestone at day 6 (Mon 07-07): the end of day 5, Thu 07-03,
        # the holiday Fri 07-04 skipped
        (6, 6, date(2025, 7, 3), date(2025, 7, 3)),
    ],
)
def test_start_and_finish_dates(
    cal: WorkCalendar,
    start: int,
    finish: int,
    start_date: date,
    finish_date: date,
) -> None:
    assert cal.start_date(start, finish) == start_date
    assert cal.finish_date(start, finish) == finish_date
    if finish == start:
        assert cal.milestone_date(start) == start_date


@pytest.mark.parametrize(
    ("day", "index", "dated"),
    [
        # Mon 06-30 is day 2: a milestone at day 3 is dated Mon 06-30
        (date(2025, 6, 30), 3, date(2025, 6, 30)),
        # the holiday Fri 07-04: after day 5 (Thu 07-03), dated Thu
        (JULY_4, 6, date(2025, 7, 3)),
        # Sun 06-29: after day 1 (Fri 06-27), dated Fri
        (date(2025, 6, 29), 2, date(2025, 6, 27)),
        # day 0 itself: after day 0 (index 1), dated day 0 again
        (date(2025, 6, 26), 1, date(2025, 6, 26)),
        # before the start: day 0, dated day 0
        (date(2025, 6, 25), 0, date(2025, 6, 26)),
    ],
)
def test_milestone_day_of_a_date(
    cal: WorkCalendar, day: date, index: int, dated: date
) -> None:
    assert cal.milestone_day(day) == index
    assert cal.milestone_date(index) == dated


@pytest.mark.parametrize(
    ("deadline", "bound"),
    [
        (date(2025, 6, 29), 2),  # Sun: last day Fri 06-27 = day 1
        (date(2025, 6, 28), 2),  # Sat: same
        (date(2025, 6, 27), 2),  # Fri itself: finish 2 ends on day 1
        (JULY_4, 6),  # holiday Fri: last day Thu 07-03 = day 5
        (date(2025, 7, 6), 6),  # Sun after the holiday: same
        (date(2025, 6, 26), 1),  # day 0 itself
        (date(2025, 6, 25), 0),  # before the start: nothing ends by it
    ],
)
def test_finish_bound(cal: WorkCalendar, deadline: date, bound: int) -> None:
    assert cal.finish_bound(deadline) == bound
    if bound > 0:  # a task finishing at the bound ends on/before it
        assert cal.finish_date(bound - 1, bound) <= deadline
        assert cal.finish_date(bound, bound + 1) > deadline


@pytest.mark.parametrize(
    ("first", "last", "days"),
    [
        # Fri 06-27 .. Tue 07-01 spans a weekend: Fri, Mon, Tue = 1, 2, 3.
        (date(2025, 6, 27), date(2025, 7, 1), range(1, 4)),
        # Thu 07-03 .. Mon 07-07 spans holiday + weekend: days 5 and 6.
        (date(2025, 7, 3), date(2025, 7, 7), range(5, 7)),
        # Sat 06-28 .. Sun 06-29: only a weekend, no working day.
        (date(2025, 6, 28), date(2025, 6, 29), range(2, 2)),
        # The holiday alone (Fri 07-04): empty.
        (JULY_4, JULY_4, range(6, 6)),
        # Entirely before the start (Sun 06-01 .. Fri 06-20): empty.
        (date(2025, 6, 1), date(2025, 6, 20), range(0, 0)),
        # Overlapping the start (Mon 06-23 .. Fri 06-27): days 0 and 1.
        (date(2025, 6, 23), date(2025, 6, 27), range(0, 2)),
    ],
)
def test_days_between(
    cal: WorkCalendar, first: date, last: date, days: range
) -> None:
    got = cal.days_between(first, last)
    assert list(got) == list(days)


# -- Project helpers --


@pytest.fixture
def project(make_project: Callable[..., dict[str, Any]]) -> Project:
    """The default calendar as a project, with a project deadline on Fri
    07-11 (day 10) and three tasks with different date constraints."""
    data = make_project(
        start="2025-06-26",
        calendar={"workdays": MON_FRI, "holidays": ["2025-07-04"]},
        deadline="2025-07-11",
        people=[
            {
                "id": "alice",
                "skills": {"backend": 4},
                "unavailable": [
                    {"start": "2025-06-28", "end": "2025-06-29"},  # weekend
                    {"start": "2025-06-27", "end": "2025-07-01"},  # Fri-Tue
                    {"start": "2025-06-01", "end": "2025-06-20"},  # before
                    {"start": "2025-07-04", "end": "2025-07-04"},  # holiday
                    {"start": "2025-07-03", "end": "2025-07-07"},  # Thu-Mon
                ],
            }
        ],
        resources=[],
        tasks=[
            {"id": "A", "duration": 1},
            {
                "id": "B",
                "duration": 1,
                "earliest_start": "2025-06-28",  # Sat
                "deadline": "2025-07-06",  # Sun
            },
            {
                "id": "C",
                "duration": 1,
                "earliest_start": "2025-07-04",  # holiday
                "deadline": "2025-07-11",  # Fri, same as the project
            },
            {
                "id": "D",
                "duration": 1,
                "earliest_start": "2025-06-01",  # before the start
            },
        ],
    )
    return Project.from_data(data)


def test_project_work_calendar(project: Project, cal: WorkCalendar) -> None:
    assert project.work_calendar.dates(12) == cal.dates(12)


def test_blocked_days(project: Project) -> None:
    # weekend-only, before-start and holiday-only ranges are empty and
    # dropped; Fri 06-27..Tue 07-01 = days 1-3; Thu 07-03..Mon 07-07 =
    # days 5-6.
    assert project.blocked_days(project.person("alice")) == [
        range(1, 4),
        range(5, 7),
    ]


def test_blocked_days_none(ecommerce: Project) -> None:
    assert ecommerce.blocked_days(ecommerce.person("alice")) == []
    # carol is away Mon 07-21 .. Fri 07-25.  ecommerce starts Thu 06-26
    # with holidays 07-04 and 09-01: Mon 07-07 = day 6, so Mon 07-21 =
    # day 16 and Fri 07-25 = day 20.
    assert ecommerce.blocked_days(ecommerce.person("carol")) == [range(16, 21)]


@pytest.mark.parametrize(
    ("task_id", "index"),
    [
        ("A", 0),  # no earliest_start
        ("B", 2),  # Sat 06-28 -> Mon 06-30 = day 2
        ("C", 6),  # holiday Fri 07-04 -> Mon 07-07 = day 6
        ("D", 0),  # before the project start
    ],
)
def test_earliest_start_index(
    project: Project, task_id: str, index: int
) -> None:
    assert project.earliest_start_index(project.task(task_id)) == index


@pytest.mark.parametrize(
    ("task_id", "bound"),
    [
        ("A", 11),  # only the project deadline Fri 07-11 = day 10
        ("B", 6),  # Sun 07-06 -> Thu 07-03 = day 5: min(6, 11)
        ("C", 11),  # both Fri 07-11
    ],
)
def test_project_finish_bound(
    project: Project, task_id: str, bound: int
) -> None:
    assert finish_bound(project, project.task(task_id)) == bound


def test_finish_bound_task_later_than_project(
    make_project: Callable[..., dict[str, Any]],
) -> None:
    # Start Mon 2025-06-02, holiday Mon 06-09 (SMALL_PROJECT calendar).
    # Project deadline Fri 06-06 = day 4 -> 5; task deadline Fri 06-13:
    # Tue 06-10 is day 5 (after the holiday), Fri 06-13 day 8 -> 9.
    data = make_project(deadline="2025-06-06")
    data["tasks"][0]["deadline"] = "2025-06-13"
    p = Project.from_data(data)
    assert finish_bound(p, p.tasks[0]) == 5  # min(9, 5)
    assert finish_bound(p, p.tasks[1]) == 5  # project deadline only
    q = Project.from_data(make_project())
    assert finish_bound(q, q.tasks[0]) is None  # no deadline at all
    data = make_project()
    data["tasks"][0]["deadline"] = "2025-06-13"
    r = Project.from_data(data)
    assert finish_bound(r, r.tasks[0]) == 9  # task deadline only


def test_ecommerce_finish_date(ecommerce: Project) -> None:
    # 55 working days from Thu 06-26 with holidays Fri 07-04 and Mon 09-01:
    # Mon 07-07 = day 6; Mon 09-01 would be day 6 + 8 * 5 = 46 but is a
    # holiday, so Tue 09-02 = 46, Fri 09-05 = 49, Mon 09-08 = 50 and
    # Fri 09-12 = 54, the last day of a 55-day project.
    cal = ecommerce.work_calendar
    assert cal.finish_date(0, 55) == date(2025, 9, 12)
    assert cal.index_on_or_after(date(2025, 9, 1)) == 46


# -- properties --

BASE = date(2025, 1, 1)
CalendarArgs = tuple[date, list[str], list[date]]


@st.composite
def calendar_args(draw: st.DrawFn) -> CalendarArgs:
    """Random start, non-empty workday set and holidays near the start."""
    start = BASE + timedelta(days=draw(st.integers(0, 3000)))
    workdays = draw(
        st.lists(
            st.sampled_from(WEEKDAYS), min_size=1, max_size=7, unique=True
        )
    )
    holidays = draw(
        st.lists(
            st.integers(-20, 1500).map(lambda k: start + timedelta(days=k)),
            max_size=40,
        )
    )
    return start, workdays, holidays


def _dates_near(start: date) -> st.SearchStrategy[date]:
    return st.integers(-100, 2500).map(lambda k: start + timedelta(days=k))


@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_property_index_on_or_after(data: st.DataObject) -> None:
    args = data.draw(calendar_args())
    cal = WorkCalendar(*args)
    day = data.draw(_dates_near(cal.start))
    i = cal.index_on_or_after(day)
    found = cal.date_of(i)
    assert found >= day
    assert found >= cal.start
    assert cal.is_working(found)
    if i > 0:
        assert cal.date_of(i - 1) < day
    # Nothing working on the axis strictly between ``day`` and ``found``.
    gap = [day + timedelta(days=k) for k in range((found - day).days)]
    assert not any(d >= cal.start and cal.is_working(d) for d in gap)


@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_property_after_and_before_consistent(data: st.DataObject) -> None:
    args = data.draw(calendar_args())
    cal = WorkCalendar(*args)
    d1, d2 = sorted(
        data.draw(st.lists(_dates_near(cal.start), min_size=2, max_size=2))
    )
    a1, b1 = cal.index_on_or_after(d1), cal.index_on_or_before(d1)
    a2, b2 = cal.index_on_or_after(d2), cal.index_on_or_before(d2)
    # Monotone in the date.
    assert a1 <= a2
    assert b1 <= b2
    # before <= after, equal exactly on working days from the start on.
    on_axis = d1 >= cal.start and cal.is_working(d1)
    assert (a1 == b1) == on_axis
    if not on_axis:
        assert b1 == a1 - 1
    if b1 >= 0:
        assert cal.date_of(b1) <= d1
        assert cal.is_working(cal.date_of(b1))
    else:
        assert d1 < cal.date_of(0)
    # A fresh calendar (another growth history) gives the same answers.
    fresh = WorkCalendar(*args)
    assert fresh.index_on_or_before(d2) == b2
    assert fresh.index_on_or_after(d1) == a1


@settings(max_examples=60, deadline=None)
@given(args=calendar_args(), index=st.integers(0, 1500))
def test_property_inverse_on_working_days(
    args: CalendarArgs, index: int
) -> None:
    cal = WorkCalendar(*args)
    day = cal.date_of(index)
    assert cal.is_working(day)
    assert cal.index_on_or_after(day) == index
    assert cal.index_on_or_before(day) == index
    assert cal.days_between(day, day) == range(index, index + 1)
    assert cal.finish_bound(day) == index + 1


def test_end_of_the_calendar() -> None:
    # Mon 9999-12-27 .. Fri 9999-12-31 (= date.max) are days 0-4; there
    # is no day 5.  Regression: growing the table used to overflow.
    c = WorkCalendar(date(9999, 12, 27), MON_FRI)
    assert c.index_on_or_before(date.max) == 4
    assert c.index_on_or_after(date.max) == 4
    assert c.finish_bound(date.max) == 5
    with pytest.raises(ValueError, match="after 9999-12-31"):
        c.date_of(5)
    # Only Mondays, from Thu 9999-12-30: no working day at all.
    mondays = WorkCalendar(date(9999, 12, 30), ["Mon"])
    assert mondays.index_on_or_before(date.max) == -1
    with pytest.raises(ValueError, match="after 9999-12-31"):
        mondays.date_of(0)


# -- far dates: counted, not scanned ------------------------------------------


def _busdays(args: CalendarArgs, day: date) -> int:
    """numpy's count of the working days in ``[start, day)``: an
    independent implementation of ``index_on_or_after``."""
    start, workdays, holidays = args
    if day <= start:
        return 0
    mask = [d in workdays for d in WEEKDAYS]
    return int(np.busday_count(start, day, weekmask=mask, holidays=holidays))


@settings(max_examples=80, deadline=None)
@given(
    args=calendar_args(),
    far=st.integers(0, (date.max - BASE).days).map(
        lambda k: BASE + timedelta(days=k)
    ),
    grown=st.integers(0, 1500),
)
def test_property_far_dates_match_numpy(
    args: CalendarArgs, far: date, grown: int
) -> None:
    # Dates anywhere up to date.max, on a calendar whose table holds
    # ``grown`` days or none: the week arithmetic agrees with numpy.
    cal = WorkCalendar(*args)
    if grown:
        cal.date_of(grown)
    expected = _busdays(args, far)
    assert cal.index_on_or_after(far) == expected
    if far < date.max:
        after = _busdays(args, far + timedelta(days=1))
    else:
        after = expected + cal.is_working(far)
    assert cal.index_on_or_before(far) == after - 1


def test_date_max_is_counted_at_once() -> None:
    # Mon 2025-06-02 .. Fri 9999-12-31 spans 2,912,656 dates = 416,093
    # weeks and 5 days (Mon-Fri), so 416,093 * 5 + 5 = 2,080,470 working
    # days: counted, without scanning 8,000 years of dates.
    start = date(2025, 6, 2)
    assert (date.max - start).days + 1 == 416_093 * 7 + 5
    c = WorkCalendar(start, MON_FRI)
    assert c.index_on_or_before(date.max) == 2_080_469
    assert c.finish_bound(date.max) == 2_080_470
    assert c.index_on_or_after(date.max) == 2_080_469
    # A holiday on a working day removes one; on a Sunday, none.
    holidays = [date(9999, 12, 30), date(9999, 12, 26)]  # Thu, Sun
    h = WorkCalendar(start, MON_FRI, holidays)
    assert h.index_on_or_before(date.max) == 2_080_468
    assert c.date_of(3) == date(2025, 6, 5)  # the table still works
