"""What differs between two schedules of (versions of) one project.

:func:`moves` lists the tasks whose dates shift; :func:`plan_changes`
what a re-plan did to get there: people swapped, tasks reordered on a
person or resource they share, crashing and fast-tracking changed.  Both
read the two :class:`~plansat.models.Result` objects only.
"""

from __future__ import annotations

from collections.abc import Iterable

from plansat.models import Project, Result, TaskResult
from plansat.models.impact import Move, PlanChange

__all__ = ["moves", "plan_changes"]


def moves(
    before: Iterable[TaskResult], after: Iterable[TaskResult]
) -> list[Move]:
    """Tasks of ``after`` whose start or finish differs from ``before``,
    in ``after``'s order."""
    old = {t.id: t for t in before}
    out = []
    for t in after:
        b = old.get(t.id)
        if b is None or (b.start, b.finish) == (t.start, t.finish):
            continue
        out.append(Move(id=t.id, start_date=t.start_date,
                        finish_date=t.finish_date,
                        delta_start=t.start - b.start,
                        delta_finish=t.finish - b.finish))
    return out


def plan_changes(
    project: Project, before: Result, after: Result
) -> list[PlanChange]:
    """How ``after`` differs from ``before`` besides dates: people,
    order on shared people and resources, crashing, overlaps."""
    old = {t.id: t for t in before.tasks}
    out: list[PlanChange] = []
    for t in after.tasks:
        b = old.get(t.id)
        if b is None:
            continue
        if sorted(b.people) != sorted(t.people):
            was, now = sorted(b.people), sorted(t.people)
            out.append(PlanChange(
                kind="people", task=t.id, before=was, after=now,
                sentence=f"{t.id}: {_names(now)} instead of "
                         f"{_names(was)}"))
        if b.crashed != t.crashed:
            out.append(PlanChange(
                kind="crash", task=t.id, before=b.crashed, after=t.crashed,
                sentence=f"{t.id} crashed by {t.crashed} day(s) (was "
                         f"{b.crashed})"))
    out += _overlap_changes(before, after)
    out += _order_changes(project, old, after.tasks)
    return out


def _names(people: list[str]) -> str:
    return ", ".join(people) if people else "nobody"


def _overlap_changes(before: Result, after: Result) -> list[PlanChange]:
    was = {(o.predecessor, o.successor): o.days for o in before.overlaps}
    now = {(o.predecessor, o.successor): o.days for o in after.overlaps}
    out = []
    for link in sorted(set(was) | set(now)):
        a, b = was.get(link, 0), now.get(link, 0)
        if a != b:
            out.append(PlanChange(
                kind="overlap", task=link[1], other=link[0], before=a,
                after=b,
                sentence=f"{link[1]} overlaps {link[0]} by {b} day(s) "
                         f"(was {a})"))
    return out


def _holders(project: Project, row: TaskResult) -> set[str]:
    """The people and renewable resources a scheduled task holds."""
    if row.duration == 0 or row.id not in project.task_index:
        return set()
    task = project.task(row.id)
    uses = task.mode(row.mode).uses
    pools = {f"resource {r}" for r in uses
             if project.resources[project.resource_index[r]].renewable}
    return set(row.people) | pools


def _order_changes(
    project: Project, old: dict[str, TaskResult],
    after: list[TaskResult],
) -> list[PlanChange]:
    """Pairs of tasks on a person or resource they share in both plans
    that ran one after the other and now run the other way round."""
    by_holder: dict[str, list[str]] = {}
    for t in after:
        b = old.get(t.id)
        if b is None:
            continue
        for h in _holders(project, t) & _holders(project, b):
            by_holder.setdefault(h, []).append(t.id)
    now = {t.id: t for t in after}
    seen: dict[tuple[str, str], set[str]] = {}
    for holder, ids in by_holder.items():
        for i, x in enumerate(ids):
            for y in ids[i + 1:]:
                first, second = _swapped(old[x], old[y], now[x], now[y])
                if first:
                    seen.setdefault((first, second), set()).add(holder)
    return [
        PlanChange(kind="order", task=a, other=b,
                   sentence=f"{a} now runs before {b} (on "
                            f"{', '.join(sorted(on))})")
        for (a, b), on in sorted(seen.items())
    ]


def _swapped(
    bx: TaskResult, by: TaskResult, ax: TaskResult, ay: TaskResult
) -> tuple[str, str]:
    """``(task now first, task now second)`` when the order flipped."""
    if bx.finish <= by.start and ay.finish <= ax.start:
        return ay.id, ax.id
    if by.finish <= bx.start and ax.finish <= ay.start:
        return ax.id, ay.id
    return "", ""
