"""Splits: tasks that pause on their people's days off.

A splittable task ``t`` of ``d`` days (see :meth:`Project.splits
<plansat.models.Project.splits>`) occupies ``[start, end)`` and works
on the days of that span on which all its people work; it starts and
ends on such a day and works exactly ``d`` of them.  Its people are held
for the whole span (they take no other task in its pauses).

The people who may work a split task are grouped into *classes* by
their blocked days (:meth:`~plansat.models.Project.blocked_days`:
vacations and their own calendar's days off), cut at the horizon.  For
each set ``Q`` of classes that may staff the task together (at most as
many classes as the task has people), a literal ``q[t,Q]`` says that
the classes of its people are exactly ``Q``; exactly one holds.  With
``B_Q`` the union of the classes' blocked days and ``End_Q[s]`` the day
after the ``d``-th day from ``s`` outside ``B_Q``:

- ``q[t,Q] ⇒ start ∉ B_Q`` (a linear-in-domain constraint) and
- ``q[t,Q] ⇒ end = e[t,Q]`` with ``e[t,Q] = End_Q[start]`` (one element
  constraint over an array of ``horizon + 1`` values).

People who may work a split task (``v.split_people``) carry no blocks
in their capacity (their span would collide with them): each of their
other tasks gets ``works ⇒ start ∉ B_p`` and ``works ⇒ end ≤ n[t,p]``
with ``n[t,p] = Next_p[start]``, the first blocked day of ``p`` on or
after ``start`` (an element constraint per task and class).

A task's own calendar (``Task.calendar``) works like a resource only
that task holds: a task that doesn't split keeps off its days off
(``start ∉ B`` and ``end ≤ Next[start]``, as above), a split task adds
them to the ``B_Q`` of every set of classes.

Without split tasks or task calendars this family adds nothing: the
model is the one without calendars.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from itertools import combinations

from ortools.sat.python import cp_model

from plansat.solver.strengthenings import Strengthenings
from plansat.solver.variables import IntVar, Variables

#: Most sets of classes one split task may enumerate.
MAX_CLASS_SETS = 256

Blocks = tuple[tuple[int, int], ...]


def add(v: Variables, parts: Strengthenings) -> None:
    """Post the spans of split tasks and the days off of their people."""
    del parts  # nothing here is a strengthening
    for pid in sorted(v.split_people):
        for task_id in v.tasks_of[pid]:
            if task_id not in v.span:
                _keep_off(v, task_id, blocks(v, pid),
                          v.works[task_id, pid], pid)
    for t in v.project.tasks:  # its own calendar: a resource of its own
        own = _pairs(v, v.task_off(t.id))
        for k, mode in enumerate(t.alternatives):
            if own and mode.duration > 0 and t.id not in v.span:
                _keep_off(v, t.id, own, v.chosen(t.id, k), f"own,{k}")
    for rid in sorted(v.split_resources):
        closed = _pairs(v, v.resource_off(rid))
        for t in v.project.tasks:
            for k, mode in enumerate(t.alternatives):
                if rid in mode.uses and mode.duration > 0 and (
                        t.id not in v.span):
                    _keep_off(v, t.id, closed, v.chosen(t.id, k),
                              f"{rid},{k}")
    off: dict[str, Blocks] = {}
    for task_id in v.span:
        _span(v, task_id, off)


def blocks(v: Variables, person_id: str) -> Blocks:
    """``person_id``'s blocked days before the horizon, as pairs."""
    return _pairs(v, v.project.blocked_days(v.project.person(person_id)))


def _pairs(v: Variables, days: list[range]) -> Blocks:
    return tuple(
        (r.start, min(r.stop, v.horizon + 1))
        for r in days
        if r.start <= v.horizon
    )


def _free_domain(b: Blocks, horizon: int) -> cp_model.Domain:
    """Days of ``[0, horizon]`` outside ``b``."""
    gaps, day = [], 0
    for lo, hi in b:
        if lo > day:
            gaps.append([day, lo - 1])
        day = max(day, hi)
    if day <= horizon:
        gaps.append([day, horizon])
    return cp_model.Domain.from_intervals(gaps)


