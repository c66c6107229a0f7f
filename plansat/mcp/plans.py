"""Plans of stored projects: solving one (or re-planning from the status
date), finding the current plan and the baseline, and the Monte Carlo
outlook of a plan.

These run inside a tool's worker thread (:func:`plansat.mcp.runtime.
call`); they read and write the store and call the analyses.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from plansat.analysis.risk.simulation import simulate
from plansat.analysis.tracking.replan import plan_from_now
from plansat.check import violations
from plansat.mcp.runtime import Reporter
from plansat.models import Project, Result
from plansat.models.result import Objective
from plansat.models.risk import RiskReport
from plansat.notify.routing import plan_change_messages
from plansat.options import Budget, SolveOptions
from plansat.store import (
    BaselineRecord,
    NewMessage,
    NotFound,
    PlanRecord,
    ProjectRecord,
    ProjectStore,
)

__all__ = [
    "ITERATIONS",
    "baseline_for",
    "current_plan",
    "has_uncertainty",
    "latest_baseline",
    "options",
    "risk_report",
    "save_plan",
    "simulate_off",
    "solve_off",
    "solve_plan",
]

log = logging.getLogger(__name__)

#: Monte Carlo samples of a plan's outlook (seed 0: same answer twice).
ITERATIONS = 10_000


def options(objective: Objective, time_limit: float,
            workers: int | None = None) -> SolveOptions:
    """The solve options of a tool call (``workers``: the server's
    :attr:`~plansat.mcp.limits.Limits.workers`)."""
    return SolveOptions(objective=objective, time_limit=time_limit,
                        workers=workers)


def solve_plan(
    project: Project,
    opts: SolveOptions,
    reporter: Reporter,
    baseline: Result | None = None,
    budget: Budget | None = None,
) -> tuple[Result, str]:
    """Solve ``project``, or re-plan it from its status date (history
    frozen, least change from ``baseline``) when it has one, within
    ``budget`` (default: ``opts.time_limit``).

    A solve ends with the tasks as early as the optimum allows: holding
    what the objective's recipe reached, a last phase minimises Σ start
    (:func:`plansat.solver.stability.least_change` against day 0), so a
    task off the critical path starts early and shows its float.

    A project of ``reporter.offload.min_tasks`` tasks or more is solved
    on the server's executor (:mod:`plansat.mcp.offload`).

    Returns
    -------
    tuple
        The result and its kind for the store (``"solve"`` or
        ``"replan"``).
    """
    offload = getattr(reporter, "offload", None)  # a bare callback: none
    if offload is not None and offload.wanted(len(project.tasks)):
        budget = budget or opts.budget()
        reporter.stage = (f"solving {len(project.tasks)} tasks on "
                          f"{offload.where}")
        return offload.run(reporter.cancel, solve_off, project, opts,
                           baseline, budget.remaining())
    return _solve_here(project, opts, reporter, baseline, budget)


def solve_off(project: Project, opts: SolveOptions,
              baseline: Result | None, seconds: float) -> tuple[Result, str]:
    """:func:`solve_plan` as an executor runs it: values in and out,
    the time left as seconds (a clock doesn't travel)."""
    return _solve_here(project, opts, Reporter(), baseline, Budget(seconds))


def _solve_here(
    project: Project,
    opts: SolveOptions,
    reporter: Reporter,
    baseline: Result | None,
    budget: Budget | None,
) -> tuple[Result, str]:
    reporter.stage = (f"re-planning from {project.status_date}"
                      if project.status_date is not None
                      else f"solving for {opts.objective}")
    return plan_from_now(project, opts, baseline, progress=reporter,
                         budget=budget)


def save_plan(
    store: ProjectStore,
    record: ProjectRecord,
    result: Result,
    kind: str,
    settings: dict[str, object],
) -> tuple[PlanRecord | None, list[str]]:
    """Check ``result`` with the independent checker and keep it as a
    plan of ``record``'s revision (not when it has no schedule).

    Returns
    -------
    tuple
        The stored plan (``None``: nothing stored) and the checker's
        findings (empty for every plan the solver returns).
    """
    if not result.status.has_solution:
        return None, []
    found = violations(record.project, result)
    if found:  # a solver bug: report it, keep the plan for inspection
        log.error("plan of %s breaks %d rule(s): %s", record.id,
                  len(found), found[0])
    messages = _change_messages(store, record, result)
    plan = store.save_plan(record.id, result, kind, settings,
                           revision=record.revision, messages=messages)
    return plan, found


def _change_messages(store: ProjectStore, record: ProjectRecord,
                     result: Result) -> list[NewMessage]:
    """What the new plan changes for each person, for the channels of
    the store (none without a channel or an earlier plan); stored with
    the plan in one transaction (the transactional outbox)."""
    channels = store.list_channels(record.id)
    if not channels:
        return []
    before = store.latest_plan(record.id)
    return plan_change_messages(
        record.id, record.project, before.result if before else None,
        result, channels, store.plan_count(record.id) + 1)


def current_plan(
    store: ProjectStore, record: ProjectRecord
) -> PlanRecord | None:
    """The plan saved last for the project's current revision, if any."""
    plan = store.latest_plan(record.id)
    if plan is None or plan.revision != record.revision:
        return None
    return plan


def latest_baseline(
    store: ProjectStore, project_id: str
) -> BaselineRecord | None:
    """The project's latest baseline (``None`` without one).

    Raises
    ------
    NotFound
        For an unknown project.
    """
    store.get_project(project_id)  # NotFound for an unknown project
    try:
        return store.get_baseline(project_id)
    except NotFound:
        return None


def baseline_for(
    store: ProjectStore,
    record: ProjectRecord,
    opts: SolveOptions,
    reporter: Reporter,
) -> BaselineRecord:
    """The baseline to track against: the latest one; without one, the
    latest plan made without progress (a ``solve``), else a new
    time-optimal solve of the project before any progress, saved as
    baseline 0."""
    found = latest_baseline(store, record.id)
    if found is not None:
        return found
    return pending_baseline(store, record, opts, reporter).save(store)


@dataclass(frozen=True)
class PendingBaseline:
    """A baseline to save (with the write it belongs to, so that a call
    that is refused saves none: :meth:`plansat.store.Store.atomic`)."""

    project_id: str
    result: Result
    note: str
    revision: int | None = None

    def save(self, store: ProjectStore) -> BaselineRecord:
        """Save it as the project's next baseline."""
        return store.set_baseline(self.project_id, self.result, self.note,
                                  revision=self.revision)


def pending_baseline(
    store: ProjectStore,
    record: ProjectRecord,
    opts: SolveOptions,
    reporter: Reporter,
) -> PendingBaseline:
    """The baseline :func:`baseline_for` would save for a project that
    has none, not saved yet."""
    plan = store.latest_plan(record.id, "solve")
    ids = {t.id for t in record.project.tasks}
    if plan is not None and {t.id for t in plan.result.tasks} == ids:
        note = f"from plan {plan.id} ({plan.kind}, revision {plan.revision})"
        return PendingBaseline(record.id, plan.result, note, plan.revision)
    fresh = Project.from_data(_without_progress(record.project))
    result, _ = solve_plan(fresh, opts, reporter)
    if not result.status.has_solution:
        raise ValueError(
            f"no baseline: the project has no schedule ({result.status}): "
            f"{result.explanation}")
    return PendingBaseline(record.id, result, "solved for tracking",
                           record.revision)


def _without_progress(project: Project) -> dict[str, object]:
    data = project.model_dump(mode="json", exclude_defaults=True)
    for task in data["tasks"]:
        task.pop("progress", None)
    data.pop("status_date", None)
    return data


def has_uncertainty(project: Project) -> bool:
    """Whether a Monte Carlo run can differ from the plan: some task has
    a three-point estimate, or the project has risk events."""
    return bool(project.risks) or any(
        t.estimate is not None for t in project.tasks)


def risk_report(project: Project, result: Result,
                reporter: Reporter) -> RiskReport | None:
    """The Monte Carlo outlook of ``result`` (:data:`ITERATIONS`
    samples, seed 0), or ``None`` when the plan has no schedule."""
    if not result.status.has_solution:
        return None
    reporter.stage = "simulating the finish (Monte Carlo)"
    offload = getattr(reporter, "offload", None)
    if offload is not None and offload.wanted(len(project.tasks)):
        return offload.run(reporter.cancel, simulate_off, project, result)
    return simulate_off(project, result)


def simulate_off(project: Project, result: Result) -> RiskReport:
    """The Monte Carlo run of :func:`risk_report` (on an executor for a
    large project)."""
    return simulate(project, result, iterations=ITERATIONS, seed=0)
