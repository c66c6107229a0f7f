"""A fast constructive schedule: skill-aware serial schedule generation.

Tasks are taken in precedence order by latest start (from the critical-path
method); each starts at the first day on which its pooled resources have
room and enough free, qualified people can fill its needs.  The result is a
feasible plan (deadlines aside) used as a CP-SAT hint and as the
``heuristic`` strategy.  It uses nominal durations: no crashing, no overlap.
"""

from __future__ import annotations

import heapq
import logging
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from plansat.models import Mode, Project, Task
from plansat.models.base import CALENDAR_MARGIN
from plansat.models.matching import match_slots
from plansat.schedule.cpm import critical_path
from plansat.schedule.plan import Plan, crude_horizon

log = logging.getLogger(__name__)


class UnplaceableError(ValueError):
    """A task fits nowhere: its people never have enough working days in
    a row (the serial schedule places split tasks without pauses)."""


class _Profiles:
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
        for k, res in enumerate(project.resources):  # closed: full
            for days in project.resource_days_off(res):
                self.resources[k, days.start : min(days.stop, horizon)] = (
                    res.capacity)

    @property
    def horizon(self) -> int:
        return int(self.people.shape[1])

    def grow(self, needed: int) -> None:
        extra = max(needed - self.horizon, self.horizon)
        pad = ((0, 0), (0, extra))
        self.people = np.pad(self.people, pad)
        self.blocked = np.pad(self.blocked, pad)
        self.resources = np.pad(self.resources, pad)

    def window_ok(
        self, busy: np.ndarray, t0: int, span: int, duration: int
    ) -> np.ndarray:
        """Rows of ``busy`` (bool, over ``[t0, t0 + span + duration)``) that
        are free on every day of ``[s, s + duration)``, for each ``s`` in
        ``[t0, t0 + span)``."""
        ones = np.cumsum(busy, axis=1, dtype=np.int32)
        ones = np.pad(ones, ((0, 0), (1, 0)))
        return (ones[:, duration : duration + span] - ones[:, :span]) == 0


def constructive_schedule(
    project: Project, priority: Mapping[str, float] | None = None
) -> Plan:
    """Build a skill- and capacity-feasible schedule greedily.

    Parameters
    ----------
    project
        A validated project.
    priority
        Lower first among the tasks whose predecessors are scheduled
        (default: latest start from the critical-path method).

    Returns
    -------
    Plan
        Starts, durations, modes and people for every task.  Deadlines
        are not guaranteed (the plan is a hint, and a fallback answer).
    """
    if priority is None:
        report = critical_path(project)
        priority = {t.id: t.ls for t in report.tasks}
    late_start = priority
    succ = project.successors()
    waiting = {t.id: len(t.after) for t in project.tasks}
    order = project.task_index
    ready = [
        (late_start[t.id], order[t.id], t.id)
        for t in project.tasks
        if not t.after
    ]
    heapq.heapify(ready)
    profiles = _Profiles(project, crude_horizon(project))
    budget = _Budget(project)
    plan = Plan()
    while ready:
        _, _, task_id = heapq.heappop(ready)
        task = project.task(task_id)
        _place(project, task, profiles, plan, budget)
        for succ_id, _ in succ[task_id]:
            waiting[succ_id] -= 1
            if waiting[succ_id] == 0:
                heapq.heappush(
                    ready, (late_start[succ_id], order[succ_id], succ_id)
                )
    log.debug("constructive schedule: makespan %d", plan.makespan)
    return plan


def _earliest(project: Project, task: Task, plan: Plan, d: int) -> int:
    """Earliest start of ``task`` lasting ``d`` days allowed by its window
    and its scheduled predecessors."""
    est = project.earliest_start_index(task)
    for dep in task.after:
        s, f = plan.start[dep.task], plan.finish(dep.task)
        est = max(
            est,
            {
                "FS": f + dep.lag,
                "SS": s + dep.lag,
                "FF": f + dep.lag - d,
                "SF": s + dep.lag - d,
            }[dep.type],
        )
    return max(est, 0)


@dataclass
class _Option:
    """Where and with whom one mode of a task can run."""

    mode: int
    start: int
    duration: int
    people: list[list[int]]
    uses: list[tuple[int, int]]


