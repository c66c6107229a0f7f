"""MSPDI tasks as plansat tasks: the outline, durations, links and
constraints.

Rows are read in ``ID`` order.  The project summary (UID 0), blank rows
and inactive tasks are left out; a row followed by deeper rows is a
summary task, which becomes a WBS group (its ``OutlineNumber`` is the
prefix of its children's ``wbs``), not a task.  A link to or from a
summary applies to its leaf tasks, as MS Project schedules it: into a
summary, each leaf starts (FS, SS) after the predecessor; out of a summary
(FS, FF), the successor waits for every leaf.  SS and SF out of a summary
and FF and SF into one hold for the group as a whole in MS Project
(its first start, its last finish); plansat applies them to every leaf
and says so.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from plansat.io.mspdi import durations as dur
from plansat.io.mspdi.context import (
    ID_FIELD,
    NEEDS_FIELD,
    Context,
    Stretch,
    parse_needs,
    split_allocation,
)
from plansat.io.mspdi.links import read_links
from plansat.io.mspdi.parse import FormatError, Node
from plansat.io.mspdi.resources import own_calendar
from plansat.io.mspdi.rows import Row

__all__ = ["build_tasks", "read_rows"]

#: MS Project's default task priority (plansat's too).
DEFAULT_PRIORITY = 500

#: MSPDI ``ConstraintType`` names, for messages.
CONSTRAINTS = {
    0: "as soon as possible", 1: "as late as possible",
    2: "must start on", 3: "must finish on", 4: "start no earlier than",
    5: "start no later than", 6: "finish no earlier than",
    7: "finish no later than",
}


def read_rows(root: Node, ctx: Context) -> tuple[list[Row], set[int]]:
    """The task rows kept, in outline order, and every task UID of the
    file (for dangling links)."""
    all_uids: set[int] = set()
    rows: list[Row] = []
    for k, node in enumerate(root.items("Tasks", "Task")):
        uid = node.int("UID")
        if uid is None:
            raise FormatError(f"task at position {k + 1} has no <UID>")
        all_uids.add(uid)
        name = node.text("Name")
        level = node.int("OutlineLevel")
        if uid == 0 or level == 0 or node.flag("IsNull") or name is None:
            continue  # the project summary and blank rows
        node.where = f"task UID {uid} ({name})"
        if node.text("Active") is not None and not node.flag("Active"):
            ctx.notes.add(f"{node.where}: inactive in MS Project; left out")
            continue
        rows.append(Row(node, uid, node.int("ID") or k, name,
                        max(level or 1, 1)))
    rows.sort(key=lambda r: r.order)
    stack: list[Row] = []
    for row in rows:
        while stack and stack[-1].level >= row.level:
            stack.pop()
        if stack:
            row.parent = stack[-1]
            stack[-1].children.append(row)
        stack.append(row)
    _assign_ids(rows, ctx)
    return rows, all_uids


def _assign_ids(rows: list[Row], ctx: Context) -> None:
    """plansat ids: the ``plansat id`` field when the file has it (and it
    is unique), else the UID."""
    taken: set[str] = set()
    for row in rows:
        wanted = ctx.custom(row.node, ID_FIELD)
        if wanted and wanted not in taken:
            row.id = wanted
        else:
            if wanted:
                ctx.notes.add(
                    f"{row.label}: plansat id '{wanted}' is used by an "
                    f"earlier row too; this task keeps id '{row.uid}'"
                )
            row.id = str(row.uid)
        taken.add(row.id)


def build_tasks(
    rows: list[Row], all_uids: set[int], ctx: Context
) -> dict[int, dict[str, Any]]:
    """plansat task data by UID, for the leaf rows."""
    by_uid = {r.uid: r for r in rows}
    nested = any(r.level > 1 for r in rows)
    tasks: dict[int, dict[str, Any]] = {}
    for row in rows:
        row.minutes = _minutes(row, ctx)
    for row in rows:
        if row.summary:
            _check_summary(row, ctx)
            continue
        task: dict[str, Any] = {"id": row.id, "duration": _duration(row, ctx)}
        if row.name != row.id:  # a task written without a name has its id
            task["name"] = row.name
        outline = row.node.text("OutlineNumber")
        if nested and outline:
            task["wbs"] = outline
        priority = _priority(row, ctx)
        if priority != DEFAULT_PRIORITY:
            task["priority"] = priority
        own = own_calendar(row.node, ctx)
        if own is not None:  # a task calendar
            task["calendar"] = own
        needs = ctx.custom(row.node, NEEDS_FIELD)
        if needs:
            _needs(task, needs, row, ctx)
        tasks[row.uid] = task
    _leveling_delays(rows, ctx)
    for row in rows:
        _constraints(row, tasks, ctx)
    for row in rows:
        read_links(row, by_uid, all_uids, tasks, ctx)
    return tasks


def _leveling_delays(rows: list[Row], ctx: Context) -> None:
    """One warning for the tasks a levelled plan delays (MS Project's
    ``LevelingDelay``): plansat levels when it solves, so the project
    keeps only the links and constraints, as before levelling."""
    delayed = [r.uid for r in rows if not r.summary
               and (r.node.float("LevelingDelay") or 0) > 0]
    if delayed:
        listed = ", ".join(str(u) for u in delayed[:10])
        more = f" and {len(delayed) - 10} more" if len(delayed) > 10 else ""
        ctx.notes.add(
            f"project: leveling delay on {len(delayed)} task(s) (UID "
            f"{listed}{more}) left out: plansat levels the project itself "
            "when it solves")


def _priority(row: Row, ctx: Context) -> int:
    """MS Project's ``Priority`` (0-1000, 500 when absent), plansat's
    task priority on the same scale."""
    value = row.node.int("Priority")
    if value is None:
        return DEFAULT_PRIORITY
    if not 0 <= value <= 1000:
        kept = min(max(value, 0), 1000)
        ctx.notes.add(f"{row.label}: priority {value} is not 0-1000; "
                      f"read as {kept}")
        return kept
    return value


def _minutes(row: Row, ctx: Context) -> float:
    text = row.node.text("Duration")
    if text is None:
        return 0.0
    try:
        minutes = dur.parse_duration(text)
    except ValueError as exc:
        raise FormatError(f"{row.label}: <Duration> {exc}") from None
    return max(minutes, 0.0)


def _duration(row: Row, ctx: Context) -> int:
    node, notes = row.node, ctx.notes
    code = node.int("DurationFormat")
    days = dur.working_days(row.minutes, ctx.minutes_per_day)
    if dur.kind(code) == "elapsed":
        elapsed = row.minutes / (24 * 60)
        days = dur.elapsed_to_working(elapsed, len(ctx.calendar.workdays))
        notes.add(
            f"{row.label}: elapsed duration of {elapsed:g} calendar days "
            f"read as {dur.round_up(days)} working days"
        )
    elif not dur.is_whole(days):
        notes.add(
            f"{row.label}: duration {days:.4g} working days "
            f"({node.text('Duration')}) rounded up to {dur.round_up(days)}"
        )
    days_int = max(dur.round_up(days), 0)
    if dur.kind(code) != "elapsed":
        _check_span(row, days_int, ctx)
    if node.flag("Manual"):
        notes.add(
            f"{row.label}: manually scheduled in MS Project; plansat "
            "schedules it from its links"
        )
    if node.flag("Milestone") and days_int > 0:
        notes.add(
            f"{row.label}: marked as a milestone but lasts {days_int} "
            "days; kept as a task of that duration"
        )
    return days_int


def _check_span(row: Row, days: int, ctx: Context) -> None:
    """Note a task whose MS Project dates span more or fewer working days
    of the project's grid than its duration (a split, its people's
    calendars, a task calendar): settled once people are read."""
    start, finish = row.node.datetime("Start"), row.node.datetime("Finish")
    if start is None or finish is None or days == 0:
        return
    first = ctx.clock.start_index(start)
    span = ctx.clock.finish_index(finish) - first
    if span != days:  # its people's calendars may explain it: see splits
        ctx.stretched[row.uid] = Stretch(first, span, days, row.label,
                                         start, finish, row.minutes)


def _check_summary(row: Row, ctx: Context) -> None:
    if row.node.flag("Manual"):
        ctx.notes.add(
            f"{row.label}: manually scheduled summary; plansat groups its "
            "tasks, it doesn't bound them"
        )


def _needs(task: dict[str, Any], text: str, row: Row, ctx: Context) -> None:
    """Skill needs (and the ``@50%`` allocation of a task no one is
    assigned to yet) from the ``plansat needs`` field."""
    text, allocation = split_allocation(text)
    if allocation is not None and 1 <= allocation <= 100:
        task["allocation"] = allocation
    try:
        needs = parse_needs(text)
    except ValueError as exc:
        ctx.notes.add(f"{row.label}: plansat needs {exc}; left out")
        return
    if needs:
        task["needs"] = needs


# -- constraints -------------------------------------------------------------


def _constraints(
    row: Row, tasks: dict[int, dict[str, Any]], ctx: Context
) -> None:
    """The row's constraint and deadline on every task under it."""
    node, notes = row.node, ctx.notes
    kind = node.int("ConstraintType") or 0
    moment = node.datetime("ConstraintDate")
    leaves = [tasks[leaf.uid] for leaf in row.leaves() if leaf.uid in tasks]
    name = CONSTRAINTS.get(kind, str(kind))
    if kind and moment is None:
        notes.add(f"{row.label}: {name} without a ConstraintDate; left out")
    elif kind and moment is not None:
        where = f"{row.label}: {name} {moment:%Y-%m-%d}"
        for task in leaves:
            _constraint(task, kind, moment, where, ctx)
    deadline = node.datetime("Deadline")
    if deadline is not None:
        for task in leaves:
            _bound(task, "deadline", _due(task, deadline, ctx))


