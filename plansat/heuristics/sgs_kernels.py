"""The compiled kernels of :mod:`plansat.heuristics.sgs` (numba).

Imported only when a compiled decoder is first needed, so that importing
plansat never pays for numba.  Arrays: see :mod:`plansat.heuristics.sgs`.
"""

import numpy as np
from numba import njit


@njit(cache=True)
def schedule(order, duration, release, demand, capacity, ptr, pred, lag,
             horizon):
    """Starts of the tasks placed in ``order`` by the serial SGS (each at
    the first time its links and the capacities allow)."""
    n, n_res = demand.shape
    free = np.empty((n_res, horizon), dtype=np.int64)
    for r in range(n_res):
        free[r, :] = capacity[r]
    start = np.zeros(n, dtype=np.int64)
    for j in order:
        t = release[j]
        for k in range(ptr[j], ptr[j + 1]):
            at = start[pred[k]] + lag[k]
            if at > t:
                t = at
        d = duration[j]
        if d > 0:
            run = 0
            u = t
            while run < d:
                fits = True
                for r in range(n_res):
                    if demand[j, r] > 0 and free[r, u] < demand[j, r]:
                        fits = False
                        break
                if fits:
                    run += 1
                else:
                    run = 0
                u += 1
            t = u - d
            for r in range(n_res):
                q = demand[j, r]
                if q > 0:
                    for v in range(t, t + d):
                        free[r, v] -= q
        start[j] = t
    return start


@njit(cache=True)
def topological(priority, ptr, pred, succ_ptr, succ):
    """Tasks by ascending ``priority``, each after its predecessors (a
    binary heap on arrays)."""
    n = priority.shape[0]
    waiting = np.empty(n, dtype=np.int64)
    for j in range(n):
        waiting[j] = ptr[j + 1] - ptr[j]
    heap = np.empty(n, dtype=np.int64)
    size = 0
    out = np.empty(n, dtype=np.int64)
    for j in range(n):
        if waiting[j] == 0:
            size = _push(heap, size, j, priority)
    m = 0
    while size > 0:
        i = heap[0]
        size -= 1
        heap[0] = heap[size]
        _sift_down(heap, size, priority)
        out[m] = i
        m += 1
        for k in range(succ_ptr[i], succ_ptr[i + 1]):
            j = succ[k]
            waiting[j] -= 1
            if waiting[j] == 0:
                size = _push(heap, size, j, priority)
    return out


@njit(cache=True)
def _before(a, b, priority):
    """Heap order: priority, then index."""
    return priority[a] < priority[b] or (priority[a] == priority[b]
                                         and a < b)


@njit(cache=True)
def _push(heap, size, j, priority):
    """Add ``j``; the new size."""
    heap[size] = j
    c = size
    while c > 0:
        p = (c - 1) // 2
        if _before(heap[c], heap[p], priority):
            heap[c], heap[p] = heap[p], heap[c]
            c = p
        else:
            break
    return size + 1


@njit(cache=True)
def _sift_down(heap, size, priority):
    """Restore the heap from its root."""
    c = 0
    while True:
        left = 2 * c + 1
        if left >= size:
            break
        best = left
        if left + 1 < size and _before(heap[left + 1], heap[left],
                                       priority):
            best = left + 1
        if _before(heap[best], heap[c], priority):
            heap[c], heap[best] = heap[best], heap[c]
            c = best
        else:
            break


@njit(cache=True)
def justify(order, fwd, bwd):
    """Forward SGS of ``order``, then backward-forward passes while they
    shorten the plan (``fwd``, ``bwd``: :meth:`Kernel.arrays` of the
    problem and its mirror): ``(makespan, order, starts, schedules)``."""
    dur = fwd[0]
    start = schedule(order, fwd[0], fwd[1], fwd[2], fwd[3], fwd[4], fwd[5],
                     fwd[6], fwd[9])
    best = (start + dur).max()
    count = 1
    while True:
        back_order = topological((-(start + dur)).astype(np.float64),
                                 bwd[4], bwd[5], bwd[7], bwd[8])
        back = schedule(back_order, bwd[0], bwd[1], bwd[2], bwd[3], bwd[4],
                        bwd[5], bwd[6], bwd[9])
        end = (back + dur).max()
        new_order = topological((end - back - dur).astype(np.float64),
                                fwd[4], fwd[5], fwd[7], fwd[8])
        new = schedule(new_order, fwd[0], fwd[1], fwd[2], fwd[3], fwd[4],
                       fwd[5], fwd[6], fwd[9])
        span = (new + dur).max()
        count += 2
        if span >= best:
            return best, order, start, count
        best, order, start = span, new_order, new
