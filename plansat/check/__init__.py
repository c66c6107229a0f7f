"""An independent referee for schedules: :func:`violations`.

Everything here is recomputed in plain Python from the project and the
schedule in a :class:`~plansat.models.result.Result`; nothing is taken from
the solver (this module never imports ``ortools`` or :mod:`plansat.solver`).
The checks follow DESIGN.md: task identity, durations and crashing, dates,
earliest starts and deadlines, the four dependency types with fast-tracking,
skill-matched people, vacations, per-day availability, resource capacity,
makespan, costs and loads.

Per-day rules (availability, capacity) are checked by sweeping over the
start and finish events of the tasks, so their cost does not depend on the
length of the horizon.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date

from plansat.models.calendar import WorkCalendar
from plansat.models.project import Dependency, Mode, Person, Project, Task
from plansat.models.result import (
    CostBreakdown,
    Overlap,
    PersonLoad,
    Result,
    TaskResult,
)

__all__ = ["person_loads", "recompute_cost", "violations"]

logger = logging.getLogger(__name__)

#: Relative tolerance for money and load comparisons.
REL_TOL = 1e-6

_COST_FIELDS = (
    "labour", "resources", "modes", "crash", "overlap", "overhead", "total"
)


def violations(project: Project, result: Result) -> list[str]:
    """Every rule of ``project`` that the schedule in ``result`` breaks.

    Parameters
    ----------
    project
        The (validated) project that was solved.
    result
        A result claiming to schedule ``project``.

    Returns
    -------
    list of str
        One line per violation, naming the task, person, resource or date
        concerned, e.g. ``"T004: bob is over-allocated on 2025-07-14 (day
        12): 200% > 100%"``.  Empty when the schedule is valid.

    Notes
    -----
    A result without a solution (INFEASIBLE, UNKNOWN, MODEL_INVALID) is
    valid exactly when it carries no tasks.
    """
    if not result.status.has_solution:
        if result.tasks:
            return [
                f"result with status {result.status.value} has no solution "
                f"and must not carry tasks, got {len(result.tasks)}"
            ]
        return []
    out: list[str] = []
    sched = _identity(project, result, out)
    cal = project.work_calendar
    for task in project.tasks:
        tr = sched.get(task.id)
        if tr is not None:
            _task_rules(project, cal, task, tr, out)
    _dependencies(project, sched, out)
    _overlap_list(project, sched, result.overlaps, out)
    for task in project.tasks:
        tr = sched.get(task.id)
        if tr is not None:
            _people_rules(project, task, tr, out)
    _vacations(project, cal, sched, out)
    _availability(project, cal, sched, out)
    _capacity(project, cal, sched, out)
    _makespan(cal, result, out)
    _costs(project, result, out)
    _loads(project, result, out)
    if out:
        logger.debug("%d violations found", len(out))
    return out


def recompute_cost(project: Project, result: Result) -> CostBreakdown:
    """The cost of the schedule in ``result``, recomputed from scratch.

    ``result.cost`` is ignored: labour is ``rate × duration ×
    allocation/100`` per person on a task, resources ``rate × units ×
    duration``, crashing the days saved × ``cost_per_day``, overlap the
    fast-tracked days × the link's ``overlap_cost_per_day``, overhead
    ``overhead_per_day`` × the makespan (the latest finish).

    Parameters
    ----------
    project
        The project that was solved.
    result
        The schedule; tasks, people and links unknown to the project are
        skipped.

    Returns
    -------
    CostBreakdown
        The components and their total.
    """
    sched = _first_by_id(project, result)
    labour = resources = modes = crash = 0.0
    for task in project.tasks:
        tr = sched.get(task.id)
        if tr is None:
            continue
        share = tr.duration * task.allocation / 100
        for pid in dict.fromkeys(tr.people):
            if pid in project.person_index:
                labour += project.person(pid).rate * share
        mode = _chosen(task, tr)
        if task.modes:
            modes += mode.cost
        for rid, units in mode.uses.items():
            if rid in project.resource_index:
                res = project.resources[project.resource_index[rid]]
                days = tr.duration if res.renewable else 1
                resources += res.rate * units * days
        if task.crash is not None:
            saved = max(0, task.duration - tr.duration)
            crash += saved * task.crash.cost_per_day
    overlap = sum(o.cost for o in _expected_overlaps(project, sched))
    overhead = project.overhead_per_day * _latest_finish(result)
    total = labour + resources + modes + crash + overlap + overhead
    return CostBreakdown(
        labour=labour,
        resources=resources,
        modes=modes,
        crash=crash,
        overlap=overlap,
        overhead=overhead,
        total=total,
    )


def person_loads(project: Project, result: Result) -> list[PersonLoad]:
    """How busy each person of ``project`` is in the schedule.

    ``busy_days`` sums ``duration × allocation/100`` over the person's
    tasks; ``available_days`` counts the working days in ``[0,
    makespan)`` outside the person's vacations, × ``availability/100``;
    ``load`` is their ratio (0 when nothing is available).

    Parameters
    ----------
    project
        The project that was solved.
    result
        The schedule; its makespan is recomputed as the latest finish and
        is the horizon unless ``result.load_horizon`` says otherwise.

    Returns
    -------
    list of PersonLoad
        One entry per person, in project order.
    """
    sched = _first_by_id(project, result)
    horizon = max(0, _latest_finish(result))
    if result.load_horizon is not None:
        horizon = result.load_horizon
    busy: dict[str, float] = {p.id: 0.0 for p in project.people}
    for task in project.tasks:
        tr = sched.get(task.id)
        if tr is None:
            continue
        for pid in dict.fromkeys(tr.people):
            if pid in busy:
                busy[pid] += tr.duration * task.allocation / 100
    loads = []
    for person in project.people:
        blocked = _covered(project.blocked_days(person), 0, horizon)
        available = (horizon - blocked) * person.availability / 100
        load = busy[person.id] / available if available > 0 else 0.0
        loads.append(
            PersonLoad(
                person=person.id,
                busy_days=busy[person.id],
                available_days=available,
                load=load,
            )
        )
    return loads


# -- helpers ------------------------------------------------------------------


def _close(value: float, expected: float) -> bool:
    return abs(value - expected) <= REL_TOL * max(1.0, abs(expected))


def _chosen(task: Task, tr: TaskResult) -> Mode:
    """The mode ``tr`` runs ``task`` in (its own fields for a single-mode
    task); an invalid index falls back to the first mode (reported by
    the task rules)."""
    if task.modes and tr.mode is not None and 0 <= tr.mode < len(task.modes):
        return task.modes[tr.mode]
    return task.alternatives[0]


def _first_by_id(project: Project, result: Result) -> dict[str, TaskResult]:
    """First scheduled entry of each project task."""
    sched: dict[str, TaskResult] = {}
    for tr in result.tasks:
        if tr.id in project.task_index:
            sched.setdefault(tr.id, tr)
    return sched


def _latest_finish(result: Result) -> int:
    return max((t.finish for t in result.tasks), default=0)


def _date(cal: WorkCalendar, day: int) -> date | None:
    """Date of working day ``day``; ``None`` when it has none."""
    try:
        return cal.date_of(day)
    except (ValueError, OverflowError):
        return None


def _when(cal: WorkCalendar, day: int) -> str:
    d = _date(cal, day)
    return f"{d} (day {day})" if d is not None else f"day {day}"


def _covered(ranges: Iterable[range], lo: int, hi: int) -> int:
    """Number of days of ``[lo, hi)`` inside the union of ``ranges``."""
    spans = sorted(
        (max(r.start, lo), min(r.stop, hi)) for r in ranges if len(r)
    )
    count, reach = 0, lo
    for a, b in spans:
        a = max(a, reach)
        if b > a:
            count += b - a
            reach = b
    return count


def _names(ids: Iterable[str]) -> str:
    return ", ".join(ids)


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else many or word + 's'}"


# -- identity -----------------------------------------------------------------


def _identity(
    project: Project, result: Result, out: list[str]
) -> dict[str, TaskResult]:
    counts = Counter(t.id for t in result.tasks)
    for tid in counts:
        if tid not in project.task_index:
            out.append(f"{tid}: not a task of the project (unknown task id)")
    for task in project.tasks:
        n = counts.get(task.id, 0)
        if n == 0:
            out.append(f"{task.id}: missing from the result")
        elif n > 1:
            out.append(f"{task.id}: listed {n} times in the result")
    return _first_by_id(project, result)


# -- per task -----------------------------------------------------------------


def _task_rules(
    project: Project,
    cal: WorkCalendar,
    task: Task,
    tr: TaskResult,
    out: list[str],
) -> None:
    tid = task.id
    if tr.start < 0:
        out.append(f"{tid}: start {tr.start} is before day 0")
    if tr.finish != tr.start + tr.duration:
        out.append(
            f"{tid}: finish {tr.finish} != start {tr.start} + duration "
            f"{tr.duration}"
        )
    if task.modes:
        if tr.mode is None or not 0 <= tr.mode < len(task.modes):
            out.append(
                f"{tid}: mode {tr.mode} is not one of its "
                f"{len(task.modes)} modes"
            )
        elif tr.duration != task.modes[tr.mode].duration:
            out.append(
                f"{tid}: duration {tr.duration} != mode {tr.mode}'s "
                f"duration {task.modes[tr.mode].duration}"
            )
        if tr.crashed:
            out.append(f"{tid}: crashed {tr.crashed} in a multi-mode task")
        _earliness(project, cal, task, tr, out)
        return
    if tr.mode is not None:
        out.append(f"{tid}: mode {tr.mode} given for a task without modes")
    if task.crash is not None:
        lo = task.crash.duration
        if not lo <= tr.duration <= task.duration:
            out.append(
                f"{tid}: duration {tr.duration} is outside [{lo}, "
                f"{task.duration}] (crash.duration {lo})"
            )
    elif tr.duration != task.duration:
        out.append(
            f"{tid}: duration {tr.duration} != the task's duration "
            f"{task.duration} (no crash option)"
        )
    if tr.crashed != task.duration - tr.duration:
        out.append(
            f"{tid}: crashed {tr.crashed} != {task.duration - tr.duration} "
            f"(duration {task.duration} - scheduled {tr.duration})"
        )
    _earliness(project, cal, task, tr, out)


def _earliness(
    project: Project,
    cal: WorkCalendar,
    task: Task,
    tr: TaskResult,
    out: list[str],
) -> None:
    """Windows and dates of one scheduled task."""
    tid = task.id
    earliest = project.earliest_start_index(task)
    if task.earliest_start is not None and tr.start < earliest:
        out.append(
            f"{tid}: starts on {_when(cal, tr.start)}, before its "
            f"earliest_start {task.earliest_start} (day {earliest})"
        )
    for what, deadline in (
        ("its deadline", task.deadline),
        ("the project deadline", project.deadline),
    ):
        if deadline is None:
            continue
        bound = cal.finish_bound(deadline)
        if tr.duration == 0:  # a milestone happens on day `finish`
            bound -= 1
        if tr.finish > bound:
            last = tr.finish - 1 if tr.duration else tr.finish
            out.append(
                f"{tid}: finishes at day {tr.finish} "
                f"({_date(cal, last)}), after {what} {deadline} "
                f"(finish must be <= {bound})"
            )
    if tr.start >= 0:
        start_date = _date(cal, tr.start)
        if start_date is None:
            out.append(f"{tid}: start {tr.start} has no calendar date")
        elif tr.start_date != start_date:
            out.append(
                f"{tid}: start_date {tr.start_date} is not the date of day "
                f"{tr.start} ({start_date})"
            )
        last = tr.finish - 1 if tr.finish > tr.start else tr.start
        finish_date = _date(cal, last)
        if finish_date is not None and tr.finish_date != finish_date:
            out.append(
                f"{tid}: finish_date {tr.finish_date} is not the date of "
                f"day {last} ({finish_date})"
            )


# -- dependencies -------------------------------------------------------------


def _fs_overlap(pred: TaskResult, succ: TaskResult, dep: Dependency) -> int:
    return max(0, pred.finish + dep.lag - succ.start)


def _links(
    project: Project, sched: dict[str, TaskResult]
) -> Iterable[tuple[Task, Dependency, TaskResult, TaskResult]]:
    for task in project.tasks:
        succ = sched.get(task.id)
        if succ is None:
            continue
        for dep in task.after:
            pred = sched.get(dep.task)
            if pred is not None:
                yield task, dep, pred, succ


def _dependencies(
    project: Project, sched: dict[str, TaskResult], out: list[str]
) -> None:
    for task, dep, pred, succ in _links(project, sched):
        tid, pid, lag = task.id, dep.task, dep.lag
        if dep.type == "FS":
            days = _fs_overlap(pred, succ, dep)
            if days > 0 and dep.max_overlap == 0:
                out.append(
                    f"{tid}: FS link after {pid} broken: start {succ.start}"
                    f" < {pid} finish {pred.finish} + lag {lag}"
                )
            elif days > dep.max_overlap:
                out.append(
                    f"{tid}: overlaps {pid} by {days} days (FS, lag {lag}),"
                    f" more than max_overlap {dep.max_overlap}"
                )
            continue
        mine, theirs, ok = {
            "SS": ("start", "start", succ.start >= pred.start + lag),
            "FF": ("finish", "finish", succ.finish >= pred.finish + lag),
            "SF": ("finish", "start", succ.finish >= pred.start + lag),
        }[dep.type]
        if not ok:
            out.append(
                f"{tid}: {dep.type} link after {pid} broken: {mine} "
                f"{getattr(succ, mine)} < {pid} {theirs} "
                f"{getattr(pred, theirs)} + lag {lag}"
            )


def _expected_overlaps(
    project: Project, sched: dict[str, TaskResult]
) -> list[Overlap]:
    found = []
    for task, dep, pred, succ in _links(project, sched):
        if dep.type != "FS":
            continue
        days = _fs_overlap(pred, succ, dep)
        if days > 0:
            found.append(
                Overlap(
                    predecessor=dep.task,
                    successor=task.id,
                    days=days,
                    cost=days * dep.overlap_cost_per_day,
                )
            )
    return found


def _overlap_list(
    project: Project,
    sched: dict[str, TaskResult],
    listed: Sequence[Overlap],
    out: list[str],
) -> None:
    remaining = list(listed)
    for exp in _expected_overlaps(project, sched):
        link = f"{exp.predecessor} -> {exp.successor}"
        same = [
            o
            for o in remaining
            if (o.predecessor, o.successor) == (exp.predecessor, exp.successor)
        ]
        match = next((o for o in same if o.days == exp.days), None)
        if match is None and same:
            match = same[0]
            out.append(
                f"{exp.successor}: result.overlaps gives {match.days} days "
                f"for {link}, the schedule overlaps {exp.days}"
            )
        elif match is None:
            out.append(
                f"{exp.successor}: overlap {link} of "
                f"{_plural(exp.days, 'day')} is missing from "
                "result.overlaps"
            )
            continue
        remaining.remove(match)
        if not _close(match.cost, exp.cost):
            out.append(
                f"{exp.successor}: result.overlaps costs {link} at "
                f"{match.cost:g}, recomputed {exp.cost:g}"
            )
    for o in remaining:
        out.append(
            f"{o.successor}: result.overlaps lists {o.predecessor} -> "
            f"{o.successor} ({_plural(o.days, 'day')}) but the schedule "
            "has no such overlap"
        )


# -- people -------------------------------------------------------------------


def _matching(
    slots: Sequence[tuple[str, int]], people: Sequence[Person]
) -> tuple[int, list[Person]]:
    """Maximum matching of people to need slots (augmenting paths).

    Returns the number of slots filled and the people left unmatched.
    """
    fits = [
        [
            k
            for k, (skill, level) in enumerate(slots)
            if p.level(skill) >= level
        ]
        for p in people
    ]
    slot_owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for k in fits[i]:
            if k in seen:
                continue
            seen.add(k)
            if k not in slot_owner or augment(slot_owner[k], seen):
                slot_owner[k] = i
                return True
        return False

    for i in range(len(people)):
        augment(i, set())
    matched = set(slot_owner.values())
    return len(slot_owner), [
        p for i, p in enumerate(people) if i not in matched
    ]


def _people_rules(
    project: Project, task: Task, tr: TaskResult, out: list[str]
) -> None:
    tid = task.id
    mode = _chosen(task, tr)
    if mode.duration == 0:
        if tr.people:
            out.append(
                f"{tid}: a milestone (duration 0) has no people, got "
                f"{_names(tr.people)}"
            )
        return
    counts = Counter(tr.people)
    for pid, n in counts.items():
        if pid not in project.person_index:
            out.append(f"{tid}: unknown person '{pid}'")
        elif n > 1:
            out.append(f"{tid}: {pid} is listed {n} times")
    for pid in task.assigned:
        if pid not in counts:
            out.append(f"{tid}: pinned person {pid} is not on the task")
    extra = set(project.extra_people(task))  # pinned beyond the needs
    if len(tr.people) != mode.slots + len(extra):
        out.append(
            f"{tid}: has {_plural(len(tr.people), 'person', 'people')}, "
            f"needs {mode.slots + len(extra)}"
        )
    people = [
        project.person(p)
        for p in counts
        if p in project.person_index and p not in extra
    ]
    slots = [(n.skill, n.level) for n in mode.needs for _ in range(n.count)]
    filled, left = _matching(slots, people)
    if filled < min(len(slots), len(people)):
        needs = "; ".join(
            f"{n.skill} >= {n.level} x{n.count}" for n in mode.needs
        )
        hopeless = [
            p.id for p in left if not any(p.level(s) >= lv for s, lv in slots)
        ]
        for pid in hopeless:
            out.append(
                f"{tid}: {pid} qualifies for none of the needs ({needs})"
            )
        if not hopeless:
            out.append(
                f"{tid}: people {_names(p.id for p in people)} fill only "
                f"{filled} of {len(slots)} need slots ({needs}); "
                f"unmatched: {_names(p.id for p in left)}"
            )
    for person in people:
        if person.availability < task.allocation:
            out.append(
                f"{tid}: {person.id}'s availability {person.availability}%"
                f" is below the task's allocation {task.allocation}%"
            )


def _staffed(
    project: Project, sched: dict[str, TaskResult]
) -> Iterable[tuple[Task, TaskResult, Person]]:
    """(task, schedule, person) for each known person on a real task."""
    for task in project.tasks:
        tr = sched.get(task.id)
        if tr is None or tr.finish <= tr.start:
            continue
        for pid in dict.fromkeys(tr.people):
            if pid in project.person_index:
                yield task, tr, project.person(pid)


def _vacations(
    project: Project,
    cal: WorkCalendar,
    sched: dict[str, TaskResult],
    out: list[str],
) -> None:
    blocked = {p.id: project.blocked_days(p) for p in project.people}
    for task, tr, person in _staffed(project, sched):
        clash = [
            max(r.start, tr.start)
            for r in blocked[person.id]
            if r.start < tr.finish and tr.start < r.stop
        ]
        if clash:
            out.append(
                f"{task.id}: {person.id} is unavailable on "
                f"{_when(cal, min(clash))} but works the task "
                f"(days {tr.start}-{tr.finish - 1})"
            )


def _sweep(
    items: Iterable[tuple[str, int, int, int]],
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
    return f" (with {_names(others)})" if others else ""


def _availability(
    project: Project,
    cal: WorkCalendar,
    sched: dict[str, TaskResult],
    out: list[str],
) -> None:
    work: dict[str, list[tuple[str, int, int, int]]] = {}
    for task, tr, person in _staffed(project, sched):
        work.setdefault(person.id, []).append(
            (task.id, tr.start, tr.finish, task.allocation)
        )
    for pid, items in work.items():
        person = project.person(pid)

        def report(
            tid: str,
            day: int,
            total: int,
            others: list[str],
            person: Person = person,
        ) -> None:
            out.append(
                f"{tid}: {person.id} is over-allocated on "
                f"{_when(cal, day)}: {total}% > {person.availability}%"
                f"{_with(others)}"
            )

        _sweep(items, person.availability, report)


def _capacity(
    project: Project,
    cal: WorkCalendar,
    sched: dict[str, TaskResult],
    out: list[str],
) -> None:
    uses: dict[str, list[tuple[str, int, int, int]]] = {}
    for task in project.tasks:
        tr = sched.get(task.id)
        if tr is None:
            continue
        for rid, units in _chosen(task, tr).uses.items():
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
                f"{_when(cal, day)}: {total} > {cap} units{_with(others)}"
            )

        _sweep(items, cap, report)


# -- whole schedule -----------------------------------------------------------


def _makespan(cal: WorkCalendar, result: Result, out: list[str]) -> None:
    latest = _latest_finish(result)
    if result.makespan is None:
        out.append(f"makespan is missing (the latest finish is {latest})")
    elif result.makespan != latest:
        out.append(
            f"makespan is {result.makespan} but the latest finish is {latest}"
        )
    last = max(latest - 1, 0)
    expected = _date(cal, last)
    if result.finish_date is None:
        out.append(f"finish_date is missing (expected {expected})")
    elif expected is not None and result.finish_date != expected:
        out.append(
            f"finish_date {result.finish_date} is not the date of day "
            f"{last} ({expected})"
        )


def _costs(project: Project, result: Result, out: list[str]) -> None:
    expected = recompute_cost(project, result)
    for name in _COST_FIELDS:
        got, want = getattr(result.cost, name), getattr(expected, name)
        if not _close(got, want):
            out.append(
                f"cost.{name} is {got:g}, recomputed {want:g} from the "
                "schedule"
            )


def _loads(project: Project, result: Result, out: list[str]) -> None:
    if not result.loads:
        return
    expected = {pl.person: pl for pl in person_loads(project, result)}
    counts = Counter(pl.person for pl in result.loads)
    for pid, n in counts.items():
        if n > 1:
            out.append(f"loads: {pid} is listed {n} times")
    for pl in result.loads:
        want = expected.get(pl.person)
        if want is None:
            out.append(f"loads: unknown person '{pl.person}'")
            continue
        for name in ("busy_days", "available_days", "load"):
            got, exp = getattr(pl, name), getattr(want, name)
            if not _close(got, exp):
                out.append(
                    f"loads: {pl.person}'s {name} is {got:g}, recomputed "
                    f"{exp:g}"
                )
