"""Daily bar charts of the HTML report (plotly): load per person and
units in use per pooled resource.

Drawn from :mod:`plansat.charts.series`; plotly is imported only when a
figure is built.  Each working day's bar is centred on the middle of its
date (noon) and the limit (availability, capacity) is a step line over
whole days, so bars and dates line up at any zoom.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from plansat.charts.series import LoadSeries, UsageSeries
from plansat.charts.theme import (
    COLORS,
    DAY_MS,
    apply_layout,
    short_span,
)

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = ["load_figure", "usage_figure"]


@dataclass(frozen=True)
class _Row:
    """One subplot: daily ``values`` against a daily ``limit``."""

    title: str
    dates: Sequence[date]
    values: Sequence[int]
    limit: Sequence[int]
    over: Sequence[bool]
    blocked: Sequence[bool] = ()


class _Legend:
    """Legend entries shown once per name across the subplots."""

    def __init__(self) -> None:
        self.shown: set[str] = set()

    def __call__(self, name: str) -> dict[str, Any]:
        first = name not in self.shown
        self.shown.add(name)
        return {"name": name, "legendgroup": name, "showlegend": first}


def _bars(
    row: _Row,
    ys: list[int | None],
    color: str,
    entry: dict[str, Any],
    note: str,
    opacity: float = 1.0,
) -> go.Bar:
    """Bars at noon of each day of ``row`` (``None`` draws no bar)."""
    import plotly.graph_objects as go

    return go.Bar(
        x=[f"{d.isoformat()}T12:00:00" for d in row.dates],
        y=ys,
        width=0.8 * DAY_MS,
        customdata=[d.isoformat() for d in row.dates],
        marker={"color": color, "opacity": opacity},
        hovertemplate=f"%{{customdata}}: {note}<extra></extra>",
        **entry,
    )


def _limit_line(
    row: _Row, entry: dict[str, Any], unit: str, limit_name: str
) -> go.Scatter:
    """The limit as a step over whole days: from each day's start to the
    next."""
    import plotly.graph_objects as go

    edges = [d.isoformat() for d in row.dates]
    edges.append((row.dates[-1] + timedelta(1)).isoformat())
    return go.Scatter(
        x=edges,
        y=[*row.limit, row.limit[-1]],
        mode="lines",
        line={
            "color": COLORS["limit"],
            "dash": "dot",
            "width": 1.5,
            "shape": "hv",
        },
        hovertemplate=f"{limit_name} %{{y}}{unit}<extra></extra>",
        **entry,
    )


def _row_traces(
    row: _Row, legend: _Legend, unit: str, limit_name: str
) -> list[Any]:
    """The traces of one subplot: bars within the limit, bars over it,
    vacation days and the limit line."""
    pairs = list(zip(row.values, row.over, strict=True))
    traces = [
        _bars(
            row,
            [v if not o else None for v, o in pairs],
            COLORS["load"],
            legend("Load" if unit == "%" else "In use"),
            f"%{{y}}{unit}",
        )
    ]
    if any(row.over):
        traces.append(
            _bars(
                row,
                [v if o else None for v, o in pairs],
                COLORS["over"],
                legend("Over-allocated"),
                f"%{{y}}{unit} — over-allocated",
            )
        )
    if any(row.blocked):
        traces.append(
            _bars(
                row,
                [100 if b else None for b in row.blocked],
                COLORS["vacation"],
                legend("Vacation"),
                "vacation",
                opacity=0.5,
            )
        )
    if row.dates:
        entry = legend(limit_name.capitalize())
        traces.append(_limit_line(row, entry, unit, limit_name))
    return traces


def _daily_figure(
    rows: Sequence[_Row], unit: str, limit_name: str
) -> go.Figure:
    """Stacked subplots of daily bars with a limit line per row."""
    from plotly.subplots import make_subplots

    n = len(rows)
    fig = make_subplots(
        rows=n,
        cols=1,
        shared_xaxes=True,
        subplot_titles=[r.title for r in rows],
        # about 45 px between rows, room for the next row's title
        vertical_spacing=min(0.3, 45 / (130 * max(n, 1) - 36)),
    )
    legend = _Legend()
    top = 100 if unit == "%" else 1
    for k, row in enumerate(rows, start=1):
        top = max(top, max(row.values, default=0), max(row.limit, default=0))
        for trace in _row_traces(row, legend, unit, limit_name):
            fig.add_trace(trace, row=k, col=1)
    apply_layout(
        fig,
        height=90 + 130 * max(n, 1),
        barmode="overlay",
        showlegend=True,
    )
    fig.update_layout(margin={"t": 56})
    fig.update_yaxes(
        range=[0, top * 1.12],
        ticksuffix="%" if unit == "%" else "",
        dtick=None if unit == "%" else max(1, math.ceil(top / 4)),
        rangemode="tozero",
        automargin=True,
    )
    fig.update_xaxes(type="date", automargin=True)
    dates = [d for r in rows for d in r.dates]
    if dates:
        short_span(fig, min(dates), max(dates))
    fig.update_annotations(font={"size": 12})
    return fig


def load_figure(series: Sequence[LoadSeries]) -> go.Figure:
    """Daily load per person against availability.

    Vacation days are grey and over-allocation red.

    Parameters
    ----------
    series
        From :func:`plansat.charts.series.person_load_series`.

    Returns
    -------
    plotly.graph_objects.Figure
        One subplot per person.
    """
    rows = [
        _Row(
            title=s.name if s.name == s.person else f"{s.name} ({s.person})",
            dates=s.dates,
            values=s.load,
            limit=s.available,
            over=s.over,
            blocked=s.vacation,
        )
        for s in series
    ]
    return _daily_figure(rows, unit="%", limit_name="availability")


def usage_figure(series: Sequence[UsageSeries]) -> go.Figure:
    """Daily units in use per pooled resource against its capacity.

    Parameters
    ----------
    series
        From :func:`plansat.charts.series.resource_usage_series`.

    Returns
    -------
    plotly.graph_objects.Figure
        One subplot per resource.
    """
    rows = [
        _Row(
            title=f"{s.name} (capacity {s.capacity})",
            dates=s.dates,
            values=s.used,
            limit=[s.capacity] * len(s.dates),
            over=s.over,
        )
        for s in series
    ]
    return _daily_figure(rows, unit=" units", limit_name="capacity")
