"""Figures the tools report, read from a project and a solved plan: the
project in numbers, the schedule rows, the critical path, milestones,
Gantt bars and the Monte Carlo outlook.

Pure functions: no store, no solver, no MCP.  Every number is read from
the project or the :class:`~plansat.models.Result`; nothing is
estimated here.
"""

from __future__ import annotations

from plansat.mcp.schemas import (
    BufferTask,
    GanttBar,
    MilestoneRow,
    ProjectInfo,
    RiskOutlook,
    TaskRow,
)
from plansat.models import Project, Result
from plansat.models.risk import RiskReport
from plansat.schedule.cpm import critical_path as cpm
from plansat.schedule.drivers import driving_path

__all__ = [
    "buffer_task",
    "critical_path",
    "gantt",
    "milestones",
    "outlook",
    "project_info",
    "schedule_rows",
]


def project_info(
    project_id: str,
    project: Project,
    revision: int,
    description: str = "",
    missing: list[str] | None = None,
) -> ProjectInfo:
    """A project in figures, with its critical-path duration (links
    only: no people, no resources, no solver)."""
    report = cpm(project)
    return ProjectInfo(
        project_id=project_id, name=project.name, description=description,
        revision=revision, start=project.start, deadline=project.deadline,
        status_date=project.status_date, tasks=len(project.tasks),
        people=len(project.people), resources=len(project.resources),
        links=sum(len(t.after) for t in project.tasks),
        milestones=sum(1 for t in project.tasks if t.duration == 0),
        cpm_duration=report.duration, cpm_finish=report.finish_date,
        cpm_critical_path=(report.critical_paths or [[]])[0],
        missing=list(missing or []),
    )


def schedule_rows(project: Project, result: Result) -> list[TaskRow]:
    """One row per scheduled task, in project order."""
    successors = project.successors()
    out = []
    for row in result.tasks:
        task = project.task(row.id)
        out.append(TaskRow(
            **{**row.model_dump(), "name": row.name or task.name},
            critical=row.total_float == 0,
            predecessors=[d.task for d in task.after],
            successors=[s for s, _ in successors[row.id]],
            priority=task.priority,
        ))
    return out


def critical_path(
    project: Project, result: Result
) -> tuple[list[str], str | None]:
    """The chain of tight constraints that ends at the project's finish,
    first task first: the driving path of the task that finishes last
    (:func:`plansat.schedule.drivers.driving_path`), people and
    resources included; and what holds its first task back (the
    project start, a vacation, an earliest start...), in words."""
    if not result.tasks:
        return [], None
    order = project.task_index
    last = max(result.tasks, key=lambda r: (r.finish, -order[r.id]))
    path = driving_path(project, result, last.id)
    first = path[-1][1]
    return [task for task, _ in reversed(path)], (
        f"{path[-1][0]}: {first.sentence}" if first is not None else None)


def buffer_task(
    project: Project, result: Result, days: int, level: str | None = None
) -> BufferTask | None:
    """The project buffer of ``days`` working days after the plan's
    finish, up to the ``level`` (``"p80"``) finish (``None`` for no
    buffer)."""
    if days <= 0 or result.makespan is None:
        return None
    cal = project.work_calendar
    start = result.makespan
    return BufferTask(
        name=f"Project buffer (to the {(level or 'p80').upper()} finish)",
        start=start, finish=start + days, duration=days,
        start_date=cal.start_date(start),
        finish_date=cal.finish_date(start, start + days),
    )


def milestones(
    project: Project, result: Result, buffer: BufferTask | None
) -> list[MilestoneRow]:
    """Zero-duration tasks, the finish, the buffered finish and the
    deadline with its slack, by date."""
    out = [
        MilestoneRow(id=r.id, name=r.name or project.task(r.id).name,
                     kind="milestone", date=r.start_date)
        for r in result.tasks if r.duration == 0
    ]
    if result.makespan is None or result.finish_date is None:
        return out
    out.append(MilestoneRow(id="finish", name="Project finish",
                            kind="finish", date=result.finish_date))
    end = result.makespan
    if buffer is not None:
        end = buffer.finish
        out.append(MilestoneRow(id=buffer.id, name="Committed finish",
                                kind="buffered_finish",
                                date=buffer.finish_date))
    if project.deadline is not None:
        bound = project.work_calendar.finish_bound(project.deadline)
        out.append(MilestoneRow(id="deadline", name="Project deadline",
                                kind="deadline", date=project.deadline,
                                slack_days=bound - end))
    return sorted(out, key=lambda m: m.date)


def gantt(
    project: Project, rows: list[TaskRow], buffer: BufferTask | None
) -> list[GanttBar]:
    """Gantt bars: tasks (milestones as one-day marks), then the
    buffer."""
    bars = [
        GanttBar(id=r.id, name=r.name,
                 kind="milestone" if r.duration == 0 else "task",
                 start=r.start_date, finish=r.finish_date,
                 critical=r.critical, people=r.people)
        for r in rows
    ]
    if buffer is not None:
        bars.append(GanttBar(id=buffer.id, name=buffer.name, kind="buffer",
                             start=buffer.start_date,
                             finish=buffer.finish_date))
    return bars


def outlook(report: RiskReport) -> RiskOutlook:
    """The headline of a Monte Carlo report."""
    return RiskOutlook(
        iterations=report.iterations, p50=report.finish.p50,
        p80=report.finish.p80, p95=report.finish.p95,
        p50_date=report.finish_dates.p50, p80_date=report.finish_dates.p80,
        p95_date=report.finish_dates.p95,
        mean=round(report.finish.mean, 3), deadline=report.deadline,
        deadline_probability=report.deadline_probability,
    )
