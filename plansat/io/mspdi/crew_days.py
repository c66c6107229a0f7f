"""A task's days from its people's shifts, when their calendars differ.

MS Project's ``Duration`` of a task counts the working time of the
*union* of its resources' calendars between its ``Start`` and
``Finish``: a task that a day-shift and a night-shift person work for
three days each lasts 48 hours (six 8-hour "days"), though each of them
works three.  In plansat a task lasts the days its people work, so such
a task is 3 days long.

The reading holds only when the calendars explain the ``Duration``
exactly: the union of the assigned people's working time between
``Start`` and ``Finish`` is the ``Duration`` (to the minute); each
assignment's ``Work`` / ``Units`` / the person's shift length is the
same whole number of days ``d``; and ``Start`` and ``Finish``, read on
each person's shifts (a night shift that starts Tuesday at 23:00 is
Tuesday's), give the grid days the task spans.  Otherwise the caller
warns as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from plansat.io.mspdi.calendar import CalendarData
from plansat.io.mspdi.calendar_shifts import shift_moments
from plansat.io.mspdi.context import Context, Stretch
from plansat.io.mspdi.durations import parse_duration
from plansat.io.mspdi.parse import Node

__all__ = ["Booking", "bookings", "crew_span"]

#: How far (in dates) a moment is looked up for the shift it is in.
_REACH = 14


@dataclass
class Booking:
    """One person's assignment to a task, as MS Project saved it."""

    calendar: CalendarData
    units: float
    work: float  # minutes


def bookings(
    root: Node, ctx: Context, people: set[int],
    calendars: dict[int, int | None],
) -> dict[int, list[Booking]]:
    """The assignments of people (resource UIDs ``people``) by task UID,
    with the calendar of each person (``calendars``: resource UID ->
    calendar UID; the project's when it has none)."""
    out: dict[int, list[Booking]] = {}
    for node in root.items("Assignments", "Assignment"):
        task, res = node.int("TaskUID"), node.int("ResourceUID")
        text = node.text("Work")
        if task is None or res not in people or text is None:
            continue
        try:
            work = parse_duration(text)
        except ValueError:
            continue
        units = node.float("Units")
        cal_uid = calendars.get(res)
        cal = (ctx.calendars.get(cal_uid) if cal_uid in ctx.calendars
               else ctx.calendar)
        out.setdefault(task, []).append(
            Booking(cal, 1.0 if units is None else units, work))
    return out


def crew_span(
    ctx: Context, stretch: Stretch, crew: list[Booking]
) -> tuple[int, int, int] | None:
    """``(days, first grid day, span)`` of a task its people's shifts
    explain (see the module's docstring), else ``None``."""
    if not crew or any(b.units <= 0 or b.work <= 0 for b in crew):
        return None
    start, finish = stretch.start, stretch.finish
    if abs(_union(crew, start, finish) - stretch.minutes) > 1:
        return None
    days = {_days(b) for b in crew}
    if len(days) != 1 or None in days:
        return None
    (worked,) = days
    firsts = [_first_shift(b.calendar, start) for b in crew]
    lasts = [_last_shift(b.calendar, finish) for b in crew]
    if None in firsts or None in lasts or worked is None:
        return None
    grid = ctx.clock.calendar
    lo = grid.index_on_or_after(min(d for d in firsts if d is not None))
    hi = grid.index_on_or_before(max(d for d in lasts if d is not None))
    return worked, lo, hi + 1 - lo


def _days(booking: Booking) -> int | None:
    """Days of ``booking``'s work: work / units / shift length (``None``
    unless whole, or when the person's shifts differ in length)."""
    lengths = {m for m in booking.calendar.weekdays.values() if m}
    if len(lengths) != 1:
        return None
    days = booking.work / booking.units / lengths.pop()
    if abs(days - round(days)) > 1e-6 or round(days) < 1:
        return None
    return round(days)


def _union(crew: list[Booking], start: datetime, finish: datetime) -> int:
    """Minutes of ``[start, finish)`` in which any of ``crew`` works."""
    pieces: list[tuple[datetime, datetime]] = []
    day = start.date() - timedelta(days=1)
    while day <= finish.date():
        midnight = datetime.combine(day, time(0))
        for cal in {id(b.calendar): b.calendar for b in crew}.values():
            for a, b in cal.spans_on(day):
                lo = max(midnight + timedelta(minutes=a), start)
                hi = min(midnight + timedelta(minutes=b), finish)
                if lo < hi:
                    pieces.append((lo, hi))
        day += timedelta(days=1)
    total, reach = 0.0, start
    for lo, hi in sorted(pieces):
        if hi > reach:
            total += (hi - max(lo, reach)).total_seconds() / 60
            reach = hi
    return round(total)


def _first_shift(cal: CalendarData, moment: datetime) -> date | None:
    """The date of the first shift of ``cal`` that ends after
    ``moment``."""
    for k in range(-1, _REACH):
        day = moment.date() + timedelta(days=k)
        shift = shift_moments(cal.spans_on, day)
        if shift is not None and shift[1] > moment:
            return day
    return None


def _last_shift(cal: CalendarData, moment: datetime) -> date | None:
    """The date of the last shift of ``cal`` that begins before
    ``moment``."""
    for k in range(0, _REACH):
        day = moment.date() - timedelta(days=k)
        shift = shift_moments(cal.spans_on, day)
        if shift is not None and shift[0] < moment:
            return day
    return None


def crew_of(task: dict[str, Any], people: dict[str, dict[str, Any]]
            ) -> list[dict[str, Any]]:
    """The people (as read) assigned to ``task``."""
    return [people[p] for p in task.get("assigned", []) if p in people]
