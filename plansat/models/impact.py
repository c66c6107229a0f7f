"""Impact reports: what a change costs and what blocks a plan (output
contracts of ``plansat whatif`` and ``plansat blockers``).

Computed by :func:`plansat.analysis.impact.what_if.what_if` and
:func:`plansat.analysis.impact.blockers.blockers`.  Times are working days,
money is in the project's unit; a *delay* is a number of working days the
finish moves later (negative: earlier), a *cost delta* the change of the
total cost (negative: cheaper).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

from plansat.models.result import Overlap, Result, SolveStatus

__all__ = [
    "SEVERITIES",
    "Baseline",
    "Blocker",
    "BlockerReport",
    "Category",
    "Move",
    "PlanChange",
    "Propagated",
    "Recovered",
    "Recovery",
    "Resolution",
    "Severity",
    "SkillGain",
    "Thresholds",
    "WhatIf",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Baseline(_Model):
    """The plan a change is measured against."""

    makespan: int
    finish_date: date
    cost: float


class Move(_Model):
    """A task whose dates change: its new dates and the shifts in working
    days (positive: later)."""

    id: str
    start_date: date
    finish_date: date
    delta_start: int
    delta_finish: int


class Propagated(_Model):
    """The change with the plan's order and people held fixed: nobody
    re-plans (a time-impact analysis).

    Attributes
    ----------
    makespan, finish_date, delay
        The new finish and its shift from the plan's (``None`` when the
        plan can't go on as it is, see ``stuck``).
    cost, cost_delta
        The new total cost and its change (longer work, more overhead).
    moved
        Tasks whose dates change.
    stuck
        Why the plan can't go on without re-planning: a person gone, a
        need the plan's people no longer meet, a pool too small for what
        the plan runs side by side.
    missed
        Deadlines the propagated plan misses.
    plan
        The held plan as a result of the changed project (not part of
        the JSON).
    """

    makespan: int | None = None
    finish_date: date | None = None
    delay: int | None = None
    cost: float | None = None
    cost_delta: float | None = None
    moved: list[Move] = Field(default_factory=list)
    stuck: list[str] = Field(default_factory=list)
    missed: list[str] = Field(default_factory=list)
    plan: SkipJsonSchema[Result | None] = Field(default=None, exclude=True)


ChangeKind = Literal["people", "order", "crash", "overlap"]


class PlanChange(_Model):
    """One way the re-plan differs from the plan.

    ``people``: the task's people (``before`` → ``after``); ``order``:
    the task now runs before ``other`` on a person or resource they
    share; ``crash``: days the task is shortened by; ``overlap``: days
    the task overlaps its FS predecessor ``other``.
    """

    kind: ChangeKind
    task: str
    other: str | None = None
    before: list[str] | int | None = None
    after: list[str] | int | None = None
    sentence: str


class Recovered(_Model):
    """The optimal re-plan under the change, staying close to the plan
    (:func:`plansat.replan`).

    ``status`` is OPTIMAL only when the objective's optimum is proven
    (``bound`` and ``gap`` otherwise); without a schedule,
    ``explanation`` and ``conflicts`` say why.  ``note``: the re-plan
    found nothing better than the held plan within the time limit, which
    is then reported (FEASIBLE).
    """

    status: SolveStatus
    objective: str = "time"
    makespan: int | None = None
    finish_date: date | None = None
    delay: int | None = None
    cost: float | None = None
    cost_delta: float | None = None
    bound: float | None = None
    gap: float | None = None
    moved: list[Move] = Field(default_factory=list)
    changes: list[PlanChange] = Field(default_factory=list)
    explanation: str | None = None
    conflicts: list[str] = Field(default_factory=list)
    note: str | None = None


class Recovery(_Model):
    """The cheapest plan (crashing, fast-tracking, re-assignment) that
    finishes by ``target``, or how far off the shortest plan is.

    ``proven``: the answer is exact (the cheapest plan, the shortest
    finish or the infeasibility was proven).  ``direct_cost`` is crash +
    overlap + mode costs (:func:`plansat.models.tradeoff.direct_cost`),
    ``cost_delta`` the total cost against the plan's, ``changes`` what
    differs from the plan.
    """

    target: date
    met: bool
    proven: bool = False
    short_by: int = 0
    makespan: int | None = None
    finish_date: date | None = None
    direct_cost: float | None = None
    total_cost: float | None = None
    cost_delta: float | None = None
    crashed: dict[str, int] = Field(default_factory=dict)
    overlaps: list[Overlap] = Field(default_factory=list)
    changes: list[PlanChange] = Field(default_factory=list)
    status: SolveStatus | None = None
    message: str


class WhatIf(_Model):
    """The answer to a what-if: the plan, the change propagated through
    it, and the optimal recovery, side by side.

    ``replanning_saves`` is the propagated delay minus the recovered one
    (what re-planning is worth, in working days).  ``plan`` (not part of
    the JSON) is the recovered plan as a :class:`~plansat.models.Result`
    of the changed project.  ``notes`` says which plan the answer is
    measured against when it is not the one given (after a status
    date: the re-plan at that date, :mod:`plansat.analysis.tracking.basis`).
    """

    changes: list[str]
    baseline: Baseline
    propagated: Propagated
    recovered: Recovered
    replanning_saves: int | None = None
    recovery: Recovery | None = None
    runtime: float = 0.0
    notes: list[str] = Field(default_factory=list)
    plan: SkipJsonSchema[Result | None] = Field(default=None, exclude=True)


Category = Literal[
    "schedule", "people", "skills", "resources", "progress", "infeasible"
]
Severity = Literal["low", "medium", "high"]

#: Severities, least first.
SEVERITIES: tuple[Severity, ...] = ("low", "medium", "high")


class Thresholds(_Model):
    """When a computed impact is medium or high.

    Days are working days of delay; money thresholds default (``None``)
    to 2 % and 10 % of the plan's total cost.  An impact at or above the
    high threshold (in days or in money) is high, at or above the medium
    one medium, any other positive impact low.
    """

    medium_days: int = Field(default=3, ge=1)
    high_days: int = Field(default=10, ge=1)
    medium_cost: float | None = Field(default=None, ge=0)
    high_cost: float | None = Field(default=None, ge=0)

    def severity(
        self, days: int | None, cost: float | None, plan_cost: float
    ) -> Severity | None:
        """The severity of an impact (``None`` when it is nothing)."""
        mid = self.medium_cost if self.medium_cost is not None else (
            0.02 * plan_cost)
        high = self.high_cost if self.high_cost is not None else (
            0.10 * plan_cost)
        d, c = days or 0, cost or 0.0
        if d >= self.high_days or (high > 0 and c >= high):
            return "high"
        if d >= self.medium_days or (mid > 0 and c >= mid):
            return "medium"
        if d > 0 or c > 0:
            return "low"
        return None


class Resolution(_Model):
    """A way to remove or soften a blocker, with its computed effect.

    ``effect_days``: change of the finish in working days (negative:
    earlier) and ``effect_cost``: change of the total cost (negative:
    cheaper), against the blocker's situation; ``status``: of the solve
    behind the figures (OPTIMAL: exact).
    """

    action: str
    effect_days: int | None = None
    effect_cost: float | None = None
    status: SolveStatus | None = None
    detail: str | None = None


class Blocker(_Model):
    """One thing that delays or endangers the plan, with its impact.

    ``impact_days`` and ``impact_cost`` are what it costs the finish and
    the total cost (computed, never guessed); ``severity`` follows from them
    and the :class:`Thresholds`.
    """

    id: str
    category: Category
    severity: Severity
    title: str
    detail: list[str] = Field(default_factory=list)
    tasks: list[str] = Field(default_factory=list)
    people: list[str] = Field(default_factory=list)
    milestones: list[str] = Field(default_factory=list)
    impact_days: int | None = None
    impact_cost: float | None = None
    resolutions: list[Resolution] = Field(default_factory=list)


class SkillGain(_Model):
    """What one more person with ``skill`` at ``level`` buys: the working
    days the optimal finish moves earlier and the change of the total
    cost (``status``: of the re-solve with the hypothetical person)."""

    skill: str
    level: int
    rate: float
    days_saved: int | None = None
    cost_delta: float | None = None
    status: SolveStatus


class BlockerReport(_Model):
    """Blockers of a project's plan, most severe first.

    Attributes
    ----------
    status
        The plan's status (INFEASIBLE: the project has no schedule).
    baseline
        The plan the impacts are measured against.
    blockers
        Ranked: severity, then days, then money.
    skills
        For every skill the tasks need, what one more person buys.
    notes
        What was not computed, and why.
    """

    project: str
    status: SolveStatus
    baseline: Baseline | None = None
    thresholds: Thresholds = Field(default_factory=Thresholds)
    blockers: list[Blocker] = Field(default_factory=list)
    skills: list[SkillGain] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    runtime: float = 0.0
