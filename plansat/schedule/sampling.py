"""Evaluate a fixed plan under sampled durations, all samples at once.

The **plan's policy**: every task keeps the plan's people and pooled
resources; it starts as soon as its links, its people's and its
resources' earlier tasks in the plan, its earliest start and the status
date allow, and on a day from which it covers none of its people's
vacation days.  That is a longest path over the plan's partial order,
computed for N samples at once: one numpy vector of N values per task,
tasks in topological order (:func:`evaluate`).  :func:`evaluate_one` is
the same arithmetic for one sample in plain Python (the naive loop the
benchmark compares with, and a cross-check in the tests).

The partial order (:func:`build_network`):

- **links** FS/SS/FF/SF with their lags, an FS link minus the overlap
  days the plan chose (fast-tracking);
- **people and renewable resources**: for each person and each renewable
  resource, task ``i`` precedes task ``j`` whenever the plan finishes
  ``i`` no later than it starts ``j`` (transitively reduced).  Tasks the
  plan ran side by side stay unordered.  This is exact, not an
  approximation: tasks that pairwise overlap in a sample overlapped
  pairwise in the plan, so (intervals on a line, Helly) all on one day
  of the plan, where availability and capacity held;
- **vacations** (exact): a task can't cover a blocked working day of any
  of its people.  Its start moves past every merged blocked range of its
  people's union that ``[start, start + duration)`` would touch, in
  ascending order; one pass is exact because the ranges are sorted and
  disjoint, and it gives the first start at or after the bound at which
  the task fits.  Zero-length tasks cover no day.  A **splittable**
  task instead starts on the first day not blocked and pauses over the
  blocked ranges its work reaches; an FF or SF link bounds its
  *finish*, which its pauses move, so it starts on the first day from
  which its ``d`` worked days end on the bound or later
  (:class:`~plansat.schedule.segments.WorkedDays`, the one definition
  the CPM and the serial schedule use too).
- ``links`` policy (the critical-path-only simulation): links, earliest
  starts and the status date only; no people, resources or vacations.

Progress (a project with a ``status_date``): a done task sits at its
actual dates; an in-progress task's remaining work starts on or after
AT (its start-based links still count from its actual start); nothing
unstarted starts before AT.  With a baseline result, the remaining work
of the tasks in progress comes before every unstarted task of the same
person or resource; a re-plan result (rows with a ``state``) is followed
as it is.

Durations are integer working days, one row per task in project order;
a done task's row is ignored (its actual span is used) and an
in-progress task's row is its remaining work.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from plansat.schedule.partial_order import (
    PlanTask,
    SampleNetwork,
    build_network,
    plan_tasks,
)
from plansat.schedule.segments import WorkedDays, earliest_start

__all__ = [
    "Evaluation",
    "PlanTask",
    "SampleNetwork",
    "build_network",
    "critical",
    "evaluate",
    "evaluate_one",
    "plan_tasks",
]


@dataclass
class Evaluation:
    """Starts and finishes, ``(tasks, samples)``, and the finish of the
    project per sample (``makespan``)."""

    start: np.ndarray
    finish: np.ndarray
    makespan: np.ndarray


def _source(
    net: SampleNetwork, i: int, from_start: bool, start: np.ndarray,
    finish: np.ndarray,
) -> np.ndarray | int:
    if from_start:
        return net.anchor[i] if i in net.anchor else start[i]
    return finish[i]


def evaluate(net: SampleNetwork, durations: np.ndarray) -> Evaluation:
    """Schedule every sample by the plan's policy, all at once.

    Parameters
    ----------
    net
        From :func:`build_network`.
    durations
        Integer days, shape ``(tasks, samples)``, tasks in project order.

    Raises
    ------
    ValueError
        When a sample can't keep the plan's order (a lead against it
        closes a cycle that the sampled durations make positive).
    """
    d = np.asarray(durations, dtype=np.int32)
    n, size = d.shape
    start = np.empty((n, size), dtype=np.int32)
    finish = np.empty((n, size), dtype=np.int32)
    for j in range(n):
        start[j] = net.fixed[j][0] if j in net.fixed else net.release[j]
        finish[j] = net.fixed[j][1] if j in net.fixed else start[j] + d[j]
    days = {j: WorkedDays(net.blocked[j]) for j in net.splits}
    for _ in range(1 if net.acyclic else n + 1):
        changed = False
        for j in net.order:
            if j in net.fixed:
                continue
            s = np.full(size, net.release[j], dtype=np.int32)
            f = None
            for i, c, from_start, minus_d in net.into[j]:
                bound = _source(net, i, from_start, start, finish) + c
                if minus_d and j in days:  # a bound on its finish
                    f = bound if f is None else np.maximum(f, bound)
                else:
                    np.maximum(s, bound - d[j] if minus_d else bound,
                               out=s)
            if j in days:
                s, e = _split(days[j], s, f, d[j])
            else:
                for b0, b1 in net.blocked[j]:
                    hit = (s < b1) & (s + d[j] > b0) & (d[j] > 0)
                    s[hit] = b1
                e = s + d[j]
            if not net.acyclic:
                changed = changed or bool((s != start[j]).any())
            start[j] = s
            finish[j] = e
        if not changed:
            break
    else:
        raise ValueError(
            "a sample can't keep the plan's order: leads (negative lags) "
            "against it close a positive cycle"
        )
    return Evaluation(start, finish, finish.max(axis=0, initial=0))


def _split(
    w: WorkedDays, s: np.ndarray, f: np.ndarray | int | None,
    d: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Start and finish of a split task of ``d`` worked days from ``s``
    (moved off any blocked day it falls on) that ends on ``f`` or later
    (``None``: no finish bound).  Zero-length tasks don't move off
    blocked days."""
    work = d > 0
    if f is not None:
        late = np.asarray(w.earliest_start(f, np.maximum(d, 1)))
        s = np.maximum(s, np.where(work, late, f))
    s = np.where(work, np.asarray(w.first_free(s)), s).astype(np.int32)
    e = np.where(work, np.asarray(w.finish(s, np.maximum(d, 1))), s)
    return s, e.astype(np.int32)


