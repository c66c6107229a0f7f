"""The critical-path method's passes for tasks with pinned people: on
the days all those people work (and the task's resources are open), by
the one definition of :mod:`plansat.schedule.segments`.

A task that doesn't split sits only on ``d`` days in a row of them; a
split task starts on one and counts ``d`` of them, pausing over the
others.  Links into a task give *start* bounds (FS, SS) and *finish*
bounds (FF, SF), kept apart: forwards the task takes the earliest start
that meets both, backwards the latest.
"""

from __future__ import annotations

from plansat.models import Project
from plansat.schedule.network import FF, FS, SS, Network
from plansat.schedule.segments import (
    WorkedDays,
    earliest_start,
    latest_start,
    task_blocks,
)

#: Per task index, its pinned people's blocked days (and its resources'
#: days off) and whether it splits; tasks left out run on the grid.
Days = dict[int, tuple[list[tuple[int, int]], bool]]


def worked_days(project: Project) -> Days:
    """The blocked days of the tasks whose people are pinned (those
    with some)."""
    out: Days = {}
    for k, t in enumerate(project.tasks):
        if not t.assigned and t.calendar is None:
            continue
        uses = t.alternatives[0].uses if len(t.alternatives) == 1 else {}
        blocks = task_blocks(project, t.assigned, uses, task=t)
        if blocks:
            out[k] = (blocks, project.splits(t))
    return out


def _place_early(
    days: tuple[list[tuple[int, int]], bool], start: int,
    finish: int | None, d: int,
) -> tuple[int, int]:
    """Earliest ``(es, ef)`` from ``start`` that ends at ``finish`` or
    later (``None``: no such bound), on the working days of ``days``."""
    blocks, split = days
    if finish is not None and (d == 0 or not split):
        start = max(start, finish - d)
    if not split or d == 0:
        s = earliest_start(blocks, start, d)
        return s, s + d
    w = WorkedDays(blocks)
    s = int(w.first_free(start))
    if finish is not None:
        s = max(s, int(w.earliest_start(finish, d)))
    return s, int(w.finish(s, d))


def _place_late(
    days: tuple[list[tuple[int, int]], bool], start: int | None,
    finish: int, d: int,
) -> tuple[int, int]:
    """Latest ``(ls, lf)`` starting by ``start`` (``None``: no such
    bound) and done by ``finish``, on the working days of ``days``."""
    blocks, split = days
    if start is not None and (d == 0 or not split):
        finish = min(finish, start + d)
    if not split or d == 0:
        s = latest_start(blocks, finish, d, False)
        return s, s + d
    w = WorkedDays(blocks)
    s = int(w.latest_start(finish, d))
    if start is not None:
        s = min(s, int(w.latest_start(start + 1, 1)))
    return s, int(w.finish(s, d))


def early_on_days(
    net: Network, j: int, es: list[int], ef: list[int],
    days: tuple[list[tuple[int, int]], bool], d: int, release: int,
) -> tuple[int, int]:
    """Forward pass of task ``j`` on its people's working days: start
    bounds (FS, SS) and finish bounds (FF, SF) apart."""
    start, finish = release, None
    for e in range(net.first_in[j], net.first_in[j + 1]):
        i, code, lag = net.src[e], net.kind[e], net.lag[e]
        if code == FS:
            start = max(start, ef[i] + lag)
        elif code == SS:
            start = max(start, es[i] + lag)
        else:
            bound = (ef[i] if code == FF else es[i]) + lag
            finish = bound if finish is None else max(finish, bound)
    return _place_early(days, start, finish, d)


def late_on_days(
    net: Network, i: int, ls: list[int], lf: list[int],
    days: tuple[list[tuple[int, int]], bool], d: int, cap: int,
) -> tuple[int, int]:
    """Backward pass of task ``i`` on its people's working days: finish
    bounds (FS, FF) and start bounds (SS, SF) apart."""
    finish, start = cap, None
    for e in net.out[net.first_out[i] : net.first_out[i + 1]]:
        j, code, lag = net.dst[e], net.kind[e], net.lag[e]
        if code == FS:
            finish = min(finish, ls[j] - lag)
        elif code == FF:
            finish = min(finish, lf[j] - lag)
        else:
            bound = (ls[j] if code == SS else lf[j]) - lag
            start = bound if start is None else min(start, bound)
    return _place_late(days, start, finish, d)
