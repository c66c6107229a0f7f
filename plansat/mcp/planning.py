"""The work behind ``create_project`` and ``generate_timeline``.

Each function runs in a tool's worker thread with the server's
:class:`~plansat.mcp.runtime.AppState` and returns the tool's result
model.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import Any

from plansat.format import money
from plansat.mcp import views
from plansat.mcp.plans import (
    has_uncertainty,
    latest_baseline,
    options,
    risk_report,
    save_plan,
    solve_plan,
)
from plansat.mcp.runtime import AppState, Reporter
from plansat.mcp.schemas import (
    Commitment,
    CreateProjectResult,
    Focus,
    TimelineResult,
)
from plansat.models import Project
from plansat.models.result import Objective

__all__ = ["FOCUS", "create", "skeleton", "timeline"]

log = logging.getLogger(__name__)

#: The objective behind each optimisation focus.
FOCUS: dict[str, Objective] = {
    "time": "time", "cost": "cost", "resources": "balance", "risk": "time",
}

#: The skeleton's only task, until real ones are added.
KICKOFF = {"id": "kickoff", "name": "Kick-off", "duration": 0}


def skeleton(name: str, duration_weeks: int, today: date) -> dict[str, Any]:
    """A project with nothing but a kick-off milestone: it starts on the
    first working day (Mon-Fri) on or after ``today`` and is due
    ``duration_weeks`` weeks later."""
    start = today
    while start.weekday() >= 5:
        start += timedelta(days=1)
    return {
        "name": name, "start": start.isoformat(),
        "deadline": (start + timedelta(weeks=duration_weeks, days=-1))
        .isoformat(),
        "tasks": [dict(KICKOFF)],
    }


def create(
    state: AppState,
    name: str,
    description: str,
    team_size: int,
    duration_weeks: int,
    project: dict[str, Any] | None,
    today: date | None = None,
) -> CreateProjectResult:
    """Validate and store a project (or a skeleton without one)."""
    state.limits.check_size("project", project)
    missing: list[str] = []
    if project is None:
        data = skeleton(name, duration_weeks, today or date.today())
        missing = [
            "tasks: only a kick-off milestone; add them with assign_tasks "
            "or update_project",
            f"people: none yet (a team of {team_size} expected); add them "
            "with update_project",
        ]
    else:
        data = dict(project)
        data.setdefault("name", name)
    built = Project.from_data(data)
    state.limits.check_counts(tasks=len(built.tasks),
                              people=len(built.people))
    if project is not None and not built.people:
        missing.append("people: none (tasks are scheduled on their links "
                       "alone); add them with update_project")
    record = state.store.create_project(built, description=description)
    info = views.project_info(record.id, built, record.revision,
                              description, missing)
    text = (f"created {record.id} (revision 1): {len(built.tasks)} tasks, "
            f"{len(built.people)} people; critical path "
            f"{info.cpm_duration} working days (links only), earliest "
            f"finish {info.cpm_finish}")
    if project is None:
        text += (f"; due {built.deadline}; tasks and people are still "
                 "missing")
    return CreateProjectResult(project_id=record.id, message=text,
                               revision=record.revision, summary=info)


def timeline(
    state: AppState,
    reporter: Reporter,
    project_id: str,
    focus: Focus,
    include_buffer: bool,
    time_limit: float,
    commitment: Commitment = "p80",
) -> TimelineResult:
    """Solve (or re-plan) the project for ``focus``, store the plan and
    describe it; the Monte Carlo buffer when asked for."""
    store = state.store
    record = store.get_project(project_id)
    project = record.project
    state.limits.check_counts(tasks=len(project.tasks),
                              people=len(project.people))
    opts = options(FOCUS[focus], state.limits.time_limit(time_limit),
                   state.limits.workers)
    base = (latest_baseline(store, project_id)
            if project.status_date is not None else None)
    result, kind = solve_plan(project, opts, reporter,
                              base.result if base else None)
    plan, found = save_plan(store, record, result, kind, {
        "tool": "generate_timeline", "optimization_focus": focus,
        "include_buffer": include_buffer, "time_limit": opts.time_limit,
        "commitment": commitment,
    })
    risk = None
    if result.status.has_solution and (
            focus == "risk" or (include_buffer and has_uncertainty(project))):
        risk = risk_report(project, result, reporter)
    level = commitment if risk and include_buffer else None
    days = 0
    if risk is not None and level is not None and result.makespan:
        # the committed finish is the P-level itself (never the plan's
        # finish plus a P80 - P50 spread: the plan may be optimistic)
        days = max(getattr(risk.finish, level) - result.makespan, 0)
    buffer = views.buffer_task(project, result, days, level)
    rows = views.schedule_rows(project, result)
    path, why = views.critical_path(project, result)
    out = TimelineResult(
        project_id=project_id, message="", revision=record.revision,
        plan_id=plan.id if plan else None, optimization_focus=focus,
        objective=opts.objective, status=result.status,
        objective_value=result.objective_value, bound=result.bound,
        gap=result.gap, makespan=result.makespan, start_date=project.start,
        finish_date=result.finish_date,
        committed_finish=buffer.finish_date if buffer else result.finish_date,
        commitment_level=level.upper() if level else None,
        deadline=project.deadline,
        critical_path=path, critical_path_start=why, schedule=rows,
        buffer=buffer,
        risk=views.outlook(risk) if risk else None, cost=result.cost,
        milestones=views.milestones(project, result, buffer),
        gantt=views.gantt(project, rows, buffer),
        explanation=result.explanation, conflicts=list(result.conflicts),
        violations=found, runtime=result.runtime,
    )
    deadline = next((m for m in out.milestones if m.kind == "deadline"),
                    None)
    if deadline is not None and deadline.slack_days is not None:
        out.deadline_met = deadline.slack_days >= 0
    out.message = _timeline_message(out)
    return out


def _timeline_message(out: TimelineResult) -> str:
    if out.makespan is None:
        return (f"{out.status}: no schedule for {out.optimization_focus}: "
                f"{out.explanation or 'no reason given'}")
    held = out.critical_path_start or ""
    held = "" if "the project starts" in held else f" (held by {held})"
    text = (f"{out.status} {out.optimization_focus} plan: {out.makespan} "
            f"working days, {out.start_date} to {out.finish_date}; "
            f"critical path {'-'.join(out.critical_path)}{held}; cost "
            f"{money(out.cost.total)}")
    if out.gap:
        text += f"; gap {out.gap:.1%} to the proven bound"
    if out.commitment_level is not None:
        text += (f"; committed finish {out.committed_finish} "
                 f"({out.commitment_level}: that share of the Monte Carlo "
                 f"samples finish by then; buffer "
                 f"{out.buffer.duration if out.buffer else 0} days)")
    if out.risk is not None and out.risk.deadline_probability is not None:
        text += (f"; {out.risk.deadline_probability:.0%} chance to meet "
                 f"the deadline {out.risk.deadline}")
    if out.deadline_met is False:
        text += f"; the committed finish misses the deadline {out.deadline}"
    return text
