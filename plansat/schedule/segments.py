"""The pieces a split task works in: its span less its people's blocked
days (:meth:`~plansat.models.Project.blocked_days`), its resources'
days off (:meth:`~plansat.models.Project.resource_days_off`) and its own
calendar's (:meth:`~plansat.models.Project.task_days_off`).

This is the one definition of when a task works, shared by the model's
companions (CPM, the serial schedule, float, Monte Carlo's fixed-order
evaluation, the result): a task that doesn't split needs ``d`` days in a
row outside its blocks (:func:`earliest_start`, :func:`latest_start`); a
split task starts on a day outside them and ends the day after its
``d``-th such day (:class:`WorkedDays`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from plansat.models import Project, Task

#: A day before any schedule (the sentinel block of :class:`WorkedDays`).
_BEFORE = -(2**30)


def task_blocks(
    project: Project,
    people: Iterable[str],
    resources: Iterable[str] = (),
    stop: int | None = None,
    task: Task | None = None,
) -> list[tuple[int, int]]:
    """The days ``people`` (any of them) or ``resources`` are off, or
    ``task``'s own calendar doesn't work, as sorted, merged ``[start,
    stop)`` pairs (those starting before ``stop`` when given)."""
    days = [r for pid in dict.fromkeys(people)
            for r in project.blocked_days(project.person(pid))]
    days += [r for rid in dict.fromkeys(resources)
             for r in project.resource_days_off(
                 project.resources[project.resource_index[rid]])]
    if task is not None:
        days += project.task_days_off(task)
    if stop is not None:
        days = [r for r in days if r.start < stop]
    merged: list[list[int]] = []
    for a, b in sorted((r.start, r.stop) for r in days):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def earliest_start(
    blocks: Sequence[tuple[int, int]], start: int, days: int
) -> int:
    """First start at or after ``start`` of ``days`` days in a row
    outside ``blocks`` (sorted, disjoint; a task that doesn't split).
    Zero days fit anywhere."""
    if days == 0:
        return start
    for a, b in blocks:
        if start < b and start + days > a:
            start = b
    return start


class WorkedDays:
    """Day arithmetic of a split task over the days outside ``blocks``.

    Every method takes a day (or days: a numpy array, for all the
    samples of Monte Carlo at once) and answers in kind.  Days are
    numbered among the *free* days (outside the blocks) by
    :meth:`count`; :meth:`nth` is its inverse.

    Parameters
    ----------
    blocks
        Sorted, disjoint ``[start, stop)`` pairs (:func:`task_blocks`).

    Examples
    --------
    Blocked days 3-4 (a Mon-Wed person's Thu-Fri): 3 days from day 2
    are worked on days 2, 5 and 6, so they end on day 7; to end by day
    7 they start on day 2 at the latest; to end on day 7 or later they
    start on day 2 at the earliest (day 1 ends on day 6).

    >>> w = WorkedDays([(3, 5)])
    >>> w.finish(2, 3), w.latest_start(7, 3), w.earliest_start(7, 3)
    (7, 2, 2)
    >>> w.finish(3, 2)  # from a blocked day: starts on day 5
    7
    """

    def __init__(self, blocks: Sequence[tuple[int, int]]) -> None:
        lo = np.array([_BEFORE] + [a for a, _ in blocks], dtype=np.int64)
        hi = np.array([_BEFORE] + [b for _, b in blocks], dtype=np.int64)
        #: blocked days before block ``i`` (``i`` in 0..m+1)
        self.cum = np.concatenate(([0], np.cumsum(hi - lo)))
        self.lo, self.hi = lo, hi
        #: free days before block ``i``
        self.free_before = lo - self.cum[:-1]

    def count(self, day: int | np.ndarray) -> int | np.ndarray:
        """Number of free days before ``day`` (an index that
        :meth:`nth` inverts on free days)."""
        d = np.asarray(day, dtype=np.int64)
        i = np.searchsorted(self.lo, d, side="left") - 1
        blocked = self.cum[i] + np.minimum(d, self.hi[i]) - self.lo[i]
        return _like(day, d - blocked)

    def nth(self, k: int | np.ndarray) -> int | np.ndarray:
        """The free day numbered ``k`` (:meth:`count` of it is ``k``)."""
        n = np.asarray(k, dtype=np.int64)
        i = np.searchsorted(self.free_before, n, side="right") - 1
        return _like(k, n + self.cum[i + 1])

    def finish(
        self, start: int | np.ndarray, days: int | np.ndarray
    ) -> int | np.ndarray:
        """The day after the ``days``-th free day from ``start`` (which
        moves to the first free day; ``days >= 1``)."""
        return _like(start, np.asarray(self.nth(
            np.asarray(self.count(start)) + days - 1)) + 1)

    def first_free(self, day: int | np.ndarray) -> int | np.ndarray:
        """The first free day at or after ``day``."""
        return self.nth(self.count(day))

    def latest_start(
        self, finish: int | np.ndarray, days: int | np.ndarray
    ) -> int | np.ndarray:
        """Latest start of ``days >= 1`` free days done by ``finish``."""
        return self.nth(np.asarray(self.count(finish)) - days)

    def earliest_start(
        self, finish: int | np.ndarray, days: int | np.ndarray
    ) -> int | np.ndarray:
        """Earliest start of ``days >= 1`` free days that end on
        ``finish`` or later (the last one is the first free day at or
        after ``finish - 1``)."""
        last = np.asarray(self.first_free(np.asarray(finish) - 1))
        return self.nth(np.asarray(self.count(last)) + 1 - days)


def own_key(task: Task) -> str:
    """What a memo of :func:`task_blocks` adds to its key for ``task``:
    its id when it has a calendar of its own, else nothing."""
    return task.id if task.calendar is not None else ""


def _like(model: int | np.ndarray, value: np.ndarray) -> int | np.ndarray:
    """``value`` as an ``int`` when ``model`` is a Python int."""
    if isinstance(model, np.ndarray):
        return value
    return int(value)


def latest_start(
    blocks: list[tuple[int, int]], finish: int, days: int, split: bool
) -> int:
    """Latest start of ``days`` days of work done by ``finish`` outside
    ``blocks``: in a row, or, ``split``, pausing over them."""
    if days == 0:
        return finish
    if not split:
        s = finish - days
        for a, b in reversed(blocks):
            if s < b and s + days > a:
                s = a - days
        return s
    return int(WorkedDays(blocks).latest_start(finish, days))


def segments(
    project: Project,
    start: int,
    finish: int,
    people: Iterable[str],
    resources: Iterable[str] = (),
    task: Task | None = None,
) -> list[tuple[int, int]]:
    """The runs ``[a, b)`` of days of ``[start, finish)`` on which all of
    ``people`` work, all of ``resources`` are open and ``task``'s own
    calendar works, in order.

    Examples
    --------
    A Monday-to-Wednesday person from Monday 2026-06-01: days 0-9 are
    worked on days 0-2 and 5-7.

    >>> p = Project.model_validate({
    ...     "start": "2026-06-01",
    ...     "people": [{"id": "pat", "calendar": {
    ...         "workdays": ["Mon", "Tue", "Wed"]}}],
    ...     "tasks": [{"id": "A", "duration": 6}]})
    >>> segments(p, 0, 10, ["pat"])
    [(0, 3), (5, 8)]
    """
    cuts = [(a, b) for a, b in task_blocks(project, people, resources,
                                           finish, task) if b > start]
    out: list[tuple[int, int]] = []
    day = start
    for lo, hi in cuts:
        if lo > day:
            out.append((day, min(lo, finish)))
        day = max(day, hi)
        if day >= finish:
            break
    if day < finish:
        out.append((day, finish))
    return out
