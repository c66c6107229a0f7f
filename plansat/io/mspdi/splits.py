"""Tasks whose MS Project dates span another number of working days
than their duration.

Three readings, in order:

- **Its people's shifts** (:mod:`.crew_days`): MS Project counts a
  task's ``Duration`` in the union of its resources' working time, so a
  task a day shift and a night shift work three days each lasts six
  8-hour "days"; plansat's duration is the days its people work.
- **Its people's and its own days off**: MS Project counts a task's
  duration in the working time of its resources' calendars (and of its
  task calendar), so a 3-day task whose resource works Monday to
  Wednesday, started on a Wednesday, ends the next Tuesday: that is a
  plansat *splittable* task, when its people's days off (their
  calendar's weekdays and their ``unavailable`` dates, as read) and its
  own calendar's account for the difference exactly.
- **A split made by hand**: the assignments' timephased work
  (``TimephasedData``) has working days without work inside the task.
  That pause is a decision of the plan, not a calendar; the importer
  reads it as the task's own days off (holidays of a task calendar) and
  the task as splittable, so it pauses on the same dates.

Anything else (a contour) is a warning.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from typing import Any

from plansat.io.mspdi.context import Context
from plansat.io.mspdi.crew_days import bookings, crew_of, crew_span
from plansat.io.mspdi.durations import parse_duration
from plansat.io.mspdi.parse import Node
from plansat.io.mspdi.resources import Resources

__all__ = ["settle_spans"]

#: ``TimephasedData`` types of an assignment's work: remaining, actual.
_WORK_TYPES = (1, 2)


def settle_spans(
    ctx: Context, tasks: dict[int, dict[str, Any]], res: Resources,
    root: Node,
) -> None:
    """Give the tasks their people's shifts explain their days, mark
    those their days off explain splittable, and name the others."""
    people = {p["id"]: p for p in res.people.values()}
    booked = bookings(root, ctx, set(res.people), res.calendars)
    for uid, stretch in sorted(ctx.stretched.items()):
        task = tasks.get(uid)
        if task is None:
            continue
        crew = crew_of(task, people)
        first, span, days = stretch.first, stretch.span, stretch.days
        shifts = crew_span(ctx, stretch, booked.get(uid, []))
        if shifts is not None and len(booked[uid]) == len(crew):
            days, first, span = shifts
            task["duration"] = days
        if span == days:
            continue
        if span > days and _stretched(ctx, task, crew, first, span, days):
            task["splittable"] = True
            continue
        runs = _by_hand(ctx, root, uid, first, span, days)
        if runs and "modes" not in task and "crash" not in task:
            _pause(ctx, task, runs)
            ctx.notes.add(
                f"{stretch.label}: split by hand in MS Project into "
                f"segments {_dates(ctx, runs)}; read as the task's own "
                f"days off on {_dates(ctx, _gaps(runs))} (a task "
                "calendar); the pause stays on those dates if the task "
                "moves")
            continue
        ctx.notes.add(
            f"{stretch.label}: its Start and Finish span {span} working "
            f"days for a duration of {days} (a split, or a task or "
            f"resource calendar); plansat schedules {days} working days "
            "in a row")


def _stretched(ctx: Context, task: dict[str, Any],
               crew: list[dict[str, Any]], first: int, span: int,
               days: int) -> bool:
    """Whether ``crew``'s days off account for the span exactly."""
    own = task.get("calendar")
    worked = [
        k for k in range(first, first + span)
        if all(_works(p, ctx.clock.start_at(k).date())
               for p in [*crew, {"calendar": own} if own else {}])
    ]
    return bool((crew or own) and "modes" not in task
                and "crash" not in task
                and len(worked) == days and worked[0] == first
                and worked[-1] == first + span - 1)


def _by_hand(ctx: Context, root: Node, uid: int, first: int, span: int,
             days: int) -> list[tuple[int, int]] | None:
    """The segments of a task split by hand (inclusive runs of grid
    days), read from its assignments' timephased work: ``days`` grid
    days with work, from day ``first`` to the last of its span, with
    working days without work between them (else ``None``)."""
    clock, worked = ctx.clock, set[int]()
    for node in root.items("Assignments", "Assignment"):
        if node.int("TaskUID") != uid:
            continue
        for part in node.children("TimephasedData"):
            a, b = part.datetime("Start"), part.datetime("Finish")
            if part.int("Type") not in _WORK_TYPES or a is None or (
                    b is None):
                continue
            try:
                work = parse_duration(part.text("Value") or "PT0H")
            except ValueError:
                continue
            if work > 0:
                worked.update(range(clock.start_index(a),
                                    clock.finish_index(b)))
    inside = sorted(k for k in worked if first <= k < first + span)
    if len(inside) != days or not inside or inside[0] != first or (
            inside[-1] != first + span - 1):
        return None
    runs: list[list[int]] = []
    for k in inside:
        if runs and k == runs[-1][1] + 1:
            runs[-1][1] = k
        else:
            runs.append([k, k])
    return [(a, b) for a, b in runs]


def _gaps(runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The inclusive runs of days between ``runs``."""
    return [(b + 1, a - 1) for (_, b), (a, _) in pairwise(runs)]


def _pause(ctx: Context, task: dict[str, Any],
           runs: list[tuple[int, int]]) -> None:
    """Make ``task`` splittable, off (a task calendar's holidays) on the
    grid days between ``runs``."""
    own = task.setdefault("calendar", {
        "workdays": list(ctx.calendar.workdays), "holidays": []})
    days = {_date(ctx, k) for a, b in _gaps(runs) for k in range(a, b + 1)}
    own["holidays"] = sorted(set(own.get("holidays", [])) | days)
    task["splittable"] = True


def _dates(ctx: Context, runs: list[tuple[int, int]]) -> str:
    """``2006-09-21..2006-09-26, ...``."""
    return ", ".join(f"{_date(ctx, a)}..{_date(ctx, b)}" for a, b in runs)


def _date(ctx: Context, index: int) -> str:
    return ctx.clock.calendar.date_of(index).isoformat()


def _works(person: dict[str, Any], day: date) -> bool:
    """Whether ``person`` (as read) works the project's working day
    ``day``."""
    for away in person.get("unavailable", []):
        if away["start"] <= day.isoformat() <= away["end"]:
            return False
    own = person.get("calendar", {})
    if day.isoformat() in own.get("holidays", []):
        return False
    week = own.get("workdays")
    return week is None or day.strftime("%a") in week
