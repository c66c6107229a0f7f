"""``plansat report``: an HTML report (and a Gantt PNG) of a schedule.

The command is a plain click command; the CLI group registers it with
``cli.add_command(report)``.  :func:`write_outputs` is what ``plansat
solve --html/--png`` calls to write the same files.

This module does not import :mod:`plansat.cli.app`; it follows its
conventions (exit status 3 when there is no schedule, project errors
raised as :class:`~plansat.models.ProjectError` for the group to report
with status 2, files announced with ``wrote FILE`` on stderr).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from plansat.cli import render
from plansat.cli.options import (
    EXIT_NO_SCHEDULE,
    debug_option,
    objective_option,
    seed_option,
    time_limit_option,
    workers_option,
)
from plansat.models import Project, ProjectError, Result

__all__ = ["EXIT_NO_SCHEDULE", "load_curve", "report", "write_outputs"]

_FILE = click.Path(dir_okay=False, path_type=Path)


def write_outputs(
    project: Project,
    result: Result,
    html: Path | None = None,
    png: Path | None = None,
    curve: Any = None,
) -> None:
    """Write the HTML report and/or the Gantt PNG, announcing each file.

    Parameters
    ----------
    project, result
        The project and its result (with or without a schedule).
    html, png
        Files to write (skipped when ``None``).
    curve
        Optional time-cost curve for the HTML report (see
        :func:`plansat.charts.write_html`).

    Raises
    ------
    click.BadParameter
        When a file can't be written (names ``--html`` or ``--png``).
    click.ClickException
        When plotly or matplotlib is missing.
    """
    from plansat import charts

    jobs = [
        (
            html,
            "--html",
            lambda p: charts.write_html(project, result, p, curve=curve),
        ),
        (png, "--png", lambda p: charts.write_png(project, result, p)),
    ]
    for path, option, write in jobs:
        if path is None:
            continue
        try:
            write(path)
        except ImportError as exc:
            raise click.ClickException(
                f"{option}: {exc} (pip install 'plansat[report]')"
            ) from None
        except OSError as exc:
            raise click.BadParameter(
                f"cannot write {path}: {exc.strerror or exc}",
                param_hint=option,
            ) from None
        click.echo(f"wrote {path}", err=True)


def load_curve(path: Path) -> list[dict[str, Any]]:
    """Read a time-cost curve: a JSON list of points (or an object with
    a ``points`` list), each with ``duration`` and ``total_cost``.

    Raises
    ------
    ProjectError
        When the file is missing, not JSON or not a list of points.
    """
    try:
        data = json.loads(path.read_bytes())
    except OSError as exc:
        raise ProjectError([f"{path}: {exc.strerror}"]) from None
    except json.JSONDecodeError as exc:
        raise ProjectError(
            [f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})"]
        ) from None
    if isinstance(data, dict):
        data = data.get("points")
    if not isinstance(data, list) or not all(
        isinstance(p, dict) and "duration" in p and "total_cost" in p
        for p in data
    ):
        raise ProjectError(
            [
                f"{path}: a curve is a list of points with 'duration' and "
                "'total_cost' (and optionally 'direct_cost', 'optimal')"
            ]
        )
    return data


@click.command()
@click.argument("project_file", metavar="PROJECT", type=_FILE)
@click.option(
    "--result",
    "result_file",
    type=_FILE,
    default=None,
    metavar="RESULT.json",
    help="A result written by `plansat solve --out` (default: solve now).",
)
@click.option(
    "--html",
    "html_path",
    type=_FILE,
    default=None,
    metavar="FILE",
    help="Write the self-contained HTML report here.",
)
@click.option(
    "--png",
    "png_path",
    type=_FILE,
    default=None,
    metavar="FILE",
    help="Write a Gantt chart PNG (for slides) here.",
)
@click.option(
    "--curve",
    "curve_file",
    type=_FILE,
    default=None,
    metavar="CURVE.json",
    help="Add a time-cost curve: a JSON list of {duration, direct_cost, "
    "total_cost, optimal}.",
)
@objective_option("Objective when solving (ignored with --result).")
@time_limit_option("Seconds the solver may run (ignored with --result).")
@workers_option
@seed_option("Random seed of the solver.")
@debug_option
def report(
    project_file: Path,
    result_file: Path | None,
    html_path: Path | None,
    png_path: Path | None,
    curve_file: Path | None,
    objective: str,
    time_limit: float,
    workers: int | None,
    seed: int,
) -> None:
    """Write an HTML report (and a Gantt PNG) of a PROJECT's schedule.

    The HTML file is self-contained (opens offline): summary, interactive
    Gantt chart with the critical path, load per person, pooled resource
    usage, the critical-path table and an optional time-cost curve.
    Without --result the project is solved first.

    Exits with status 3 when the result has no schedule (the report then
    shows the solver's explanation).

    \b
    Example:
      plansat report examples/ecommerce.json --html report.html
      plansat solve examples/ecommerce.json --out result.json
      plansat report examples/ecommerce.json --result result.json \\
          --html report.html --png gantt.png
    """
    if html_path is None and png_path is None:
        raise click.UsageError("give --html FILE and/or --png FILE")
    from plansat.io import read

    project = read(project_file)
    curve = load_curve(curve_file) if curve_file is not None else None
    if result_file is not None:
        result = Result.from_file(result_file)
    else:
        from plansat.solver import engine as cpsat
        from plansat.solver import solve as _solve_mod

        console = render.make_console(stderr=True)
        options: dict[str, Any] = {
            "objective": objective,
            "time_limit": time_limit,
            "workers": workers,
            "seed": seed,
        }
        if console.is_terminal:
            with console.status("building the model…") as status:

                def on_progress(progress: cpsat.Progress) -> None:
                    status.update(render.progress_line(progress))

                result = _solve_mod.solve(project, progress=on_progress, **options)
        else:
            result = _solve_mod.solve(project, progress=None, **options)
    render.make_console().print(render.result_summary(result))
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
