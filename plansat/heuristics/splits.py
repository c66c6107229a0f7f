"""The serial schedule's placement of a split task: it may start before
an absence of its people and continue after it.

A splittable task of ``d`` days (:meth:`Project.splits
<plansat.models.Project.splits>`) starting on day ``s`` with people
``P`` works the first ``d`` days from ``s`` that all of ``P`` work and
its resources are open, and ends the day after the last
(:class:`~plansat.schedule.segments.WorkedDays`, the one definition);
it holds its people and resources over its whole span, pauses
included, as the model and the checker do.  Each start from the
earliest is tried in turn: the people free for their own span from it
are staffed (the least busy first), then the team's span is checked
against the finish bound and everyone's other work.
"""

from __future__ import annotations

import numpy as np

from plansat.heuristics.profiles import (
    Option,
    Profiles,
    Staffing,
    fill,
    staffing,
)
from plansat.models import Project, Task
from plansat.models.base import CALENDAR_MARGIN
from plansat.schedule.plan import crude_horizon


class UnplaceableError(ValueError):
    """A task fits nowhere: its people never have enough working days
    (in a row, for a task that doesn't split) before the calendar's
    end."""


def find_split(
    project: Project,
    task: Task,
    start: int,
    finish: int | None,
    profiles: Profiles,
) -> Option:
    """First start from ``start`` at which the split ``task`` fits and
    ends on ``finish`` or later (``None``: no finish bound).

    Raises
    ------
    UnplaceableError
        When no start before the calendar's end fits.
    """
    mode = task.alternatives[0]  # a split task has one mode
    d = mode.duration
    staff = staffing(project, task, mode)
    names = [p.id for p in project.people]
    uses = list(mode.uses)
    alone = {p: profiles.worked_days([names[p]], uses, task)
             for p in staff.cand}
    span = 4 * d + 64
    limit = crude_horizon(project) + CALENDAR_MARGIN
    t0 = start
    while t0 <= limit:
        starts = np.arange(t0, t0 + span, dtype=np.int64)
        ends = {p: np.asarray(w.finish(starts, d)) for p, w in alone.items()}
        top = max((int(e.max()) for e in ends.values()), default=t0 + span)
        if top + 1 > profiles.horizon:
            profiles.grow(top + 1)
        ok = {p: _free(profiles, task, p, starts, ends[p])
              for p in staff.cand}
        for i in range(span):
            free = {p for p in staff.cand if ok[p][i]}
            first = {p: int(ends[p][i]) for p in free}
            option = _staff(project, task, staff, free, first,
                            int(starts[i]), finish, profiles)
            if option is not None:
                return option
        t0 += span
    raise UnplaceableError(
        f"{task.id}: its people never share {d} working days before "
        f"day {limit}"
    )


def _free(
    profiles: Profiles, task: Task, p: int, starts: np.ndarray,
    ends: np.ndarray,
) -> np.ndarray:
    """Whether person ``p`` works each day of ``starts`` and has room
    for ``task`` until the matching day of ``ends``."""
    over = (profiles.people[p] + task.allocation > profiles.avail[p])
    cum = np.concatenate(([0], np.cumsum(over, dtype=np.int64)))
    return np.asarray((cum[ends] == cum[starts])
                      & ~profiles.blocked[p, starts])


def _staff(
    project: Project,
    task: Task,
    staff: Staffing,
    free: set[int],
    first: dict[int, int],
    s: int,
    finish: int | None,
    profiles: Profiles,
) -> Option | None:
    """``task`` from day ``s`` with people of ``free`` (those whose own
    span from ``s`` ends first, ``first``, preferred), when its team's
    span ends on ``finish`` or later and everyone has room over it."""
    mode = task.alternatives[0]
    if not set(staff.extra) <= free or not staff.pinned <= free:
        return None
    chosen = fill(mode, staff.quals, free, staff.pinned, profiles.load,
                  first)
    if chosen is None:
        return None
    if staff.extra:
        chosen.append(staff.extra)
    team = [p for group in chosen for p in group]
    w = profiles.worked_days([project.people[p].id for p in team],
                             mode.uses, task)
    e = int(w.finish(s, mode.duration))
    if (finish is not None and e < finish) or int(w.first_free(s)) != s:
        return None
    if e > profiles.horizon:
        profiles.grow(e)
    room = all(
        not (profiles.people[p, s:e] + task.allocation
             > profiles.avail[p]).any()
        for p in team
    ) and all(
        not (profiles.resources[r, s:e] + u > profiles.cap[r]).any()
        for r, u in staff.res
    )
    if not room:
        return None
    return Option(0, s, e - s, chosen, staff.res,
                  worked=mode.duration if e - s != mode.duration else None)
