"""MSPDI numbers of time: ``xsd:duration`` text, link lags in tenths of a
minute, and the duration-format codes that say how to read them.

MS Project writes every task duration as working time in hours
(``PT12H0M0S``), whatever unit the user typed; ``DurationFormat`` and
``LagFormat`` only say how it was shown, and whether the value is
*elapsed* (24-hour days, every day of the week) or a *percentage* of the
predecessor (lags only).  plansat counts whole working days, so a day is
``MinutesPerDay`` working minutes.
"""

from __future__ import annotations

import math
import re
from datetime import datetime
from typing import Literal

#: Working minutes of the day plansat writes (08:00-12:00, 13:00-17:00).
MINUTES_PER_DAY = 480

_STAMP = "%Y-%m-%dT%H:%M:%S"


def stamp(moment: datetime) -> str:
    """A date-time as MSPDI writes it (no time zone)."""
    return moment.strftime(_STAMP)

#: Duration/lag format codes (MSPDI ``DurationFormat``, ``LagFormat``).
#: The even code after each working unit is its elapsed variant; 35-52
#: are the "estimated" variants (+32); MS Project 2013+ also writes 53
#: (read as days).
UNITS = {3: "minutes", 5: "hours", 7: "days", 9: "weeks", 11: "months"}
ELAPSED = {4: "minutes", 6: "hours", 8: "days", 10: "weeks", 12: "months"}
PERCENT = {19: "percent", 20: "elapsed percent"}
ESTIMATED_OFFSET = 32
DAYS_FORMAT = 7

#: What a format code says about a value.
Kind = Literal["working", "elapsed", "percent"]

_XSD = re.compile(
    r"^(?P<sign>-)?P(?:(?P<y>\d+(?:\.\d+)?)Y)?(?:(?P<mo>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<d>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<mi>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<s>\d+(?:\.\d+)?)S)?)?$"
)

#: Minutes per unit of the calendar parts of an ``xsd:duration`` (as MPXJ
#: reads them: a month is 30 days, a year 365).
_MINUTES = {"y": 365 * 1440, "mo": 30 * 1440, "d": 1440, "h": 60,
            "mi": 1, "s": 1 / 60}

#: Slack when rounding computed days: 1e-6 of a day is far below a minute.
_EPS = 1e-6


def parse_duration(text: str) -> float:
    """Minutes in an ``xsd:duration`` such as ``PT8H0M0S``.

    Raises
    ------
    ValueError
        When ``text`` is not an ``xsd:duration``.

    Examples
    --------
    >>> parse_duration("PT8H30M0S")
    510.0
    >>> parse_duration("-PT4H0M0S")
    -240.0
    """
    match = _XSD.match(text.strip())
    if match is None or text.strip() in ("P", "-P", "PT", "-PT"):
        raise ValueError(f"'{text}' is not an xsd:duration (PT8H0M0S)")
    minutes = sum(
        float(match[part]) * factor
        for part, factor in _MINUTES.items()
        if match[part] is not None
    )
    return -minutes if match["sign"] else minutes


def format_duration(minutes: int) -> str:
    """Working minutes as MS Project writes them (hours and minutes).

    Examples
    --------
    >>> format_duration(2400)
    'PT40H0M0S'
    >>> format_duration(0)
    'PT0H0M0S'
    """
    sign = "-" if minutes < 0 else ""
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}PT{hours}H{rest}M0S"


def kind(code: int | None) -> Kind:
    """Whether a format code means working time, elapsed time or a
    percentage (unknown codes and ``None`` read as working time).

    Examples
    --------
    >>> kind(7), kind(40), kind(19), kind(None)
    ('working', 'elapsed', 'percent', 'working')
    """
    if code is None:
        return "working"
    if code > ESTIMATED_OFFSET + 2 and code != 53:
        code -= ESTIMATED_OFFSET
    if code in ELAPSED:
        return "elapsed"
    if code in PERCENT:
        return "percent"
    return "working"


def working_days(minutes: float, minutes_per_day: int) -> float:
    """Working minutes as working days."""
    return minutes / minutes_per_day


def elapsed_to_working(days: float, workdays_per_week: int) -> float:
    """Elapsed (calendar) days as working days, at the calendar's share of
    working days in a week: an approximation (the exact count depends on
    the start date and holidays)."""
    return days * workdays_per_week / 7


def round_up(days: float) -> int:
    """Days rounded up to a whole day (a hair over a whole number, from
    minutes that don't divide evenly, stays on it).

    Examples
    --------
    >>> round_up(1.5), round_up(2.0000000001), round_up(-0.5)
    (2, 2, 0)
    """
    return math.ceil(days - _EPS)


def is_whole(days: float) -> bool:
    """Whether ``days`` is a whole number of days (to within a minute's
    share)."""
    return abs(days - round(days)) < _EPS


def lag_minutes(days: int, minutes_per_day: int) -> int:
    """A lag of ``days`` working days in MSPDI's tenths of a minute.

    Examples
    --------
    >>> lag_minutes(-2, 480)
    -9600
    """
    return days * minutes_per_day * 10
