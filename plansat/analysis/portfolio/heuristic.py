"""The priority-order heuristic project offices use: each project planned
in priority order on the capacity the earlier ones left (the shared
resource pool levelling of MS Project, Primavera's enterprise levelling).

It is the serial schedule generation of
:func:`~plansat.heuristics.constructive.constructive_schedule` on the
merged project with every task keyed by its project's rank first: the
heap hands out every task of the first project (its successors keep
ranking ahead) before any task of the second, so each project is placed
at the earliest days its people and resources are still free.  The
plan is the joint search's first plan (its hint) and the reference the
joint plan is measured against.
"""

from __future__ import annotations

from collections.abc import Sequence

from plansat.analysis.portfolio.merge import Merged
from plansat.heuristics.constructive import constructive_schedule
from plansat.schedule.cpm import critical_path
from plansat.schedule.plan import Plan


def priority_plan(merged: Merged,
                  order: Sequence[int] | None = None) -> Plan:
    """The priority-order plan of the merged project (deadlines are not
    guaranteed, as in the tools it stands for); ``order`` replaces the
    priority order (project indices, first planned first)."""
    late = {t.id: t.ls for t in critical_path(merged.project).tasks}
    low = min(late.values(), default=0)
    span = max(late.values(), default=0) - low + 1
    key: dict[str, float] = {}
    ranks = merged.portfolio.order() if order is None else order
    for rank, i in enumerate(ranks):
        for tid in merged.ids[i]:
            key[tid] = rank * span + late[tid] - low
    return constructive_schedule(merged.project, key)


def smith_order(merged: Merged, spans: Sequence[int | None]) -> list[int]:
    """Projects by weight per day of their plan alone, highest first
    (Smith's rule for the weighted sum of finishes on one machine: a
    better first order than priorities when weights say what matters);
    ``spans`` are their stand-alone makespans (the critical path's when
    unknown)."""
    def ratio(i: int) -> float:
        days = spans[i] if i < len(spans) and spans[i] else None
        if days is None:
            days = max(merged.projects[i].crude_horizon, 1)
        return merged.portfolio.projects[i].weight / max(days, 1)

    return sorted(range(len(merged.projects)), key=lambda i: (-ratio(i), i))
