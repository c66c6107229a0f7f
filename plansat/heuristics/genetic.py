"""An activity-list genetic algorithm for resource-only projects.

For projects whose tasks need no people (links and pooled renewable
resources only: the RCPSP family of the benchmark sets) a schedule is
fixed by the order in which a serial schedule generation scheme (SGS)
places the tasks.  This module searches such orders the way the RCPSP
literature does (Hartmann's activity-list GA with forward-backward
improvement, "double justification"):

- individuals are precedence-feasible task orders, decoded by the serial
  SGS (each task at the first time its links and the resources allow);
- every child is justified: scheduled backwards in time, last-finishing
  first, then forwards again in the order of those backward starts, which
  never lengthens it; the order of the justified schedule replaces the
  child (Lamarckian);
- two-point order crossover and adjacent swaps, ranking selection,
  restarts from fresh random orders when the population stalls.

Every plan it returns is feasible for the links, earliest starts and
capacities; deadlines are left to CP-SAT.  The result serves as the hint
and horizon of the ``default`` strategy on resource-only projects, where
CP-SAT with two workers improves slowly from its own first solutions.
"""

from __future__ import annotations

import heapq
import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from plansat.heuristics import sgs
from plansat.models import Project
from plansat.options import Budget
from plansat.schedule.cpm import critical_path, topological_order
from plansat.schedule.plan import Plan, crude_horizon

log = logging.getLogger(__name__)

#: Orders kept from one generation to the next.
POPULATION = 80

#: Generations without a shorter plan before the population restarts.
STALE_GENERATIONS = 30

#: Restarts from fresh random orders (keeping the best) before the search
#: stops early.
RESTARTS = 2

#: An individual: makespan, task order, starts.
_Individual = tuple[int, list[int], list[int]]


def applicable(project: Project) -> bool:
    """Whether ``project`` uses links and renewable pools only.

    No people are needed or pinned, every task has one mode and no
    fast-tracking, and every resource is renewable and open every day
    of the project's grid, and no task has days off of its own (its
    serial schedule knows no days off: calendars of resources and tasks
    are left to the constructive schedule).
    """
    if any(not r.renewable or project.resource_days_off(r)
           for r in project.resources):
        return False
    if any(project.task_days_off(t) for t in project.tasks):
        return False
    capacity = {r.id: r.capacity for r in project.resources}
    for t in project.tasks:
        if len(t.alternatives) > 1 or t.alternatives[0].needs:
            return False
        if t.assigned or any(d.max_overlap for d in t.after):
            return False
        if any(q > capacity[r] for r, q in t.uses.items()):
            return False
    return bool(project.tasks)


@dataclass
class _Problem:
    """The project as integer arrays, forwards or mirrored in time.

    ``links[j]`` holds ``(i, a)`` for ``start_j >= start_i + a``; tasks
    are numbered in topological order of those links.
    """

    duration: list[int]
    demand: list[list[tuple[int, int]]]
    capacity: list[int]
    release: list[int]
    links: list[list[tuple[int, int]]]
    horizon: int

    def mirrored(self) -> _Problem:
        """Time reversed: ``start'_i >= start'_j + a + d_j - d_i`` for
        every forward link; no releases."""
        back: list[list[tuple[int, int]]] = [[] for _ in self.duration]
        d = self.duration
        for j, into in enumerate(self.links):
            for i, a in into:
                back[i].append((j, a + d[j] - d[i]))
        return _Problem(d, self.demand, self.capacity, [0] * len(d), back,
                        self.horizon)

    def schedule(self, order: list[int]) -> list[int]:
        """Serial SGS: starts of the tasks placed in ``order`` (which
        must list every task after its linked predecessors)."""
        free = [[c] * self.horizon for c in self.capacity]
        start = [0] * len(order)
        duration, demand, links = self.duration, self.demand, self.links
        for j in order:
            t = self.release[j]
            for i, a in links[j]:
                if start[i] + a > t:
                    t = start[i] + a
            d, uses = duration[j], demand[j]
            if d and uses:
                t = _first_fit(free, uses, t, d)
                for r, q in uses:
                    row = free[r]
                    for u in range(t, t + d):
                        row[u] -= q
            start[j] = t
        return start

    def makespan(self, start: list[int]) -> int:
        return max(s + d for s, d in zip(start, self.duration, strict=True))

    def kernel(self) -> sgs.Kernel:
        """The problem as arrays for the compiled decoder."""
        return sgs.Kernel(self.duration, self.release, self.demand,
                          self.capacity, self.links, self.horizon)


