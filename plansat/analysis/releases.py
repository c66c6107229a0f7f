"""Incremental delivery: the release plan that ships the most value
earliest, and what moving a release date buys.

:func:`plan_releases` solves the project for the ``value`` objective on
the one CP-SAT model (skills, capacity, calendars, vacations, crashing
and, with a status date, progress all hold): Σ value × weight of the
release each feature ships in, maximised and proven, then the makespan,
then the cost.  It reports per release the features, their tasks, the
value shipped and the cumulative value, the features that ship in no
release with the reason, and the schedule as a normal
:class:`~plansat.models.Result`.

:func:`sweep` moves one release's date ``-span .. +span`` working days,
one optimal plan per date, all sharing one time budget.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from plansat.analysis.tracking.history import split
from plansat.analysis.tracking.replan import replan
from plansat.models import Project, ProjectError, Result, SolveStatus
from plansat.models.delivery import (
    ReleaseDay,
    ReleasePlan,
    ReleaseRow,
    ReleaseSweep,
    SweepPoint,
    UnscheduledFeature,
    release_timeline,
)
from plansat.options import Budget, SolveOptions
from plansat.schedule.releases import earliest_finishes
from plansat.solver.engine import SolveProgress
from plansat.solver.solve import solve

__all__ = [
    "NoFeaturesError",
    "plan_releases",
    "sweep",
    "sweep_release",
    "with_releases",
]

log = logging.getLogger(__name__)


class NoFeaturesError(ProjectError):
    """The project has no features to plan releases for."""

    def __init__(self) -> None:
        super().__init__([
            "features: the project has no features; add features (value, "
            "tasks) and releases (id, date) to plan releases"
        ])


def with_releases(
    project: Project,
    dates: Sequence[date] | None = None,
    weights: Sequence[float] | None = None,
) -> Project:
    """``project`` with release dates and weights overridden.

    Parameters
    ----------
    project
        A validated project.
    dates
        New release dates.  As many as the project has releases: the
        ``k``-th earliest release moves to the ``k``-th earliest date
        (ids, names and pins stay).  Otherwise the releases become
        ``R1``, ``R2``, ... on these dates (pins to the old ids are then
        reported as unknown releases).
    weights
        One weight per release, in date order, non-increasing.

    Raises
    ------
    ProjectError
        When the new releases break a rule (each message with its JSON
        path), or the weights don't match the releases.
    """
    if dates is None and weights is None:
        return project
    data = project.model_dump(mode="json", exclude_none=True)
    releases = sorted(data["releases"], key=lambda r: r["date"])
    if dates is not None:
        new = sorted(dates)
        if len(new) == len(releases):
            for r, d in zip(releases, new, strict=True):
                r["date"] = d.isoformat()
        else:
            releases = [{"id": f"R{k + 1}", "date": d.isoformat()}
                        for k, d in enumerate(new)]
    if weights is not None:
        if len(weights) != len(releases):
            raise ProjectError([
                f"weights: {len(weights)} given for {len(releases)} "
                "release(s); give one per release, in date order"
            ])
        for r, w in zip(releases, weights, strict=True):
            r["weight"] = w
    data["releases"] = releases
    return Project.from_data(data)


def plan_releases(
    project: Project,
    options: SolveOptions | None = None,
    *,
    releases: Sequence[date] | None = None,
    weights: Sequence[float] | None = None,
    budget: Budget | None = None,
    progress: Callable[[SolveProgress], None] | None = None,
    **overrides: Any,
) -> ReleasePlan:
    """The release plan that ships the most value earliest.

    Parameters
    ----------
    project
        A validated project with ``features`` and ``releases``.
    options
        Time limit, workers, seed and strategy
        (:class:`~plansat.options.SolveOptions`); the objective is always
        ``value``.  Keyword ``overrides`` apply on top.
    releases
        Release dates overriding the project's (see
        :func:`with_releases`).
    weights
        Release weights, one per release in date order, non-increasing
        (default: value-days, the last release weighing 1).
    budget, progress
        As in :func:`plansat.solve`.

    Returns
    -------
    ReleasePlan

    Raises
    ------
    NoFeaturesError
        When the project has no features.
    ProjectError
        When the overridden releases or weights break a rule.

    Examples
    --------
    >>> import plansat
    >>> p = plansat.Project.from_file("examples/ecommerce-releases.json")
    >>> plansat.plan_releases(p, time_limit=30).status  # doctest: +SKIP
    <SolveStatus.OPTIMAL: 'OPTIMAL'>
    """
    options = SolveOptions.of(options, **overrides)
    options = SolveOptions.of(options, objective="value")
    project = with_releases(project, releases, weights)
    if not project.features:
        raise NoFeaturesError
    budget = budget or options.budget()
    result = _solve(project, options, budget, progress)
    plan = release_plan(project, result)
    plan.runtime = round(budget.elapsed(), 3)
    return plan


def _solve(
    project: Project,
    options: SolveOptions,
    budget: Budget,
    progress: Callable[[SolveProgress], None] | None,
) -> Result:
    """Solve, re-planning from the status date when there is one."""
    if project.status_date is not None:
        return replan(project, None, options, budget=budget,
                      progress=progress)
    return solve(project, options, budget=budget, progress=progress)


def release_plan(project: Project, result: Result) -> ReleasePlan:
    """The :class:`ReleasePlan` of a solved ``value`` result."""
    timeline = release_timeline(project)
    total = sum(f.value for f in project.features)
    plan = ReleasePlan(status=result.status, result=result,
                       total_value=total, runtime=result.runtime)
    if result.status.has_solution:
        plan.value = result.objective_value
        plan.bound = result.bound
    where = {s.id: s.release for s in result.features}
    cumulative = 0.0
    for r in timeline:
        shipped = [f for f in project.features
                   if where.get(f.id) == r.release.id]
        in_it = {t for f in shipped for t in f.tasks}
        value = sum(f.value for f in shipped)
        cumulative += value
        plan.releases.append(ReleaseRow(
            id=r.release.id, name=r.release.name, date=r.release.date,
            day=r.day, weight=r.weight, features=[f.id for f in shipped],
            tasks=[t.id for t in project.tasks if t.id in in_it],
            value=value, cumulative_value=cumulative,
        ))
    plan.shipped_value = cumulative
    if result.status.has_solution:
        plan.unscheduled = _unscheduled(project, result, timeline, where)
    return plan


def _unscheduled(
    project: Project,
    result: Result,
    timeline: list[ReleaseDay],
    where: dict[str, str | None],
) -> list[UnscheduledFeature]:
    """The features in no release, each with the reason."""
    missing = [f for f in project.features if where.get(f.id) is None]
    if not missing:
        return []
    rest = project
    if project.status_date is not None:
        rest = split(project).rest or project
    ef = earliest_finishes(rest)
    cal = project.work_calendar
    last = timeline[-1]
    label = f"{last.release.id} ({last.release.date})"
    out = []
    for f in missing:
        finish = max(ef[t] for t in f.tasks)
        blocked = [g for g in f.after if where.get(g) is None]
        if finish > last.day:
            reason = (
                f"its last task can't end before {cal.date_of(finish - 1)} "
                "(the dependencies alone, fully crashed and fast-tracked); "
                "it ships only in a release dated after that, and the last "
                f"is {label}"
            )
        elif blocked:
            reason = (
                f"it ships no earlier than {', '.join(blocked)}, which "
                "ships in no release"
            )
        elif f.value == 0:
            reason = "it is worth nothing (value 0), so no release makes room"
        elif result.status == SolveStatus.OPTIMAL:
            reason = (
                f"no room by the last release {label} given the team's "
                "capacity and calendars and the features the plan ships"
            )
        else:
            reason = (
                "not placed by the best plan found within the time limit "
                "(not proven; raise the time limit)"
            )
        out.append(UnscheduledFeature(feature=f.id, reason=reason))
    return out


def sweep(
    project: Project,
    release_id: str,
    span: int = 5,
    options: SolveOptions | None = None,
    *,
    releases: Sequence[date] | None = None,
    weights: Sequence[float] | None = None,
    budget: Budget | None = None,
    **overrides: Any,
) -> ReleaseSweep:
    """What moving one release's date buys.

    For each shift ``-span .. +span`` working days of ``release_id``'s
    day (kept after the release before it and before the one after it,
    and on or after day 0), the optimal plan with the release on that
    day: the value shipped in it or earlier and its features.  One solve
    per date; all share one :class:`~plansat.options.Budget`.

    Parameters
    ----------
    project, options, releases, weights, overrides
        As in :func:`plan_releases`.
    release_id
        The release to move.
    span
        Working days to move it each way (>= 0).
    budget
        The time budget of the whole sweep (default: ``time_limit``).

    Raises
    ------
    ProjectError
        Without features, or for an unknown release.
    ValueError
        On a negative ``span``.
    """
    if span < 0:
        raise ValueError(f"span must be >= 0 (got {span})")
    options = SolveOptions.of(SolveOptions.of(options, **overrides),
                              objective="value")
    project = with_releases(project, releases, weights)
    if not project.features:
        raise NoFeaturesError
    timeline = release_timeline(project)
    ids = [r.release.id for r in timeline]
    if release_id not in ids:
        raise ProjectError([
            f"--sweep: unknown release '{release_id}'; the project's "
            f"releases are {', '.join(ids)}"
        ])
    k = ids.index(release_id)
    budget = budget or options.budget()
    days = _sweep_days(timeline, k, span)
    out = ReleaseSweep(release=release_id, span=span)
    cal = project.work_calendar
    shares = budget.shares(len(days))
    for day in days:
        moved = _moved(project, release_id, cal.date_of(day))
        plan = release_plan(moved, _solve(moved, options, shares.next(),
                                          None))
        row = next(r for r in plan.releases if r.id == release_id)
        solved = plan.status.has_solution
        out.points.append(SweepPoint(
            shift=day - timeline[k].day, day=day, date=row.date,
            status=plan.status,
            shipped=row.cumulative_value if solved else None,
            features=[f for r in plan.releases[: k + 1] for f in r.features],
            value=plan.value, conflicts=plan.result.conflicts,
        ))
        if day == timeline[k].day:
            out.base = plan
    out.runtime = round(budget.elapsed(), 3)
    return out


def _sweep_days(timeline: list[ReleaseDay], k: int, span: int) -> list[int]:
    """The days release ``k`` may move to within ``span``, in order."""
    low = timeline[k - 1].day + 1 if k > 0 else 0
    high = timeline[k + 1].day - 1 if k + 1 < len(timeline) else None
    base = timeline[k].day
    days = [base + s for s in range(-span, span + 1)]
    kept = [d for d in days if d >= low and (high is None or d <= high)]
    if len(kept) < len(days):
        log.info("sweep of %s: %d date(s) would pass another release or "
                 "day 0 and are left out", timeline[k].release.id,
                 len(days) - len(kept))
    return kept


def _moved(project: Project, release_id: str, day: date) -> Project:
    """``project`` with release ``release_id`` on ``day``."""
    data = project.model_dump(mode="json", exclude_none=True)
    for r in data["releases"]:
        if r["id"] == release_id:
            r["date"] = day.isoformat()
    return Project.from_data(data)


#: :func:`sweep` under the name ``plansat`` exports it by.
sweep_release = sweep
