"""``plansat replan``: re-plan the rest of a project from its status date,
optimally and with the least change from a baseline.

OR-Tools is imported only when the command runs.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from plansat import format as fmt
from plansat.cli import render, results
from plansat.cli.files import read_project, read_result, write_text
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

    from plansat.models import Project, Result

__all__ = ["replan"]


@click.command()
@click.argument("file", type=FILE)
@click.option("--baseline", "baseline_file", type=FILE, default=None,
              help="The baseline result to stay close to (plansat solve "
                   "--out); without it there is no least-change phase.")
@click.option("--status-date", type=click.DateTime(["%Y-%m-%d"]),
              default=None, metavar="DATE",
              help="The data date (default: the project's status_date).")
@click.option("--logic", type=click.Choice(["retained", "override"]),
              default="retained", show_default=True,
              help="retained: the rest of an out-of-sequence task waits "
                   "for its unfinished predecessors; override: the links "
                   "it broke are dropped.")
@click.option("--stability",
              type=click.Choice(["none", "starts", "people", "both"]),
              default="both", show_default=True,
              help="What the least-change phase keeps close to the "
                   "baseline, at the objective's optimum: both: first "
                   "the unstarted tasks whose start or people change, "
                   "then the total start shift, then the reassigned "
                   "people; starts: the starts only; people: the people "
                   "only; none: no least-change phase.")
@click.option("--reassign-weight", type=click.IntRange(min=0), default=0,
              show_default=True, metavar="DAYS",
              help="Days of start shift one reassigned person counts as "
                   "in the second tier (0: the shift alone).")
@solve_options
@click.option("--out", type=FILE, default=None,
              help="Write the re-plan (a result JSON) to this file.")
@format_option("table", "json")
@debug_option
def replan(
    file: Path,
    baseline_file: Path | None,
    status_date: Any,
    logic: str,
    stability: str,
    reassign_weight: int,
    out: Path | None,
    fmt: str,
    **solve_kwargs: Any,
) -> None:
    """Re-plan the remaining work of a project FILE from its status date.

    History is frozen (finished tasks at their actual dates and people;
    tasks in progress go on from the status date with the days they have
    left and their people; nothing unstarted starts before it).  The
    objective is solved to its optimum first; then, at that optimum, the
    least change from the baseline, in this order: the fewest unstarted
    tasks whose start or people change, then the smallest total start
    shift in working days, then the fewest baseline people taken off
    their tasks.  A time re-plan is never longer than the constructive
    schedule of the remaining work.

    Exits with status 3 when the rest has no schedule.

    \b
    Example:
      plansat solve examples/ecommerce.json --out baseline.json
      plansat replan examples/ecommerce-progress.json \\
          --baseline baseline.json
      plansat replan progress.json --baseline baseline.json \\
          --logic override --objective cost --out replan.json
    """
    from plansat.analysis.tracking.replan import replan as run_replan

    options = options_from(solve_kwargs)
    project = read_project(file)
    baseline = read_result(baseline_file) if baseline_file else None
    day: date | None = status_date.date() if status_date else None
    console = render.make_console()
    try:
        result = run_replan(
            project, baseline, options, status_date=day,
            logic=logic,  # type: ignore[arg-type]
            stability=stability,  # type: ignore[arg-type]
            reassign_weight=reassign_weight,
        )
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    if out is not None:  # before stdout, which may be closed
        write_text(out, result.model_dump_json(indent=2) + "\n", "--out")
    if fmt == "json":
        click.echo(result.model_dump_json(indent=2))
    else:
        results.render_result(console, result, project)
        render_changes(console, result, project)
    if not result.status.has_solution:
        raise click.exceptions.Exit(EXIT_NO_SCHEDULE)


def render_changes(console: Console, result: Result, project: Project) -> None:
    """The re-plan against the baseline: each task's state, baseline and
    new start, the shift and reassignments, then the warnings."""
    from rich.table import Table

    info = result.replan
    if info is None or not result.tasks:
        return
    cal = project.work_calendar
    table = Table(title=f"Re-plan at {info.status_date} (day "
                        f"{info.time_now}, {info.logic} logic)")
    for name in ("task", "state", "baseline start", "start", "shift",
                 "reassigned", "finish"):
        table.add_column(name)
    for t in result.tasks:
        base = (fmt.iso(cal.start_date(  # a milestone: MS Project's date
            t.baseline_start, t.baseline_start + t.duration))
                if t.baseline_start is not None else fmt.DASH)
        shift = fmt.DASH if t.delta_start is None else f"{t.delta_start:+d}"
        table.add_row(
            t.id, t.state or fmt.DASH, base, fmt.iso(t.start_date), shift,
            fmt.DASH if t.reassigned is None else str(t.reassigned),
            fmt.iso(t.finish_date),
        )
    console.print(table)
    console.print(
        f"{info.moved} unstarted task(s) moved, {info.reassigned} "
        f"person(s) reassigned; spent so far "
        f"{fmt.money(result.cost.actual)}, total forecast "
        f"{fmt.money(result.cost.total)}"
        + (f" (incomplete: no labour for {', '.join(info.unpriced)})"
           if info.unpriced else "")
    )
    for line in info.warnings:
        console.print(f"warning: {line}")
