"""MSPDI calendars as plansat sees them: working weekdays and whole
non-working days, and the clock that turns MS Project's date-times into
working-day indices and back.

A calendar lists its weekdays (``DayType`` 1 = Sunday ... 7 = Saturday)
and its exceptions; a derived calendar (a resource's) takes the weekdays
it doesn't list from its base.  Exceptions are read from the expanded
``WeekDay`` entries of ``DayType`` 0 (one per date range, which MS Project
writes for every exception, recurring ones included); a file without them
has its ``Exceptions`` expanded here (daily and weekly recurrences).
plansat has whole working days only, so working times that differ from
``MinutesPerDay`` and exceptions that make a day working are reported,
not kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from plansat.io.mspdi.parse import Node, Notes
from plansat.models.calendar import WEEKDAYS, WorkCalendar

#: MS Project's default working day, when a file gives none.
DAY_START, DAY_END = time(8), time(17)


def weekday_name(day_type: int) -> str:
    """plansat's name of MSPDI ``DayType`` 1 (Sunday) ... 7 (Saturday).

    Examples
    --------
    >>> weekday_name(1), weekday_name(2), weekday_name(7)
    ('Sun', 'Mon', 'Sat')
    """
    return WEEKDAYS[(day_type + 5) % 7]


def day_type(name: str) -> int:
    """MSPDI ``DayType`` of a plansat weekday name (``Mon`` -> 2)."""
    return (WEEKDAYS.index(name) + 1) % 7 + 1


@dataclass
class CalendarException:
    """One exception: the dates ``first`` .. ``last`` are working
    (``working``, for ``minutes`` a day) or not."""

    first: date
    last: date
    working: bool
    minutes: int = 0

    def dates(self) -> Iterator[date]:
        """Every date of the exception."""
        day = self.first
        while day <= self.last:
            yield day
            day += timedelta(days=1)


@dataclass
class CalendarData:
    """One calendar, resolved against its base."""

    uid: int
    name: str
    weekdays: dict[str, int]  # working minutes per weekday name (0: off)
    exceptions: list[CalendarException] = field(default_factory=list)
    day_start: time = DAY_START
    day_end: time = DAY_END

    @property
    def workdays(self) -> list[str]:
        """Working weekday names, Monday first."""
        return [d for d in WEEKDAYS if self.weekdays.get(d, 0) > 0]

    def days_off(self) -> list[date]:
        """Exception dates that fall on a working weekday and are off."""
        out = set()
        for exc in self.exceptions:
            if exc.working:
                continue
            for day in exc.dates():
                if self.weekdays.get(WEEKDAYS[day.weekday()], 0) > 0:
                    out.add(day)
        return sorted(out)


class Calendars:
    """The calendars of an MSPDI file by UID."""

    def __init__(self, root: Node, notes: Notes, minutes_per_day: int):
        self._nodes = {
            uid: node
            for node in root.items("Calendars", "Calendar")
            if (uid := node.int("UID")) is not None
        }
        self._notes = notes
        self._minutes_per_day = minutes_per_day
        # weekly recurrences count weeks from Sunday, whatever the
        # file's WeekStartDay (as MS Project's own expansions show)
        self._week_start = 6
        self._cache: dict[int, CalendarData] = {}

    def __contains__(self, uid: object) -> bool:
        return uid in self._nodes

    def name(self, uid: int) -> str:
        """The calendar's name (or its UID)."""
        node = self._nodes.get(uid)
        text = node.text("Name") if node is not None else None
        return text or f"UID {uid}"

    def get(self, uid: int | None) -> CalendarData:
        """The calendar ``uid`` resolved against its bases (MS Project's
        Monday-to-Friday 8-hour standard when the file has none)."""
        if uid is None or uid not in self._nodes:
            return _standard(uid or 0, self._minutes_per_day)
        if uid not in self._cache:
            self._cache[uid] = self._read(uid, seen=set())
        return self._cache[uid]

    def _read(self, uid: int, seen: set[int]) -> CalendarData:
        node = self._nodes[uid]
        base_uid = node.int("BaseCalendarUID")
        seen.add(uid)
        if base_uid is not None and base_uid in self._nodes and (
            base_uid not in seen
        ):
            base = self._read(base_uid, seen)
        else:
            base = _standard(uid, self._minutes_per_day)
        weekdays = dict(base.weekdays)
        starts: list[time] = []
        ends: list[time] = []
        dated: list[CalendarException] = []
        for day in node.items("WeekDays", "WeekDay"):
            kind = day.int("DayType")
            spans = list(_working_times(day))
            minutes = sum(_minutes(a, b) for a, b in spans)
            working = day.flag("DayWorking")
            if kind == 0:
                dated.extend(_dated(day, working, minutes))
            elif kind is not None and 1 <= kind <= 7:
                weekdays[weekday_name(kind)] = minutes if working else 0
                if working and not spans:  # working, times not given
                    weekdays[weekday_name(kind)] = self._minutes_per_day
                starts += [a for a, _ in spans]
                ends += [b for _, b in spans]
        if not dated:
            dated = list(_exceptions(node, self._notes, self.name(uid),
                                     self._week_start))
        return CalendarData(
            uid=uid,
            name=self.name(uid),
            weekdays=weekdays,
            exceptions=base.exceptions + dated,
            day_start=min(starts, default=base.day_start),
            day_end=max(ends, default=base.day_end),
        )

    def check_detail(self, cal: CalendarData, owner: str) -> None:
        """Report what of ``cal`` plansat's whole working days can't
        hold: days shorter or longer than ``MinutesPerDay`` and
        exceptions that make days working."""
        per_day = self._minutes_per_day
        odd = [
            f"{d} {_hours(m)}"
            for d, m in cal.weekdays.items()
            if m and m != per_day
        ]
        if odd:
            self._notes.add(
                f"{owner}: calendar '{cal.name}' has working days of other "
                f"lengths than MinutesPerDay ({_hours(per_day)}): "
                f"{', '.join(odd)}; plansat counts every working day as "
                "one day"
            )
        extra = [e for e in cal.exceptions if e.working]
        for exc in extra[:5]:
            span = (
                str(exc.first) if exc.first == exc.last
                else f"{exc.first} to {exc.last}"
            )
            self._notes.add(
                f"{owner}: calendar '{cal.name}' has working time by "
                f"exception on {span}; plansat keeps its usual weekdays "
                "there"
            )
        if len(extra) > 5:
            self._notes.add(
                f"{owner}: calendar '{cal.name}' has "
                f"{len(extra) - 5} more working exceptions, also left out"
            )


