"""Read an MS Project XML (MSPDI) file as a plansat project.

:func:`read_mspdi` returns the project, the baseline it carries and the
warnings of the import: every approximation (a fractional duration
rounded up, an elapsed lag, a constraint plansat can't hold, another
calendar) names the task or resource UID it concerns.  A file that is not
MSPDI, is truncated, declares a DTD or entities, links to a task it
doesn't have, or gives a project plansat's rules refuse raises
:class:`~plansat.models.ProjectError`, naming the file.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from plansat.io.mspdi.calendar import Calendars
from plansat.io.mspdi.clock import Clock
from plansat.io.mspdi.context import Context, custom_fields
from plansat.io.mspdi.dropped import left_out
from plansat.io.mspdi.parse import FormatError, Node, Notes, parse_root
from plansat.io.mspdi.resources import read_assignments, read_resources
from plansat.io.mspdi.rows import Row
from plansat.io.mspdi.splits import settle_spans
from plansat.io.mspdi.tasks import build_tasks, read_rows
from plansat.io.mspdi.tracking import read_baseline, read_progress, status_date
from plansat.models import Project, ProjectError, Result
from plansat.models.calendar import WorkCalendar

__all__ = ["MspdiImport", "parse_mspdi", "read_mspdi"]

log = logging.getLogger(__name__)


@dataclass
class MspdiImport:
    """What an MSPDI file holds for plansat.

    Attributes
    ----------
    project
        The project (summary tasks as WBS groups, links on leaf tasks).
    baseline
        The chosen baseline as a schedule, or ``None`` when the file has
        none for every task.
    warnings
        What was approximated or left out, one line each, naming the task
        or resource UID.
    uids
        The MSPDI UID of each plansat task id.
    """

    project: Project
    baseline: Result | None = None
    warnings: list[str] = field(default_factory=list)
    uids: dict[str, int] = field(default_factory=dict)


def read_mspdi(path: str | Path, baseline: int = 0) -> MspdiImport:
    """Read the MSPDI file at ``path``.

    Parameters
    ----------
    path
        The ``.xml`` file MS Project (or ProjectLibre, GanttProject, ...)
        saved.
    baseline
        Which ``Baseline`` (0-10) to read as the baseline.

    Raises
    ------
    ProjectError
        With one line naming the file and what is wrong.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ProjectError([f"{path}: {exc.strerror or exc}"]) from None
    return parse_mspdi(data, source=str(path), baseline=baseline)


def parse_mspdi(
    data: bytes, source: str = "<mspdi>", baseline: int = 0
) -> MspdiImport:
    """Read MSPDI bytes (see :func:`read_mspdi`)."""
    if not 0 <= baseline <= 10:
        raise ProjectError([f"{source}: baseline {baseline} is not 0-10"])
    try:
        root = parse_root(data)
        ctx = _context(root, source, baseline)
        rows, uids = read_rows(root, ctx)
        if not any(not r.summary for r in rows):
            raise FormatError("the file has no tasks")
        tasks = build_tasks(rows, uids, ctx)
        res = read_resources(root, ctx)
        summaries = {r.uid for r in rows if r.summary}
        read_assignments(root, ctx, res, tasks, summaries)
        settle_spans(ctx, tasks, res, root)
        actuals = read_progress(rows, tasks, ctx)
        status = status_date(root.datetime("StatusDate"),
                             root.datetime("CurrentDate"), actuals, ctx)
    except FormatError as exc:
        raise ProjectError([f"{source}: {exc}"]) from None
    project_data = _project_data(root, ctx, tasks, res, status)
    project = _validate(project_data, rows, source)
    base = read_baseline(rows, tasks, project, baseline, ctx)
    left_out(root, ctx, baseline)
    warnings = list(ctx.notes)
    for line in warnings:
        log.info("%s: %s", source, line)
    return MspdiImport(
        project=project,
        baseline=base,
        warnings=warnings,
        uids={t["id"]: uid for uid, t in tasks.items()},
    )


