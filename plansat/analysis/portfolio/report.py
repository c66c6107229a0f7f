"""A joint plan turned into its report: one result per project, the
sharing cost and who causes it, people's load across the projects."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from plansat.analysis.portfolio.merge import Merged
from plansat.analysis.portfolio.objectives import due
from plansat.models import Result, SolveStatus
from plansat.models.portfolio_report import PortfolioLoad, ProjectOutcome
from plansat.schedule.evaluate import (
    assignment_days,
    available_days,
    build_result,
)
from plansat.schedule.plan import Plan


@dataclass(frozen=True)
class Standalone:
    """A project planned alone: its makespan, status and proven
    bound."""

    makespan: int | None
    status: SolveStatus | None
    bound: float | None


def project_results(merged: Merged, plan: Plan, status: SolveStatus,
                    runtime: float) -> list[Result]:
    """One result per project, on its own days (the usual contract:
    objective ``time``, its makespan as the value)."""
    out = []
    for p, own in zip(merged.projects, merged.split(plan), strict=True):
        out.append(build_result(
            p, own, status, "time", float(own.makespan), None, runtime,
            {"portfolio": merged.portfolio.name}))
    return out


def outcomes(merged: Merged, plan: Plan, results: Sequence[Result],
             alone: Sequence[Standalone]) -> list[ProjectOutcome]:
    """The summary row of each project."""
    grid = merged.grid_finishes(plan)
    rows = []
    for i, (p, r) in enumerate(zip(merged.projects, results, strict=True)):
        entry = merged.portfolio.projects[i]
        span = r.makespan or 0
        a = alone[i] if i < len(alone) else Standalone(None, None, None)
        best, status = a.makespan, a.status
        if best is not None and span < best:  # the joint plan did better
            best, status = span, SolveStatus.FEASIBLE
        cost = None if best is None else span - best
        bound = due(merged, i)
        rows.append(ProjectOutcome(
            name=p.name, weight=entry.weight, priority=entry.priority,
            deadline=entry.deadline, makespan=span,
            finish_date=r.finish_date, grid_finish=grid[i],
            tardiness_days=(None if bound is None
                            else max(0, grid[i] - bound)),
            standalone_makespan=best, standalone_status=status,
            sharing_cost_days=cost,
            limited_by=limited_by(merged, plan, i) if cost else [],
            result=r,
        ))
    return rows


def limited_by(merged: Merged, plan: Plan, i: int) -> list[str]:
    """Who the sharing costs project ``i``: for each of its tasks that
    starts later than its links and window allow (it waited), the people
    qualified for it who worked on other projects' tasks while it
    waited; most days first."""
    project = merged.project
    mine = set(merged.ids[i])
    busy: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for t, people in plan.people.items():
        if t not in mine:
            for pid in {p for g in people for p in g}:
                busy[pid].append((plan.start[t], plan.finish(t)))
    days: dict[str, int] = defaultdict(int)
    for tid in merged.ids[i]:
        task = project.task(tid)
        ready = _ready(merged, plan, tid)
        if plan.start[tid] <= ready:
            continue
        mode = task.mode(plan.mode.get(tid))
        able = {p.id for need in mode.needs
                for p in project.qualified(task, need)}
        for pid in able:
            for lo, hi in busy.get(pid, ()):
                overlap = min(hi, plan.start[tid]) - max(lo, ready)
                if overlap > 0:
                    days[pid] += overlap
    return sorted(days, key=lambda pid: (-days[pid], pid))


def _ready(merged: Merged, plan: Plan, tid: str) -> int:
    """The earliest start of ``tid`` its window and its predecessors'
    places in ``plan`` allow (overlaps aside)."""
    project = merged.project
    task = project.task(tid)
    d = plan.duration[tid]
    ready = project.earliest_start_index(task)
    if project.time_now is not None:
        ready = max(ready, project.time_now)
    for dep in task.after:
        s, f = plan.start[dep.task], plan.finish(dep.task)
        ready = max(ready, {"FS": f, "SS": s, "FF": f - d,
                            "SF": s - d}[dep.type] + dep.lag)
    return ready


def people_loads(merged: Merged, plan: Plan) -> list[PortfolioLoad]:
    """Each person's work across the projects up to the portfolio's
    makespan on the grid."""
    project = merged.project
    cal = project.work_calendar
    horizon = max(plan.makespan, 1)
    owner = {t: p.name for p, ids in zip(merged.projects, merged.ids,
                                         strict=True) for t in ids}
    busy: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(
        float))
    daily: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for task_id, pid, days in assignment_days(project, plan):
        busy[pid][owner[task_id]] += days
        t = project.task(task_id)
        for day in range(plan.start[task_id], plan.finish(task_id)):
            daily[pid][day] += t.allocation
    rows = []
    for person in project.people:
        if person.id not in busy:
            continue
        free = available_days(project, person, horizon)
        total = sum(busy[person.id].values())
        rows.append(PortfolioLoad(
            person=person.id,
            projects={k: round(v, 2) for k, v in busy[person.id].items()},
            busy_days=round(total, 2), available_days=round(free, 2),
            load=round(total / free, 4) if free > 0 else 0.0,
            overloaded=[cal.date_of(day) for day, pct in
                        sorted(daily[person.id].items())
                        if pct > person.availability],
        ))
    return rows