def _keep_off(
    v: Variables, task_id: str, b: Blocks, works: IntVar | int, name: str
) -> None:
    """``task_id`` (which doesn't split) only over days outside ``b``
    when ``works`` (a person on it, or a mode holding a resource)."""
    if not b:
        return
    m, h = v.model, v.horizon
    starts = [lo for lo, _ in b]
    after = [starts[i] if i < len(starts) else h
             for i in (bisect_left(starts, s) for s in range(h + 1))]
    nxt = m.new_int_var(0, h, f"next_off[{task_id},{name}]")
    m.add_element(v.start[task_id], after, nxt)
    lits = [] if isinstance(works, int) else [works]
    m.add_linear_expression_in_domain(
        v.start[task_id], _free_domain(b, h)
    ).only_enforce_if(lits)
    m.add(v.end[task_id] <= nxt).only_enforce_if(lits)


def _classes(
    v: Variables, task_id: str, off: dict[str, Blocks]
) -> dict[Blocks, IntVar]:
    """The task's people grouped by blocked days, each class with a
    literal that some person of it works the task."""
    m = v.model
    groups: dict[Blocks, list[str]] = {}
    for pid in v.may_work(v.project.task(task_id)):
        if pid not in off:  # memo: people recur across tasks
            off[pid] = blocks(v, pid)
        groups.setdefault(off[pid], []).append(pid)
    out: dict[Blocks, IntVar] = {}
    for k, (key, pids) in enumerate(groups.items()):
        lits = [v.works[task_id, pid] for pid in pids]
        if len(lits) == 1:
            out[key] = lits[0]
            continue
        some = m.new_bool_var(f"class[{task_id},{k}]")
        m.add_max_equality(some, lits)
        out[key] = some
    return out


def _span(v: Variables, task_id: str, off: dict[str, Blocks]) -> None:
    """``end`` of a split task from its ``start`` and the set of its
    people's classes."""
    m = v.model
    task = v.project.task(task_id)
    held = [pair for rid in task.uses
            for pair in _pairs(v, v.resource_off(rid))]
    held += _pairs(v, v.task_off(task_id))
    present = _classes(v, task_id, off)
    if not present:  # no people: its resources' days off only
        _pause(v, task_id, _merge(held), None, "")
        return
    most = min(len(present), task.slots + len(v.project.extra_people(task)))
    sets = [q for n in range(1, most + 1)
            for q in combinations(list(present), n)]
    if len(sets) > MAX_CLASS_SETS:
        raise ValueError(
            f"{task_id}: {len(sets)} combinations of its people's "
            f"calendars; a split task allows {MAX_CLASS_SETS}"
        )
    lits = []
    for k, chosen in enumerate(sets):
        q = m.new_bool_var(f"classes[{task_id},{k}]")
        lits.append(q)
        for key, lit in present.items():
            m.add_implication(q, lit if key in chosen else ~lit)
        b = _merge([pair for key in chosen for pair in key] + held)
        _pause(v, task_id, b, q, f",{k}")
    m.add_exactly_one(lits)


def _pause(
    v: Variables, task_id: str, b: Blocks, q: IntVar | None, name: str
) -> None:
    """When ``q`` (always without it): the task's end from its start,
    pausing over ``b``."""
    m, h, d = v.model, v.horizon, v.project.task(task_id).duration
    lits = [] if q is None else [q]
    if not b:
        m.add(v.end[task_id] == v.start[task_id] + d).only_enforce_if(lits)
        return
    ends = _ends(b, d, h)
    e = m.new_int_var(0, max(ends), f"split_end[{task_id}{name}]")
    m.add_element(v.start[task_id], list(ends), e)
    m.add(v.end[task_id] == e).only_enforce_if(lits)
    m.add_linear_expression_in_domain(
        v.start[task_id], _free_domain(b, h)
    ).only_enforce_if(lits)


def _merge(pairs: list[tuple[int, int]]) -> Blocks:
    merged: list[list[int]] = []
    for lo, hi in sorted(pairs):
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return tuple((lo, hi) for lo, hi in merged)


@lru_cache(maxsize=4096)
def _ends(b: Blocks, d: int, horizon: int) -> tuple[int, ...]:
    """``End[s]`` for ``s`` in ``[0, horizon]``: one past the ``d``-th
    day on or after ``s`` outside ``b`` (days past the blocks are
    free)."""
    free: list[int] = []
    day = 0
    limit = horizon + d + sum(hi - lo for lo, hi in b) + 1
    for lo, hi in (*b, (limit, limit)):
        free.extend(range(day, lo))
        day = max(day, hi)
    ends = []
    i = 0  # index in `free` of the first free day on or after s
    for s in range(horizon + 1):
        while free[i] < s:
            i += 1
        ends.append(free[i + d - 1] + 1)
    return tuple(ends)
