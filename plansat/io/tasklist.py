"""Spreadsheet task lists (CSV, and XLSX through pandas and openpyxl) as
plansat projects.

One row per task.  Columns, matched case-insensitively (spaces and
underscores ignored):

``id`` (required)
    The task id.
``duration`` (required)
    Working days: ``5``, ``5d``, ``2w`` (5-day weeks), ``4h`` (8-hour
    days; rounded up), ``0`` for a milestone.
``name``
    The task name.
``predecessors``
    Links in the notation MS Project and Excel users type, comma- or
    semicolon-separated: ``3`` (finish-to-start), ``3FS+2d``, ``4SS``,
    ``5FF-1d``, ``6SF+1w``.
``needs`` (or ``skills``)
    Skill needs, ``backend>=4 x2, qa``.
``resources`` (or ``people``, ``assigned``)
    People pinned to the task, comma-separated; each becomes a person of
    the project, with the skills the tasks they are pinned to need (a
    list has no table of skills: whoever is put on a task can do it).
``wbs``
    An outline number such as ``2.1``.

The list has no project start: it is given to :func:`read_tasklist`
(default: today).  Every problem names the file, the row and the column.
"""

from __future__ import annotations

import csv
import io
import math
import re
from datetime import date
from pathlib import Path
from typing import Any

from plansat.models import Project, ProjectError

__all__ = ["COLUMNS", "parse_links", "read_tasklist"]

#: Column -> the header names accepted for it (normalised).
COLUMNS = {
    "id": ("id", "taskid", "uid"),
    "name": ("name", "taskname", "task"),
    "duration": ("duration", "days"),
    "predecessors": ("predecessors", "predecessor", "after", "dependsOn"),
    "needs": ("needs", "skills"),
    "resources": ("resources", "resourcenames", "people", "assigned"),
    "wbs": ("wbs", "outlinenumber"),
}
REQUIRED = ("id", "duration")

_LINK = re.compile(
    r"^(?P<id>[^+]+?)(?P<type>FS|SS|FF|SF)?"
    r"(?:(?P<sign>[+-])(?P<lag>\d+(?:\.\d+)?)(?P<unit>[dwh]?))?$",
    re.IGNORECASE,
)
_DURATION = re.compile(r"^(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>[dwh]?)$",
                       re.IGNORECASE)
_UNIT_DAYS = {"": 1.0, "d": 1.0, "w": 5.0, "h": 1 / 8}


def _norm(header: str) -> str:
    return re.sub(r"[\s_\-]", "", header).lower()


def parse_links(
    text: str, ids: set[str] | frozenset[str] = frozenset()
) -> list[dict[str, Any]]:
    """Links in ``3FS+2d, 4SS, 5FF-1d`` notation; an item that is one of
    ``ids`` as a whole (``T-1``) is a plain finish-to-start link.

    Raises
    ------
    ValueError
        On an item that doesn't read.

    Examples
    --------
    >>> parse_links("3FS+2d; 4ss, 5FF-1d, 7")
    ... # doctest: +NORMALIZE_WHITESPACE
    [{'task': '3', 'type': 'FS', 'lag': 2}, {'task': '4', 'type': 'SS',
      'lag': 0}, {'task': '5', 'type': 'FF', 'lag': -1},
     {'task': '7', 'type': 'FS', 'lag': 0}]
    """
    out = []
    for item in re.split(r"[,;]", text):
        item = re.sub(r"\s+", "", item)
        if not item:
            continue
        if item in ids:
            out.append({"task": item, "type": "FS", "lag": 0})
            continue
        match = _LINK.match(item)
        if match is None:
            raise ValueError(f"'{item}' is not a link like 3FS+2d")
        lag = 0
        if match["lag"]:
            days = float(match["lag"]) * _UNIT_DAYS[match["unit"].lower()]
            lag = math.ceil(days - 1e-9) if match["sign"] == "+" else (
                -math.floor(days + 1e-9))
        out.append({"task": match["id"],
                    "type": (match["type"] or "FS").upper(), "lag": lag})
    return out


def _duration(text: str) -> int:
    match = _DURATION.match(text.strip())
    if match is None:
        raise ValueError(f"'{text}' is not a duration like 5, 5d, 2w or 4h")
    days = float(match["n"]) * _UNIT_DAYS[match["unit"].lower()]
    return math.ceil(days - 1e-9)


