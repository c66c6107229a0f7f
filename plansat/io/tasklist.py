"""Spreadsheet task lists (CSV, and XLSX through pandas and openpyxl) as
plansat projects.

One row per task, with columns found by their header
(:mod:`plansat.io.headers`: the names MS Project, Smartsheet, Excel
templates and Jira or Asana exports give them, matched case- and
space-insensitively), and cells in MS Project's notations
(:mod:`plansat.io.notation`):

``id``
    The task id (without one, a task's id is its row number, 1 for the
    first task, as Smartsheet's predecessors count rows).
``name``
    The task name (required when there is no id column).
``duration`` (required)
    ``5``, ``5d``, ``5 days``, ``2 wks``, ``3 hrs``, ``6 days?``
    (estimated), ``0`` for a milestone; fractions are rounded up to whole
    working days with a warning per task.
``predecessors``
    ``3`` (finish-to-start), ``3FS+2d``, ``1FS+3 days``, ``4SS``,
    ``5FF-1d``, ``2SS-25%``, comma- or semicolon-separated.
``resources``
    ``Alice``, ``Alice[50%], Bob``: each becomes a person of the
    project, pinned to the task, with the skills the tasks they are
    pinned to need; the units become the task's allocation.
``needs``
    Skill needs, ``backend>=4 x2, qa``.
``wbs``, ``priority``
    An outline number such as ``2.1``; MS Project's priority 0-1000 (or
    Jira's Highest ... Lowest).

The list has no project start: it is given to :func:`read_tasklist`
(default: today).  Every problem names the file, the row and the column;
a bad row doesn't make the rows that link to it fail too.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from plansat.io.headers import COLUMNS, Layout, match_headers
from plansat.io.notation import (
    Amount,
    Link,
    parse_amount,
    parse_link_items,
    parse_resources,
)
from plansat.io.sheets import sheet_rows
from plansat.models import Project, ProjectError

__all__ = ["COLUMNS", "TasklistImport", "load_tasklist", "parse_links",
           "read_tasklist"]

log = logging.getLogger(__name__)

#: Jira's priority names on MS Project's 0-1000 scale.
PRIORITIES = {"highest": 900, "high": 700, "medium": 500, "low": 300,
              "lowest": 100}


@dataclass
class TasklistImport:
    """A task list read: the project and what was approximated or left
    out (one line each, naming the row)."""

    project: Project
    warnings: list[str] = field(default_factory=list)


def _whole(days: float, lead: bool = False) -> int:
    """Whole working days: up for durations and lags, toward zero for
    leads."""
    if lead:
        return -math.floor(-days + 1e-9)
    return math.ceil(days - 1e-9)


def parse_links(
    text: str, ids: set[str] | frozenset[str] = frozenset()
) -> list[dict[str, Any]]:
    """Links in ``3FS+2d, 4SS, 5FF-1d`` notation as plansat dependencies
    (lags rounded to whole days: up, leads toward zero); an item that is
    one of ``ids`` as a whole (``T-1``) is a plain finish-to-start link.

    Raises
    ------
    ValueError
        On an item that doesn't read, or a lag in percent (it needs the
        predecessor's duration: :func:`load_tasklist` reads those).

    Examples
    --------
    >>> parse_links("3FS+2d; 4ss, 5FF-1d, 7")
    ... # doctest: +NORMALIZE_WHITESPACE
    [{'task': '3', 'type': 'FS', 'lag': 2}, {'task': '4', 'type': 'SS',
      'lag': 0}, {'task': '5', 'type': 'FF', 'lag': -1},
     {'task': '7', 'type': 'FS', 'lag': 0}]
    """
    out = []
    for link in parse_link_items(text, ids):
        if link.lag.percent is not None:
            raise ValueError(f"'{link.task}{link.type}': a lag in percent "
                             "needs the predecessor's duration")
        out.append({"task": link.task, "type": link.type,
                    "lag": _whole(link.lag.days, link.lag.days < 0)})
    return out


def read_tasklist(path: str | Path, start: date | None = None) -> Project:
    """Read a task list (``.csv``, or ``.xlsx`` with openpyxl); its
    warnings are logged (:func:`load_tasklist` returns them).

    Raises
    ------
    ProjectError
        Naming the file, row and column of what is wrong.
    """
    imported = load_tasklist(path, start)
    for line in imported.warnings:
        log.warning("%s: %s", path, line)
    return imported.project


def load_tasklist(path: str | Path, start: date | None = None
                  ) -> TasklistImport:
    """Read a task list and say what was approximated or left out.

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
        column, an unreadable duration or link, an unknown predecessor,
        a link type that is not FS, SS, FF or SF.
    """
    path = Path(path)
    rows = sheet_rows(path)
    if not rows:
        raise ProjectError([f"{path}: no header row"])
    try:
        layout = match_headers(rows[0])
    except ValueError as exc:
        raise ProjectError([f"{path}: {exc}"]) from None
    warnings = list(layout.warnings)
    cells_of = _cells(rows[1:], layout)
    known = {cell["id"] for _, cell in cells_of if cell["id"]}
    errors: list[str] = []
    reader = _RowReader(layout, known, warnings)
    tasks: dict[str, dict[str, Any]] = {}
    for n, cell in cells_of:
        try:
            task = reader.task(cell, n)
        except ValueError as exc:
            errors.append(f"{path}: row {n}: {exc}")
            continue
        if task["id"] in tasks:
            errors.append(f"{path}: row {n}: id {task['id']} repeats row "
                          f"{tasks[task['id']]['_row']}")
            continue
        tasks[task["id"]] = task
    for task in tasks.values():
        errors += [f"{path}: {e}" for e in reader.links(task, tasks)]
    if errors:
        raise ProjectError(errors)
    reader.summarise()
    for task in tasks.values():
        del task["_row"], task["_links"]
    data = {
        "name": path.stem,
        "start": (start or date.today()).isoformat(),
        "people": _people(list(tasks.values())),
        "tasks": list(tasks.values()),
    }
    try:
        return TasklistImport(Project.from_data(data), warnings)
    except ProjectError as exc:
        raise ProjectError([f"{path}: {e}" for e in exc.errors]) from None


def _cells(rows: list[list[str]], layout: Layout
           ) -> list[tuple[int, dict[str, str]]]:
    """``(row number, {column: text})`` of the non-empty rows; without
    an id column, the id is the task's position (1, 2, ...)."""
    out = []
    for n, cells in enumerate(rows, start=2):
        cell = {
            key: ", ".join(c for c in (cells[i].strip() if i < len(cells)
                                       else "" for i in where) if c)
            for key, where in layout.columns.items()
        }
        if any(cell.values()):
            out.append((n, cell))
    if "id" not in layout.columns:
        for k, (_, cell) in enumerate(out, start=1):
            cell["id"] = str(k)
    return out


