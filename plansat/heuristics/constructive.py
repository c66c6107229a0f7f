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
from contextlib import suppress

import numpy as np

from plansat.heuristics.profiles import (
    Option,
    Profiles,
    fill,
    resources_fit,
    staffing,
)
from plansat.heuristics.splits import UnplaceableError, find_split
from plansat.models import Mode, Project, Task
from plansat.models.base import CALENDAR_MARGIN
from plansat.schedule.cpm import critical_path
from plansat.schedule.plan import Plan, crude_horizon

log = logging.getLogger(__name__)


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
    profiles = Profiles(project, crude_horizon(project))
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


def _bounds(
    project: Project, task: Task, plan: Plan
) -> tuple[int, int | None]:
    """Earliest start of ``task`` allowed by its window and its
    scheduled predecessors' FS and SS links, and the earliest finish
    their FF and SF links allow (``None``: none)."""
    est = max(project.earliest_start_index(task), 0)
    finish: int | None = None
    for dep in task.after:
        s, f = plan.start[dep.task], plan.finish(dep.task)
        if dep.type in ("FS", "SS"):
            est = max(est, (f if dep.type == "FS" else s) + dep.lag)
        else:
            bound = (f if dep.type == "FF" else s) + dep.lag
            finish = bound if finish is None else max(finish, bound)
    return est, finish


def _earliest(start: int, finish: int | None, d: int) -> int:
    """Earliest start of a task of ``d`` days in a row from ``start``
    that ends on ``finish`` or later."""
    return max(start, 0 if finish is None else finish - d)


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
    profiles: Profiles,
    plan: Plan,
    budget: _Budget,
) -> None:
    """Schedule ``task`` in the mode that finishes first (a split task,
    which has one mode, by its segments or in one piece, whichever ends
    first; in one piece on a tie)."""
    start, finish = _bounds(project, task, plan)
    if project.splits(task) and task.duration > 0:
        options = [find_split(project, task, start, finish, profiles)]
        with suppress(UnplaceableError):  # in one piece, if no later
            options.append(_find(project, task, 0, _earliest(
                start, finish, task.duration), profiles))
    else:
        options = [
            _find(project, task, k, _earliest(
                start, finish, task.alternatives[k].duration), profiles)
            for k in budget.allowed(task)
        ]
    best = min(
        options,
        key=lambda o: (o.start + o.duration, task.alternatives[o.mode].cost,
                       o.mode, o.worked is not None),
    )
    budget.take(task, best.mode)
    _commit(project, task, best, profiles, plan)


def _find(
    project: Project,
    task: Task,
    k: int,
    earliest: int,
    profiles: Profiles,
) -> Option:
    """First start from ``earliest`` at which mode ``k`` fits."""
    mode = task.alternatives[k]
    d = mode.duration
    if d == 0:
        return Option(k, earliest, 0, [], [])
    staff = staffing(project, task, mode)
    quals, extra, cand = staff.quals, staff.extra, staff.cand
    res, pinned = staff.res, staff.pinned
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
        ok = resources_fit(profiles, res, t0, span, d)
        ok &= profiles.own_fit(task, t0, span, d)
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
            chosen = fill(mode, quals, free, pinned, profiles.load)
            if chosen is None:
                continue
            if extra:
                chosen.append(extra)
            return Option(k, t0 + int(offset), d, chosen, res)
        t0 += span


def _commit(
    project: Project,
    task: Task,
    option: Option,
    profiles: Profiles,
    plan: Plan,
) -> None:
    start, end = option.start, option.start + option.duration
    worked = option.duration if option.worked is None else option.worked
    for need_people in option.people:
        for p in need_people:
            profiles.people[p, start:end] += task.allocation
            profiles.load[p] += task.allocation * worked
    for r, units in option.uses:
        profiles.resources[r, start:end] += units
    plan.start[task.id] = start
    plan.duration[task.id] = option.duration
    if option.worked is not None:
        plan.worked[task.id] = option.worked
    if task.modes:
        plan.mode[task.id] = option.mode
    plan.people[task.id] = [
        [project.people[p].id for p in need_people]
        for need_people in option.people
    ]
