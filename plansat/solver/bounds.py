"""Lower bounds of the makespan: the critical path at minimum durations
(:func:`critical_bound`), the people's energy over windows
(:func:`energy_bound`), and the project with its people replaced by
skill pools (:func:`makespan_bound`).

CP-SAT's bound on the full model comes from a search that also decides
who works on what (one Boolean per task and qualified person), and on
programmes of thousands of tasks it barely passes the critical path.
The relaxation here drops those Booleans: every need becomes a demand on
a pool, the people qualified for it (same skill, level and allocation),
whose capacity is the sum of their availabilities; modes, links, lags,
crashing, overlaps, windows and pooled resources stay.  Every schedule
of the project is a schedule of the relaxation (at any moment, the slots
a pool's people fill take at most their summed availability), so a
proven lower bound of the relaxation is one of the project.  Vacations
and pinned people are left out, which only weakens the bound.
"""

from __future__ import annotations

import logging
import math
from typing import Any

from plansat.models import Project, SolveStatus
from plansat.options import Budget, SolveOptions
from plansat.schedule import chains
from plansat.schedule.cpm import shortest_makespan
from plansat.solver.engine import Engine
from plansat.solver.strengthenings import Strengthenings

log = logging.getLogger(__name__)

#: The relaxation's strengthenings: tails and energy delays (a resource-
#: only model, so no workforce pools, hint or search of its own).
RELAXED = Strengthenings(tails=True, delays=True)


def pooled(project: Project) -> Project | None:
    """``project`` with each need turned into a demand on its pool of
    qualified people, and without people; ``None`` when no task needs
    anyone (the relaxation would be the project itself)."""
    if not project.needs_people:
        return None
    pools: dict[frozenset[str], str] = {}
    capacity: dict[str, int] = {}
    data = project.model_dump(mode="json", exclude_none=True)
    for raw, task in zip(data["tasks"], project.tasks, strict=True):
        raw.pop("assigned", None)
        raw.pop("progress", None)
        if task.modes:
            for mode_raw, mode in zip(raw["modes"], task.modes,
                                      strict=True):
                _pool_uses(project, task, mode, mode_raw, pools, capacity)
        else:
            _pool_uses(project, task, task.alternatives[0], raw, pools,
                       capacity)
    data["people"] = []
    data["resources"] = data.get("resources", []) + [
        {"id": rid, "capacity": cap} for rid, cap in capacity.items()
    ]
    return Project.model_validate(data)


def _pool_uses(project: Project, task: Any, mode: Any,
               raw: dict[str, Any], pools: dict[frozenset[str], str],
               capacity: dict[str, int]) -> None:
    """Move the needs of ``mode`` (``raw``: its JSON) onto pools."""
    uses = dict(raw.get("uses", {}))
    for need in mode.needs:
        people = project.qualified(task, need)
        key = frozenset(p.id for p in people)
        if key not in pools:
            name = f"pool:{len(pools)}"
            while name in project.resource_index:
                name += "'"
            pools[key] = name
            capacity[name] = sum(p.availability for p in people)
        rid = pools[key]
        uses[rid] = uses.get(rid, 0) + need.count * task.allocation
    raw["needs"] = []
    raw["uses"] = uses


def critical_bound(project: Project) -> int | None:
    """The critical path with every task at its minimum duration, a
    lower bound of the makespan; ``None`` when some link may be
    overlapped (the critical-path method doesn't apply overlaps)."""
    if any(d.max_overlap for t in project.tasks for d in t.after):
        return None
    return shortest_makespan(project)


