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
  blocked ranges its work reaches: each range starting before its
  running end pushes the end by its length, in ascending order (exact
  for the same reason).
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
    for _ in range(1 if net.acyclic else n + 1):
        changed = False
        for j in net.order:
            if j in net.fixed:
                continue
            s = np.full(size, net.release[j], dtype=np.int32)
            for i, c, from_start, minus_d in net.into[j]:
                bound = _source(net, i, from_start, start, finish) + c
                np.maximum(s, bound - d[j] if minus_d else bound, out=s)
            if j in net.splits:
                e = _split(net.blocked[j], s, d[j])
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
    blocked: list[tuple[int, int]], s: np.ndarray, d: np.ndarray
) -> np.ndarray:
    """Finish of a split task of ``d`` worked days from ``s`` (moved, in
    place, off any blocked day it falls on): the blocked ranges its
    work reaches lengthen it.  Zero-length tasks don't move."""
    work = d > 0
    for b0, b1 in blocked:
        s[work & (s >= b0) & (s < b1)] = b1
    e = s + d
    for b0, b1 in blocked:
        e[work & (b0 >= s) & (b0 < e)] += b1 - b0
    return e


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
    for _ in range(1 if net.acyclic else net.size + 1):
        before = int(crit.sum()) if not net.acyclic else 0
        for j in reversed(net.order):
            c = ev.finish[j] == ev.makespan
            for k, const, from_start, minus_d in net.out[j]:
                bound = _source(net, j, from_start, ev.start, ev.finish)
                bound = bound + const - (d[k] if minus_d else 0)
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
    for _ in range(1 if net.acyclic else n + 1):
        changed = False
        for j in net.order:
            if j in net.fixed:
                continue
            s = net.release[j]
            for i, c, from_start, minus_d in net.into[j]:
                x = (net.anchor.get(i, start[i]) if from_start
                     else finish[i])
                s = max(s, x + c - (d[j] if minus_d else 0))
            e = s + d[j]
            for b0, b1 in net.blocked[j]:
                if d[j] == 0:
                    break
                if j in net.splits:  # pause over it, or start after it
                    if b0 <= s < b1:
                        s, e = b1, b1 + d[j]
                    elif s <= b0 < e:
                        e += b1 - b0
                elif s < b1 and s + d[j] > b0:
                    s = b1
                    e = s + d[j]
            changed = changed or s != start[j]
            start[j], finish[j] = s, e
        if net.acyclic or not changed:
            return start, finish
    raise ValueError(
        "a sample can't keep the plan's order: leads (negative lags) "
        "against it close a positive cycle"
    )
