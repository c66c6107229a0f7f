"""Lower bounds of the makespan: the critical path at minimum durations
(:func:`critical_bound`), and one that may mean more at scale, the
project with its people replaced by skill pools (:func:`makespan_bound`).

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
from dataclasses import replace
from typing import Any

from plansat.models import Project, SolveStatus
from plansat.options import Budget, SolveOptions
from plansat.schedule.cpm import shortest_makespan
from plansat.solver.engine import Engine
from plansat.solver.strategy import PLAIN, Strategy

log = logging.getLogger(__name__)

#: The relaxation's strengthenings: tails and energy delays (a resource-
#: only model, so no workforce pools, hint or search of its own).
RELAXED = replace(PLAIN, name="relaxed", tails=True, delays=True)


def pooled(project: Project) -> Project | None:
    """``project`` with each need turned into a demand on its pool of
    qualified people, and without people; ``None`` when no task needs
    anyone (the relaxation would be the project itself)."""
    if not any(m.needs for t in project.tasks for m in t.alternatives):
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


def makespan_bound(
    project: Project,
    horizon: int,
    options: SolveOptions,
    budget: Budget,
    seconds: float,
    strategy: Strategy = RELAXED,
) -> int | None:
    """A proven lower bound of ``project``'s makespan from the pooled
    relaxation, solved for at most ``seconds``; ``None`` without people
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
        The solve's budget (for progress timing only).
    seconds
        Time for the relaxation.
    strategy
        Its strengthenings (:data:`RELAXED`).
    """
    until = budget.elapsed() + seconds
    relaxed = pooled(project)
    if relaxed is None:
        return None
    engine = Engine(relaxed, horizon, strategy=strategy)
    assert engine.vars.makespan is not None
    left = until - budget.elapsed()
    if left <= 0.05:
        return None
    out = engine.run("bound", engine.vars.makespan, left, options, budget)
    if out.status == SolveStatus.INFEASIBLE or out.bound is None \
            or not math.isfinite(out.bound):
        return None
    log.info("pooled relaxation: bound %s (%s)", out.bound,
             out.status.value)
    return math.ceil(out.bound - 1e-9)
