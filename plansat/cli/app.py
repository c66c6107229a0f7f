"""The ``plansat`` command line: a thin click layer over the Python API.

Each command reads its input, calls one library function and renders the
answer; no planning logic lives here.

Exit status
-----------
0
    Success.
1
    Internal error (a bug): one line on stderr; ``--debug`` shows the
    traceback.
2
    Bad input: an invalid project or result file, a bad option, or (for
    ``check``) a schedule that breaks the project's rules.
3
    ``solve`` found no schedule (INFEASIBLE, UNKNOWN or MODEL_INVALID).
"""

from __future__ import annotations

import json
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from plansat import __version__
from plansat.cli import render
from plansat.cli.options import (
    DEBUG_KEY,
    EXIT_BAD_INPUT,
    EXIT_INTERNAL,
    EXIT_NO_SCHEDULE,
    debug_option,
    objective_option,
    seed_option,
    slack_option,
    time_limit_option,
    workers_option,
)
from plansat.models import Project, ProjectError, Result
from plansat.solver.strategy import STRATEGIES

F = TypeVar("F", bound=Callable[..., Any])


class PlansatGroup(click.Group):
    """A click group that turns exceptions into plansat's exit codes.

    :class:`~plansat.models.ProjectError` prints one ``error: ...`` line
    per broken rule and exits with 2; any other unexpected exception
    prints one ``internal error: ...`` line (or the traceback with
    ``--debug``) and exits with 1.  Click's own exceptions pass through.
    """

    def invoke(self, ctx: click.Context) -> Any:
        """Run the sub-command and map its exceptions to exit codes."""
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except ProjectError as exc:
            for line in exc.errors:
                click.echo(f"error: {line}", err=True)
            raise click.exceptions.Exit(EXIT_BAD_INPUT) from None
        except Exception as exc:
            if ctx.meta.get(DEBUG_KEY):
                click.echo(traceback.format_exc(), err=True, nl=False)
            else:
                first = str(exc).strip().splitlines()
                detail = f": {first[0]}" if first else ""
                click.echo(
                    f"internal error: {type(exc).__name__}{detail} "
                    "(rerun with --debug to see the traceback)",
                    err=True,
                )
            raise click.exceptions.Exit(EXIT_INTERNAL) from None


def _format_option(*choices: str) -> Callable[[F], F]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help="Output format: tables for people, json for machines "
        "(stdout then holds only the JSON).",
    )


_FILE = click.Path(dir_okay=False, path_type=Path)


