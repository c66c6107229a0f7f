"""MS Project's text notations, as people type them in spreadsheets.

- Durations: ``5``, ``5d``, ``5 days``, ``2 wks``, ``3 hrs``, ``30 mins``,
  ``1 mon`` (20 working days), ``6 days?`` (the ``?`` marks an estimate),
  ``2 edays`` (elapsed: calendar days).
- Links: ``3`` (finish-to-start), ``3FS+2d``, ``1FS+3 days``, ``4SS``,
  ``5FF-1d``, ``2SS-25%`` (a lag in percent of the predecessor's
  duration), ``6SF+1w``.
- Resources: ``Alice``, ``Alice[50%]``, ``Alice [50 %]``.

plansat counts whole working days of 8 hours; a value that is not whole
is rounded up (a lead, down) and the reader says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "Amount",
    "Link",
    "parse_amount",
    "parse_link_items",
    "parse_resources",
]

#: Working days per unit (8-hour days, 5-day weeks, 20-day months).
_UNITS = {
    "s": 1 / 28800, "sec": 1 / 28800, "secs": 1 / 28800,
    "m": 1 / 480, "min": 1 / 480, "mins": 1 / 480, "minute": 1 / 480,
    "minutes": 1 / 480,
    "h": 1 / 8, "hr": 1 / 8, "hrs": 1 / 8, "hour": 1 / 8, "hours": 1 / 8,
    "d": 1.0, "dy": 1.0, "dys": 1.0, "day": 1.0, "days": 1.0,
    "w": 5.0, "wk": 5.0, "wks": 5.0, "week": 5.0, "weeks": 5.0,
    "mo": 20.0, "mon": 20.0, "mons": 20.0, "month": 20.0, "months": 20.0,
}
_AMOUNT = re.compile(
    r"^(?P<n>\d+(?:[.,]\d+)?)\s*(?P<elapsed>e)?(?P<unit>[a-z]*)\s*"
    r"(?P<estimated>\?)?$",
    re.IGNORECASE,
)
LINK_TYPES = ("FS", "SS", "FF", "SF")


@dataclass(frozen=True)
class Amount:
    """A duration or lag read from text.

    Attributes
    ----------
    days
        Working days (not rounded); calendar days when ``elapsed``.
    elapsed
        Written in elapsed units (``edays``, ``ewks``).
    estimated
        Marked with ``?``.
    percent
        A lag in percent of the predecessor's duration (``days`` is
        then 0).
    """

    days: float
    elapsed: bool = False
    estimated: bool = False
    percent: float | None = None


def parse_amount(text: str, unit: str = "d") -> Amount:
    """A duration such as ``5 days``, ``2 wks``, ``4h`` or ``6 days?``;
    a bare number is in ``unit``.

    Raises
    ------
    ValueError
        On text that is not a duration.

    Examples
    --------
    >>> parse_amount("2 wks")
    Amount(days=10.0, elapsed=False, estimated=False, percent=None)
    >>> parse_amount("6 days?").estimated
    True
    >>> parse_amount("3 hrs").days
    0.375
    """
    match = _AMOUNT.match(text.strip())
    name = (match["unit"].lower() if match else "") or unit
    if match is None or name not in _UNITS or (
        match["elapsed"] and not match["unit"]
    ):
        raise ValueError(
            f"'{text}' is not a duration like 5, 5d, 5 days, 2 wks, 3 hrs "
            "or 6 days?")
    value = float(match["n"].replace(",", "."))
    return Amount(value * _UNITS[name], elapsed=bool(match["elapsed"]),
                  estimated=bool(match["estimated"]))


@dataclass(frozen=True)
class Link:
    """One predecessor link as written (its lag not yet rounded)."""

    task: str
    type: str
    lag: Amount


_LAG = r"(?:(?P<sign>[+-])(?P<lag>[^+-].*))?"
_TYPED = re.compile(rf"^(?P<id>.+?)(?P<type>FS|SS|FF|SF){_LAG}$",
                    re.IGNORECASE)
_ANY_TYPE = re.compile(rf"^(?P<id>.+?)(?P<type>[A-Za-z]{{2}}){_LAG}$")
_PLAIN = re.compile(rf"^(?P<id>[^+]+?){_LAG}$")


def parse_link_items(
    text: str, ids: set[str] | frozenset[str] = frozenset()
) -> list[Link]:
    """Links in ``3FS+2d, 4SS; 1FS+3 days, 2SS-25%`` notation, separated
    by commas or semicolons; an item that is one of ``ids`` as a whole
    (``T-1``) is a plain finish-to-start link.

    Raises
    ------
    ValueError
        On an item that doesn't read, naming a link type that is not FS,
        SS, FF or SF.

    Examples
    --------
    >>> [(k.task, k.type, k.lag.days) for k in parse_link_items(
    ...     "1FS+3 days, 4ff")]
    [('1', 'FS', 3.0), ('4', 'FF', 0.0)]
    """
    out = []
    for raw in re.split(r"[,;]", text):
        item = re.sub(r"\s+", "", raw)
        if not item:
            continue
        if item in ids:
            out.append(Link(item, "FS", Amount(0.0)))
            continue
        out.append(_link(item, ids))
    return out


def _link(item: str, ids: set[str] | frozenset[str]) -> Link:
    match = _TYPED.match(item)
    if match is None or (ids and match["id"] not in ids):
        other = _ANY_TYPE.match(item)
        if other is not None and (not ids or other["id"] in ids) and (
            other["type"].upper() not in LINK_TYPES
        ):
            raise ValueError(f"'{item}': link type '{other['type']}' is "
                             "not FS, SS, FF or SF")
        match = match or _PLAIN.match(item)
    if match is None:
        raise ValueError(f"'{item}' is not a link like 3, 3FS+2d or "
                         "1FS+3 days")
    kind = (match.groupdict().get("type") or "FS").upper()
    lag = Amount(0.0)
    if match["lag"]:
        lag = _lag(match["lag"], match["sign"], item)
    return Link(match["id"], kind, lag)


def _lag(text: str, sign: str, item: str) -> Amount:
    factor = -1.0 if sign == "-" else 1.0
    percent = re.fullmatch(r"(\d+(?:[.,]\d+)?)\s*%", text)
    if percent:
        return Amount(0.0, percent=factor * float(
            percent[1].replace(",", ".")))
    try:
        amount = parse_amount(text)
    except ValueError:
        raise ValueError(f"'{item}': lag '{text}' is not like 2d, 3 days, "
                         "1w or 25%") from None
    return Amount(factor * amount.days, amount.elapsed, amount.estimated)


_RESOURCE = re.compile(
    r"^(?P<name>[^\[]+?)\s*(?:\[\s*(?P<units>\d+(?:[.,]\d+)?)\s*%?\s*\])?$")


def parse_resources(text: str) -> list[tuple[str, float | None]]:
    """``Alice[50%], Bob`` as ``[("Alice", 50.0), ("Bob", None)]``.

    Raises
    ------
    ValueError
        On an item that doesn't read.

    Examples
    --------
    >>> parse_resources("Alice[50%]; Bob")
    [('Alice', 50.0), ('Bob', None)]
    """
    out = []
    for raw in re.split(r"[,;]", text):
        item = raw.strip()
        if not item:
            continue
        match = _RESOURCE.match(item)
        if match is None:
            raise ValueError(f"'{item}' is not a resource like Alice or "
                             "Alice[50%]")
        units = match["units"]
        out.append((match["name"].strip(),
                    float(units.replace(",", ".")) if units else None))
    return out
