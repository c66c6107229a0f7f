"""How plansat writes numbers, money, percentages, dates and days.

One set of formatters shared by the terminal output
(:mod:`plansat.cli.render`), the HTML report (:mod:`plansat.charts`) and
the messages of the analyses, so that a figure reads the same wherever it
appears.  Every formatter accepts ``None`` for a missing value and
returns :data:`DASH` for it.

This module depends on the standard library only (no pandas, ortools,
plotly or rich), so any layer of plansat may use it.

Examples
--------
>>> money(116710.0), number(0.4567), percent(0.0352), iso(None)
('116,710', '0.457', '3.5%', '–')
"""

from __future__ import annotations

import math
from datetime import date
from typing import Final

__all__ = [
    "DASH",
    "OBJECTIVE_LABELS",
    "days",
    "iso",
    "money",
    "number",
    "percent",
    "seconds",
]

#: What is shown for a missing value: an en dash (U+2013).
DASH: Final = "–"

#: What each objective minimises, for summaries.
OBJECTIVE_LABELS: Final[dict[str, str]] = {
    "time": "time (makespan, working days)",
    "balance": "balance (highest load)",
    "cost": "cost (total)",
    "value": "value (Σ feature value × release weight)",
    "priority": "priority (Σ priority × finish)",
}


def number(value: float | None) -> str:
    """A number without a useless ``.0``, with thousands separators.

    Whole numbers print as integers; other values keep three significant
    digits below 1 and two decimals from 1 on.

    Parameters
    ----------
    value
        The number, or ``None`` when it is missing.

    Returns
    -------
    str
        The text, :data:`DASH` for ``None``.

    Examples
    --------
    >>> number(55.0)
    '55'
    >>> number(1234567)
    '1,234,567'
    >>> number(0.4567)
    '0.457'
    >>> number(12.345)
    '12.35'
    >>> number(None)
    '–'
    """
    if value is None:
        return DASH
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.3g}" if abs(value) < 1 else f"{value:,.2f}"


def money(value: float | None) -> str:
    """An amount with thousands separators; cents only when there are any.

    The amount is rounded to the cent first, so ``1400.001`` prints as
    ``1,400``.

    Parameters
    ----------
    value
        The amount, or ``None`` when it is missing.

    Returns
    -------
    str
        The text, :data:`DASH` for ``None``.

    Examples
    --------
    >>> money(123456)
    '123,456'
    >>> money(1234.5)
    '1,234.50'
    >>> money(1400.001)
    '1,400'
    >>> money(None)
    '–'
    """
    if value is None:
        return DASH
    if not math.isfinite(value):
        return f"{value}"
    cents = round(float(value), 2)
    if cents.is_integer():
        return f"{int(cents):,}"
    return f"{cents:,.2f}"


def percent(fraction: float | None, digits: int = 1) -> str:
    """A fraction as a percentage.

    Parameters
    ----------
    fraction
        The fraction (``0.25`` for 25 %), or ``None`` when it is missing.
    digits
        Decimals to show.

    Returns
    -------
    str
        The text, :data:`DASH` for ``None``.

    Examples
    --------
    >>> percent(0.1234)
    '12.3%'
    >>> percent(1)
    '100.0%'
    >>> percent(0.5, digits=0)
    '50%'
    >>> percent(None)
    '–'
    """
    if fraction is None:
        return DASH
    return f"{fraction * 100:.{digits}f}%"


def iso(day: date | None) -> str:
    """A date as ``YYYY-MM-DD``.

    Parameters
    ----------
    day
        The date, or ``None`` when it is missing.

    Returns
    -------
    str
        The text, :data:`DASH` for ``None``.

    Examples
    --------
    >>> iso(date(2025, 6, 2))
    '2025-06-02'
    >>> iso(None)
    '–'
    """
    return DASH if day is None else day.isoformat()


def days(count: int | None) -> str:
    """A number of working days, e.g. ``55 working days``.

    Parameters
    ----------
    count
        The number of working days, or ``None`` when it is missing.

    Returns
    -------
    str
        The text (singular for one day), :data:`DASH` for ``None``.

    Examples
    --------
    >>> days(55)
    '55 working days'
    >>> days(1)
    '1 working day'
    >>> days(None)
    '–'
    """
    if count is None:
        return DASH
    return f"{count} working {'day' if count == 1 else 'days'}"


def seconds(value: float) -> str:
    """Elapsed seconds, e.g. ``0.42s`` or ``12.3s``.

    Examples
    --------
    >>> seconds(0.4213)
    '0.42s'
    >>> seconds(12.34)
    '12.3s'
    """
    return f"{value:.2f}s" if value < 10 else f"{value:.1f}s"
