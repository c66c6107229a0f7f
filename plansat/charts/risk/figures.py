"""The plotly figures of the risk page: the finish distribution
(histogram + S-curve, deadline marked) and the tornado chart.

plotly is imported only when a figure is built; the look comes from
:mod:`plansat.charts.theme`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from plansat.charts.theme import COLORS, apply_layout
from plansat.models import Project
from plansat.models.risk import HistogramBin, RiskReport, TaskRisk

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = ["finish_figure", "tornado_figure", "tornado_rows"]

#: Colour of the critical-path-only curve.
CPM_COLOR = "#9e9e9e"


def finish_date(project: Project, days: int) -> date:
    """Date a finish after ``days`` working days falls on."""
    return project.work_calendar.date_of(max(days - 1, 0))


def _cumulative(bins: list[HistogramBin]) -> tuple[list[int], list[float]]:
    total = sum(b.count for b in bins) or 1
    running, days, shares = 0, [], []
    for b in bins:
        running += b.count
        days.append(b.days)
        shares.append(100.0 * running / total)
    return days, shares


def _ticks(project: Project, lo: int, hi: int) -> tuple[list[int],
                                                       list[str]]:
    """About eight working-day ticks over ``[lo, hi]``, labelled with
    the finish date of each."""
    step = max(1, -(-(hi - lo) // 8))
    days = list(range(lo, hi + 1, step))
    return days, [f"{finish_date(project, d):%b %-d}<br>{d}" for d in days]


def finish_figure(project: Project, report: RiskReport) -> go.Figure:
    """Histogram of the finish and S-curves (plan and critical path
    only), with the P50, the P80 and the project deadline marked.

    The x axis counts working days (no weekend gaps); each tick shows
    the finish date over the day number.

    Parameters
    ----------
    project
        The project (its calendar dates the finish days).
    report
        From :func:`plansat.analysis.risk.simulation.simulate`.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    fig = make_subplots(specs=[[{"secondary_y": True}]])
    bins = report.histogram
    total = sum(b.count for b in bins) or 1
    fig.add_trace(go.Bar(
        name="finish (plan)", x=[b.days for b in bins],
        y=[100.0 * b.count / total for b in bins],
        marker={"color": COLORS["float"]},
        customdata=[f"{finish_date(project, b.days):%a %Y-%m-%d}"
                    for b in bins],
        hovertemplate="day %{x} (%{customdata}): %{y:.1f}% of samples"
        "<extra></extra>",
    ), secondary_y=False)
    for name, rows, color, dash in (
        ("P(finish ≤ day), plan", bins, COLORS["task"], "solid"),
        ("P(finish ≤ day), critical path only",
         report.cpm_only.histogram, CPM_COLOR, "dash"),
    ):
        days, shares = _cumulative(rows)
        fig.add_trace(go.Scatter(
            name=name, x=days, y=shares, mode="lines",
            line={"color": color, "dash": dash, "shape": "hv"},
            hovertemplate="by day %{x}: %{y:.1f}%<extra></extra>",
        ), secondary_y=True)
    cal = project.work_calendar
    marks: list[tuple[str, float, str]] = [
        (f"P50 {report.finish_dates.p50}", report.finish.p50,
         COLORS["task"]),
        (f"P80 {report.finish_dates.p80}", report.finish.p80,
         COLORS["critical"]),
    ]
    if report.deadline is not None:
        marks.append((f"deadline {report.deadline}",
                      cal.finish_bound(report.deadline) + 0.5,
                      COLORS["limit"]))
    for label, x, color in marks:
        fig.add_vline(
            x=x, line={"color": color, "dash": "dot", "width": 1.5},
            annotation={"text": label, "textangle": -90,
                        "font": {"color": color}},
            annotation_position="top left",
        )
    lo = min(b.days for b in [*bins, *report.cpm_only.histogram])
    hi = max([b.days for b in [*bins, *report.cpm_only.histogram]]
             + [int(x) for _, x, _ in marks])
    tickvals, ticktext = _ticks(project, lo, hi)
    apply_layout(fig, height=440, bargap=0.1)
    fig.update_xaxes(title="finish (date over working day)",
                     tickvals=tickvals, ticktext=ticktext,
                     range=[lo - 1, hi + 1], automargin=True)
    fig.update_yaxes(title="share of samples (%)", rangemode="tozero",
                     secondary_y=False, automargin=True)
    fig.update_yaxes(title="cumulative (%)", range=[0, 101],
                     tickvals=[0, 20, 40, 60, 80, 100], secondary_y=True,
                     showgrid=False, automargin=True)
    return fig


def tornado_rows(report: RiskReport, top: int = 10) -> list[TaskRisk]:
    """The ``top`` tasks with the largest |cruciality| (ties by SSI),
    most sensitive first; tasks that never vary are left out."""
    rows = [t for t in report.tasks if t.duration_std > 0]
    rows.sort(key=lambda t: (-abs(t.cruciality), -t.ssi, t.id))
    return rows[:top]


def tornado_figure(rows: list[TaskRisk]) -> go.Figure:
    """Tornado chart: one bar per task, its cruciality (Spearman rank
    correlation of its duration with the finish), the most sensitive on
    top; criticality and SSI in the hover.

    Parameters
    ----------
    rows
        From :func:`tornado_rows`.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    import plotly.graph_objects as go

    shown = list(reversed(rows))  # plotly draws the first row lowest
    fig = go.Figure(go.Bar(
        orientation="h",
        x=[t.cruciality for t in shown],
        y=[f"{t.id} {t.name}" if t.name else t.id for t in shown],
        marker={"color": [COLORS["critical"] if t.criticality >= 0.5
                          else COLORS["task"] for t in shown]},
        customdata=[[100 * t.criticality, t.ssi] for t in shown],
        hovertemplate="%{y}<br>cruciality %{x:.2f}<br>criticality "
        "%{customdata[0]:.1f}%<br>SSI %{customdata[1]:.2f}<extra></extra>",
        name="cruciality",
    ))
    apply_layout(fig, height=max(240, 60 + 32 * len(shown)),
                 showlegend=False)
    fig.update_xaxes(title="cruciality (rank correlation with the finish)",
                     range=[min(0.0, *(t.cruciality for t in shown)) - 0.05,
                            1.0], zeroline=True)
    fig.update_yaxes(automargin=True)
    return fig
