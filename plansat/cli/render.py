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
from plansat.models import Project, Result, SolveStatus

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


# -- solve results ---------------------------------------------------------


def result_summary(result: Result) -> Table:
    """Status, objective, bound, gap, runtime, makespan and finish date."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    table.add_row("status", status_text(result.status))
    objective = OBJECTIVE_LABELS.get(result.objective, result.objective)
    table.add_row("objective", objective)
    table.add_row("value", fmt.number(result.objective_value))
    table.add_row("bound", fmt.number(result.bound))
    table.add_row("gap", fmt.percent(result.gap))
    table.add_row("runtime", fmt.seconds(result.runtime))
    if result.makespan is not None:
        table.add_row("makespan", fmt.days(result.makespan))
    if result.finish_date is not None:
        table.add_row("finishes", fmt.iso(result.finish_date))
    return table


def cost_table(result: Result) -> Table:
    """The cost breakdown, total last, with thousands separators."""
    table = Table(title="Cost", title_justify="left")
    table.add_column("component")
    table.add_column("amount", justify="right")
    cost = result.cost
    if result.replan is not None:  # spent before the status date
        table.add_row("spent (actual)", fmt.money(cost.actual))
    for name in ("labour", "resources", "modes", "crash", "overlap",
                 "overhead"):
        if name != "modes" or cost.modes:  # modes only when chosen
            table.add_row(name, fmt.money(getattr(cost, name)))
    table.add_row("total", fmt.money(cost.total), style="bold")
    return table


def schedule_table(result: Result) -> Table:
    """The schedule: dates, durations, crashing, people and float.

    The ``crashed`` column appears only when a task was crashed, ``mode``
    only for multi-mode tasks and ``total float`` only when the result
    carries floats.
    """
    show_crash = any(t.crashed for t in result.tasks)
    show_mode = any(t.mode is not None for t in result.tasks)
    show_float = any(t.total_float is not None for t in result.tasks)
    table = Table(title="Schedule", title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("name")
    table.add_column("start", no_wrap=True)
    table.add_column("finish", no_wrap=True)
    table.add_column("days", justify="right")
    if show_crash:
        table.add_column("crashed", justify="right")
    if show_mode:
        table.add_column("mode", justify="right")
    table.add_column("people")
    if show_float:
        table.add_column("float", justify="right")
    for task in result.tasks:
        row: list[str | Text] = [
            Text(task.id),
            Text(task.name or ""),
            task.start_date.isoformat(),
            task.finish_date.isoformat(),
            str(task.duration),
        ]
        if show_crash:
            row.append(str(task.crashed) if task.crashed else "")
        if show_mode:
            row.append("" if task.mode is None else str(task.mode))
        row.append(Text(", ".join(task.people)))
        if show_float:
            row.append(fmt.number(task.total_float))
        critical = task.total_float == 0
        table.add_row(*row, style="bold" if critical else "")
    return table


def overlap_table(result: Result) -> Table:
    """Fast-tracked links: who starts how many days early, at what cost."""
    table = Table(title="Overlaps (fast-tracking)", title_justify="left")
    table.add_column("predecessor")
    table.add_column("successor")
    table.add_column("days", justify="right")
    table.add_column("cost", justify="right")
    for o in result.overlaps:
        table.add_row(
            Text(o.predecessor),
            Text(o.successor),
            str(o.days),
            fmt.money(o.cost),
        )
    return table


def load_table(result: Result, project: Project | None = None) -> Table:
    """Utilisation per person: busy days, available days and load."""
    table = Table(title="Utilisation", title_justify="left")
    table.add_column("person")
    table.add_column("busy days", justify="right")
    table.add_column("available days", justify="right")
    table.add_column("load", justify="right")
    names = _person_names(project)
    for load in result.loads:
        style = "red" if load.load > 1 + 1e-9 else ""
        table.add_row(
            Text(names.get(load.person, load.person)),
            fmt.number(load.busy_days),
            fmt.number(load.available_days),
            fmt.percent(load.load),
            style=style,
        )
    return table


def need_label(skill: str, level: int, count: int) -> str:
    """A need as ``skill>=level ×count``.

    Examples
    --------
    >>> need_label("backend", 4, 2)
    'backend>=4 ×2'
    """
    return f"{skill}>={level} ×{count}"


def skill_table(result: Result, project: Project) -> Table:
    """How the assigned people match each need of each task.

    For every need, lists the task's people who have the skill with their
    level; levels below the need are shown in red.
    """
    table = Table(title="Skill match", title_justify="left")
    table.add_column("task", no_wrap=True)
    table.add_column("need")
    table.add_column("people (level)")
    known = set(project.task_index)
    for tr in result.tasks:
        if tr.id not in known:
            continue
        task = project.task(tr.id)
        for i, need in enumerate(task.needs):
            cell = Text()
            for pid in tr.people:
                if pid not in project.person_index:
                    continue
                level = project.person(pid).level(need.skill)
                if level == 0:
                    continue
                if cell:
                    cell.append(", ")
                style = "" if level >= need.level else "red"
                cell.append(f"{pid} ({level})", style=style)
            table.add_row(
                Text(tr.id) if i == 0 else "",
                need_label(need.skill, need.level, need.count),
                cell if cell else Text("nobody", style="red"),
            )
    return table


def render_no_solution(console: Console, result: Result) -> None:
    """Status, explanation and conflicts of a result without a schedule."""
    line = Text("No schedule: ")
    line.append_text(status_text(result.status))
    console.print(line)
    if result.explanation:
        console.print(Text(result.explanation))
    for conflict in result.conflicts:
        console.print(Text(f"  - {conflict}"))


def render_result(
    console: Console, result: Result, project: Project | None = None
) -> None:
    """Print everything about a solve: summary, costs, schedule, overlaps,
    utilisation and (given the project) the skill match."""
    console.print(result_summary(result))
    if not result.status.has_solution:
        render_no_solution(console, result)
        return
    console.print(cost_table(result))
    console.print(schedule_table(result))
    if result.overlaps:
        console.print(overlap_table(result))
    if result.loads:
        console.print(load_table(result, project))
    if project is not None and any(
        project.task(t.id).needs
        for t in result.tasks
        if t.id in project.task_index
    ):
        console.print(skill_table(result, project))


def bullet_lines(items: Iterable[str], prefix: str = "- ") -> list[str]:
    """Prefix each item, e.g. for a list of violations.

    Examples
    --------
    >>> bullet_lines(["a", "b"])
    ['- a', '- b']
    """
    return [f"{prefix}{item}" for item in items]


def _person_names(project: Project | None) -> dict[str, str]:
    if project is None:
        return {}
    return {
        p.id: f"{p.id} ({p.name})" if p.name else p.id for p in project.people
    }


__all__ = [
    "DASH",
    "OBJECTIVE_LABELS",
    "STATUS_STYLES",
    "bullet_lines",
    "cost_table",
    "cpm_lines",
    "cpm_table",
    "load_table",
    "make_console",
    "need_label",
    "overlap_table",
    "progress_line",
    "project_summary",
    "render_cpm",
    "render_no_solution",
    "render_result",
    "result_summary",
    "schedule_table",
    "skill_table",
    "status_text",
    "summary_line",
]
