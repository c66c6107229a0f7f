"""The notebook views (``_repr_html_``) of plansat's main objects: a
summary table and a small inline chart each, built by
:mod:`plansat.charts.notebook.svg`.

The models call these lazily from their ``_repr_html_`` (models import
no charts), so a notebook shows a project, a result, a status or risk
report, a release plan or a time-cost curve by naming it in a cell.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from plansat.charts.notebook.svg import (
    Bar,
    columns_svg,
    figure,
    gantt_svg,
    line_svg,
    table_html,
)
from plansat.format import money, number

if TYPE_CHECKING:
    from plansat.models import Project, Result
    from plansat.models.delivery import ReleasePlan
    from plansat.models.risk import RiskReport
    from plansat.models.status import StatusReport
    from plansat.models.tradeoff import TradeoffCurve

__all__ = [
    "curve_html",
    "project_html",
    "release_html",
    "result_html",
    "risk_html",
    "status_html",
]


def _pairs(pairs: list[tuple[str, object]]) -> str:
    return table_html([(k, "–" if v is None else v) for k, v in pairs])


def project_html(project: Project) -> str:
    """The project's figures and its critical-path Gantt (earliest
    dates, no people: the solve places the people)."""
    from plansat.schedule.cpm import critical_path

    cpm = critical_path(project)
    summary = _pairs([
        ("start", project.start), ("deadline", project.deadline),
        ("tasks", len(project.tasks)), ("people", len(project.people)),
        ("pooled resources", len(project.resources)),
        ("critical-path duration", f"{cpm.duration} working days"),
        ("earliest finish", cpm.finish_date),
    ])
    bars = [Bar(t.name or t.id, t.es, t.ef, t.critical,
                tip=f"{t.id}: {t.start_date} – {t.finish_date}, "
                f"float {t.total_float}")
            for t in cpm.tasks]
    return figure(f"{project.name} (critical path, no people yet)",
                  summary, gantt_svg(bars))


def result_html(result: Result) -> str:
    """The solve's figures and the Gantt of its schedule."""
    summary = _pairs([
        ("status", result.status.value), ("objective", result.objective),
        ("makespan", None if result.makespan is None
         else f"{result.makespan} working days"),
        ("finish", result.finish_date),
        ("cost", money(result.cost.total) if result.tasks else None),
        ("gap", None if result.gap is None else f"{result.gap:.1%}"),
        ("runtime", f"{result.runtime:.2f} s"),
    ])
    note = "" if result.tasks else table_html(
        [(result.explanation or "no schedule",)])
    return figure("Result", summary, note, gantt_svg(_bars(result)))


def _bars(result: Result) -> list[Bar]:
    """A result's tasks as Gantt bars (no float: critical)."""
    return [Bar(t.name or t.id, t.start, t.finish, t.total_float == 0,
                tip=f"{t.id}: {t.start_date} – {t.finish_date}; "
                f"{', '.join(t.people) or 'no people'}")
            for t in result.tasks]


def _days(day: date, origin: date) -> float:
    return float((day - origin).days)


def status_html(report: StatusReport) -> str:
    """Progress, forecast and earned value, and the Gantt of the
    forecast (bars) over the baseline (thin grey lines)."""
    evm = report.evm
    summary = _pairs([
        ("status date", report.status_date),
        ("complete", f"{report.percent_complete:.0f} %"),
        ("baseline finish", report.baseline_finish),
        ("forecast finish", report.forecast_finish),
        ("slip", None if report.slip_days is None
         else f"{report.slip_days} working days"),
        ("SPI / CPI", f"{number(evm.spi)} / {number(evm.cpi)}"),
        ("EAC (re-plan / BAC÷CPI)",
         f"{money(evm.eac.replan)} / {money(evm.eac.cpi)}"),
    ])
    dated = [t for t in report.tasks
             if t.forecast_start is not None and t.forecast_finish
             is not None]
    if not dated:
        return figure(f"Status of {report.project or 'the project'}",
                      summary)
    origin = min(d for t in dated
                 for d in (t.forecast_start, t.baseline_start)
                 if d is not None)
    bars = []
    for t in dated:
        assert t.forecast_start is not None and t.forecast_finish
        behind = None
        if t.baseline_start is not None and t.baseline_finish is not None:
            behind = (_days(t.baseline_start, origin),
                      _days(t.baseline_finish, origin) + 1)
        bars.append(Bar(
            t.name or t.id, _days(t.forecast_start, origin),
            _days(t.forecast_finish, origin) + 1,
            (t.slip_days or 0) > 0, behind,
            tip=f"{t.id}: {t.state}, {t.percent_complete:.0f} % done, "
            f"slip {t.slip_days}"))
    return figure(f"Status of {report.project or 'the project'} on "
                  f"{report.status_date}", summary,
                  gantt_svg(bars, f"calendar days from {origin}"))


def risk_html(report: RiskReport) -> str:
    """The finish percentiles and the histogram of the finish, the P80
    marked."""
    f, d = report.finish, report.finish_dates
    summary = table_html(
        [("P10", f.p10, d.p10), ("P50", f.p50, d.p50),
         ("P80", f.p80, d.p80), ("P90", f.p90, d.p90),
         ("plan", report.plan_makespan, report.plan_finish_date)],
        header=("", "working days", "finish"))
    chance = ("" if report.deadline_probability is None else table_html(
        [("chance of meeting the deadline",
          f"{report.deadline_probability:.0%}")]))
    bins = [(str(b.days), float(b.count)) for b in report.histogram]
    days = [b.days for b in report.histogram]
    mark = (days.index(f.p80) if f.p80 in days else None)
    drivers = sorted(report.tasks, key=lambda t: -t.criticality)[:5]
    tasks = table_html(
        [(t.name or t.id, f"{t.criticality:.0%}", number(t.ssi))
         for t in drivers],
        header=("task", "critical in", "sensitivity (SSI)"))
    return figure(f"Risk: {report.iterations} samples", summary, chance,
                  columns_svg(bins, "samples by finish (working days)",
                              mark), tasks)


def release_html(plan: ReleasePlan) -> str:
    """Value shipped per release (table and cumulative columns)."""
    summary = _pairs([
        ("status", plan.status.value),
        ("value shipped", f"{number(plan.shipped_value)} of "
         f"{number(plan.total_value)}"),
        ("unscheduled features", len(plan.unscheduled)),
    ])
    rows = [(r.id, r.date, ", ".join(r.features) or "–", number(r.value),
             number(r.cumulative_value)) for r in plan.releases]
    table = table_html(rows, header=("release", "date", "features",
                                     "value", "cumulative"))
    cumulative = [(r.id, float(r.cumulative_value)) for r in plan.releases]
    return figure("Release plan", summary, table,
                  columns_svg(cumulative, "cumulative value by release"),
                  gantt_svg(_bars(plan.result)))


def curve_html(curve: TradeoffCurve) -> str:
    """The time-cost curve: total cost against duration, its points."""
    summary = _pairs([
        ("normal duration", f"{curve.normal_duration} working days"),
        ("shortest duration", f"{curve.shortest_duration} working days"),
        ("cheapest", None if curve.cheapest is None else
         f"{curve.cheapest.duration} days, "
         f"{money(curve.cheapest.total_cost)}"),
    ])
    points = [(float(p.duration), float(p.total_cost))
              for p in curve.points]
    rows = [(p.duration, p.finish_date, money(p.total_cost),
             p.status.value) for p in curve.points]
    return figure("Time-cost trade-off", summary,
                  line_svg(points, "working days", "total cost"),
                  table_html(rows, header=("days", "finish", "total cost",
                                           "status")))
