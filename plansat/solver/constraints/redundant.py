"""Redundant constraints that strengthen propagation and bounds.

None changes the set of feasible schedules; each helps CP-SAT prove
optimality sooner.  Which ones apply is chosen by a
:class:`~plansat.solver.strengthenings.Strengthenings`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from plansat.models import Project, Task
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
    """
    out = EnergyBounds()
    resources = [r for r in p.resources if r.renewable]
    if not resources:
        return out
    order = topological_order(p)
    index = {task_id: n for n, task_id in enumerate(order)}
    tasks = [p.task(task_id) for task_id in order]
    energy = [[_min_energy(t, r.id) for t in tasks] for r in resources]
    chain_succ: list[list[int]] = [[] for _ in tasks]
    for n, t in enumerate(tasks):
        for dep in t.after:
            if dep.type == "FS" and dep.lag >= 0 and not dep.max_overlap:
                chain_succ[index[dep.task]].append(n)
    after = [0] * len(tasks)  # bitsets of chained successors
    for n in reversed(range(len(tasks))):
        for m in chain_succ[n]:
            after[n] |= after[m] | (1 << m)
    before = [0] * len(tasks)  # and of chained predecessors
    for n in range(len(tasks)):
        for m in chain_succ[n]:
            before[m] |= before[n] | (1 << n)
    path = _chain_paths(tasks, chain_succ)

    short = [t.min_duration for t in tasks]
    units = [[_min_units(t, r.id) for t in tasks] for r in resources]

    def need(members: int) -> int:
        ks = _bits(members)
        best = 0
        for e, q, res in zip(energy, units, resources, strict=True):
            cap = res.capacity
            best = max(best, -(-sum(e[k] for k in ks) // cap))
            for m in range(1, PARALLEL + 1):  # > cap / (m + 1): m at once
                days = sum(short[k] for k in ks if q[k] * (m + 1) > cap)
                best = max(best, -(-days // m))
        return best

    for n, t in enumerate(tasks):
        d = short[n]
        tail = need(after[n])
        if tail > path[n][-1]:
            out.tails[t.id] = d + tail
        head = need(before[n])
        if head > p.earliest_start_index(t):
            out.heads[t.id] = head
        for m in _bits(after[n]):
            between = after[n] & before[m]
            if between & (between - 1) == 0:
                continue  # one task or none: the links already say it
            gap = need(between)
            if gap > path[n][m]:
                out.delays.append((t.id, tasks[m].id, d + gap))
    return out


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
) -> list[dict[int, int]]:
    """Per task ``n``: longest chain of durations strictly between ``n``
    and each chained successor ``m`` (key ``-1``: after ``n`` to the
    end)."""
    paths: list[dict[int, int]] = [{} for _ in tasks]
    for n in reversed(range(len(tasks))):
        own: dict[int, int] = {-1: 0}
        for m in chain_succ[n]:
            own.setdefault(m, 0)  # nothing between n and its successor
            d = tasks[m].min_duration
            own[-1] = max(own[-1], d + paths[m][-1])
            for far, length in paths[m].items():
                if far >= 0:
                    own[far] = max(own.get(far, 0), d + length)
        paths[n] = own
    return paths


def _bits(members: int) -> list[int]:
    """Indices of the set bits of ``members``."""
    out = []
    while members:
        low = members & -members
        out.append(low.bit_length() - 1)
        members ^= low
    return out