class _RowReader:
    """Reads the rows of one list and collects its warnings."""

    def __init__(self, layout: Layout, known: set[str],
                 warnings: list[str]) -> None:
        self.layout, self.known, self.warnings = layout, known, warnings
        self.estimated: list[str] = []

    def task(self, cell: dict[str, str], n: int) -> dict[str, Any]:
        if not cell["id"]:
            raise ValueError("column id is empty")
        tid = cell["id"]
        where = f"(id {tid}) column"
        task: dict[str, Any] = {"id": tid, "_row": n}
        try:
            task["duration"] = self._duration(cell["duration"], n, tid)
        except ValueError as exc:
            raise ValueError(f"{where} duration: {exc}") from None
        if cell.get("name"):
            task["name"] = cell["name"]
        try:
            task["_links"] = parse_link_items(
                cell.get("predecessors", ""), self.known)
        except ValueError as exc:
            raise ValueError(f"{where} predecessors: {exc}") from None
        if cell.get("needs"):
            from plansat.io.mspdi.context import parse_needs

            try:
                task["needs"] = parse_needs(cell["needs"].replace(";", ","))
            except ValueError as exc:
                raise ValueError(f"{where} needs: {exc}") from None
        if cell.get("resources"):
            try:
                self._resources(task, cell["resources"], n)
            except ValueError as exc:
                raise ValueError(f"{where} resources: {exc}") from None
        if cell.get("wbs"):
            task["wbs"] = cell["wbs"]
        if cell.get("priority"):
            self._priority(task, cell["priority"], n)
        return task

    def _duration(self, text: str, n: int, tid: str) -> int:
        amount = parse_amount(text or "", self.layout.units)
        days = amount.days
        if amount.estimated:
            self.estimated.append(tid)
        if amount.elapsed:
            days = days * 5 / 7
            self.warnings.append(
                f"row {n} (id {tid}): elapsed duration '{text}' read as "
                f"{_whole(days)} working days (5 of every 7 days)")
            return _whole(days)
        whole = _whole(days)
        if abs(days - whole) > 1e-9:
            self.warnings.append(
                f"row {n} (id {tid}): duration '{text}' is {days:g} working "
                f"days; rounded up to {whole}")
        return whole

    def _resources(self, task: dict[str, Any], text: str, n: int) -> None:
        found = parse_resources(text)
        task["assigned"] = list(dict.fromkeys(name for name, _ in found))
        units = {100.0 if u is None else u for _, u in found}
        if units == {100.0}:
            return
        chosen = max(units)
        if len(units) > 1:
            self.warnings.append(
                f"row {n} (id {task['id']}): resources at different units "
                f"({text}); plansat gives a task one allocation: "
                f"{chosen:g}%")
        if chosen > 100:
            self.warnings.append(
                f"row {n} (id {task['id']}): units of {chosen:g}% read as "
                "100% (one person works at most full time)")
        allocation = min(max(round(chosen), 1), 100)
        if task["duration"] > 0:
            task["allocation"] = allocation

    def _priority(self, task: dict[str, Any], text: str, n: int) -> None:
        value = PRIORITIES.get(text.strip().lower())
        if value is None and re.fullmatch(r"\d+", text.strip()):
            value = min(int(text), 1000)
        if value is None:
            self.warnings.append(
                f"row {n} (id {task['id']}): priority '{text}' is not 0-1000 "
                "or Highest ... Lowest; left out")
        else:
            task["priority"] = value

    def links(self, task: dict[str, Any],
              tasks: dict[str, dict[str, Any]]) -> list[str]:
        """Resolve the row's links (percent lags need the predecessor's
        duration); the errors, naming the row."""
        errors, after = [], []
        label = f"row {task['_row']} (id {task['id']})"
        link: Link
        for link in task["_links"]:
            if link.task not in self.known:
                errors.append(f"{label}: predecessor '{link.task}' is not "
                              "a task of the list")
                continue
            pred = tasks.get(link.task)
            if pred is None:
                continue  # the predecessor's own row is reported
            after.append({"task": link.task, "type": link.type,
                          "lag": self._lag(link.lag, pred, label)})
        if after:
            task["after"] = after
        return errors

    def _lag(self, lag: Amount, pred: dict[str, Any], label: str) -> int:
        days = lag.days
        what = f"{days:g} days"
        if lag.percent is not None:
            days = lag.percent / 100 * pred["duration"]
            what = f"{lag.percent:g}% of {pred['duration']} days"
        if lag.elapsed:
            days = days * 5 / 7
        whole = _whole(days, lead=days < 0)
        if abs(days - whole) > 1e-9:
            self.warnings.append(
                f"{label}: lag of the link from {pred['id']}, {what} "
                f"({days:g} working days), rounded to {whole}")
        return whole

    def summarise(self) -> None:
        if self.estimated:
            shown = ", ".join(self.estimated[:10])
            self.warnings.append(
                f"{len(self.estimated)} duration(s) marked estimated (?) "
                f"read as given (id {shown})")


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
