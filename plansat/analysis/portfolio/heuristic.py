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

from plansat.analysis.portfolio.merge import SEP, Merged
from plansat.heuristics.constructive import constructive_schedule
from plansat.models import Result
from plansat.schedule.cpm import critical_path
from plansat.schedule.plan import Plan
from plansat.solver.solve import plan_from


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


def admission_plan(merged: Merged, committed: Sequence[Result]) -> Plan:
    """A plan of the merged project whose first projects keep their
    ``committed`` results exactly and whose last project (the new one)
    runs its constructive schedule after every committed task: nothing
    committed slips (the search's first plan for an admission; the
    new project's people may still meet a vacation, which the search
    repairs)."""
    plan = Plan()
    for i, result in enumerate(committed):
        own = plan_from(merged.projects[i], result)
        assert own is not None, "a committed project without a plan"
        _put(plan, own, merged, i, merged.offsets[i])
    k = len(committed)
    busy = max((plan.finish(t) for t in plan.start), default=0)
    new = constructive_schedule(merged.projects[k])
    _put(plan, new, merged, k, max(busy, merged.offsets[k]))
    return plan


def _put(plan: Plan, own: Plan, merged: Merged, i: int, shift: int) -> None:
    """Project ``i``'s ``own`` plan into ``plan``, ``shift`` days on."""
    pre = merged.projects[i].name + SEP
    for tid, start in own.start.items():
        plan.start[pre + tid] = start + shift
        plan.duration[pre + tid] = own.duration[tid]
        plan.people[pre + tid] = [list(g) for g in own.people[tid]]
        if tid in own.mode:
            plan.mode[pre + tid] = own.mode[tid]
    for (a, b), days in own.overlap.items():
        plan.overlap[pre + a, pre + b] = days
