"""Progress and baselines of an MSPDI file: ``ActualStart``,
``ActualFinish``, ``PercentComplete``, ``RemainingDuration`` and
``ActualCost`` as the tasks' ``progress`` (MS Project's remaining
duration is kept as ``remaining``); ``Baseline`` number N as a
baseline :class:`~plansat.models.Result`.

MSPDI money is in hundredths of the currency unit (``ActualCost`` 80000
is 800.00).  A task's baseline is its ``Baseline`` element's ``Start`` and
``Finish``; a baseline is built only when every task has one.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from plansat.io.mspdi import durations as dur
from plansat.io.mspdi.context import Context
from plansat.io.mspdi.parse import FormatError
from plansat.io.mspdi.rows import Row
from plansat.models import Project, Result, SolveStatus

__all__ = ["read_baseline", "read_progress", "status_date"]


def read_progress(
    rows: list[Row], tasks: dict[int, dict[str, Any]], ctx: Context
) -> list[date]:
    """Set each task's ``progress``; the actual dates found."""
    found: list[date] = []
    for row in rows:
        task = tasks.get(row.uid)
        if task is None:
            continue
        progress = _progress(row, task["duration"], ctx)
        if progress:
            task["progress"] = progress
            found += [progress[k] for k in ("actual_start", "actual_finish")
                      if progress.get(k) is not None]
    return found


def _progress(row: Row, days: int, ctx: Context) -> dict[str, Any] | None:
    node, notes, clock = row.node, ctx.notes, ctx.clock
    percent = min(max(node.float("PercentComplete") or 0.0, 0.0), 100.0)
    started = node.datetime("ActualStart")
    ended = node.datetime("ActualFinish")
    if started is None and ended is None and percent == 0:
        return None
    if started is None:
        started = node.datetime("Start") or ended
        notes.add(f"{row.label}: {percent:g}% complete without an "
                  "ActualStart; its Start is taken")
    if ended is None and percent >= 100:
        ended = node.datetime("Finish")
        notes.add(f"{row.label}: 100% complete without an ActualFinish; "
                  "its Finish is taken")
    if started is None:
        return None
    first = _start_date(started, clock.day_end)
    if days == 0:  # MS Project's milestone date: the end of the day before
        first = clock.calendar.milestone_date(
            max(clock.start_index(started), 0))
    out: dict[str, Any] = {"actual_start": first}
    if ended is not None:
        last = first if days == 0 else max(
            first, _finish_date(ended, clock.day_start)
        )
        out.update(actual_finish=last, percent_complete=100)
    else:
        out["percent_complete"] = percent
        remaining = node.text("RemainingDuration")
        if remaining is not None:
            try:
                minutes = dur.parse_duration(remaining)
            except ValueError as exc:
                raise FormatError(
                    f"{row.label}: <RemainingDuration> {exc}"
                ) from None
            left = dur.round_up(
                dur.working_days(minutes, ctx.minutes_per_day)
            )
            out["remaining"] = max(left, 0)
    cost = node.float("ActualCost")
    if cost:
        out["actual_cost"] = round(cost / 100, 2)
    return out


def _start_date(moment: datetime, day_end: Any) -> date:
    if moment.time() >= day_end:
        return (moment + timedelta(days=1)).date()
    return moment.date()


def _finish_date(moment: datetime, day_start: Any) -> date:
    if moment.time() <= day_start:
        return (moment - timedelta(days=1)).date()
    return moment.date()


def status_date(
    root_status: datetime | None,
    current: datetime | None,
    actuals: list[date],
    ctx: Context,
) -> date | None:
    """The data date: ``StatusDate``, else (when there is progress)
    ``CurrentDate``; moved to the latest actual date when one is later
    (plansat has no actuals after the status date)."""
    if root_status is not None:
        chosen: date | None = root_status.date()
    elif actuals:
        chosen = current.date() if current is not None else None
        ctx.notes.add(
            "project: no StatusDate; progress is read as of "
            f"{chosen or 'its latest actual date'} (the CurrentDate)"
        )
    else:
        return None
    latest = max(actuals, default=None)
    if latest is not None and (chosen is None or latest > chosen):
        if chosen is not None:
            ctx.notes.add(
                f"project: actual dates run to {latest}, after the status "
                f"date {chosen}; the status date is moved to {latest}"
            )
        chosen = latest
    return chosen


def read_baseline(
    rows: list[Row],
    tasks: dict[int, dict[str, Any]],
    project: Project,
    number: int,
    ctx: Context,
) -> Result | None:
    """Baseline ``number`` as a Result (``None`` when no task has it, or
    when some tasks miss it: a warning names them)."""
    from plansat.schedule.evaluate import build_result
    from plansat.schedule.plan import Plan

    clock, plan, missing = ctx.clock, Plan(), []
    for row in rows:
        task = tasks.get(row.uid)
        if task is None:
            continue
        found = _dates(row, number)
        if found is None:
            missing.append(row.uid)
            continue
        start = max(clock.start_index(found[0]), 0)
        finish = max(clock.finish_index(found[1]), start)
        tid = task["id"]
        plan.start[tid] = start
        plan.duration[tid] = finish - start if task["duration"] else 0
        people = project.task(tid).assigned
        plan.people[tid] = [list(people)] if people else []
    if not plan.start:
        return None
    if missing:
        listed = ", ".join(str(u) for u in missing[:10])
        more = f" and {len(missing) - 10} more" if len(missing) > 10 else ""
        ctx.notes.add(
            f"project: baseline {number} has no start and finish for task "
            f"UID {listed}{more}; no baseline read"
        )
        return None
    return build_result(project, plan, SolveStatus.FEASIBLE, "time",
                        float(plan.makespan), None, 0.0)


def _dates(row: Row, number: int) -> tuple[datetime, datetime] | None:
    for base in row.node.children("Baseline"):
        if (base.int("Number") or 0) != number:
            continue
        start, finish = base.datetime("Start"), base.datetime("Finish")
        if start is not None and finish is not None:
            return start, finish
    return None