def critical(
    net: SampleNetwork, ev: Evaluation, durations: np.ndarray
) -> np.ndarray:
    """Which tasks are on the critical chain in each sample.

    A task is critical when it finishes last, or when an edge from it
    to a critical task is binding (the successor starts exactly at the
    edge's bound; a task a vacation pushed later is driven by the
    vacation, not by its predecessors).

    Returns
    -------
    numpy.ndarray
        Booleans, shape ``(tasks, samples)``.
    """
    d = np.asarray(durations, dtype=np.int32)
    crit = np.zeros(ev.start.shape, dtype=bool)
    days = {j: WorkedDays(net.blocked[j]) for j in net.splits}
    for _ in range(1 if net.acyclic else net.size + 1):
        before = int(crit.sum()) if not net.acyclic else 0
        for j in reversed(net.order):
            c = ev.finish[j] == ev.makespan
            for k, const, from_start, minus_d in net.out[j]:
                bound = _source(net, j, from_start, ev.start, ev.finish)
                bound = bound + const
                if minus_d and k in days:  # its earliest start for it
                    bound, _ = _split(days[k], np.full_like(d[k], -2**30),
                                      bound + 0 * d[k], d[k])
                elif minus_d:
                    bound = bound - d[k]
                c |= crit[k] & (ev.start[k] == bound)
            crit[j] = c
        if net.acyclic or int(crit.sum()) == before:
            break
    return crit


def evaluate_one(
    net: SampleNetwork, durations: Sequence[int]
) -> tuple[list[int], list[int]]:
    """:func:`evaluate` for one sample, in plain Python: starts and
    finishes per task (the naive loop of the benchmark)."""
    n, d = net.size, list(durations)
    start = [net.fixed[j][0] if j in net.fixed else net.release[j]
             for j in range(n)]
    finish = [net.fixed[j][1] if j in net.fixed else start[j] + d[j]
              for j in range(n)]
    days = {j: WorkedDays(net.blocked[j]) for j in net.splits}
    for _ in range(1 if net.acyclic else n + 1):
        changed = False
        for j in net.order:
            if j in net.fixed:
                continue
            s, f = net.release[j], None
            for i, c, from_start, minus_d in net.into[j]:
                x = (net.anchor.get(i, start[i]) if from_start
                     else finish[i]) + c
                if minus_d and j in days:  # a bound on its finish
                    f = x if f is None else max(f, x)
                else:
                    s = max(s, x - (d[j] if minus_d else 0))
            if j not in days:
                s = earliest_start(net.blocked[j], s, d[j])
                e = s + d[j]
            elif d[j] == 0:
                s = e = s if f is None else max(s, f)
            else:
                w = days[j]
                if f is not None:
                    s = max(s, int(w.earliest_start(f, d[j])))
                s = int(w.first_free(s))
                e = int(w.finish(s, d[j]))
            changed = changed or s != start[j]
            start[j], finish[j] = s, e
        if net.acyclic or not changed:
            return start, finish
    raise ValueError(
        "a sample can't keep the plan's order: leads (negative lags) "
        "against it close a positive cycle"
    )
