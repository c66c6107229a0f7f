"""Rich tables of a solve's result: summary, costs, schedule, overlaps,
loads and skills, and the whole result as ``plansat solve`` prints it."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from plansat import format as fmt
from plansat.cli.render import status_text
from plansat.format import OBJECTIVE_LABELS
from plansat.models import Project, Result


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


def _person_names(project: Project | None) -> dict[str, str]:
    if project is None:
        return {}
    return {
        p.id: f"{p.id} ({p.name})" if p.name else p.id for p in project.people
    }



__all__ = [
    "cost_table",
    "load_table",
    "need_label",
    "overlap_table",
    "render_no_solution",
    "render_result",
    "result_summary",
    "schedule_table",
    "skill_table",
]
