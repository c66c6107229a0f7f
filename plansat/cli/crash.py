"""``plansat crash``: the time–cost trade-off curve and levers summary.

OR-Tools (through :mod:`plansat.analysis.tradeoff`) and pandas (for
``--format csv``) are imported only when the command runs.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.table import Table

from plansat.cli import render, results
from plansat.cli.files import read_project
from plansat.cli.options import (
    EXIT_NO_SCHEDULE,
    FILE,
    debug_option,
    format_option,
    options_from,
    solve_options,
)
from plansat.format import money

if TYPE_CHECKING:
    from plansat.models.tradeoff import TradeoffCurve

__all__ = ["crash"]


@click.command()
@click.argument("project_file", metavar="FILE", type=FILE)
@click.option("--deadline", type=click.DateTime(["%Y-%m-%d"]),
              help="Cheapest plan meeting this date (default: the "
              "project's deadline).")
@click.option("--points", type=click.IntRange(min=1),
              help="Durations on the curve, evenly spread (default: all).")
@solve_options(
    exclude=("objective", "slack"),  # always time vs cost
    help={"time_limit": "Seconds for the whole curve, every solve "
          "included (> 0)."},
)
@format_option(
    "table", "json", "csv",
    csv="one row per point of the curve (duration, costs, what was "
    "crashed and overlapped), for a spreadsheet",
)
@debug_option
def crash(project_file: Path, deadline: datetime | None,
          points: int | None, fmt: str, **solve_kwargs: Any) -> None:
    """Exact time–cost trade-off of crashing and fast-tracking FILE.

    For every duration from the normal one (no crashing, no overlap) down
    to the shortest achievable, the cheapest plan: which tasks are crashed
    by how many days, which links overlap, the direct cost (crash +
    overlap) and the total cost.  The least total cost is marked, and a
    levers summary measures fast-tracking only, crashing only, both, and
    the delay people and resources add to the critical path.  Every figure
    is a CP-SAT solve of the full model; --time-limit covers them all.
    Exits with status 3 when the project has no schedule at all (the
    explanation says why).

    \b
    Example:
      plansat crash examples/ecommerce.json
      plansat crash examples/ecommerce.json --deadline 2025-09-05
      plansat crash examples/ecommerce.json --format csv > curve.csv
      plansat crash examples/ecommerce.json --format json > curve.json
    """
    from plansat.analysis import tradeoff as tradeoff_module

    options = options_from(solve_kwargs)
    project = read_project(project_file)
    target = deadline.date() if deadline is not None else None
    try:
        curve = tradeoff_module.tradeoff(
            project, options, points=points, deadline=target
        )
    except tradeoff_module.NoScheduleError as exc:
        if fmt == "json":
            click.echo(exc.result.model_dump_json(indent=2))
        else:
            results.render_no_solution(render.make_console(), exc.result)
        raise click.exceptions.Exit(EXIT_NO_SCHEDULE) from None
    if fmt == "json":
        click.echo(curve.model_dump_json(indent=2))
    elif fmt == "csv":
        click.echo(_csv(curve), nl=False)
    else:
        console = render.make_console()
        console.print(_curve_table(curve))
        console.print(_lever_table(curve))
        if curve.cheapest is not None:
            c = curve.cheapest
            console.print(
                f"Cheapest plan overall ({c.status.value}): {c.duration} "
                f"working days, total cost {money(c.total_cost)}"
                " (plansat solve --objective cost; the curve minimises the "
                "direct cost first)"
            )
        if curve.deadline is not None:
            console.print(curve.deadline.message)


def _plan_text(crashed: dict[str, int], overlaps: list[tuple[str, str, int]]
               ) -> str:
    parts = [f"{t} -{d}d" for t, d in crashed.items()]
    parts += [f"{a}→{b} overlap {d}d" for a, b, d in overlaps]
    return ", ".join(parts) or "normal plan"


def _curve_table(curve: TradeoffCurve) -> Table:
    table = Table(title="Time–cost trade-off (working days)")
    for col in ("duration", "finish", "direct cost", "total cost",
                "status", "plan", ""):
        table.add_column(col, justify="right" if "cost" in col else "left")
    for p in curve.points:
        table.add_row(
            str(p.duration), str(p.finish_date),
            money(p.direct_cost), money(p.total_cost),
            render.status_text(p.status),
            _plan_text(p.crashed, [(o.predecessor, o.successor, o.days)
                                   for o in p.overlaps]),
            "← least total cost" if p.best else "",
        )
    return table


def _lever_table(curve: TradeoffCurve) -> Table:
    table = Table(title=f"Levers (normal plan: {curve.normal_duration} "
                  f"days; critical path alone: {curve.cpm_duration} days)")
    for col in ("lever", "duration", "days saved", "direct cost", "status"):
        table.add_column(col)
    for lever in curve.levers:
        table.add_row(lever.name, _or_dash(lever.duration),
                      _or_dash(lever.days_saved),
                      money(lever.direct_cost),
                      render.status_text(lever.status))
    return table


def _or_dash(value: int | None) -> str:
    return "–" if value is None else str(value)


def _csv(curve: TradeoffCurve) -> str:
    import pandas as pd

    rows = [
        {
            "duration": p.duration, "makespan": p.makespan,
            "finish_date": p.finish_date, "direct_cost": p.direct_cost,
            "crash_cost": p.crash_cost, "overlap_cost": p.overlap_cost,
            "total_cost": p.total_cost, "status": p.status.value,
            "best": p.best, "crashed": json.dumps(p.crashed),
            "overlaps": json.dumps([o.model_dump() for o in p.overlaps]),
        }
        for p in curve.points
    ]
    return str(pd.DataFrame(rows).to_csv(index=False))
