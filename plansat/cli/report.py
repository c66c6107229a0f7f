"""``plansat report``: an HTML report (and a Gantt PNG) of a schedule.

The command is a plain click command; the CLI group registers it with
``cli.add_command(report)``; the files are written by
:func:`plansat.cli.files.write_outputs`, which ``plansat solve
--html/--png`` calls too.

This module does not import :mod:`plansat.cli.app`; it follows its
conventions (exit status 3 when there is no schedule, project errors
raised as :class:`~plansat.models.ProjectError` for the group to report
with status 2, files announced with ``wrote FILE`` on stderr).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from plansat.cli import render, results
from plansat.cli.files import (
    read_curve,
    read_project,
    read_result,
    write_outputs,
)
from plansat.cli.options import (
    EXIT_NO_SCHEDULE,
    FILE,
    debug_option,
    options_from,
    solve_options,
)

__all__ = ["EXIT_NO_SCHEDULE", "report"]


@click.command()
@click.argument("project_file", metavar="PROJECT", type=FILE)
@click.option(
    "--result",
    "result_file",
    type=FILE,
    default=None,
    metavar="RESULT.json",
    help="A result written by `plansat solve --out` (default: solve now).",
)
@click.option(
    "--html",
    "html_path",
    type=FILE,
    default=None,
    metavar="FILE",
    help="Write the self-contained HTML report here.",
)
@click.option(
    "--png",
    "png_path",
    type=FILE,
    default=None,
    metavar="FILE",
    help="Write a Gantt chart PNG (for slides) here.",
)
@click.option(
    "--curve",
    "curve_file",
    type=FILE,
    default=None,
    metavar="CURVE.json",
    help="Add the time-cost curve written by `plansat crash --format "
    "json`.",
)
@solve_options(
    help={
        "time_limit": "Seconds for the whole solve, every phase included "
        "(> 0; ignored with --result)."
    }
)
@debug_option
def report(
    project_file: Path,
    result_file: Path | None,
    html_path: Path | None,
    png_path: Path | None,
    curve_file: Path | None,
    **solve_kwargs: Any,
) -> None:
    """Write an HTML report (and a Gantt PNG) of a PROJECT's schedule.

    The HTML file is self-contained (opens offline): summary, interactive
    Gantt chart with the critical path, load per person, pooled resource
    usage, the critical-path table and an optional time-cost curve.
    Without --result the project is solved first, with the solve
    options (ignored with --result).

    Exits with status 3 when the result has no schedule (the report then
    shows the solver's explanation).

    \b
    Example:
      plansat report examples/ecommerce.json --html report.html
      plansat solve examples/ecommerce.json --out result.json
      plansat report examples/ecommerce.json --result result.json \\
          --html report.html --png gantt.png
      plansat crash examples/ecommerce.json --format json > curve.json
      plansat report examples/ecommerce.json --result result.json \\
          --curve curve.json --html report.html
    """
    if html_path is None and png_path is None:
        raise click.UsageError("give --html FILE and/or --png FILE")
    options = options_from(solve_kwargs)
    project = read_project(project_file)
    curve = read_curve(curve_file) if curve_file is not None else None
    if result_file is not None:
        result = read_result(result_file)
    else:
        from plansat.cli.solve import run_solve

        console = render.make_console(stderr=True)
        result = run_solve(project, options, console, live=True)
    render.make_console().print(results.result_summary(result))
    if result.status.has_solution:
        from plansat.check import violations

        found = violations(project, result)
        if found:
            click.echo(
                f"warning: the schedule breaks {len(found)} rule(s) of the "
                "project; the report lists them",
                err=True,
            )
    write_outputs(project, result, html_path, png_path, curve)
    if not result.status.has_solution:
        raise click.exceptions.Exit(EXIT_NO_SCHEDULE)