def _standard(uid: int, minutes_per_day: int) -> CalendarData:
    weekdays = {d: (minutes_per_day if d in WEEKDAYS[:5] else 0)
                for d in WEEKDAYS}
    return CalendarData(uid=uid, name="Standard", weekdays=weekdays)


def _working_times(day: Node) -> Iterator[tuple[time, time]]:
    for span in day.items("WorkingTimes", "WorkingTime"):
        start, end = span.time("FromTime"), span.time("ToTime")
        if start is not None and end is not None:
            yield start, end


def _minutes(start: time, end: time) -> int:
    first = start.hour * 60 + start.minute
    last = end.hour * 60 + end.minute
    if end == time(23, 59, 59) or last <= first:  # "24:00" or midnight
        last = 24 * 60
    return last - first


def _hours(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours}h{rest:02d}" if rest else f"{hours}h"


def _dated(
    day: Node, working: bool, minutes: int
) -> Iterator[CalendarException]:
    for period in day.children("TimePeriod"):
        first, last = period.datetime("FromDate"), period.datetime("ToDate")
        if first is not None and last is not None and first <= last:
            yield CalendarException(
                first.date(), _last_date(last), working, minutes
            )


def _last_date(moment: datetime) -> date:
    """The last date a period ending at ``moment`` covers (a period that
    ends at midnight ends the day before)."""
    if moment.time() == time(0):
        return (moment - timedelta(days=1)).date()
    return moment.date()


