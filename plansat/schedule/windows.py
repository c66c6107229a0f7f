"""Time windows on the working-day axis: the latest finish a task's and
the project's deadlines allow, and the working days a person is away.

The one implementation the model, the heuristics, CPM, the result and
the analyses call (the checker keeps its own, on purpose).
"""

from __future__ import annotations

from datetime import date

from plansat.models import Person, Project, Task


def due_bound(project: Project, task: Task, due: date,
              duration: int | None = None) -> int:
    """Latest ``finish`` of ``task`` that meets the date ``due``.

    A task with work ends on the date of day ``finish - 1``, and so does
    a milestone (``duration`` 0; default: the task's duration) after day
    0 (MS Project's date, the end of the day before it).  The one
    difference: a milestone at day 0 is dated day 0, so a deadline before
    day 0 (the project starts on a non-working day) allows no day at all
    (-1), where a task with work only needs ``finish <= 0``.
    """
    bound = project.work_calendar.finish_bound(due)
    days = task.duration if duration is None else duration
    return -1 if days == 0 and bound == 0 else bound


def finish_bound(project: Project, task: Task,
                 duration: int | None = None) -> int | None:
    """Latest ``finish`` allowed by the task's and the project's deadlines
    (``None`` when neither is set), for a run of ``duration`` days
    (default: the task's duration)."""
    bounds = [
        due_bound(project, task, d, duration)
        for d in (task.deadline, project.deadline)
        if d is not None
    ]
    return min(bounds) if bounds else None


def days_away(project: Project, person: Person, horizon: int) -> int:
    """Working days of ``[0, horizon)`` that ``person`` is away (inside
    :meth:`~plansat.models.Project.blocked_days`), each counted once
    however many vacations cover it."""
    return sum(
        max(0, min(r.stop, horizon) - r.start)
        for r in project.blocked_days(person)
    )
