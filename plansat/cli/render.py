"""Rich rendering of plansat objects for people.

Everything here only formats: it reads a :class:`~plansat.models.Project`,
a :class:`~plansat.models.Result` or a CPM report and returns rich
renderables or strings.  Commands (``cpm``, ``solve``, and later ``crash``,
``batch``, ``report``) share these helpers so the terminal output looks the
same everywhere.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from plansat import format as fmt
from plansat.format import DASH, OBJECTIVE_LABELS
from plansat.models import Project, SolveStatus

if TYPE_CHECKING:
    from plansat.schedule.cpm import CpmReport
    from plansat.solver.engine import SolveProgress

#: Rich style of each solve status.
STATUS_STYLES: dict[str, str] = {
    SolveStatus.OPTIMAL: "bold green",
    SolveStatus.FEASIBLE: "bold yellow",
    SolveStatus.INFEASIBLE: "bold red",
    SolveStatus.UNKNOWN: "bold red",
    SolveStatus.MODEL_INVALID: "bold red",
}

#: Width of tables written to a pipe or file (no terminal to measure).
PIPE_WIDTH = 120


def make_console(stderr: bool = False) -> Console:
    """A console writing to the current ``sys.stdout`` (or ``stderr``).

    Created per command so that test runners which swap the standard
    streams capture the output.  Without a terminal (and without
    ``COLUMNS``) tables are laid out :data:`PIPE_WIDTH` columns wide.

    Examples
    --------
    >>> make_console().is_terminal in (True, False)
    True
    """
    console = Console(stderr=stderr, highlight=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        # Piped or captured: rich would assume 80 columns and wrap names.
        console = Console(stderr=stderr, highlight=False, width=PIPE_WIDTH)
    return console


# -- plain formatters ------------------------------------------------------


def status_text(status: SolveStatus | str) -> Text:
    """The status coloured by how good it is (green, yellow, red)."""
    value = str(status)
    return Text(value, style=STATUS_STYLES.get(value, "bold red"))


def progress_line(progress: SolveProgress) -> str:
    """One live status line: ``phase · elapsed · best · bound · gap``.

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> progress_line(NS(phase="makespan", elapsed=1.234, objective=57.0,
    ...                  bound=55.0, gap=2 / 57))
    'makespan · 1.23s · best 57 · bound 55 · gap 3.5%'
    """
    return " · ".join(
        [
            progress.phase,
            fmt.seconds(progress.elapsed),
            f"best {fmt.number(progress.objective)}",
            f"bound {fmt.number(progress.bound)}",
            f"gap {fmt.percent(progress.gap)}",
        ]
    )


def project_summary(project: Project) -> dict[str, Any]:
    """Counts describing a project, as shown by ``plansat validate``.

    Examples
    --------
    >>> from plansat.models import Project
    >>> p = Project.model_validate({"name": "X", "start": "2025-01-06",
    ...     "tasks": [{"id": "a", "duration": 1},
    ...               {"id": "b", "duration": 2, "after": ["a"]}]})
    >>> project_summary(p)["dependencies"]
    1
    """
    return {
        "name": project.name,
        "tasks": len(project.tasks),
        "people": len(project.people),
        "resources": len(project.resources),
        "dependencies": sum(len(t.after) for t in project.tasks),
        "start": project.start.isoformat(),
    }


def summary_line(summary: dict[str, Any]) -> str:
    """``ok: <name>: N tasks, P people, ... starts YYYY-MM-DD``."""
    return (
        f"ok: {summary['name']}: {summary['tasks']} tasks, "
        f"{summary['people']} people, {summary['resources']} resources, "
        f"{summary['dependencies']} dependencies, "
        f"starts {summary['start']}"
    )


# -- critical path ---------------------------------------------------------


def cpm_table(report: CpmReport) -> Table:
    """The CPM schedule: one row per task, critical rows highlighted and
    near-critical rows marked with ``~``."""
    table = Table(title="Critical path method", title_justify="left")
    table.add_column("", no_wrap=True)
    table.add_column("id", no_wrap=True)
    table.add_column("name")
    table.add_column("start", no_wrap=True)
    table.add_column("finish", no_wrap=True)
    for column in ("ES", "EF", "LS", "LF", "total float", "free float"):
        table.add_column(column, justify="right")
    near = set(report.near_critical)
    for task in report.tasks:
        if task.critical:
            mark, style = "*", "bold red"
        elif task.id in near:
            mark, style = "~", "yellow"
        else:
            mark, style = "", ""
        table.add_row(
            mark,
            Text(task.id),
            Text(task.name or ""),
            task.start_date.isoformat(),
            task.finish_date.isoformat(),
            str(task.es),
            str(task.ef),
            str(task.ls),
            str(task.lf),
            str(task.total_float),
            str(task.free_float),
            style=style,
        )
    return table


def cpm_lines(report: CpmReport) -> list[str]:
    """Duration and critical path(s) of a CPM report as text lines."""
    lines = [
        f"Duration: {report.duration} working days, finishes "
        f"{report.finish_date.isoformat()}"
    ]
    paths = [" → ".join(path) for path in report.critical_paths]
    if len(paths) == 1:
        lines.append(f"Critical path: {paths[0]}")
    else:
        lines.append(f"Critical paths ({len(paths)}):")
        lines.extend(f"  {i}. {p}" for i, p in enumerate(paths, 1))
    if report.near_critical:
        lines.append(f"Near-critical (~): {', '.join(report.near_critical)}")
    return lines


def render_cpm(console: Console, report: CpmReport) -> None:
    """Print the CPM table and the summary lines."""
    console.print(cpm_table(report))
    for line in cpm_lines(report):
        console.print(Text(line))


def bullet_lines(items: Iterable[str], prefix: str = "- ") -> list[str]:
    """Prefix each item, e.g. for a list of violations.

    Examples
    --------
    >>> bullet_lines(["a", "b"])
    ['- a', '- b']
    """
    return [f"{prefix}{item}" for item in items]


__all__ = [
    "DASH",
    "OBJECTIVE_LABELS",
    "STATUS_STYLES",
    "bullet_lines",
    "cpm_lines",
    "cpm_table",
    "make_console",
    "progress_line",
    "project_summary",
    "render_cpm",
    "status_text",
    "summary_line",
]
