"""Rules of calendars that span the project: the grid's own limits,
people's calendars against the grid, splittable tasks.

Each rule yields messages of the form ``<json path>: <what is wrong>``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from plansat.models.base import CALENDAR_MARGIN

if TYPE_CHECKING:
    from plansat.models.project import Project


def calendar_errors(project: Project) -> Iterator[str]:
    """Every broken calendar rule of ``project`` (its day grid must
    already be valid: see ``_calendar_range``)."""
    for field in ("weeks", "weeks_from"):
        if getattr(project.calendar, field) is not None:
            yield (
                f"calendar.{field}: the project's calendar sets the day "
                "grid by weekdays; only a person's calendar may repeat a "
                "pattern of weeks"
            )
    yield from _people(project)
    if project.splittable:
        for i, task in enumerate(project.tasks):
            if task.splittable is None and (task.modes or task.crash):
                yield (
                    f"tasks[{i}]: the project is splittable, but a task "
                    "with modes or a crash option can't be; give it "
                    '"splittable": false'
                )


def _people(project: Project) -> Iterator[str]:
    from plansat.models.person_calendar import worked_share

    grid = project.work_calendar
    owners = [("people", i, p.id, p.calendar)
              for i, p in enumerate(project.people)]
    owners += [("resources", i, r.id, r.calendar)
               for i, r in enumerate(project.resources)]
    owners += [("tasks", i, t.id, t.calendar)
               for i, t in enumerate(project.tasks)]
    for i, r in enumerate(project.resources):
        if r.calendar is not None and not r.renewable:
            yield (
                f"resources[{i}].calendar: {r.id} is consumed, not held "
                "day by day; a non-renewable resource has no calendar"
            )
    for field, i, oid, cal in owners:
        if cal is None:
            continue
        if worked_share(grid, cal, CALENDAR_MARGIN) == 0:
            yield (
                f"{field}[{i}].calendar: {oid} works none of the "
                f"project's first {CALENDAR_MARGIN} working days"
            )
