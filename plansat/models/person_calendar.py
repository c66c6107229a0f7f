"""Calendars of their own: the days of the project's grid a person does
not work.

The project's calendar sets the day grid (:class:`~plansat.models.
calendar.WorkCalendar`): working day ``k`` is the ``k``-th working date
of the project.  A person with a calendar of their own works a grid day
only when that calendar says the date is a working day: its weekday is
in ``workdays`` (or in the current week of ``weeks``), and the date is
neither one of its ``holidays`` nor a public holiday of its ``region``.
Dates off the grid (the project's weekends and holidays) are nobody's
working days.

This module is the one definition of those days; :meth:`Project.
blocked_days <plansat.models.project.Project.blocked_days>` merges them
with the person's vacations, and everything that plans, evaluates or
draws reads them from there.  The checker (:mod:`plansat.check.
calendars`) works them out again on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from plansat.models.base import CALENDAR_MARGIN, Weekday

if TYPE_CHECKING:
    from plansat.models.calendar import WorkCalendar
    from plansat.models.parts import Calendar, Region, Task

WEEKDAYS: tuple[Weekday, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
                                 "Sun")

#: Years of public holidays a region contributes, from the project
#: start's year on: far beyond any plan (the crude horizon of a project
#: stays well inside them in practice); later dates have none.
REGION_YEARS = 40


def check_region(country: str, subdivision: str | None) -> None:
    """Raise ``ValueError`` when the ``holidays`` package knows no such
    country or subdivision."""
    import holidays

    try:
        holidays.country_holidays(country, subdiv=subdivision, years=[])
    except NotImplementedError as exc:
        raise ValueError(f"unknown region: {exc}") from None


@lru_cache(maxsize=256)
def region_holidays(
    country: str, subdivision: str | None, first_year: int
) -> frozenset[date]:
    """Public holidays of a region over :data:`REGION_YEARS` years from
    ``first_year`` (memoised: regions repeat across people)."""
    import holidays

    days = holidays.country_holidays(
        country,
        subdiv=subdivision,
        years=range(first_year, first_year + REGION_YEARS),
    )
    return frozenset(days)


def holidays_of(calendar: Calendar, start: date) -> frozenset[date]:
    """Every holiday of ``calendar``: its own dates and its region's
    public holidays (from the year of ``start``, the project's)."""
    own = frozenset(calendar.holidays)
    region: Region | None = calendar.region
    if region is None:
        return own
    return own | region_holidays(
        region.country, region.subdivision, start.year
    )


def week_table(calendar: Calendar) -> np.ndarray:
    """Working weekdays per week of the pattern: a bool array of shape
    ``(weeks, 7)``, Monday first (one week for ``workdays``)."""
    weeks = calendar.weeks or [calendar.workdays]
    table = np.zeros((len(weeks), 7), dtype=bool)
    for k, days in enumerate(weeks):
        for d in days:
            table[k, WEEKDAYS.index(d)] = True
    return table


def anchor_monday(calendar: Calendar, start: date) -> date:
    """The Monday of week 0 of ``calendar``'s pattern."""
    first = calendar.weeks_from or start
    return first - timedelta(days=first.weekday())


def off_mask(
    grid: WorkCalendar, calendar: Calendar, stop: int
) -> np.ndarray:
    """Which grid days of ``[0, stop)`` ``calendar`` does not work (a
    bool array of length ``stop``)."""
    if stop <= 0:
        return np.zeros(0, dtype=bool)
    ords = np.array(grid.ordinals(stop), dtype=np.int64)
    table = week_table(calendar)
    monday = anchor_monday(calendar, grid.start).toordinal()
    week = ((ords - monday) // 7) % len(table)
    weekday = (ords + 6) % 7  # ordinal 1 (0001-01-01) is a Monday
    working = table[week, weekday]
    off = holidays_of(calendar, grid.start)
    if off:
        closed = np.array(sorted(h.toordinal() for h in off),
                          dtype=np.int64)
        working &= ~np.isin(ords, closed)
    return ~working


def ranges_of(mask: np.ndarray) -> list[range]:
    """The runs of ``True`` in ``mask`` as sorted, disjoint, non-touching
    ranges of indices."""
    if not mask.any():
        return []
    edges = np.diff(np.concatenate(([0], mask.astype(np.int8), [0])))
    starts = np.flatnonzero(edges == 1)
    stops = np.flatnonzero(edges == -1)
    return [range(int(a), int(b)) for a, b in zip(starts, stops,
                                                  strict=True)]


def off_days(grid: WorkCalendar, calendar: Calendar, stop: int) -> list[range]:
    """Grid days of ``[0, stop)`` that ``calendar`` does not work, as
    sorted, disjoint, non-touching ranges.

    Examples
    --------
    A Monday-to-Wednesday week on a Monday-to-Friday grid from Monday
    2026-06-01: Thursdays and Fridays (days 3-4, 8-9) are off.

    >>> from plansat.models.calendar import WorkCalendar
    >>> from plansat.models.parts import Calendar
    >>> grid = WorkCalendar(date(2026, 6, 1))
    >>> off_days(grid, Calendar(workdays=["Mon", "Tue", "Wed"]), 10)
    [range(3, 5), range(8, 10)]
    """
    return ranges_of(off_mask(grid, calendar, stop))


def worked_share(grid: WorkCalendar, calendar: Calendar, stop: int) -> int:
    """Number of grid days of ``[0, stop)`` that ``calendar`` works."""
    return int(stop - off_mask(grid, calendar, stop).sum())


def stretch(
    grid: WorkCalendar,
    calendars: Sequence[Calendar],
    days: int,
    tasks: Sequence[Task],
) -> int:
    """Grid days that ``days`` days of work in a row may take when people
    work only their own calendars' days: generous, for the crude horizon.

    Each day of work may take as many grid days as the grid has per day
    the sparsest calendar works (measured over the first ``max(days,
    140)`` grid days, holidays included, rounded up), and every task
    with work may wait one pattern period (7 days a week of the longest
    ``weeks``) for its people's next common stretch of working days.
    Calendars that work every grid day of the window change nothing.
    The window stays within the :data:`~plansat.models.base.
    CALENDAR_MARGIN` days validation guarantees the grid has.
    """
    window = min(max(days, 140), CALENDAR_MARGIN)
    shares = {
        c.model_dump_json(): (worked_share(grid, c, window), c)
        for c in calendars
    }
    unique = [c for share, c in shares.values() if share < window]
    if not unique:  # they work every grid day: nothing to stretch
        return days
    worst = min(share for share, _ in shares.values())
    factor = -(-window // max(worst, 1))
    period = 7 * max(len(c.weeks or [[]]) for c in unique)
    waits = period * sum(1 for t in tasks if t.max_duration > 0)
    return factor * days + waits
