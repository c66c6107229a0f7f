"""The interactive Gantt chart of the HTML report (plotly).

Drawn from :func:`plansat.charts.schedule.gantt_data.gantt_bars`; plotly is
imported only when a figure is built.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from plansat import format as fmt
from plansat.charts.schedule.gantt_data import GanttBar
from plansat.charts.theme import COLORS, apply_layout, short_span, span_ms
from plansat.models import Project

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = ["gantt_figure"]

#: Hover text of every Gantt trace; fields from :func:`_hover_data`.
_HOVER = (
    "<b>%{customdata[0]}</b> %{customdata[1]}<br>"
    "%{customdata[2]} → %{customdata[3]}<br>"
    "duration: %{customdata[4]} working days%{customdata[7]}<br>"
    "people: %{customdata[5]}<br>"
    "total float: %{customdata[6]}<extra></extra>"
)


def _hover_data(b: GanttBar) -> list[str]:
    """The ``customdata`` of a bar, as :data:`_HOVER` reads it."""
    return [
        b.id,
        html.escape(b.name),
        fmt.iso(b.start_date),
        fmt.iso(b.finish_date),
        str(b.duration),
        html.escape(", ".join(b.people)) or fmt.DASH,
        fmt.DASH if b.total_float is None else f"{b.total_float} days",
        (f" (crashed {b.crashed})" if b.crashed else "")
        + (f"<br>mode: {html.escape(b.mode)}" if b.mode else ""),
    ]


def _add_task_bars(fig: go.Figure, bars: Sequence[GanttBar]) -> None:
    """Critical tasks in red, the others in blue (milestones apart); a
    split task as its segments."""
    import plotly.graph_objects as go

    for critical, name, color in (
        (True, "Critical task", COLORS["critical"]),
        (False, "Task", COLORS["task"]),
    ):
        pieces = [
            (b, first, end)
            for b in bars if b.critical == critical and not b.milestone
            for first, end in (b.segments or ((b.start_date, b.end),))
        ]
        if not pieces:
            continue
        fig.add_trace(
            go.Bar(
                name=name,
                orientation="h",
                y=[b.label for b, _, _ in pieces],
                base=[first.isoformat() for _, first, _ in pieces],
                x=[span_ms(first, end) for _, first, end in pieces],
                marker={"color": color, "line": {"width": 0}},
                customdata=[_hover_data(b) for b, _, _ in pieces],
                hovertemplate=_HOVER,
            )
        )


def _add_days_off(fig: go.Figure, bars: Sequence[GanttBar]) -> None:
    """Grey stretches, under each task's bar, over the days its people
    don't work (their own calendars, holidays and vacations) or its
    resources are closed: a split task's pauses fall in them."""
    import plotly.graph_objects as go

    runs = [(b, first, end) for b in bars for first, end in b.days_off]
    if not runs:
        return
    fig.add_trace(
        go.Bar(
            name="Days off (people, resources, task)",
            orientation="h",
            y=[b.label for b, _, _ in runs],
            base=[first.isoformat() for _, first, _ in runs],
            x=[span_ms(first, end) for _, first, end in runs],
            marker={"color": COLORS["vacation"], "line": {"width": 0}},
            opacity=0.45,
            customdata=[
                [html.escape(", ".join(b.people)) or fmt.DASH,
                 fmt.iso(first), fmt.iso(end - timedelta(1))]
                for b, first, end in runs
            ],
            hovertemplate=(
                "days off of %{customdata[0]}<br>"
                "%{customdata[1]} → %{customdata[2]}<extra></extra>"
            ),
        )
    )


def _add_float_bars(fig: go.Figure, bars: Sequence[GanttBar]) -> None:
    """A light bar after each task with float, as long as the float."""
    import plotly.graph_objects as go

    floating = [b for b in bars if b.float_end is not None]
    if not floating:
        return
    fig.add_trace(
        go.Bar(
            name="Total float",
            orientation="h",
            y=[b.label for b in floating],
            base=[b.end.isoformat() for b in floating],
            x=[span_ms(b.end, b.float_end or b.end) for b in floating],
            marker={
                "color": COLORS["float"],
                "line": {"color": COLORS["task"], "width": 1},
            },
            customdata=[_hover_data(b) for b in floating],
            hovertemplate=_HOVER,
        )
    )


def _add_milestones(fig: go.Figure, bars: Sequence[GanttBar]) -> None:
    """A diamond at the end of each milestone's date (``end``)."""
    import plotly.graph_objects as go

    milestones = [b for b in bars if b.milestone]
    if not milestones:
        return
    fig.add_trace(
        go.Scatter(
            name="Milestone",
            mode="markers",
            y=[b.label for b in milestones],
            x=[b.end.isoformat() for b in milestones],
            marker={
                "symbol": "diamond",
                "size": 14,
                "color": [
                    COLORS["critical"] if b.critical else COLORS["task"]
                    for b in milestones
                ],
                "line": {"color": COLORS["milestone"], "width": 1},
            },
            customdata=[_hover_data(b) for b in milestones],
            hovertemplate=_HOVER,
        )
    )


def _add_deadline(fig: go.Figure, deadline: date) -> None:
    """A dashed vertical line at the end of the deadline day."""
    x = (deadline + timedelta(1)).isoformat()
    fig.add_shape(
        type="line",
        xref="x",
        yref="paper",
        x0=x,
        x1=x,
        y0=0,
        y1=1,
        line={"color": COLORS["deadline"], "dash": "dash", "width": 1},
    )
    fig.add_annotation(
        x=x,
        y=1,
        xref="x",
        yref="paper",
        text=f"deadline {deadline.isoformat()}",
        showarrow=False,
        xanchor="right",
        yanchor="bottom",
        font={"size": 10, "color": COLORS["deadline"]},
    )


def gantt_figure(project: Project, bars: Sequence[GanttBar]) -> go.Figure:
    """The Gantt chart.

    Bars by date, critical in red, a split task as its segments, the
    days each task's people don't work shaded grey on its row, float
    trailing, milestones as diamonds, one row per task in dependency
    order, and the project's deadline as a dashed line.

    Parameters
    ----------
    project
        The project (for its deadline).
    bars
        The bars, from :func:`plansat.charts.schedule.gantt_data.gantt_bars`.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    import plotly.graph_objects as go

    fig = go.Figure()
    _add_days_off(fig, bars)
    _add_task_bars(fig, bars)
    _add_float_bars(fig, bars)
    _add_milestones(fig, bars)
    if project.deadline is not None:
        _add_deadline(fig, project.deadline)
    apply_layout(
        fig,
        height=140 + 30 * max(len(bars), 1),
        barmode="overlay",
        bargap=0.3,
        showlegend=True,
    )
    labels = [b.label for b in bars]
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=labels,
        tickmode="array",
        tickvals=labels,
        ticktext=labels,
        autorange="reversed",
        automargin=True,
        title=None,
    )
    fig.update_xaxes(type="date", showgrid=True, title=None)
    if bars:
        last = max(b.float_end or b.end for b in bars)
        if project.deadline is not None:
            last = max(last, project.deadline)
        short_span(fig, min(b.start_date for b in bars), last)
    return fig
