"""The plotly figures of the status page: a Gantt chart with the baseline
ghosted behind the actual and forecast bars, the PV/EV/AC S-curves with
the status date marked, and the trend of a history of snapshots.

The series behind the S-curves come from :func:`s_curves` (no plotting);
plotly is imported only when a figure is built.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from plansat.analysis.tracking.evm import phase_baseline
from plansat.charts.theme import COLORS, apply_layout, span_ms
from plansat.models import Project, Result
from plansat.models.status import StatusReport, TaskStatus, TrendPoint

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = [
    "STATUS_COLORS",
    "SCurves",
    "s_curve_figure",
    "s_curves",
    "status_gantt_figure",
    "trend_figure",
]

#: Colours of the status charts (the rest comes from the theme).
STATUS_COLORS: dict[str, str] = {
    "baseline": "#bdbdbd",
    "done": COLORS["task"],
    "forecast": "#f58518",
    "pv": "#7f7f7f",
    "ev": "#1a7f37",
    "ac": COLORS["critical"],
    "status": "#222222",
}

_DAY = timedelta(days=1)


@dataclass
class SCurves:
    """Cumulative money by date (each value at the start of a working
    day).

    Attributes
    ----------
    pv
        The baseline's planned value, from day 0 to its makespan.
    ev, ac
        Earned value and actual cost at day 0, at each snapshot of the
        history and at the status date.
    forecast
        Actual cost at the status date, then the re-plan's remaining cost
        day by day to its finish (empty without a re-plan).
    """

    pv: list[tuple[date, float]] = field(default_factory=list)
    ev: list[tuple[date, float]] = field(default_factory=list)
    ac: list[tuple[date, float]] = field(default_factory=list)
    forecast: list[tuple[date, float]] = field(default_factory=list)


def s_curves(
    project: Project,
    report: StatusReport,
    baseline: Result,
    forecast: Result | None = None,
    history: Sequence[StatusReport] = (),
) -> SCurves:
    """The series of the S-curve chart (see :class:`SCurves`)."""
    cal = project.work_calendar
    curve = phase_baseline(baseline, project).curve
    out = SCurves(pv=[(cal.date_of(0), 0.0)])
    out.pv += [(cal.date_of(k + 1), v) for k, v in enumerate(curve)]
    out.ev.append((cal.date_of(0), 0.0))
    out.ac.append((cal.date_of(0), 0.0))
    snaps = {h.status_date: h for h in history}
    snaps[report.status_date] = report
    for day in sorted(snaps):
        r = snaps[day]
        when = cal.date_of(max(int(r.evm.at), 0))
        out.ev.append((when, r.evm.ev))
        out.ac.append((when, r.evm.ac))
    if forecast is not None and forecast.status.has_solution:
        now = report.time_now
        daily = phase_baseline(forecast, project).daily
        total = report.evm.ac
        out.forecast.append((cal.date_of(now), total))
        for k in range(now, len(daily)):
            total += daily[k]
            out.forecast.append((cal.date_of(k + 1), total))
    return out


def _status_line(fig: go.Figure, day: date) -> None:
    """A dashed vertical line at the status date."""
    x = day.isoformat()
    fig.add_shape(
        type="line", xref="x", yref="paper", x0=x, x1=x, y0=0, y1=1,
        line={"color": STATUS_COLORS["status"], "dash": "dash", "width": 1},
    )
    fig.add_annotation(
        x=x, y=1, xref="x", yref="paper", text=f"status date {x}",
        showarrow=False, xanchor="left", yanchor="bottom",
        font={"size": 10, "color": STATUS_COLORS["status"]},
    )


# -- Gantt -----------------------------------------------------------------


def _label(t: TaskStatus) -> str:
    return f"{t.id} {t.name}" if t.name else t.id


def _hover(t: TaskStatus, what: str, start: date, end: date) -> str:
    slip = "–" if t.slip_days is None else f"{t.slip_days:+d} days"
    return (
        f"<b>{html.escape(_label(t))}</b><br>{what}: {start} → "
        f"{end - _DAY}<br>state: {t.state.replace('_', ' ')}, "
        f"{t.percent_complete:.0f}% done<br>slip: {slip}"
    )


def _gantt_spans(
    report: StatusReport, now: date
) -> dict[str, list[tuple[str, date, date, str]]]:
    """Per series (baseline, done, forecast): bars as (label, start,
    end exclusive, hover)."""
    out: dict[str, list[tuple[str, date, date, str]]] = {
        "baseline": [], "done": [], "forecast": [],
    }
    for t in report.tasks:
        label = _label(t)
        if t.baseline_start and t.baseline_finish:
            end = t.baseline_finish + _DAY
            out["baseline"].append((label, t.baseline_start, end,
                                    _hover(t, "baseline", t.baseline_start,
                                           end)))
        if t.actual_start is not None:
            end = t.actual_finish + _DAY if t.actual_finish else now
            if end > t.actual_start:
                out["done"].append((label, t.actual_start, end,
                                    _hover(t, "actual", t.actual_start,
                                           end)))
        if t.state != "done" and t.forecast_finish is not None:
            start = now if t.state == "in_progress" else t.forecast_start
            end = t.forecast_finish + _DAY
            if start is not None and end > start:
                out["forecast"].append((label, start, end,
                                        _hover(t, "forecast", start, end)))
    return out


def status_gantt_figure(
    project: Project, report: StatusReport
) -> go.Figure:
    """Baseline bars (grey, wide, behind), actual work (blue) and the
    re-plan's forecast (orange), milestones as diamonds, the status date
    as a dashed line.

    Parameters
    ----------
    project
        The project (for its calendar).
    report
        Its status report.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    import plotly.graph_objects as go

    now = project.work_calendar.date_of(report.time_now)
    fig = go.Figure()
    widths = {"baseline": 0.8, "done": 0.45, "forecast": 0.45}
    names = {"baseline": "Baseline", "done": "Actual",
             "forecast": "Forecast (re-plan)"}
    for key, bars in _gantt_spans(report, now).items():
        if not bars:
            continue
        fig.add_trace(go.Bar(
            name=names[key], orientation="h",
            y=[b[0] for b in bars],
            base=[b[1].isoformat() for b in bars],
            x=[span_ms(b[1], b[2]) for b in bars],
            width=widths[key],
            opacity=0.55 if key == "baseline" else 0.95,
            marker={"color": STATUS_COLORS[key], "line": {"width": 0}},
            hovertext=[b[3] for b in bars], hoverinfo="text",
        ))
    _add_milestones(fig, project, report)
    _status_line(fig, now)
    labels = [_label(t) for t in report.tasks]
    apply_layout(fig, height=140 + 30 * max(len(labels), 1),
                 barmode="overlay", showlegend=True)
    fig.update_yaxes(type="category", categoryorder="array",
                     categoryarray=labels, autorange="reversed",
                     automargin=True, title=None)
    fig.update_xaxes(type="date", showgrid=True, title=None)
    return fig