def _context(root: Node, source: str, baseline: int = 0) -> Context:
    """The file's settings, calendar and clock.

    The project starts on the file's ``StartDate``, or earlier when work
    started before it (its first ``ActualStart``) or when baseline
    ``baseline`` does (its first ``Start``): the baseline keeps its own
    dates, and the tasks with no predecessor get the ``StartDate`` as
    their earliest start, so that nothing is scheduled earlier."""
    notes = Notes()
    per_day = root.int("MinutesPerDay") or 480
    if per_day <= 0 or per_day > 24 * 60:
        raise FormatError(f"MinutesPerDay {per_day} is not 1-1440")
    if root.text("ScheduleFromStart") is not None and not root.flag(
        "ScheduleFromStart"
    ):
        notes.add("project: scheduled from its finish in MS Project; "
                  "plansat schedules from the start")
    calendars = Calendars(root, notes, per_day)
    cal = calendars.get(root.int("CalendarUID"))
    if not cal.workdays:
        raise FormatError(f"the project calendar '{cal.name}' has no "
                          "working weekday")
    calendars.check_detail(cal, "project")
    start = root.datetime("StartDate") or _first(root, "Start")
    if start is None:
        raise FormatError("no <StartDate> and no task with a <Start>")
    actual = _first(root, "ActualStart")
    if actual is not None and actual.date() < start.date():
        notes.add(f"project: work started on {actual.date()}, before the "
                  f"StartDate {start.date()}; the project starts then")
        start = actual
    anchor = None
    first = _first_baseline(root, baseline)
    if first is not None and first.date() < start.date():
        notes.add(f"project: baseline {baseline} starts on {first.date()}, "
                  f"before the project start {start.date()}; the project "
                  f"starts then, and its first tasks no earlier than "
                  f"{start.date()}, so that the baseline keeps its dates")
        anchor, start = start.date(), first
    work = WorkCalendar(start.date(), cal.workdays, cal.days_off())
    clock = Clock(work, cal.day_start, cal.day_end)
    return Context(source, notes, per_day, calendars, cal, clock,
                   custom_fields(root), anchor)


def _first_baseline(root: Node, number: int) -> datetime | None:
    """The earliest ``Start`` of baseline ``number``, when every task
    has one (else the baseline is not read, and doesn't matter)."""
    found = []
    for task in root.items("Tasks", "Task"):
        if (task.int("UID") or 0) == 0 or task.text("Name") is None or (
            task.flag("Summary")
        ):
            continue
        starts = [base.datetime("Start") for base in task.children(
            "Baseline") if (base.int("Number") or 0) == number]
        if not starts or starts[0] is None:
            return None
        found.append(starts[0])
    return min(found, default=None)


def _first(root: Node, name: str) -> datetime | None:
    """The earliest ``name`` date of the file's tasks."""
    found = [t.datetime(name) for t in root.items("Tasks", "Task")]
    return min((d for d in found if d is not None), default=None)


def _project_data(
    root: Node, ctx: Context, tasks: dict[int, dict[str, Any]],
    res: Any, status: Any,
) -> dict[str, Any]:
    cal = ctx.calendar
    start = ctx.clock.calendar.start
    data: dict[str, Any] = {
        "name": root.text("Title") or root.text("Name") or Path(
            ctx.source).stem,
        "start": start.isoformat(),
        "calendar": {"workdays": cal.workdays,
                     "holidays": [d.isoformat() for d in cal.days_off()]},
        "people": list(res.people.values()),
        "resources": list(res.pools.values()),
        "tasks": list(tasks.values()),
    }
    if status is not None:
        data["status_date"] = max(status, start).isoformat()
    if ctx.anchor is not None:  # the project moved back for a baseline
        for task in data["tasks"]:
            if not task.get("after"):
                task["earliest_start"] = max(
                    task.get("earliest_start") or ctx.anchor, ctx.anchor)
    _clean_dates(data, ctx)
    return data


def _clean_dates(data: dict[str, Any], ctx: Context) -> None:
    """Drop task dates plansat's rules would refuse: deadlines before the
    start or before the task's earliest start."""
    start = ctx.clock.calendar.start
    for task in data["tasks"]:
        due, first = task.get("deadline"), task.get("earliest_start")
        if due is not None and (due < start or (first and due < first)):
            ctx.notes.add(
                f"task {task['id']}: deadline {due} before "
                f"{'the project start' if due < start else 'its start'}; "
                "left out"
            )
            del task["deadline"]
        for key in ("deadline", "earliest_start"):
            if task.get(key) is not None:
                task[key] = task[key].isoformat()
        progress = task.get("progress")
        if progress:
            for key in ("actual_start", "actual_finish"):
                if progress.get(key) is not None:
                    progress[key] = max(progress[key], start).isoformat()


_PATH = re.compile(r"^tasks\[(\d+)\]")


def _validate(data: dict[str, Any], rows: list[Row], source: str) -> Project:
    """The project, or its broken rules with each task's UID added."""
    try:
        return Project.from_data(data)
    except ProjectError as exc:
        leaves = [r for r in rows if not r.summary]
        lines = []
        for line in exc.errors:
            match = _PATH.match(line)
            if match and int(match[1]) < len(leaves):
                row = leaves[int(match[1])]
                line = f"{line} ({row.label})"
            lines.append(f"{source}: {line}")
        raise ProjectError(lines) from None
