"""``plansat status``: progress against a baseline, the re-plan's
forecast, earned value and earned schedule, and their trend over
snapshots.

The command maps onto :func:`plansat.analysis.tracking.status.status` (and
:func:`plansat.analysis.tracking.snapshots.status_history` for ``--history``);
OR-Tools, pandas and plotly are imported only when it runs.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from plansat.cli.files import (
    missing_extra,
    output_path,
    read_project,
    read_result,
)
from plansat.cli.options import (
    FILE,
    debug_option,
    format_option,
    options_from,
    solve_options,
)

if TYPE_CHECKING:
    from plansat.models import Project, Result
    from plansat.models.status import StatusReport
    from plansat.options import SolveOptions

__all__ = ["status"]


def _report(
    project: Project,
    baseline: Result,
    options: SolveOptions,
    live: bool,
) -> tuple[StatusReport, Result | None]:
    """The status report and the re-plan behind it (a spinner on a
    terminal while it solves)."""
    from plansat.analysis.tracking import status as tracking
    from plansat.cli.render import make_console

    console = make_console(stderr=True)
    if live and console.is_terminal:
        with console.status("re-planning the remaining work…"):
            forecast = tracking.replan_forecast(project, baseline, options)
    else:
        forecast = tracking.replan_forecast(project, baseline, options)
    report = tracking.status(project, baseline, forecast=forecast)
    return report, forecast


def _history(
    files: list[Path], baseline: Result, options: SolveOptions
) -> list[StatusReport]:
    from plansat.analysis.tracking.snapshots import status_history

    return status_history(
        [read_project(f) for f in files], baseline, options=options
    )


def _write_html(
    path: Path,
    project: Project,
    report: StatusReport,
    baseline: Result,
    forecast: Result | None,
    history: list[StatusReport],
) -> None:
    from plansat.charts.status.page import write_status_html

    try:
        write_status_html(project, report, baseline, forecast,
                          output_path(path, "--html"), history=history)
    except ImportError as exc:
        raise missing_extra("--html", exc) from None
    except OSError as exc:
        raise click.BadParameter(
            f"cannot write {path}: {exc.strerror or exc}", param_hint="--html"
        ) from None


def _output(report: StatusReport, fmt: str, history: bool) -> None:
    if fmt == "json":
        click.echo(report.model_dump_json(indent=2))
    elif fmt == "csv":
        frame = report.trend_frame() if history else report.to_frame()
        click.echo(frame.to_csv(index=False), nl=False)
    else:
        from plansat.cli.render import make_console
        from plansat.cli.status_render import render_status

        render_status(make_console(), report)


@click.command()
@click.argument("project_file", metavar="PROJECT", type=FILE)
@click.argument("more", nargs=-1, type=FILE,
                metavar="[--history SNAPSHOT.json...]")
@click.option(
    "--baseline",
    "baseline_file",
    type=FILE,
    required=True,
    metavar="BASE.json",
    help="The baseline: a result written by `plansat solve --out`.",
)
@click.option(
    "--status-date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    metavar="YYYY-MM-DD",
    help="Report on this date instead of the project's status_date.",
)
@click.option(
    "--history",
    "history_files",
    type=FILE,
    multiple=True,
    metavar="SNAPSHOT.json",
    help="Earlier progress files of the same project (other status "
    "dates); more files may follow: --history a.json b.json.  Adds the "
    "trend of SPI, CPI, SPI(t) and the forecast finish.",
)
@click.option(
    "--html",
    "html_path",
    type=FILE,
    default=None,
    metavar="FILE",
    help="Write the HTML status page (baseline vs forecast Gantt, "
    "S-curves, trend).",
)
@format_option(
    "table", "json", "csv",
    csv="one row per task (progress, baseline and forecast dates, earned "
    "value); with --history, one row per status date (the trend)",
)
@solve_options(
    help={"time_limit": "Seconds for each re-plan, every phase included "
          "(> 0)."}
)
@debug_option
def status(
    project_file: Path,
    more: tuple[Path, ...],
    baseline_file: Path,
    status_date: datetime | None,
    history_files: tuple[Path, ...],
    html_path: Path | None,
    fmt: str,
    **solve_kwargs: Any,
) -> None:
    """Report the progress of PROJECT against a baseline.

    PROJECT holds a status_date and task progress.  The forecast finish
    and its cost come from the optimal least-change re-plan of the
    remaining work; beside it stand the earned value figures (PV, EV, AC,
    SV, CV, SPI, CPI, the extrapolated EACs, ETC, VAC, TCPI) and the
    earned schedule (ES, SV(t), SPI(t), IEAC(t), TSPI).  --format csv
    writes the task rows (the trend with --history).

    \b
    Example:
      plansat solve examples/ecommerce.json --out baseline.json
      plansat status examples/ecommerce-progress.json \\
          --baseline baseline.json
      plansat status week6.json --baseline baseline.json \\
          --history week2.json week4.json --html status.html
    """
    if more and not history_files:
        raise click.UsageError(
            f"unexpected extra argument {more[0]} (snapshots go after "
            "--history)"
        )
    options = options_from(solve_kwargs)
    from plansat.analysis.tracking.snapshots import with_trend
    from plansat.analysis.tracking.status import at_status_date

    baseline = read_result(baseline_file)
    day = status_date.date() if status_date is not None else None
    project = at_status_date(read_project(project_file), day)
    report, forecast = _report(project, baseline, options, fmt == "table")
    history: list[StatusReport] = []
    if history_files:
        history = _history([*history_files, *more], baseline, options)
        report = with_trend(report, history)
    _output(report, fmt, bool(history_files))
    if html_path is not None:
        _write_html(html_path, project, report, baseline, forecast, history)
