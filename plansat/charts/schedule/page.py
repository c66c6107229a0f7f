"""The self-contained HTML report: summary, Gantt, loads, critical path.

One file, no external assets: plotly.js is embedded once in the page
(no CDN), the styles are inline and use the system font stack, so the
report opens offline from ``file://``.  The page is responsive (viewport
meta tag, fluid widths, plotly's ``responsive`` config, horizontally
scrolling tables).  The figures come from
:mod:`plansat.charts.schedule.figures`, the numbers from
:mod:`plansat.charts.schedule.data`, the look from
:mod:`plansat.charts.theme`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from plansat import __version__
from plansat import format as fmt
from plansat.charts.blocks import card as _card
from plansat.charts.blocks import check_html as _check_html
from plansat.charts.blocks import esc as _esc
from plansat.charts.blocks import figure_html as _figure_html
from plansat.charts.blocks import page as _page
from plansat.charts.output import write_file
from plansat.charts.schedule import data
from plansat.charts.schedule.curve import point_note
from plansat.charts.schedule.figures import build_figures
from plansat.charts.timeline import nominal_cpm
from plansat.check import violations
from plansat.models import Project, Result
from plansat.schedule.cpm import CpmReport

if TYPE_CHECKING:
    import plotly.graph_objects as go

    from plansat.models.tradeoff import TradeoffCurve

__all__ = ["render_html", "write_html"]





# -- summary ---------------------------------------------------------------


def _cost_lines(cost: dict[str, float]) -> list[str]:
    """Cost components to list (all but the total); a component beyond
    the usual five (e.g. ``modes``) only when it is not zero."""
    usual = ("labour", "resources", "crash", "overlap", "overhead")
    extra = [k for k, v in cost.items() if k not in usual and k != "total"]
    return [*usual[:2], *(k for k in extra if cost[k]), *usual[2:]]


def _objective_values(s: data.Summary) -> tuple[str, str]:
    """The objective's value and bound, in the objective's unit."""
    if s.objective == "balance" and s.objective_value is not None:
        return fmt.percent(s.objective_value), fmt.percent(s.bound)
    if s.objective == "cost":
        return fmt.money(s.objective_value), fmt.money(s.bound)
    return fmt.number(s.objective_value), fmt.number(s.bound)


def _cost_table_html(cost: dict[str, float]) -> str:
    rows = "".join(
        f'<tr><td>{name}</td><td class="n">'
        f"{_esc(fmt.money(cost.get(name, 0)))}</td></tr>"
        for name in _cost_lines(cost)
    )
    rows += (
        '<tr class="total"><td>total</td><td class="n">'
        f"{_esc(fmt.money(cost.get('total', 0)))}</td></tr>"
    )
    return (
        '<div class="table-wrap cost"><table><thead><tr><th>cost</th>'
        '<th class="n">amount</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


def _summary_html(s: data.Summary) -> str:
    objective = fmt.OBJECTIVE_LABELS.get(s.objective, s.objective)
    value, bound = _objective_values(s)
    cards = [
        _card("Status", _esc(s.status), f"status-{s.status}"),
        _card("Objective", _esc(objective)),
        _card("Objective value", _esc(value)),
        _card("Bound", _esc(bound)),
        _card("Gap", _esc(fmt.percent(s.gap))),
        _card("Start", _esc(fmt.iso(s.start_date))),
        _card("Finish", _esc(fmt.iso(s.finish_date))),
        _card("Duration", _esc(fmt.days(s.duration))),
        _card("Total cost", _esc(fmt.money(s.cost.get("total")))),
        _card("Solve time", f"{s.runtime:.2f} s"),
    ]
    out = [f'<div class="cards">{"".join(cards)}</div>']
    if s.has_solution:
        out.append(_cost_table_html(s.cost))
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


# -- tables ----------------------------------------------------------------

_CRITICAL_HEAD = (
    "<tr><th>id</th><th>name</th><th>start</th><th>finish</th>"
    '<th class="n">days</th><th>people</th>'
    '<th class="n">ES</th><th class="n">EF</th><th class="n">LS</th>'
    '<th class="n">LF</th><th class="n">CPM float</th>'
    "<th>CPM critical</th>"
    '<th class="n">schedule float</th><th>critical</th></tr>'
)

#: Columns of the critical-path table that hold numbers.
_NUMERIC = frozenset({4, 6, 7, 8, 9, 10, 12})


def _critical_row_html(r: data.CriticalRow, b: data.GanttBar | None) -> str:
    cells = [
        _esc(r.id),
        _esc(r.name),
        _esc(fmt.iso(b.start_date)) if b else fmt.DASH,
        _esc(fmt.iso(b.finish_date)) if b else fmt.DASH,
        str(b.duration) if b else fmt.DASH,
        _esc(", ".join(b.people)) if b else fmt.DASH,
        str(r.es),
        str(r.ef),
        str(r.ls),
        str(r.lf),
        str(r.cpm_float),
        "yes" if r.cpm_critical else "",
        fmt.DASH if r.schedule_float is None else str(r.schedule_float),
        "<b>yes</b>" if r.critical else "",
    ]
    tds = "".join(
        f'<td class="n">{c}</td>' if k in _NUMERIC else f"<td>{c}</td>"
        for k, c in enumerate(cells)
    )
    cls = ' class="critical"' if r.critical else ""
    return f"<tr{cls}>{tds}</tr>"


def _critical_paths_html(cpm: CpmReport | None) -> str:
    if cpm is None or not cpm.critical_paths:
        return ""
    items = "".join(
        f"<li>{_esc(' → '.join(p))}</li>" for p in cpm.critical_paths
    )
    return (
        f"<p>Nominal CPM: {cpm.duration} working days, finishing "
        f"{_esc(fmt.iso(cpm.finish_date))}; critical path(s):</p>"
        f"<ol>{items}</ol>"
    )


def _critical_table_html(
    rows: Sequence[data.CriticalRow],
    bars: dict[str, data.GanttBar],
    cpm: CpmReport | None,
) -> str:
    body = "".join(_critical_row_html(r, bars.get(r.id)) for r in rows)
    return (
        f'<p class="note">{_esc(data.CRITICAL_DEFINITION)}</p>'
        '<div class="table-wrap"><table><thead>'
        f"{_CRITICAL_HEAD}</thead><tbody>{body}</tbody></table></div>"
        f"{_critical_paths_html(cpm)}"
    )


def _curve_table_html(points: Sequence[data.CurvePoint]) -> str:
    rows = "".join(
        f'<tr><td class="n">{p.duration}</td>'
        f'<td class="n">{_esc(fmt.money(p.direct_cost))}</td>'
        f'<td class="n">{_esc(fmt.money(p.total_cost))}</td>'
        f"<td>{point_note(p)}</td></tr>"
        for p in points
    )
    return (
        '<div class="table-wrap"><table><thead><tr>'
        '<th class="n">duration</th><th class="n">direct cost</th>'
        '<th class="n">total cost</th><th>status</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


# -- sections --------------------------------------------------------------


def _schedule_sections(
    project: Project,
    result: Result,
    s: data.Summary,
    figures: dict[str, go.Figure],
    cpm: CpmReport | None,
) -> list[str]:
    """Check, Gantt, loads, pooled resources and critical path."""
    bars = data.gantt_bars(project, result, cpm)
    sections = [
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
    return sections


def _curve_sections(
    figure: go.Figure, points: Sequence[data.CurvePoint]
) -> list[str]:
    return [
        "<h2>Time–cost curve</h2>",
        '<p class="note">Cheapest total and direct cost for each '
        "project duration; filled markers are proven optimal, open "
        "ones the best found within the time limit.</p>",
        _figure_html(figure, "curve"),
        _curve_table_html(points),
    ]


def render_html(
    project: Project,
    result: Result,
    curve: TradeoffCurve | None = None,
    title: str | None = None,
) -> str:
    """The complete report page as a string (see :func:`write_html`)."""
    try:
        from plotly.offline import get_plotlyjs
    except ImportError as exc:  # pragma: no cover - depends on the env
        raise ImportError(
            "the HTML report needs plotly: pip install 'plansat[report]'"
        ) from exc

    cpm = nominal_cpm(project)
    s = data.summary(project, result)
    points = data.curve_points(curve)
    figures = build_figures(project, result, curve, cpm)
    title = title or f"{project.name} — schedule report"
    sections: list[str] = [
        f"<h1>{_esc(title)}</h1>",
        f'<p class="lead">Project <b>{_esc(project.name)}</b>, '
        f"{len(project.tasks)} tasks, {len(project.people)} people, "
        f"{len(project.resources)} pooled resources; starts "
        f"{_esc(fmt.iso(s.start_date))}.</p>",
        "<h2>Summary</h2>",
        _summary_html(s),
    ]
    if not s.has_solution or not result.tasks:
        sections.append(_no_schedule_html(s))
    else:
        sections += _schedule_sections(project, result, s, figures, cpm)
    if "curve" in figures:
        sections += _curve_sections(figures["curve"], points)
    sections.append(
        f"<footer>Generated by plansat {_esc(__version__)}. "
        "Self-contained: opens offline, no external assets.</footer>"
    )
    return _page(title, sections, get_plotlyjs(), "gantt" in figures)


def write_html(
    project: Project,
    result: Result,
    path: str | Path,
    curve: TradeoffCurve | None = None,
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
        Optional time-cost curve, as computed by
        :func:`plansat.analysis.tradeoff.tradeoff` (or parsed from
        ``plansat crash --format json`` with
        ``TradeoffCurve.model_validate_json``).  Points whose status is
        ``OPTIMAL`` are drawn as proven, the others as best found.
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
    TypeError
        When ``curve`` is not a ``TradeoffCurve``.
    """
    text = render_html(project, result, curve=curve, title=title)
    return write_file(path, text, "HTML report")
