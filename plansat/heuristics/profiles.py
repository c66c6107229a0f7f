"""What the serial schedule knows while it places tasks: the people's
and resources' usage per day, their days off, and how it staffs a task
(:mod:`plansat.heuristics.constructive`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from plansat.models import Mode, Project, Task
from plansat.models.matching import match_slots
from plansat.schedule.segments import WorkedDays, own_key, task_blocks


class Profiles:
    """Per-day usage of people and resources, growing on demand."""

    def __init__(self, project: Project, horizon: int) -> None:
        self.project = project
        n_people, n_res = len(project.people), len(project.resources)
        self.people = np.zeros((n_people, horizon), dtype=np.int32)
        self.blocked = np.zeros((n_people, horizon), dtype=bool)
        self.resources = np.zeros((n_res, horizon), dtype=np.int32)
        for i, person in enumerate(project.people):
            for days in project.blocked_days(person):
                self.blocked[i, days.start : min(days.stop, horizon)] = True
        self.avail = np.array(
            [p.availability for p in project.people], dtype=np.int32
        )
        self.load = np.zeros(n_people, dtype=np.int64)
        self.cap = np.array(
            [r.capacity for r in project.resources], dtype=np.int32
        )
        self.worked: dict[tuple[tuple[str, ...], tuple[str, ...], str],
                          WorkedDays] = {}
        #: days each resource is closed (its own calendar)
        self.closed = np.zeros((n_res, horizon), dtype=bool)
        for k, res in enumerate(project.resources):
            for days in project.resource_days_off(res):
                self.closed[k, days.start : min(days.stop, horizon)] = True

    def worked_days(
        self, people: Iterable[str], uses: Iterable[str], task: Task
    ) -> WorkedDays:
        """:class:`~plansat.schedule.segments.WorkedDays` of ``people``,
        resources ``uses`` and ``task``'s own calendar together
        (memoised)."""
        names = tuple(sorted(set(people)))
        held = tuple(sorted(set(uses)))
        key = (names, held, own_key(task))
        if key not in self.worked:
            self.worked[key] = WorkedDays(task_blocks(
                self.project, names, held, task=task))
        return self.worked[key]

    def own_fit(self, task: Task, t0: int, span: int, d: int) -> np.ndarray:
        """For each start in ``[t0, t0 + span)``, whether ``task``'s own
        calendar works each of the ``d`` days from it (a task that
        doesn't split)."""
        busy = np.zeros(span + d, dtype=bool)
        for days in self.project.task_days_off(task):
            lo, hi = max(days.start, t0), min(days.stop, t0 + span + d)
            if lo < hi:
                busy[lo - t0 : hi - t0] = True
        return np.asarray(self.window_ok(busy[None, :], t0, span, d)[0])

    @property
    def horizon(self) -> int:
        return int(self.people.shape[1])

    def grow(self, needed: int) -> None:
        extra = max(needed - self.horizon, self.horizon)
        pad = ((0, 0), (0, extra))
        self.people = np.pad(self.people, pad)
        self.blocked = np.pad(self.blocked, pad)
        self.resources = np.pad(self.resources, pad)
        self.closed = np.pad(self.closed, pad)

    def window_ok(
        self, busy: np.ndarray, t0: int, span: int, duration: int
    ) -> np.ndarray:
        """Rows of ``busy`` (bool, over ``[t0, t0 + span + duration)``) that
        are free on every day of ``[s, s + duration)``, for each ``s`` in
        ``[t0, t0 + span)``."""
        ones = np.cumsum(busy, axis=1, dtype=np.int32)
        ones = np.pad(ones, ((0, 0), (1, 0)))
        return (ones[:, duration : duration + span] - ones[:, :span]) == 0


@dataclass
class Option:
    """Where and with whom one mode of a task can run."""

    mode: int
    start: int
    duration: int
    people: list[list[int]]
    uses: list[tuple[int, int]]
    #: days worked, when fewer than ``duration`` (a split task's pauses)
    worked: int | None = None


@dataclass
class Staffing:
    """Who may work a mode of a task (person indices) and the pooled
    resources it holds.

    Attributes
    ----------
    quals
        Per need, the qualified people.
    extra
        Pinned people beyond the needs (they work the task besides).
    cand
        Every person who may work it, sorted.
    res
        ``(resource index, units)`` of its renewable resources.
    pinned
        Pinned people who fill need slots.
    """

    quals: list[list[int]]
    extra: list[int]
    cand: list[int]
    res: list[tuple[int, int]]
    pinned: set[int]


def staffing(project: Project, task: Task, mode: Mode) -> Staffing:
    """Who may work ``mode`` of ``task``, and what it holds."""
    pidx = project.person_index
    quals = [[pidx[p.id] for p in project.qualified(task, n)]
             for n in mode.needs]
    extra = [pidx[p] for p in project.extra_people(task)]
    cand = sorted({i for q in quals for i in q} | set(extra))
    res = [
        (project.resource_index[r], u) for r, u in mode.uses.items()
        if project.resources[project.resource_index[r]].renewable
    ]
    pinned = {pidx[p] for p in task.assigned} - set(extra)
    return Staffing(quals, extra, cand, res, pinned)


def resources_fit(profiles: Profiles, res: list[tuple[int, int]],
                   t0: int, span: int, d: int) -> np.ndarray:
    """For each start in ``[t0, t0 + span)``, whether the pooled
    resources ``res`` (index, units) have room for ``d`` days."""
    if not res:
        return np.ones(span, dtype=bool)
    rows = np.array([r for r, _ in res])
    units = np.array([u for _, u in res])
    window = slice(t0, t0 + span + d)
    busy = (profiles.resources[rows, window] + units[:, None]
            > profiles.cap[rows, None]) | profiles.closed[rows, window]
    return np.asarray(profiles.window_ok(busy, t0, span, d).all(axis=0))


def fill(
    mode: Mode,
    quals: list[list[int]],
    free: set[int],
    pinned: set[int],
    load: np.ndarray,
    first: Mapping[int, int] | None = None,
) -> list[list[int]] | None:
    """People per need, preferring the least busy so far (those of
    least ``first`` before, when given)."""
    slots: list[list[str]] = []
    owners: list[int] = []
    order = first or {}
    for k, (need, q) in enumerate(zip(mode.needs, quals, strict=True)):
        ranked = sorted((p for p in q if p in free),
                        key=lambda p: (order.get(p, 0), load[p]))
        if len(ranked) < need.count:
            return None
        slots += [[str(p) for p in ranked]] * need.count
        owners += [k] * need.count
    match = match_slots(slots, {str(p) for p in pinned})
    if len(match) < len(slots) or not all(str(p) in match for p in pinned):
        return None
    chosen: list[list[int]] = [[] for _ in mode.needs]
    for person, slot in sorted(match.items(), key=lambda kv: kv[1]):
        chosen[owners[slot]].append(int(person))
    return chosen
