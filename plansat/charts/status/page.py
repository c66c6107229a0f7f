"""The self-contained HTML status page (``plansat status --html``).

Summary cards, warnings, a Gantt chart with the baseline ghosted behind
the actual and forecast bars, the PV/EV/AC S-curves with the status date
marked, the earned value and earned schedule table, the per-task and
milestone tables and, with a history of snapshots, the trend chart.  One
file with plotly.js embedded, like the schedule report
(:mod:`plansat.charts.schedule.page`, whose page frame it shares); plotly is
imported only when the page is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from plansat import __version__
from plansat import format as fmt
from plansat.charts.blocks import card as _card
from plansat.charts.blocks import esc as _esc
from plansat.charts.blocks import figure_html as _figure_html
from plansat.charts.blocks import page as _page
from plansat.charts.blocks import table as _table
from plansat.charts.output import write_file
from plansat.charts.status.figures import (
    s_curve_figure,
    s_curves,
    status_gantt_figure,
    trend_figure,
)
from plansat.charts.status.rows import EVM_ROWS, evm_value, show
from plansat.models import Project, Result
from plansat.models.status import StatusReport, TrendPoint

__all__ = ["render_status_html", "write_status_html"]


def _slip(days: int | None) -> str:
    if days is None:
        return fmt.DASH
    return f"{days:+d}" if days else "0"


def _cards(report: StatusReport) -> str:
    e = report.evm
    slip = _slip(report.slip_days)
    cards = [
        _card("Status date", _esc(fmt.iso(report.status_date))),
        _card("AT (working day)", str(report.time_now)),
        _card("Complete", _esc(f"{report.percent_complete:.1f}%")),
        _card("Baseline finish", _esc(fmt.iso(report.baseline_finish))),
        _card("Forecast finish", _esc(fmt.iso(report.forecast_finish))),
        _card("Slip (working days)", _esc(slip),
              "bad" if (report.slip_days or 0) > 0 else "ok"),
        _card("BAC", _esc(fmt.money(e.bac))),
        _card("EAC (re-plan)", _esc(fmt.money(e.eac.replan))),
        _card("SPI / SPI(t)",
              _esc(f"{show(e.spi, 'ratio')} / {show(e.spi_t, 'ratio')}")),
        _card("CPI", _esc(show(e.cpi, "ratio"))),
    ]
    return f'<div class="cards">{"".join(cards)}</div>'


def _evm_table(report: StatusReport) -> str:
    rows = [(label, show(evm_value(report, key), kind), meaning)
            for label, key, kind, meaning in EVM_ROWS]
    return _table(("measure", "value", "definition"), rows, {1})


def _task_table(report: StatusReport) -> str:
    rows = [
        (t.id, t.name or "", t.state.replace("_", " "),
         fmt.iso(t.baseline_start), fmt.iso(t.baseline_finish),
         fmt.iso(t.actual_start), fmt.iso(t.forecast_finish),
         f"{t.percent_complete:.0f}%",
         _slip(t.slip_days),
         fmt.money(t.pv), fmt.money(t.ev), fmt.money(t.ac))
        for t in report.tasks
    ]
    head = ("id", "name", "state", "baseline start", "baseline finish",
            "actual start", "forecast finish", "done", "slip", "PV", "EV",
            "AC")
    return _table(head, rows, {7, 8, 9, 10, 11})


def _milestone_table(report: StatusReport) -> str:
    rows = [
        (m.id, m.name or "", m.state.replace("_", " "), fmt.iso(m.baseline),
         fmt.iso(m.forecast),
         _slip(m.slip_days),
         fmt.iso(m.deadline))
        for m in report.milestones
    ]
    head = ("id", "name", "state", "baseline", "forecast", "slip",
            "deadline")
    return _table(head, rows, {5})


def _trend_table(points: Sequence[TrendPoint]) -> str:
    rows = [
        (fmt.iso(p.status_date), f"{p.percent_complete:.1f}%",
         show(p.spi, "ratio"), show(p.cpi, "ratio"), show(p.spi_t, "ratio"),
         fmt.iso(p.forecast_finish),
         _slip(p.slip_days),
         fmt.money(p.eac))
        for p in points
    ]
    head = ("status date", "complete", "SPI", "CPI", "SPI(t)",
            "forecast finish", "slip", "EAC")
    return _table(head, rows, {1, 2, 3, 4, 6, 7})


def render_status_html(
    project: Project,
    report: StatusReport,
    baseline: Result,
    forecast: Result | None = None,
    history: Sequence[StatusReport] | None = None,
) -> str:
    """The status page as a string (see :func:`write_status_html`)."""
    try:
        from plotly.offline import get_plotlyjs
    except ImportError as exc:  # pragma: no cover - depends on the env
        raise ImportError(
            "the HTML status page needs plotly: pip install "
            "'plansat[report]'"
        ) from exc

    now = project.work_calendar.date_of(report.time_now)
    curves = s_curves(project, report, baseline, forecast, history or ())
    title = f"{project.name} — status on {report.status_date}"
    warnings = "".join(f"<li>{_esc(w)}</li>" for w in report.warnings)
    sections = [
        f"<h1>{_esc(title)}</h1>",
        f'<p class="lead">Progress against the baseline and the optimal '
        f"re-plan's forecast; {len(report.tasks)} tasks.</p>",
        _cards(report),
        *(["<h2>Warnings</h2>", f'<ul class="issues">{warnings}</ul>']
          if warnings else []),
        "<h2>Schedule: baseline, actual, forecast</h2>",
        '<p class="note">Grey: the baseline; blue: work done; orange: '
        "the re-plan's forecast of the rest. The dashed line is the "
        "status date.</p>",
        _figure_html(status_gantt_figure(project, report), "timeline"),
        "<h2>Earned value</h2>",
        '<p class="note">Cumulative PV of the baseline, EV and AC at each '
        "status date, and the re-plan's cost to its finish (dotted).</p>",
        _figure_html(s_curve_figure(curves, report, now), "scurve"),
        _evm_table(report),
        "<h2>Tasks</h2>",
        _task_table(report),
    ]
    if report.milestones:
        sections += ["<h2>Milestones</h2>", _milestone_table(report)]
    if report.trend:
        sections += [
            "<h2>Trend</h2>",
            '<p class="note">Indices per status date (1.0: on plan) and '
            "the forecast slip.</p>",
            _figure_html(trend_figure(report.trend), "trend"),
            _trend_table(report.trend),
        ]
    sections.append(
        f"<footer>Generated by plansat {_esc(__version__)}. "
        "Self-contained: opens offline, no external assets.</footer>"
    )
    return _page(title, sections, get_plotlyjs(), gantt=False)


def write_status_html(
    project: Project,
    report: StatusReport,
    baseline: Result,
    forecast: Result | None,
    path: str | Path,
    history: Sequence[StatusReport] | None = None,
) -> Path:
    """Write the self-contained HTML status page.

    Parameters
    ----------
    project
        The project at its status date.
    report
        Its status report (:func:`plansat.analysis.tracking.status.status`);
        its ``trend``, if any, is charted.
    baseline
        The baseline the report compares with (its PV curve is drawn).
    forecast
        The re-plan behind the report's forecast (its remaining cost is
        drawn day by day); ``None`` leaves that line out.
    path
        The ``.html`` file to write (overwritten).
    history
        Earlier reports: their EV and AC join the S-curves.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    OSError
        When the file can't be written.
    ImportError
        When plotly is not installed (``pip install 'plansat[report]'``).
    """
    text = render_status_html(project, report, baseline, forecast, history)
    return write_file(path, text, "HTML status page")
