"""Float of a solved plan: how far each task can slip without delaying the
finish, given the links and the order of tasks on people and single-unit
resources."""

from __future__ import annotations

from itertools import pairwise

from plansat.models import Project
from plansat.schedule.plan import Plan
from plansat.schedule.segments import (
    WorkedDays,
    latest_start,
    own_key,
    task_blocks,
)
from plansat.schedule.windows import finish_bound


def schedule_float(project: Project, plan: Plan) -> dict[str, int]:
    """Days each task can slip without delaying the project's finish.

    A backward pass over the precedence links plus, for each person and
    each single-unit resource, a finish-to-start link between tasks that
    follow each other on it; the project finish is the plan's makespan and
    task deadlines bound late finishes.  A task's late start keeps it off
    its people's blocked days and its resources' days off
    (:func:`~plansat.schedule.segments.latest_start`; a split task
    pauses over them).  Shared multi-unit resources are not sequenced,
    so float next to them may be optimistic.
    """
    succ: dict[str, list[tuple[str, str, int]]] = {
        t.id: [] for t in project.tasks
    }
    for t in project.tasks:
        for dep in t.after:
            lag = dep.lag
            if dep.type == "FS":
                lag -= max(0, plan.finish(dep.task) + lag - plan.start[t.id])
            succ[dep.task].append((t.id, dep.type, lag))
    links = {t: list(s) for t, s in succ.items()}
    for chain in _sequences(project, plan):
        for a, b in pairwise(chain):
            links[a].append((b, "FS", 0))
    order = _reverse_topological(links)
    if len(order) < len(links):  # sequencing against an SS/SF lead
        links = succ
        order = _reverse_topological(links)
    late_finish: dict[str, int] = {}
    late_start: dict[str, int] = {}
    memo: dict[tuple[tuple[str, ...], tuple[str, ...], str],
               list[tuple[int, int]]] = {}
    makespan = plan.makespan  # once: it walks every task
    for tid in order:
        d = plan.duration[tid]
        lf = makespan
        bound = finish_bound(project, project.task(tid), d)
        if bound is not None:
            lf = min(lf, bound)
        for j, kind, lag in links[tid]:
            ls_j = late_start[j]
            lf = min(
                lf,
                {
                    "FS": ls_j - lag,
                    "SS": ls_j - lag + d,
                    "FF": late_finish[j] - lag,
                    "SF": late_finish[j] - lag + d,
                }[kind],
            )
        late_start[tid], late_finish[tid] = _latest(project, plan, tid, lf,
                                                    memo, makespan)
    return {t: late_start[t] - plan.start[t] for t in plan.start}


def _latest(
    project: Project,
    plan: Plan,
    task_id: str,
    finish: int,
    memo: dict[tuple[tuple[str, ...], tuple[str, ...], str],
               list[tuple[int, int]]],
    makespan: int,
) -> tuple[int, int]:
    """Latest start of ``task_id`` (its plan's people and resources) to
    be done by ``finish``, and its finish from there (``memo``: days off
    by people and resources, up to the plan's ``makespan``).  A split
    task ends the day after its last day worked, which may come before
    ``finish`` when days off precede it."""
    task = project.task(task_id)
    work = plan.work(task_id)
    d = plan.duration[task_id]
    if not work:
        return finish - d, finish
    people = tuple(sorted({p for need in plan.people.get(task_id, [])
                           for p in need}))
    uses = tuple(sorted(task.mode(plan.mode_of(task_id)).uses))
    key = (people, uses, own_key(task))
    if key not in memo:
        memo[key] = task_blocks(project, people, uses, stop=makespan,
                                task=task)
    split = project.splits(task)
    start = latest_start(memo[key], finish, work, split)
    if not split:
        return start, min(finish, start + d)
    return start, int(WorkedDays(memo[key]).finish(start, work))


def _sequences(project: Project, plan: Plan) -> list[list[str]]:
    """Tasks in start order per person with full-day work and per
    single-unit resource."""
    chains: dict[str, list[str]] = {}
    for t in project.tasks:
        if plan.duration[t.id] == 0:
            continue
        for need in plan.people[t.id]:
            for pid in need:
                if project.person(pid).availability < 2 * t.allocation:
                    chains.setdefault("p:" + pid, []).append(t.id)
        for rid, units in t.mode(plan.mode_of(t.id)).uses.items():
            res = project.resources[project.resource_index[rid]]
            if res.renewable and 2 * units > res.capacity:
                chains.setdefault("r:" + rid, []).append(t.id)
    return [
        sorted(ids, key=lambda i: (plan.start[i], plan.finish(i)))
        for ids in chains.values()
    ]


def _reverse_topological(
    succ: dict[str, list[tuple[str, str, int]]],
) -> list[str]:
    """Tasks so that every successor comes before its predecessors."""
    pending = {t: len(s) for t, s in succ.items()}
    preds: dict[str, list[str]] = {t: [] for t in succ}
    for t, links in succ.items():
        for j, _, _ in links:
            preds[j].append(t)
    ready = [t for t, n in pending.items() if n == 0]
    out = []
    while ready:
        t = ready.pop()
        out.append(t)
        for i in preds[t]:
            pending[i] -= 1
            if pending[i] == 0:
                ready.append(i)
    return out
