"""Rich rendering of what-if answers, blockers and drivers for people.

Only formatting: every figure comes from
:class:`~plansat.models.impact.WhatIf`,
:class:`~plansat.models.impact.BlockerReport` or the drivers of
:mod:`plansat.schedule.drivers`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from plansat import format as fmt
from plansat.cli.render import status_text
from plansat.models.impact import BlockerReport, WhatIf

if TYPE_CHECKING:
    from rich.console import Console

    from plansat.models import Project, TaskResult
    from plansat.schedule.drivers import Driver

__all__ = [
    "render_all_drivers",
    "render_blockers",
    "render_drivers",
    "render_whatif",
]

#: Rich style of each severity.
SEVERITY_STYLES = {"high": "bold red", "medium": "bold yellow",
                   "low": "green"}


def _days(value: int | None) -> str:
    return fmt.DASH if value is None else f"{value:+d}"


def _money(value: float | None) -> str:
    if value is None:
        return fmt.DASH
    return ("+" if value > 0 else "") + fmt.money(value)


# -- what-if ---------------------------------------------------------------


def render_whatif(console: Console, answer: WhatIf) -> None:
    """The three answers side by side, then what moves and changes."""
    console.print("What if: " + "; ".join(answer.changes))
    console.print(_side_by_side(answer))
    p, r = answer.propagated, answer.recovered
    if answer.replanning_saves is not None:
        console.print(f"Re-planning is worth {answer.replanning_saves} "
                      "working day(s) against holding the plan.")
    for line in p.stuck:
        console.print(f"stuck: {line}")
    for line in p.missed:
        console.print(f"missed: {line}")
    if p.moved:
        table = Table(title="Tasks that move if nobody re-plans")
        for name in ("task", "start", "finish", "start shift",
                     "finish shift"):
            table.add_column(name)
        for m in p.moved:
            table.add_row(m.id, fmt.iso(m.start_date),
                          fmt.iso(m.finish_date), _days(m.delta_start),
                          _days(m.delta_finish))
        console.print(table)
    if r.changes:
        console.print("What the re-plan changes:")
        for c in r.changes:
            console.print(f"  - {c.sentence}")
    if not r.status.has_solution:
        console.print(Text(f"No re-plan: {r.explanation or r.status}"))
    if r.note:
        console.print(f"note: {r.note}")
    for note in answer.notes:
        console.print(Text(f"note: {note}"))
    if answer.recovery is not None:
        rec = answer.recovery
        console.print(f"Recovery to {rec.target}: {rec.message}"
                      + ("" if rec.proven else " (not proven optimal)"))
        for c in rec.changes:
            console.print(f"  - {c.sentence}")


def _side_by_side(answer: WhatIf) -> Table:
    b, p, r = answer.baseline, answer.propagated, answer.recovered
    table = Table(title="Plan, change held in the plan, optimal re-plan")
    table.add_column("")
    table.add_column("plan")
    table.add_column("propagated (nobody re-plans)")
    table.add_column("recovered (optimal re-plan)")
    held = "can't go on as planned" if p.stuck else "plan's order held"
    table.add_row("finish", fmt.iso(b.finish_date), fmt.iso(p.finish_date),
                  fmt.iso(r.finish_date))
    table.add_row("working days", str(b.makespan),
                  fmt.number(p.makespan), fmt.number(r.makespan))
    table.add_row("delay", "", _days(p.delay), _days(r.delay))
    table.add_row("cost", fmt.money(b.cost), fmt.money(p.cost),
                  fmt.money(r.cost))
    table.add_row("cost delta", "", _money(p.cost_delta),
                  _money(r.cost_delta))
    gap = f", gap {fmt.percent(r.gap)}" if r.gap else ""
    state = status_text(r.status)
    state.append(gap)
    table.add_row("status", "", held, state)
    return table


# -- blockers --------------------------------------------------------------


def render_blockers(console: Console, report: BlockerReport) -> None:
    """The ranked blockers, their resolutions, the skill gains, notes."""
    base = report.baseline
    title = f"Blockers of {report.project}"
    if base is not None:
        title += (f" (plan: {base.makespan} working days, finishes "
                  f"{base.finish_date}, cost {fmt.money(base.cost)})")
    table = Table(title=title)
    for name in ("#", "severity", "category", "blocker", "days", "cost"):
        table.add_column(name, justify="right" if name in (
            "#", "days", "cost") else "left")
    for k, b in enumerate(report.blockers, 1):
        table.add_row(str(k), Text(b.severity,
                                   style=SEVERITY_STYLES[b.severity]),
                      b.category, b.title, _days(b.impact_days),
                      _money(b.impact_cost))
    if report.blockers:
        console.print(table)
    else:
        console.print(f"{title}: no blockers")
    for k, b in enumerate(report.blockers, 1):
        lines = [f"    {d}" for d in b.detail]
        for res in b.resolutions:
            effect = ""
            if res.effect_days is not None or res.effect_cost is not None:
                effect = (f": finish {_days(res.effect_days)} working "
                          f"day(s), cost {_money(res.effect_cost)}")
            state = f" [{res.status.value}]" if res.status else ""
            more = f"; {res.detail}" if res.detail else ""
            lines.append(f"    → {res.action}{effect}{state}{more}")
        if lines:
            console.print(f"{k}. {b.id}")
            for line in lines:
                console.print(Text(line))
    if report.skills:
        console.print(_skill_table(report))
    for note in report.notes:
        console.print(f"note: {note}")


def _skill_table(report: BlockerReport) -> Table:
    table = Table(title="What one more person buys (re-solved exactly)")
    for name in ("skill", "level", "day rate", "days saved", "cost delta",
                 "status"):
        table.add_column(name)
    for g in report.skills:
        table.add_row(g.skill, str(g.level), fmt.money(g.rate),
                      fmt.number(g.days_saved), _money(g.cost_delta),
                      status_text(g.status))
    return table


# -- drivers ---------------------------------------------------------------


def render_drivers(
    console: Console,
    project: Project,
    row: TaskResult,
    found: list[Driver],
    path: list[tuple[str, Driver | None]],
) -> None:
    """Why a task starts when it does, and its driving path."""
    name = project.task(row.id).name
    label = f"{row.id} ({name})" if name else row.id
    console.print(f"{label} starts {row.start_date} (day {row.start})"
                  + (" because:" if found else
                     ": nothing binds it, it could start earlier"))
    for d in found:
        console.print(f"  - {d.sentence}")
    if len(path) < 2:
        return
    table = Table(title="Driving path (back to what fixes it)")
    for column in ("task", "driven by", "why"):
        table.add_column(column)
    for task, driver in path:
        table.add_row(task, fmt.DASH if driver is None else
                      driver.kind + (f" {driver.task}" if driver.task
                                     else ""),
                      fmt.DASH if driver is None else driver.sentence)
    console.print(table)


def render_all_drivers(
    console: Console, drivers: dict[str, list[Driver]],
    rows: list[TaskResult],
) -> None:
    """One line per task: its start and what drives it."""
    table = Table(title="What fixes each task's start")
    for column in ("task", "start", "driven by"):
        table.add_column(column)
    for row in rows:
        found = drivers[row.id]
        table.add_row(row.id, fmt.iso(row.start_date),
                      "; ".join(d.sentence for d in found)
                      or "nothing (it could start earlier)")
    console.print(table)
