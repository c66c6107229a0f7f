"""A self-contained HTML report: summary, Gantt, loads, critical path.

One file, no external assets: plotly.js is embedded once in the page
(no CDN), the styles are inline and use the system font stack, so the
report opens offline from ``file://``.  The page is responsive (viewport
meta tag, fluid widths, plotly's ``responsive`` config, horizontally
scrolling tables).  The figures are built from :mod:`plansat.charts.data`.
"""

from __future__ import annotations

import html
import json
import logging
import math
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plansat import __version__
from plansat.charts import data
from plansat.check import violations
from plansat.models import Project, Result
from plansat.schedule.cpm import CpmReport, critical_path

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = [
    "COLORS",
    "build_figures",
    "render_html",
    "write_html",
]

logger = logging.getLogger(__name__)

#: Colours shared by the HTML and PNG charts.
COLORS: dict[str, str] = {
    "critical": "#d62728",
    "task": "#4c78a8",
    "float": "#c6d9ec",
    "milestone": "#333333",
    "load": "#4c78a8",
    "over": "#e31a1c",
    "vacation": "#bdbdbd",
    "limit": "#222222",
    "deadline": "#7f7f7f",
    "direct": "#72b7b2",
}

#: Font stack of the page and the charts (no web fonts).
FONT = (
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', "
    "Arial, sans-serif"
)

#: plotly's config for every chart.
PLOTLY_CONFIG: dict[str, Any] = {
    "responsive": True,
    "displaylogo": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}

_DAY_MS = 86_400_000

OBJECTIVE_LABELS = {
    "time": "time (makespan, working days)",
    "balance": "balance (highest load)",
    "cost": "cost (total)",
}


# -- formatting ------------------------------------------------------------


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _num(value: float | None) -> str:
    if value is None:
        return "–"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.3g}" if abs(value) < 1 else f"{value:,.2f}"


def _money(value: float | None) -> str:
    if value is None:
        return "–"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


def _iso(day: date | None) -> str:
    return "–" if day is None else day.isoformat()


def _ms(start: date, end: date) -> int:
    return (end - start).days * _DAY_MS


# -- figures ---------------------------------------------------------------


def _layout(fig: go.Figure, height: int, **extra: Any) -> None:
    fig.update_layout(
        template="plotly_white",
        height=height,
        autosize=True,
        font={"family": FONT, "size": 12},
        margin={"l": 10, "r": 10, "t": 40, "b": 70},
        # The legend sits at the bottom of the figure, clear of the mode
        # bar and the subplot titles at the top, on any width.
        legend={
            "orientation": "h",
            "yref": "container",
            "yanchor": "bottom",
            "y": 0.0,
            "xanchor": "left",
            "x": 0,
        },
        hoverlabel={"font": {"family": FONT}},
        **extra,
    )


