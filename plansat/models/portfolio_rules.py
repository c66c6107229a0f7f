"""Rules that span a portfolio: unique project names, one calendar,
one status date, one definition of each shared person and resource.

Each rule yields messages of the form ``<json path>: <what is wrong>``;
:meth:`~plansat.models.portfolio.Portfolio.from_data` runs them after
loading the project files.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from plansat.models.base import _Model

if TYPE_CHECKING:
    from plansat.models.portfolio import Portfolio


def portfolio_errors(portfolio: Portfolio) -> list[str]:
    """All rule violations of ``portfolio`` (empty if valid)."""
    errors = list(_names(portfolio))
    errors += _one_calendar(portfolio)
    errors += _settled_ids(portfolio)
    errors += _shared(portfolio, "people")
    errors += _shared(portfolio, "resources")
    errors += _not_planned(portfolio)
    return errors


def _names(portfolio: Portfolio) -> Iterator[str]:
    seen: dict[str, int] = {}
    for i, entry in enumerate(portfolio.projects):
        name = entry.loaded.name
        if name in seen:
            yield (f"{portfolio.where(i)}name: project name '{name}' is "
                   f"also projects[{seen[name]}]'s; names must be unique "
                   "in a portfolio (they prefix the task ids)")
        seen.setdefault(name, i)


def _one_calendar(portfolio: Portfolio) -> Iterator[str]:
    """Every project on the first project's calendar and status date:
    the portfolio plans on one working-day grid."""
    first = portfolio.projects[0].loaded
    workdays = set(first.calendar.workdays)
    holidays = set(first.calendar.holidays)
    for i, entry in enumerate(portfolio.projects[1:], start=1):
        p = entry.loaded
        if (set(p.calendar.workdays) != workdays
                or set(p.calendar.holidays) != holidays):
            yield (f"{portfolio.where(i)}calendar: differs from "
                   f"{portfolio.where(0)}calendar; the projects of a "
                   "portfolio share one calendar (same workdays and "
                   "holidays) so that one working day is the same date "
                   "in each")
        if p.status_date != first.status_date:
            yield (f"{portfolio.where(i)}status_date: {p.status_date} "
                   f"differs from {portfolio.where(0)}status_date "
                   f"({first.status_date}); report every project on "
                   "one status date")


def _settled_ids(portfolio: Portfolio) -> Iterator[str]:
    for field in ("people", "resources"):
        seen: dict[str, int] = {}
        for i, item in enumerate(getattr(portfolio, field)):
            if item.id in seen:
                yield (f"{field}[{i}].id: duplicate id '{item.id}' (also "
                       f"{field}[{seen[item.id]}])")
            seen.setdefault(item.id, i)


def _shared(portfolio: Portfolio, field: str) -> Iterator[str]:
    """One definition per id across the projects, unless the
    portfolio's own list settles it."""
    settled = {x.id for x in getattr(portfolio, field)}
    first: dict[str, tuple[str, _Model]] = {}
    kind = "person" if field == "people" else "resource"
    for i, entry in enumerate(portfolio.projects):
        for k, item in enumerate(getattr(entry.loaded, field)):
            if item.id in settled:
                continue
            place = f"{portfolio.where(i)}{field}[{k}]"
            if item.id not in first:
                first[item.id] = (place, item)
                continue
            other_place, other = first[item.id]
            if other != item:
                yield (f"{place}: {kind} '{item.id}' differs from "
                       f"{other_place} ({_diff(other, item)}); one "
                       f"{kind} has one definition: make them equal or "
                       f"settle it in the portfolio's {field}")


def _diff(a: _Model, b: _Model) -> str:
    """The fields in which ``a`` and ``b`` differ, named."""
    da, db = a.model_dump(), b.model_dump()
    keys = [k for k in da if da[k] != db.get(k)]
    return ", ".join(f"{k}: {da[k]!r} vs {db[k]!r}" for k in keys)


def _not_planned(portfolio: Portfolio) -> Iterator[str]:
    for i, entry in enumerate(portfolio.projects):
        p = entry.loaded
        for field in ("features", "releases"):
            if getattr(p, field):
                yield (f"{portfolio.where(i)}{field}: release planning "
                       "is per project (plansat releases); a portfolio "
                       "plans projects without features and releases")
