"""``plansat portfolio solve|admit``: several projects sharing the same
people, planned together, and whether a new one fits.

OR-Tools is imported only when a command runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click
from rich.table import Table

from plansat import format as fmt_
from plansat.cli import render
from plansat.cli.files import missing_extra, write_text
from plansat.cli.options import (
    EXIT_NO_SCHEDULE,
    FILE,
    debug_option,
    format_option,
    options_from,
    solve_options,
)

if TYPE_CHECKING:
    from rich.console import Console

    from plansat.models.portfolio_report import (
        AdmitReport,
        Hold,
        PortfolioObjective,
        PortfolioPlan,
    )

__all__ = ["portfolio"]

_OBJECTIVES = ("weighted", "tardiness", "makespan", "cost", "priority")


@click.group()
def portfolio() -> None:
    """Plan several projects that share people and resources.

    \b
    Example:
      plansat portfolio solve examples/portfolio/portfolio.json
      plansat portfolio admit examples/portfolio/portfolio.json \\
          examples/portfolio/analytics.json
    """


@portfolio.command("solve")
@click.argument("file", type=FILE)
@click.option("--objective", "goal", type=click.Choice(_OBJECTIVES),
              default="weighted", show_default=True,
              help="weighted: Σ weight × project makespan; tardiness: "
                   "weighted days late against the deadlines; makespan: "
                   "the last finish; cost: the total cost; priority: "
                   "each project as early as possible in priority order.")
@solve_options(exclude=("objective", "slack"))
@click.option("--out", type=FILE, default=None,
              help="Write the portfolio plan (JSON) to this file.")
@click.option("--html", "html_path", type=FILE, default=None,
              help="Write the HTML portfolio page to this file.")
@format_option("table", "json")
@debug_option
def solve_command(file: Path, goal: str, out: Path | None,
                  html_path: Path | None, fmt: str,
                  **solve_kwargs: Any) -> None:
    """Plan every project of a portfolio FILE together.

    One CP-SAT model holds every project's rules and the shared people's
    and resources' capacity across projects.  Shows each project's
    finish, its finish alone, the days the sharing costs it and who
    causes that, and the priority-order heuristic (pool levelling) it is
    measured against.  Exits with 2 on bad input, 3 with no plan.

    \b
    Example:
      plansat portfolio solve examples/portfolio/portfolio.json
      plansat portfolio solve portfolio.json --objective priority \\
          --format json --out plan.json
    """
    from plansat.analysis.portfolio import plan_portfolio
    from plansat.models.portfolio import Portfolio

    options = options_from(solve_kwargs)
    pf = Portfolio.from_file(file)
    plan = plan_portfolio(pf, options,
                          objective=cast("PortfolioObjective", goal))
    text = plan.model_dump_json(indent=2)
    if fmt == "json":
        click.echo(text)
    else:
        render_plan(render.make_console(), plan)
    if out is not None:
        write_text(out, text, "--out")
    if html_path is not None:
        _html(pf, plan, html_path)
    if not plan.status.has_solution:
        raise click.exceptions.Exit(EXIT_NO_SCHEDULE)


def _html(pf: Any, plan: PortfolioPlan, path: Path) -> None:
    """Write the portfolio page (the projects as the portfolio planned
    them, for the checker)."""
    from plansat.analysis.portfolio.merge import merge

    try:
        from plansat.charts.portfolio_page import render_portfolio_html

        projects = merge(pf, plan.objective != "tardiness").projects
        text = render_portfolio_html(plan, projects)
    except ImportError as exc:
        raise missing_extra("--html", exc) from None
    write_text(path, text, "--html")


@portfolio.command("admit")
@click.argument("file", type=FILE)
@click.argument("new", type=FILE)
@click.option("--hold", type=click.Choice(("plan", "deadline")),
              default="plan", show_default=True,
              help="What no committed project may slip past: plan: its "
                   "finish in the current joint plan; deadline: its "
                   "deadline.")
@click.option("--points", type=click.IntRange(min=1), default=5,
              show_default=True, help="Points of the trade-off curve.")
@solve_options(exclude=("objective", "slack"))
@format_option("table", "json")
@debug_option
def admit_command(file: Path, new: Path, hold: str, points: int, fmt: str,
                  **solve_kwargs: Any) -> None:
    """Can the portfolio FILE take on the project NEW?

    Prints the earliest finish of NEW with nothing committed slipping,
    and the trade-off curve between NEW's finish and the committed
    projects' total delay (working days), each point optimal or with
    its gap, with the people who limit it.

    \b
    Example:
      plansat portfolio admit examples/portfolio/portfolio.json \\
          examples/portfolio/analytics.json --format json
    """
    from plansat.analysis.portfolio import admit

    options = options_from(solve_kwargs)
    report = admit(file, new, options, hold=cast("Hold", hold),
                   points=points)
    if fmt == "json":
        click.echo(report.model_dump_json(indent=2))
    else:
        render_admit(render.make_console(), report)
    if report.earliest_finish is None:
        raise click.exceptions.Exit(EXIT_NO_SCHEDULE)


def render_plan(console: Console, plan: PortfolioPlan) -> None:
    """The portfolio's status line and the sharing-cost table."""
    console.print(
        f"{plan.name}: {plan.status.value} {plan.objective} = "
        f"{fmt_.number(plan.objective_value)} (bound "
        f"{fmt_.number(plan.bound)}); priority-order heuristic "
        f"{fmt_.number(plan.heuristic.objective_value)}"
        + (f"; plan from the {plan.schedule_from}"
           if plan.schedule_from else ""))
    if plan.explanation:
        console.print(plan.explanation)
        for line in plan.conflicts:
            console.print(f"- {line}")
        return
    table = Table(title="Projects")
    for col in ("project", "weight", "makespan", "finish", "alone",
                "sharing cost", "limited by"):
        table.add_column(col)
    for p in plan.projects:
        table.add_row(p.name, fmt_.number(p.weight), str(p.makespan),
                      str(p.finish_date), str(p.standalone_makespan),
                      str(p.sharing_cost_days), ", ".join(p.limited_by))
    console.print(table)
    loads = Table(title="People across projects")
    for col in ("person", "busy days", "load", "projects"):
        loads.add_column(col)
    for row in plan.people:
        loads.add_row(row.person, fmt_.number(row.busy_days),
                      f"{row.load:.0%}", ", ".join(
                          f"{k} {fmt_.number(v)}"
                          for k, v in row.projects.items()))
    console.print(loads)
    if plan.violations:
        console.print(f"[red]the independent checker finds "
                      f"{len(plan.violations)} broken rule(s):[/red]")
        for line in plan.violations:
            console.print(f"- {line}", markup=False)
    else:
        console.print("checked: every project's rules and the shared "
                      "people's and resources' capacity hold "
                      "(independent checker)")


def render_admit(console: Console, report: AdmitReport) -> None:
    """The earliest finish and the trade-off curve."""
    if report.earliest_finish is None:
        console.print(f"{report.project}: {report.status.value}: "
                      f"{report.explanation}")
        return
    e = report.earliest_finish
    console.print(
        f"{report.project}: earliest finish {e.date} ({e.makespan} "
        f"working days; alone {report.standalone_makespan}) with nothing "
        f"committed slipping past its {report.hold}; limited by "
        f"{', '.join(report.limited_by) or 'nobody'}")
    table = Table(title="New project's finish vs committed delay")
    for col in ("makespan", "finish", "total delay", "status", "gap",
                "delays", "limited by"):
        table.add_column(col)
    for pt in report.curve:
        table.add_row(str(pt.makespan), str(pt.finish_date),
                      str(pt.total_delay), pt.status.value,
                      "" if pt.gap is None else f"{pt.gap:.1%}",
                      ", ".join(f"{k} +{v}" for k, v in pt.delays.items()),
                      ", ".join(pt.limited_by))
    console.print(table)