def _constraint(
    task: dict[str, Any], kind: int, moment: datetime, where: str,
    ctx: Context,
) -> None:
    clock, notes, days = ctx.clock, ctx.notes, task["duration"]
    if kind in (2, 4):
        _bound(task, "earliest_start", clock.start_date(moment))
        if kind == 2:
            notes.add(f"{where}: kept as start no earlier than")
    elif kind in (3, 7):
        _bound(task, "deadline", _due(task, moment, ctx))
        if kind == 3:
            notes.add(f"{where}: kept as finish no later than")
    elif kind == 5:  # start no later than: finish by start + duration
        last = clock.start_index(moment) + max(days, 1) - 1
        _bound(task, "deadline", clock.calendar.date_of(max(last, 0)))
        notes.add(f"{where}: kept as a deadline {days} days later")
    elif kind == 6:  # finish no earlier than: start by finish - duration
        first = max(clock.finish_index(moment) - days, 0)
        _bound(task, "earliest_start", clock.calendar.date_of(first))
        notes.add(f"{where}: kept as an earliest start {days} days before")
    else:
        notes.add(f"{where}: not kept (plansat schedules as soon as "
                  "possible)")


def _due(task: dict[str, Any], moment: datetime, ctx: Context) -> date:
    """The date a finish at ``moment`` is due on: the last working date
    ending by it, for a milestone too (its date is MS Project's, the end
    of the day before it)."""
    return ctx.clock.finish_date(moment)


def _bound(task: dict[str, Any], key: str, value: date) -> None:
    old = task.get(key)
    if old is None:
        task[key] = value
    else:
        task[key] = max(old, value) if key == "earliest_start" else min(
            old, value
        )
