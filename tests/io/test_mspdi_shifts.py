"""Night shifts, tasks worked by several shifts and splits made by hand,
from MS Project files.

The hand-made files start on Monday 2 June 2025 (08:00) on MS Project's
standard calendar (Mon-Fri 08:00-12:00, 13:00-17:00).  Calendar 2 is MS
Project's own "Night Shift" base calendar: Monday 23:00-24:00, Tuesday
to Friday 00:00-03:00, 04:00-08:00 and 23:00-24:00, Saturday
00:00-03:00 and 04:00-08:00.  Read by shifts (each attributed to the date
it starts on), its owner works five 8-hour shifts, Monday to Friday;
read per date, they would work Saturday (the end of Friday's shift).
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plansat import SolveStatus, critical_path, solve
from plansat.check import violations
from plansat.io.mspdi import parse_mspdi, read_mspdi, to_mspdi
from plansat.io.mspdi.calendar_shifts import shift_of, week_shifts
from plansat.models import ProjectError
from tests.helpers import solved
from tests.helpers.mspdi_files import DATA, mspdi, task

NIGHT = [(0, 180), (240, 480), (1380, 1440)]
NIGHT_WEEK = [[(1380, 1440)], NIGHT, NIGHT, NIGHT, NIGHT,
              [(0, 180), (240, 480)], []]  # Monday first


def _times(*spans: tuple[str, str]) -> str:
    return "<WorkingTimes>" + "".join(
        f"<WorkingTime><FromTime>{a}:00</FromTime><ToTime>{b}:00</ToTime>"
        "</WorkingTime>" for a, b in spans) + "</WorkingTimes>"


def _night_calendar(uid: int = 2, exceptions: str = "") -> str:
    late = ("23:00", "00:00")
    early = (("00:00", "03:00"), ("04:00", "08:00"))
    days = {1: None, 2: (late,), 3: (*early, late), 4: (*early, late),
            5: (*early, late), 6: (*early, late), 7: early}
    week = "".join(
        f"<WeekDay><DayType>{d}</DayType><DayWorking>{int(bool(t))}"
        f"</DayWorking>{_times(*t) if t else ''}</WeekDay>"
        for d, t in days.items())
    return (f"<Calendar><UID>{uid}</UID><Name>Night Shift</Name>"
            "<IsBaseCalendar>1</IsBaseCalendar><BaseCalendarUID>-1"
            f"</BaseCalendarUID><WeekDays>{week}{exceptions}</WeekDays>"
            "</Calendar>")


def _own(uid: int, name: str, base: int) -> str:
    return (f"<Calendar><UID>{uid}</UID><Name>{name}</Name>"
            "<IsBaseCalendar>0</IsBaseCalendar>"
            f"<BaseCalendarUID>{base}</BaseCalendarUID></Calendar>")


def _resource(uid: int, name: str, calendar: int) -> str:
    return (f"<Resource><UID>{uid}</UID><ID>{uid}</ID><Name>{name}</Name>"
            "<Type>1</Type><MaxUnits>1</MaxUnits>"
            f"<CalendarUID>{calendar}</CalendarUID></Resource>")


def _assignment(uid: int, task_uid: int, res: int, hours: int) -> str:
    return (f"<Assignment><UID>{uid}</UID><TaskUID>{task_uid}</TaskUID>"
            f"<ResourceUID>{res}</ResourceUID><Units>1</Units>"
            f"<Work>PT{hours}H0M0S</Work></Assignment>")


def _day_and_night(hours: float, finish: str = "2025-06-05T08:00:00",
                   exceptions: str = "") -> bytes:
    """Ann (day shift) and Ned (night shift) on task 1, 24 hours of work
    each, from Monday 08:00 to ``finish``; the task's Duration is
    ``hours``."""
    return mspdi(
        task(1, "Both", hours=hours,
             extra=f"<Start>2025-06-02T08:00:00</Start><Finish>{finish}"
                   "</Finish>"),
        resources=_resource(1, "Ann", 3) + _resource(2, "Ned", 4),
        assignments=_assignment(1, 1, 1, 24) + _assignment(2, 1, 2, 24),
        calendars=(_night_calendar(exceptions=exceptions)
                   + _own(3, "Ann", 1) + _own(4, "Ned", 2)),
    )


def test_a_shift_belongs_to_the_date_it_starts_on() -> None:
    # Monday's shift: 23:00-24:00 and Tuesday 00:00-08:00 (8 hours, the
    # 03:00 break inside it); Saturday 00:00-08:00 ends Friday's shift.
    assert week_shifts(NIGHT_WEEK) == [480, 480, 480, 480, 480, 0, 0]
    # Working round the clock never breaks: each date keeps its own.
    assert week_shifts([[(0, 1440)]] * 7) == [1440] * 7
    # A day shift reads per date, as before.
    day = [(480, 720), (780, 1020)]
    assert week_shifts([day] * 5 + [[], []]) == [480] * 5 + [0, 0]
    # A break of 4 hours or more starts a new shift: 20:00-22:00 and
    # 02:00-06:00 the next date are two shifts of two dates.
    assert shift_of([[], [], [(1200, 1320)], [(120, 360)]]) == [(1200, 1320)]


def _pieces(cuts: list[int]) -> list[tuple[int, int]]:
    """Sorted, disjoint pieces from an even number of cut points."""
    points = sorted(set(cuts))
    points = points[:len(points) // 2 * 2]
    return [(points[k], points[k + 1]) for k in range(0, len(points), 2)]


_week = st.lists(
    st.lists(st.integers(0, 1440), max_size=6).map(_pieces),
    min_size=7, max_size=7)


@settings(max_examples=200, deadline=None)
@given(_week)
def test_shifts_keep_every_minute_of_the_week(
    week: list[list[tuple[int, int]]]
) -> None:
    # Each piece is in exactly one shift: the week's working time is the
    # sum of its shifts; a date works when it has working time left.
    assert sum(week_shifts(week)) == sum(b - a for d in week for a, b in d)


@settings(max_examples=200, deadline=None)
@given(st.lists(
    st.lists(st.integers(240, 1200), max_size=6).map(_pieces),
    min_size=7, max_size=7))
def test_a_week_away_from_midnight_reads_per_date(
    week: list[list[tuple[int, int]]]
) -> None:
    # Working time at least 4 hours from midnight never joins the next
    # date's: each date's shift is its own working time.
    assert week_shifts(week) == [sum(b - a for a, b in d) for d in week]


def test_night_shift_works_monday_to_friday_and_explains_the_duration(
) -> None:
    # Task 1: Ann works Mon 2, Tue 3, Wed 4 June 08:00-17:00 (24 h), Ned
    # the nights that start Mon 2, Tue 3, Wed 4 at 23:00 (24 h, ending
    # Thu 5 June 08:00, MS Project's Finish).  MS Project's Duration
    # counts their working time together: 48 h, six 8-hour "days"; each
    # of them works 3 days (24 h / 100 % / 8 h), Monday to Wednesday.
    imported = parse_mspdi(_day_and_night(48))
    assert imported.warnings == []
    project = imported.project
    ned = project.person("2")
    assert ned.calendar is None  # works the project's Mon-Fri
    both = project.task("1")
    assert both.duration == 3 and not both.splittable
    result = solved(project)
    row = result.task("1")
    assert (row.start_date, row.finish_date) == (date(2025, 6, 2),
                                                 date(2025, 6, 4))


def test_a_duration_the_shifts_do_not_explain_is_still_a_warning() -> None:
    # The same people, but a Duration of 40 h: their working time from
    # Monday 08:00 to Thursday 08:00 is 48 h, so the calendars don't
    # explain it; the task keeps its 5 days, with the warning.
    imported = parse_mspdi(_day_and_night(40))
    assert imported.project.task("1").duration == 5
    assert [w for w in imported.warnings if "span 3 working days for a "
            "duration of 5" in w]


def test_a_holiday_of_a_night_worker_is_the_date_its_shift_starts() -> None:
    # A non-working exception on Wednesday 4 June: no shift starts that
    # date (Tuesday's still does, at 23:00), so Ned is away on the 4th.
    holiday = ("<WeekDay><DayType>0</DayType><DayWorking>0</DayWorking>"
               "<TimePeriod><FromDate>2025-06-04T00:00:00</FromDate>"
               "<ToDate>2025-06-04T23:59:00</ToDate></TimePeriod>"
               "</WeekDay>")
    imported = parse_mspdi(_day_and_night(48, exceptions=holiday))
    ned = imported.project.person("2")
    assert [(r.start, r.end) for r in ned.unavailable] == [
        (date(2025, 6, 4), date(2025, 6, 4))]


def test_a_weekend_night_shift_is_a_weekend_day_and_is_reported() -> None:
    # Saturday 23:00 to Sunday 07:00: one shift, Saturday's; the project
    # doesn't work Saturdays, so the reader says so.
    week = "".join(
        f"<WeekDay><DayType>{d}</DayType><DayWorking>{int(d in (1, 7))}"
        "</DayWorking>"
        + (_times(("00:00", "07:00")) if d == 1 else "")
        + (_times(("23:00", "00:00")) if d == 7 else "")
        + "</WeekDay>" for d in range(1, 8))
    cal = (f"<Calendar><UID>2</UID><Name>Weekend</Name><IsBaseCalendar>1"
           "</IsBaseCalendar><BaseCalendarUID>-1</BaseCalendarUID>"
           f"<WeekDays>{week}</WeekDays></Calendar>")
    imported = parse_mspdi(mspdi(task(1), resources=_resource(1, "Wes", 2),
                                 calendars=cal))
    assert imported.warnings == [
        "resource UID 1 (Wes): works Sat in calendar 'Weekend', days the "
        "project doesn't work (Mon, Tue, Wed, Thu, Fri); plansat plans on "
        "the project's working days",
        "resource UID 1 (Wes): its calendar 'Weekend' works none of the "
        "project's weekdays; left out"]


@pytest.mark.parametrize(
    ("calendars", "resource_cal", "match"),
    [
        # A person's calendar with no working time at all.
        ("<Calendar><UID>2</UID><Name>Never</Name><IsBaseCalendar>1"
         "</IsBaseCalendar><BaseCalendarUID>-1</BaseCalendarUID><WeekDays>"
         + "".join(f"<WeekDay><DayType>{d}</DayType><DayWorking>0"
                   "</DayWorking></WeekDay>" for d in range(1, 8))
         + "</WeekDays></Calendar>", 2,
         r"resource UID 1 \(Ann\): its calendar 'Never' works none of the "
         r"project's weekdays; left out"),
    ],
)
def test_bad_person_calendars_are_warnings(
    calendars: str, resource_cal: int, match: str
) -> None:
    imported = parse_mspdi(mspdi(task(1), calendars=calendars,
                                 resources=_resource(1, "Ann",
                                                     resource_cal)))
    assert [w for w in imported.warnings if re.search(match, w)], (
        imported.warnings)


def test_a_project_calendar_without_working_time_is_an_error() -> None:
    never = "".join(f"<WeekDay><DayType>{d}</DayType><DayWorking>0"
                    "</DayWorking></WeekDay>" for d in range(1, 8))
    data = mspdi(task(1)).replace(
        b"<CalendarUID>1</CalendarUID>", b"<CalendarUID>9</CalendarUID>"
    ).replace(b"</Calendars>", (
        "<Calendar><UID>9</UID><Name>Closed</Name><IsBaseCalendar>1"
        "</IsBaseCalendar><BaseCalendarUID>-1</BaseCalendarUID><WeekDays>"
        f"{never}</WeekDays></Calendar></Calendars>").encode())
    with pytest.raises(ProjectError,
                       match="the project calendar 'Closed' has no "
                             "working weekday"):
        parse_mspdi(data)


# -- MS Project's sample files -------------------------------------------

needs_data = pytest.mark.skipif(
    not DATA.is_dir(), reason=f"MSPDI samples not found at {DATA}")

#: What the reader said before shifts were read (none may be left).
OLD = ("works Sat in calendar", "its Start and Finish span")


def _old(warnings: list[str]) -> list[str]:
    return [w for w in warnings if any(o in w for o in OLD)]


@needs_data
def test_mspdiresource_task_a_is_three_days_of_all_its_people() -> None:
    # Task A (UID 2): Start Fri 2006-08-25 08:00, Finish Wed 2006-08-30
    # 08:00, Duration PT48H.  Wade Golden and Jon Iles (standard
    # calendar) work 24 h each: Fri 25, Mon 28, Tue 29.  Brian Leach
    # (Night Shift) works 24 h: the shifts starting Fri 25, Mon 28 and
    # Tue 29 at 23:00 (the last ends Wed 08:00).  48 h = 24 h of days +
    # 24 h of nights; in plansat days: 3 days (Fri, Mon, Tue), all three
    # people.  MS Project's dates read on the day grid: Fri 25 - Tue 29.
    imported = read_mspdi(DATA / "mspdiresource.xml")
    assert _old(imported.warnings) == []
    project = imported.project
    assert project.person("3").calendar is None  # Brian: Mon-Fri nights
    task_a = project.task("2")
    assert task_a.duration == 3
    assert sorted(task_a.assigned) == ["1", "2", "3"]
    # Completed Task (UID 4, done: actuals Sat 26 - Tue 29 Aug) has Wade
    # Golden at 100 % on Mon 28 and Tue 29 too: MS Project saved him
    # over-allocated there, and the checker says so of the plan's
    # history; it finds nothing else.
    result = solve(project, time_limit=10, workers=1)
    assert result.status == SolveStatus.OPTIMAL
    assert violations(project, result) == [
        "4: 1 is over-allocated on 2006-08-28 (day 1): 200% > 100% "
        "(with 2)"]
    row = result.task("2")
    assert (row.start_date, row.finish_date) == (date(2006, 8, 25),
                                                 date(2006, 8, 29))


@needs_data
@pytest.mark.parametrize("name", ["sample.xml", "sample1.xml"])
def test_sample_second_task_is_fifty_days_of_day_and_night(name: str) -> None:
    # Second Task (UID 2): Start Tue 2003-01-07 08:00, Finish Tue
    # 2003-03-18 08:00, Duration PT800H.  First Resource works 200 h at
    # 50 % of 8-hour days: 50 days, Tue 7 Jan - Mon 17 Mar (4 + 9 weeks
    # of 5 + 1); Second Resource 300 h at 75 % of 8-hour night shifts: 50
    # shifts starting Tue 7 Jan 23:00 ... Mon 17 Mar 23:00 (the last
    # ends at the task's Finish).  800 h = 400 h of days + 400 h of
    # nights.  In plansat days: 50 days, 7 Jan - 17 Mar.
    imported = read_mspdi(DATA / name)
    assert _old(imported.warnings) == []
    project = imported.project
    assert project.person("2").calendar is None  # nights Mon-Fri
    assert project.task("2").duration == 50
    if name == "sample1.xml":
        # Assigned Task 2 (UID 24): Second Resource, 40 h at 100 %: the
        # nights starting Tue 7, Wed 8, Thu 9, Fri 10 and Mon 13 Jan
        # (Start Tue 7 Jan 23:00, Finish Tue 14 Jan 08:00): 5 days, 7 - 13
        # Jan.  Read on the project's day shift, 23:00 was Wednesday.
        assert project.task("24").duration == 5
    if name == "sample1.xml":
        # sample1 gives every task a Deadline of 17 Mar and pins First
        # Resource to Second Task (50 %) and Assigned Task 1 (100 %) at
        # once, as MS Project saved it over-allocated: no plan that
        # levels them meets the deadlines.  The dates without levelling
        # are MS Project's (Assigned Task 2: 7 - 13 Jan).
        assert solve(project, time_limit=10, workers=1).status == (
            SolveStatus.INFEASIBLE)
        report = critical_path(project)
        rows = {t: report.task(t) for t in ("2", "24")}
        assert {t: (r.start_date, r.finish_date)
                for t, r in rows.items()} == {
            "2": (date(2003, 1, 7), date(2003, 3, 17)),
            "24": (date(2003, 1, 7), date(2003, 1, 13))}
        return
    row = solved(project).task("2")
    assert (row.start_date, row.finish_date) == (date(2003, 1, 7),
                                                 date(2003, 3, 17))


@needs_data
def test_mspdisplittask_reads_a_split_by_hand_as_the_task_s_days_off(
) -> None:
    # Split Task 1 (UID 1): no resources; its timephased work has 8 h on
    # Thu 21, Fri 22, Mon 25, Tue 26 Sep, none Wed 27 - Fri 29 Sep, 8 h
    # Mon 2 - Fri 6 and Mon 9 Oct: 10 working days in two segments.
    # Split Task 2 (UID 2): 8 h on Thu 21 - Mon 25 Sep, none Tue 26 -
    # Wed 27 Sep, 8 h Thu 28 Sep - Wed 4 Oct, none Thu 5 - Mon 9 Oct,
    # 8 h Tue 10 - Wed 18 Oct: 3 + 5 + 7 = 15 days.  The pauses are read
    # as holidays of each task's own calendar, the tasks as splittable:
    # from the project start Thu 21 Sep (day 0) Split Task 1 works days
    # 0-3, pauses days 4-6, works days 7-12: Finish Mon 9 Oct; Split
    # Task 2 works days 0-2, 5-9 and 13-19: Finish Wed 18 Oct, the
    # <Start>/<Finish> MS Project saved for both.
    imported = read_mspdi(DATA / "mspdisplittask.xml")
    assert _old(imported.warnings) == []
    assert not any("no field" in w for w in imported.warnings)
    notes = [w for w in imported.warnings if "split by hand" in w]
    assert notes == [
        "task UID 1 (Split Task 1): split by hand in MS Project into "
        "segments 2006-09-21..2006-09-26, 2006-10-02..2006-10-09; read as "
        "the task's own days off on 2006-09-27..2006-09-29 (a task "
        "calendar); the pause stays on those dates if the task moves",
        "task UID 2 (Split Task 2): split by hand in MS Project into "
        "segments 2006-09-21..2006-09-25, 2006-09-28..2006-10-04, "
        "2006-10-10..2006-10-18; read as the task's own days off on "
        "2006-09-26..2006-09-27, 2006-10-05..2006-10-09 (a task "
        "calendar); the pause stays on those dates if the task moves",
    ]
    one = imported.project.task("1")
    assert one.splittable and one.calendar is not None
    assert one.calendar.holidays == [date(2006, 9, 27), date(2006, 9, 28),
                                     date(2006, 9, 29)]
    result = solved(imported.project)
    assert (result.task("1").start_date, result.task("1").finish_date) == (
        date(2006, 9, 21), date(2006, 10, 9))
    assert result.task("1").segments == [(0, 4), (7, 13)]
    assert (result.task("2").start_date, result.task("2").finish_date) == (
        date(2006, 9, 21), date(2006, 10, 18))
    assert result.task("2").segments == [(0, 3), (5, 10), (13, 20)]


@needs_data
def test_night_shift_sample_reads_back_the_same_after_a_write() -> None:
    # read -> write -> read: the night worker's week and Task A's 3 days
    # survive (plansat writes every calendar on day shifts: it keeps
    # days, not hours).
    first = read_mspdi(DATA / "mspdiresource.xml").project
    back = parse_mspdi(to_mspdi(first).xml.encode())
    assert _old(back.warnings) == []
    again = back.project
    task_a = next(t for t in again.tasks if t.name == "Task A")
    assert task_a.duration == 3
    assert all(p.calendar is None for p in again.people)
    assert [t.duration for t in again.tasks] == [
        t.duration for t in first.tasks]
