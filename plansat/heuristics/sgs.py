"""The serial schedule generation scheme on arrays, compiled when numba is
installed (the ``fast`` extra).

The genetic algorithm (:mod:`plansat.heuristics.genetic`) spends its time
decoding task orders into schedules and justifying them (backward, then
forward again).  These kernels do both on integer arrays; with numba they
are compiled to machine code on first use (and cached on disk), without
it :data:`COMPILED` is false and the genetic algorithm keeps its pure
Python decoder.  The kernels themselves are in
:mod:`plansat.heuristics.sgs_kernels`, imported on first use.
``python -m benchmarks.sgs`` measures both side by side.

Arrays: ``duration``, ``release`` (n,); ``demand`` (n, R); ``capacity``
(R,); links in compressed rows, ``ptr`` (n + 1,), ``pred`` and ``lag``:
for ``k`` in ``ptr[j]:ptr[j + 1]``, ``start[j] >= start[pred[k]] +
lag[k]``.
"""

from __future__ import annotations

from importlib.util import find_spec
from typing import Any

import numpy as np

#: Whether numba (the ``fast`` extra) is installed; the kernels
#: (:mod:`plansat.heuristics.sgs_kernels`) load on first use.
COMPILED = find_spec("numba") is not None


class Kernel:
    """A problem as arrays, decoded by the compiled kernels.

    Parameters
    ----------
    duration, release, capacity
        Per task, per task, per resource.
    demand
        Per task, ``(resource index, units)`` pairs.
    links
        Per task, ``(predecessor, offset)`` pairs.
    horizon
        A day no serial schedule reaches (tightened from the durations
        and offsets: the array of free capacity is that long).
    """

    def __init__(self, duration: list[int], release: list[int],
                 demand: list[list[tuple[int, int]]], capacity: list[int],
                 links: list[list[tuple[int, int]]], horizon: int) -> None:
        n = len(duration)
        self.duration = np.asarray(duration, dtype=np.int64)
        self.release = np.asarray(release, dtype=np.int64)
        self.capacity = np.asarray(capacity, dtype=np.int64)
        self.demand = np.zeros((n, max(1, len(capacity))), dtype=np.int64)
        for j, uses in enumerate(demand):
            for r, q in uses:
                self.demand[j, r] += q
        self.ptr = np.zeros(n + 1, dtype=np.int64)
        self.ptr[1:] = np.cumsum([len(into) for into in links])
        self.pred = np.asarray([i for into in links for i, _ in into],
                               dtype=np.int64)
        self.lag = np.asarray([a for into in links for _, a in into],
                              dtype=np.int64)
        after: list[list[int]] = [[] for _ in range(n)]
        for j, into in enumerate(links):
            for i, _ in into:
                after[i].append(j)
        self.succ_ptr = np.zeros(n + 1, dtype=np.int64)
        self.succ_ptr[1:] = np.cumsum([len(out) for out in after])
        self.succ = np.asarray([j for out in after for j in out],
                               dtype=np.int64)
        # A serial schedule's latest end grows by at most each task's
        # duration plus its largest positive link offset.
        reach = int(self.release.max(initial=0)) + sum(
            d + max([0, *(a for _, a in into)])
            for d, into in zip(duration, links, strict=True)) + 1
        self.horizon = min(horizon, reach)

    def schedule(self, order: np.ndarray) -> np.ndarray:
        """Serial SGS starts of ``order``."""
        from plansat.heuristics.sgs_kernels import schedule

        return schedule(order, self.duration, self.release, self.demand,
                        self.capacity, self.ptr, self.pred, self.lag,
                        self.horizon)

    def order(self, priority: np.ndarray) -> np.ndarray:
        """Tasks by ascending ``priority``, each after its predecessors."""
        from plansat.heuristics.sgs_kernels import topological

        return topological(priority.astype(np.float64), self.ptr,
                           self.pred, self.succ_ptr, self.succ)

    def arrays(self) -> tuple[Any, ...]:
        """The arrays :func:`~plansat.heuristics.sgs_kernels.justify`
        takes for this direction."""
        return (self.duration, self.release, self.demand, self.capacity,
                self.ptr, self.pred, self.lag, self.succ_ptr, self.succ,
                self.horizon)


def justify(order: np.ndarray, fwd: tuple[Any, ...],
            bwd: tuple[Any, ...]) -> tuple[int, np.ndarray, np.ndarray, int]:
    """Forward SGS of ``order``, then backward-forward passes while they
    shorten the plan (``fwd``, ``bwd``: :meth:`Kernel.arrays` of the
    problem and its mirror): makespan, order, starts and the number of
    schedules decoded."""
    from plansat.heuristics.sgs_kernels import justify as compiled

    span, best, start, count = compiled(order, fwd, bwd)
    return int(span), best, start, int(count)
