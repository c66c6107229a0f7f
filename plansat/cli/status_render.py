"""Rich rendering of a status report (``plansat status``) for people.

Formatting only: summary, the earned value and earned schedule table,
tasks, milestones, warnings and the trend of a history.  The labels and
definitions of the EVM rows are the HTML page's
(:data:`plansat.charts.status.rows.EVM_ROWS`).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from plansat import format as fmt
from plansat.charts.status.rows import EVM_ROWS, evm_value, show
from plansat.models.status import StatusReport, TrendPoint

__all__ = [
    "evm_table",
    "render_status",
    "status_summary",
    "task_table",
    "trend_table",
]


def _slip(days: int | None) -> Text:
    if days is None:
        return Text(fmt.DASH)
    style = "bold red" if days > 0 else ("green" if days < 0 else "")
    return Text(f"{days:+d}" if days else "0", style=style)


def _ratio(value: float | None) -> str:
    return fmt.DASH if value is None else f"{value:.3f}"


def status_summary(report: StatusReport) -> Table:
    """Status date, percent complete, the finishes and the slip."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    table.add_row("project", report.project or fmt.DASH)
    table.add_row("status date",
                  f"{fmt.iso(report.status_date)} (working day "
                  f"{report.time_now})")
    table.add_row("complete", f"{report.percent_complete:.1f}% "
                  "(weighted by baseline cost)")
    table.add_row("baseline finish",
                  f"{fmt.iso(report.baseline_finish)} "
                  f"({fmt.days(report.baseline_makespan)})")
    table.add_row("forecast finish",
                  f"{fmt.iso(report.forecast_finish)} "
                  f"({fmt.days(report.forecast_makespan)}, re-plan)")
    slip = _slip(report.slip_days)
    slip.append(" working days" if report.slip_days is not None else "")
    table.add_row("slip", slip)
    return table


def evm_table(report: StatusReport) -> Table:
    """Every EVM and earned-schedule figure with its definition."""
    table = Table(title="Earned value and earned schedule",
                  title_justify="left")
    table.add_column("measure", no_wrap=True)
    table.add_column("value", justify="right", no_wrap=True)
    table.add_column("definition")
    for label, key, kind, meaning in EVM_ROWS:
        table.add_row(label, show(evm_value(report, key), kind), meaning)
    return table


def task_table(report: StatusReport) -> Table:
    """Per task: state, baseline, actual and forecast dates, percent
    complete, slip, PV, EV, AC (names are in the JSON and HTML; the
    table keeps to the ids to fit a terminal)."""
    table = Table(title="Tasks", title_justify="left")
    for column in ("id", "state", "baseline start", "baseline finish",
                   "actual start", "forecast finish"):
        table.add_column(column, no_wrap=column == "id", min_width=10
                         if "start" in column or "finish" in column else 0)
    for column in ("done", "slip", "PV", "EV", "AC"):
        table.add_column(column, justify="right", no_wrap=True)
    for t in report.tasks:
        table.add_row(
            t.id, t.state.replace("_", " "),
            fmt.iso(t.baseline_start), fmt.iso(t.baseline_finish),
            fmt.iso(t.actual_start), fmt.iso(t.forecast_finish),
            f"{t.percent_complete:.0f}%", _slip(t.slip_days),
            fmt.money(t.pv), fmt.money(t.ev), fmt.money(t.ac),
        )
    return table


def milestone_table(report: StatusReport) -> Table:
    """Milestones: baseline and forecast dates, slip, deadline."""
    table = Table(title="Milestones", title_justify="left")
    for column in ("id", "name", "state", "baseline", "forecast"):
        table.add_column(column)
    table.add_column("slip", justify="right")
    table.add_column("deadline")
    for m in report.milestones:
        table.add_row(m.id, Text(m.name or ""), m.state.replace("_", " "),
                      fmt.iso(m.baseline), fmt.iso(m.forecast),
                      _slip(m.slip_days), fmt.iso(m.deadline))
    return table


def trend_table(points: Sequence[TrendPoint]) -> Table:
    """One row per status date: SPI, CPI, SPI(t), forecast finish, EAC."""
    table = Table(title="Trend", title_justify="left")
    table.add_column("status date", no_wrap=True)
    for column in ("complete", "SPI", "CPI", "SPI(t)"):
        table.add_column(column, justify="right")
    table.add_column("forecast finish", no_wrap=True)
    table.add_column("slip", justify="right")
    table.add_column("EAC", justify="right")
    for p in points:
        table.add_row(fmt.iso(p.status_date), f"{p.percent_complete:.1f}%",
                      _ratio(p.spi), _ratio(p.cpi), _ratio(p.spi_t),
                      fmt.iso(p.forecast_finish), _slip(p.slip_days),
                      fmt.money(p.eac))
    return table


def render_status(console: Console, report: StatusReport) -> None:
    """Print the whole report: summary, EVM, tasks, milestones, trend,
    warnings."""
    console.print(status_summary(report))
    console.print(evm_table(report))
    console.print(task_table(report))
    if report.milestones:
        console.print(milestone_table(report))
    if report.trend:
        console.print(trend_table(report.trend))
    if report.warnings:
        console.print(Text("Warnings", style="bold yellow"))
        for line in report.warnings:
            console.print(Text(f"- {line}"))
