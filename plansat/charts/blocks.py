"""Building blocks of plansat's self-contained HTML pages: escaping,
summary cards, tables, figures and the page around them.

The schedule report (:mod:`plansat.charts.schedule.page`), the status, risk and
release pages all use these, so every page looks and escapes alike.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from plansat import __version__
from plansat.charts.theme import CSS, NARROW_JS, PLOTLY_CONFIG

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = ["card", "check_html", "esc", "figure_html", "page", "table"]


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def card(key: str, value: str, cls: str = "") -> str:
    attr = f' class="v {cls}"' if cls else ' class="v"'
    return (
        f'<div class="card"><div class="k">{esc(key)}</div>'
        f"<div{attr}>{value}</div></div>"
    )


def check_html(found: Sequence[str]) -> str:
    if not found:
        return (
            '<p class="ok">✔ The schedule keeps every rule of the project '
            "(checked independently of the solver).</p>"
        )
    items = "".join(f"<li>{esc(v)}</li>" for v in found)
    return (
        f'<p class="bad">✘ The schedule breaks {len(found)} rule(s) of the '
        f'project:</p><ul class="issues bad">{items}</ul>'
    )


def figure_html(fig: go.Figure, div_id: str, **attrs: str) -> str:
    height = int(fig.layout.height or 450)
    snippet: str = fig.to_html(
        full_html=False,
        include_plotlyjs=False,
        config=PLOTLY_CONFIG,
        div_id=div_id,
        default_height=f"{height}px",
        default_width="100%",
    )
    extra = "".join(f' {k}="{esc(v)}"' for k, v in attrs.items())
    return f'<div class="chart" id="{div_id}-wrap"{extra}>{snippet}</div>'


def page(
    title: str, sections: Sequence[str], plotlyjs: str, gantt: bool
) -> str:
    """The HTML document around the report's sections (with the narrow
    screen script when there is a ``gantt`` chart)."""
    narrow = f"<script>{NARROW_JS}</script>" if gantt else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, '
        'initial-scale=1">\n'
        f'<meta name="generator" content="plansat {esc(__version__)}">\n'
        f"<title>{esc(title)}</title>\n"
        f"<style>{CSS}</style>\n"
        f'<script type="text/javascript">{plotlyjs}</script>\n'
        "</head>\n<body>\n<main>\n"
        '<noscript><p class="bad">The charts need JavaScript; the '
        "tables below work without it.</p></noscript>\n"
        + "\n".join(sections)
        + f"\n</main>\n{narrow}\n</body>\n</html>\n"
    )


def table(
    head: Sequence[str],
    rows: Sequence[Sequence[str]],
    numeric: set[int],
    marked: Sequence[bool] | None = None,
) -> str:
    """An escaped table in a horizontally scrolling wrapper; columns in
    ``numeric`` align right, rows flagged in ``marked`` are highlighted
    (``class="critical"``)."""
    def cell(k: int, text: str, tag: str) -> str:
        cls = ' class="n"' if k in numeric else ""
        return f"<{tag}{cls}>{esc(text)}</{tag}>"

    top = "".join(cell(k, h, "th") for k, h in enumerate(head))
    lines = []
    for r, row in enumerate(rows):
        cls = ' class="critical"' if marked and marked[r] else ""
        cells = "".join(cell(k, c, "td") for k, c in enumerate(row))
        lines.append(f"<tr{cls}>{cells}</tr>")
    body = "".join(lines)
    return (f'<div class="table-wrap"><table><thead><tr>{top}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>")