def _exceptions(
    node: Node, notes: Notes, name: str, week_start: int
) -> Iterator[CalendarException]:
    """``Exceptions`` (MS Project 2007+) expanded into date ranges:
    one range, or daily (every ``Period`` days) and weekly (``DaysOfWeek``
    bits, Sunday = 1, every ``Period`` weeks) recurrences."""
    for exc in node.items("Exceptions", "Exception"):
        period = exc.child("TimePeriod")
        first = period.datetime("FromDate") if period else None
        last = period.datetime("ToDate") if period else None
        if first is None or last is None:
            continue
        working = exc.flag("DayWorking")
        minutes = sum(_minutes(a, b) for a, b in _working_times(exc))
        kind, every = exc.int("Type") or 1, max(exc.int("Period") or 1, 1)
        end = _last_date(last)
        if kind in (1, 7):  # daily
            for k, day in enumerate(_days(first.date(), end)):
                if k % every == 0:
                    yield CalendarException(day, day, working, minutes)
        elif kind == 6:  # weekly
            bits = exc.int("DaysOfWeek") or 0
            lead = (first.date().weekday() - week_start) % 7
            week0 = first.date() - timedelta(days=lead)
            for day in _days(first.date(), end):
                weeks = (day - week0).days // 7
                bit = 1 << ((day.weekday() + 1) % 7)
                if bits & bit and weeks % every == 0:
                    yield CalendarException(day, day, working, minutes)
        else:
            notes.add(
                f"calendar '{name}': the monthly or yearly recurring "
                f"exception '{exc.text('Name') or '?'}' is not expanded "
                "(the file lists no dates for it); its days count as usual"
            )


def _days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


class Clock:
    """MS Project date-times <-> plansat working-day indices.

    A start at or after the end of a working day (a milestone at 17:00)
    is the next working day; a finish at or before the start of a
    working day (08:00) ends the working day before.

    Parameters
    ----------
    calendar
        The project's working-day axis.
    day_start, day_end
        When a working day begins and ends.
    """

    def __init__(
        self, calendar: WorkCalendar, day_start: time, day_end: time
    ) -> None:
        self.calendar = calendar
        self.day_start = day_start
        self.day_end = day_end

    def start_index(self, moment: datetime) -> int:
        """Working day on which a start at ``moment`` begins."""
        cal, day = self.calendar, moment.date()
        index = cal.index_on_or_after(day)
        if cal.is_working(day) and moment.time() >= self.day_end:
            index += 1
        return index

    def finish_index(self, moment: datetime) -> int:
        """``finish`` (exclusive) of work that ends at ``moment``."""
        cal, day = self.calendar, moment.date()
        if cal.is_working(day) and moment.time() > self.day_start:
            return cal.index_on_or_before(day) + 1
        return cal.index_on_or_before(day - timedelta(days=1)) + 1

    def start_date(self, moment: datetime) -> date:
        """The working date of a start at ``moment``."""
        return self.calendar.date_of(max(self.start_index(moment), 0))

    def finish_date(self, moment: datetime) -> date:
        """The last working date of work that ends at ``moment``."""
        return self.calendar.date_of(max(self.finish_index(moment) - 1, 0))

    def start_at(self, index: int) -> datetime:
        """When working day ``index`` begins."""
        return datetime.combine(self.calendar.date_of(index), self.day_start)

    def finish_at(self, start: int, finish: int) -> datetime:
        """When work on ``[start, finish)`` ends (a milestone at
        ``start`` is placed at the end of the working day before, as MS
        Project shows a milestone after its predecessor)."""
        if finish > start:
            day = self.calendar.date_of(finish - 1)
            return datetime.combine(day, self.day_end)
        if start > 0:
            day = self.calendar.date_of(start - 1)
            return datetime.combine(day, self.day_end)
        return self.start_at(start)


def every_day(first: date, last: date) -> list[date]:
    """Every date from ``first`` to ``last``, both included."""
    return [first + timedelta(days=k)
            for k in range((last - first).days + 1)]
