"""Shifts: which date a piece of MS Project working time belongs to.

MS Project lists working time per calendar date (``WeekDay`` entries,
exceptions).  A night shift that starts Monday at 23:00 and ends Tuesday
at 08:00 is listed as Monday 23:00-24:00 and Tuesday 00:00-08:00; read
per date, its owner works six days a week, and the Saturday morning
(the end of Friday's shift) looks like a working Saturday.  plansat's
unit is a working day, so a shift belongs to the date it starts on.

The rule: a date's leading working time (from its first piece, through
breaks shorter than :data:`SHIFT_BREAK`) belongs to the shift of the
date before when it follows that date's last working time by less than
:data:`SHIFT_BREAK` and that date starts a shift of its own (so working
time round the clock, which never breaks, stays on its dates).  A date
*works* when a shift starts on it; its shift's minutes are its working
time left after that, plus the leading time of the next date it takes.
A calendar whose pieces never touch midnight reads exactly as per date.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta

#: A piece of working time: minutes from midnight, ``[start, end)``.
Span = tuple[int, int]

#: The longest break inside one shift (a longer one starts a new shift).
SHIFT_BREAK = 4 * 60

DAY = 24 * 60


def _carried(before: Sequence[Span], own: Sequence[Span]) -> int:
    """How many leading pieces of ``own`` run on from ``before`` (the
    date before) without a break of :data:`SHIFT_BREAK` (0: none)."""
    if not before or not own or DAY - before[-1][1] + own[0][0] >= (
        SHIFT_BREAK
    ):
        return 0
    n = 1
    while n < len(own) and own[n][0] - own[n - 1][1] < SHIFT_BREAK:
        n += 1
    return n


def moved(two_before: Sequence[Span], before: Sequence[Span],
          own: Sequence[Span]) -> int:
    """Leading pieces of ``own`` that belong to the shift of the date
    before: they run on from it, and it starts a shift of its own."""
    n = _carried(before, own)
    if n and _carried(two_before, before) == len(before):
        return 0  # the date before only continues an earlier shift
    return n


def shift_of(days: Sequence[Sequence[Span]]) -> list[Span]:
    """The pieces of the shift that starts on a date, given the pieces
    of the dates ``d-2, d-1, d, d+1`` (those of ``d+1`` offset by a day;
    empty when no shift starts on ``d``).

    Examples
    --------
    A night shift, Monday 23:00 to Tuesday 08:00 with a break at 03:00:

    >>> night = [(0, 180), (240, 480), (1380, 1440)]
    >>> shift_of([[], [], [(1380, 1440)], night])
    [(1380, 1440), (1440, 1620), (1680, 1920)]
    >>> shift_of([night, night, [(0, 180), (240, 480)], []])
    []
    """
    two_before, before, own, after = days
    kept = list(own[moved(two_before, before, own):])
    if not kept:
        return []
    tail = after[:moved(before, own, after)]
    return kept + [(a + DAY, b + DAY) for a, b in tail]


def minutes(spans: Sequence[Span]) -> int:
    """Working minutes of ``spans``."""
    return sum(b - a for a, b in spans)


def week_shifts(times: Sequence[Sequence[Span]]) -> list[int]:
    """Minutes of the shift each weekday starts (Monday first; 0: none),
    for a week of pieces per weekday (Monday first), repeating."""
    return [
        minutes(shift_of([times[(k + j) % 7] for j in (-2, -1, 0, 1)]))
        for k in range(7)
    ]


def date_shifts(
    spans_on: Callable[[date], Sequence[Span]], day: date
) -> list[Span]:
    """The pieces of the shift that starts on ``day`` (minutes from its
    midnight), for pieces given per date by ``spans_on``."""
    return shift_of([spans_on(day + timedelta(days=j))
                     for j in (-2, -1, 0, 1)])


def shift_moments(
    spans_on: Callable[[date], Sequence[Span]], day: date
) -> tuple[datetime, datetime] | None:
    """When the shift that starts on ``day`` begins and ends (``None``
    without one)."""
    spans = date_shifts(spans_on, day)
    if not spans:
        return None
    midnight = datetime.combine(day, time(0))
    return (midnight + timedelta(minutes=spans[0][0]),
            midnight + timedelta(minutes=spans[-1][1]))
