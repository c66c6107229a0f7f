"""Redundant constraints that strengthen propagation and bounds.

None changes the set of feasible schedules; each helps CP-SAT prove
optimality sooner.  Which ones apply is chosen by a
:class:`~plansat.solver.strategy.Strategy`.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from plansat.solver.cpm import topological_order
from plansat.solver.strategy import Strategy
from plansat.solver.variables import Variables


def add_redundant(v: Variables, strategy: Strategy) -> None:
    """Add the strengthenings ``strategy`` asks for."""
    if strategy.disjunctive:
        _disjunctive(v)
    if strategy.tails:
        _tails(v)
    if strategy.workforce:
        _workforce(v)


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
    """``makespan >= start + tail`` along the longest FS/SS chains."""
    p = v.project
    assert v.makespan is not None
    succ = p.successors()
    tail: dict[str, int] = {}
    for task_id in reversed(topological_order(p)):
        d = p.task(task_id).min_duration
        best = d
        for j, dep in succ[task_id]:
            if dep.type == "FS":
                gap = d + dep.lag - dep.max_overlap
            elif dep.type == "SS":
                gap = dep.lag
            else:
                continue  # FF/SF tie ends; skip (still valid, just weaker)
            best = max(best, gap + tail[j])
        tail[task_id] = best
        if best > d:
            v.model.add(v.makespan >= v.start[task_id] + best)
