"""The self-contained HTML portfolio page (``plansat portfolio solve
--html``): summary cards, one Gantt with a lane per project, people's
load across projects (overloads marked), the sharing-cost table and the
independent checker's verdict across projects.  plotly is imported only
when the page is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from plansat import __version__
from plansat import format as fmt
from plansat.charts.blocks import card, check_html, esc, figure_html, page
from plansat.charts.blocks import table as html_table
from plansat.charts.theme import apply_layout, span_ms
from plansat.check.portfolio import portfolio_violations
from plansat.models import Project
from plansat.models.portfolio_report import PortfolioPlan

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = ["render_portfolio_html", "write_portfolio_html"]

#: Colours of the projects' lanes, in turn.
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b",
           "#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#d62728")


def _cards(plan: PortfolioPlan) -> str:
    cards = [
        card("Status", esc(plan.status.value), f"status-{plan.status}"),
        card(f"Objective ({plan.objective})",
             esc(fmt.number(plan.objective_value))),
        card("Proven bound", esc(fmt.number(plan.bound))),
        card("Priority-order heuristic",
             esc(fmt.number(plan.heuristic.objective_value))),
        card("Projects", str(len(plan.projects))),
        card("Last finish", esc(fmt.iso(plan.finish_date))),
        card("Solve time", f"{plan.runtime:.2f} s"),
    ]
    return f'<div class="cards">{"".join(cards)}</div>'


def gantt_figure(plan: PortfolioPlan) -> go.Figure:
    """One lane per project, a bar per task (hover: id, dates, people)."""
    import plotly.graph_objects as go

    fig = go.Figure()
    for k, p in enumerate(plan.projects):
        tasks = [t for t in p.result.tasks if t.finish > t.start]
        fig.add_trace(go.Bar(
            name=p.name, orientation="h", y=[p.name] * len(tasks),
            base=[t.start_date.isoformat() for t in tasks],
            x=[span_ms(t.start_date, t.finish_date + timedelta(days=1))
               for t in tasks],
            marker={"color": PALETTE[k % len(PALETTE)],
                    "line": {"color": "white", "width": 1}},
            opacity=0.75,
            text=[t.id for t in tasks], textposition="inside",
            hovertext=[f"{p.name} {t.id} {t.name or ''}<br>"
                       f"{t.start_date} – {t.finish_date}<br>"
                       f"{', '.join(t.people)}" for t in tasks],
            hoverinfo="text",
        ))
    fig.update_xaxes(type="date")
    fig.update_yaxes(autorange="reversed")
    apply_layout(fig, 120 + 60 * len(plan.projects), barmode="overlay")
    return fig


def load_figure(plan: PortfolioPlan) -> go.Figure:
    """Busy days per person, stacked by project."""
    import plotly.graph_objects as go

    fig = go.Figure()
    people = [row.person for row in plan.people]
    for k, p in enumerate(plan.projects):
        fig.add_trace(go.Bar(
            name=p.name, x=people,
            y=[row.projects.get(p.name, 0) for row in plan.people],
            marker={"color": PALETTE[k % len(PALETTE)]}))
    apply_layout(fig, 380, barmode="stack")
    fig.update_yaxes(title_text="busy days")
    return fig


def _project_table(plan: PortfolioPlan) -> str:
    rows = [
        (p.name, fmt.number(p.weight), str(p.priority or fmt.DASH),
         fmt.iso(p.deadline), str(p.makespan), fmt.iso(p.finish_date),
         str(p.standalone_makespan), str(p.sharing_cost_days),
         ", ".join(p.limited_by) or fmt.DASH)
        for p in plan.projects
    ]
    head = ("project", "weight", "priority", "deadline", "makespan",
            "finish", "alone", "sharing cost (days)", "limited by")
    return html_table(head, rows, {1, 4, 6, 7},
                      [bool(p.sharing_cost_days) for p in plan.projects])


def _people_table(plan: PortfolioPlan) -> str:
    rows = [
        (r.person, fmt.number(r.busy_days), fmt.number(r.available_days),
         f"{r.load:.0%}", ", ".join(f"{k} {fmt.number(v)}"
                                    for k, v in r.projects.items()),
         ", ".join(d.isoformat() for d in r.overloaded) or fmt.DASH)
        for r in plan.people
    ]
    head = ("person", "busy days", "available days", "load", "by project",
            "overloaded on")
    return html_table(head, rows, {1, 2, 3},
                      [bool(r.overloaded) for r in plan.people])


def render_portfolio_html(plan: PortfolioPlan,
                          projects: Sequence[Project]) -> str:
    """The portfolio page as a string; ``projects`` are the projects as
    the portfolio planned them (for the checker)."""
    try:
        from plotly.offline import get_plotlyjs
    except ImportError as exc:  # pragma: no cover - depends on the env
        raise ImportError("the HTML portfolio page needs plotly: pip "
                          "install 'plansat[report]'") from exc
    title = f"{plan.name} — portfolio plan"
    sections = [f"<h1>{esc(title)}</h1>", _cards(plan)]
    if not plan.status.has_solution:
        sections.append(f'<p class="bad">{esc(plan.status.value)}: '
                        f"{esc(plan.explanation or '')}</p>")
        sections += [f"<li>{esc(c)}</li>" for c in plan.conflicts]
    else:
        pairs = [(p, o.result) for p, o in zip(projects, plan.projects,
                                                strict=True)]
        sections += [
            "<h2>Projects</h2>",
            figure_html(gantt_figure(plan), "portfolio-gantt"),
            "<h2>Sharing cost</h2>",
            '<p class="note">Each project\'s makespan against its plan '
            "alone; highlighted: the sharing costs it days, and the people "
            "named work on other projects while it runs.</p>",
            _project_table(plan),
            "<h2>People across projects</h2>",
            figure_html(load_figure(plan), "portfolio-load"),
            _people_table(plan),
            "<h2>Schedule check</h2>",
            check_html(portfolio_violations(pairs)),
        ]
    sections.append(f"<footer>Generated by plansat {esc(__version__)}. "
                    "Self-contained: opens offline.</footer>")
    return page(title, sections, get_plotlyjs(), gantt=False)


def write_portfolio_html(plan: PortfolioPlan, projects: Sequence[Project],
                         path: str | Path) -> Path:
    """Write the portfolio page to ``path`` (overwritten) and return
    it."""
    path = Path(path)
    path.write_text(render_portfolio_html(plan, projects),
                    encoding="utf-8")
    return path
