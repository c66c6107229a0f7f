"""An independent referee for schedules: :func:`violations`.

Everything here is recomputed in plain Python from the project and the
schedule in a :class:`~plansat.models.result.Result`; nothing is taken
from whatever produced it.

The checker keeps its own arithmetic **on purpose**.  Dates, durations,
dependencies, skill matching, vacations, per-day availability and
capacity, costs and loads are recomputed in this package, independently
of :mod:`plansat.schedule` and :mod:`plansat.solver`, even where that
duplicates code there: a bug in the code that builds or evaluates a
schedule cannot then hide here by being shared.  Vacation days, for
instance, are worked out from each person's ``unavailable`` dates and
the calendar, each blocked working day counted once, rather than taken
from :meth:`~plansat.models.project.Project.blocked_days`, which the
solver uses.  For the same reason the package never imports
:mod:`plansat.solver`, :mod:`plansat.schedule`,
:mod:`plansat.heuristics` or ``ortools``; it only needs
:mod:`plansat.models` and the standard library (a test enforces this).

The rules follow DESIGN.md, one module per constraint family, like
:mod:`plansat.solver.constraints`:

- :mod:`~plansat.check.identity`: task ids, start/finish/duration,
  modes, crashing and the dates of each task;
- :mod:`~plansat.check.precedence`: the four link types with lags,
  fast-tracking and ``result.overlaps``;
- :mod:`~plansat.check.skills`: needs, the matching of people to need
  slots, pinned people;
- :mod:`~plansat.check.capacity`: vacations, daily availability,
  renewable resources per day and non-renewable stocks;
- :mod:`~plansat.check.calendars`: people's own calendars (nobody works
  a day off) and the days splittable tasks count;
- :mod:`~plansat.check.windows`: earliest starts, deadlines, makespan;
- :mod:`~plansat.check.costs`: :func:`recompute_cost` and ``result.cost``;
- :mod:`~plansat.check.loads`: :func:`person_loads` and ``result.loads``;
- :mod:`~plansat.check.progress`: re-plans only: history where it
  happened, the remaining work from the status date on;
- :mod:`~plansat.check.releases`: where each feature ships, recomputed
  from the task finishes, with pins, musts and feature order.

In a re-plan the other families check the forecast: the tasks the
project reports finished are history, checked by the progress family
alone.

:data:`FAMILIES` runs them in a fixed order, which is the order of the
messages of :func:`violations`.
"""

from __future__ import annotations

import logging

from plansat.check import (
    calendars,
    capacity,
    identity,
    precedence,
    progress,
    releases,
    skills,
    windows,
)
from plansat.check._common import REL_TOL, Check, Schedule, each_task
from plansat.check.costs import check_costs, recompute_cost
from plansat.check.loads import check_loads, person_loads
from plansat.models.project import Project
from plansat.models.result import Result

__all__ = [
    "FAMILIES",
    "REL_TOL",
    "person_loads",
    "recompute_cost",
    "violations",
]

logger = logging.getLogger(__name__)

#: The checks :func:`violations` runs, in order.  Rules of one task are
#: run task by task, so each task's messages stay together.
FAMILIES: tuple[Check, ...] = (
    identity.check_ids,
    each_task(
        identity.check_durations,
        windows.check_window,
        identity.check_dates,
    ),
    precedence.check_links,
    precedence.check_overlaps,
    each_task(skills.check_staffing),
    capacity.check_vacations,
    calendars.check_days_off,
    calendars.check_splits,
    capacity.check_availability,
    capacity.check_resources,
    windows.check_makespan,
    progress.check_progress,
    releases.check_releases,
    check_costs,
    check_loads,
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
    schedule = Schedule.of(project, result)
    for family in FAMILIES:
        family(schedule, out)
    if out:
        logger.debug("%d violations found", len(out))
    return out
