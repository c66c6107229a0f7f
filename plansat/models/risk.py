"""The schedule-risk contract: what ``plansat risk`` and
:func:`plansat.analysis.risk.simulation.simulate` report.

Times are working days from the project start (day 0); a finish of ``v``
days ends on the date of working day ``v - 1`` (the convention of
:class:`~plansat.models.Result`).  Percentiles follow the inverted
empirical distribution: ``pXX`` is the smallest number of days ``v``
with at least XX % of the samples finishing by ``v`` (for the maximum of
two independent uniform {2..6} durations, P(max <= 5) = 16/25 = 0.64 and
P(max <= 6) = 1, so P80 = 6).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DISTRIBUTIONS",
    "PERCENTILES",
    "POLICIES",
    "Distribution",
    "FinishDates",
    "FinishStats",
    "HistogramBin",
    "Outlook",
    "PersonRisk",
    "Policy",
    "ReplanStats",
    "RiskEventStats",
    "RiskReport",
    "TaskRisk",
]

#: ``pert`` (beta-PERT), ``triangular`` and ``uniform`` are continuous
#: on [optimistic, pessimistic] and rounded half up to whole days;
#: ``uniform_int`` draws the whole days optimistic..pessimistic with equal
#: probability (the discrete hook of the enumeration tests).
Distribution = Literal["pert", "triangular", "uniform", "uniform_int"]
DISTRIBUTIONS: tuple[str, ...] = get_args(Distribution)

#: ``plan``: every sample follows the plan's order; ``replan``: also
#: re-solve a subsample with CP-SAT.
Policy = Literal["plan", "replan"]
POLICIES: tuple[str, ...] = get_args(Policy)

#: The percentiles reported, by key.
PERCENTILES: dict[str, float] = {
    "p10": 0.10,
    "p50": 0.50,
    "p80": 0.80,
    "p90": 0.90,
    "p95": 0.95,
}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FinishStats(_Model):
    """The distribution of the project finish, in working days."""

    mean: float
    std: float
    min: int
    max: int
    p10: int
    p50: int
    p80: int
    p90: int
    p95: int


class FinishDates(_Model):
    """The percentiles of :class:`FinishStats` as calendar dates."""

    p10: date
    p50: date
    p80: date
    p90: date
    p95: date


class HistogramBin(_Model):
    """``count`` samples finished after exactly ``days`` working days."""

    days: int
    count: int


class Outlook(_Model):
    """Finish distribution, its dates, the chance of meeting the project
    deadline (``None`` without one) and the histogram of the finish."""

    finish: FinishStats
    finish_dates: FinishDates
    deadline_probability: float | None = None
    histogram: list[HistogramBin] = Field(default_factory=list)


class TaskRisk(_Model):
    """How one task drives the finish.

    Attributes
    ----------
    criticality
        Share of samples in which the task is on the critical chain (a
        chain of binding links, people's and resources' hand-overs from
        a release to the finish).
    cruciality
        Spearman rank correlation of the task's duration with the
        project finish (0 when the duration does not vary).
    ssi
        Schedule sensitivity index: criticality × σ(task duration) /
        σ(project finish) (0 when the finish does not vary).
    cpm_criticality
        Criticality in the critical-path-only simulation (links alone).
    duration_mean, duration_std
        Of the sampled duration (remaining work for a task in progress,
        risk delays included).
    finish_mean
        Mean finish, working days.
    deadline, deadline_probability
        The task's own deadline and the share of samples that meet it
        (``None`` without a deadline).
    """

    id: str
    name: str | None = None
    criticality: float
    cruciality: float
    ssi: float
    cpm_criticality: float
    duration_mean: float
    duration_std: float
    finish_mean: float
    deadline: date | None = None
    deadline_probability: float | None = None


class PersonRisk(_Model):
    """Share of samples in which a task of the person is critical."""

    id: str
    name: str | None = None
    criticality: float


class RiskEventStats(_Model):
    """How often a risk event struck and what it cost.

    ``impact`` is the mean finish of the samples where it struck minus
    the mean of those where it did not (``None`` when it always or never
    struck).
    """

    id: str
    name: str | None = None
    probability: float
    occurred: float
    impact: float | None = None


class ReplanStats(_Model):
    """What re-solving a subsample with CP-SAT recovers.

    Attributes
    ----------
    samples
        Samples re-solved (the first ones drawn).
    time_limit
        Seconds per re-solve.
    solved
        Re-solves that found a schedule.
    violations
        Re-solved schedules the independent checker faulted (0 expected).
    plan_makespans, replan_makespans
        Per sample: the finish under the plan's order and after the
        re-solve (``None`` when no schedule was found in time).
    plan_mean, replan_mean, recovered_mean
        Means over the solved samples; ``recovered_mean`` is their
        difference (working days re-planning gains).
    """

    samples: int
    time_limit: float
    solved: int
    violations: int
    plan_makespans: list[int]
    replan_makespans: list[int | None]
    plan_mean: float | None = None
    replan_mean: float | None = None
    recovered_mean: float | None = None


class RiskReport(_Model):
    """Monte Carlo schedule risk of a plan (see
    :func:`plansat.analysis.risk.simulation.simulate`).

    The top-level ``finish``, ``finish_dates``, ``deadline_probability``
    and ``histogram`` are the plan's policy (people, resources and
    vacations respected); ``cpm_only`` is the same samples on the links
    alone.  ``p80_se`` is the standard error of the P80 from the
    order-statistic (binomial) band: the P80 lies with about 95 %
    confidence between the samples of ranks ``N·0.8 ± 1.96·√(N·0.8·0.2)``
    and ``p80_se`` is that band's width / (2 × 1.96).
    """

    iterations: int
    seed: int
    distribution: Distribution
    correlation: float = 0.0
    policy: Policy = "plan"
    plan_makespan: int
    plan_finish_date: date
    deadline: date | None = None
    status_date: date | None = None
    time_now: int | None = None
    finish: FinishStats
    finish_dates: FinishDates
    deadline_probability: float | None = None
    histogram: list[HistogramBin] = Field(default_factory=list)
    p80_se: float
    p80_se_method: str = "order-statistic band (95 %) / 3.92"
    stable: bool | None = None
    cpm_only: Outlook
    tasks: list[TaskRisk] = Field(default_factory=list)
    people: list[PersonRisk] = Field(default_factory=list)
    risks: list[RiskEventStats] = Field(default_factory=list)
    replan: ReplanStats | None = None
    warnings: list[str] = Field(default_factory=list)

    def _repr_html_(self) -> str:
        """The finish percentiles and histogram, as HTML, for
        Jupyter (:mod:`plansat.charts.notebook`)."""
        from plansat.charts.notebook import risk_html

        return risk_html(self)

    def task(self, task_id: str) -> TaskRisk:
        """The row of task ``task_id``."""
        for t in self.tasks:
            if t.id == task_id:
                return t
        raise KeyError(task_id)

    def person(self, person_id: str) -> PersonRisk:
        """The row of person ``person_id``."""
        for p in self.people:
            if p.id == person_id:
                return p
        raise KeyError(person_id)

    def to_frame(self) -> pd.DataFrame:
        """The task rows as a DataFrame, most critical first."""
        import pandas as pd

        columns = list(TaskRisk.model_fields)
        rows = [t.model_dump() for t in self.tasks]
        frame = pd.DataFrame(rows, columns=columns)
        return frame.sort_values(
            ["criticality", "ssi"], ascending=False, kind="stable"
        ).reset_index(drop=True)