def _first_fit(
    free: list[list[int]], uses: list[tuple[int, int]], t: int, d: int
) -> int:
    """First time ``>= t`` at which every resource of ``uses`` has room
    for ``d`` days: one pass counting consecutive days with room."""
    rows = [(free[r], q) for r, q in uses]
    run, u = 0, t
    while True:
        for row, q in rows:
            if row[u] < q:
                run = 0
                break
        else:
            run += 1
            if run == d:
                return u - d + 1
        u += 1


def _problem(project: Project, ids: list[str]) -> _Problem:
    index = {task_id: n for n, task_id in enumerate(ids)}
    res = {r.id: k for k, r in enumerate(project.resources)}
    tasks = [project.task(task_id) for task_id in ids]
    duration = [t.duration for t in tasks]
    links: list[list[tuple[int, int]]] = []
    for j, t in enumerate(tasks):
        into = []
        for dep in t.after:
            i = index[dep.task]
            a = dep.lag
            if dep.type in ("FS", "FF"):
                a += duration[i]
            if dep.type in ("FF", "SF"):
                a -= duration[j]
            into.append((i, a))
        links.append(into)
    return _Problem(
        duration=duration,
        demand=[[(res[r], q) for r, q in t.uses.items()] for t in tasks],
        capacity=[r.capacity for r in project.resources],
        release=[project.earliest_start_index(t) for t in tasks],
        links=links,
        horizon=_horizon(duration, links, project),
    )


def _horizon(duration: list[int], links: list[list[tuple[int, int]]],
             project: Project) -> int:
    """A day no serial schedule, forwards or mirrored, reaches: each
    task starts by the latest release plus every duration and every link
    offset before it."""
    offsets = sum(abs(a) + 2 * max(duration) for into in links
                  for _, a in into)
    return crude_horizon(project) + sum(duration) + offsets + 1


def _order(
    priority: Sequence[float], links: list[list[tuple[int, int]]]
) -> list[int]:
    """Tasks by ascending ``priority``, each after its predecessors."""
    n = len(priority)
    succ: list[list[int]] = [[] for _ in range(n)]
    waiting = [len(into) for into in links]
    for j, into in enumerate(links):
        for i, _ in into:
            succ[i].append(j)
    ready = [(priority[j], j) for j in range(n) if not waiting[j]]
    heapq.heapify(ready)
    out = []
    while ready:
        _, i = heapq.heappop(ready)
        out.append(i)
        for j in succ[i]:
            waiting[j] -= 1
            if not waiting[j]:
                heapq.heappush(ready, (priority[j], j))
    return out


class _Search:
    """Decoding, justification and the genetic operators."""

    def __init__(self, forward: _Problem, rng: random.Random,
                 compiled: bool = sgs.COMPILED) -> None:
        self.forward, self.backward = forward, forward.mirrored()
        self.rng = rng
        self.n = len(forward.duration)
        self.before = [{i for i, _ in into} for into in forward.links]
        self.evaluated = 0
        self.kernels = ((forward.kernel().arrays(),
                         self.backward.kernel().arrays())
                        if compiled else None)

    def justify(self, order: list[int]) -> _Individual:
        """Forward SGS, then backward-forward passes while they shorten
        the plan: ``(makespan, order, starts)`` of the best."""
        if self.kernels is not None:
            return self._justify_compiled(order)
        fwd, bwd, dur = self.forward, self.backward, self.forward.duration
        start = fwd.schedule(order)
        best = fwd.makespan(start)
        self.evaluated += 1
        while True:
            finish = [s + d for s, d in zip(start, dur, strict=True)]
            back = bwd.schedule(_order([-f for f in finish], bwd.links))
            end = bwd.makespan(back)
            new_order = _order([end - b - d for b, d in
                                zip(back, dur, strict=True)], fwd.links)
            new = fwd.schedule(new_order)
            span = fwd.makespan(new)
            self.evaluated += 2
            if span >= best:
                return best, order, start
            best, order, start = span, new_order, new

    def _justify_compiled(self, order: list[int]) -> _Individual:
        """:meth:`justify` on the compiled kernels (the same passes, the
        same plans)."""
        assert self.kernels is not None
        span, best, start, count = sgs.justify(
            np.asarray(order, dtype=np.int64), *self.kernels)
        self.evaluated += int(count)
        return int(span), best.tolist(), start.tolist()

    def random_order(self, late: list[int]) -> list[int]:
        """Latest-start order with random noise (regret-biased sampling)."""
        rng = self.rng
        spread = max(late) - min(late) + 1
        return _order(
            [s + rng.random() * spread * 0.5 for s in late],
            self.forward.links,
        )

    def crossover(self, mother: list[int], father: list[int]) -> list[int]:
        """Two-point order crossover: mother's head, father's order of the
        middle, mother's order of the rest (precedence-feasible)."""
        q1, q2 = sorted(self.rng.sample(range(self.n + 1), 2))
        child = mother[:q1]
        taken = set(child)
        for j in father:
            if len(child) >= q2:
                break
            if j not in taken:
                child.append(j)
                taken.add(j)
        child += [j for j in mother if j not in taken]
        return child

    def mutate(self, order: list[int], rate: float = 0.05) -> list[int]:
        """Swap neighbours not linked to each other, each with ``rate``."""
        out = list(order)
        for k in range(self.n - 1):
            a, b = out[k], out[k + 1]
            if self.rng.random() < rate and a not in self.before[b]:
                out[k], out[k + 1] = b, a
        return out


