"""What happened up to the status date, in the units of the report.

The helpers of :mod:`plansat.analysis.tracking.status`: the project at a status
date, a baseline that fits it, each started task's working days and
actual cost (as the re-plan counts them), and the share of the work
done.
"""

from __future__ import annotations

from datetime import date

from plansat.analysis.tracking.phasing import Phasing, phase_baseline
from plansat.models import Project, ProjectError, Result, TaskResult
from plansat.schedule import costs

__all__ = [
    "actual_cost",
    "actual_span",
    "at_status_date",
    "check_baseline",
    "done_fraction",
    "percent_complete",
]


def at_status_date(project: Project, status_date: date | None) -> Project:
    """``project`` with its status date set to ``status_date`` (validated
    again: progress after the new date is an error).

    Raises
    ------
    ProjectError
        When neither the project nor ``status_date`` gives a status date,
        or the progress doesn't hold at the new date.
    """
    if status_date is not None:
        project = project.at(status_date)
    if project.status_date is None:
        raise ProjectError([
            "status_date: a status report needs a status date (set the "
            "project's status_date or pass --status-date)"
        ])
    return project


def check_baseline(project: Project, baseline: Result) -> None:
    """Check that ``baseline`` is a schedule of ``project``.

    Raises
    ------
    ProjectError
        When the baseline has no schedule or misses a task of the
        project.
    """
    if not baseline.status.has_solution or not baseline.tasks:
        raise ProjectError([
            f"baseline: status {baseline.status} has no schedule to "
            "compare with (solve the project first: plansat solve "
            "PROJECT --out baseline.json)"
        ])
    rows = {r.id for r in baseline.tasks}
    missing = [t.id for t in project.tasks if t.id not in rows]
    if missing:
        raise ProjectError([
            f"baseline: no task '{tid}' (re-baseline after adding "
            "tasks)" for tid in missing
        ])


def actual_span(project: Project, task_id: str) -> tuple[int, int | None]:
    """Working-day start and finish (``[start, finish)``; ``None`` while
    in progress) of a started task (:meth:`plansat.models.Project.
    actual_span`, which the re-plan counts with too)."""
    span = project.actual_span(project.task(task_id))
    assert span is not None
    return span


def actual_cost(project: Project, task_id: str, row: TaskResult) -> float:
    """Money spent on a task up to the status date
    (:func:`plansat.schedule.costs.spent`, for the progress's people,
    else the baseline ``row``'s, in the row's mode)."""
    task = project.task(task_id)
    pr = task.progress
    if pr is None or not pr.started:
        return 0.0
    people = list(pr.people if pr.people is not None else row.people)
    mode = task.mode(row.mode) if task.modes else None
    return costs.spent(project, task, people, mode)


def percent_complete(project: Project, baseline: Result) -> float:
    """Share of the project done, 0-1, weighted by each task's baseline
    budget (:class:`~plansat.analysis.tracking.evm.Phasing`); by baseline
    duration when no task has a cost, by task count when no task has a
    duration.

    Parameters
    ----------
    project
        The project and its progress.
    baseline
        A schedule of every task of ``project``.
    """
    phasing = phase_baseline(baseline, project)
    return done_fraction(project, baseline, phasing)


def done_fraction(
    project: Project, baseline: Result, phasing: Phasing
) -> float:
    """:func:`percent_complete` with the baseline already phased."""
    base = {r.id: r for r in baseline.tasks}
    done = {
        t.id: t.progress.fraction_done(base[t.id].duration)
        if t.progress else 0.0
        for t in project.tasks
    }
    for weight in (
        {tid: phasing.budget.get(tid, 0.0) for tid in done},
        {tid: float(base[tid].duration) for tid in done},
        dict.fromkeys(done, 1.0),
    ):
        total = sum(weight.values())
        if total > 0:
            return sum(weight[tid] * done[tid] for tid in done) / total
    return 0.0  # pragma: no cover - the last weights are never all zero
