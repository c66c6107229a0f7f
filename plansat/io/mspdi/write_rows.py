"""The task, resource and assignment rows of a written MSPDI file."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any
from xml.etree.ElementTree import Element

from plansat.io.mspdi.clock import Clock
from plansat.io.mspdi.context import (
    ID_FIELD,
    KIND_FIELD,
    NEEDS_FIELD,
    RESOURCE_FIELDS,
    SKILLS_FIELD,
    TASK_FIELDS,
    format_needs,
    format_skills,
)
from plansat.io.mspdi.durations import (
    MINUTES_PER_DAY,
    format_duration,
    lag_minutes,
    stamp,
)
from plansat.io.mspdi.outline import OutlineRow, leaves, number_ids, outline
from plansat.io.mspdi.schema import ordered
from plansat.io.mspdi.write_calendars import resource_calendar, task_calendar
from plansat.models import Project, Result, Task
from plansat.models.result import TaskResult

#: plansat link type -> MSPDI link ``Type``.
LINK_CODES = {"FF": 0, "FS": 1, "SF": 2, "SS": 3}
SNET = 4


class RowWriter:
    """Builds the ``Tasks``, ``Resources`` and ``Assignments`` of one
    export, and collects its warnings."""

    def __init__(self, project: Project, clock: Clock,
                 result: Result | None, baseline: Result | None,
                 baseline_number: int) -> None:
        self.project, self.clock = project, clock
        self.result, self.baseline = result, baseline
        self.number = baseline_number
        self.warnings: list[str] = []
        self.uids = number_ids([t.id for t in project.tasks])
        self.rows = outline(project, self.uids)
        res_ids = [p.id for p in project.people] + [
            r.id for r in project.resources]
        self.res_uids = number_ids(res_ids)
        self.plan = self._plan()
        #: Days worked of the split tasks of the result (their span is
        #: longer: MS Project stretches them over the days off too).
        self.worked = {
            r.id: r.duration for r in (result.tasks if result else [])
            if r.finish - r.start != r.duration}
        self._used: set[tuple[str, str]] = set()
        self._warn_lost()

    # -- the plan written ---------------------------------------------------

    def _plan(self) -> dict[str, tuple[int, int]]:
        """``[start, finish)`` per task: the result's, else early dates."""
        if self.result is not None:
            return {r.id: (r.start, r.finish) for r in self.result.tasks}
        from plansat.schedule.cpm import critical_path

        with _quiet_paths():  # only the dates are written, not the paths
            report = critical_path(self.project)
        return {r.id: (r.es, r.ef) for r in report.tasks}

    def span(self) -> tuple[int, int]:
        """First start and last finish of the plan."""
        starts = [s for s, _ in self.plan.values()]
        ends = [f for _, f in self.plan.values()]
        return min(starts, default=0), max(ends, default=0)

    def _lead(self, pred: str, succ: str) -> int:
        if self.result is None:
            return 0
        return sum(o.days for o in self.result.overlaps
                   if (o.predecessor, o.successor) == (pred, succ))

    def leveling_delays(self) -> dict[str, int]:
        """Working days each task of the plan starts after its links and
        earliest start allow, the predecessors at their planned dates
        (waiting for a person or a resource): MS Project's *leveling
        delay*, which it adds to the start the links give, as a levelled
        plan carries it.  Started tasks have none (their actual start
        holds them)."""
        if self.result is None:
            return {}
        out = {}
        for task in self.project.tasks:
            start, finish = self.plan[task.id]
            pr = task.progress
            if pr is not None and pr.actual_start is not None:
                continue
            delay = start - self._earliest(task, finish - start)
            if delay > 0:
                out[task.id] = delay
        return out

    def _earliest(self, task: Task, days: int) -> int:
        """The start the links (with the plan's overlaps) and the
        earliest start give ``task`` of ``days`` days."""
        bound = self.project.earliest_start_index(task)
        for dep in task.after:
            pred_start, pred_finish = self.plan[dep.task]
            if dep.type == "FS":
                at = pred_finish + dep.lag - self._lead(dep.task, task.id)
            elif dep.type == "SS":
                at = pred_start + dep.lag
            elif dep.type == "FF":
                at = pred_finish + dep.lag - days
            else:
                at = pred_start + dep.lag - days
            bound = max(bound, at)
        return bound

    def _warn_lost(self) -> None:
        p, lost = self.project, []
        if any(t.crash for t in p.tasks) and self.result is None:
            lost.append("crashing options (durations are the nominal ones)")
        if any(t.modes for t in p.tasks):
            lost.append("alternative modes (each task's first or chosen "
                        "one is written)")
        if any(d.max_overlap for t in p.tasks for d in t.after):
            lost.append("fast-tracking options (max_overlap; overlaps a "
                        "solved plan took are written as leads)")
        if any(t.estimate for t in p.tasks):
            lost.append("three-point estimates")
        if p.risks:
            lost.append("risks")
        if p.overhead_per_day or p.deadline:
            lost.append("the project deadline and overhead")
        self.warnings += [f"not in MSPDI: {what}" for what in lost]

    # -- tasks ----------------------------------------------------------------

    def tasks(self) -> Element:
        group = Element("Tasks")
        start, finish = self.span()
        clock = self.clock
        ordered(group, "Task", "Task", {
            "UID": 0, "ID": 0, "Name": self.project.name, "Type": 1,
            "IsNull": 0, "OutlineNumber": "0", "OutlineLevel": 0,
            "Start": stamp(clock.start_at(start)),
            "Finish": stamp(clock.finish_at(start, finish)),
            "Duration": format_duration((finish - start) * MINUTES_PER_DAY),
            "DurationFormat": 7, "Summary": 1,
        })
        delays = self.leveling_delays()
        for n, row in enumerate(self.rows, start=1):
            if row.task is None:
                self._summary(group, row, n)
            else:
                self._task(group, row, n, delays.get(row.task.id, 0))
        return group

    def _summary(self, group: Element, row: OutlineRow, n: int) -> None:
        spans = [self.plan[leaf.task.id] for leaf in leaves(row)
                 if leaf.task is not None]
        start = min((s for s, _ in spans), default=0)
        finish = max((f for _, f in spans), default=start)
        ordered(group, "Task", "Task", {
            "UID": row.uid, "ID": n, "Name": row.name, "Active": 1,
            "Manual": 0, "Type": 1, "IsNull": 0, "WBS": row.outline,
            "OutlineNumber": row.outline, "OutlineLevel": row.level,
            "Start": stamp(self.clock.start_at(start)),
            "Finish": stamp(self.clock.finish_at(start, finish)),
            "Duration": format_duration((finish - start) * MINUTES_PER_DAY),
            "DurationFormat": 7, "Milestone": 0, "Summary": 1,
        })

    def _task(self, group: Element, row: OutlineRow, n: int,
              delay: int) -> None:
        task = row.task
        assert task is not None
        start, finish = self.plan[task.id]
        clock, days = self.clock, finish - start
        at = clock.finish_at(start, start) if days == 0 else (
            clock.start_at(start))
        if row.outline.endswith(".0"):
            self.warnings.append(
                f"task {task.id}: its WBS {task.wbs} is also the group of "
                f"other tasks; written inside that group as {row.outline}")
        earliest = task.earliest_start
        own = task_calendar(self.project, self.project.task_index[task.id])
        fields: dict[str, Any] = {
            "UID": row.uid, "ID": n, "Name": row.name, "Active": 1,
            "Manual": 0, "Type": 1, "IsNull": 0, "WBS": row.outline,
            "OutlineNumber": row.outline, "OutlineLevel": row.level,
            "Priority": task.priority, "Start": stamp(at),
            "Finish": stamp(clock.finish_at(start, finish)),
            "Duration": format_duration(
                self.worked.get(task.id, days) * MINUTES_PER_DAY),
            "DurationFormat": 7, "Estimated": 0,
            "Milestone": int(days == 0), "Summary": 0,
            "ConstraintType": SNET if earliest else 0,
            "CalendarUID": own if own is not None else -1,
            "ConstraintDate": (stamp(datetime.combine(
                earliest, clock.day_start)) if earliest else None),
            # at the end of its day, for a milestone too: its date is
            # MS Project's, the end of the day before it
            "Deadline": (stamp(datetime.combine(
                task.deadline, clock.day_end)) if task.deadline else None),
            "LevelingDelay": (lag_minutes(delay, MINUTES_PER_DAY)
                              if delay else None),
            "LevelingDelayFormat": 7 if delay else None,
            "PredecessorLink": self._links(task),
            "ExtendedAttribute": self._task_fields(task, row.uid),
            "Baseline": self._baseline(task),
        }
        fields.update(self._progress(task))
        ordered(group, "Task", "Task", fields)

    def _links(self, task: Task) -> list[Element]:
        holder = Element("holder")
        for dep in task.after:
            lag = dep.lag - (self._lead(dep.task, task.id)
                             if dep.type == "FS" else 0)
            ordered(holder, "PredecessorLink", "PredecessorLink", {
                "PredecessorUID": self.uids[dep.task],
                "Type": LINK_CODES[dep.type], "CrossProject": 0,
                "LinkLag": lag_minutes(lag, MINUTES_PER_DAY),
                "LagFormat": 7,
            })
        return list(holder)

    def _task_fields(self, task: Task, uid: int) -> list[Element]:
        values = {}
        if task.id != str(uid):
            values[ID_FIELD] = task.id
        text = format_needs([n.model_dump() for n in task.needs])
        if task.allocation != 100 and task.duration > 0:
            # MS Project keeps units on assignments only
            text = f"{text}, @{task.allocation}%" if text else (
                f"@{task.allocation}%")
        if text:
            values[NEEDS_FIELD] = text
        return self._values("task", TASK_FIELDS, values)

    def _values(self, entity: str, table: dict[str, tuple[int, str]],
                values: dict[str, str]) -> list[Element]:
        holder = Element("holder")
        for alias, value in values.items():
            self._used.add((entity, alias))
            ordered(holder, "ExtendedAttribute", "FieldValue",
                    {"FieldID": table[alias][0], "Value": value})
        return list(holder)

    def fields_used(self) -> list[tuple[str, str]]:
        """The custom fields the rows use (call after the rows)."""
        order = [("task", a) for a in TASK_FIELDS] + [
            ("resource", a) for a in RESOURCE_FIELDS]
        return [key for key in order if key in self._used]

    def _baseline(self, task: Task) -> Element | None:
        if self.baseline is None:
            return None
        row: TaskResult = self.baseline.task(task.id)
        clock = self.clock
        holder = Element("holder")
        return ordered(holder, "Baseline", "Baseline", {
            "Number": self.number,
            "Start": stamp(clock.finish_at(row.start, row.start)
                           if row.finish == row.start
                           else clock.start_at(row.start)),
            "Finish": stamp(clock.finish_at(row.start, row.finish)),
            "Duration": format_duration(
                (row.finish - row.start) * MINUTES_PER_DAY),
            "DurationFormat": 7,
        })

    def _progress(self, task: Task) -> dict[str, Any]:
        pr = task.progress
        if pr is None or pr.actual_start is None:
            return {}
        clock = self.clock
        # a milestone happened at the end of its date (MS Project's)
        begins = clock.day_end if task.duration == 0 else clock.day_start
        out: dict[str, Any] = {
            "PercentComplete": round(pr.percent_complete),
            "ActualStart": stamp(datetime.combine(pr.actual_start, begins)),
        }
        if pr.actual_finish is not None:
            out["PercentComplete"] = 100
            out["ActualFinish"] = stamp(datetime.combine(
                pr.actual_finish, clock.day_end))
            out["RemainingDuration"] = format_duration(0)
        elif pr.remaining is not None:
            out["RemainingDuration"] = format_duration(
                pr.remaining * MINUTES_PER_DAY)
        if pr.actual_cost:
            out["ActualCost"] = round(pr.actual_cost * 100)
        return out

    # -- resources and assignments ------------------------------------------

    def resources(self) -> Element:
        group = Element("Resources")
        hourly = MINUTES_PER_DAY / 60
        for k, person in enumerate(self.project.people):
            values = {}
            if person.id != str(self.res_uids[person.id]):
                values[ID_FIELD] = person.id
            if person.skills:
                values[SKILLS_FIELD] = format_skills(dict(person.skills))
            ordered(group, "Resource", "Resource", {
                "UID": self.res_uids[person.id], "ID": k + 1,
                "Name": person.name or person.id, "Type": 1, "IsNull": 0,
                "MaxUnits": person.availability / 100,
                "StandardRate": person.rate / hourly,
                "StandardRateFormat": 3, "CalendarUID": k + 2,
                "ExtendedAttribute": self._values(
                    "resource", RESOURCE_FIELDS, values),
            })
        for j, res in enumerate(self.project.resources):
            k = len(self.project.people) + 1 + j
            values = {KIND_FIELD: "pool" if res.renewable else "stock"}
            if res.id != str(self.res_uids[res.id]):
                values[ID_FIELD] = res.id
            ordered(group, "Resource", "Resource", {
                "UID": self.res_uids[res.id], "ID": k,
                "Name": res.name or res.id,
                "Type": 1 if res.renewable else 0, "IsNull": 0,
                "MaxUnits": res.capacity,
                "StandardRate": res.rate / hourly if res.renewable
                else res.rate,
                "StandardRateFormat": 3 if res.renewable else 8,
                "CalendarUID": resource_calendar(self.project, j),
                "ExtendedAttribute": self._values(
                    "resource", RESOURCE_FIELDS, values),
            })
        return group

    def assignments(self) -> Element:
        group = Element("Assignments")
        uid = 1
        people = ({r.id: r.people for r in self.result.tasks}
                  if self.result is not None else {})
        for task in self.project.tasks:
            start, finish = self.plan[task.id]
            if finish == start:
                continue
            mode = task.mode(self.result.task(task.id).mode
                             if self.result is not None else None)
            units = {pid: task.allocation / 100
                     for pid in people.get(task.id, task.assigned)}
            units.update({rid: float(n) for rid, n in mode.uses.items()})
            for rid, amount in units.items():
                days = self.worked.get(task.id, finish - start)
                work = days * MINUTES_PER_DAY * amount
                ordered(group, "Assignment", "Assignment", {
                    "UID": uid, "TaskUID": self.uids[task.id],
                    "ResourceUID": self.res_uids[rid],
                    "Finish": stamp(self.clock.finish_at(start, finish)),
                    "Start": stamp(self.clock.start_at(start)),
                    "Units": amount, "Work": format_duration(round(work)),
                })
                uid += 1
        return group


@contextmanager
def _quiet_paths() -> Iterator[None]:
    """Hide the critical-path method's "more than 50 critical paths"
    warning: an export uses its dates, and lists no path."""
    logger = logging.getLogger("plansat.schedule.cpm")

    def keep(record: logging.LogRecord) -> bool:
        return "critical paths" not in record.getMessage()

    logger.addFilter(keep)
    try:
        yield
    finally:
        logger.removeFilter(keep)

