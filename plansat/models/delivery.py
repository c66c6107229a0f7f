"""Incremental delivery: features, releases and the release plan report.

A **feature** is a set of tasks worth ``value`` once all of them are
finished; a **release** is a date on which finished features ship.  A
feature ships in the first release dated after the last working day of
all its tasks: on the working-day axis, every task's ``finish`` is at
most the release's day ``day_r`` (the index of the first working day on
or after the release date; see :func:`release_timeline`).  A task may
belong to several features: each of them ships when all of its own
tasks are finished, so a shared task simply counts for each (and its
result row names the earliest of their releases).  Tasks in no feature
are shared work that still has to be scheduled.

The rules that need the whole project (ids, references, cycles, dates)
are in :mod:`plansat.models.delivery_rules`; the CP-SAT formulation is in
:mod:`plansat.solver.constraints.releases` and docs/model.md
("Releases").
"""

from __future__ import annotations

import bisect
import datetime as dt
from typing import TYPE_CHECKING, Annotated, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from plansat.models.base import MAX_MONEY, Id, _Model
from plansat.models.result import Result, SolveStatus

if TYPE_CHECKING:
    from plansat.models.project import Project

#: Largest release weight one may give (default weights are working days
#: between releases, far below it).
MAX_WEIGHT = 1e6

#: A feature's value: like money, non-negative and at most 1e9.
Value = Annotated[float, Field(ge=0, le=MAX_MONEY, allow_inf_nan=False)]
Weight = Annotated[float, Field(ge=0, le=MAX_WEIGHT, allow_inf_nan=False)]


class Feature(_Model):
    """Tasks that are worth ``value`` once they are all finished.

    Attributes
    ----------
    id, name
        Identity (``name`` for reports).
    value
        What shipping the feature is worth (>= 0, any unit).
    tasks
        Ids of the tasks the feature needs (at least one).  A task may be
        in several features.
    after
        Ids of features that must ship no later than this one (in the
        same release or an earlier one).
    release
        Pinned: the feature ships exactly in this release (not earlier,
        not later).
    must
        The feature has to ship by the last release.
    """

    id: Id
    name: str | None = None
    value: Value
    tasks: list[Id] = Field(min_length=1)
    after: list[Id] = Field(default_factory=list)
    release: Id | None = None
    must: bool = False


class Release(_Model):
    """A date on which the finished features ship.

    ``weight`` is what one unit of value shipped in this release is worth
    to the ``value`` objective; give it on every release or on none
    (default: the working days from this release's day to the last
    release's day, plus one).
    """

    id: Id
    name: str | None = None
    date: dt.date
    weight: Weight | None = None


class ReleaseDay(NamedTuple):
    """A release on the working-day axis: its ``day`` (features ship in
    it when every task's ``finish <= day``) and its ``weight``."""

    release: Release
    day: int
    weight: float


def release_timeline(project: Project) -> list[ReleaseDay]:
    """The project's releases in date order, with day and weight.

    ``day`` is the index of the first working day on or after the
    release date, so a task is finished in time when its last working
    day is before the release date.  The weight is the release's own
    ``weight`` when every release has one, else ``day_last - day + 1``
    (the last release weighs 1: value-days).

    Examples
    --------
    >>> from plansat.models import Project
    >>> p = Project.model_validate({
    ...     "start": "2025-06-02", "tasks": [{"id": "A", "duration": 1}],
    ...     "features": [{"id": "F", "value": 1, "tasks": ["A"]}],
    ...     "releases": [{"id": "r2", "date": "2025-06-16"},
    ...                  {"id": "r1", "date": "2025-06-06"}]})
    >>> [(r.release.id, r.day, r.weight) for r in release_timeline(p)]
    [('r1', 4, 7.0), ('r2', 10, 1.0)]
    """
    cal = project.work_calendar
    ordered = sorted(
        (cal.index_on_or_after(r.date), k, r)
        for k, r in enumerate(project.releases)
    )
    if not ordered:
        return []
    last = ordered[-1][0]
    given = all(r.weight is not None for r in project.releases)
    return [
        ReleaseDay(r, day, float(r.weight) if given and r.weight is not None
                   else float(last - day + 1))
        for day, _, r in ordered
    ]


