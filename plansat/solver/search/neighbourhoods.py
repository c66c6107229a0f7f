"""Neighbourhoods of a plan for the large-neighbourhood search, and the
incumbent's order that holds the tasks outside them.

A neighbourhood is a set of *relaxed* tasks; every other task keeps its
mode, people and duration, and keeps its place in each person's and
resource's sequence through precedence arcs (:func:`order_arcs`): a
partial-order schedule, so the tasks outside may still move in time but
never swap places.  Three kinds (:data:`KINDS`):

- ``window``: tasks consecutive in start order, a time window of the
  plan;
- ``owner``: tasks of one person or one resource, consecutive in start
  order, plus the tasks running beside them;
- ``random``: random tasks grown by their link neighbours.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from plansat.models import Project
from plansat.schedule.plan import Plan

KINDS = ("window", "owner", "random")

#: An arc ``(i, j)``: task ``j`` starts after task ``i`` ends.
Arc = tuple[str, str]


@dataclass(frozen=True)
class Use:
    """One task on one person or renewable resource of the plan."""

    task: str
    start: int
    end: int
    demand: int


def uses(project: Project, plan: Plan,
         only: Iterable[str] | None = None) -> dict[str, list[Use]]:
    """The plan's tasks (or those called ``only``) on each person (key
    ``"person:ID"``) and each renewable resource (``"resource:ID"``),
    with their demands (allocation percent of availability, units of
    capacity)."""
    out: dict[str, list[Use]] = {}
    tasks = project.tasks if only is None else [project.task(t)
                                                for t in only]
    for t in tasks:
        s, e = plan.start[t.id], plan.finish(t.id)
        if e <= s:
            continue
        for group in plan.people.get(t.id, []):
            for pid in group:
                out.setdefault(f"person:{pid}", []).append(
                    Use(t.id, s, e, t.allocation))
        mode = t.alternatives[plan.mode.get(t.id, 0)]
        for rid, units in mode.uses.items():
            if project.resources[project.resource_index[rid]].renewable:
                out.setdefault(f"resource:{rid}", []).append(
                    Use(t.id, s, e, units))
    return out


def capacities(project: Project) -> dict[str, int]:
    """Capacity of each key of :func:`uses`."""
    out = {f"person:{p.id}": p.availability for p in project.people}
    out.update({f"resource:{r.id}": r.capacity for r in project.resources})
    return out


def order_arcs(
    items: Iterable[Use], capacity: int
) -> set[Arc]:
    """Arcs that keep ``items`` (the fixed tasks of one person or
    resource) within ``capacity`` whatever their times, in the order the
    plan gives them.

    The chaining of partial-order schedules: tasks in start order take
    their demand from the units released by tasks that ended by their
    start, latest-ending first, and an arc runs from each task they take
    units from.  Every unit passes from task to task along arcs, so no
    schedule that respects the arcs can exceed the capacity, and the plan
    itself respects them (each arc goes from a task that had ended).
    """
    free = [_Bucket(-1, None, capacity)]
    arcs: set[Arc] = set()
    for use in sorted(items, key=lambda u: (u.start, u.end)):
        need = use.demand
        ready = sorted((b for b in free if b.end <= use.start),
                       key=lambda b: -b.end)
        for bucket in ready:
            take = min(need, bucket.units)
            bucket.units -= take
            need -= take
            if bucket.task is not None and take:
                arcs.add((bucket.task, use.task))
            if need == 0:
                break
        if need > 0:  # the plan overbooks: no order to keep
            raise ValueError(f"{use.task} overbooks its owner")
        free = [b for b in free if b.units]
        free.append(_Bucket(use.end, use.task, use.demand))
    return arcs


@dataclass
class _Bucket:
    """Units released by ``task`` (``None``: the start) at ``end``."""

    end: int
    task: str | None
    units: int


class Chooser:
    """Draws neighbourhoods of a plan.

    Parameters
    ----------
    project
        The project.
    rng
        The search's random numbers.
    """

    def __init__(self, project: Project, rng: random.Random) -> None:
        self.project, self.rng = project, rng
        self.links: dict[str, set[str]] = {t.id: set()
                                           for t in project.tasks}
        for t in project.tasks:
            for dep in t.after:
                self.links[t.id].add(dep.task)
                self.links[dep.task].add(t.id)

    def draw(self, kind: str, plan: Plan, size: int,
             owners: dict[str, list[Use]]) -> set[str]:
        """About ``size`` tasks of ``plan`` to relax, of ``kind``."""
        ids = [t.id for t in self.project.tasks]
        size = max(1, min(size, len(ids)))
        if kind == "window":
            return set(_window(sorted(ids, key=plan.start.__getitem__),
                               size, self.rng))
        if kind == "owner" and owners:
            key = self.rng.choice(sorted(owners))
            mine = sorted(owners[key], key=lambda u: u.start)
            return self.with_beside(plan, [u.task for u in mine], size)
        return self._grown(ids, size)

    def with_beside(self, plan: Plan, run: Sequence[str],
                    size: int) -> set[str]:
        """About half ``size`` tasks consecutive in ``run``, and tasks of
        ``plan`` running beside them up to ``size``."""
        chosen = set(_window(run, max(1, size // 2), self.rng))
        lo = min(plan.start[t] for t in chosen)
        hi = max(plan.finish(t) for t in chosen)
        beside = [t for t in plan.start if t not in chosen
                  and plan.start[t] < hi and plan.finish(t) > lo]
        self.rng.shuffle(beside)
        return chosen | set(beside[: size - len(chosen)])

    def _grown(self, ids: list[str], size: int) -> set[str]:
        """Random tasks and their link neighbours."""
        chosen: set[str] = set()
        frontier: list[str] = []
        while len(chosen) < size:
            if not frontier or self.rng.random() < 0.3:
                frontier.append(self.rng.choice(ids))
            task = frontier.pop(self.rng.randrange(len(frontier)))
            if task in chosen:
                continue
            chosen.add(task)
            frontier.extend(n for n in self.links[task] if n not in chosen)
        return chosen


def _window(ordered: Sequence[str], size: int,
            rng: random.Random) -> Sequence[str]:
    """``size`` consecutive items of ``ordered`` at a random place."""
    first = rng.randrange(max(1, len(ordered) - size + 1))
    return ordered[first: first + size]
