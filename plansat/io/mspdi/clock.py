"""The clock of an MSPDI import or export: MS Project's date-times as
plansat's working-day indices and back, on the project's day grid."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from plansat.models.calendar import WorkCalendar


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