def gantt_figure(project: Project, bars: Sequence[data.GanttBar]) -> go.Figure:
    """The Gantt chart: bars by date, critical in red, float trailing,
    milestones as diamonds, one row per task in dependency order."""
    import plotly.graph_objects as go

    fig = go.Figure()
    labels = [b.label for b in bars]
    hover = (
        "<b>%{customdata[0]}</b> %{customdata[1]}<br>"
        "%{customdata[2]} → %{customdata[3]}<br>"
        "duration: %{customdata[4]} working days%{customdata[7]}<br>"
        "people: %{customdata[5]}<br>"
        "total float: %{customdata[6]}<extra></extra>"
    )

    def custom(b: data.GanttBar) -> list[str]:
        return [
            b.id,
            _esc(b.name),
            b.start_date.isoformat(),
            b.finish_date.isoformat(),
            str(b.duration),
            _esc(", ".join(b.people)) or "–",
            "–" if b.total_float is None else f"{b.total_float} days",
            (f" (crashed {b.crashed})" if b.crashed else "")
            + (f"<br>mode: {_esc(b.mode)}" if b.mode else ""),
        ]

    for critical, name, color in (
        (True, "Critical task", COLORS["critical"]),
        (False, "Task", COLORS["task"]),
    ):
        group = [b for b in bars if b.critical == critical and not b.milestone]
        if not group:
            continue
        fig.add_trace(
            go.Bar(
                name=name,
                orientation="h",
                y=[b.label for b in group],
                base=[b.start_date.isoformat() for b in group],
                x=[_ms(b.start_date, b.end) for b in group],
                marker={"color": color, "line": {"width": 0}},
                customdata=[custom(b) for b in group],
                hovertemplate=hover,
            )
        )
    floating = [b for b in bars if b.float_end is not None]
    if floating:
        fig.add_trace(
            go.Bar(
                name="Total float",
                orientation="h",
                y=[b.label for b in floating],
                base=[b.end.isoformat() for b in floating],
                x=[_ms(b.end, b.float_end or b.end) for b in floating],
                marker={
                    "color": COLORS["float"],
                    "line": {"color": COLORS["task"], "width": 1},
                },
                customdata=[custom(b) for b in floating],
                hovertemplate=hover,
            )
        )
    milestones = [b for b in bars if b.milestone]
    if milestones:
        fig.add_trace(
            go.Scatter(
                name="Milestone",
                mode="markers",
                y=[b.label for b in milestones],
                x=[b.start_date.isoformat() for b in milestones],
                marker={
                    "symbol": "diamond",
                    "size": 14,
                    "color": [
                        COLORS["critical"] if b.critical else COLORS["task"]
                        for b in milestones
                    ],
                    "line": {"color": COLORS["milestone"], "width": 1},
                },
                customdata=[custom(b) for b in milestones],
                hovertemplate=hover,
            )
        )
    if project.deadline is not None:
        deadline = (project.deadline + timedelta(1)).isoformat()
        fig.add_shape(
            type="line",
            xref="x",
            yref="paper",
            x0=deadline,
            x1=deadline,
            y0=0,
            y1=1,
            line={"color": COLORS["deadline"], "dash": "dash", "width": 1},
        )
        fig.add_annotation(
            x=deadline,
            y=1,
            xref="x",
            yref="paper",
            text=f"deadline {project.deadline.isoformat()}",
            showarrow=False,
            xanchor="right",
            yanchor="bottom",
            font={"size": 10, "color": COLORS["deadline"]},
        )
    _layout(
        fig,
        height=140 + 30 * max(len(bars), 1),
        barmode="overlay",
        bargap=0.3,
        showlegend=True,
    )
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
        _short_span(fig, min(b.start_date for b in bars), last)
    return fig