def _add_milestones(
    fig: go.Figure, project: Project, report: StatusReport
) -> None:
    """Diamonds at the end of each milestone's date (MS Project's: the
    day its predecessors finish), where the bars before it end; at the
    start of day 0 for a milestone with nothing before it there."""
    import plotly.graph_objects as go

    rows = {t.id: t for t in report.tasks}
    first = project.work_calendar.date_of(0)

    def at(task_id: str, day: date) -> date:
        if day <= first and not project.task(task_id).after:
            return day
        return day + _DAY

    for key, symbol in (("baseline", "diamond-open"), ("forecast", "diamond")):
        points = [
            (_label(rows[m.id]), at(m.id, getattr(m, key)))
            for m in report.milestones if getattr(m, key) is not None
        ]
        if points:
            fig.add_trace(go.Scatter(
                name=f"Milestone ({key})", mode="markers",
                y=[p[0] for p in points],
                x=[p[1].isoformat() for p in points],
                marker={"symbol": symbol, "size": 13,
                        "color": STATUS_COLORS[key],
                        "line": {"color": COLORS["milestone"], "width": 1}},
            ))


# -- S-curves and trend ----------------------------------------------------


def s_curve_figure(curves: SCurves, report: StatusReport,
                   now: date) -> go.Figure:
    """PV, EV and AC over time, the re-plan's cost forecast, BAC and the
    status date.

    Parameters
    ----------
    curves
        From :func:`s_curves`.
    report
        The status report (for BAC and the EAC).
    now
        Date of the status date's working day.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    import plotly.graph_objects as go

    fig = go.Figure()
    series: list[tuple[str, list[tuple[date, float]], str, dict[str, Any]]]
    series = [
        ("PV (baseline)", curves.pv, "pv", {"mode": "lines"}),
        ("EV", curves.ev, "ev", {"mode": "lines+markers"}),
        ("AC", curves.ac, "ac", {"mode": "lines+markers"}),
        ("Forecast cost (re-plan)", curves.forecast, "forecast",
         {"mode": "lines", "line": {"dash": "dot"}}),
    ]
    for name, points, key, style in series:
        if not points:
            continue
        line = {"color": STATUS_COLORS[key], **style.pop("line", {})}
        fig.add_trace(go.Scatter(
            name=name, x=[p[0].isoformat() for p in points],
            y=[p[1] for p in points], line=line,
            hovertemplate=f"{name}: %{{y:,.0f}}<br>%{{x}}<extra></extra>",
            **style,
        ))
    fig.add_hline(y=report.evm.bac, line={"color": STATUS_COLORS["pv"],
                  "dash": "dot", "width": 1},
                  annotation_text=f"BAC {report.evm.bac:,.0f}",
                  annotation_position="top left")
    _status_line(fig, now)
    apply_layout(fig, height=420)
    fig.update_xaxes(type="date", title=None)
    fig.update_yaxes(title="cumulative cost", rangemode="tozero",
                     automargin=True)
    return fig


def trend_figure(points: Sequence[TrendPoint]) -> go.Figure:
    """SPI, CPI and SPI(t) per status date (left axis, 1.0 marked) and
    the forecast slip in working days (dashed, right axis)."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    fig = make_subplots(specs=[[{"secondary_y": True}]])
    xs = [p.status_date.isoformat() for p in points]
    fig.add_trace(go.Scatter(
        name="Forecast slip (working days)", x=xs,
        y=[p.slip_days for p in points], mode="lines+markers",
        line={"color": STATUS_COLORS["forecast"], "dash": "dash"},
        marker={"symbol": "square"},
    ), secondary_y=True)
    for name, key, color in (("SPI", "spi", COLORS["task"]),
                             ("CPI", "cpi", STATUS_COLORS["ac"]),
                             ("SPI(t)", "spi_t", STATUS_COLORS["ev"])):
        fig.add_trace(go.Scatter(
            name=name, x=xs, y=[getattr(p, key) for p in points],
            mode="lines+markers", line={"color": color},
        ), secondary_y=False)
    fig.add_hline(y=1.0, line={"color": "#999999", "dash": "dot",
                               "width": 1})
    apply_layout(fig, height=380)
    fig.update_xaxes(type="date", title="status date")
    fig.update_yaxes(title="index", secondary_y=False, automargin=True)
    top = max((abs(p.slip_days or 0) for p in points), default=0)
    fig.update_yaxes(title="slip (working days)", secondary_y=True,
                     rangemode="tozero", dtick=max(1, -(-top // 5)),
                     showgrid=False, automargin=True)
    return fig
