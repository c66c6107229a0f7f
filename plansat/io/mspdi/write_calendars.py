"""The calendars of a written MSPDI file: the project's, and one per
person and per renewable resource on it.

The project's calendar (UID 1, "Standard") has its weekdays, 08:00-12:00
and 13:00-17:00, and its holidays (its region's public holidays up to
the crude horizon) as exceptions.  A person's calendar (base: Standard)
has, with a calendar of their own that repeats one week, that week's
weekdays (the project's days it doesn't work are non-working), and as
exceptions the other grid days it takes off within the plan (holidays,
public holidays, a pattern of several weeks) and the person's days away;
a renewable resource with a calendar of its own gets the same, and so
does a task with a calendar of its own (a task calendar, its
``CalendarUID``).  So MS Project reads the same working days as plansat
within the plan, and stretches split tasks over the days off.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from xml.etree.ElementTree import Element, SubElement

from plansat.io.mspdi.calendar import day_type
from plansat.io.mspdi.clock import every_day
from plansat.io.mspdi.schema import ordered
from plansat.models import Project
from plansat.models.calendar import WEEKDAYS
from plansat.models.entities import Calendar
from plansat.models.person_calendar import holidays_of

__all__ = ["OwnCalendar", "calendars", "own_calendars", "resource_calendar",
           "task_calendar"]

#: The working times of a working day.
WORKING_TIMES = (("08:00:00", "12:00:00"), ("13:00:00", "17:00:00"))
PROJECT_CALENDAR = 1


@dataclass
class OwnCalendar:
    """A person's or a resource's calendar as written."""

    uid: int
    name: str
    #: Its working weekdays, when its calendar repeats one week.
    workdays: list[str] | None
    #: Its other days off (and days away) within the plan.
    away: list[date]


def resource_calendar(project: Project, index: int) -> int | None:
    """The calendar UID of ``project.resources[index]`` (``None``: it has
    no calendar of its own, or is consumed)."""
    res = project.resources[index]
    if res.calendar is None or not res.renewable:
        return None
    return len(project.people) + 2 + index


def task_calendar(project: Project, index: int) -> int | None:
    """The calendar UID of ``project.tasks[index]`` (``None``: it has no
    calendar of its own)."""
    if project.tasks[index].calendar is None:
        return None
    return len(project.people) + len(project.resources) + 2 + index


def own_calendars(project: Project, end: int) -> list[OwnCalendar]:
    """The people's calendars (UID 2, 3 ...), the resources' own and the
    tasks' own, with the days off of the plan's days ``[0, end)``."""
    out = []
    for k, person in enumerate(project.people):
        away = {d for r in person.unavailable
                for d in every_day(r.start, r.end)}
        week = _week(person.calendar)
        if person.calendar is not None:
            away |= _off(project, project.blocked_days(person), end, week)
        out.append(OwnCalendar(k + 2, person.name or person.id, week,
                               sorted(away)))
    for k, res in enumerate(project.resources):
        uid = resource_calendar(project, k)
        if uid is None or res.calendar is None:
            continue
        week = _week(res.calendar)
        off = _off(project, project.resource_days_off(res), end, week)
        out.append(OwnCalendar(uid, res.name or res.id, week, sorted(off)))
    for k, task in enumerate(project.tasks):
        uid = task_calendar(project, k)
        if uid is None:
            continue
        week = _week(task.calendar)
        off = _off(project, project.task_days_off(task), end, week)
        out.append(OwnCalendar(uid, f"{task.name or task.id} (task)", week,
                               sorted(off)))
    return out


def _week(calendar: Calendar | None) -> list[str] | None:
    """The weekdays a calendar repeats (``None`` for a pattern of several
    weeks, or no calendar)."""
    if calendar is None or calendar.weeks is not None:
        return None
    return list(calendar.workdays)


def _off(project: Project, blocked: list[range], end: int,
         week: list[str] | None) -> set[date]:
    """The grid days of ``blocked`` before ``end`` that ``week`` doesn't
    already take off."""
    grid = project.work_calendar
    days = {grid.date_of(d) for r in blocked for d in r if d < end}
    if week is None:
        return days
    return {d for d in days if WEEKDAYS[d.weekday()] in week}


def calendars(project: Project, own: list[OwnCalendar]) -> Element:
    """The ``Calendars`` element: the project's, then ``own``."""
    group = Element("Calendars")
    days = sorted(set(project.calendar.holidays))
    if project.calendar.region is not None:  # its public holidays too
        last = project.work_calendar.date_of(project.crude_horizon)
        days = sorted(
            {d for d in holidays_of(project.calendar, project.start)
             if d <= last}
            | set(days))
    week = _weekdays(project.calendar.workdays)
    week.extend(_dated(days))
    ordered(group, "Calendar", "Calendar", {
        "UID": PROJECT_CALENDAR, "Name": "Standard", "IsBaseCalendar": 1,
        "IsBaselineCalendar": 0, "BaseCalendarUID": -1,
        "WeekDays": week, "Exceptions": _exceptions(days, "Holiday"),
    })
    for cal in own:
        works = cal.workdays
        if works is not None:
            week = _weekdays([d for d in project.calendar.workdays
                              if d in works])
        else:
            week = Element("WeekDays")
        week.extend(_dated(cal.away))
        ordered(group, "Calendar", "Calendar", {
            "UID": cal.uid, "Name": cal.name, "IsBaseCalendar": 0,
            "IsBaselineCalendar": 0, "BaseCalendarUID": PROJECT_CALENDAR,
            "WeekDays": week if len(week) else None,
            "Exceptions": _exceptions(cal.away, "Away"),
        })
    return group