def _daily_figure(
    rows: Sequence[tuple[str, Sequence[date], Sequence[int]]],
    limits: Sequence[Sequence[int]],
    overs: Sequence[Sequence[bool]],
    blocked: Sequence[Sequence[bool]] | None,
    unit: str,
    limit_name: str,
) -> go.Figure:
    """Stacked subplots of daily bars with a limit line per row.

    Each working day's bar is centred on the middle of its date (noon)
    and the limit is a step line over whole days, so bars and dates line
    up at any zoom.
    """
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    n = len(rows)
    fig = make_subplots(
        rows=n,
        cols=1,
        shared_xaxes=True,
        subplot_titles=[title for title, _, _ in rows],
        # about 45 px between rows, room for the next row's title
        vertical_spacing=min(0.3, 45 / (130 * max(n, 1) - 36)),
    )
    shown: set[str] = set()

    def legend(name: str) -> dict[str, Any]:
        first = name not in shown
        shown.add(name)
        return {"name": name, "legendgroup": name, "showlegend": first}

    def bars(
        xs: list[str],
        ys: list[int | None],
        labels: list[str],
        color: str,
        name: str,
        note: str,
        opacity: float = 1.0,
    ) -> go.Bar:
        return go.Bar(
            x=xs,
            y=ys,
            width=0.8 * _DAY_MS,
            customdata=labels,
            marker={"color": color, "opacity": opacity},
            hovertemplate=f"%{{customdata}}: {note}<extra></extra>",
            **legend(name),
        )

    top = 100 if unit == "%" else 1
    for k, (_title, dates, values) in enumerate(rows, start=1):
        noon = [f"{d.isoformat()}T12:00:00" for d in dates]
        labels = [d.isoformat() for d in dates]
        over = overs[k - 1]
        limit = list(limits[k - 1])
        top = max(top, max(values, default=0), max(limit, default=0))
        pairs = list(zip(values, over, strict=True))
        fig.add_trace(
            bars(
                noon,
                [v if not o else None for v, o in pairs],
                labels,
                COLORS["load"],
                "Load" if unit == "%" else "In use",
                f"%{{y}}{unit}",
            ),
            row=k,
            col=1,
        )
        if any(over):
            fig.add_trace(
                bars(
                    noon,
                    [v if o else None for v, o in pairs],
                    labels,
                    COLORS["over"],
                    "Over-allocated",
                    f"%{{y}}{unit} — over-allocated",
                ),
                row=k,
                col=1,
            )
        if blocked is not None and any(blocked[k - 1]):
            fig.add_trace(
                bars(
                    noon,
                    [100 if b else None for b in blocked[k - 1]],
                    labels,
                    COLORS["vacation"],
                    "Vacation",
                    "vacation",
                    opacity=0.5,
                ),
                row=k,
                col=1,
            )
        if dates:
            # a step over whole days: from each day's start to the next
            edges = [d.isoformat() for d in dates]
            edges.append((dates[-1] + timedelta(1)).isoformat())
            fig.add_trace(
                go.Scatter(
                    x=edges,
                    y=[*limit, limit[-1]],
                    mode="lines",
                    line={
                        "color": COLORS["limit"],
                        "dash": "dot",
                        "width": 1.5,
                        "shape": "hv",
                    },
                    hovertemplate=(
                        f"{limit_name} %{{y}}{unit}<extra></extra>"
                    ),
                    **legend(limit_name.capitalize()),
                ),
                row=k,
                col=1,
            )
    _layout(
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
    dates = [d for _, ds, _ in rows for d in ds]
    if dates:
        _short_span(fig, min(dates), max(dates))
    fig.update_annotations(font={"size": 12})
    return fig


def _short_span(fig: go.Figure, first: date, last: date) -> None:
    """One tick per day (no hours) on charts spanning three weeks or
    less."""
    if (last - first).days <= 21:
        fig.update_xaxes(dtick=_DAY_MS, tickformat="%b %-d")


def load_figure(series: Sequence[data.LoadSeries]) -> go.Figure:
    """Daily load per person vs availability; vacation days grey,
    over-allocation red."""
    return _daily_figure(
        [
            (
                s.name if s.name == s.person else f"{s.name} ({s.person})",
                s.dates,
                s.load,
            )
            for s in series
        ],
        [s.available for s in series],
        [s.over for s in series],
        [s.vacation for s in series],
        unit="%",
        limit_name="availability",
    )


def usage_figure(series: Sequence[data.UsageSeries]) -> go.Figure:
    """Daily units in use per pooled resource vs capacity."""
    return _daily_figure(
        [
            (f"{s.name} (capacity {s.capacity})", s.dates, s.used)
            for s in series
        ],
        [[s.capacity] * len(s.dates) for s in series],
        [s.over for s in series],
        None,
        unit=" units",
        limit_name="capacity",
    )


def curve_figure(points: Sequence[data.CurvePoint]) -> go.Figure:
    """The time-cost curve: total and direct cost per project duration;
    filled markers are proven optimal."""
    import plotly.graph_objects as go

    fig = go.Figure()
    xs = [p.duration for p in points]
    symbols = ["circle" if p.optimal else "circle-open" for p in points]
    notes = ["optimal" if p.optimal else "best found" for p in points]
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
    _layout(fig, height=380)
    fig.update_xaxes(
        title="project duration (working days)",
        dtick=1 if len(xs) < 15 else None,
    )
    fig.update_yaxes(title="cost", rangemode="tozero", automargin=True)
    return fig


def build_figures(
    project: Project,
    result: Result,
    curve: Any = None,
    cpm: CpmReport | None = None,
) -> dict[str, go.Figure]:
    """The report's plotly figures by id: ``gantt``, ``load``,
    ``resources`` (with pooled resources) and ``curve`` (given a
    curve).  Empty when the result has no schedule."""
    figures: dict[str, go.Figure] = {}
    points = data.curve_points(curve)
    if result.status.has_solution and result.tasks:
        cpm = cpm if cpm is not None else critical_path(project)
        figures["gantt"] = gantt_figure(
            project, data.gantt_bars(project, result, cpm)
        )
        loads = data.person_load_series(project, result)
        if loads:
            figures["load"] = load_figure(loads)
        usage = data.resource_usage_series(project, result)
        if usage:
            figures["resources"] = usage_figure(usage)
    if points:
        figures["curve"] = curve_figure(points)
    return figures


# -- page ------------------------------------------------------------------

_CSS = (
    """
:root { --fg: #1d1d1f; --muted: #5f6368; --line: #e0e0e0;
  --bg: #ffffff; --panel: #f6f7f9; --critical: @critical@;
  --over: @over@; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font-family: @font@; color: var(--fg);
  background: var(--bg); line-height: 1.45; }
main { max-width: 1240px; margin: 0 auto; padding: 16px; }
h1 { font-size: 1.6rem; margin: 0.2em 0 0.1em; }
h2 { font-size: 1.25rem; margin: 1.6em 0 0.4em;
  border-bottom: 1px solid var(--line); padding-bottom: 0.2em; }
p.lead, p.note { color: var(--muted); margin: 0.2em 0 0.8em; }
.cards { display: grid; gap: 8px;
  grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); }
.card { background: var(--panel); border-radius: 6px; padding: 8px 10px; }
.card .k { font-size: 0.78rem; color: var(--muted); text-transform:
  uppercase; letter-spacing: 0.03em; }
.card .v { font-size: 1.1rem; font-weight: 600; overflow-wrap: anywhere; }
.status-OPTIMAL { color: #1a7f37; } .status-FEASIBLE { color: #9a6700; }
.status-INFEASIBLE, .status-UNKNOWN, .status-MODEL_INVALID
  { color: var(--over); }
.table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch;
  max-width: 100%; border: 1px solid var(--line); border-radius: 6px; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { padding: 5px 9px; border-bottom: 1px solid var(--line);
  text-align: left; white-space: nowrap; }
th { background: var(--panel); font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.critical td { background: #fdecea; }
tr.critical td:first-child { box-shadow: inset 3px 0 0 var(--critical); }
tr.total td { font-weight: 700; }
.chart { width: 100%; min-width: 0; }
.ok { color: #1a7f37; } .bad { color: var(--over); }
ul.issues li { overflow-wrap: anywhere; }
.cost { max-width: 420px; margin-top: 10px; }
footer { color: var(--muted); font-size: 0.8rem; margin: 2em 0 1em; }
@media (max-width: 600px) {
  main { padding: 10px; } h1 { font-size: 1.3rem; }
  .cards { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  th, td { padding: 4px 6px; font-size: 0.85rem; }
}
""".replace("@critical@", COLORS["critical"])
    .replace("@over@", COLORS["over"])
    .replace("@font@", FONT)
)

#: Switches the Gantt's row labels to bare task ids on narrow screens.
_NARROW_JS = """
(function () {
  var el = document.getElementById('gantt');
  var wrap = document.getElementById('gantt-wrap');
  if (!el || !wrap || !window.Plotly || !window.matchMedia) { return; }
  var full = JSON.parse(wrap.getAttribute('data-labels'));
  var ids = JSON.parse(wrap.getAttribute('data-ids'));
  var mq = window.matchMedia('(max-width: 600px)');
  function apply() {
    Plotly.relayout(el, {'yaxis.ticktext': mq.matches ? ids : full});
  }
  if (mq.matches) { apply(); }
  if (mq.addEventListener) { mq.addEventListener('change', apply); }
})();
"""


def _card(key: str, value: str, cls: str = "") -> str:
    attr = f' class="v {cls}"' if cls else ' class="v"'
    return (
        f'<div class="card"><div class="k">{_esc(key)}</div>'
        f"<div{attr}>{value}</div></div>"
    )


def _cost_lines(cost: dict[str, float]) -> list[str]:
    """Cost components to list (all but the total); a component beyond
    the usual five (e.g. ``modes``) only when it is not zero."""
    usual = ("labour", "resources", "crash", "overlap", "overhead")
    extra = [k for k, v in cost.items() if k not in usual and k != "total"]
    return [*usual[:2], *(k for k in extra if cost[k]), *usual[2:]]


def _summary_html(s: data.Summary) -> str:
    objective = OBJECTIVE_LABELS.get(s.objective, s.objective)
    if s.objective == "balance" and s.objective_value is not None:
        value, bound = _pct(s.objective_value), _pct(s.bound)
    elif s.objective == "cost":
        value, bound = _money(s.objective_value), _money(s.bound)
    else:
        value, bound = _num(s.objective_value), _num(s.bound)
    cards = [
        _card("Status", _esc(s.status), f"status-{s.status}"),
        _card("Objective", _esc(objective)),
        _card("Objective value", _esc(value)),
        _card("Bound", _esc(bound)),
        _card("Gap", _esc(_pct(s.gap))),
        _card("Start", _esc(_iso(s.start_date))),
        _card("Finish", _esc(_iso(s.finish_date))),
        _card(
            "Duration",
            "–" if s.duration is None else f"{s.duration} working days",
        ),
        _card("Total cost", _esc(_money(s.cost.get("total")))),
        _card("Solve time", f"{s.runtime:.2f} s"),
    ]
    out = [f'<div class="cards">{"".join(cards)}</div>']
    if s.has_solution:
        rows = "".join(
            f'<tr><td>{name}</td><td class="n">'
            f"{_esc(_money(s.cost.get(name, 0)))}</td></tr>"
            for name in _cost_lines(s.cost)
        )
        rows += (
            '<tr class="total"><td>total</td><td class="n">'
            f"{_esc(_money(s.cost.get('total', 0)))}</td></tr>"
        )
        out.append(
            '<div class="table-wrap cost"><table><thead><tr><th>cost</th>'
            '<th class="n">amount</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></div>"
        )
    return "\n".join(out)


def _no_schedule_html(s: data.Summary) -> str:
    parts = [
        "<h2>No schedule</h2>",
        f'<p class="bad">The solver returned {_esc(s.status)}: there is '
        "no schedule to chart.</p>",
    ]
    if s.explanation:
        parts.append(f"<p>{_esc(s.explanation)}</p>")
    if s.conflicts:
        items = "".join(f"<li>{_esc(c)}</li>" for c in s.conflicts)
        parts.append(f'<ul class="issues">{items}</ul>')
    return "\n".join(parts)


def _check_html(found: Sequence[str]) -> str:
    if not found:
        return (
            '<p class="ok">✔ The schedule keeps every rule of the project '
            "(checked independently of the solver).</p>"
        )
    items = "".join(f"<li>{_esc(v)}</li>" for v in found)
    return (
        f'<p class="bad">✘ The schedule breaks {len(found)} rule(s) of the '
        f'project:</p><ul class="issues bad">{items}</ul>'
    )


def _critical_table_html(
    rows: Sequence[data.CriticalRow],
    bars: dict[str, data.GanttBar],
    cpm: CpmReport | None,
) -> str:
    head = (
        "<tr><th>id</th><th>name</th><th>start</th><th>finish</th>"
        '<th class="n">days</th><th>people</th>'
        '<th class="n">ES</th><th class="n">EF</th><th class="n">LS</th>'
        '<th class="n">LF</th><th class="n">CPM float</th>'
        "<th>CPM critical</th>"
        '<th class="n">schedule float</th><th>critical</th></tr>'
    )
    body = []
    for r in rows:
        b = bars.get(r.id)
        cls = ' class="critical"' if r.critical else ""
        cells = [
            _esc(r.id),
            _esc(r.name),
            _esc(b.start_date.isoformat()) if b else "–",
            _esc(b.finish_date.isoformat()) if b else "–",
            str(b.duration) if b else "–",
            _esc(", ".join(b.people)) if b else "–",
            str(r.es),
            str(r.ef),
            str(r.ls),
            str(r.lf),
            str(r.cpm_float),
            "yes" if r.cpm_critical else "",
            "–" if r.schedule_float is None else str(r.schedule_float),
            "<b>yes</b>" if r.critical else "",
        ]
        numeric = {4, 6, 7, 8, 9, 10, 12}
        tds = "".join(
            f'<td class="n">{c}</td>' if k in numeric else f"<td>{c}</td>"
            for k, c in enumerate(cells)
        )
        body.append(f"<tr{cls}>{tds}</tr>")
    paths = ""
    if cpm is not None and cpm.critical_paths:
        items = "".join(
            f"<li>{_esc(' → '.join(p))}</li>" for p in cpm.critical_paths
        )
        paths = (
            f"<p>Nominal CPM: {cpm.duration} working days, finishing "
            f"{_esc(cpm.finish_date.isoformat())}; critical path(s):</p>"
            f"<ol>{items}</ol>"
        )
    return (
        f'<p class="note">{_esc(data.CRITICAL_DEFINITION)}</p>'
        '<div class="table-wrap"><table><thead>'
        f"{head}</thead><tbody>{''.join(body)}</tbody></table></div>"
        f"{paths}"
    )


def _curve_table_html(points: Sequence[data.CurvePoint]) -> str:
    rows = "".join(
        f'<tr><td class="n">{p.duration}</td>'
        f'<td class="n">{_esc(_money(p.direct_cost))}</td>'
        f'<td class="n">{_esc(_money(p.total_cost))}</td>'
        f"<td>{'optimal' if p.optimal else 'best found'}</td></tr>"
        for p in points
    )
    return (
        '<div class="table-wrap"><table><thead><tr>'
        '<th class="n">duration</th><th class="n">direct cost</th>'
        '<th class="n">total cost</th><th>status</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


def _figure_html(fig: go.Figure, div_id: str, **attrs: str) -> str:
    height = int(fig.layout.height or 450)
    snippet: str = fig.to_html(
        full_html=False,
        include_plotlyjs=False,
        config=PLOTLY_CONFIG,
        div_id=div_id,
        default_height=f"{height}px",
        default_width="100%",
    )
    extra = "".join(f' {k}="{_esc(v)}"' for k, v in attrs.items())
    return f'<div class="chart" id="{div_id}-wrap"{extra}>{snippet}</div>'


def render_html(
    project: Project,
    result: Result,
    curve: Any = None,
    title: str | None = None,
) -> str:
    """The complete report page as a string (see :func:`write_html`)."""
    try:
        from plotly.offline import get_plotlyjs
    except ImportError as exc:  # pragma: no cover - depends on the env
        raise ImportError(
            "the HTML report needs plotly: pip install 'plansat[report]'"
        ) from exc

    cpm: CpmReport | None
    try:
        cpm = critical_path(project)
    except ValueError:  # pragma: no cover - a Project has no cycles
        cpm = None
    s = data.summary(project, result)
    points = data.curve_points(curve)
    figures = build_figures(project, result, curve, cpm)
    title = title or f"{project.name} — schedule report"
    sections: list[str] = [
        f"<h1>{_esc(title)}</h1>",
        f'<p class="lead">Project <b>{_esc(project.name)}</b>, '
        f"{len(project.tasks)} tasks, {len(project.people)} people, "
        f"{len(project.resources)} pooled resources; starts "
        f"{_esc(_iso(s.start_date))}.</p>",
        "<h2>Summary</h2>",
        _summary_html(s),
    ]
    if not s.has_solution or not result.tasks:
        sections.append(_no_schedule_html(s))
    else:
        bars = data.gantt_bars(project, result, cpm)
        sections += [
            "<h2>Schedule check</h2>",
            _check_html(violations(project, result)),
            "<h2>Gantt chart</h2>",
            '<p class="note">One row per task in dependency order; '
            f"{s.critical} of {s.tasks} tasks are critical (red). The "
            "light bar after a task is its total float; diamonds are "
            "milestones. Hover a bar for its details.</p>",
            _figure_html(
                figures["gantt"],
                "gantt",
                **{
                    "data-labels": json.dumps([b.label for b in bars]),
                    "data-ids": json.dumps([b.id for b in bars]),
                },
            ),
        ]
        if "load" in figures:
            sections += [
                "<h2>Load per person</h2>",
                '<p class="note">Per working day: the sum of the '
                "allocations of the person's tasks (bars) against their "
                "availability (dotted line). Grey days are vacations; red "
                "bars are over-allocation.</p>",
                _figure_html(figures["load"], "load"),
            ]
        if "resources" in figures:
            sections += [
                "<h2>Pooled resources</h2>",
                '<p class="note">Units in use per working day against the '
                "capacity (dotted line); red bars exceed it.</p>",
                _figure_html(figures["resources"], "resources"),
            ]
        sections += [
            "<h2>Critical path</h2>",
            _critical_table_html(
                data.critical_rows(project, result, cpm),
                {b.id: b for b in bars},
                cpm,
            ),
        ]
    if "curve" in figures:
        sections += [
            "<h2>Time–cost curve</h2>",
            '<p class="note">Cheapest total and direct cost for each '
            "project duration; filled markers are proven optimal, open "
            "ones the best found within the time limit.</p>",
            _figure_html(figures["curve"], "curve"),
            _curve_table_html(points),
        ]
    sections.append(
        f"<footer>Generated by plansat {_esc(__version__)}. "
        "Self-contained: opens offline, no external assets.</footer>"
    )
    narrow = f"<script>{_NARROW_JS}</script>" if "gantt" in figures else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, '
        'initial-scale=1">\n'
        f'<meta name="generator" content="plansat {_esc(__version__)}">\n'
        f"<title>{_esc(title)}</title>\n"
        f"<style>{_CSS}</style>\n"
        f'<script type="text/javascript">{get_plotlyjs()}</script>\n'
        "</head>\n<body>\n<main>\n"
        '<noscript><p class="bad">The charts need JavaScript; the '
        "tables below work without it.</p></noscript>\n"
        + "\n".join(sections)
        + f"\n</main>\n{narrow}\n</body>\n</html>\n"
    )


def write_html(
    project: Project,
    result: Result,
    path: str | Path,
    curve: Any = None,
    title: str | None = None,
) -> Path:
    """Write the self-contained HTML report of ``result``.

    Parameters
    ----------
    project
        The project that was solved.
    result
        Its result (a schedule, or a status without one: the report then
        shows the explanation and conflicts).
    path
        The ``.html`` file to write (overwritten).
    curve
        Optional time-cost curve: a list of dicts (or objects) with
        ``duration``, ``direct_cost``, ``total_cost`` and ``optimal``,
        or an object with such a ``points`` list.
    title
        Page title (default: ``"<project> — schedule report"``).

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
    path = Path(path)
    text = render_html(project, result, curve=curve, title=title)
    path.write_text(text, encoding="utf-8")
    logger.info("wrote the HTML report %s (%d bytes)", path, len(text))
    return path
