"""The partial order a fixed plan is evaluated on: the plan's tasks with
their progress (:func:`plan_tasks`) and the links, people's and
resources' hand-overs and vacations between them (:func:`build_network`).

What the order means and why it is exact:
:mod:`plansat.schedule.sampling`, which evaluates it.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from plansat.models import Project, ProjectError, Result
from plansat.schedule.network import CODE, FF, FS, SF, SS
from plansat.schedule.segments import own_key, task_blocks

__all__ = [
    "Edge",
    "PlanTask",
    "SampleNetwork",
    "build_network",
    "plan_tasks",
]

State = Literal["done", "in_progress", "not_started"]
Edge = tuple[int, int, bool, bool]  # other task, constant, from start, -d_j


@dataclass(frozen=True)
class PlanTask:
    """One task of the plan, as the evaluation sees it.

    Attributes
    ----------
    state
        ``done``, ``in_progress`` or ``not_started`` at the status date.
    duration
        Days to evaluate: the plan's duration, the remaining days of a
        task in progress, the actual span of a done task.
    people, uses
        Its people (the progress's for a started task) and renewable
        resources (of the plan's mode).
    span
        Interval that orders it among its people's and resources' tasks.
    actual
        ``(start, finish)`` of a done task; ``(start, None)`` in progress.
    """

    id: str
    state: State
    duration: int
    people: tuple[str, ...]
    uses: tuple[str, ...]
    span: tuple[int, int]
    actual: tuple[int, int | None] | None = None


def plan_tasks(project: Project, result: Result) -> list[PlanTask]:
    """The tasks of ``result`` in project order, with their progress.

    Raises
    ------
    ProjectError
        When the result's tasks or people don't match the project.
    """
    rows = {r.id: r for r in result.tasks}
    missing = [t.id for t in project.tasks if t.id not in rows]
    extra = sorted(set(rows) - set(project.task_index))
    if missing or extra:
        raise ProjectError([
            "result.tasks: the result is not a schedule of this project "
            f"(missing {missing[:5]}, unknown {extra[:5]})"
        ])
    out = []
    for k, t in enumerate(project.tasks):
        row = rows[t.id]
        for pid in row.people:
            if pid not in project.person_index:
                raise ProjectError(
                    [f"result.tasks[{k}].people: unknown person '{pid}'"]
                )
        uses = tuple(
            r for r in t.mode(row.mode).uses
            if project.resources[project.resource_index[r]].renewable
        )
        pr, people = t.progress, tuple(row.people)
        span = (row.start, row.finish)
        actual = project.actual_span(t)
        if pr is None or actual is None:
            out.append(PlanTask(t.id, "not_started", row.duration, people,
                                uses, span))
            continue
        if pr.people is not None:
            people = tuple(pr.people)
        begun, end = actual
        if end is not None:
            out.append(PlanTask(t.id, "done", end - begun, people, uses,
                                span, (begun, end)))
            continue
        if row.state == "in_progress":
            left = row.duration
        else:  # a baseline: the rest goes first, before unstarted work
            left, span = pr.remaining_days(row.duration), (-2, -1)
        out.append(PlanTask(t.id, "in_progress", left, people, uses, span,
                            (begun, None)))
    return out


@dataclass
class SampleNetwork:
    """The partial order a fixed plan is evaluated on.

    ``into[j]`` and ``out[i]`` list edges ``(other, c, from_start,
    minus_d)``: ``start_j >= (start_i if from_start else finish_i) + c
    (- d_j if minus_d)``.  ``anchor`` holds the actual start of the tasks
    in progress (their start-based links count from it), ``fixed`` the
    actual span of done tasks, ``blocked`` each task's merged vacation
    ranges (days off of its people's own calendars included), ``splits``
    the tasks that pause on those days instead of moving past them.
    """

    ids: list[str]
    release: list[int]
    into: list[list[Edge]]
    out: list[list[Edge]]
    fixed: dict[int, tuple[int, int]]
    anchor: dict[int, int]
    blocked: list[list[tuple[int, int]]]
    order: list[int]
    acyclic: bool
    splits: frozenset[int] = frozenset()

    @property
    def size(self) -> int:
        """Number of tasks."""
        return len(self.ids)


def build_network(
    project: Project,
    result: Result,
    policy: Literal["plan", "links"] = "plan",
    tasks: Sequence[PlanTask] | None = None,
) -> SampleNetwork:
    """The partial order of ``result`` (see the module docstring).

    Parameters
    ----------
    project, result
        The project and a schedule of it.
    policy
        ``"plan"`` (links, people, resources, vacations) or ``"links"``
        (the critical-path-only simulation).
    tasks
        :func:`plan_tasks` of the two, when already computed.
    """
    tasks = list(tasks) if tasks is not None else plan_tasks(project,
                                                             result)
    n, index = len(tasks), project.task_index
    now = project.time_now or 0
    release = [
        max(project.earliest_start_index(t), now) for t in project.tasks
    ]
    fixed: dict[int, tuple[int, int]] = {}
    for k, p in enumerate(tasks):
        if p.state == "done" and p.actual and p.actual[1] is not None:
            fixed[k] = (p.actual[0], p.actual[1])
    anchor = {k: p.actual[0] for k, p in enumerate(tasks)
              if p.state == "in_progress" and p.actual is not None}
    overlap = {(o.predecessor, o.successor): o.days for o in result.overlaps}
    pairs: list[tuple[int, int, int, int]] = []  # i, j, kind, constant
    for j, t in enumerate(project.tasks):
        for dep in t.after:
            if j in fixed:
                continue
            c = dep.lag - overlap.get((dep.task, t.id), 0)
            pairs.append((index[dep.task], j, CODE[dep.type], c))
    blocked: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    if policy == "plan":
        pairs += [(i, j, FS, 0) for i, j in _order_pairs(tasks, fixed)]
        blocked = _blocked(project, tasks)
    into: list[list[Edge]] = [[] for _ in range(n)]
    out: list[list[Edge]] = [[] for _ in range(n)]
    for i, j, kind, c in pairs:
        from_start, minus_d = kind in (SS, SF), kind in (FF, SF)
        into[j].append((i, c, from_start, minus_d))
        out[i].append((j, c, from_start, minus_d))
    order, acyclic = _order(n, into, out, tasks)
    splits = frozenset(
        j for j, t in enumerate(project.tasks)
        if policy == "plan" and project.splits(t) and blocked[j]
    )
    return SampleNetwork([p.id for p in tasks], release, into, out, fixed,
                         anchor, blocked, order, acyclic, splits)


def _order_pairs(
    tasks: Sequence[PlanTask], fixed: dict[int, tuple[int, int]]
) -> set[tuple[int, int]]:
    """Plan order of each person's and resource's tasks, reduced.

    For task ``j`` the candidates are the tasks finishing by its start
    (a prefix in finish order); those finishing by the latest start
    among them are implied by that one, the rest are kept.
    """
    holders: dict[tuple[str, str], list[tuple[int, int, int]]] = {}
    for k, p in enumerate(tasks):
        s, f = p.span
        if k in fixed or f <= s:
            continue
        for pid in p.people:
            holders.setdefault(("person", pid), []).append((s, f, k))
        for rid in p.uses:
            holders.setdefault(("resource", rid), []).append((s, f, k))
    out: set[tuple[int, int]] = set()
    for items in holders.values():
        items.sort(key=lambda x: (x[1], x[0], x[2]))
        finishes = [f for _, f, _ in items]
        latest, top = [], -(2**62)
        for s, _, _ in items:
            top = max(top, s)
            latest.append(top)
        for s_j, _, j in items:
            m = bisect.bisect_right(finishes, s_j)
            if m == 0:
                continue
            lo = bisect.bisect_right(finishes, latest[m - 1], 0, m)
            out.update((i, j) for _, _, i in items[lo:m])
    return out


def _blocked(
    project: Project, tasks: Sequence[PlanTask]
) -> list[list[tuple[int, int]]]:
    """Per task, the union of its people's blocked days, its resources'
    days off and its own calendar's, merged."""
    memo: dict[tuple[tuple[str, ...], tuple[str, ...], str],
               list[tuple[int, int]]] = {}
    out = []
    for p in tasks:
        task = project.task(p.id)
        people = tuple(sorted(set(p.people)))
        uses = tuple(sorted(set(p.uses)))
        key = (people, uses, own_key(task))
        if key not in memo:
            memo[key] = task_blocks(project, people, uses, task=task)
        out.append(memo[key])
    return out


def _order(
    n: int,
    into: list[list[Edge]],
    out: list[list[Edge]],
    tasks: Sequence[PlanTask],
) -> tuple[list[int], bool]:
    """Kahn's order of the combined edges; with a cycle (leads against
    the plan's order), the plan's start order and ``False``."""
    remaining = [len(e) for e in into]
    order = [k for k in range(n) if remaining[k] == 0]
    head = 0
    while head < len(order):
        i = order[head]
        head += 1
        for j, *_ in out[i]:
            remaining[j] -= 1
            if remaining[j] == 0:
                order.append(j)
    if len(order) == n:
        return order, True
    return sorted(range(n), key=lambda k: (tasks[k].span[0], k)), False