def _weekdays(workdays: Sequence[str]) -> Element:
    """``WeekDays`` with every weekday (Sunday first), working on
    ``workdays``."""
    week = Element("WeekDays")
    for name in ("Sun", *WEEKDAYS[:6]):
        working = name in workdays
        ordered(week, "WeekDay", "WeekDay", {
            "DayType": day_type(name),
            "DayWorking": int(working),
            "WorkingTimes": _working_times() if working else None,
        })
    return week


def _working_times() -> Element:
    times = Element("WorkingTimes")
    for start, end in WORKING_TIMES:
        ordered(times, "WorkingTime", "WorkingTime",
                {"FromTime": start, "ToTime": end})
    return times


def _ranges(days: list[date]) -> list[tuple[date, date]]:
    out: list[list[date]] = []
    for day in sorted(set(days)):
        if out and day - out[-1][1] == timedelta(days=1):
            out[-1][1] = day
        else:
            out.append([day, day])
    return [(a, b) for a, b in out]


def _period(first: date, last: date) -> Element:
    period = Element("TimePeriod")
    SubElement(period, "FromDate").text = f"{first.isoformat()}T00:00:00"
    SubElement(period, "ToDate").text = f"{last.isoformat()}T23:59:00"
    return period


def _dated(days: list[date]) -> list[Element]:
    """Non-working days as ``WeekDay`` entries of ``DayType`` 0 (the form
    MS Project 2002-2003 read)."""
    holder = Element("holder")
    for first, last in _ranges(days):
        ordered(holder, "WeekDay", "WeekDay", {
            "DayType": 0, "DayWorking": 0,
            "TimePeriod": _period(first, last),
        })
    return list(holder)


def _exceptions(days: list[date], name: str) -> Element | None:
    """Non-working days as ``Exceptions`` (MS Project 2007 and later)."""
    if not days:
        return None
    group = Element("Exceptions")
    for first, last in _ranges(days):
        ordered(group, "Exception", "Exception", {
            "EnteredByOccurrences": 0,
            "TimePeriod": _period(first, last),
            "Occurrences": 1, "Name": name, "Type": 1, "DayWorking": 0,
        })
    return group