class _Budget:
    """Non-renewable pools: each task starts from its thriftiest mode and
    may switch to another while the pools' slack lasts."""

    def __init__(self, project: Project) -> None:
        self.pools = [r for r in project.resources if not r.renewable]
        self.base: dict[str, int] = {}
        self.slack = {r.id: r.capacity for r in self.pools}
        for t in project.tasks:
            shares = [self._share(mode) for mode in t.alternatives]
            k = shares.index(min(shares))
            self.base[t.id] = k
            for r in self.pools:
                self.slack[r.id] -= t.alternatives[k].uses.get(r.id, 0)

    def _share(self, mode: Mode) -> float:
        return sum(mode.uses.get(r.id, 0) / r.capacity for r in self.pools)

    def _extra(self, task: Task, k: int) -> dict[str, int]:
        base = task.alternatives[self.base[task.id]]
        mode = task.alternatives[k]
        return {r.id: mode.uses.get(r.id, 0) - base.uses.get(r.id, 0)
                for r in self.pools}

    def allowed(self, task: Task) -> list[int]:
        """Modes whose extra consumption fits the slack left."""
        return [
            k for k in range(len(task.alternatives))
            if k == self.base[task.id]
            or all(x <= self.slack[r] for r, x in
                   self._extra(task, k).items())
        ]

    def take(self, task: Task, k: int) -> None:
        """Book mode ``k`` of ``task``."""
        for r, x in self._extra(task, k).items():
            self.slack[r] -= x


def _place(
    project: Project,
    task: Task,
    profiles: _Profiles,
    plan: Plan,
    budget: _Budget,
) -> None:
    """Schedule ``task`` in the mode that finishes first."""
    options = [
        _find(project, task, k, _earliest(project, task, plan,
                                          task.alternatives[k].duration),
              profiles)
        for k in budget.allowed(task)
    ]
    best = min(
        options,
        key=lambda o: (o.start + o.duration, task.alternatives[o.mode].cost,
                       o.mode),
    )
    budget.take(task, best.mode)
    _commit(project, task, best, profiles, plan)


def _find(
    project: Project,
    task: Task,
    k: int,
    earliest: int,
    profiles: _Profiles,
) -> _Option:
    """First start from ``earliest`` at which mode ``k`` fits."""
    mode = task.alternatives[k]
    d = mode.duration
    if d == 0:
        return _Option(k, earliest, 0, [], [])
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
    span = 4 * d + 64
    t0 = earliest
    limit = crude_horizon(project) + CALENDAR_MARGIN
    while True:
        if t0 > limit:
            raise UnplaceableError(
                f"{task.id}: no {d} days in a row on which its people "
                f"work before day {limit}"
            )
        if t0 + span + d > profiles.horizon:
            profiles.grow(t0 + span + d)
        window = slice(t0, t0 + span + d)
        ok = _resources_fit(profiles, res, t0, span, d)
        rows = np.array(cand, dtype=np.int64)
        busy = (
            profiles.people[rows, window] + task.allocation
            > profiles.avail[rows, None]
        ) | profiles.blocked[rows, window]
        ok_people = profiles.window_ok(busy, t0, span, d)
        ok_row = {p: i for i, p in enumerate(cand)}
        for need, q in zip(mode.needs, quals, strict=True):
            ok &= ok_people[[ok_row[p] for p in q]].sum(axis=0) >= need.count
        for p in pinned | set(extra):
            ok &= ok_people[ok_row[p]]
        for offset in np.flatnonzero(ok):
            free = {p for p in cand if ok_people[ok_row[p], offset]}
            chosen = _fill(mode, quals, free, pinned, profiles.load)
            if chosen is None:
                continue
            if extra:
                chosen.append(extra)
            return _Option(k, t0 + int(offset), d, chosen, res)
        t0 += span


def _resources_fit(profiles: _Profiles, res: list[tuple[int, int]],
                   t0: int, span: int, d: int) -> np.ndarray:
    """For each start in ``[t0, t0 + span)``, whether the pooled
    resources ``res`` (index, units) have room for ``d`` days."""
    if not res:
        return np.ones(span, dtype=bool)
    rows = np.array([r for r, _ in res])
    units = np.array([u for _, u in res])
    window = slice(t0, t0 + span + d)
    busy = (profiles.resources[rows, window] + units[:, None]
            > profiles.cap[rows, None])
    return np.asarray(profiles.window_ok(busy, t0, span, d).all(axis=0))


def _fill(
    mode: Mode,
    quals: list[list[int]],
    free: set[int],
    pinned: set[int],
    load: np.ndarray,
) -> list[list[int]] | None:
    """People per need, preferring the least busy so far."""
    slots: list[list[str]] = []
    owners: list[int] = []
    for k, (need, q) in enumerate(zip(mode.needs, quals, strict=True)):
        ranked = sorted((p for p in q if p in free), key=lambda p: load[p])
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


def _commit(
    project: Project,
    task: Task,
    option: _Option,
    profiles: _Profiles,
    plan: Plan,
) -> None:
    start, end = option.start, option.start + option.duration
    for need_people in option.people:
        for p in need_people:
            profiles.people[p, start:end] += task.allocation
            profiles.load[p] += task.allocation * option.duration
    for r, units in option.uses:
        profiles.resources[r, start:end] += units
    plan.start[task.id] = start
    plan.duration[task.id] = option.duration
    if task.modes:
        plan.mode[task.id] = option.mode
    plan.people[task.id] = [
        [project.people[p].id for p in need_people]
        for need_people in option.people
    ]
