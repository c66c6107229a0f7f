"""MSPDI resources and assignments as plansat people and pooled
resources.

- A work resource (``Type`` 1) is a person: ``MaxUnits`` 0.5 is an
  availability of 50 %, ``StandardRate`` (per hour in MSPDI) times the
  hours of a working day is the day rate, the project's weekdays its
  calendar doesn't work (read by shifts: a night shift is the weekday
  it starts) make its own ``calendar``, and the other non-working days
  its calendar adds to the project's are its ``unavailable`` ranges.  A
  work resource of more than 100 % (``MaxUnits`` 3: a team of three) or
  marked ``plansat kind: pool`` is a pooled resource of that many units,
  with a ``calendar`` of its own when its calendar takes weekdays or
  days off the project's (as its ``holidays``).
- A material resource (``Type`` 0) is a non-renewable pool priced per
  unit; cost resources have no plansat meaning and are left out.
- An assignment pins a person to the task (``assigned``; its ``Units``
  set the task's ``allocation``) or uses units of a pool (``uses``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from plansat.io.mspdi.context import (
    ID_FIELD,
    KIND_FIELD,
    SKILLS_FIELD,
    Context,
    parse_skills,
)
from plansat.io.mspdi.parse import Node
from plansat.models.base import MAX_MONEY

__all__ = ["Resources", "own_calendar", "read_assignments", "read_resources"]

UNASSIGNED = -65535


@dataclass
class Resources:
    """The people and pools read, by resource UID."""

    people: dict[int, dict[str, Any]] = field(default_factory=dict)
    pools: dict[int, dict[str, Any]] = field(default_factory=dict)
    labels: dict[int, str] = field(default_factory=dict)
    stock: set[int] = field(default_factory=set)  # capacity from uses
    #: The ``CalendarUID`` of each resource read (``None``: none given).
    calendars: dict[int, int | None] = field(default_factory=dict)


def read_resources(root: Node, ctx: Context) -> Resources:
    """People and pooled resources of the file."""
    out = Resources()
    taken: set[str] = set()
    for node in root.items("Resources", "Resource"):
        uid = node.int("UID")
        name = node.text("Name")
        if uid is None or uid <= 0 or node.flag("IsNull") or not name:
            continue
        label = f"resource UID {uid} ({name})"
        node.where = label
        out.labels[uid] = label
        out.calendars[uid] = node.int("CalendarUID")
        kind = (ctx.custom(node, KIND_FIELD, "resource") or "").strip().lower()
        rtype = node.int("Type")
        if node.flag("IsCostResource") or rtype == 2:
            ctx.notes.add(f"{label}: cost resource left out (plansat "
                          "prices people, pools and overhead)")
            continue
        rid = _id(node, uid, taken, label, ctx)
        shown = None if name == rid else name
        if rtype == 0:
            out.pools[uid] = _material(node, rid, shown, kind, ctx)
            if "capacity" not in out.pools[uid]:
                out.stock.add(uid)
            continue
        units = node.float("MaxUnits")
        units = 1.0 if units is None else units
        if kind == "pool" or units > 1.0 + 1e-9:
            out.pools[uid] = _pool(node, rid, shown, units, kind, ctx)
        else:
            out.people[uid] = _person(node, rid, shown, units, ctx)
    return out


def _id(node: Node, uid: int, taken: set[str], label: str,
        ctx: Context) -> str:
    wanted = ctx.custom(node, ID_FIELD, "resource")
    if wanted and wanted not in taken:
        rid = wanted
    else:
        if wanted:
            ctx.notes.add(f"{label}: plansat id '{wanted}' is used by an "
                          f"earlier resource too; it keeps id '{uid}'")
        rid = str(uid)
    taken.add(rid)
    return rid


def _rate(node: Node, ctx: Context, per_day: bool) -> float:
    rate = node.float("StandardRate") or 0.0
    if per_day:
        rate *= ctx.minutes_per_day / 60
    if node.float("CostPerUse"):
        ctx.notes.add(f"{node.where}: cost per use left out")
    return round(min(max(rate, 0.0), MAX_MONEY), 6)


def _person(node: Node, rid: str, name: str | None, units: float,
            ctx: Context) -> dict[str, Any]:
    person: dict[str, Any] = {"id": rid, "name": name,
                              "rate": _rate(node, ctx, per_day=True)}
    availability = round(units * 100)
    if availability < 1:
        ctx.notes.add(f"{node.where}: MaxUnits {units:g} read as 100%")
        availability = 100
    if availability != 100:
        person["availability"] = availability
    skills = ctx.custom(node, SKILLS_FIELD, "resource")
    if skills:
        try:
            person["skills"] = parse_skills(skills)
        except ValueError as exc:
            ctx.notes.add(f"{node.where}: plansat skills {exc}; left out")
    away = _unavailable(node, ctx)
    if away:
        person["unavailable"] = away
    week = _own_week(node, ctx)
    if week is not None:
        person["calendar"] = {"workdays": week}
    if node.child("AvailabilityPeriods") is not None and any(
        True for _ in node.items("AvailabilityPeriods", "AvailabilityPeriod")
    ):
        ctx.notes.add(f"{node.where}: availability that changes over "
                      f"time left out; {availability}% throughout")
    return person


def _pool(node: Node, rid: str, name: str | None, units: float,
          kind: str, ctx: Context) -> dict[str, Any]:
    capacity = max(math.floor(units + 1e-9), 1)
    if kind != "pool":
        ctx.notes.add(
            f"{node.where}: {units * 100:g}% of a work resource read as a "
            f"pooled resource of {capacity} units (no person is "
            "available above 100%)"
        )
    pool: dict[str, Any] = {
        "id": rid, "name": name, "capacity": capacity,
        "rate": _rate(node, ctx, per_day=True)}
    own = own_calendar(node, ctx)
    if own is not None:
        pool["calendar"] = own
    return pool


def own_calendar(node: Node, ctx: Context) -> dict[str, Any] | None:
    """The calendar of a resource or task ``node``'s ``CalendarUID``
    (its base calendar's days folded in), as plansat's: the project's
    weekdays it works and its other days off as holidays (``None`` when
    it takes no grid day off)."""
    week, off = _own_week(node, ctx), _days_off(node, ctx)
    if week is None and not off:
        return None
    return {"workdays": week or list(ctx.calendar.workdays),
            "holidays": [d.isoformat() for d in off]}


def _material(node: Node, rid: str, name: str | None, kind: str,
              ctx: Context) -> dict[str, Any]:
    pool: dict[str, Any] = {"id": rid, "name": name, "renewable": False,
                            "rate": _rate(node, ctx, per_day=False)}
    units = node.float("MaxUnits")
    if kind == "stock" and units and units >= 1:
        pool["capacity"] = math.floor(units + 1e-9)
    return pool


def _days_off(node: Node, ctx: Context) -> list[date]:
    """Days the resource's calendar takes off beyond the project's."""
    uid = node.int("CalendarUID")
    if uid is None or uid not in ctx.calendars:
        return []
    cal = ctx.calendars.get(uid)
    holidays = set(ctx.calendar.days_off())
    return [d for d in cal.days_off() if d not in holidays]


def _unavailable(node: Node, ctx: Context) -> list[dict[str, str]]:
    """A person's days off beyond the project's, as date ranges."""
    return _ranges(_days_off(node, ctx))


def _own_week(node: Node, ctx: Context) -> list[str] | None:
    """The project's weekdays the resource's calendar works, when not all
    of them (``None`` otherwise); working days off the project's week
    can't be planned on its day grid, and are reported."""
    uid = node.int("CalendarUID")
    if uid is None or uid not in ctx.calendars:
        return None
    cal, project = ctx.calendars.get(uid), ctx.calendar
    extra = [d for d in cal.workdays if d not in project.workdays]
    if extra:
        ctx.notes.add(
            f"{node.where}: works {', '.join(extra)} in calendar "
            f"'{cal.name}', days the project doesn't work "
            f"({', '.join(project.workdays)}); plansat plans on the "
            "project's working days"
        )
    week = [d for d in project.workdays if d in cal.workdays]
    if not week:
        ctx.notes.add(f"{node.where}: its calendar '{cal.name}' works "
                      "none of the project's weekdays; left out")
        return None
    return week if week != list(project.workdays) else None


def _ranges(days: list[date]) -> list[dict[str, str]]:
    """Sorted dates as inclusive ranges of consecutive dates."""
    out: list[list[date]] = []
    for day in days:
        if out and day - out[-1][1] == timedelta(days=1):
            out[-1][1] = day
        else:
            out.append([day, day])
    return [{"start": a.isoformat(), "end": b.isoformat()} for a, b in out]


def read_assignments(
    root: Node, ctx: Context, res: Resources,
    tasks: dict[int, dict[str, Any]], summaries: set[int],
) -> None:
    """Pin people to tasks and give tasks their pooled units."""
    units_of: dict[int, list[float]] = {}
    for node in root.items("Assignments", "Assignment"):
        task_uid, res_uid = node.int("TaskUID"), node.int("ResourceUID")
        if task_uid is None or res_uid is None or res_uid in (
            UNASSIGNED, 0
        ):
            continue
        node.where = f"task UID {task_uid}"
        units = node.float("Units")
        units = 1.0 if units is None else units
        task = tasks.get(task_uid)
        owner = res.labels.get(res_uid, f"resource UID {res_uid}")
        if task is None:
            if task_uid in summaries:
                ctx.notes.add(f"task UID {task_uid}: {owner} assigned to a "
                              "summary task; left out")
            continue
        label = f"task UID {task_uid} ({task.get('name', task['id'])})"
        if res_uid not in res.people and res_uid not in res.pools:
            continue  # a cost or unknown resource
        if task["duration"] == 0:
            ctx.notes.add(f"{label}: {owner} assigned to a milestone; "
                          "left out")
            continue
        if res_uid in res.people:
            assigned = task.setdefault("assigned", [])
            pid = res.people[res_uid]["id"]
            if pid not in assigned:
                assigned.append(pid)
                units_of.setdefault(task_uid, []).append(units)
        else:
            _use(task, res.pools[res_uid], units, label, ctx)
    for task_uid, shares in units_of.items():
        _allocation(tasks[task_uid], shares, res, ctx, task_uid)
    for uid in res.stock:
        pool = res.pools[uid]
        total = sum(t.get("uses", {}).get(pool["id"], 0)
                    for t in tasks.values())
        pool["capacity"] = max(total, 1)


def _use(task: dict[str, Any], pool: dict[str, Any], units: float,
         label: str, ctx: Context) -> None:
    whole = max(math.ceil(units - 1e-9), 1)
    if abs(whole - units) > 1e-9:
        ctx.notes.add(f"{label}: {units:g} units of {pool['id']} rounded "
                      f"up to {whole}")
    cap = pool.get("capacity")
    if cap is not None and pool.get("renewable", True) and whole > cap:
        ctx.notes.add(f"{label}: {whole} units of {pool['id']} capped at "
                      f"its {cap}")
        whole = cap
    uses = task.setdefault("uses", {})
    uses[pool["id"]] = uses.get(pool["id"], 0) + whole


def _allocation(task: dict[str, Any], units: list[float], res: Resources,
                ctx: Context, task_uid: int) -> None:
    """One allocation per task: the largest assignment's units, within
    100 % and within every assigned person's availability."""
    label = f"task UID {task_uid} ({task.get('name', task['id'])})"
    wanted = round(max(units) * 100)
    people = {p["id"]: p for p in res.people.values()}
    least = min(people[pid].get("availability", 100)
                for pid in task["assigned"])
    allocation = max(min(wanted, 100, least), 1)
    if len({round(u * 100) for u in units}) > 1:
        shown = ", ".join(f"{u:.0%}" for u in units)
        ctx.notes.add(f"{label}: assignments at {shown}; plansat gives "
                      f"all its people one allocation, {allocation}%")
    elif allocation != wanted:
        ctx.notes.add(f"{label}: assignment units {wanted}% read as "
                      f"{allocation}%")
    if allocation != 100:
        task["allocation"] = allocation
