"""Capacity: vacations, each person's daily availability, renewable
resources per day and non-renewable stocks over the project.

Per-day rules are checked by sweeping over the start and finish events
of the tasks, so their cost does not depend on the length of the
horizon.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from plansat.check._common import (
    Schedule,
    chosen,
    names,
    vacation_days,
    when,
)
from plansat.models.project import Person, Task
from plansat.models.result import TaskResult

#: ``(task id, start, finish, amount)`` over the days ``[start, finish)``.
Item = tuple[str, int, int, int]


def staffed(s: Schedule) -> Iterable[tuple[Task, TaskResult, Person]]:
    """(task, schedule, person) for each known person on a real task."""
    project = s.project
    for task, tr in s.scheduled():
        if tr.finish <= tr.start:
            continue
        for pid in dict.fromkeys(tr.people):
            if pid in project.person_index:
                yield task, tr, project.person(pid)


def check_vacations(s: Schedule, out: list[str]) -> None:
    """Nobody works a task on one of their blocked days; one message per
    person and task, naming the first such day (ranges that overlap or
    touch give one message, not one per range)."""
    blocked = {p.id: vacation_days(s.cal, p) for p in s.project.people}
    for task, tr, person in staffed(s):
        if s.project.splits(task):  # it pauses: see check.calendars
            continue
        clash = [
            max(r.start, tr.start)
            for r in blocked[person.id]
            if r.start < tr.finish and tr.start < r.stop
        ]
        if clash:
            out.append(
                f"{task.id}: {person.id} is unavailable on "
                f"{when(s.cal, min(clash))} but works the task "
                f"(days {tr.start}-{tr.finish - 1})"
            )


def sweep(
    items: Iterable[Item],
    limit: int,
    report: Callable[[str, int, int, list[str]], None],
) -> None:
    """Find the days where the summed amounts of intervals exceed
    ``limit``.

    ``items`` are ``(task id, start, finish, amount)`` with the interval
    ``[start, finish)``.  ``report(task, day, total, others)`` is called
    on each day a task starts and the total goes above ``limit``, with the
    starting task and the other tasks active that day.
    """
    events: list[tuple[int, int, int, str]] = []
    for tid, start, finish, amount in items:
        if finish > start and amount > 0:
            events.append((start, 1, amount, tid))
            events.append((finish, 0, amount, tid))
    events.sort()  # at equal days, finishes (0) before starts (1)
    active: dict[str, int] = {}
    total = 0
    i = 0
    while i < len(events):
        day = events[i][0]
        starting: list[str] = []
        while i < len(events) and events[i][0] == day:
            _, kind, amount, tid = events[i]
            if kind:
                total += amount
                active[tid] = active.get(tid, 0) + amount
                starting.append(tid)
            else:
                total -= amount
                active[tid] -= amount
                if not active[tid]:
                    del active[tid]
            i += 1
        if starting and total > limit:
            first = starting[-1]
            others = [t for t in active if t != first]
            report(first, day, total, others)


def _with(others: list[str]) -> str:
    return f" (with {names(others)})" if others else ""


def check_availability(s: Schedule, out: list[str]) -> None:
    """On no day does a person's summed allocation exceed their
    availability."""
    work: dict[str, list[Item]] = {}
    for task, tr, person in staffed(s):
        work.setdefault(person.id, []).append(
            (task.id, tr.start, tr.finish, task.allocation)
        )
    for pid, items in work.items():
        person = s.project.person(pid)

        def report(
            tid: str,
            day: int,
            total: int,
            others: list[str],
            person: Person = person,
        ) -> None:
            out.append(
                f"{tid}: {person.id} is over-allocated on "
                f"{when(s.cal, day)}: {total}% > {person.availability}%"
                f"{_with(others)}"
            )

        sweep(items, person.availability, report)


def check_resources(s: Schedule, out: list[str]) -> None:
    """Known resources only; a renewable resource within its capacity on
    every day, a non-renewable one within its stock over the project."""
    project = s.project
    uses: dict[str, list[Item]] = {}
    for task, tr in s.scheduled():
        for rid, units in chosen(task, tr).uses.items():
            uses.setdefault(rid, []).append(
                (task.id, tr.start, tr.finish, units)
            )
    for rid, items in uses.items():
        if rid not in project.resource_index:
            for tid, *_ in items:
                out.append(f"{tid}: uses unknown resource '{rid}'")
            continue
        res = project.resources[project.resource_index[rid]]
        cap = res.capacity
        if not res.renewable:  # consumed over the whole project
            total = sum(units for *_, units in items)
            if total > cap:
                out.append(
                    f"non-renewable resource {rid}: the chosen modes "
                    f"consume {total} > {cap} units"
                )
            continue

        def report(
            tid: str,
            day: int,
            total: int,
            others: list[str],
            rid: str = rid,
            cap: int = cap,
        ) -> None:
            out.append(
                f"{tid}: resource {rid} is over capacity on "
                f"{when(s.cal, day)}: {total} > {cap} units{_with(others)}"
            )

        sweep(items, cap, report)
