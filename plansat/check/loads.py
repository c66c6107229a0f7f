"""Loads: :func:`person_loads` from the schedule alone, and the check
that ``result.loads`` agrees with it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from plansat.check._common import (
    Schedule,
    close,
    latest_finish,
    vacation_days,
)
from plansat.check.calendars import Workdays
from plansat.models.project import Project
from plansat.models.result import PersonLoad, Result

#: The fields of :class:`PersonLoad` compared, in message order.
LOAD_FIELDS = ("busy_days", "available_days", "load")


def person_loads(project: Project, result: Result) -> list[PersonLoad]:
    """How busy each person of ``project`` is in the schedule.

    ``busy_days`` sums ``duration × allocation/100`` over the person's
    tasks; ``available_days`` counts the working days in ``[0,
    makespan)`` outside the person's vacations, × ``availability/100``;
    ``load`` is their ratio (0 when nothing is available).  A working
    day covered by several vacation ranges (overlapping, touching or
    nested) is counted once; ranges of non-working days only block
    nothing.

    Parameters
    ----------
    project
        The project that was solved.
    result
        The schedule; its makespan is recomputed as the latest finish and
        is the horizon unless ``result.load_horizon`` says otherwise.

    Returns
    -------
    list of PersonLoad
        One entry per person, in project order.
    """
    sched = Schedule.of(project, result).tasks  # a re-plan: the forecast
    horizon = max(0, latest_finish(result))
    if result.load_horizon is not None:
        horizon = result.load_horizon
    busy: dict[str, float] = {p.id: 0.0 for p in project.people}
    for task in project.tasks:
        tr = sched.get(task.id)
        if tr is None:
            continue
        for pid in dict.fromkeys(tr.people):
            if pid in busy:
                busy[pid] += tr.duration * task.allocation / 100
    cal = project.work_calendar
    own = Workdays(project)
    loads = []
    for person in project.people:
        if person.calendar is not None:
            blocked = own.days_off(person, horizon)
        else:
            blocked = covered(vacation_days(cal, person), 0, horizon)
        available = (horizon - blocked) * person.availability / 100
        load = busy[person.id] / available if available > 0 else 0.0
        loads.append(
            PersonLoad(
                person=person.id,
                busy_days=busy[person.id],
                available_days=available,
                load=load,
            )
        )
    return loads


def covered(ranges: Iterable[range], lo: int, hi: int) -> int:
    """Number of days of ``[lo, hi)`` inside the union of ``ranges``
    (a day in several ranges counts once)."""
    spans = sorted(
        (max(r.start, lo), min(r.stop, hi)) for r in ranges if len(r)
    )
    count, reach = 0, lo
    for a, b in spans:
        a = max(a, reach)
        if b > a:
            count += b - a
            reach = b
    return count


def check_loads(s: Schedule, out: list[str]) -> None:
    """``result.loads``, when given, lists known people once each, with
    the recomputed busy days, available days and load."""
    if not s.result.loads:
        return
    expected = {pl.person: pl for pl in person_loads(s.project, s.result)}
    counts = Counter(pl.person for pl in s.result.loads)
    for pid, n in counts.items():
        if n > 1:
            out.append(f"loads: {pid} is listed {n} times")
    for pl in s.result.loads:
        want = expected.get(pl.person)
        if want is None:
            out.append(f"loads: unknown person '{pl.person}'")
            continue
        for name in LOAD_FIELDS:
            got, exp = getattr(pl, name), getattr(want, name)
            if not close(got, exp):
                out.append(
                    f"loads: {pl.person}'s {name} is {got:g}, recomputed "
                    f"{exp:g}"
                )
