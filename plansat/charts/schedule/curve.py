"""The time-cost curve of the HTML report (plotly).

Drawn from :func:`plansat.charts.schedule.tables.curve_points`; plotly is
imported only when the figure is built.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from plansat.charts.schedule.tables import CurvePoint
from plansat.charts.theme import COLORS, apply_layout

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = ["curve_figure", "point_note"]


def point_note(point: CurvePoint) -> str:
    """``"optimal"`` for a proven point, else ``"best found"``.

    Examples
    --------
    >>> point_note(CurvePoint(52, 1800.0, 61800.0, optimal=False))
    'best found'
    """
    return "optimal" if point.optimal else "best found"


def curve_figure(points: Sequence[CurvePoint]) -> go.Figure:
    """The time-cost curve: total and direct cost per project duration.

    Filled markers are proven optimal, open ones the best found within
    the time limit.

    Parameters
    ----------
    points
        From :func:`plansat.charts.schedule.tables.curve_points`.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    import plotly.graph_objects as go

    fig = go.Figure()
    xs = [p.duration for p in points]
    symbols = ["circle" if p.optimal else "circle-open" for p in points]
    notes = [point_note(p) for p in points]
    for name, ys, color in (
        ("Total cost", [p.total_cost for p in points], COLORS["critical"]),
        ("Direct cost", [p.direct_cost for p in points], COLORS["direct"]),
    ):
        fig.add_trace(
            go.Scatter(
                name=name,
                x=xs,
                y=ys,
                mode="lines+markers",
                line={"color": color},
                marker={"symbol": symbols, "size": 9, "color": color},
                customdata=notes,
                hovertemplate=(
                    f"{name}: %{{y:,.0f}}<br>%{{x}} working days "
                    "(%{customdata})<extra></extra>"
                ),
            )
        )
    apply_layout(fig, height=380)
    fig.update_xaxes(
        title="project duration (working days)",
        dtick=1 if len(xs) < 15 else None,
    )
    fig.update_yaxes(title="cost", rangemode="tozero", automargin=True)
    return fig
