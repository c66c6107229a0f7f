"""Statistics of the Monte Carlo samples: percentiles, their standard
error, histograms, rank correlations, criticality.

Percentile convention (inverted empirical CDF): the q-percentile of N
samples is the smallest sampled value ``v`` with at least ``q·N``
samples ``<= v``, i.e. the sorted sample of rank ``ceil(q·N)``.

Standard error of a percentile: distribution-free, from order
statistics.  The number of samples below the true q-quantile is
binomial (N, q), so the quantile lies with about 95 % confidence between
the sorted samples of ranks ``N·q ± 1.96·√(N·q·(1 − q))``; the standard
error reported is that band's width / (2 × 1.96).  With whole days it is
0 when the whole band falls on one day (the percentile would not move
with more samples).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

import numpy as np

from plansat.models import Project
from plansat.models.risk import (
    PERCENTILES,
    FinishDates,
    FinishStats,
    HistogramBin,
    Outlook,
)

__all__ = [
    "Z95",
    "average_ranks",
    "finish_date",
    "histogram",
    "outlook",
    "percentile",
    "percentile_se",
    "spearman",
]

#: The normal quantile of a two-sided 95 % band.
Z95 = 1.959964


def percentile(ordered: np.ndarray, q: float) -> int:
    """The q-percentile of sorted samples (inverted empirical CDF).

    Examples
    --------
    The maximum of two uniform {2..6}: 16 of the 25 pairs are <= 5.

    >>> pairs = np.sort([max(a, b) for a in range(2, 7)
    ...                  for b in range(2, 7)])
    >>> percentile(pairs, 0.5), percentile(pairs, 0.8)
    (5, 6)
    """
    n = len(ordered)
    rank = math.ceil(round(q * n, 9))
    return int(ordered[min(max(rank, 1), n) - 1])


def percentile_se(ordered: np.ndarray, q: float) -> float:
    """Standard error of the q-percentile of sorted samples (see the
    module docstring)."""
    n = len(ordered)
    half = Z95 * math.sqrt(n * q * (1.0 - q))
    lo = min(max(math.floor(n * q - half), 1), n)
    hi = min(max(math.ceil(n * q + half), 1), n)
    return float(ordered[hi - 1] - ordered[lo - 1]) / (2.0 * Z95)


def finish_date(project: Project, days: int) -> date:
    """Date a project finishing after ``days`` working days ends."""
    return project.work_calendar.date_of(max(days - 1, 0))


def histogram(finish: np.ndarray) -> list[HistogramBin]:
    """Samples per finish day."""
    days, counts = np.unique(finish, return_counts=True)
    return [
        HistogramBin(days=int(d), count=int(c))
        for d, c in zip(days, counts, strict=True)
    ]


def outlook(project: Project, finish: np.ndarray) -> Outlook:
    """Percentiles, dates, deadline probability and histogram of the
    project finish samples."""
    ordered = np.sort(finish)
    cuts = {k: percentile(ordered, q) for k, q in PERCENTILES.items()}
    stats = FinishStats(
        mean=round(float(finish.mean()), 6),
        std=round(float(finish.std()), 6),
        min=int(ordered[0]),
        max=int(ordered[-1]),
        **cuts,
    )
    dates = FinishDates(
        **{k: finish_date(project, v) for k, v in cuts.items()}
    )
    chance = None
    if project.deadline is not None:
        bound = project.work_calendar.finish_bound(project.deadline)
        chance = float((finish <= bound).mean())
    return Outlook(finish=stats, finish_dates=dates,
                   deadline_probability=chance,
                   histogram=histogram(finish))


def average_ranks(values: np.ndarray) -> np.ndarray:
    """Ranks 1..N of integer samples, ties sharing their average rank.

    Examples
    --------
    >>> average_ranks(np.array([5, 3, 5, 9])).tolist()
    [2.5, 1.0, 2.5, 4.0]
    """
    low = int(values.min())
    counts = np.bincount(values - low)
    below = np.cumsum(counts) - counts
    return (below + (counts + 1) / 2.0)[values - low]


def spearman(durations: np.ndarray, finish: np.ndarray) -> np.ndarray:
    """Spearman rank correlation of each row of ``durations`` with
    ``finish`` (0 for a row or a finish that does not vary)."""
    out = np.zeros(len(durations))
    if finish.min() == finish.max():
        return out
    rf = average_ranks(finish)
    rf -= rf.mean()
    norm_f = math.sqrt(float(rf @ rf))
    for k, row in enumerate(durations):
        if row.min() == row.max():
            continue
        r = average_ranks(row)
        r -= r.mean()
        out[k] = float(r @ rf) / (math.sqrt(float(r @ r)) * norm_f)
    return out


def any_rows(flags: np.ndarray, rows: Sequence[int]) -> np.ndarray:
    """Per sample, whether any of ``rows`` of ``flags`` is set."""
    if not rows:
        return np.zeros(flags.shape[1], dtype=bool)
    return np.logical_or.reduce(flags[list(rows)], axis=0)
