"""MSPDI calendars as plansat sees them: working weekdays and whole
non-working days, and the clock that turns MS Project's date-times into
working-day indices and back.

A calendar lists its weekdays (``DayType`` 1 = Sunday ... 7 = Saturday)
and its exceptions; a derived calendar (a resource's) takes the weekdays
it doesn't list from its base.  Exceptions are read from the expanded
``WeekDay`` entries of ``DayType`` 0 (one per date range, which MS Project
writes for every exception, recurring ones included); a file without them
has its ``Exceptions`` expanded here (daily and weekly recurrences).
Working time is read by shifts (:mod:`.calendar_shifts`): a night shift
that runs over midnight belongs to the date it starts on.  plansat has
whole working days only, so shifts that differ from ``MinutesPerDay``
and exceptions that make a day working are reported, not kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from plansat.io.mspdi.calendar_shifts import (
    DAY,
    Span,
    date_shifts,
    week_shifts,
)
from plansat.io.mspdi.parse import Node, Notes
from plansat.models.calendar import WEEKDAYS

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
    spans: list[Span] = field(default_factory=list)

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
    #: Minutes of the shift each weekday starts (0: none starts).
    weekdays: dict[str, int]
    exceptions: list[CalendarException] = field(default_factory=list)
    day_start: time = DAY_START
    day_end: time = DAY_END
    #: The pieces of working time listed for each weekday.
    times: dict[str, list[Span]] = field(default_factory=dict)
    _dated: dict[date, list[Span]] | None = field(
        default=None, init=False, repr=False, compare=False)
    _off: list[date] | None = field(
        default=None, init=False, repr=False, compare=False)

    @property
    def workdays(self) -> list[str]:
        """Weekday names a shift starts on, Monday first."""
        return [d for d in WEEKDAYS if self.weekdays.get(d, 0) > 0]

    def spans_on(self, day: date) -> list[Span]:
        """The pieces of working time of the date ``day`` (its
        exception's, the calendar's own exceptions winning over its
        base's, else its weekday's)."""
        if self._dated is None:
            self._dated = {}
            for exc in self.exceptions:
                for one in exc.dates():
                    self._dated[one] = exc.spans if exc.working else []
        spans = self._dated.get(day)
        if spans is None:
            return self.times.get(WEEKDAYS[day.weekday()], [])
        return spans

    def _changed(self) -> list[date]:
        """Dates whose shift an exception may change: its dates and the
        two after (a shift runs on into the next date at most)."""
        out: set[date] = set()
        for exc in self.exceptions:
            for day in exc.dates():
                out.update(day + timedelta(days=k) for k in range(3))
        return sorted(out)

    def works(self, day: date) -> bool:
        """Whether a shift starts on ``day``."""
        return bool(date_shifts(self.spans_on, day))

    def days_off(self) -> list[date]:
        """Dates of a working weekday on which, by exception, no shift
        starts (worked out once)."""
        if self._off is None:
            self._off = [d for d in self._changed()
                         if self.weekdays.get(WEEKDAYS[d.weekday()], 0) > 0
                         and not self.works(d)]
        return list(self._off)



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
        times = {d: list(base.times.get(d, [])) for d in WEEKDAYS}
        starts: list[time] = []
        ends: list[time] = []
        dated: list[CalendarException] = []
        for day in node.items("WeekDays", "WeekDay"):
            kind = day.int("DayType")
            spans = list(_working_times(day))
            pieces = self._pieces(spans, day.flag("DayWorking"))
            if kind == 0:
                dated.extend(_dated(day, pieces))
            elif kind is not None and 1 <= kind <= 7:
                times[weekday_name(kind)] = pieces
                starts += [a for a, _ in spans]
                ends += [b for _, b in spans]
        if not dated:
            dated = list(_exceptions(node, self._notes, self.name(uid),
                                     self._week_start, self._pieces))
        shifts = week_shifts([times[d] for d in WEEKDAYS])
        return CalendarData(
            uid=uid,
            name=self.name(uid),
            weekdays=dict(zip(WEEKDAYS, shifts, strict=True)),
            exceptions=base.exceptions + dated,
            day_start=min(starts, default=base.day_start),
            day_end=max(ends, default=base.day_end),
            times=times,
        )

    def _pieces(self, spans: list[tuple[time, time]],
                working: bool) -> list[Span]:
        """Working times as sorted minutes from midnight (a working day
        without times: ``MinutesPerDay`` from 08:00)."""
        if not working:
            return []
        if not spans:
            return _default_pieces(self._minutes_per_day)
        out = []
        for a, b in spans:
            first = a.hour * 60 + a.minute
            out.append((first, first + _minutes(a, b)))
        return sorted(p for p in out if p[1] > p[0])

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


def _default_pieces(minutes_per_day: int) -> list[Span]:
    """MS Project's working day: 08:00-12:00 and 13:00-17:00 for 8
    hours, else ``minutes_per_day`` from 08:00 (or from midnight)."""
    if minutes_per_day == 480:
        return [(480, 720), (780, 1020)]
    first = 480 if minutes_per_day <= DAY - 480 else 0
    return [(first, first + minutes_per_day)]


def _standard(uid: int, minutes_per_day: int) -> CalendarData:
    weekdays = {d: (minutes_per_day if d in WEEKDAYS[:5] else 0)
                for d in WEEKDAYS}
    times = {d: (_default_pieces(minutes_per_day) if d in WEEKDAYS[:5]
                 else []) for d in WEEKDAYS}
    return CalendarData(uid=uid, name="Standard", weekdays=weekdays,
                        times=times)


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


def _dated(day: Node, pieces: list[Span]) -> Iterator[CalendarException]:
    for period in day.children("TimePeriod"):
        first, last = period.datetime("FromDate"), period.datetime("ToDate")
        if first is not None and last is not None and first <= last:
            yield _exception(first.date(), _last_date(last), pieces)


def _exception(first: date, last: date,
               pieces: list[Span]) -> CalendarException:
    total = sum(b - a for a, b in pieces)
    return CalendarException(first, last, bool(pieces), total, pieces)


def _last_date(moment: datetime) -> date:
    """The last date a period ending at ``moment`` covers (a period that
    ends at midnight ends the day before)."""
    if moment.time() == time(0):
        return (moment - timedelta(days=1)).date()
    return moment.date()


def _exceptions(
    node: Node, notes: Notes, name: str, week_start: int,
    read: Callable[[list[tuple[time, time]], bool], list[Span]],
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
        pieces = read(list(_working_times(exc)), exc.flag("DayWorking"))
        kind, every = exc.int("Type") or 1, max(exc.int("Period") or 1, 1)
        end = _last_date(last)
        if kind in (1, 7):  # daily
            for k, day in enumerate(_days(first.date(), end)):
                if k % every == 0:
                    yield _exception(day, day, pieces)
        elif kind == 6:  # weekly
            bits = exc.int("DaysOfWeek") or 0
            lead = (first.date().weekday() - week_start) % 7
            week0 = first.date() - timedelta(days=lead)
            for day in _days(first.date(), end):
                weeks = (day - week0).days // 7
                bit = 1 << ((day.weekday() + 1) % 7)
                if bits & bit and weeks % every == 0:
                    yield _exception(day, day, pieces)
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
