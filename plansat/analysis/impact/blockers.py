"""Blockers: what delays or endangers a plan, each with its exact impact.

:func:`blockers` ranks, most severe first (severity from the computed
impact in days and money against :class:`~plansat.models.impact.
Thresholds`, then days, then money):

- **infeasible**: the project has no schedule; the solver's explanation,
  with the cheapest relaxation that restores one: the project deadline
  moved by ``d`` working days (``d`` from a solve without it), or one
  more person with a skill the conflicting tasks need;
- **plan problems** (people, skills, resources, schedule): what the
  independent checker finds in a hand-made or imported plan, with the
  effect of the least-change re-plan that repairs it;
- **single points of failure** (people) and **skill bottlenecks**
  (skills): :mod:`plansat.analysis.impact.bottlenecks`;
- **deadline risk** (schedule): the project's and tasks' deadlines
  missed, or with less slack than the medium threshold; with Monte Carlo
  (:func:`plansat.analysis.risk.simulation.simulate`, when the project has
  estimates or risks) the probability of meeting them;
- **late work** (progress, with a baseline and a status date): tasks
  behind the baseline, the slip the plan's order pushes onto the finish,
  and what re-planning and the cheapest crashing recover.

Every solve of one call draws from one :class:`~plansat.options.Budget`.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from plansat.analysis.impact import blocker_categories as parts
from plansat.analysis.impact.bottlenecks import (
    Shares,
    resolve_single_point,
    single_points,
    skill_gains,
    solve_time,
)
from plansat.analysis.impact.what_if import baseline_of
from plansat.analysis.tracking.basis import basis, is_replan_at
from plansat.models import Project, Result, SolveStatus
from plansat.models.impact import (
    SEVERITIES,
    Blocker,
    BlockerReport,
    Severity,
    SkillGain,
    Thresholds,
)
from plansat.options import Budget, SolveOptions
from plansat.schedule.sampling import plan_tasks

__all__ = ["MAX_SINGLE_POINTS", "blockers", "rank"]

log = logging.getLogger(__name__)

#: Single points of failure whose resolutions are solved (worst first).
MAX_SINGLE_POINTS = 8


def blockers(
    project: Project,
    result: Result | None = None,
    baseline: Result | None = None,
    options: SolveOptions | None = None,
    *,
    thresholds: Thresholds | None = None,
    min_severity: Severity = "low",
    budget: Budget | None = None,
    **overrides: Any,
) -> BlockerReport:
    """The blockers of ``project``'s plan, ranked, each with its impact.

    Parameters
    ----------
    project
        The project (with progress and a status date for late work).
    result
        The plan (hand-made, imported or solved); solved when ``None``
        (re-planned from the status date when the project has one).
    baseline
        The plan of record, for late work.
    options
        How to solve; ``time_limit`` covers the whole call.  Keyword
        ``overrides`` apply on top.
    thresholds
        When an impact is medium or high (default
        :class:`~plansat.models.impact.Thresholds`).
    min_severity
        Leave out blockers below this severity.
    budget
        The time budget to draw from (default: ``options.time_limit``).

    Raises
    ------
    ProjectError
        When ``result`` or ``baseline`` is not a schedule of ``project``.
    """
    options = SolveOptions.of(options, **overrides)
    budget = budget or options.budget()
    thresholds = thresholds or Thresholds()
    if min_severity not in SEVERITIES:
        raise ValueError(f"min_severity must be one of "
                         f"{', '.join(SEVERITIES)} (got {min_severity!r})")
    for given in (result, baseline):
        if given is not None and given.status.has_solution:
            plan_tasks(project, given)  # a schedule of this project?
    shares = Shares(budget, 4)
    note = None
    if result is None or project.status_date is not None:
        if baseline is None and not is_replan_at(project, result):
            baseline = result  # the plan of record the re-plan keeps to
        found_basis = basis(project, result if result is not None
                            else baseline, options, shares.next())
        plan, note = found_basis.plan, found_basis.note
    else:
        plan = result
    report = BlockerReport(project=project.name, status=plan.status,
                           thresholds=thresholds)
    if note:
        report.notes.append(note)
    if not plan.status.has_solution:
        report.blockers = parts.infeasible(project, plan, options, shares)
        return _finish(report, budget, min_severity)
    base = baseline_of(project, plan)
    report.baseline = base
    found = parts.plan_problems(project, plan, options, shares)
    clean = not found
    found += parts.deadlines(project, plan, thresholds, report.notes,
                             options)
    if baseline is not None and project.status_date is not None:
        found += parts.late_work(project, baseline, plan, options, shares)
    found += _people_and_skills(project, plan, clean, options, shares,
                                report)
    for b in found:
        b.severity = _severity(b, thresholds, base.cost)
    report.blockers = found
    return _finish(report, budget, min_severity)


def _people_and_skills(
    project: Project, plan: Result, clean: bool, options: SolveOptions,
    shares: Shares, report: BlockerReport,
) -> list[Blocker]:
    """Single points of failure and skill bottlenecks (the skill gains
    go into ``report``)."""
    reference = plan
    if not (clean and plan.status == SolveStatus.OPTIMAL
            and plan.objective == "time"):
        reference = solve_time(project, options, shares.next(), plan)
        report.notes.append(
            "skill gains are measured against the time-optimal plan "
            f"({reference.makespan} working days, {reference.status}), "
            "not the given one")
    spots = sorted(single_points(project, plan),
                   key=lambda s: (-s.worst[2], -s.worst[3], s.person))
    report.skills = _skill_gains(project, reference, options, shares,
                                 2 * min(len(spots), MAX_SINGLE_POINTS))
    for spot in spots[:MAX_SINGLE_POINTS]:
        resolve_single_point(project, plan, spot, options, shares)
    found = [parts.single_point_blocker(project, plan, s) for s in spots
             if s.worst[2] > 0 or s.worst[3] > 0]
    return found + parts.skill_blockers(report.skills)


def _skill_gains(
    project: Project, reference: Result, options: SolveOptions,
    shares: Shares, later: int,
) -> list[SkillGain]:
    if not reference.status.has_solution:
        return []
    from plansat.analysis.impact.bottlenecks import needed_skills

    shares.plan(len(needed_skills(project)) + later)
    return skill_gains(project, reference, options, shares)


def _severity(b: Blocker, t: Thresholds, plan_cost: float) -> Severity:
    """The blocker's severity: the category's floor or its impact's."""
    if b.category == "infeasible" or b.id.startswith("plan-"):
        return "high"
    found = t.severity(b.impact_days, b.impact_cost, plan_cost)
    floor = b.severity
    if found is None:
        return floor
    return max(found, floor, key=SEVERITIES.index)


def rank(items: list[Blocker]) -> list[Blocker]:
    """Most severe first, then most days, then most money, then id."""
    return sorted(items, key=lambda b: (
        -SEVERITIES.index(b.severity), -(b.impact_days or 0),
        -(b.impact_cost or 0.0), _natural(b.id)))


def _natural(text: str) -> list[Any]:
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text)]


def _finish(
    report: BlockerReport, budget: Budget, min_severity: Severity
) -> BlockerReport:
    floor = SEVERITIES.index(min_severity)
    report.blockers = rank([b for b in report.blockers
                            if SEVERITIES.index(b.severity) >= floor])
    report.runtime = round(budget.elapsed(), 3)
    return report