def _write(path: Path, text: str, option: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise click.BadParameter(
            f"cannot write {path}: {exc.strerror}", param_hint=option
        ) from None
    click.echo(f"wrote {path}", err=True)


def read_project(path: Path) -> Project:
    """A project from JSON or a benchmark format (by extension)."""
    from plansat.io import read

    return read(path)


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


@click.group(
    cls=PlansatGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, "--version", prog_name="plansat")
@debug_option
def cli() -> None:
    """Exact project planning with OR-Tools CP-SAT.

    Schedules tasks with dependencies, skilled people, pooled resources and
    calendars; reports critical paths, costs and assignments.

    \b
    Example:
      plansat validate examples/ecommerce.json
      plansat cpm examples/ecommerce.json
      plansat solve examples/ecommerce.json --objective cost --out result.json
      plansat check examples/ecommerce.json result.json

    \b
    Exit status: 0 ok, 1 internal error (rerun with --debug),
    2 bad input, 3 no schedule found by solve.
    """


@cli.command()
@click.argument("file", type=_FILE)
@_format_option("table", "json")
@debug_option
def validate(file: Path, fmt: str) -> None:
    """Check a project FILE and summarise it.

    Prints one line (name, counts, start date) when the project is valid;
    otherwise one line per broken rule, each with its JSON path, and exits
    with status 2.

    \b
    Example:
      plansat validate examples/ecommerce.json
      plansat validate project.json --format json
    """
    try:
        project = read_project(file)
    except ProjectError as exc:
        if fmt != "json":
            raise
        _echo_json({"ok": False, "errors": exc.errors})
        raise click.exceptions.Exit(EXIT_BAD_INPUT) from None
    summary = render.project_summary(project)
    if fmt == "json":
        _echo_json({"ok": True, "summary": summary})
    else:
        click.echo(render.summary_line(summary))


@cli.command()
@debug_option
def schema() -> None:
    """Print the JSON Schema of the project file format.

    \b
    Example:
      plansat schema > project.schema.json
    """
    _echo_json(Project.model_json_schema())


@cli.command()
@click.argument("file", type=_FILE)
@_format_option("table", "json", "csv")
@click.option(
    "--near-critical",
    "near_critical",
    type=click.IntRange(min=0),
    default=None,
    metavar="DAYS",
    help="Also mark tasks whose total float is at most DAYS.",
)
@debug_option
def cpm(file: Path, fmt: str, near_critical: int | None) -> None:
    """Critical-path analysis of a project FILE (no solver, no people).

    Shows each task's earliest and latest start and finish, total and free
    float, the project duration and the critical path(s).

    \b
    Example:
      plansat cpm examples/ecommerce.json
      plansat cpm examples/ecommerce.json --near-critical 5
      plansat cpm examples/ecommerce.json --format csv > cpm.csv
    """
    from plansat.schedule import cpm as cpm_module

    project = read_project(file)
    kwargs: dict[str, Any] = {}
    if near_critical is not None:
        kwargs["near_critical"] = near_critical
    report = cpm_module.critical_path(project, **kwargs)
    if fmt == "json":
        click.echo(report.model_dump_json(indent=2))
    elif fmt == "csv":
        click.echo(report.to_frame().to_csv(index=False), nl=False)
    else:
        render.render_cpm(render.make_console(), report)


@cli.command()
@click.argument("file", type=_FILE)
@objective_option(
    "time: earliest finish; balance: even load within the fastest "
    "finish plus --slack; cost: cheapest schedule."
)
@time_limit_option("Seconds the solver may run.")
@workers_option
@seed_option("Random seed of the solver.")
@slack_option
@click.option(
    "--out",
    type=_FILE,
    default=None,
    help="Write the result JSON to this file.",
)
@click.option(
    "--csv",
    "csv_path",
    type=_FILE,
    default=None,
    help="Write the schedule as CSV to this file.",
)
@_format_option("table", "json")
@debug_option
@click.option("--html", "html_path", type=click.Path(path_type=Path),
              help="Write the HTML report (Gantt, loads, critical path).")
@click.option("--png", "png_path", type=click.Path(path_type=Path),
              help="Write a Gantt chart PNG.")
@click.option(
    "--strategy",
    type=click.Choice(list(STRATEGIES)),
    default="default",
    show_default=True,
    help="Solver configuration (the benchmark suite compares them; "
    "plain is the textbook model).",
)
def solve(
    file: Path,
    objective: str,
    time_limit: float,
    workers: int | None,
    seed: int,
    slack: int,
    out: Path | None,
    csv_path: Path | None,
    fmt: str,
    html_path: Path | None,
    png_path: Path | None,
    strategy: str,
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
      plansat solve j301_1.sm     # PSPLIB and other benchmark formats
    """
    from plansat.solver import engine as cpsat
    from plansat.solver import solve as _solve_mod

    project = read_project(file)
    console = render.make_console()
    options: dict[str, Any] = {
        "objective": objective,
        "time_limit": time_limit,
        "workers": workers,
        "seed": seed,
        "slack": slack,
        "strategy": strategy,
    }
    if console.is_terminal and fmt != "json":
        with console.status("building the model…") as status:

            def on_progress(progress: cpsat.Progress) -> None:
                status.update(render.progress_line(progress))

            result = _solve_mod.solve(project, progress=on_progress, **options)
    else:
        result = _solve_mod.solve(project, progress=None, **options)

    if fmt == "json":
        click.echo(result.model_dump_json(indent=2))
    else:
        render.render_result(console, result, project)
    if out is not None:
        _write(out, result.model_dump_json(indent=2) + "\n", "--out")
    if html_path is not None or png_path is not None:
        from plansat.cli.report import write_outputs

        write_outputs(project, result, html_path, png_path)
    solved = result.status.has_solution
    if csv_path is not None:
        if solved:
            _write(csv_path, result.to_frame().to_csv(index=False), "--csv")
        else:
            click.echo(f"no schedule: {csv_path} not written", err=True)
    if not solved:
        raise click.exceptions.Exit(EXIT_NO_SCHEDULE)


@cli.command()
@click.argument("project_file", metavar="PROJECT", type=_FILE)
@click.argument("result_file", metavar="RESULT", type=_FILE)
@_format_option("table", "json")
@debug_option
def check(project_file: Path, result_file: Path, fmt: str) -> None:
    """Check a RESULT file against its PROJECT, without the solver.

    Re-checks precedence, calendars, vacations, skills, capacities and
    deadlines.  Prints "ok: no violations", or each violation and exits
    with status 2.

    \b
    Example:
      plansat solve examples/ecommerce.json --out result.json
      plansat check examples/ecommerce.json result.json
    """
    from plansat import check as check_module

    project = read_project(project_file)
    result = Result.from_file(result_file)
    found = check_module.violations(project, result)
    if fmt == "json":
        _echo_json({"ok": not found, "violations": found})
    elif found:
        for line in render.bullet_lines(found, "violation: "):
            click.echo(line)
        click.echo(f"{len(found)} violation(s)", err=True)
    else:
        click.echo("ok: no violations")
    if found:
        raise click.exceptions.Exit(EXIT_BAD_INPUT)


def _register() -> None:
    """Add the commands that live in modules of their own."""
    from plansat.cli.batch import batch
    from plansat.cli.crash import crash
    from plansat.cli.report import report

    for command in (crash, batch):
        cli.add_command(debug_option(command))
    cli.add_command(report)  # declares --debug itself


_register()


def main(argv: Sequence[str] | None = None) -> None:
    """Run the ``plansat`` command line and exit with its status.

    Parameters
    ----------
    argv
        Arguments without the program name (default: ``sys.argv[1:]``).
    """
    cli.main(
        args=list(argv) if argv is not None else None, prog_name="plansat"
    )
