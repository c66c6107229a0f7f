"""Cross-project capacity: one person, one pooled resource, shared by
several projects' schedules.

Each project's schedule is checked on its own by :func:`~plansat.check.
violations`; what no single project can see is the sum over projects.
Here every task's working days become calendar dates through its own
project's calendar (each project may start on another day), and on each
date the allocations of a person across all projects must stay within
their availability, the units of a renewable resource within its
capacity.  A person or resource defined differently in two projects is
reported too (the portfolio plans one person, one definition).

Like the rest of :mod:`plansat.check`, this module imports only
:mod:`plansat.models` and the standard library.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from plansat.check import violations
from plansat.check._common import chosen, first_by_id
from plansat.models.base import _Model
from plansat.models.project import Person, Project, Resource
from plansat.models.result import Result

#: ``(project name, task id)`` per calendar date, with the amount.
Usage = dict[date, list[tuple[str, str, int]]]


def portfolio_violations(
    schedules: Sequence[tuple[Project, Result]],
) -> list[str]:
    """Every rule the projects' schedules break, alone or together.

    Parameters
    ----------
    schedules
        Each project (as the portfolio planned it) with its result.

    Returns
    -------
    list of str
        Each project's own violations (prefixed by its name), then
        definitions that differ, then the dates on which a person or a
        resource is over-used across projects, e.g. ``"bob is
        over-allocated on 2025-07-14: 200% > 100% (Web: T4, App: T2)"``.
    """
    out: list[str] = []
    for project, result in schedules:
        out += [f"{project.name}: {m}" for m in violations(project, result)]
    limits = _limits(schedules, out)
    people: dict[str, Usage] = defaultdict(lambda: defaultdict(list))
    pools: dict[str, Usage] = defaultdict(lambda: defaultdict(list))
    for project, result in schedules:
        if not result.status.has_solution:
            continue
        cal = project.work_calendar
        rows = first_by_id(project, result)
        for task in project.tasks:
            tr = rows.get(task.id)
            if tr is None or tr.finish <= tr.start:
                continue
            dates = [cal.date_of(d) for d in range(tr.start, tr.finish)]
            for pid in dict.fromkeys(tr.people):
                _add(people[pid], dates, project.name, task.id,
                     task.allocation)
            for rid, units in chosen(task, tr).uses.items():
                _add(pools[rid], dates, project.name, task.id, units)
    for kind, usage in (("person", people), ("resource", pools)):
        for key in sorted(usage):
            limit = limits[kind].get(key)
            if limit is not None:
                out += _over(kind, key, usage[key], limit)
    return out


def _limits(schedules: Sequence[tuple[Project, Result]],
            out: list[str]) -> dict[str, dict[str, int]]:
    """Availability per person and capacity per renewable resource (the
    first project's definition), reporting definitions that differ."""
    limits: dict[str, dict[str, int]] = {"person": {}, "resource": {}}
    seen: dict[tuple[str, str], tuple[str, _Model]] = {}

    def define(kind: str, item: Person | Resource, name: str,
               limit: int | None) -> None:
        first = seen.setdefault((kind, item.id), (name, item))
        if first[1] != item:
            out.append(f"{kind} {item.id} is defined differently in "
                       f"{first[0]} and {name}")
        elif first[0] == name and limit is not None:
            limits[kind][item.id] = limit

    for project, _ in schedules:
        for person in project.people:
            define("person", person, project.name, person.availability)
        for res in project.resources:
            define("resource", res, project.name,
                   res.capacity if res.renewable else None)
    return limits


def _add(usage: Usage, dates: list[date], project: str, task: str,
         amount: int) -> None:
    for day in dates:
        usage[day].append((project, task, amount))


def _over(kind: str, key: str, usage: Usage, limit: int) -> list[str]:
    """One message per date on which ``key`` is used above ``limit`` by
    tasks of more than one project (one project's own overuse is its
    own checker's)."""
    out = []
    unit = "%" if kind == "person" else " units"
    what = "over-allocated" if kind == "person" else "over capacity"
    for day in sorted(usage):
        items = usage[day]
        total = sum(a for *_, a in items)
        if total <= limit or len({p for p, *_ in items}) < 2:
            continue
        by = ", ".join(f"{p}: {t}" for p, t, _ in items)
        label = key if kind == "person" else f"resource {key}"
        out.append(f"{label} is {what} on {day}: {total}{unit} > "
                   f"{limit}{unit} ({by})")
    return out
