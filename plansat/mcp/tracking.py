"""The work behind ``track_progress``: record progress as the project's
next revision (and a snapshot), then report the status against the
baseline with the re-plan's forecast, a status label derived from the
numbers and, with predictions, the Monte Carlo outlook.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from plansat.analysis.tracking.status import status
from plansat.format import percent
from plansat.mcp import views
from plansat.mcp.events import revealed
from plansat.mcp.inputs import ProgressInput
from plansat.mcp.plans import (
    PendingBaseline,
    baseline_for,
    latest_baseline,
    options,
    pending_baseline,
    risk_report,
    save_plan,
    solve_plan,
)
from plansat.mcp.runtime import AppState, Reporter
from plansat.mcp.schemas import (
    KeyMetrics,
    RiskOutlook,
    StatusLabel,
    TrackResult,
)
from plansat.models import Project, ProjectError, Result
from plansat.models.status import StatusReport
from plansat.options import SolveOptions
from plansat.store import NewMessage, ProjectRecord, SnapshotRecord

__all__ = ["AT_RISK_PROBABILITY", "AT_RISK_SPI_T", "label", "record",
           "track"]

log = logging.getLogger(__name__)

#: Below this chance of meeting the deadline a project is at risk.
AT_RISK_PROBABILITY = 0.8
#: Below this SPI(t) (earned schedule) a project is at risk.
AT_RISK_SPI_T = 0.95


def record(
    state: AppState, current: ProjectRecord, progress: ProgressInput,
    pending: PendingBaseline | None = None,
    messages: Sequence[NewMessage] = (),
) -> tuple[ProjectRecord, SnapshotRecord]:
    """Store ``progress`` as the project's next revision (its status date
    and the given tasks' progress) and as a snapshot with ``messages``
    (what the progress reveals), with the ``pending`` baseline first:
    all in one transaction (:meth:`plansat.store.Store.atomic`).

    Raises
    ------
    ProjectError
        For an unknown task or progress that breaks a rule (with its
        JSON path); nothing is stored then.
    Conflict
        When another call changed the project since ``current`` was
        read; nothing is stored then either.
    """
    project = with_progress(current, progress)
    with state.store.atomic():
        if pending is not None:
            pending.save(state.store)
        updated = state.store.update_project(current.id, project,
                                             current.revision)
        snapshot = state.store.add_snapshot(current.id, project,
                                            messages=messages)
    return updated, snapshot


def with_progress(current: ProjectRecord, progress: ProgressInput) -> Project:
    """The project of ``current`` with ``progress`` recorded, validated
    (nothing is stored).

    Raises
    ------
    ProjectError
        For an unknown task or progress that breaks a rule.
    """
    data = current.project.model_dump(mode="json", exclude_defaults=True)
    ids = {t["id"] for t in data["tasks"]}
    unknown = sorted(set(progress.tasks) - ids)
    if unknown:
        raise ProjectError([f"progress.tasks.{tid}: no such task in the "
                            "project" for tid in unknown])
    data["status_date"] = progress.status_date.isoformat()
    for task in data["tasks"]:
        given = progress.tasks.get(task["id"])
        if given is not None:
            task["progress"] = given.model_dump(mode="json",
                                                exclude_none=True)
    return Project.from_data(data)


def _all_done(project: Project) -> bool:
    return all(t.progress is not None and t.progress.done
               for t in project.tasks)


def label(
    report: StatusReport, forecast: Result | None,
    predictions: RiskOutlook | None,
) -> tuple[StatusLabel, str]:
    """The status label and the numbers behind it."""
    if all(t.state == "done" for t in report.tasks):
        return "complete", f"every task is done ({report.forecast_finish})"
    if forecast is None or not forecast.status.has_solution:
        why = forecast.explanation if forecast else None
        return "off_track", ("no schedule can finish the remaining work"
                             + (f": {why}" if why else ""))
    slip = report.slip_days or 0
    if slip > 0:
        return "behind", (f"forecast finish {report.forecast_finish} is "
                          f"{slip} working days after the baseline's "
                          f"{report.baseline_finish}")
    if (predictions is not None
            and predictions.deadline_probability is not None
            and predictions.deadline_probability < AT_RISK_PROBABILITY):
        chance = percent(predictions.deadline_probability, 0)
        return "at_risk", (f"{chance} chance of meeting the deadline "
                           f"{predictions.deadline}")
    spi_t = report.evm.spi_t
    if spi_t is not None and spi_t < AT_RISK_SPI_T:
        return "at_risk", (f"SPI(t) {spi_t:.2f}: the work done is behind "
                           "the baseline's schedule")
    return "on_track", (f"forecast finish {report.forecast_finish}, "
                        f"{-slip} working days of margin on the baseline")


def _metrics(report: StatusReport) -> KeyMetrics:
    e = report.evm
    eac = e.eac.replan if e.eac.replan is not None else e.eac.cpi
    return KeyMetrics(bac=e.bac, pv=e.pv, ev=e.ev, ac=e.ac, spi=e.spi,
                      cpi=e.cpi, spi_t=e.spi_t, eac=eac, vac=e.vac)


def track(
    state: AppState,
    reporter: Reporter,
    project_id: str,
    include_predictions: bool,
    detailed_metrics: bool,
    progress: ProgressInput | None,
    time_limit: float,
) -> TrackResult:
    """Record ``progress`` (if any) and report the status."""
    store = state.store
    current = store.get_project(project_id)
    if progress is not None:
        state.limits.check_size("progress", progress.model_dump(mode="json"))
    opts = options("time", state.limits.time_limit(time_limit),
                   state.limits.workers)
    snapshot = None
    base = latest_baseline(store, project_id)
    forecast: tuple[Result, str] | None = None
    if progress is not None:
        project = with_progress(current, progress)  # refused before a solve
        pending = None if base is not None else pending_baseline(
            store, current, opts, reporter)
        against = base.result if base is not None else (
            pending.result if pending is not None else None)
        if not _all_done(project):
            forecast = solve_plan(project, opts, reporter, against)
        found = revealed(state, current, project,
                         forecast[0] if forecast else None, against,
                         reporter)
        current, snapshot = record(state, current, progress, pending,
                                   found)
        base = base or latest_baseline(store, project_id)
    if base is None:
        base = baseline_for(store, current, opts, reporter)
    assert base is not None
    project = current.project
    out = TrackResult(
        project_id=project_id, message="", revision=current.revision,
        recorded=snapshot is not None,
        snapshot_id=snapshot.id if snapshot else None,
        baseline=base.number, status_date=project.status_date,
        status_label="not_started", status_reason="",
        baseline_finish=base.result.finish_date,
        baseline_makespan=base.result.makespan,
    )
    if project.status_date is None:
        _not_started(out, project, base.result, reporter,
                     include_predictions)
    else:
        _report(out, state, current, base.result, opts, reporter,
                include_predictions, detailed_metrics, forecast)
    out.message = _message(out)
    return out


def _not_started(
    out: TrackResult, project: Project, baseline: Result,
    reporter: Reporter, include_predictions: bool,
) -> None:
    """No progress recorded: the baseline is the forecast."""
    out.forecast_finish = baseline.finish_date
    out.forecast_makespan = baseline.makespan
    out.slip_days = 0
    out.status_reason = ("no progress recorded yet (give progress with a "
                         "status_date); the baseline finishes on "
                         f"{baseline.finish_date}")
    if include_predictions:
        risk = risk_report(project, baseline, reporter)
        out.predictions = views.outlook(risk) if risk else None


def _report(
    out: TrackResult, state: AppState, current: ProjectRecord,
    baseline: Result, opts: SolveOptions, reporter: Reporter,
    include_predictions: bool, detailed_metrics: bool,
    solved: tuple[Result, str] | None = None,
) -> None:
    """Status against the baseline with the re-plan's forecast
    (``solved``: computed already, with its kind)."""
    project = current.project
    forecast = None
    if not _all_done(project):
        forecast, kind = solved or solve_plan(project, opts, reporter,
                                              baseline)
        plan, _ = save_plan(state.store, current, forecast, kind,
                            {"tool": "track_progress",
                             "time_limit": opts.time_limit})
        out.plan_id = plan.id if plan else None
    report = status(project, baseline, forecast=forecast, options=opts)
    if include_predictions and forecast is not None:
        risk = risk_report(project, forecast, reporter)
        out.predictions = views.outlook(risk) if risk else None
    out.status_label, out.status_reason = label(report, forecast,
                                                out.predictions)
    out.percent_complete = report.percent_complete
    out.forecast_finish = report.forecast_finish
    out.slip_days = report.slip_days
    out.forecast_makespan = report.forecast_makespan
    out.metrics = _metrics(report)
    out.late_tasks = [t.id for t in report.tasks if (t.slip_days or 0) > 0]
    out.milestones = report.milestones
    out.warnings = report.warnings
    if detailed_metrics:
        out.evm = report.evm
        out.tasks = report.tasks


def _message(out: TrackResult) -> str:
    when = f" on {out.status_date}" if out.status_date else ""
    text = (f"{out.status_label}{when}: {out.percent_complete:.1f}% "
            f"complete; forecast finish {out.forecast_finish}")
    if out.slip_days is not None:
        text += (f" ({out.slip_days:+d} working days against baseline "
                 f"{out.baseline} finishing {out.baseline_finish})")
    p = out.predictions
    if p is not None:
        text += f"; P50 {p.p50_date}, P80 {p.p80_date}"
        if p.deadline_probability is not None:
            text += (f", {percent(p.deadline_probability, 0)} chance of "
                     f"meeting the deadline {p.deadline}")
    if out.recorded:
        text += f"; progress recorded as revision {out.revision}"
    return text + f". {out.status_reason}"
