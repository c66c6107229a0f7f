"""Redundant constraints that strengthen propagation and bounds.

None changes the set of feasible schedules; each helps CP-SAT prove
optimality sooner.  Which ones apply is chosen by a
:class:`~plansat.solver.strengthenings.Strengthenings`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from ortools.sat.python import cp_model

from plansat.models import Project, Resource, Task
from plansat.schedule import chains
from plansat.schedule.cpm import topological_order
from plansat.solver.strengthenings import Strengthenings
from plansat.solver.variables import Variables


def add(v: Variables, parts: Strengthenings) -> None:
    """Add the strengthenings ``parts`` asks for."""
    if parts.disjunctive:
        _disjunctive(v)
    if parts.tails:
        _tails(v)
    if parts.workforce:
        _workforce(v)
    if parts.delays and len(v.project.tasks) <= DELAYS_MAX_TASKS:
        _energy_delays(v)


#: Tasks taking more than ``capacity / (m + 1)`` run at most ``m`` at a
#: time; the energy bounds try ``m = 1 .. PARALLEL``.
PARALLEL = 3

#: Largest project for the pairwise delays (their number grows with the
#: square of the task count).
DELAYS_MAX_TASKS = 300

#: Entries of the (task, successor, task between) array computed at once.
_CHUNK = 4_000_000


def _workforce(v: Variables) -> None:
    """Skill pools as cumulative resources.

    At any time, the slots of running tasks that need ``skill`` at level
    ``L`` or more are filled by distinct people from the pool of those
    with ``skill >= L``: their allocations add up to at most the pool's
    availability.  One pool per skill and level in use, plus one for all
    people together.
    """
    p = v.project
    items: list[tuple[str, int, cp_model.IntervalVar, int]] = []
    for t in p.tasks:
        for k, mode in enumerate(t.alternatives):
            if mode.duration == 0:
                continue
            for need in mode.needs:
                demand = need.count * t.allocation
                items.append((need.skill, need.level,
                              v.task_interval(t.id, k), demand))
    if not items:
        return
    pools: dict[tuple[str, int], int] = {}
    for skill, level, _, _ in items:
        pools[skill, level] = sum(
            person.availability for person in p.people
            if person.level(skill) >= level
        )
    for (skill, level), capacity in pools.items():
        chosen = [(i, q) for s, lv, i, q in items
                  if s == skill and lv >= level]
        if sum(q for _, q in chosen) > capacity:
            v.model.add_cumulative([i for i, _ in chosen],
                                   [q for _, q in chosen], capacity)
    everyone = sum(person.availability for person in p.people)
    if sum(q for *_, q in items) > everyone:
        v.model.add_cumulative([i for _, _, i, _ in items],
                               [q for *_, q in items], everyone)


def _disjunctive(v: Variables) -> None:
    """No-overlap over (task, mode) intervals that pairwise can't share a
    renewable resource: each takes more than half its capacity."""
    p = v.project
    for res in p.resources:
        if not res.renewable:
            continue
        users = [
            (t.id, k, mode.uses[res.id])
            for t in p.tasks
            for k, mode in enumerate(t.alternatives)
            if mode.duration > 0 and res.id in mode.uses
        ]
        big = [(t, k) for t, k, q in users if 2 * q > res.capacity]
        if 2 <= len(big) < len(users):  # all big: capacity is a no-overlap
            v.model.add_no_overlap([v.task_interval(t, k) for t, k in big])


def _tails(v: Variables) -> None:
    """``makespan >= start + tail`` along the longest FS/SS chains
    (:func:`plansat.schedule.chains.tails`)."""
    assert v.makespan is not None
    for task_id, tail in chains.tails(v.project).items():
        if tail > v.project.task(task_id).min_duration:
            v.model.add(v.makespan >= v.start[task_id] + tail)


@dataclass
class EnergyBounds:
    """Bounds from resource energy along FS chains (see
    :func:`energy_bounds`).

    Attributes
    ----------
    heads
        ``start >= head`` per task id.
    tails
        ``makespan >= start + tail`` per task id (own duration included).
    delays
        ``(i, j, gap)``: ``start_j >= start_i + gap``.
    """

    heads: dict[str, int] = field(default_factory=dict)
    tails: dict[str, int] = field(default_factory=dict)
    delays: list[tuple[str, str, int]] = field(default_factory=list)


def energy_bounds(p: Project) -> EnergyBounds:
    """Minimum delays between chained tasks from the work between them.

    When ``k`` follows ``i`` and precedes ``j`` through FS links without
    leads or overlap, ``k`` runs inside ``[end_i, start_j)``; so for every
    renewable resource ``r`` the tasks between take at least their energy
    (minimum duration times units) divided by the capacity:
    ``start_j >= start_i + d_i + ceil(E_r(between) / C_r)``; and those
    taking more than ``C_r / (m + 1)`` units run at most ``m`` at a time,
    so their durations summed, divided by ``m``, bound the gap too.  The same
    holds from day 0 to ``start_j`` for all of ``j``'s predecessors
    (heads) and from ``end_i`` to the makespan for all of ``i``'s
    successors (tails).  A bound is kept only where it beats the longest
    chain of durations, which the links already give.

    The sets of tasks are rows of Boolean arrays and the bounds of many
    sets are one matrix product (numpy), so the pairwise delays cost
    milliseconds on a 120-task project.
    """
    out = EnergyBounds()
    resources = [r for r in p.resources if r.renewable]
    if not resources:
        return out
    order = topological_order(p)
    index = {task_id: n for n, task_id in enumerate(order)}
    tasks = [p.task(task_id) for task_id in order]
    chain_succ: list[list[int]] = [[] for _ in tasks]
    for n, t in enumerate(tasks):
        for dep in t.after:
            if dep.type == "FS" and dep.lag >= 0 and not dep.max_overlap:
                chain_succ[index[dep.task]].append(n)
    after = _closure(chain_succ)
    before = after.T.copy()
    path, to_end = _chain_paths(tasks, chain_succ)
    weights, divisors = _energy_weights(tasks, resources)

    def need(members: np.ndarray) -> np.ndarray:
        """The bound of each set of tasks (Booleans along the last
        axis)."""
        sums = np.rint(members.astype(np.float64) @ weights)
        return np.max(-(-sums.astype(np.int64) // divisors), axis=-1)

    tails = need(after)
    heads = need(before)
    for n, t in enumerate(tasks):
        if tails[n] > to_end[n]:
            out.tails[t.id] = t.min_duration + int(tails[n])
        if heads[n] > p.earliest_start_index(t):
            out.heads[t.id] = int(heads[n])
    d = np.array([t.min_duration for t in tasks], dtype=np.int64)
    rows = max(1, _CHUNK // max(1, len(tasks) ** 2))
    for first in range(0, len(tasks), rows):
        part = slice(first, first + rows)
        # between[i, m, k]: k lies between task first + i and task m
        between = before[None, :, :] & after[part, None, :]
        many = between.sum(axis=2) > 1  # one task or none: links say it
        gaps = need(between)
        kept = after[part] & many & (gaps > path[part])
        for i, m in np.argwhere(kept).tolist():
            n = first + i
            out.delays.append((tasks[n].id, tasks[m].id,
                               int(d[n] + gaps[i, m])))
    return out


def _closure(chain_succ: list[list[int]]) -> np.ndarray:
    """``after[n, m]``: ``m`` follows ``n`` along the chains (tasks in
    topological order)."""
    size = len(chain_succ)
    after = np.zeros((size, size), dtype=bool)
    for n in reversed(range(size)):
        for m in chain_succ[n]:
            after[n] |= after[m]
            after[n, m] = True
    return after


def _energy_weights(
    tasks: list[Task], resources: list[Resource]
) -> tuple[np.ndarray, np.ndarray]:
    """Per resource, the columns whose sums over a set of tasks, divided
    (rounded up), bound the time the set takes: the energy over the
    capacity, and for ``m = 1 .. PARALLEL`` the minimum durations of the
    tasks taking more than ``capacity / (m + 1)`` over ``m``."""
    short = np.array([t.min_duration for t in tasks], dtype=np.int64)
    shape = (len(tasks), len(resources))
    energy = np.array([[_min_energy(t, r.id) for r in resources]
                       for t in tasks], dtype=np.int64).reshape(shape)
    units = np.array([[_min_units(t, r.id) for r in resources]
                      for t in tasks], dtype=np.int64).reshape(shape)
    columns, divisors = [], []
    for k, res in enumerate(resources):
        cap = res.capacity
        columns.append(energy[:, k])
        divisors.append(cap)
        for m in range(1, PARALLEL + 1):
            columns.append(np.where(units[:, k] * (m + 1) > cap, short, 0))
            divisors.append(m)
    weights = np.array(columns, dtype=np.float64).T
    return weights, np.array(divisors, dtype=np.int64)


def _energy_delays(v: Variables) -> None:
    """Post :func:`energy_bounds` on the model."""
    bounds = energy_bounds(v.project)
    assert v.makespan is not None
    model = v.model
    for task_id, head in bounds.heads.items():
        model.add(v.start[task_id] >= head)
    for task_id, tail in bounds.tails.items():
        model.add(v.makespan >= v.start[task_id] + tail)
    for i, j, gap in bounds.delays:
        model.add(v.start[j] >= v.start[i] + gap)


def _min_energy(task: Task, resource_id: str) -> int:
    """Fewest unit-days of ``resource_id`` any choice of ``task`` takes."""
    if task.crash:
        return task.crash.duration * task.uses.get(resource_id, 0)
    return min(m.duration * m.uses.get(resource_id, 0)
               for m in task.alternatives)


def _min_units(task: Task, resource_id: str) -> int:
    """Fewest units of ``resource_id`` any choice of ``task`` takes."""
    return min(m.uses.get(resource_id, 0) for m in task.alternatives)


def _chain_paths(
    tasks: list[Task], chain_succ: list[list[int]]
) -> tuple[np.ndarray, np.ndarray]:
    """Longest chains of durations: ``between[n, m]`` strictly between
    ``n`` and its chained successor ``m`` (-1 where ``m`` doesn't follow
    ``n``), and ``to_end[n]`` after ``n`` to the end."""
    size = len(tasks)
    short = np.array([t.min_duration for t in tasks], dtype=np.int64)
    between = np.full((size, size), -1, dtype=np.int64)
    to_end = np.zeros(size, dtype=np.int64)
    for n in reversed(range(size)):
        succ = chain_succ[n]
        if not succ:
            continue
        d = short[succ]
        far = between[succ]  # via each successor, onwards
        row = np.where(far >= 0, far + d[:, None], -1).max(axis=0)
        row[succ] = np.maximum(row[succ], 0)  # nothing between
        between[n] = row
        to_end[n] = (d + to_end[succ]).max()
    return between, to_end