def energy_bound(project: Project, budget: Budget | None = None,
                 grid: int = 16) -> int | None:
    """The people's energy over windows of the plan: a lower bound of the
    makespan, ``None`` when no task needs anyone.

    Every need of a single-mode task is work (count x minimum duration x
    allocation) that only the people qualified for it can do, and each
    person does at most their availability per day.  For the needs of
    the tasks whose head (earliest start along the links, at minimum
    durations) is at least ``h`` and whose tail (the longest chain after
    their end) is at least ``t``, all that work falls in ``[h, T - t]``:
    ``T >= h + t + L``, with ``L`` the shortest span in which the people
    can share it out (a linear program, GLOP: each need's work split over
    its qualified people, each person's share at most ``L`` x
    availability).  ``h`` and ``t`` run over a ``grid`` x ``grid`` of
    quantiles of the heads and tails, within ``budget`` (default: two
    seconds from the call).  Vacations and
    pinned people are left out (that only weakens the bound).
    """
    if not project.needs_people:
        return None
    budget = budget or Budget(2.0)
    needs = _needs(project)
    heads = sorted({h for h, _, _, _ in needs})
    tails = sorted({t for _, t, _, _ in needs})
    best = 0
    for h in _quantiles(heads, grid):
        for t in _quantiles(tails, grid):
            chosen = [(key, w) for hh, tt, key, w in needs
                      if hh >= h and tt >= t]
            if chosen:
                span = _share_out(project, chosen)
                best = max(best, h + t + math.ceil(span - 1e-3))
            if budget.expired:
                return best
    return best


def _needs(project: Project) -> list[tuple[int, int, frozenset[str], int]]:
    """``(head, tail, qualified people, work)`` per need of each
    single-mode task (multi-mode tasks are left out: a valid, weaker
    bound)."""
    head = chains.heads(project)
    tail = chains.tails(project)
    out = []
    for t in project.tasks:
        if len(t.alternatives) > 1 or not t.min_duration:
            continue
        for need in t.alternatives[0].needs:
            key = frozenset(p.id for p in project.qualified(t, need))
            work = need.count * t.min_duration * t.allocation
            after = tail[t.id] - t.min_duration  # the chain after its end
            out.append((head[t.id], after, key, work))
    return out


def _quantiles(values: list[int], k: int) -> list[int]:
    """Up to ``k`` values of the sorted ``values``, evenly spread from
    the smallest."""
    step = max(1, len(values) // k)
    return sorted(set(values[::step]))


def _share_out(project: Project, work: list[tuple[frozenset[str], int]]
               ) -> float:
    """Shortest span in which the qualified people can do ``work``
    (fractionally; GLOP)."""
    from ortools.linear_solver import pywraplp

    merged: dict[frozenset[str], int] = {}
    for key, w in work:
        merged[key] = merged.get(key, 0) + w
    lp = pywraplp.Solver.CreateSolver("GLOP")
    span = lp.NumVar(0, lp.infinity(), "span")
    shares: dict[str, list[Any]] = {}
    for key, w in merged.items():
        if not key:  # nobody qualified: the project is invalid
            continue
        parts = [lp.NumVar(0, lp.infinity(), "") for _ in key]
        lp.Add(sum(parts) == w)
        for pid, part in zip(sorted(key), parts, strict=True):
            shares.setdefault(pid, []).append(part)
    for pid, parts in shares.items():
        availability = project.person(pid).availability
        lp.Add(sum(parts) <= span * availability)
    lp.Minimize(span)
    if lp.Solve() != pywraplp.Solver.OPTIMAL:
        return 0.0
    return float(span.solution_value())


def makespan_bound(
    project: Project,
    horizon: int,
    options: SolveOptions,
    budget: Budget,
    parts: Strengthenings = RELAXED,
) -> int | None:
    """A proven lower bound of ``project``'s makespan from the pooled
    relaxation, solved within ``budget``; ``None`` without people
    or when the relaxation proves nothing in time.

    Parameters
    ----------
    project
        A validated project.
    horizon
        The latest finish (of the full model: a plan that long exists).
    options
        Workers and seed.
    budget
        Time for the relaxation (building it included).
    parts
        Its strengthenings (:data:`RELAXED`).
    """
    relaxed = pooled(project)
    if relaxed is None:
        return None
    engine = Engine(relaxed, horizon, parts=parts)
    assert engine.vars.makespan is not None
    if budget.remaining() <= 0.05:
        return None
    out = engine.run("bound", engine.vars.makespan, budget.remaining(),
                     options, budget)
    if out.status == SolveStatus.INFEASIBLE or out.bound is None \
            or not math.isfinite(out.bound):
        return None
    log.info("pooled relaxation: bound %s (%s)", out.bound,
             out.status.value)
    return math.ceil(out.bound - 1e-9)
