"""``plansat releases``: the release plan that ships the most value
earliest, proven optimal under the team's capacity.

OR-Tools (and plotly, for ``--html``) are imported only when the command
runs.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.table import Table

from plansat import format as fmt
from plansat.cli import render, results
from plansat.cli.files import missing_extra, read_project, write_text
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

    from plansat.models import Project
    from plansat.models.delivery import ReleasePlan, ReleaseSweep

__all__ = ["releases"]


def _dates(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> list[date] | None:
    if value is None:
        return None
    try:
        return [datetime.strptime(v.strip(), "%Y-%m-%d").date()
                for v in value.split(",")]
    except ValueError:
        raise click.BadParameter(
            f"{value!r}: give dates as YYYY-MM-DD,YYYY-MM-DD,...",
            ctx=ctx, param=param) from None


def _numbers(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> list[float] | None:
    if value is None:
        return None
    try:
        return [float(v) for v in value.split(",")]
    except ValueError:
        raise click.BadParameter(
            f"{value!r}: give numbers as W1,W2,... (one per release, in "
            "date order)", ctx=ctx, param=param) from None


@click.command()
@click.argument("file", type=FILE)
@click.option("--releases", "dates", callback=_dates, default=None,
              metavar="DATES",
              help="Release dates overriding the project's, comma "
                   "separated (as many as the project has: they move its "
                   "releases in date order; else releases R1, R2, ...).")
@click.option("--weights", callback=_numbers, default=None,
              metavar="W1,W2,...",
              help="Release weights, one per release in date order, "
                   "non-increasing (default: value-days, the last "
                   "release weighing 1).")
@click.option("--sweep", "sweep_release", default=None, metavar="RELEASE",
              help="Also move this release's date -K..+K working days, "
                   "one optimal plan per date, and show the value shipped "
                   "by it.")
@click.option("--span", type=click.IntRange(min=0), default=5,
              show_default=True, metavar="K",
              help="Working days --sweep moves the release each way.")
@solve_options(exclude=("objective", "slack"))
@click.option("--out", type=FILE, default=None,
              help="Write the schedule (a result JSON, checkable with "
                   "plansat check; with --releases or --weights it is the "
                   "schedule of the project with those releases) to this "
                   "file.")
@click.option("--html", "html_path", type=FILE, default=None,
              help="Write the HTML page: release timeline and cumulative "
                   "value.")
@format_option("table", "json")
@debug_option
def releases(
    file: Path,
    dates: list[date] | None,
    weights: list[float] | None,
    sweep_release: str | None,
    span: int,
    out: Path | None,
    html_path: Path | None,
    fmt: str,
    **solve_kwargs: Any,
) -> None:
    """Plan which features of a project FILE ship in which release.

    Maximises the value shipped, weighted by how early it ships (default
    weight: working days from the release to the last release, plus
    one), under every rule of the project (dependencies, skills,
    capacity, calendars, vacations, crashing, progress); ties go to the
    shortest, then the cheapest schedule.  Shows per release its date,
    features, tasks, value and cumulative value, the features that ship
    in no release and why, and the proven bound on the value.

    Exits with status 2 when the project has no features, 3 when there
    is no schedule (the explanation names the conflicting features,
    releases and rules).

    \b
    Example:
      plansat releases examples/ecommerce-releases.json
      plansat releases examples/ecommerce-releases.json \\
          --releases 2025-08-29,2025-09-19,2025-10-10,2025-10-31
      plansat releases examples/ecommerce-releases.json --sweep mvp \\
          --span 5 --html releases.html
    """
    from plansat.analysis.releases import plan_releases, sweep

    options = options_from(solve_kwargs)
    project = read_project(file)
    console = render.make_console()
    swept = None
    if sweep_release is not None:
        swept = sweep(project, sweep_release, span, options,
                      releases=dates, weights=weights)
        plan = swept.base
        if plan is None:  # the release's own day is always swept
            raise click.UsageError(f"--sweep {sweep_release}: no plan")
    else:
        plan = plan_releases(project, options, releases=dates,
                             weights=weights)
    if out is not None:  # files before stdout, which may be closed
        write_text(out, plan.result.model_dump_json(indent=2) + "\n",
                   "--out")
    if html_path is not None:
        _write_html(project, plan, swept, html_path)
    if fmt == "json":
        body = swept if swept is not None else plan
        click.echo(body.model_dump_json(indent=2))
    else:
        render_plan(console, plan, project)
        if swept is not None:
            render_sweep(console, swept)
    if not plan.result.status.has_solution:
        raise click.exceptions.Exit(EXIT_NO_SCHEDULE)


def _write_html(
    project: Project, plan: ReleasePlan, swept: ReleaseSweep | None,
    path: Path,
) -> None:
    from plansat.charts.releases.page import render_releases_html

    try:
        text = render_releases_html(project, plan, swept)
    except ImportError as exc:
        raise missing_extra("--html", exc) from None
    write_text(path, text, "--html")


def render_plan(console: Console, plan: ReleasePlan, project: Project) -> None:
    """Summary, releases, features and unscheduled features of a plan."""
    result = plan.result
    summary = Table.grid(padding=(0, 2))
    summary.add_column(style="bold")
    summary.add_column()
    summary.add_row("status", render.status_text(plan.status))
    value = fmt.number(plan.value)
    if plan.value is not None:
        value += " (Σ value × release weight)"
    summary.add_row("value", value)
    summary.add_row("bound", fmt.number(plan.bound))
    summary.add_row("shipped", f"{fmt.number(plan.shipped_value)} of "
                               f"{fmt.number(plan.total_value)}")
    if result.finish_date is not None:
        summary.add_row("finishes", f"{fmt.iso(result.finish_date)} "
                                    f"({fmt.days(result.makespan)})")
        summary.add_row("cost", fmt.money(result.cost.total))
    summary.add_row("runtime", fmt.seconds(plan.runtime))
    console.print(summary)
    if not result.status.has_solution:
        results.render_no_solution(console, result)
        return
    console.print(release_table(plan))
    console.print(feature_table(plan, project))
    for u in plan.unscheduled:
        console.print(f"unscheduled: {u.feature}: {u.reason}")


def release_table(plan: ReleasePlan) -> Table:
    """One row per release: date, weight, features, tasks, value."""
    table = Table(title="Releases", title_justify="left")
    for name, right in (("release", False), ("date", False),
                        ("weight", True), ("features", False),
                        ("tasks", False), ("value", True),
                        ("cumulative", True)):
        table.add_column(name, justify="right" if right else "left")
    for r in plan.releases:
        table.add_row(
            f"{r.id} ({r.name})" if r.name else r.id, fmt.iso(r.date),
            fmt.number(r.weight),
            ", ".join(r.features) or fmt.DASH,
            ", ".join(r.tasks) or fmt.DASH, fmt.number(r.value),
            fmt.number(r.cumulative_value),
        )
    return table


def feature_table(plan: ReleasePlan, project: Project) -> Table:
    """One row per feature: value, ready date, release."""
    cal = project.work_calendar
    ships = {s.id: s for s in plan.result.features}
    table = Table(title="Features", title_justify="left")
    for name, right in (("feature", False), ("value", True),
                        ("tasks done", False), ("ships in", False)):
        table.add_column(name, justify="right" if right else "left")
    for f in project.features:
        s = ships.get(f.id)
        done = (fmt.iso(cal.date_of(max(s.finish - 1, 0)))
                if s is not None and s.finish is not None else fmt.DASH)
        where = (s.release if s is not None and s.release else
                 "unscheduled")
        table.add_row(f"{f.id} ({f.name})" if f.name else f.id,
                      fmt.number(f.value), done, where)
    return table


def render_sweep(console: Console, swept: ReleaseSweep) -> None:
    """The sweep's table, then why some dates have no plan."""
    console.print(sweep_table(swept))
    for p in swept.points:
        if p.conflicts:
            console.print(f"no plan on {fmt.iso(p.date)} ({p.shift:+d}): "
                          + "; ".join(p.conflicts))


def sweep_table(swept: ReleaseSweep) -> Table:
    """One row per date of the sweep."""
    table = Table(title=f"Moving release {swept.release}",
                  title_justify="left")
    for name, right in (("shift", True), ("date", False),
                        ("shipped by it", True), ("features by it", False),
                        ("value", True), ("status", False)):
        table.add_column(name, justify="right" if right else "left")
    for p in swept.points:
        table.add_row(f"{p.shift:+d}", fmt.iso(p.date),
                      fmt.number(p.shipped),
                      ", ".join(p.features) or fmt.DASH,
                      fmt.number(p.value), render.status_text(p.status))
    return table
