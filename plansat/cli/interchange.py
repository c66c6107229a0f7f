"""``plansat import`` and ``plansat export``: MS Project XML (MSPDI) and
spreadsheet task lists in, MSPDI and Excel workbooks out.

Neither imports OR-Tools or pandas (an ``.xlsx`` list excepted, which
pandas reads).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click

from plansat.cli.files import read_project, read_result, write_text
from plansat.cli.options import FILE, debug_option
from plansat.models import Project, ProjectError, Result

__all__ = ["export", "import_"]

#: Formats ``plansat export --to`` writes.
TARGETS = ("mspdi", "xlsx", "ics")


def _warn(lines: list[str]) -> None:
    for line in lines:
        click.echo(f"warning: {line}", err=True)


@click.command("import")
@click.argument("file", type=FILE)
@click.option("-o", "--out", type=FILE, default=None,
              help="Write the project JSON here (default: standard "
              "output).")
@click.option("--baseline", "number", type=click.IntRange(0, 10),
              default=0, show_default=True,
              help="MSPDI: which Baseline (0-10) to read.")
@click.option("--baseline-out", type=FILE, default=None,
              help="MSPDI: write that baseline as a result JSON here (for "
              "plansat status and replan).")
@click.option("--start", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Task lists: the project start (default: today).")
@debug_option
def import_(file: Path, out: Path | None, number: int,
            baseline_out: Path | None, start: datetime | None) -> None:
    """Convert an MS Project XML file (.xml) or a task list (.csv,
    .xlsx) into a plansat project.

    Prints every approximation the import made (a fractional duration
    rounded up, an elapsed lag, a constraint plansat can't hold, another
    calendar) as a warning naming the task or resource UID.

    \b
    Example:
      plansat import plan.xml -o project.json
      plansat import plan.xml -o project.json --baseline-out baseline.json
      plansat import tasks.csv --start 2025-07-01 -o project.json
    """
    suffix = file.suffix.lower()
    baseline: Result | None = None
    if suffix == ".xml":
        from plansat.io.mspdi import read_mspdi

        imported = read_mspdi(file, baseline=number)
        project, baseline, warnings = (imported.project, imported.baseline,
                                       imported.warnings)
    elif suffix in (".csv", ".xlsx"):
        from plansat.io.tasklist import load_tasklist

        day = start.date() if start is not None else None
        listed = load_tasklist(file, start=day)
        project, warnings = listed.project, listed.warnings
        if day is None:
            warnings.append(f"no --start: the project starts today, "
                            f"{date.today()}")
    else:
        project, warnings = read_project(file), []
    _warn(warnings)
    text = project.model_dump_json(indent=2, exclude_defaults=True) + "\n"
    if out is None:
        click.echo(text, nl=False)
    else:
        write_text(out, text, "--out")
    if baseline_out is not None:
        if baseline is None:
            raise ProjectError([f"{file}: no baseline {number} for every "
                                "task; --baseline-out not written"])
        write_text(baseline_out, baseline.model_dump_json(indent=2) + "\n",
                   "--baseline-out")
    click.echo(_summary(file, project, baseline, len(warnings)), err=True)


def _summary(file: Path, project: Project, baseline: Result | None,
             warnings: int) -> str:
    parts = [f"{len(project.tasks)} tasks", f"{len(project.people)} people",
             f"{len(project.resources)} pooled resources"]
    if baseline is not None:
        parts.append("a baseline")
    plural = "" if warnings == 1 else "s"
    return (f"imported {', '.join(parts)} from {file} ({warnings} "
            f"warning{plural})")


@click.command()
@click.argument("project_file", metavar="PROJECT", type=FILE)
@click.option("--result", "result_file", type=FILE, default=None,
              help="A solved plan of PROJECT (plansat solve --out): its "
              "dates, durations, overlaps and people are written.")
@click.option("--baseline", "baseline_file", type=FILE, default=None,
              help="A saved plan written as the file's baseline.")
@click.option("--baseline-number", type=click.IntRange(0, 10), default=0,
              show_default=True, help="Which MS Project baseline (0-10).")
@click.option("--to", "target", type=click.Choice(TARGETS),
              default="mspdi", show_default=True,
              help="The format to write: mspdi: MS Project XML (File › Open "
              "in MS Project, or ProjectLibre); xlsx: an Excel workbook of "
              "the plan's tables (needs --result); ics: people's "
              "assignments as iCalendar events (needs --result).")
@click.option("--currency", default="USD", show_default=True,
              help="MSPDI: the ISO 4217 code of the costs (CurrencyCode).")
@click.option("--person", default=None, metavar="ID",
              help="ics: only this person's assignments.")
@click.option("-o", "--out", type=FILE, required=True,
              help="The file to write (e.g. plan.xml, plan.xlsx).")
@debug_option
def export(project_file: Path, result_file: Path | None,
           baseline_file: Path | None, baseline_number: int, target: str,
           currency: str, person: str | None, out: Path) -> None:
    """Write a PROJECT (and its solved plan) as MS Project XML, as an
    Excel workbook or as people's calendars (--to ics, see
    docs/notifications.md).

    MS Project, ProjectLibre and GanttProject open the XML; tasks keep
    their UIDs across export and import, and a levelled plan's waits
    are MS Project leveling delays.  What MSPDI has no field for
    (crashing options, modes, estimates, risks) is listed as warnings.
    The workbook (--to xlsx, needs --result) has Tasks, People, Critical
    path and, with --baseline, Status sheets; its Tasks sheet imports
    back as a task list.

    \b
    Example:
      plansat solve project.json --out result.json
      plansat export project.json --result result.json -o plan.xml
      plansat export project.json --result result.json \\
          --baseline baseline.json -o plan.xml
      plansat export project.json --result result.json --to xlsx \\
          -o plan.xlsx
      plansat export project.json --result result.json --to ics \\
          --person bob -o bob.ics
    """
    project = read_project(project_file)
    result = read_result(result_file) if result_file else None
    baseline = read_result(baseline_file) if baseline_file else None
    if target == "xlsx":
        _workbook(project, result, baseline, out)
        return
    if target == "ics":
        from plansat.cli.calendar_export import write_calendar

        write_calendar(project, result, person, out)
        return
    from plansat.io.mspdi import to_mspdi

    written = to_mspdi(project, result, baseline, baseline_number,
                       currency)
    _warn(written.warnings)
    write_text(out, written.xml, "--out")


def _workbook(project: Project, result: Result | None,
              baseline: Result | None, out: Path) -> None:
    from plansat.cli.files import output_path
    from plansat.io.workbook import write_workbook

    if result is None:
        raise click.UsageError("--to xlsx needs --result (a solved plan "
                               "from plansat solve --out)")
    try:
        write_workbook(project, result, output_path(out, "--out"),
                       baseline)
    except ImportError as exc:
        raise ProjectError([f"--out {out}: {exc}"]) from None
    except OSError as exc:
        raise click.BadParameter(f"cannot write {out}: "
                                 f"{exc.strerror or exc}",
                                 param_hint="--out") from None
