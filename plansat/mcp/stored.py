"""The work on stored projects beyond the six standard tools: reading
and patching them, baselines, the re-plan, what-if, releases, the crash
curve and the checker (registered in :mod:`plansat.mcp.stored_tools`).
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from pydantic import ValidationError

from plansat.analysis.impact.changes import AddPerson, Change, parse_all
from plansat.analysis.impact.what_if import what_if as impact_of
from plansat.analysis.releases import plan_releases
from plansat.analysis.tracking.replan import replan
from plansat.analysis.tradeoff import tradeoff
from plansat.check import violations
from plansat.format import money
from plansat.mcp import views
from plansat.mcp.patching import apply_patch
from plansat.mcp.plans import (
    current_plan,
    latest_baseline,
    options,
    save_plan,
    solve_plan,
)
from plansat.mcp.runtime import AppState, Reporter
from plansat.mcp.stored_schemas import (
    BaselineResult,
    BaselineRow,
    CheckResult,
    CrashResult,
    GetProjectResult,
    ListProjectsResult,
    PlanRow,
    ProjectRow,
    ReleasesResult,
    ReplanResult,
    RevisionRow,
    UpdateProjectResult,
    WhatIfResult,
)
from plansat.models import Project, ProjectError, Result
from plansat.models.result import Logic, Objective, Stability
from plansat.store import BaselineRecord, PlanRecord

__all__ = [
    "baseline",
    "check",
    "crash",
    "get",
    "listing",
    "releases",
    "replan_project",
    "update",
    "whatif",
]

log = logging.getLogger(__name__)


def listing(state: AppState, reporter: Reporter) -> ListProjectsResult:
    """Every stored project."""
    rows = [ProjectRow(id=p.id, name=p.name, description=p.description,
                       revision=p.revision, updated=p.updated)
            for p in state.store.list_projects()]
    return ListProjectsResult(
        message=f"{len(rows)} project(s) in the store", projects=rows)


def _baseline_row(b: BaselineRecord) -> BaselineRow:
    r = b.result
    return BaselineRow(number=b.number, revision=b.revision,
                       created=b.created, status=r.status,
                       makespan=r.makespan, finish_date=r.finish_date,
                       cost=r.cost.total, note=b.note)


def _plan_row(p: PlanRecord, revision: int) -> PlanRow:
    r = p.result
    return PlanRow(id=p.id, kind=p.kind, revision=p.revision,
                   current=p.revision == revision, created=p.created,
                   status=r.status, objective=r.objective,
                   makespan=r.makespan, finish_date=r.finish_date,
                   cost=r.cost.total)


def get(state: AppState, reporter: Reporter, project_id: str,
        revision: int | None) -> GetProjectResult:
    """A project (at ``revision``) with its baselines and latest plan."""
    store = state.store
    record = store.get_project(project_id, revision)
    current = store.get_project(project_id).revision
    plan = store.latest_plan(project_id)
    return GetProjectResult(
        project_id=project_id, revision=record.revision,
        message=(f"{record.name}: revision {record.revision} of "
                 f"{current}, {len(record.project.tasks)} tasks"),
        summary=views.project_info(project_id, record.project,
                                   record.revision, record.description),
        project=record.project.model_dump(mode="json",
                                          exclude_defaults=True),
        revisions=current,
        history=[RevisionRow(revision=h.revision, created=h.created,
                             name=h.name, author=h.author)
                 for h in store.list_revisions(project_id)],
        baselines=[_baseline_row(b) for b in store.list_baselines(
            project_id)],
        latest_plan=_plan_row(plan, current) if plan else None,
    )


def update(state: AppState, reporter: Reporter, project_id: str,
           expected_revision: int, patch: dict[str, Any],
           description: str | None) -> UpdateProjectResult:
    """Merge-patch the project and store it as the next revision, if it
    is still at ``expected_revision``."""
    state.limits.check_size("patch", patch)
    store = state.store
    record = store.get_project(project_id)
    data = record.project.model_dump(mode="json", exclude_defaults=True)
    patched, changed = apply_patch(data, patch)
    project = Project.from_data(patched)
    state.limits.check_counts(tasks=len(project.tasks),
                              people=len(project.people))
    new = store.update_project(project_id, project, expected_revision,
                               description=description)
    if description is not None:
        changed.append("description changed")
    return UpdateProjectResult(
        project_id=project_id, revision=new.revision,
        previous_revision=expected_revision,
        message=(f"{project_id} at revision {new.revision}: "
                 f"{', '.join(changed) or 'no change'}"),
        summary=views.project_info(project_id, project, new.revision,
                                   new.description),
        changed=changed,
    )


def baseline(state: AppState, reporter: Reporter, project_id: str,
             note: str, time_limit: float) -> BaselineResult:
    """Save the current plan (solved first when there is none) as the
    next baseline."""
    store = state.store
    record = store.get_project(project_id)
    plan = current_plan(store, record)
    if plan is None:
        opts = options("time", state.limits.time_limit(time_limit),
                   state.limits.workers)
        result, kind = solve_plan(record.project, opts, reporter)
        if not result.status.has_solution:
            raise ValueError(f"no schedule to baseline ({result.status}): "
                             f"{result.explanation}")
        save_plan(store, record, result, kind, {"tool": "set_baseline"})
    else:
        result = plan.result
    saved = store.set_baseline(project_id, result, note,
                               revision=record.revision)
    return BaselineResult(
        project_id=project_id, baseline=_baseline_row(saved),
        message=(f"baseline {saved.number} of {project_id}: "
                 f"{result.makespan} working days to {result.finish_date},"
                 f" cost {money(result.cost.total)}"),
    )


def replan_project(state: AppState, reporter: Reporter, project_id: str,
                   objective: Objective, logic: Logic, stability: Stability,
                   time_limit: float) -> ReplanResult:
    """The least-change re-plan from the status date, stored."""
    store = state.store
    record = store.get_project(project_id)
    project = record.project
    if project.status_date is None:
        raise ValueError("the project has no status date: record progress "
                         "with track_progress first")
    opts = options(objective, state.limits.time_limit(time_limit),
                   state.limits.workers)
    base = latest_baseline(store, project_id)
    reporter.stage = f"re-planning from {project.status_date}"
    result = replan(project, base.result if base else None, opts,
                    logic=logic, stability=stability, progress=reporter)
    plan, found = save_plan(store, record, result, "replan", {
        "tool": "replan", "logic": logic, "stability": stability})
    info = result.replan
    slip = None
    if base and result.makespan is not None and base.result.makespan:
        slip = result.makespan - base.result.makespan
    out = ReplanResult(
        project_id=project_id, message="", revision=record.revision,
        plan_id=plan.id if plan else None,
        baseline=base.number if base else None, status=result.status,
        objective=objective, status_date=project.status_date,
        makespan=result.makespan, finish_date=result.finish_date,
        baseline_finish=base.result.finish_date if base else None,
        slip_days=slip, moved=info.moved if info else 0,
        reassigned=info.reassigned if info else 0,
        change=info.change if info else None, cost=result.cost,
        schedule=views.schedule_rows(project, result),
        warnings=info.warnings if info else [],
        explanation=result.explanation, violations=found,
    )
    if not result.status.has_solution:
        out.message = f"{result.status}: no re-plan: {result.explanation}"
        return out
    against = (f" ({slip:+d} working days against baseline {base.number})"
               if slip is not None and base else "")
    out.message = (f"{result.status} re-plan from {project.status_date}: "
                   f"finish {result.finish_date}{against}; {out.moved} "
                   f"tasks moved, {out.reassigned} people reassigned")
    return out


def whatif(state: AppState, reporter: Reporter, project_id: str,
           changes: list[str], add_people: list[dict[str, Any]],
           time_limit: float) -> WhatIfResult:
    """The impact of ``changes`` on the current plan (solved first when
    there is none; nothing stored)."""
    state.limits.check_size("add_people", add_people)
    record = state.store.get_project(project_id)
    project = record.project
    stored = current_plan(state.store, record)
    plan = stored.result if stored is not None else None
    parsed: list[Change] = parse_all(changes)
    parsed += [AddPerson(dict(p)) for p in add_people]
    opts = options("time", state.limits.time_limit(time_limit),
                   state.limits.workers)
    reporter.stage = "measuring the change"
    answer = impact_of(project, plan, parsed, opts)
    prop, rec = answer.propagated, answer.recovered
    held = (f"finishes {prop.finish_date} ({prop.delay:+d} working days)"
            if prop.finish_date and prop.delay is not None
            else f"is stuck ({'; '.join(prop.stuck) or 'no finish'})")
    again = (f"finishes {rec.finish_date} ({rec.delay:+d} working days)"
             if rec.finish_date and rec.delay is not None
             else f"has no schedule ({rec.status}: {rec.explanation})")
    return WhatIfResult(
        project_id=project_id, whatif=answer,
        message=(f"{'; '.join(answer.changes)}: the plan as it stands "
                 f"{held}; the optimal re-plan {again}"),
    )


def releases(state: AppState, reporter: Reporter, project_id: str,
             time_limit: float) -> ReleasesResult:
    """The release plan shipping the most value earliest (not stored)."""
    record = state.store.get_project(project_id)
    opts = options("value", state.limits.time_limit(time_limit),
                   state.limits.workers)
    reporter.stage = "planning releases"
    plan = plan_releases(record.project, opts, progress=reporter)
    shipped = "; ".join(f"{r.id} ({r.date}): "
                        f"{', '.join(r.features) or 'nothing'}"
                        for r in plan.releases)
    return ReleasesResult(
        project_id=project_id, plan=plan,
        message=(f"{plan.status} release plan shipping value "
                 f"{plan.shipped_value:g} of {plan.total_value:g} "
                 f"(objective Σ value × weight {plan.value}); {shipped}"),
    )


def crash(state: AppState, reporter: Reporter, project_id: str,
          points: int | None, deadline: date | None,
          time_limit: float) -> CrashResult:
    """The exact time-cost trade-off curve (not stored)."""
    record = state.store.get_project(project_id)
    opts = options("time", state.limits.time_limit(time_limit),
                   state.limits.workers)
    reporter.stage = "tracing the time-cost curve"
    curve = tradeoff(record.project, opts, points=points, deadline=deadline)
    best, cheapest = curve.best(), curve.cheapest
    text = (f"{curve.normal_duration} working days normally, "
            f"{curve.shortest_duration} at the shortest")
    if cheapest is not None and (
            best is None or cheapest.total_cost <= best.total_cost):
        # the least total cost at any duration (objective cost); the
        # curve's points spend the least on speed first
        text += (f"; least total cost {money(cheapest.total_cost)} at "
                 f"{cheapest.duration} days")
        if best is not None and best.total_cost > cheapest.total_cost:
            text += (f" (the curve's points, least crashing and overlap "
                     f"first: from {money(best.total_cost)} at "
                     f"{best.duration} days)")
    elif best is not None:
        text += (f"; least total cost {money(best.total_cost)} at "
                 f"{best.duration} days")
    if curve.deadline is not None:
        text += f"; {curve.deadline.message}"
    return CrashResult(project_id=project_id, curve=curve, message=text)


def check(state: AppState, reporter: Reporter, project_id: str,
          plan: dict[str, Any] | None) -> CheckResult:
    """The independent checker on a given plan or the stored one."""
    state.limits.check_size("plan", plan)
    record = state.store.get_project(project_id)
    stored = None
    if plan is not None:
        try:
            result = Result.model_validate(plan)
        except ValidationError as exc:
            raise ProjectError.from_validation_error(exc) from None
    else:
        stored = state.store.latest_plan(project_id)
        if stored is None:
            raise ValueError("no stored plan: give one or run "
                             "generate_timeline")
        result = stored.result
    project = record.project
    if stored is not None and stored.revision != record.revision:
        project = state.store.get_project(project_id,
                                          stored.revision).project
    try:
        found = violations(project, result)
    except (KeyError, ValueError) as exc:
        raise ProjectError(
            [f"plan: not a schedule of the project ({exc})"]) from None
    return CheckResult(
        project_id=project_id, ok=not found, violations=found,
        plan_id=stored.id if stored else None,
        plan_kind=stored.kind if stored else None,
        plan_revision=stored.revision if stored else None,
        message=("the plan keeps every rule" if not found else
                 f"the plan breaks {len(found)} rule(s): {found[0]}"),
    )
