"""Sampled durations for the Monte Carlo of
:mod:`plansat.analysis.risk.simulation`.

Every duration is a whole number of working days.  A task's three-point
``estimate`` (a, m, b) describes it at its ``duration``; the plan may
run it shorter or longer (crashing, another mode) and a task in
progress has only part of it left, so the sample is scaled by ``s =
days to evaluate / duration`` and **rounded half up**: ``d = floor(s·X
+ 0.5)``, never below 0.  The distribution of ``d`` is computed exactly
(:func:`rounded`: ``P(d <= k) = F((k + 0.5) / s)`` with ``F`` the CDF of
``X``) and sampled by inverting it, so one uniform number gives one
duration and correlated uniforms give correlated durations.

- ``pert``: X = a + (b − a)·Beta(α, β) with α = 1 + 4(m − a)/(b − a),
  β = 1 + 4(b − m)/(b − a) (mean (a + 4m + b)/6); the beta CDF is the
  regularised incomplete beta function (continued fraction);
- ``triangular`` and ``uniform`` on [a, b];
- ``uniform_int``: the whole days a..b equally likely (the discrete
  hook of the enumeration tests), then scaled and rounded as above.

a = b gives a constant.  Tasks without an estimate keep the plan's days.

**Correlation** (Gaussian copula, one factor per WBS branch): tasks
with the same parent outline path (``2.1`` and ``2.2`` are in branch
``2``) draw ``U = Φ(√r·F + √(1 − r)·E)`` with one standard normal ``F``
per branch and sample, ``E`` per task, and ``r = 2 sin(π ρ / 6)``, the
normal correlation whose Spearman rank correlation is ``ρ``.  ρ = 1
gives the same uniform, so equal estimates give equal durations.

**Risk events**: in each sample an event strikes with its probability;
when it does, one delay drawn from its three-point ``delay`` (same
distribution, rounded half up) is added to every unfinished task it
hits.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from plansat.models import Project
from plansat.models.risk import Distribution
from plansat.schedule.sampling import PlanTask

__all__ = [
    "Discrete",
    "Draw",
    "DurationModel",
    "beta_cdf",
    "duration_model",
    "normal_cdf",
    "rounded",
    "task_uniforms",
]

_TOP = float(np.nextafter(1.0, 0.0))  # largest uniform below 1


@dataclass(frozen=True)
class Discrete:
    """A distribution on whole days: ``values`` ascending, ``cdf`` the
    probability of each value or less (the last is 1)."""

    values: np.ndarray
    cdf: np.ndarray

    def sample(self, u: np.ndarray) -> np.ndarray:
        """The values at uniforms ``u`` (inverse CDF)."""
        if len(self.values) == 1:
            return np.full(np.shape(u), self.values[0], dtype=np.int32)
        k = np.searchsorted(self.cdf, np.minimum(u, _TOP), side="right")
        return self.values[k]

    @property
    def probabilities(self) -> np.ndarray:
        """Probability of each value."""
        return np.diff(self.cdf, prepend=0.0)

    @property
    def mean(self) -> float:
        """Expected value."""
        return float(self.values @ self.probabilities)

    @property
    def constant(self) -> bool:
        """Whether there is one value only."""
        return len(self.values) == 1


def constant(days: int) -> Discrete:
    """A duration of exactly ``days``."""
    return Discrete(np.array([days], dtype=np.int32), np.array([1.0]))


def beta_cdf(x: float, a: float, b: float) -> float:
    """The regularised incomplete beta function I_x(a, b).

    Continued fraction with the modified Lentz method (Numerical
    Recipes, 6.4); about 1e-14 relative accuracy.

    Examples
    --------
    >>> round(beta_cdf(0.5, 2.0, 2.0), 12)  # 3x² − 2x³
    0.5
    >>> round(beta_cdf(0.25, 1.0, 3.0), 12)  # 1 − (1 − x)³
    0.578125
    """
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    front = math.exp(
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
        + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _fraction(a, b, x) / a
    return 1.0 - front * _fraction(b, a, 1.0 - x) / b


def _fraction(a: float, b: float, x: float) -> float:
    tiny = 1e-300

    def guard(v: float) -> float:
        return tiny if abs(v) < tiny else v

    c, d = 1.0, 1.0 / guard(1.0 - (a + b) * x / (a + 1.0))
    h = d
    for m in range(1, 500):
        even = m * (b - m) * x / ((a - 1.0 + 2 * m) * (a + 2 * m))
        d = 1.0 / guard(1.0 + even * d)
        c = guard(1.0 + even / c)
        h *= d * c
        odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 1.0 + 2 * m))
        d = 1.0 / guard(1.0 + odd * d)
        c = guard(1.0 + odd / c)
        h *= d * c
        if abs(d * c - 1.0) < 1e-15:
            break
    return h


def _cdf(distribution: str, a: float, m: float, b: float, x: float) -> float:
    """P(X <= x) for the continuous distributions on [a, b] (a < b)."""
    if x <= a:
        return 0.0
    if x >= b:
        return 1.0
    if distribution == "uniform":
        return (x - a) / (b - a)
    if distribution == "triangular":
        if x <= m:
            return (x - a) ** 2 / ((b - a) * (m - a))
        return 1.0 - (b - x) ** 2 / ((b - a) * (b - m))
    alpha = 1.0 + 4.0 * (m - a) / (b - a)
    beta = 1.0 + 4.0 * (b - m) / (b - a)
    return beta_cdf((x - a) / (b - a), alpha, beta)


def _half_up(value: float) -> int:
    return max(0, math.floor(value + 0.5 + 1e-9))


def rounded(
    a: int, m: int, b: int, scale: float, distribution: Distribution
) -> Discrete:
    """The distribution of ``floor(scale·X + 0.5)`` for X from the
    three-point estimate (a, m, b).

    Examples
    --------
    Continuous uniform on [2, 6], rounded half up: 2 and 6 get half the
    weight of 3, 4 and 5.

    >>> d = rounded(2, 4, 6, 1.0, "uniform")
    >>> d.values.tolist(), d.probabilities.round(3).tolist()
    ([2, 3, 4, 5, 6], [0.125, 0.25, 0.25, 0.25, 0.125])
    >>> rounded(8, 10, 12, 0.4, "uniform_int").values.tolist()
    [3, 4, 5]
    """
    if distribution == "uniform_int":
        days = [_half_up(scale * k) for k in range(a, b + 1)]
        values, counts = np.unique(days, return_counts=True)
        cdf = np.cumsum(counts) / len(days)
        cdf[-1] = 1.0
        return Discrete(values.astype(np.int32), cdf)
    if a == b or scale <= 0:
        return constant(_half_up(scale * a))
    lo, hi = _half_up(scale * a), _half_up(scale * b)
    values = np.arange(lo, hi + 1, dtype=np.int32)
    cdf = np.array(
        [_cdf(distribution, a, m, b, (k + 0.5) / scale) for k in values]
    )
    cdf[-1] = 1.0
    return Discrete(values, np.maximum.accumulate(cdf))


def normal_cdf(z: np.ndarray) -> np.ndarray:
    """Φ(z), vectorised (complementary error function of Numerical
    Recipes, 6.2: fractional error below 1.2e-7).

    Examples
    --------
    >>> normal_cdf(np.array([0.0, 1.959964])).round(6).tolist()
    [0.5, 0.975]
    """
    x = np.abs(np.asarray(z, dtype=np.float64)) / math.sqrt(2.0)
    t = 1.0 / (1.0 + 0.5 * x)
    poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (
        0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (
            -1.13520398 + t * (1.48851587 + t * (
                -0.82215223 + t * 0.17087277))))))))
    tail = 0.5 * t * np.exp(-x * x + poly)  # P(Z > |z|)
    return np.where(np.asarray(z) >= 0, 1.0 - tail, tail)


def task_uniforms(
    rng: np.random.Generator,
    tasks: int,
    samples: int,
    groups: Sequence[Sequence[int]] = (),
    correlation: float = 0.0,
) -> np.ndarray:
    """Uniforms ``(tasks, samples)``, rank-correlated ``correlation``
    within each group (Gaussian copula, one factor per group)."""
    u = rng.random((tasks, samples))
    if correlation <= 0:
        return u
    r = min(1.0, 2.0 * math.sin(math.pi * correlation / 6.0))
    for group in groups:
        common = rng.standard_normal(samples)
        own = rng.standard_normal((len(group), samples))
        z = math.sqrt(r) * common + math.sqrt(1.0 - r) * own
        u[list(group)] = normal_cdf(z)
    return u


@dataclass(frozen=True)
class RiskDraw:
    """A risk event ready to sample."""

    probability: float
    delay: Discrete
    tasks: tuple[int, ...]


@dataclass
class Draw:
    """Sampled durations ``(tasks, samples)`` and which risk events
    struck ``(risks, samples)``."""

    durations: np.ndarray
    struck: np.ndarray


@dataclass
class DurationModel:
    """What to sample: one :class:`Discrete` per task (project order),
    the risk events, the WBS branches to correlate, and notes."""

    tasks: list[Discrete]
    risks: list[RiskDraw] = field(default_factory=list)
    groups: list[list[int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def draw(
        self, rng: np.random.Generator, samples: int,
        correlation: float = 0.0,
    ) -> Draw:
        """Durations and risk strikes for ``samples`` samples."""
        u = task_uniforms(rng, len(self.tasks), samples, self.groups,
                          correlation)
        d = np.empty(u.shape, dtype=np.int32)
        for k, dist in enumerate(self.tasks):
            d[k] = dist.sample(u[k])
        chance = np.array([r.probability for r in self.risks])
        struck = rng.random((len(self.risks), samples)) < chance[:, None]
        delays = rng.random((len(self.risks), samples))
        for e, risk in enumerate(self.risks):
            extra = np.where(struck[e], risk.delay.sample(delays[e]), 0)
            for k in risk.tasks:
                d[k] += extra.astype(np.int32)
        return Draw(d, struck)


def duration_model(
    project: Project,
    tasks: Sequence[PlanTask],
    distribution: Distribution = "pert",
) -> DurationModel:
    """The :class:`DurationModel` of a plan's tasks (see the module
    docstring for the scaling, the rounding and the branches)."""
    dists: list[Discrete] = []
    warnings: list[str] = []
    for t, p in zip(project.tasks, tasks, strict=True):
        e = t.estimate
        if p.state == "done" or e is None:
            dists.append(constant(p.duration))
        elif t.duration == 0:
            if e.pessimistic > 0:
                warnings.append(
                    f"{t.id}: a milestone keeps 0 days; its estimate is "
                    "ignored"
                )
            dists.append(constant(0))
        else:
            dists.append(rounded(e.optimistic, e.likely, e.pessimistic,
                                 p.duration / t.duration, distribution))
    index = project.task_index
    risks = []
    for r in project.risks:
        hit = tuple(index[i] for i in r.tasks if tasks[index[i]].state
                    != "done")
        d = r.delay
        risks.append(RiskDraw(
            r.probability,
            rounded(d.optimistic, d.likely, d.pessimistic, 1.0,
                    distribution),
            hit,
        ))
    return DurationModel(dists, risks, _branches(project, dists), warnings)


def _branches(project: Project, dists: Sequence[Discrete]) -> list[list[int]]:
    """Tasks with a spread grouped by their WBS parent (2 or more)."""
    groups: dict[str, list[int]] = {}
    for k, t in enumerate(project.tasks):
        if t.wbs and "." in t.wbs and not dists[k].constant:
            groups.setdefault(t.wbs.rsplit(".", 1)[0], []).append(k)
    return [g for g in groups.values() if len(g) > 1]
