"""The schedule-risk page: one self-contained HTML file.

Summary cards, the finish distribution (histogram + S-curve with the
P50, the P80 and the deadline marked, the critical-path-only curve
beside it), the percentiles in days and dates, a tornado chart of the
most sensitive tasks, and the task, people, risk-event and re-plan
tables.  plotly.js is embedded (no CDN) and the look is
:mod:`plansat.charts.theme`'s, as in the schedule report.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from plansat import __version__
from plansat import format as fmt
from plansat.charts.blocks import card, esc, page
from plansat.charts.blocks import esc as _esc
from plansat.charts.blocks import figure_html as _figure_html
from plansat.charts.blocks import table as _table
from plansat.charts.output import write_file
from plansat.charts.risk.figures import (
    finish_figure,
    tornado_figure,
    tornado_rows,
)
from plansat.models import Project
from plansat.models.risk import PERCENTILES, RiskReport

if TYPE_CHECKING:
    pass

__all__ = ["render_risk_html", "write_risk_html"]



def _card(key: str, value: str) -> str:
    return card(key, esc(value))


def _cards(report: RiskReport) -> str:
    d = report.finish_dates
    cards = [
        _card("Samples", fmt.number(report.iterations)),
        _card("Plan finish", fmt.iso(report.plan_finish_date)),
        _card("P50", fmt.iso(d.p50)),
        _card("P80", fmt.iso(d.p80)),
        _card("P95", fmt.iso(d.p95)),
        _card("CPM-only P80", fmt.iso(report.cpm_only.finish_dates.p80)),
    ]
    if report.deadline is not None:
        cards.append(_card(f"By {fmt.iso(report.deadline)}",
                           fmt.percent(report.deadline_probability)))
    return f'<div class="cards">{"".join(cards)}</div>'


def _percentile_table(report: RiskReport) -> str:
    plan, cpm = report, report.cpm_only
    rows = [
        [k.upper(), str(getattr(plan.finish, k)),
         fmt.iso(getattr(plan.finish_dates, k)), str(getattr(cpm.finish, k)),
         fmt.iso(getattr(cpm.finish_dates, k))]
        for k in PERCENTILES
    ]
    rows.append(["mean ± std",
                 f"{plan.finish.mean:.1f} ± {plan.finish.std:.1f}", "",
                 f"{cpm.finish.mean:.1f} ± {cpm.finish.std:.1f}", ""])
    if report.deadline is not None:
        rows.append([f"by {fmt.iso(report.deadline)}",
                     fmt.percent(plan.deadline_probability), "",
                     fmt.percent(cpm.deadline_probability), ""])
    return _table(["", "plan: days", "plan: date", "CPM only: days",
                   "CPM only: date"], rows, {1, 3})


def _task_table(report: RiskReport) -> str:
    tasks = sorted(report.tasks, key=lambda t: (-t.criticality, -t.ssi))
    deadlines = any(t.deadline is not None for t in tasks)
    head = ["id", "name", "criticality", "CPM only", "cruciality", "SSI",
            "mean days", "std days"] + (["deadline", "met"] if deadlines
                                        else [])
    rows = []
    for t in tasks:
        row = [t.id, t.name or "", fmt.percent(t.criticality),
               fmt.percent(t.cpm_criticality), f"{t.cruciality:.2f}",
               f"{t.ssi:.2f}", f"{t.duration_mean:.1f}",
               f"{t.duration_std:.1f}"]
        if deadlines:
            row += [fmt.iso(t.deadline), fmt.percent(t.deadline_probability)]
        rows.append(row)
    numeric = {2, 3, 4, 5, 6, 7, 9}
    return _table(head, rows, numeric,
                  [t.criticality >= 0.5 for t in tasks])


def _extra_sections(report: RiskReport) -> list[str]:
    """People, risk events, re-plan and warnings."""
    out = []
    if report.people:
        people = sorted(report.people, key=lambda p: -p.criticality)
        out += ["<h2>People on the critical chain</h2>", _table(
            ["person", "name", "criticality"],
            [[p.id, p.name or "", fmt.percent(p.criticality)]
             for p in people], {2})]
    if report.risks:
        out += ["<h2>Risk events</h2>", _table(
            ["id", "name", "probability", "struck", "impact (days)"],
            [[r.id, r.name or "", fmt.percent(r.probability),
              fmt.percent(r.occurred),
              fmt.DASH if r.impact is None else f"{r.impact:+.1f}"]
             for r in report.risks], {2, 3, 4})]
    rp = report.replan
    if rp is not None:
        out += ["<h2>Re-planning</h2>", (
            f'<p class="note">{rp.solved} of {rp.samples} samples '
            f"re-solved with CP-SAT ({rp.time_limit:g} s each): mean "
            f"{fmt.number(rp.replan_mean)} working days against "
            f"{fmt.number(rp.plan_mean)} following the plan, "
            f"{fmt.number(rp.recovered_mean)} days recovered; the "
            f"checker faulted {rp.violations}.</p>")]
    if report.warnings:
        items = "".join(f"<li>{_esc(w)}</li>" for w in report.warnings)
        out += ["<h2>Warnings</h2>", f'<ul class="issues">{items}</ul>']
    return out


def _method(report: RiskReport) -> str:
    return (
        f'<p class="note">{report.iterations:,} samples, seed '
        f"{report.seed}, {report.distribution} durations rounded half up "
        f"to whole days, WBS rank correlation {report.correlation:g}. "
        "Each sample follows the plan: its people, each person's and "
        "resource's task order, vacations; the critical-path-only "
        "simulation uses the same samples on the links alone. pXX is the "
        "smallest finish reached by at least XX % of the samples; the "
        f"P80's standard error is {report.p80_se:.2f} working days "
        f"({_esc(report.p80_se_method)}).</p>"
    )


def render_risk_html(
    project: Project, report: RiskReport, title: str | None = None
) -> str:
    """The risk page as a string (see :func:`write_risk_html`)."""
    try:
        from plotly.offline import get_plotlyjs
    except ImportError as exc:  # pragma: no cover - depends on the env
        raise ImportError(
            "the HTML page needs plotly: pip install 'plansat[report]'"
        ) from exc
    title = title or f"{project.name} — schedule risk"
    rows = tornado_rows(report)
    sections = [
        f"<h1>{_esc(title)}</h1>",
        f'<p class="lead">When will <b>{_esc(project.name)}</b> finish? '
        f"The plan says {_esc(fmt.iso(report.plan_finish_date))} "
        f"({report.plan_makespan} working days).</p>",
        _cards(report),
        "<h2>Finish distribution</h2>",
        '<p class="note">Bars: share of samples finishing on each date. '
        "Lines: probability of finishing by a date, on the plan (solid) "
        "and on the critical path alone (dashed), which ignores people "
        "and resources.</p>",
        _figure_html(finish_figure(project, report), "finish"),
        _percentile_table(report),
        _method(report),
    ]
    if rows:
        sections += [
            "<h2>Most sensitive tasks</h2>",
            '<p class="note">Cruciality: rank correlation of a task\'s '
            "duration with the project finish; red bars are critical in "
            "at least half of the samples.</p>",
            _figure_html(tornado_figure(rows), "tornado"),
        ]
    sections += ["<h2>Tasks</h2>", _task_table(report)]
    sections += _extra_sections(report)
    sections.append(f"<footer>Generated by plansat {_esc(__version__)}. "
                    "Self-contained: opens offline.</footer>")
    return page(title, sections, get_plotlyjs(), gantt=False)


def write_risk_html(
    project: Project, report: RiskReport, path: str | Path,
    title: str | None = None,
) -> Path:
    """Write the self-contained risk page of ``report`` to ``path``.

    Parameters
    ----------
    project
        The simulated project.
    report
        From :func:`plansat.analysis.risk.simulation.simulate`.
    path
        The ``.html`` file (overwritten).
    title
        Page title (default: ``"<project> — schedule risk"``).

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    OSError
        When the file can't be written.
    ImportError
        When plotly is not installed.
    """
    text = render_risk_html(project, report, title)
    return write_file(path, text, "risk page")
