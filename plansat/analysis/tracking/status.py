"""The status report: progress against a baseline and the re-plan's
forecast.

:func:`status` compares a project's progress at its status date with a
baseline (a saved :class:`~plansat.models.Result`) and with the forecast of
the optimal least-change re-plan
(:func:`plansat.analysis.tracking.replan.replan`):
per task baseline, actual and forecast dates, state, slip and PV/EV/AC;
for the project its percent complete, finishes and slip, milestones, the
earned value and earned schedule block
(:func:`plansat.analysis.tracking.evm.evm`)
and warnings.

How the money is counted
------------------------
- **BAC** is the baseline's cost, time-phased by working day
  (:func:`plansat.analysis.tracking.evm.phase_baseline`); **PV** is what it
  plans before AT.
- A task's **budget** is its own work in the baseline (labour,
  resources, mode cost, crashing, overlap).  Percent complete of the
  project is Σ budget × fraction done / Σ budget (by baseline duration
  when no task has a cost), and **EV** = BAC × that share: the overhead
  is earned with the work it serves (apportioned effort), so EV = 0 with
  nothing done and EV = BAC with everything done.
- **AC** is each started task's ``actual_cost``, else its actual working
  days × rates (:func:`plansat.schedule.costs.work_cost`, as the re-plan
  prices it), plus ``overhead_per_day`` for each working day elapsed.
- Once every task is done the measures are taken at the actual finish
  (AT = the project's actual duration): SPI(t) = PD / actual duration,
  and the forecast is the actual finish (no re-plan needed).
"""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING

from plansat.analysis.tracking.actuals import (
    actual_cost,
    actual_span,
    at_status_date,
    check_baseline,
    done_fraction,
    percent_complete,
)
from plansat.analysis.tracking.evm import evm
from plansat.analysis.tracking.phasing import Phasing, phase_baseline
from plansat.models import Project, Result, TaskResult
from plansat.models.progress_rules import progress_warnings
from plansat.models.status import (
    MilestoneStatus,
    StatusReport,
    TaskStatus,
)
from plansat.schedule import costs

if TYPE_CHECKING:
    from plansat.options import SolveOptions

# actual_cost, at_status_date, check_baseline and percent_complete live
# in plansat.analysis.tracking.actuals and are re-exported here.
__all__ = [
    "actual_cost",
    "at_status_date",
    "check_baseline",
    "percent_complete",
    "replan_forecast",
    "status",
]

logger = logging.getLogger(__name__)


def _all_done(project: Project) -> bool:
    return all(t.progress is not None and t.progress.done
               for t in project.tasks)


def replan_forecast(
    project: Project,
    baseline: Result,
    options: SolveOptions | None = None,
) -> Result | None:
    """The re-plan that forecasts the rest of ``project`` (at its status
    date): :func:`plansat.analysis.tracking.replan.replan` with retained
    logic and least change; ``None`` once every task is done (the history
    is the whole story)."""
    if _all_done(project):
        return None
    from plansat.analysis.tracking.replan import replan

    return replan(project, baseline, options)


def status(
    project: Project,
    baseline: Result,
    status_date: date | None = None,
    *,
    options: SolveOptions | None = None,
    forecast: Result | None = None,
) -> StatusReport:
    """Progress of ``project`` at its status date against ``baseline``.

    Parameters
    ----------
    project
        A project with task ``progress`` and a ``status_date``.
    baseline
        The saved plan to compare with (``plansat solve --out``).
    status_date
        Overrides the project's status date.
    options
        How to solve the re-plan that gives the forecast
        (:class:`~plansat.options.SolveOptions`).
    forecast
        A re-plan already computed (:func:`plansat.analysis.tracking.replan.
        replan` of the same project and baseline); solved when not given
        (unless every task is done).

    Returns
    -------
    StatusReport
        Tasks, milestones, finishes, EVM and earned schedule, warnings.

    Raises
    ------
    ProjectError
        Without a status date, or with a baseline that is not a schedule
        of the project.
    """
    project = at_status_date(project, status_date)
    check_baseline(project, baseline)
    phasing = phase_baseline(baseline, project)
    if forecast is None:
        forecast = replan_forecast(project, baseline, options)
    rows = _task_rows(project, baseline, phasing, forecast)
    report = _report(project, baseline, phasing, forecast, rows)
    logger.info(
        "status on %s: %.1f%% complete, forecast finish %s (slip %s)",
        report.status_date, report.percent_complete,
        report.forecast_finish, report.slip_days,
    )
    return report


# -- per task --------------------------------------------------------------


