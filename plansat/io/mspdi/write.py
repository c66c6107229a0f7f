"""Write a plansat project, its solved plan and a baseline as MS Project
XML (MSPDI).

Every element is written in the schema's order (:mod:`.schema`; MS
Project drops elements out of it).  Working days are 08:00-12:00 and
13:00-17:00 (``MinutesPerDay`` 480), so a working day is ``PT8H0M0S``.

With a ``result``, the tasks carry the solved plan: its dates, its
(crashed) durations, its overlaps as leads on their links, its people as
assignments; a task the solver started later than its links and earliest
start allow (waiting for a person or a resource) gets that wait as its
*leveling delay*, as MS Project stores a levelled plan, so that MS
Project, which recomputes dates when it opens the file, shows the plan as
solved and no constraint the project did not have.
Without one, the dates are the critical-path method's early dates and
the people are the pinned ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, indent, tostring

from plansat.io.mspdi.calendar import DAY_END, DAY_START
from plansat.io.mspdi.clock import Clock
from plansat.io.mspdi.context import RESOURCE_FIELDS, TASK_FIELDS
from plansat.io.mspdi.durations import MINUTES_PER_DAY, stamp
from plansat.io.mspdi.schema import NAMESPACE, ordered
from plansat.io.mspdi.write_calendars import (
    PROJECT_CALENDAR,
    calendars,
    own_calendars,
)
from plansat.models import Project, ProjectError, Result

__all__ = ["MspdiExport", "to_mspdi", "write_mspdi"]

#: ``CurrencyCode`` when none is given (MS Project's default).
DEFAULT_CURRENCY = "USD"


@dataclass
class MspdiExport:
    """An MSPDI document and what it could not carry.

    Attributes
    ----------
    xml
        The document.
    warnings
        plansat features MS Project has no field for (crashing, modes,
        estimates, fast-tracking options, risks), one line each.
    """

    xml: str
    warnings: list[str] = field(default_factory=list)


def to_mspdi(
    project: Project,
    result: Result | None = None,
    baseline: Result | None = None,
    baseline_number: int = 0,
    currency: str = DEFAULT_CURRENCY,
) -> MspdiExport:
    """``project`` as an MSPDI document.

    Parameters
    ----------
    project
        The project.
    result
        A solved plan of it (from :func:`plansat.solve`); its dates,
        durations, overlaps and people are written.
    baseline
        A saved plan written as ``Baseline`` ``baseline_number`` (0-10).
    currency
        The ISO 4217 code written as ``CurrencyCode`` (plansat's costs
        carry no currency; MS Project's default is USD).

    Raises
    ------
    ProjectError
        When ``result`` or ``baseline`` has no schedule or misses tasks
        of ``project``, or ``baseline_number`` is not 0-10.
    """
    from plansat.io.mspdi.write_rows import RowWriter

    _check_plan(project, result, "result")
    _check_plan(project, baseline, "baseline")
    if not 0 <= baseline_number <= 10:
        raise ProjectError([f"baseline number {baseline_number} is not "
                            "0-10"])
    if not re.fullmatch(r"[A-Z]{3}", currency):
        raise ProjectError([f"currency '{currency}' is not a three-letter "
                            "ISO 4217 code such as USD or EUR"])
    clock = Clock(project.work_calendar, DAY_START, DAY_END)
    root = Element("Project", xmlns=NAMESPACE)
    rows = RowWriter(project, clock, result, baseline, baseline_number)
    _project(root, project, rows, currency)
    indent(root, space="\t")
    text = tostring(root, encoding="unicode")
    header = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    return MspdiExport(header + text + "\n", rows.warnings)


def write_mspdi(
    project: Project,
    path: str | Path,
    result: Result | None = None,
    baseline: Result | None = None,
    baseline_number: int = 0,
    currency: str = DEFAULT_CURRENCY,
) -> list[str]:
    """Write ``project`` to ``path`` as MSPDI (see :func:`to_mspdi`);
    returns the warnings."""
    out = to_mspdi(project, result, baseline, baseline_number, currency)
    from plansat.atomic import write_atomic

    write_atomic(path, out.xml)
    return out.warnings


def _check_plan(project: Project, plan: Result | None, what: str) -> None:
    if plan is None:
        return
    if not plan.status.has_solution or not plan.tasks:
        raise ProjectError([f"{what}: status {plan.status} has no "
                            "schedule to write"])
    rows = {t.id for t in plan.tasks}
    missing = [t.id for t in project.tasks if t.id not in rows]
    if missing:
        raise ProjectError([f"{what}: no task '{missing[0]}' of the "
                            "project (a plan of another project?)"])


def _project(root: Element, project: Project, rows: Any,
             currency: str) -> None:
    clock: Clock = rows.clock
    start, finish = rows.span()
    tasks, resources = rows.tasks(), rows.resources()
    assignments = rows.assignments()  # the rows first: they use fields
    per_week = MINUTES_PER_DAY * len(project.calendar.workdays)
    ordered_children(root, "Project", {
        "SaveVersion": 14,
        "Name": project.name,
        "Title": project.name,
        "ScheduleFromStart": 1,
        "StartDate": stamp(clock.start_at(start)),
        "FinishDate": stamp(clock.finish_at(start, finish)),
        "CurrencyDigits": 2,
        "CurrencyCode": currency,
        "CalendarUID": PROJECT_CALENDAR,
        "DefaultStartTime": "08:00:00",
        "DefaultFinishTime": "17:00:00",
        "MinutesPerDay": MINUTES_PER_DAY,
        "MinutesPerWeek": per_week,
        "DaysPerMonth": 20,
        "DurationFormat": 7,
        "WorkFormat": 2,
        "StatusDate": (stamp(datetime.combine(project.status_date,
                                              DAY_END))
                       if project.status_date else None),
        "NewTasksAreManual": 0,
        "ExtendedAttributes": _fields(rows.fields_used()),
        "Calendars": calendars(project, own_calendars(project, finish)),
        "Tasks": tasks,
        "Resources": resources,
        "Assignments": assignments,
    })


def ordered_children(root: Element, kind: str,
                     fields: dict[str, Any]) -> None:
    """Fill ``root`` itself with ``fields`` in the order of ``kind``."""
    holder = Element("holder")
    made = ordered(holder, root.tag, kind, fields)
    root.extend(list(made))


def _fields(used: list[tuple[str, str]]) -> Element | None:
    """Definitions of the custom fields written (``(entity, alias)``)."""
    if not used:
        return None
    group = Element("ExtendedAttributes")
    for entity, alias in used:
        table = TASK_FIELDS if entity == "task" else RESOURCE_FIELDS
        field_id, name = table[alias]
        ordered(group, "ExtendedAttribute", "FieldDefinition", {
            "FieldID": field_id, "FieldName": name, "Alias": alias,
        })
    return group
