"""The self-contained HTML release page (``plansat releases --html``).

Summary cards, the release timeline (features as bars ending at their
ship dates, release dates as lines), the cumulative value shipped over
time, the release and feature tables, the unscheduled features with
their reasons, the independent checker's verdict and, with a sweep, the
value a moved release date ships.  One file with plotly.js embedded,
like the schedule report (:mod:`plansat.charts.schedule.page`, whose page frame
it shares); plotly is imported only when the page is written.
"""

from __future__ import annotations

from pathlib import Path

from plansat import __version__
from plansat import format as fmt
from plansat.charts.blocks import card as _card
from plansat.charts.blocks import check_html as _check_html
from plansat.charts.blocks import esc as _esc
from plansat.charts.blocks import figure_html as _figure_html
from plansat.charts.blocks import page as _page
from plansat.charts.blocks import table as _table
from plansat.charts.output import write_file
from plansat.charts.releases.figures import (
    feature_bars,
    sweep_figure,
    timeline_figure,
    value_figure,
)
from plansat.check import violations
from plansat.models import Project, Result
from plansat.models.delivery import ReleasePlan, ReleaseSweep

__all__ = ["render_releases_html", "write_releases_html"]



def _cards(plan: ReleasePlan) -> str:
    result = plan.result
    cards = [
        _card("Status", _esc(plan.status.value), f"status-{plan.status}"),
        _card("Value (Σ value × weight)", _esc(fmt.number(plan.value))),
        _card("Proven bound", _esc(fmt.number(plan.bound))),
        _card("Shipped", _esc(f"{fmt.number(plan.shipped_value)} of "
                              f"{fmt.number(plan.total_value)}")),
        _card("Releases", str(len(plan.releases))),
        _card("Finish", _esc(fmt.iso(result.finish_date))),
        _card("Total cost", _esc(fmt.money(result.cost.total))),
        _card("Solve time", f"{plan.runtime:.2f} s"),
    ]
    return f'<div class="cards">{"".join(cards)}</div>'


def _release_table(plan: ReleasePlan) -> str:
    rows = [
        (r.id, r.name or "", fmt.iso(r.date), fmt.number(r.weight),
         ", ".join(r.features) or fmt.DASH, ", ".join(r.tasks) or fmt.DASH,
         fmt.number(r.value), fmt.number(r.cumulative_value))
        for r in plan.releases
    ]
    head = ("release", "name", "date", "weight", "features", "tasks",
            "value", "cumulative")
    return _table(head, rows, {3, 6, 7})


def _feature_table(project: Project, plan: ReleasePlan) -> str:
    ships = {s.id: s for s in plan.result.features}
    cal = project.work_calendar
    rows = []
    for f in project.features:
        s = ships.get(f.id)
        done = (fmt.iso(cal.date_of(max(s.finish - 1, 0)))
                if s is not None and s.finish is not None else fmt.DASH)
        rows.append((
            f.id, f.name or "", fmt.number(f.value), ", ".join(f.tasks),
            done, (s.release if s and s.release else "unscheduled"),
            ", ".join(f.after) or fmt.DASH,
            f.release or ("must" if f.must else fmt.DASH),
        ))
    head = ("feature", "name", "value", "tasks", "work done", "ships in",
            "after", "pinned / must")
    return _table(head, rows, {2})


def _no_plan_html(result: Result) -> str:
    parts = [
        "<h2>No plan</h2>",
        f'<p class="bad">The solver returned {_esc(result.status.value)}'
        ": there is no release plan to chart.</p>",
    ]
    if result.explanation:
        parts.append(f"<p>{_esc(result.explanation)}</p>")
    if result.conflicts:
        items = "".join(f"<li>{_esc(c)}</li>" for c in result.conflicts)
        parts.append(f'<ul class="issues">{items}</ul>')
    return "\n".join(parts)


def _sweep_sections(swept: ReleaseSweep) -> list[str]:
    rows = [
        (f"{p.shift:+d}", fmt.iso(p.date), fmt.number(p.shipped),
         ", ".join(p.features) or fmt.DASH, fmt.number(p.value),
         p.status.value)
        for p in swept.points
    ]
    head = ("shift", "date", "shipped by it", "features by it", "value",
            "status")
    why = "".join(
        f"<li>{_esc(fmt.iso(p.date))} ({p.shift:+d}): "
        f"{_esc('; '.join(p.conflicts))}</li>"
        for p in swept.points if p.conflicts
    )
    return [
        f"<h2>Moving release {_esc(swept.release)}</h2>",
        '<p class="note">One optimal plan per date of the release, '
        f"±{swept.span} working days; red: its own date, grey: no plan "
        "(see below why).</p>",
        _figure_html(sweep_figure(swept), "sweep"),
        _table(head, rows, {0, 2, 4}),
        *([f'<ul class="issues">{why}</ul>'] if why else []),
    ]


def render_releases_html(
    project: Project, plan: ReleasePlan, swept: ReleaseSweep | None = None
) -> str:
    """The release page as a string (see :func:`write_releases_html`)."""
    try:
        from plotly.offline import get_plotlyjs
    except ImportError as exc:  # pragma: no cover - depends on the env
        raise ImportError(
            "the HTML release page needs plotly: pip install "
            "'plansat[report]'"
        ) from exc

    title = f"{project.name} — release plan"
    sections = [
        f"<h1>{_esc(title)}</h1>",
        f'<p class="lead">{len(project.features)} features, '
        f"{len(plan.releases)} releases: the plan that ships the most "
        "value earliest (value × release weight), under every rule of the "
        "project.</p>",
        _cards(plan),
    ]
    if not plan.result.status.has_solution:
        sections.append(_no_plan_html(plan.result))
    else:
        bars = feature_bars(project, plan)
        unscheduled = "".join(
            f"<li>{_esc(u.feature)}: {_esc(u.reason)}</li>"
            for u in plan.unscheduled
        )
        sections += [
            "<h2>Release timeline</h2>",
            '<p class="note">Each feature from its first day of work to '
            "the day its last task ends (solid), then waiting for its "
            "release (light); dashed lines are the release dates.</p>",
            _figure_html(timeline_figure(project, plan, bars), "timeline"),
            "<h2>Value shipped over time</h2>",
            _figure_html(value_figure(project, plan), "value"),
            "<h2>Releases</h2>",
            _release_table(plan),
            "<h2>Features</h2>",
            _feature_table(project, plan),
        ]
        if unscheduled:
            sections += ["<h2>Unscheduled features</h2>",
                         f'<ul class="issues">{unscheduled}</ul>']
        sections += ["<h2>Schedule check</h2>",
                     _check_html(violations(project, plan.result))]
    if swept is not None:
        sections += _sweep_sections(swept)
    sections.append(
        f"<footer>Generated by plansat {_esc(__version__)}. "
        "Self-contained: opens offline, no external assets.</footer>"
    )
    return _page(title, sections, get_plotlyjs(), gantt=False)


def write_releases_html(
    project: Project,
    plan: ReleasePlan,
    path: str | Path,
    swept: ReleaseSweep | None = None,
) -> Path:
    """Write the self-contained HTML release page.

    Parameters
    ----------
    project
        The project that was planned (with the releases the plan used).
    plan
        Its release plan (:func:`plansat.analysis.releases.plan_releases`).
    path
        The ``.html`` file to write (overwritten).
    swept
        A sweep of one release's date, charted when given.

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
    text = render_releases_html(project, plan, swept)
    return write_file(path, text, "HTML release page")
