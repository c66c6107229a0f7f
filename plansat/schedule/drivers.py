"""Why is a task when it is: the constraints that fix its start in a plan.

For a task of a solved (or hand-made) plan, :func:`drivers` lists every
constraint that is *tight* — that would be broken if the task started one
working day earlier:

- a **link** from a predecessor: FS ``start = pred.finish + lag −
  overlap``, SS ``start = pred.start + lag``, FF ``finish = pred.finish +
  lag``, SF ``finish = pred.start + lag`` (the FF and SF ones fix the
  finish, and so the start, of a task of fixed duration);
- a **person**'s previous task: the same person on a task that finishes
  on this task's start, when their availability can't hold both at once;
- a **resource**'s previous task: likewise, when the pool's capacity
  can't hold both;
- a **vacation** of one of its people that ends the day before it starts
  (or a day off of their own calendar);
- **days off** of its own calendar or of a resource's calendar that end
  the day before it starts;
- its **earliest start**, the **status date** of a re-plan, or the
  **project start** (day 0).

:func:`driving_path` follows the first task-to-task driver back to a
driver that is not a task: the chain of reasons the task can't be
earlier.  Everything is read from the plan; no solver runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from plansat.models import Dependency, Project, Result, Task, TaskResult

Kind = Literal[
    "link", "person", "resource", "vacation", "days_off",
    "earliest_start", "status_date", "project_start",
]


@dataclass(frozen=True)
class Driver:
    """One constraint that fixes a task's start.

    Attributes
    ----------
    kind
        What binds (see the module docs).
    task
        The task that binds it (a predecessor, a person's or a resource's
        previous task), if any.
    detail
        The link type and lag, the person, the resource, the date.
    sentence
        The driver in words.
    """

    kind: Kind
    task: str | None
    detail: str
    sentence: str


def drivers(project: Project, result: Result, task_id: str) -> list[Driver]:
    """Every tight constraint on the start of ``task_id`` in ``result``.

    Raises
    ------
    KeyError
        When the task is not in the result.
    """
    rows = {t.id: t for t in result.tasks}
    me = rows[task_id]
    task = project.task(task_id)
    cal = project.work_calendar
    out = [_link(dep, rows[dep.task], me)
           for dep in task.after if dep.task in rows]
    found = [d for d in out if d is not None]
    found += _sequenced(project, rows, me)
    for pid in me.people:
        if pid not in project.person_index:
            continue
        for days in project.blocked_days(project.person(pid)):
            if days.stop == me.start:
                found.append(Driver(
                    "vacation", None, pid,
                    f"{pid} is away until {cal.date_of(days.stop - 1)}"))
    found += _days_off(project, task, me)
    if task.earliest_start is not None and (
        me.start == project.earliest_start_index(task)
    ):
        found.append(Driver("earliest_start", None, str(task.earliest_start),
                            f"it can't start before {task.earliest_start}"))
    info = result.replan
    if info is not None and me.start == info.time_now and (
        me.state != "done"
    ):
        found.append(Driver("status_date", None, str(info.status_date),
                            f"nothing is left to do before the status date "
                            f"{info.status_date}"))
    if me.start == 0:
        found.append(Driver("project_start", None, str(project.start),
                            f"the project starts on {project.start}"))
    return found


def _days_off(project: Project, task: Task, me: TaskResult) -> list[Driver]:
    """Days off of the task's own calendar, or of a resource it uses,
    ending the day before it starts."""
    cal = project.work_calendar
    mode = task.alternatives[me.mode or 0]
    closures = [("its calendar", "its own calendar",
                 project.task_days_off(task))]
    closures += [(rid, f"{rid}'s calendar", project.resource_days_off(
        project.resources[project.resource_index[rid]]))
        for rid in mode.uses if rid in project.resource_index]
    out = []
    for detail, owner, days_off in closures:
        out += [Driver("days_off", None, detail,
                       f"{owner} is closed until "
                       f"{cal.date_of(days.stop - 1)}")
                for days in days_off if days.stop == me.start]
    return out


def _link(dep: Dependency, pred: TaskResult, me: TaskResult) -> Driver | None:
    """The link ``dep`` if it is tight."""
    lag = dep.lag
    if dep.type == "FS":
        lead = max(0, pred.finish + lag - me.start)
        tight = me.start == pred.finish + lag - lead
        mine, theirs = "start", "finish"
    elif dep.type == "SS":
        tight, mine, theirs = me.start == pred.start + lag, "start", "start"
    elif dep.type == "FF":
        tight = me.finish == pred.finish + lag
        mine, theirs = "finish", "finish"
    else:
        tight = me.finish == pred.start + lag
        mine, theirs = "finish", "start"
    if not tight:
        return None
    shown = f"{dep.type}{lag:+d}d" if lag else dep.type
    return Driver("link", pred.id, shown,
                  f"its {mine} follows {pred.id}'s {theirs} ({shown} link)")


def _sequenced(
    project: Project, rows: dict[str, TaskResult], me: TaskResult
) -> list[Driver]:
    """Previous tasks of its people and resources that end on its start
    and can't run beside it."""
    task = project.task(me.id)
    out = []
    for other in rows.values():
        if other.id == me.id or other.finish != me.start or (
            other.duration == 0
        ):
            continue
        them = project.task(other.id)
        for pid in sorted(set(me.people) & set(other.people)):
            person = project.person(pid)
            if task.allocation + them.allocation > person.availability:
                out.append(Driver(
                    "person", other.id, pid,
                    f"{pid} finishes {other.id} the day before"))
        mine = task.mode(me.mode).uses if me.duration else {}
        theirs = them.mode(other.mode).uses
        for rid in sorted(set(mine) & set(theirs)):
            res = project.resources[project.resource_index[rid]]
            if res.renewable and mine[rid] + theirs[rid] > res.capacity:
                out.append(Driver(
                    "resource", other.id, rid,
                    f"{rid} is taken by {other.id} until the day before"))
    return out


def driving_path(
    project: Project, result: Result, task_id: str
) -> list[tuple[str, Driver | None]]:
    """The chain of drivers from ``task_id`` back to one that is not a
    task: ``[(task, its first driver), (that driver's task, ...), ...]``.

    The first task-to-task driver is followed (links before people and
    resources); a task with no tight constraint ends the chain with
    ``None`` (it could start earlier).
    """
    path: list[tuple[str, Driver | None]] = []
    seen: set[str] = set()
    current: str | None = task_id
    while current is not None and current not in seen:
        seen.add(current)
        found = drivers(project, result, current)
        first = next((d for d in found if d.task is not None),
                     found[0] if found else None)
        path.append((current, first))
        current = first.task if first is not None else None
    return path