def _evolve(
    search: _Search, population: list[_Individual], budget: Budget,
    bound: int,
) -> _Individual:
    """Evolve ``population`` until ``budget`` runs out, the ``bound`` or
    :data:`STALE_GENERATIONS` generations without a shorter plan; the
    best individual."""
    population.sort(key=lambda item: item[0])
    stale = 0
    while (not budget.expired and population[0][0] > bound
           and stale < STALE_GENERATIONS):
        ranked = population[: max(2, len(population) // 2)]
        seen = {tuple(item[2]) for item in population}
        children = []
        for _ in range(len(population) // 2):
            mother, father = search.rng.sample(ranked, 2)
            child = search.justify(
                search.mutate(search.crossover(mother[1], father[1]))
            )
            if tuple(child[2]) not in seen:  # keep the population diverse
                seen.add(tuple(child[2]))
                children.append(child)
            if budget.expired:
                break
        before = population[0][0]
        population = sorted(population + children,
                            key=lambda item: item[0])[:POPULATION]
        stale = 0 if population[0][0] < before else stale + 1
    return population[0]


def genetic_schedule(
    project: Project, budget: Budget, seed: int = 0,
    start_from: Plan | None = None,
    compiled: bool = True,
) -> Plan | None:
    """The best plan the genetic algorithm finds within ``budget``.

    Parameters
    ----------
    project
        A validated project; ``None`` is returned unless
        :func:`applicable`.
    budget
        Its time; the search stops sooner at the critical-path bound,
        or when :data:`STALE_GENERATIONS` generations without a shorter
        plan have passed ``RESTARTS + 1`` times (each restart keeps
        the best order and draws the rest anew).
    seed
        Random seed: the same seed and budget give the same plans up to
        where the clock stops the search.
    start_from
        A plan whose order of starts joins the first population (e.g.
        CP-SAT's first plan).
    compiled
        Decode with the compiled kernels when numba is installed
        (:mod:`plansat.heuristics.sgs`; the same plans, faster).

    Returns
    -------
    Plan or None
        Starts and durations of every task (no people), feasible for the
        links, earliest starts and resource capacities.
    """
    if not applicable(project):
        return None
    ids = topological_order(project)
    forward = _problem(project, ids)
    report = critical_path(project)
    late = [report.task(i).ls for i in ids]
    bound = report.duration
    search = _Search(forward, random.Random(seed),
                     compiled and sgs.COMPILED)
    best = search.justify(_order(late, forward.links))
    if start_from is not None:
        mine = search.justify(_order([start_from.start[i] for i in ids],
                                     forward.links))
        best = min(best, mine, key=lambda item: item[0])
    for _ in range(RESTARTS + 1):
        population = [best]
        while len(population) < POPULATION and not budget.expired:
            population.append(search.justify(search.random_order(late)))
        best = _evolve(search, population, budget, bound)
        if budget.expired or best[0] <= bound:
            break
    span, _, start = best
    log.debug("genetic schedule: makespan %d after %d schedules",
              span, search.evaluated)
    plan = Plan()
    for n, task_id in enumerate(ids):
        task = project.task(task_id)
        plan.start[task_id] = start[n]
        plan.duration[task_id] = forward.duration[n]
        plan.people[task_id] = []
        if task.modes:
            plan.mode[task_id] = 0
    return plan
