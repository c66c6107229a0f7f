"""Tasks MS Project stretched over their resources' days off.

MS Project counts a task's duration in the working time of its
resources' calendars, so a 3-day task whose resource works Monday to
Wednesday, started on a Wednesday, ends the next Tuesday: that is a
plansat *splittable* task.  A task whose ``Start`` and ``Finish`` span
more working days than its duration is read as splittable when its
people's days off (their calendar's weekdays and their ``unavailable``
dates, as read) account for the difference exactly; otherwise (a split
made by hand, a task calendar) the importer says so.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from plansat.io.mspdi.context import Context
from plansat.io.mspdi.resources import Resources

__all__ = ["settle_spans"]


def settle_spans(
    ctx: Context, tasks: dict[int, dict[str, Any]], res: Resources
) -> None:
    """Mark the stretched tasks their people explain as splittable; warn
    about the others."""
    people = {p["id"]: p for p in res.people.values()}
    for uid, (first, span, days, label) in sorted(ctx.stretched.items()):
        task = tasks.get(uid)
        if task is None:
            continue
        crew = [people[p] for p in task.get("assigned", []) if p in people]
        worked = [
            k for k in range(first, first + span)
            if crew and all(_works(p, ctx.clock.start_at(k).date())
                            for p in crew)
        ]
        if (crew and "modes" not in task and "crash" not in task
                and len(worked) == days and worked[0] == first
                and worked[-1] == first + span - 1):
            task["splittable"] = True
            continue
        ctx.notes.add(
            f"{label}: its Start and Finish span {span} working days for "
            f"a duration of {days} (a split, or a task or resource "
            f"calendar); plansat schedules {days} working days in a row"
        )


def _works(person: dict[str, Any], day: date) -> bool:
    """Whether ``person`` (as read) works the project's working day
    ``day``."""
    for away in person.get("unavailable", []):
        if away["start"] <= day.isoformat() <= away["end"]:
            return False
    week = person.get("calendar", {}).get("workdays")
    return week is None or day.strftime("%a") in week