def first_release(timeline: list[ReleaseDay], finish: int) -> int | None:
    """Index in ``timeline`` of the first release a feature finishing at
    ``finish`` ships in (``None``: after the last release).

    Examples
    --------
    >>> r = Release(id="r", date="2025-06-06")
    >>> tl = [ReleaseDay(r, 4, 7.0), ReleaseDay(r, 10, 1.0)]
    >>> first_release(tl, 4), first_release(tl, 5), first_release(tl, 11)
    (0, 1, None)
    """
    k = bisect.bisect_left([r.day for r in timeline], finish)
    return k if k < len(timeline) else None


def release_floor(project: Project) -> int:
    """The latest day a pinned feature's work must run past: a feature
    pinned to the ``k``-th release may not ship in the one before, so one
    of its tasks finishes after that release's day (0 without pins)."""
    timeline = release_timeline(project)
    index = {r.release.id: k for k, r in enumerate(timeline)}
    floor = 0
    for f in project.features:
        k = index.get(f.release or "", 0)
        if k > 0:
            floor = max(floor, timeline[k - 1].day + 1)
    return floor


# -- the release plan report -------------------------------------------------


class _Report(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ReleaseRow(_Report):
    """One release of a plan.

    ``value`` adds up the values of the features shipped in it,
    ``cumulative_value`` those shipped in it or earlier; ``tasks`` are
    the tasks of its features (in project order).
    """

    id: str
    name: str | None = None
    date: dt.date
    day: int
    weight: float
    features: list[str] = Field(default_factory=list)
    tasks: list[str] = Field(default_factory=list)
    value: float = 0
    cumulative_value: float = 0


class UnscheduledFeature(_Report):
    """A feature that ships in no release, and why."""

    feature: str
    reason: str


class ReleasePlan(_Report):
    """The release plan that ships the most value earliest.

    Attributes
    ----------
    status
        The solve's status (OPTIMAL only when the value is proven).
    value
        The objective: Σ value × weight of the release each feature ships
        in (``None`` without a plan).
    bound
        The proven upper bound on ``value``.
    shipped_value, total_value
        Value shipped by the last release, and of all features.
    releases
        One row per release, in date order.
    unscheduled
        Features that ship in no release, with the reason.
    result
        The schedule, a normal :class:`~plansat.models.Result` with each
        task's ``release`` and ``result.features``.
    runtime
        Seconds the plan took.
    """

    status: SolveStatus
    value: float | None = None
    bound: float | None = None
    shipped_value: float = 0
    total_value: float = 0
    releases: list[ReleaseRow] = Field(default_factory=list)
    unscheduled: list[UnscheduledFeature] = Field(default_factory=list)
    result: Result
    runtime: float = 0

    def _repr_html_(self) -> str:
        """The value shipped per release and the plan's Gantt, as HTML, for
        Jupyter (:mod:`plansat.charts.notebook`)."""
        from plansat.charts.notebook import release_html

        return release_html(self)


class SweepPoint(_Report):
    """One date of a release-date sweep.

    ``shift`` working days from the release's own day; ``shipped`` adds
    up the values of the features shipped in that release or earlier;
    ``value`` is the plan's objective; ``conflicts`` say why there is no
    plan on that date (the explanation of an INFEASIBLE solve).
    """

    shift: int
    day: int
    date: dt.date
    status: SolveStatus
    shipped: float | None = None
    features: list[str] = Field(default_factory=list)
    value: float | None = None
    conflicts: list[str] = Field(default_factory=list)


class ReleaseSweep(_Report):
    """What moving one release's date buys: one optimal plan per date."""

    release: str
    span: int
    points: list[SweepPoint] = Field(default_factory=list)
    base: ReleasePlan | None = None
    runtime: float = 0