def read_tasklist(path: str | Path, start: date | None = None) -> Project:
    """Read a task list (``.csv``, or ``.xlsx`` with openpyxl).

    Parameters
    ----------
    path
        The spreadsheet.
    start
        The project start (default: today).

    Raises
    ------
    ProjectError
        Naming the file, row and column of what is wrong: a missing
        column, an unreadable duration or link, an unknown predecessor.
    """
    path = Path(path)
    rows = _rows(path)
    if not rows:
        raise ProjectError([f"{path}: no header row"])
    columns = _columns(path, rows[0])
    errors: list[str] = []
    tasks: list[dict[str, Any]] = []
    cells_of = [
        (n, {k: (cells[i].strip() if i < len(cells) else "")
             for k, i in columns.items()})
        for n, cells in enumerate(rows[1:], start=2)
    ]
    cells_of = [(n, cell) for n, cell in cells_of if any(cell.values())]
    known = {cell["id"] for _, cell in cells_of}
    for n, cell in cells_of:
        try:
            task = _task(cell, known)
        except ValueError as exc:
            errors.append(f"{path}: row {n}: {exc}")
            continue
        task["_row"] = n
        tasks.append(task)
    ids = {t["id"] for t in tasks}
    for task in tasks:
        for dep in task.get("after", []):
            if dep["task"] not in ids:
                errors.append(
                    f"{path}: row {task['_row']} (id {task['id']}): "
                    f"predecessor '{dep['task']}' is not a task of the list")
    if errors:
        raise ProjectError(errors)
    for task in tasks:
        del task["_row"]
    data = {
        "name": path.stem,
        "start": (start or date.today()).isoformat(),
        "people": _people(tasks),
        "tasks": tasks,
    }
    try:
        return Project.from_data(data)
    except ProjectError as exc:
        raise ProjectError([f"{path}: {e}" for e in exc.errors]) from None


def _people(tasks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The people the list names, each with the skills the tasks they are
    assigned to need (at the level needed): a list has no skills table,
    and whoever is put on a task is taken to be able to do it."""
    skills: dict[str, dict[str, int]] = {}
    for task in tasks:
        for pid in task.get("assigned", []):
            have = skills.setdefault(pid, {})
            for need in task.get("needs", []):
                level = need.get("level", 1)
                have[need["skill"]] = max(have.get(need["skill"], 0), level)
    return [{"id": pid, "skills": have} if have else {"id": pid}
            for pid, have in skills.items()]


def _task(cell: dict[str, str], known: set[str]) -> dict[str, Any]:
    if not cell["id"]:
        raise ValueError("column id is empty")
    task: dict[str, Any] = {"id": cell["id"]}
    where = f"(id {cell['id']}) column"
    try:
        task["duration"] = _duration(cell["duration"])
    except ValueError as exc:
        raise ValueError(f"{where} duration: {exc}") from None
    if cell.get("name"):
        task["name"] = cell["name"]
    if cell.get("predecessors"):
        try:
            task["after"] = parse_links(cell["predecessors"], known)
        except ValueError as exc:
            raise ValueError(f"{where} predecessors: {exc}") from None
    if cell.get("needs"):
        from plansat.io.mspdi.context import parse_needs

        try:
            task["needs"] = parse_needs(cell["needs"].replace(";", ","))
        except ValueError as exc:
            raise ValueError(f"{where} needs: {exc}") from None
    if cell.get("resources"):
        names = [r.strip() for r in re.split(r"[,;]", cell["resources"])]
        task["assigned"] = list(dict.fromkeys(r for r in names if r))
    if cell.get("wbs"):
        task["wbs"] = cell["wbs"]
    return task


def _columns(path: Path, header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    names = [_norm(h) for h in header]
    for key, accepted in COLUMNS.items():
        for i, name in enumerate(names):
            if name in {_norm(a) for a in accepted} and key not in found:
                found[key] = i
    missing = [k for k in REQUIRED if k not in found]
    if missing:
        shown = ", ".join(h for h in header if h.strip()) or "none"
        raise ProjectError([
            f"{path}: no '{m}' column (the header has: {shown}; columns "
            "are matched case-insensitively)" for m in missing])
    return found


def _rows(path: Path) -> list[list[str]]:
    if path.suffix.lower() == ".xlsx":
        return _excel_rows(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise ProjectError([f"{path}: {exc.strerror or exc}"]) from None
    except UnicodeDecodeError:
        raise ProjectError([f"{path}: not UTF-8 text (save the list as "
                            "CSV UTF-8)"]) from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect)]


def _excel_rows(path: Path) -> list[list[str]]:
    try:
        import openpyxl  # noqa: F401 - pandas needs it for .xlsx
        import pandas as pd
    except ImportError:
        raise ProjectError([f"{path}: reading .xlsx needs openpyxl "
                            "(pip install 'plansat[io]')"]) from None
    try:
        frame = pd.read_excel(path, header=None, dtype=str,
                              engine="openpyxl").fillna("")
    except FileNotFoundError:
        raise ProjectError([f"{path}: no such file"]) from None
    except Exception as exc:  # openpyxl raises many kinds
        raise ProjectError([f"{path}: not a readable .xlsx file "
                            f"({exc})"]) from None
    return [[_cell(v) for v in row] for row in frame.itertuples(index=False)]


def _cell(value: Any) -> str:
    text = str(value)
    return text[:-2] if re.fullmatch(r"-?\d+\.0", text) else text
