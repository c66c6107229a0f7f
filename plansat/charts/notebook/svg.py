"""Small hand-built HTML and SVG for notebooks: a summary table, a Gantt
chart, columns and a line chart, a few kilobytes each.

No plotting library and no script: Jupyter shows the markup as it is,
and so do GitHub's and the docs site's notebook viewers.  Every text is
escaped with :func:`html.escape`, so names from a project file can't
inject markup.  Long lists are cut at :data:`MAX_ROWS` rows with a line
saying how many were left out, so that a thousand-task plan stays small.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from plansat.charts.theme import COLORS, FONT

__all__ = [
    "MAX_ROWS",
    "Bar",
    "columns_svg",
    "figure",
    "gantt_svg",
    "line_svg",
    "table_html",
]

#: Most rows a Gantt chart or a table shows.
MAX_ROWS = 40

_WIDTH = 640
_LABEL = 150
_ROW = 16


@dataclass(frozen=True)
class Bar:
    """One row of a Gantt chart: ``[start, finish)`` on a numeric axis
    (working days, or calendar days from the earliest date), an optional
    second, thinner bar behind it (a baseline), a tooltip."""

    label: str
    start: float
    finish: float
    critical: bool = False
    behind: tuple[float, float] | None = None
    tip: str = ""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def figure(title: str, *parts: str) -> str:
    """A ``<div>`` holding a heading and ``parts`` (already markup)."""
    return (f'<div style="font-family:{_e(FONT)};max-width:{_WIDTH}px">'
            f'<div style="font-weight:600;margin:4px 0">{_e(title)}</div>'
            + "".join(parts) + "</div>")


def table_html(rows: Sequence[Sequence[object]],
               header: Sequence[str] | None = None) -> str:
    """A compact table; the first :data:`MAX_ROWS` rows, then a note."""
    cell = 'style="padding:1px 8px;text-align:left"'
    out = ['<table style="border-collapse:collapse;font-size:12px">']
    if header:
        out.append("<tr>" + "".join(f"<th {cell}>{_e(h)}</th>"
                                    for h in header) + "</tr>")
    for row in rows[:MAX_ROWS]:
        out.append("<tr>" + "".join(f"<td {cell}>{_e(v)}</td>"
                                    for v in row) + "</tr>")
    out.append("</table>")
    return "".join(out) + _more(len(rows))


def _more(count: int) -> str:
    if count <= MAX_ROWS:
        return ""
    return (f'<div style="font-size:11px;color:#5f6368">… and '
            f"{count - MAX_ROWS} more</div>")


def _scale(low: float, high: float, width: float) -> tuple[float, float]:
    """Offset and pixels per unit mapping ``[low, high]`` on ``width``."""
    span = max(high - low, 1.0)
    return low, width / span


def gantt_svg(bars: Sequence[Bar], axis: str = "working days") -> str:
    """A Gantt chart of ``bars`` (critical ones in the critical colour,
    zero-length ones as milestone diamonds)."""
    shown = list(bars[:MAX_ROWS])
    if not shown:
        return ""
    low = min(min(b.start, *(b.behind or (b.start,))) for b in shown)
    high = max(max(b.finish, *(b.behind or (b.finish,))) for b in shown)
    plot = _WIDTH - _LABEL - 10
    offset, unit = _scale(low, high, plot)
    height = _ROW * len(shown) + 20
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{_WIDTH}" '
           f'height="{height}" font-size="11" font-family="{_e(FONT)}">']
    for i, bar in enumerate(shown):
        y = i * _ROW
        out.append(f'<text x="{_LABEL - 4}" y="{y + 12}" '
                   f'text-anchor="end">{_e(bar.label[:24])}</text>')
        if bar.behind is not None:
            bx = _LABEL + (bar.behind[0] - offset) * unit
            bw = max((bar.behind[1] - bar.behind[0]) * unit, 1)
            out.append(f'<rect x="{bx:.1f}" y="{y + 10}" width="{bw:.1f}" '
                       f'height="4" fill="{COLORS["vacation"]}"/>')
        x = _LABEL + (bar.start - offset) * unit
        colour = COLORS["critical"] if bar.critical else COLORS["task"]
        tip = f"<title>{_e(bar.tip)}</title>" if bar.tip else ""
        if bar.finish <= bar.start:
            out.append(f'<path d="M{x:.1f} {y + 3}l5 5l-5 5l-5 -5z" '
                       f'fill="{COLORS["milestone"]}">{tip}</path>')
        else:
            w = max((bar.finish - bar.start) * unit, 1)
            out.append(f'<rect x="{x:.1f}" y="{y + 2}" width="{w:.1f}" '
                       f'height="9" fill="{colour}">{tip}</rect>')
    out.append(f'<text x="{_LABEL}" y="{height - 4}" fill="#5f6368">'
               f"{_e(_number(low))} … {_e(_number(high))} {_e(axis)}"
               "</text></svg>")
    return "".join(out) + _more(len(bars))


def columns_svg(values: Sequence[tuple[str, float]], unit: str,
                mark: float | None = None) -> str:
    """Vertical columns, one per ``(label, value)``; ``mark`` draws a
    dashed line at that column position (e.g. the P80)."""
    if not values:
        return ""
    height, top = 120, max(v for _, v in values) or 1.0
    step = (_WIDTH - 20) / len(values)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{_WIDTH}" '
           f'height="{height + 30}" font-size="10" '
           f'font-family="{_e(FONT)}">']
    every = max(1, len(values) // 12)
    for i, (label, value) in enumerate(values):
        h = value / top * height
        x = 10 + i * step
        out.append(f'<rect x="{x:.1f}" y="{height - h:.1f}" '
                   f'width="{max(step - 1, 1):.1f}" height="{h:.1f}" '
                   f'fill="{COLORS["task"]}"><title>{_e(label)}: '
                   f"{_e(_number(value))} {_e(unit)}</title></rect>")
        if i % every == 0:
            out.append(f'<text x="{x:.1f}" y="{height + 12}">'
                       f"{_e(label)}</text>")
    if mark is not None:
        x = 10 + (mark + 0.5) * step
        out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="0" '
                   f'y2="{height}" stroke="{COLORS["critical"]}" '
                   'stroke-dasharray="4 3"/>')
    out.append(f'<text x="10" y="{height + 26}" fill="#5f6368">'
               f"{_e(unit)}</text></svg>")
    return "".join(out)


def line_svg(points: Sequence[tuple[float, float]], x_unit: str,
             y_unit: str) -> str:
    """Points joined by a line, each a dot with its values as tooltip."""
    if not points:
        return ""
    width, height = _WIDTH - 60, 140
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    x0, xu = _scale(min(xs), max(xs), width)
    y0, yu = _scale(min(ys), max(ys), height)
    at = [(50 + (x - x0) * xu, 10 + height - (y - y0) * yu)
          for x, y in points]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in at)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{_WIDTH}" '
           f'height="{height + 40}" font-size="10" '
           f'font-family="{_e(FONT)}">',
           f'<polyline points="{path}" fill="none" '
           f'stroke="{COLORS["task"]}"/>']
    for (x, y), (px, py) in zip(points, at, strict=True):
        out.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" '
                   f'fill="{COLORS["critical"]}"><title>{_e(_number(x))} '
                   f"{_e(x_unit)}: {_e(_number(y))} {_e(y_unit)}</title>"
                   "</circle>")
    out.append(f'<text x="50" y="{height + 30}" fill="#5f6368">'
               f"{_e(_number(min(xs)))} … {_e(_number(max(xs)))} "
               f"{_e(x_unit)}; {_e(y_unit)} {_e(_number(min(ys)))} … "
               f"{_e(_number(max(ys)))}</text></svg>")
    return "".join(out)


def _number(value: float) -> str:
    from plansat.format import number

    return number(value)
