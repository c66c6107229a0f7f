"""``plansat solve``, and :func:`run_solve` (the live solve that ``plansat
report`` shares).

OR-Tools is imported only when a command actually solves.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from plansat.cli import render, results
from plansat.cli.files import read_project, write_outputs, write_text
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
    from plansat.options import SolveOptions
    from plansat.solver.engine import SolveProgress

__all__ = ["run_solve", "solve"]


def run_solve(
    project: Project, options: SolveOptions, console: Console, live: bool
) -> Result:
    """Solve ``project``, with a live status line on ``console`` when
    ``live`` and ``console`` is a terminal.

    Parameters
    ----------
    project
        The project to solve.
    options
        How to solve it.
    console
        Where the status line goes.
    live
        Whether a status line is wanted at all (not with ``--format
        json``).
    """
    from plansat.solver import solve as solve_module

    if not (live and console.is_terminal):
        return solve_module.solve(project, options, progress=None)
    with console.status("building the model…") as status:

        def on_progress(progress: SolveProgress) -> None:
            status.update(render.progress_line(progress))

        return solve_module.solve(project, options, progress=on_progress)


@click.command()
@click.argument("file", type=FILE)
@solve_options
@click.option(
    "--out",
    type=FILE,
    default=None,
    help="Write the result JSON to this file.",
)
@click.option(
    "--csv",
    "csv_path",
    type=FILE,
    default=None,
    help="Write the schedule as CSV to this file.",
)
@click.option(
    "--html",
    "html_path",
    type=FILE,
    default=None,
    help="Write the HTML report (Gantt, loads, critical path).",
)
@click.option(
    "--png",
    "png_path",
    type=FILE,
    default=None,
    help="Write a Gantt chart PNG.",
)
@click.option(
    "--mspdi",
    "mspdi_path",
    type=FILE,
    default=None,
    help="Write the plan as MS Project XML (plansat export).",
)
@format_option("table", "json")
@debug_option
def solve(
    file: Path,
    out: Path | None,
    csv_path: Path | None,
    html_path: Path | None,
    png_path: Path | None,
    mspdi_path: Path | None,
    fmt: str,
    **solve_kwargs: Any,
) -> None:
    """Schedule a project FILE with CP-SAT and assign its people.

    Shows the status, objective, bound and gap, the cost breakdown, the
    schedule, overlaps, each person's utilisation and how assignments
    match the skills needed.  On a terminal a live line reports the
    solver's progress.

    Exits with status 3 when no schedule is found (INFEASIBLE: the
    explanation names the conflicting rules; UNKNOWN: the time limit
    ended before a schedule was found; MODEL_INVALID).  --out is still
    written then.

    \b
    Example:
      plansat solve examples/ecommerce.json
      plansat solve examples/ecommerce.json --objective cost \\
          --time-limit 30 --out result.json --csv schedule.csv
      plansat solve project.json --format json | python -m json.tool
      plansat solve examples/ecommerce.json --html report.html
      plansat solve plan.xml --mspdi solved.xml   # MS Project in and out
      plansat solve j301_1.sm     # PSPLIB and other benchmark formats
    """
    options = options_from(solve_kwargs)
    project = read_project(file)
    console = render.make_console()
    result = run_solve(project, options, console, live=fmt != "json")

    # files first: a closed stdout (| head) must not lose them
    if out is not None:
        write_text(out, result.model_dump_json(indent=2) + "\n", "--out")
    if html_path is not None or png_path is not None:
        write_outputs(project, result, html_path, png_path)
    _write_tables(project, result, csv_path, mspdi_path)
    if fmt == "json":
        click.echo(result.model_dump_json(indent=2))
    else:
        results.render_result(console, result, project)
    if not result.status.has_solution:
        raise click.exceptions.Exit(EXIT_NO_SCHEDULE)


def _write_tables(
    project: Project, result: Result, csv_path: Path | None,
    mspdi_path: Path | None,
) -> None:
    """The --csv and --mspdi files (only with a schedule)."""
    solved = result.status.has_solution
    if csv_path is not None:
        if solved:
            frame = result.to_frame()
            write_text(csv_path, frame.to_csv(index=False), "--csv")
        else:
            click.echo(f"no schedule: {csv_path} not written", err=True)
    if mspdi_path is not None:
        if solved:
            from plansat.io.mspdi import to_mspdi

            written = to_mspdi(project, result)
            for line in written.warnings:
                click.echo(f"warning: {line}", err=True)
            write_text(mspdi_path, written.xml, "--mspdi")
        else:
            click.echo(f"no schedule: {mspdi_path} not written", err=True)
