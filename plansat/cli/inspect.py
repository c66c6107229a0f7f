"""The commands that read and check without solving: ``validate``,
``schema``, ``cpm`` and ``check``.

None of them imports OR-Tools or pandas (``cpm --format csv`` excepted,
which builds its table with pandas): they answer in a fraction of a
second.
"""

from __future__ import annotations

from pathlib import Path

import click

from plansat.cli import render
from plansat.cli.files import echo_json, read_project, read_result
from plansat.cli.options import (
    EXIT_BAD_INPUT,
    EXIT_VIOLATIONS,
    FILE,
    debug_option,
    format_option,
)
from plansat.models import Project, ProjectError

__all__ = ["check", "cpm", "schema", "validate"]


@click.command()
@click.argument("file", type=FILE)
@format_option("table", "json")
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
        echo_json({"ok": False, "errors": exc.errors})
        raise click.exceptions.Exit(EXIT_BAD_INPUT) from None
    summary = render.project_summary(project)
    if fmt == "json":
        echo_json({"ok": True, "summary": summary})
    else:
        click.echo(render.summary_line(summary))


@click.command()
@click.option("--contract", type=click.Choice(("project", "portfolio")),
              default="project", show_default=True,
              help="Which file format: a project, or a portfolio of "
                   "projects (plansat portfolio).")
@debug_option
def schema(contract: str) -> None:
    """Print the JSON Schema of the project (or portfolio) file format.

    \b
    Example:
      plansat schema > project.schema.json
      plansat schema --contract portfolio > portfolio.schema.json
    """
    if contract == "portfolio":
        from plansat.models.portfolio import Portfolio

        echo_json(Portfolio.model_json_schema())
        return
    echo_json(Project.model_json_schema())


@click.command()
@click.argument("file", type=FILE)
@format_option(
    "table", "json", "csv",
    csv="one row per task (early and late start and finish, total and "
    "free float, critical), for a spreadsheet",
)
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
    if near_critical is None:
        report = cpm_module.critical_path(project)
    else:
        report = cpm_module.critical_path(
            project, near_critical=near_critical
        )
    if fmt == "json":
        click.echo(report.model_dump_json(indent=2))
    elif fmt == "csv":
        click.echo(report.to_frame().to_csv(index=False), nl=False)
    else:
        render.render_cpm(render.make_console(), report)


@click.command()
@click.argument("project_file", metavar="PROJECT", type=FILE)
@click.argument("result_file", metavar="RESULT", type=FILE)
@format_option("table", "json")
@debug_option
def check(project_file: Path, result_file: Path, fmt: str) -> None:
    """Check a RESULT file against its PROJECT, without the solver.

    Re-checks precedence, calendars, vacations, skills, capacities and
    deadlines.  Prints "ok: no violations", or each violation and exits
    with status 1 (status 2 when a file can't be read or is invalid).

    \b
    Example:
      plansat solve examples/ecommerce.json --out result.json
      plansat check examples/ecommerce.json result.json
    """
    from plansat import check as check_module

    project = read_project(project_file)
    result = read_result(result_file)
    found = check_module.violations(project, result)
    if fmt == "json":
        echo_json({"ok": not found, "violations": found})
    elif found:
        for line in render.bullet_lines(found, "violation: "):
            click.echo(line)
        click.echo(f"{len(found)} violation(s)", err=True)
    else:
        click.echo("ok: no violations")
    if found:
        raise click.exceptions.Exit(EXIT_VIOLATIONS)