def _task_row(
    project: Project,
    row: TaskResult,
    phasing: Phasing,
    planned: TaskResult | None,
) -> TaskStatus:
    """One task's status (``planned``: its row in the forecast)."""
    task = project.task(row.id)
    pr = task.progress
    at = project.time_now or 0
    fraction = pr.fraction_done(row.duration) if pr else 0.0
    out = TaskStatus(
        id=task.id, name=task.name, wbs=task.wbs, state="not_started",
        baseline_start=row.start_date, baseline_finish=row.finish_date,
        percent_complete=round(fraction * 100, 6),
        pv=round(phasing.task_pv(task.id, at), 6),
        ev=round(phasing.budget.get(task.id, 0.0) * fraction, 6),
        ac=round(actual_cost(project, task.id, row), 6),
        people=list(row.people),
    )
    finish: int | None = None
    if planned is not None:
        out.forecast_start, out.forecast_finish = (
            planned.start_date, planned.finish_date
        )
        out.people, finish = list(planned.people), planned.finish
    if pr is not None and pr.started:
        _, done_at = actual_span(project, task.id)
        out.state = "done" if pr.done else "in_progress"
        out.actual_start = out.forecast_start = pr.actual_start
        out.people = list(pr.people if pr.people is not None
                          else row.people)
        if pr.done and done_at is not None:
            out.actual_finish = out.forecast_finish = pr.actual_finish
            finish = done_at
    if finish is not None:
        out.slip_days = finish - row.finish
    return out


def _task_rows(
    project: Project,
    baseline: Result,
    phasing: Phasing,
    forecast: Result | None,
) -> list[TaskStatus]:
    base = {r.id: r for r in baseline.tasks}
    planned: dict[str, TaskResult] = {}
    if forecast is not None and forecast.status.has_solution:
        planned = {r.id: r for r in forecast.tasks}
    return [
        _task_row(project, base[t.id], phasing, planned.get(t.id))
        for t in project.tasks
    ]


# -- the project -----------------------------------------------------------


def _finish(
    project: Project, forecast: Result | None, rows: list[TaskStatus]
) -> tuple[int | None, date | None]:
    """The forecast makespan and finish date: the actual finish once
    every task is done, else the re-plan's (``None`` without one)."""
    if all(r.state == "done" for r in rows):
        spans = [actual_span(project, r.id) for r in rows]
        finish = max(f or 0 for _, f in spans)
        last = max(r.actual_finish for r in rows if r.actual_finish)
        return finish, last
    if forecast is None or not forecast.status.has_solution:
        return None, None
    return forecast.makespan, forecast.finish_date


def _milestones(
    project: Project, rows: list[TaskStatus]
) -> list[MilestoneStatus]:
    out = []
    for r in rows:
        task = project.task(r.id)
        if task.duration != 0:
            continue
        out.append(MilestoneStatus(
            id=r.id, name=r.name, state=r.state,
            baseline=r.baseline_start, forecast=r.forecast_start,
            slip_days=r.slip_days, deadline=task.deadline,
        ))
    return out


def _warnings(
    project: Project,
    baseline: Result,
    phasing: Phasing,
    forecast: Result | None,
    rows: list[TaskStatus],
) -> list[str]:
    at = project.time_now or 0
    out = list(progress_warnings(project))
    if abs(phasing.bac - baseline.cost.total) > 0.01:
        out.append(
            f"the baseline's cost {baseline.cost.total:,.2f} differs from "
            f"its cost at this project's prices {phasing.bac:,.2f} (was it "
            "solved for another version of the project?); EVM uses the "
            "latter"
        )
    base = {b.id: b for b in baseline.tasks}
    for t in project.tasks:
        why = t.progress.disagreement(base[t.id].duration) if (
            t.progress) else None
        if why:
            out.append(
                f"{t.id}: {why} (the baseline's duration): the earned "
                "value uses the percentage, the forecast the days left"
            )
    for r in rows:
        b = base[r.id]
        if r.state == "not_started" and b.start < at:
            out.append(
                f"{r.id} has not started; the baseline started it on "
                f"{b.start_date}"
            )
        elif r.state == "in_progress" and b.finish <= at:
            out.append(
                f"{r.id} is still in progress; the baseline finished it "
                f"on {b.finish_date}"
            )
    if forecast is not None and not forecast.status.has_solution:
        why = f": {forecast.explanation}" if forecast.explanation else ""
        out.append(
            f"the re-plan found no schedule ({forecast.status}){why}; the "
            "forecast finish is unknown"
        )
    if forecast is not None and forecast.replan is not None:
        out += forecast.replan.warnings
    return list(dict.fromkeys(out))


def _report(
    project: Project,
    baseline: Result,
    phasing: Phasing,
    forecast: Result | None,
    rows: list[TaskStatus],
) -> StatusReport:
    at = project.time_now or 0
    assert project.status_date is not None
    fraction = done_fraction(project, baseline, phasing)
    finish, finish_date = _finish(project, forecast, rows)
    all_done = all(r.state == "done" for r in rows)
    at_es = finish if all_done and finish is not None else at
    ac = sum(r.ac for r in rows) + costs.overhead(project, at_es)
    eac = None
    if all_done:
        eac = ac
    elif forecast is not None and forecast.status.has_solution:
        eac = forecast.cost.total
    block = evm(
        phasing.curve, phasing.bac * fraction, ac, at_es, eac_replan=eac
    )
    pd = baseline.makespan
    return StatusReport(
        project=project.name,
        status_date=project.status_date,
        time_now=at,
        percent_complete=round(fraction * 100, 6),
        baseline_finish=baseline.finish_date,
        forecast_finish=finish_date,
        slip_days=None if finish is None or pd is None else finish - pd,
        baseline_makespan=pd,
        forecast_makespan=finish,
        evm=block,
        tasks=rows,
        milestones=_milestones(project, rows),
        warnings=_warnings(project, baseline, phasing, forecast, rows),
    )
