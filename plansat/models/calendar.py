"""The working-day axis: integer days <-> calendar dates.

Day 0 is the first working day on or after the project start.  A task that
occupies days ``[start, finish)`` starts on the date of day ``start`` and
finishes on the date of day ``finish - 1``.  A milestone (``start ==
finish``) is dated as MS Project dates it: at the end of the working day
before it (the day its predecessors finish), or on day 0 when it is at
day 0.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from datetime import date
from typing import Any

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

_CHUNK = 512  # working days added to the table at a time
_LAST = date.max.toordinal()


class WorkCalendar:
    """Map between working-day indices and dates.

    Parameters
    ----------
    start
        The project start; day 0 is the first working day on or after it.
    workdays
        Weekday names (``"Mon"`` ... ``"Sun"``) that are working days.
    holidays
        Dates that are not working days.

    Examples
    --------
    >>> cal = WorkCalendar(date(2025, 6, 27), ["Mon", "Tue", "Wed", "Thu",
    ...                    "Fri"])
    >>> cal.date_of(1)
    datetime.date(2025, 6, 30)
    """

    def __init__(
        self,
        start: date,
        workdays: Iterable[str] = WEEKDAYS[:5],
        holidays: Iterable[date] = (),
    ) -> None:
        self.start = start
        days = list(workdays)
        unknown = [d for d in days if d not in WEEKDAYS]
        if unknown:
            raise ValueError(
                f"unknown weekday {unknown[0]!r}; use one of "
                + ", ".join(WEEKDAYS)
            )
        self._weekdays = frozenset(WEEKDAYS.index(d) for d in days)
        if not self._weekdays:
            raise ValueError("a calendar needs at least one working weekday")
        self._holidays = frozenset(holidays)
        # ordinals of the holidays that fall on working weekdays, sorted:
        # the working days they remove from a week count
        self._closed = sorted(
            h.toordinal()
            for h in self._holidays
            if h.weekday() in self._weekdays
        )
        self._ordinals: list[int] = []  # date ordinals of days 0, 1, ...
        self._next = start.toordinal()  # all working days before it listed

    def is_working(self, day: date) -> bool:
        """Whether ``day`` is a working day of this calendar."""
        return day.weekday() in self._weekdays and day not in self._holidays

    def _extend_to_index(self, index: int) -> None:
        while len(self._ordinals) <= index:
            if not self._grow():
                raise ValueError(
                    f"working day {index} would fall after {date.max}"
                )

    def _count_before(self, ordinal: int) -> int:
        """Number of working days from day 0 up to, not including, the
        date of ``ordinal`` (which may lie past :data:`date.max`).

        Dates the table covers are looked up in it; later ones are
        counted week by week, without growing the table, so that a date
        near ``date.max`` costs no more than one near the start.
        """
        if ordinal <= self._next:
            return bisect.bisect_left(self._ordinals, ordinal)
        return len(self._ordinals) + self._count(self._next, ordinal)

    def _count(self, first: int, stop: int) -> int:
        """Working days among the date ordinals ``[first, stop)``."""
        weeks, rest = divmod(stop - first, 7)
        weekday = (first + 6) % 7  # ordinal 1 (0001-01-01) is a Monday
        days = weeks * len(self._weekdays) + sum(
            (weekday + k) % 7 in self._weekdays for k in range(rest)
        )
        closed = bisect.bisect_left(self._closed, stop) - bisect.bisect_left(
            self._closed, first
        )
        return days - closed

    def _grow(self) -> bool:
        """Add up to ``_CHUNK`` working days; False when none is left
        before ``date.max``."""
        added = 0
        while added < _CHUNK and self._next <= _LAST:
            day = date.fromordinal(self._next)
            if self.is_working(day):
                self._ordinals.append(self._next)
                added += 1
            self._next += 1
        return added > 0

    def date_of(self, index: int) -> date:
        """The date of working day ``index`` (``index >= 0``)."""
        if index < 0:
            raise ValueError(f"working day {index} is before day 0")
        self._extend_to_index(index)
        return date.fromordinal(self._ordinals[index])

    def index_on_or_after(self, day: date) -> int:
        """Index of the first working day on or after ``day`` (0 if before
        the start)."""
        return self._count_before(day.toordinal())

    def index_on_or_before(self, day: date) -> int:
        """Index of the last working day on or before ``day``; -1 when
        ``day`` is before day 0."""
        return self._count_before(day.toordinal() + 1) - 1

    def days_between(self, first: date, last: date) -> range:
        """Working-day indices of the inclusive date range
        ``[first, last]``."""
        return range(
            self.index_on_or_after(first), self.index_on_or_before(last) + 1
        )

    def start_date(self, start: int, finish: int | None = None) -> date:
        """Date a task starting on working day ``start`` begins; for a
        milestone (``finish == start``), its :meth:`milestone_date`."""
        if finish == start:
            return self.milestone_date(start)
        return self.date_of(start)

    def finish_date(self, start: int, finish: int) -> date:
        """Date a task occupying ``[start, finish)`` ends: its last working
        day, ``finish - 1``; for a milestone, its :meth:`milestone_date`."""
        if finish == start:
            return self.milestone_date(start)
        return self.date_of(finish - 1)

    def milestone_date(self, day: int) -> date:
        """Date of a milestone at working day ``day``, MS Project's way:
        the end of working day ``day - 1`` (the day its predecessors
        finish), or day 0 for a milestone at day 0.

        Examples
        --------
        >>> cal = WorkCalendar(date(2027, 1, 4))  # a Monday
        >>> cal.milestone_date(3), cal.milestone_date(0)
        (datetime.date(2027, 1, 6), datetime.date(2027, 1, 4))
        """
        return self.date_of(max(day - 1, 0))

    def milestone_day(self, day: date) -> int:
        """Working day of a milestone dated ``day``: just after the last
        working day on or before ``day`` (day 0 when ``day`` is before
        day 0), so that ``milestone_date(milestone_day(d)) == d`` for a
        working day ``d``."""
        return self.index_on_or_before(day) + 1

    def finish_bound(self, deadline: date) -> int:
        """Largest ``finish`` whose last working day is on or before
        ``deadline``."""
        return self.index_on_or_before(deadline) + 1

    def ordinals(self, count: int) -> list[int]:
        """Date ordinals of working days ``0 .. count - 1``."""
        self._extend_to_index(max(count - 1, 0))
        return self._ordinals[:count]

    def dates(self, count: int) -> list[date]:
        """Dates of working days ``0 .. count - 1``."""
        self._extend_to_index(max(count - 1, 0))
        return [date.fromordinal(o) for o in self._ordinals[:count]]


def vacation_ranges(grid: WorkCalendar, person: Any) -> list[range]:
    """The working days of ``grid`` inside each of ``person``'s
    ``unavailable`` ranges (empty ones left out; not merged)."""
    ranges = (grid.days_between(u.start, u.end) for u in person.unavailable)
    return [r for r in ranges if len(r)]


def merge_ranges(ranges: list[range]) -> tuple[range, ...]:
    """``ranges`` sorted and merged where they overlap or touch.

    Examples
    --------
    >>> merge_ranges([range(5, 8), range(1, 3), range(3, 4)])
    (range(1, 4), range(5, 8))
    """
    merged: list[list[int]] = []
    for start, stop in sorted((r.start, r.stop) for r in ranges):
        if merged and start <= merged[-1][1]:  # overlaps or touches
            merged[-1][1] = max(merged[-1][1], stop)
        else:
            merged.append([start, stop])
    return tuple(range(start, stop) for start, stop in merged)
