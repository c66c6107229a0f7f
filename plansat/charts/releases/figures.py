"""The plotly figures of the release page: the release timeline, the
cumulative value shipped over time and the release-date sweep.

The rows behind the timeline come from :func:`feature_bars` (no
plotting); plotly is imported only when a figure is built.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from plansat.charts.theme import COLORS, apply_layout, span_ms
from plansat.models import Project
from plansat.models.delivery import ReleasePlan, ReleaseSweep

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = [
    "RELEASE_COLORS",
    "FeatureBar",
    "feature_bars",
    "sweep_figure",
    "timeline_figure",
    "value_figure",
]

#: One colour per release, in date order (cycled).
RELEASE_COLORS: tuple[str, ...] = (
    "#4c78a8", "#f58518", "#54a24b", "#b279a2", "#e45756", "#72b7b2",
    "#eeca3b", "#9d755d",
)

_DAY = timedelta(days=1)


@dataclass(frozen=True)
class FeatureBar:
    """One feature on the timeline.

    ``start`` is the first day of its tasks' work, ``ready`` the day
    after the last (both dates), ``ships`` the date of its release
    (``None``: unscheduled) and ``release`` the release's index in date
    order.
    """

    id: str
    label: str
    value: float
    start: date
    ready: date
    ships: date | None
    release: int | None


def feature_bars(project: Project, plan: ReleasePlan) -> list[FeatureBar]:
    """The features of a solved plan, in project order."""
    rows = {t.id: t for t in plan.result.tasks}
    order = {r.id: k for k, r in enumerate(plan.releases)}
    where = {s.id: s.release for s in plan.result.features}
    out = []
    for f in project.features:
        tasks = [rows[t] for t in f.tasks if t in rows]
        if not tasks:
            continue
        release = where.get(f.id)
        k = order.get(release) if release is not None else None
        out.append(FeatureBar(
            id=f.id,
            label=f.name or f.id,
            value=f.value,
            start=min(t.start_date for t in tasks),
            ready=max(t.finish_date for t in tasks) + _DAY,
            ships=plan.releases[k].date if k is not None else None,
            release=k,
        ))
    return out


def _color(k: int | None) -> str:
    if k is None:
        return COLORS["vacation"]
    return RELEASE_COLORS[k % len(RELEASE_COLORS)]


def timeline_figure(
    project: Project, plan: ReleasePlan, bars: list[FeatureBar]
) -> go.Figure:
    """Features as bars from their first day of work to their ship date
    (solid: work, light: waiting for the release), release dates as
    dashed vertical lines."""
    import plotly.graph_objects as go

    fig = go.Figure()
    for k, r in [*enumerate(plan.releases), (None, None)]:
        group = [b for b in bars if b.release == k]
        if not group:
            continue
        name = "unscheduled" if r is None else f"ships in {r.name or r.id}"
        fig.add_trace(go.Bar(
            name=name, orientation="h", y=[b.label for b in group],
            base=[b.start.isoformat() for b in group],
            x=[span_ms(b.start, b.ready) for b in group],
            marker={"color": _color(k), "line": {"width": 0}},
            customdata=[[b.id, b.value, b.start.isoformat(),
                         (b.ready - _DAY).isoformat(),
                         b.ships.isoformat() if b.ships else "none"]
                        for b in group],
            hovertemplate="<b>%{customdata[0]}</b> (value %{customdata[1]})"
                          "<br>work %{customdata[2]} to %{customdata[3]}"
                          "<br>ships %{customdata[4]}<extra></extra>",
        ))
        waiting = [b for b in group if b.ships and b.ships > b.ready]
        if waiting:
            fig.add_trace(go.Bar(
                name="waiting for the release", orientation="h",
                y=[b.label for b in waiting],
                base=[b.ready.isoformat() for b in waiting],
                x=[span_ms(b.ready, b.ships or b.ready) for b in waiting],
                marker={"color": _color(k), "opacity": 0.3,
                        "line": {"width": 0}},
                showlegend=False, hoverinfo="skip",
            ))
    for k, r in enumerate(plan.releases):
        _release_line(fig, r.date, r.name or r.id, _color(k), 14 * (k % 2))
    apply_layout(fig, height=160 + 40 * max(len(bars), 1),
                 barmode="overlay", bargap=0.35, showlegend=True)
    labels = [b.label for b in bars]
    fig.update_yaxes(type="category", categoryorder="array",
                     categoryarray=labels, autorange="reversed",
                     automargin=True, title=None)
    fig.update_layout(margin={"t": 80})
    ends = [b.ships or b.ready for b in bars]
    ends += [r.date for r in plan.releases]
    if bars:
        first = min(b.start for b in bars) - 2 * _DAY
        fig.update_xaxes(range=[first.isoformat(),
                                (max(ends) + 10 * _DAY).isoformat()])
    fig.update_xaxes(type="date", showgrid=True, title=None)
    return fig


def _release_line(
    fig: go.Figure, day: date, text: str, color: str, lift: int
) -> None:
    """A dashed vertical line at the start of a release date, labelled
    ``lift`` pixels up (alternate releases are lifted so that the labels
    of close dates don't overlap)."""
    x = day.isoformat()
    fig.add_shape(type="line", xref="x", yref="paper", x0=x, x1=x, y0=0,
                  y1=1, line={"color": color, "dash": "dash", "width": 2})
    fig.add_annotation(x=x, y=1, xref="x", yref="paper", text=text,
                       showarrow=False, xanchor="left", yanchor="bottom",
                       yshift=lift, font={"size": 10, "color": color})


def value_figure(project: Project, plan: ReleasePlan) -> go.Figure:
    """Cumulative value shipped over time: a step at each release date,
    and the value of all features (dotted)."""
    import plotly.graph_objects as go

    xs = [project.start.isoformat()]
    ys = [0.0]
    for r in plan.releases:
        xs.append(r.date.isoformat())
        ys.append(r.cumulative_value)
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        name="value shipped", x=xs, y=ys, mode="lines+markers",
        line={"shape": "hv", "color": COLORS["task"], "width": 3},
        hovertemplate="%{x}: %{y}<extra></extra>",
    ))
    fig.add_trace(go.Scatter(
        name="all features", x=[xs[0], xs[-1]],
        y=[plan.total_value, plan.total_value], mode="lines",
        line={"color": COLORS["limit"], "dash": "dot", "width": 1},
        hoverinfo="skip",
    ))
    apply_layout(fig, height=340, showlegend=True)
    fig.update_xaxes(type="date", title=None)
    fig.update_yaxes(title="cumulative value", rangemode="tozero")
    return fig


def sweep_figure(swept: ReleaseSweep) -> go.Figure:
    """Value shipped by the swept release for each of its dates (working
    days only; red: its own date, grey: no plan on that date)."""
    import plotly.graph_objects as go

    points = swept.points
    fig = go.Figure()
    fig.add_trace(go.Bar(
        name=f"shipped by {swept.release}",
        x=[p.date.isoformat() for p in points],
        y=[p.shipped or 0 for p in points],
        marker={"color": [
            COLORS["vacation"] if p.shipped is None
            else COLORS["critical"] if p.shift == 0 else COLORS["task"]
            for p in points
        ]},
        customdata=[[f"{p.shift:+d}", ", ".join(p.features) or "none",
                     p.status.value] for p in points],
        hovertemplate="%{x} (shift %{customdata[0]}): %{y}<br>"
                      "%{customdata[1]}<br>%{customdata[2]}<extra></extra>",
    ))
    apply_layout(fig, height=320, showlegend=False)
    fig.update_xaxes(type="category", title=None)
    fig.update_yaxes(title=f"value shipped by {swept.release}",
                     rangemode="tozero")
    return fig
