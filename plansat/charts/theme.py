"""How the report looks: colours, fonts, plotly settings, CSS and script.

Shared by the HTML page (:mod:`plansat.charts.schedule.page`), its plotly
figures (:mod:`plansat.charts.schedule.gantt`,
:mod:`plansat.charts.schedule.daily`,
:mod:`plansat.charts.schedule.curve`) and the PNG
(:mod:`plansat.charts.schedule.png`). Nothing here imports plotly:
:func:`apply_layout` and :func:`short_span` only call methods of the figure
they are given.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = [
    "COLORS",
    "CSS",
    "DAY_MS",
    "FONT",
    "NARROW_JS",
    "PLOTLY_CONFIG",
    "apply_layout",
    "short_span",
    "span_ms",
]

#: Colours shared by the HTML and PNG charts.
COLORS: Final[dict[str, str]] = {
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
FONT: Final = (
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', "
    "Arial, sans-serif"
)

#: plotly's config for every chart.
PLOTLY_CONFIG: Final[dict[str, Any]] = {
    "responsive": True,
    "displaylogo": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}

#: One day in milliseconds, the unit of a plotly date axis.
DAY_MS: Final = 86_400_000

#: Style sheet of the page (inline, system fonts, responsive).
CSS: Final = (
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
NARROW_JS: Final = """
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


def span_ms(start: date, end: date) -> int:
    """Length of ``[start, end)`` in milliseconds (a date-axis bar).

    Examples
    --------
    >>> span_ms(date(2025, 6, 2), date(2025, 6, 5))
    259200000
    """
    return (end - start).days * DAY_MS


def apply_layout(fig: go.Figure, height: int, **extra: Any) -> None:
    """Give ``fig`` the report's look: white template, system font,
    legend along the bottom, ``height`` pixels tall.

    Parameters
    ----------
    fig
        A plotly figure (changed in place).
    height
        Height in pixels (the width follows the page).
    **extra
        More layout settings (e.g. ``barmode``).
    """
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


def short_span(fig: go.Figure, first: date, last: date) -> None:
    """One tick per day (no hours) on date axes spanning three weeks or
    less.

    Parameters
    ----------
    fig
        A plotly figure with date x axes (changed in place).
    first, last
        First and last date shown.
    """
    if (last - first).days <= 21:
        fig.update_xaxes(dtick=DAY_MS, tickformat="%b %-d")
