"""A solved plan as an Excel workbook (``.xlsx``, openpyxl through
pandas).

Sheets:

``Tasks``
    One row per task: ID, Name, WBS, Start and Finish (real dates),
    Duration (working days), Predecessors (MS Project's notation,
    ``3FS+2 days``), People (``Ann[50%]`` when the task takes part of
    their time), Needs, Priority, Total Float and Critical.  It is the
    first sheet, so the workbook reads back as a task list
    (:mod:`plansat.io.tasklist`) and gives the same project.
``People``
    Each person's load on each working day (percent of their time), the
    days over their availability filled red, and their busy days,
    available days, load and overloaded days.
``Critical path``
    The tasks with no float, by start.
``Status``
    With a baseline: each task's baseline and planned dates and the slip
    in working days.

Every sheet has a frozen header row, an autofilter, column widths to fit
and dates formatted ``yyyy-mm-dd``.  The file is written atomically.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from plansat.models import Project, Result

__all__ = ["workbook_sheets", "write_workbook"]

DATE_FORMAT = "yyyy-mm-dd"
#: Fill of an overloaded day in the People sheet.
OVERLOAD_FILL = "F4B6B6"


def _links(project: Project, task_id: str) -> str:
    parts = []
    for dep in project.task(task_id).after:
        text = dep.task
        if dep.type != "FS" or dep.lag:
            text += dep.type
        if dep.lag:
            text += f"{dep.lag:+d} days"
        parts.append(text)
    return ", ".join(parts)


def _people(project: Project, task_id: str, people: list[str]) -> str:
    allocation = project.task(task_id).allocation
    unit = f"[{allocation}%]" if allocation != 100 else ""
    return ", ".join(f"{p}{unit}" for p in people)


def workbook_sheets(
    project: Project, result: Result, baseline: Result | None = None
) -> dict[str, list[dict[Any, Any]]]:
    """The rows of each sheet (see the module docs), without styling."""
    from plansat.io.mspdi.context import format_needs

    if not result.status.has_solution or not result.tasks:
        from plansat.models import ProjectError

        raise ProjectError([f"result: status {result.status} has no "
                            "schedule to write"])
    tasks = []
    for row in result.tasks:
        task = project.task(row.id)
        tasks.append({
            "ID": row.id, "Name": row.name or task.name or "",
            "WBS": task.wbs or "", "Start": row.start_date,
            "Finish": row.finish_date, "Duration": row.duration,
            "Predecessors": _links(project, row.id),
            "People": _people(project, row.id, row.people),
            "Needs": format_needs([n.model_dump() for n in task.needs]),
            "Priority": task.priority,
            "Total Float": row.total_float,
            "Critical": "yes" if row.total_float == 0 else "no",
        })
    critical = [
        {"ID": r.id, "Name": r.name or project.task(r.id).name or "",
         "Start": r.start_date, "Finish": r.finish_date,
         "Duration": r.duration}
        for r in sorted(result.tasks, key=lambda r: (r.start, r.finish))
        if r.total_float == 0
    ]
    sheets = {"Tasks": tasks, "People": _load_rows(project, result),
              "Critical path": critical}
    if baseline is not None:
        sheets["Status"] = _status_rows(project, result, baseline)
    return sheets


def _load_rows(project: Project, result: Result) -> list[dict[Any, Any]]:
    """One row per person: daily load (percent) and the totals."""
    from plansat.charts.series import person_load_series

    totals = {load.person: load for load in result.loads}
    rows = []
    for series in person_load_series(project, result):
        row: dict[Any, Any] = {"Person": series.name}
        total = totals.get(series.person)
        row["Busy days"] = total.busy_days if total else None
        row["Available days"] = total.available_days if total else None
        row["Load"] = total.load if total else None
        row["Overloaded days"] = len(series.over_days)
        for day, load in zip(series.dates, series.load, strict=True):
            row[day] = load
        row["_over"] = [d for d, o in zip(series.dates, series.over,
                                          strict=True) if o]
        rows.append(row)
    return rows


def _status_rows(project: Project, result: Result,
                 baseline: Result) -> list[dict[str, Any]]:
    base = {t.id: t for t in baseline.tasks}
    rows = []
    for row in result.tasks:
        was = base.get(row.id)
        rows.append({
            "ID": row.id, "Name": row.name or project.task(row.id).name or "",
            "State": row.state or "",
            "Baseline start": was.start_date if was else None,
            "Baseline finish": was.finish_date if was else None,
            "Start": row.start_date, "Finish": row.finish_date,
            "Start slip (days)": row.start - was.start if was else None,
            "Finish slip (days)": row.finish - was.finish if was else None,
        })
    return rows


def write_workbook(
    project: Project,
    result: Result,
    path: str | Path,
    baseline: Result | None = None,
) -> Path:
    """Write the plan as an ``.xlsx`` workbook (see the module docs).

    Raises
    ------
    ImportError
        Without pandas' ``openpyxl`` (``pip install 'plansat[io]'``).
    ProjectError
        When ``result`` has no schedule.
    OSError
        When the file can't be written (an existing one is left as it
        was).
    """
    try:
        import openpyxl  # noqa: F401 - pandas writes .xlsx with it
        import pandas as pd
    except ImportError:
        raise ImportError("writing .xlsx needs openpyxl "
                          "(pip install 'plansat[io]')") from None
    from plansat.atomic import staged

    sheets = workbook_sheets(project, result, baseline)
    path = Path(path)
    with staged() as staging:
        temp = staging.path(path)
        with pd.ExcelWriter(temp, engine="openpyxl") as writer:
            for name, rows in sheets.items():
                frame = pd.DataFrame([{k: v for k, v in r.items()
                                       if k != "_over"} for r in rows])
                if frame.empty:
                    frame = pd.DataFrame(columns=["ID"])
                frame.columns = [_header(c) for c in frame.columns]
                frame.to_excel(writer, sheet_name=name, index=False)
                _style(writer.sheets[name], rows)
    return path


def _header(column: Any) -> str:
    return column.isoformat() if isinstance(column, date) else str(column)


def _style(sheet: Any, rows: list[dict[Any, Any]]) -> None:
    """Frozen header, autofilter, widths, date formats, overloads red."""
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet.freeze_panes = "A2"
    if sheet.max_row >= 1 and sheet.max_column >= 1:
        sheet.auto_filter.ref = sheet.dimensions
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for k, column in enumerate(sheet.iter_cols(), start=1):
        width = max(len(str(c.value)) if c.value is not None else 0
                    for c in column)
        for cell in column:
            if isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
                width = max(width, 10)
        sheet.column_dimensions[get_column_letter(k)].width = min(
            max(width + 2, 6), 60)
    fill = PatternFill("solid", start_color=OVERLOAD_FILL)
    headers = [c.value for c in sheet[1]]
    for r, row in enumerate(rows, start=2):
        for day in row.get("_over", []):
            column = headers.index(day.isoformat()) + 1
            sheet.cell(row=r, column=column).fill = fill
