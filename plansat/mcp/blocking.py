"""The work behind ``identify_blockers``: the ranked blockers of the
project's current plan (:func:`plansat.analysis.impact.blockers.blockers`),
each with its computed impact, narrowed to a scope and a severity.
"""

from __future__ import annotations

import logging
from collections import Counter

from plansat.analysis.impact.blockers import blockers
from plansat.mcp.plans import (
    current_plan,
    latest_baseline,
    options,
    solve_plan,
)
from plansat.mcp.runtime import AppState, Reporter
from plansat.mcp.schemas import BlockersResult, Scope, Threshold
from plansat.models import Project, Result
from plansat.models.impact import SEVERITIES, Blocker, BlockerReport
from plansat.notify.status_messages import describe
from plansat.options import SolveOptions
from plansat.store import ProjectRecord

__all__ = ["RESOURCE_CATEGORIES", "analyse", "find", "in_scope"]

log = logging.getLogger(__name__)

#: The blocker categories ``scope="resource_conflicts"`` keeps.
RESOURCE_CATEGORIES = frozenset({"people", "skills", "resources",
                                 "infeasible"})

#: Share of the time limit for solving a plan when none is stored.
PLAN_SHARE = 0.3


def in_scope(b: Blocker, scope: Scope, critical: set[str]) -> bool:
    """Whether blocker ``b`` belongs to ``scope``: ``critical_path``
    keeps the blockers that touch a critical task (float 0 in the plan)
    or the finish itself, ``resource_conflicts`` those about people,
    skills and pooled resources; an infeasible project is in every
    scope."""
    if scope == "all" or b.category == "infeasible":
        return True
    if scope == "resource_conflicts":
        return b.category in RESOURCE_CATEGORIES
    if b.tasks:
        return any(t in critical for t in b.tasks)
    return b.category in ("schedule", "progress")


def analyse(
    state: AppState,
    record: ProjectRecord,
    reporter: Reporter,
    opts: SolveOptions,
    threshold: Threshold = "low",
) -> tuple[BlockerReport, Result]:
    """The blocker report of the project's current plan (solved first,
    not stored, when there is none) and that plan, within one time
    budget."""
    project = record.project
    budget = opts.budget()
    base = (latest_baseline(state.store, record.id)
            if project.status_date is not None else None)
    stored = current_plan(state.store, record)
    if stored is not None:
        plan = stored.result
    else:
        plan, _ = solve_plan(project, opts, reporter,
                          base.result if base else None,
                          budget.sub(PLAN_SHARE))
    reporter.stage = "measuring blockers"
    report = blockers(project, plan, base.result if base else None, opts,
                      min_severity=threshold, budget=budget)
    return report, plan


def _critical(project: Project, plan: Result) -> set[str]:
    return {r.id for r in plan.tasks if r.total_float == 0}


def find(
    state: AppState,
    reporter: Reporter,
    project_id: str,
    scope: Scope,
    threshold: Threshold,
    time_limit: float,
) -> BlockersResult:
    """``identify_blockers``: the report narrowed to ``scope``."""
    record = state.store.get_project(project_id)
    project = record.project
    state.limits.check_counts(tasks=len(project.tasks),
                              people=len(project.people))
    opts = options("time", state.limits.time_limit(time_limit),
                   state.limits.workers)
    report, plan = analyse(state, record, reporter, opts, threshold)
    critical = _critical(project, plan)
    kept = [b for b in report.blockers if in_scope(b, scope, critical)]
    counts = Counter(b.severity for b in kept)
    out = BlockersResult(
        project_id=project_id, message="", scope=scope,
        severity_threshold=threshold, plan_status=report.status,
        baseline=report.baseline,
        counts={s: counts.get(s, 0) for s in reversed(SEVERITIES)},
        blockers=kept,
        skills=[] if scope == "critical_path" else report.skills,
        notes=report.notes, runtime=report.runtime,
    )
    out.message = _message(out)
    return out


def _message(out: BlockersResult) -> str:
    if not out.blockers:
        return (f"no blockers at {out.severity_threshold} severity or "
                f"above in scope {out.scope} (plan {out.plan_status})")
    counts = ", ".join(f"{n} {s}" for s, n in out.counts.items() if n)
    return (f"{len(out.blockers)} blockers in scope {out.scope} ({counts});"
            f" worst: {describe(out.blockers[0])}")
