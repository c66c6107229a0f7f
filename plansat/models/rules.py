"""Rules that span a whole project: references, cycles, fillable needs.

Each rule yields messages of the form ``<json path>: <what is wrong>``.
:func:`project_errors` runs them all; :class:`~plansat.models.Project`
calls it on construction.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING

from plansat.models.calendar_rules import calendar_errors
from plansat.models.delivery_rules import delivery_errors
from plansat.models.entities import CALENDAR_MARGIN, Mode, Need, Person, Task
from plansat.models.errors import duplicate_ids
from plansat.models.matching import match_slots
from plansat.models.progress_rules import progress_errors

if TYPE_CHECKING:
    from plansat.models.project import Project


def project_errors(project: Project) -> list[str]:
    """All rule violations of ``project``, one message each (empty if
    valid)."""
    errors = list(_duplicate_ids(project))
    if errors:  # later rules look ids up
        return errors
    errors += _dates(project)
    errors += _calendar_range(project)
    if not errors:  # the day grid is sound
        errors += calendar_errors(project)
    errors += _dependencies(project)
    errors += _cycles(project)  # skips the links reported just above
    errors += _needs_and_pins(project)
    errors += _uses(project)
    errors += progress_errors(project)
    errors += delivery_errors(project)
    return errors


def _duplicate_ids(project: Project) -> Iterator[str]:
    return duplicate_ids((
        ("task", "tasks", [t.id for t in project.tasks]),
        ("person", "people", [p.id for p in project.people]),
        ("resource", "resources", [r.id for r in project.resources]),
    ))


def _milestone_fits(project: Project, t: Task, es: date, dl: date) -> bool:
    """Whether milestone ``t`` may start on ``es`` and still meet ``dl``:
    a milestone at the working day of ``es`` is dated the working day
    before (MS Project's date), so ``es`` may be the working day right
    after ``dl``."""
    if t.duration != 0 or t.modes:
        return False
    cal = project.work_calendar
    return cal.index_on_or_after(es) <= cal.index_on_or_before(dl) + 1


def _dates(project: Project) -> Iterator[str]:
    start = project.start
    if project.deadline is not None and project.deadline < start:
        yield (
            f"deadline: {project.deadline} is before the project start {start}"
        )
    for i, t in enumerate(project.tasks):
        es, dl = t.earliest_start, t.deadline
        if es is not None and dl is not None and es > dl and not (
            _milestone_fits(project, t, es, dl)
        ):
            yield f"tasks[{i}]: earliest_start {es} is after deadline {dl}"
        if dl is not None and dl < start:
            yield (
                f"tasks[{i}].deadline: {dl} is before the project start "
                f"{start}"
            )
        if es is not None and project.deadline and es > project.deadline and (
            not _milestone_fits(project, t, es, project.deadline)
        ):
            yield (
                f"tasks[{i}].earliest_start: {es} is after the project "
                f"deadline {project.deadline}"
            )
        if t.crash is not None and t.crash.duration > t.duration:
            yield (
                f"tasks[{i}].crash.duration: {t.crash.duration} is above "
                f"the task's duration {t.duration}"
            )
        if t.duration == 0 and not t.modes:
            for field in ("needs", "uses", "assigned", "crash"):
                if getattr(t, field):
                    yield (
                        f"tasks[{i}].{field}: a milestone (duration 0) "
                        "uses no people, resources or crashing"
                    )
        for m, mode in enumerate(t.modes):
            if mode.duration == 0 and mode.needs:
                yield (
                    f"tasks[{i}].modes[{m}].needs: a milestone mode "
                    "(duration 0) uses no people"
                )


def _calendar_range(project: Project) -> Iterator[str]:
    """Every day a schedule may reach must have a date.

    The project's crude horizon (the latest earliest start or vacation
    end, plus every task's longest duration, plus every positive lag)
    must end :data:`~plansat.models.project.CALENDAR_MARGIN` working days
    before ``date.max``.  A project that doesn't is reported at the field
    that adds the most days: the likeliest typo.
    """

    cal = project.work_calendar
    days = cal.index_on_or_before(date.max) + 1
    room = days - CALENDAR_MARGIN
    if room <= 0:
        yield (
            f"start: {project.start} leaves only {days} working "
            f"{'day' if days == 1 else 'days'} before {date.max}; a project "
            f"needs more than {CALENDAR_MARGIN}"
        )
        return
    horizon = project.crude_horizon
    if horizon <= room:
        return
    path, what = max(_horizon_parts(project), key=lambda part: part[0])[1:]
    yield (
        f"{path}: {what} carries the project past {date.max}: the latest "
        "earliest start or vacation end, the tasks' durations and the "
        f"positive lags add up to {horizon} working days from "
        f"{project.start}; the calendar has room for {room}"
    )


def _horizon_parts(project: Project) -> Iterator[tuple[int, str, str]]:
    """What each field adds to the crude horizon: ``(working days, JSON
    path, description)``."""
    cal = project.work_calendar
    for i, t in enumerate(project.tasks):
        if t.modes:
            m = max(range(len(t.modes)), key=lambda k: t.modes[k].duration)
            path = f"tasks[{i}].modes[{m}].duration"
        else:
            path = f"tasks[{i}].duration"
        yield (
            t.max_duration,
            path,
            f"a duration of {t.max_duration} working days",
        )
        for k, dep in enumerate(t.after):
            if dep.lag > 0:
                yield (
                    dep.lag,
                    f"tasks[{i}].after[{k}].lag",
                    f"a lag of {dep.lag} working days",
                )
        if t.earliest_start is not None:
            yield (
                project.earliest_start_index(t),
                f"tasks[{i}].earliest_start",
                f"the earliest start {t.earliest_start}",
            )
    for i, person in enumerate(project.people):
        for k, away in enumerate(person.unavailable):
            days = cal.days_between(away.start, away.end)
            if len(days):  # a vacation on no working day doesn't count
                yield (
                    days.stop,
                    f"people[{i}].unavailable[{k}].end",
                    f"a vacation until {away.end}",
                )
    if project.time_now is not None:
        yield (
            project.time_now,
            "status_date",
            f"the status date {project.status_date}",
        )


def _dependencies(project: Project) -> Iterator[str]:
    index = project.task_index
    for i, t in enumerate(project.tasks):
        for k, dep in enumerate(t.after):
            where = f"tasks[{i}].after[{k}]"
            if dep.task not in index:
                yield f"{where}: unknown task '{dep.task}'"
                continue
            if dep.task == t.id:
                yield f"{where}: task '{t.id}' can't depend on itself"
                continue
            if any(
                (d.task, d.type) == (dep.task, dep.type) for d in t.after[:k]
            ):
                yield (
                    f"{where}: a second {dep.type} link from {dep.task}; "
                    "keep one (the tighter lag)"
                )
            # A plain lead (negative lag) is just a constraint: the
            # successor may start before its predecessor starts, as MS
            # Project allows.  Fast-tracking overlaps the predecessor's
            # own work (beyond a positive lag), so it can't overlap more
            # than all of it.
            pred = project.tasks[index[dep.task]]
            over = dep.max_overlap - max(dep.lag, 0)
            if over > pred.duration:
                yield (
                    f"{where}.max_overlap: {dep.max_overlap} days of "
                    f"fast-tracking after a lag of {dep.lag} overlap {over} "
                    f"days of {pred.id}, which lasts {pred.duration}; "
                    "fast-tracking overlaps at most all of the predecessor "
                    "(a longer lead is a negative lag)"
                )


def _cycles(project: Project) -> Iterator[str]:
    """Report the first dependency cycle found, in dependency order.

    Links to unknown tasks and to the task itself are left out: the
    dependency rules report them on their own.
    """
    preds = {
        t.id: [
            d.task
            for d in t.after
            if d.task != t.id and d.task in project.task_index
        ]
        for t in project.tasks
    }
    state: dict[str, int] = {}  # 1 = on stack, 2 = done
    for root in preds:
        if root in state:
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        path: list[str] = []
        state[root] = 1
        path.append(root)
        while stack:
            node, k = stack[-1]
            if k < len(preds[node]):
                stack[-1] = (node, k + 1)
                nxt = preds[node][k]
                if state.get(nxt) == 1:
                    cycle = [*path[path.index(nxt) :], nxt]
                    # preds point backwards: print in dependency order
                    yield "dependency cycle: " + " -> ".join(reversed(cycle))
                    return
                if nxt not in state:
                    state[nxt] = 1
                    path.append(nxt)
                    stack.append((nxt, 0))
            else:
                state[node] = 2
                path.pop()
                stack.pop()


def _needs_and_pins(project: Project) -> Iterator[str]:
    people = project.person_index
    for i, t in enumerate(project.tasks):
        pinned: list[Person] = []
        for k, pid in enumerate(t.assigned):
            where = f"tasks[{i}].assigned[{k}]"
            if pid not in people:
                yield f"{where}: unknown person '{pid}'"
            elif pid in t.assigned[:k]:
                yield f"{where}: '{pid}' is listed twice"
            else:
                person = project.people[people[pid]]
                if person.availability < t.allocation:
                    yield (
                        f"{where}: {pid}'s availability "
                        f"{person.availability}% is below the task's "
                        f"allocation {t.allocation}%"
                    )
                elif pid not in project.extra_people(t):
                    pinned.append(person)
        complete = len(pinned) + len(project.extra_people(t)) == len(
            t.assigned
        )
        for m, mode in enumerate(t.alternatives):
            where = f"tasks[{i}].modes[{m}]" if t.modes else f"tasks[{i}]"
            if mode.duration > 0 and mode.needs:
                yield from _fillable(
                    project, t, mode, where, pinned if complete else None
                )


def _fillable(
    project: Project,
    task: Task,
    mode: Mode,
    where: str,
    pinned: list[Person] | None,
) -> Iterator[str]:
    """Can distinct qualified people fill every slot of ``mode``, pinned
    people first?  (``pinned`` is None when the pins are already
    reported.)"""
    candidates = [project.qualified(task, n) for n in mode.needs]
    short = False
    for k, (need, quals) in enumerate(
        zip(mode.needs, candidates, strict=True)
    ):
        if len(quals) < need.count:
            short = True
            yield f"{where}.needs[{k}]: " + _short(task, need, quals)
    if short or pinned is None:
        return
    slots = [
        [p.id for p in quals]
        for need, quals in zip(mode.needs, candidates, strict=True)
        for _ in range(need.count)
    ]
    pinned_ids = [p.id for p in pinned]
    match = match_slots(slots, pinned_ids)
    placed = sum(1 for pid in pinned_ids if pid in match)
    if placed < len(pinned_ids):
        yield (
            f"{where}.assigned: only {placed} of the {len(pinned_ids)} "
            f"pinned people fit distinct need slots of {task.id}"
        )
    elif len(match) < len(slots):
        filled = len(match)
        yield (
            f"{where}.needs: task {task.id} needs {len(slots)} distinct "
            f"people; at most {filled} "
            f"{'slot' if filled == 1 else 'slots'} can be filled at once"
        )


def _short(task: Task, need: Need, quals: Sequence[Person]) -> str:
    who = (
        f"only {len(quals)} {'qualifies' if len(quals) == 1 else 'qualify'}"
        ": " + ", ".join(p.id for p in quals)
        if quals
        else "no one qualifies"
    )
    plural = "people" if need.count > 1 else "person"
    alloc = (
        f" at {task.allocation}% allocation" if task.allocation < 100 else ""
    )
    return (
        f"task {task.id} needs {need.count} {plural} with {need.skill} "
        f">= {need.level}{alloc}; {who}"
    )


def _uses(project: Project) -> Iterator[str]:
    for i, t in enumerate(project.tasks):
        for m, mode in enumerate(t.alternatives):
            prefix = f"tasks[{i}].modes[{m}]" if t.modes else f"tasks[{i}]"
            for rid, units in mode.uses.items():
                where = f"{prefix}.uses.{rid}"
                if rid not in project.resource_index:
                    yield f"{where}: unknown resource '{rid}'"
                    continue
                cap = project.resources[project.resource_index[rid]].capacity
                if units > cap:
                    yield (
                        f"{where}: uses {units} units but {rid} has "
                        f"capacity {cap}"
                    )
    yield from _stocks(project)


def _stocks(project: Project) -> Iterator[str]:
    """A non-renewable pool must cover the thriftiest choice of modes."""
    for r, res in enumerate(project.resources):
        if res.renewable:
            continue
        least = sum(
            min(m.uses.get(res.id, 0) for m in t.alternatives)
            for t in project.tasks
        )
        if least > res.capacity:
            yield (
                f"resources[{r}].capacity: the tasks consume at least "
                f"{least} units of non-renewable {res.id} even in their "
                f"thriftiest modes; capacity is {res.capacity}"
            )
