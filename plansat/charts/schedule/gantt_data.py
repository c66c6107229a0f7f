"""The bars of the Gantt chart, without any plotting.

:func:`gantt_bars` gives one :class:`GanttBar` per scheduled task; the
HTML report (:mod:`plansat.charts.schedule.gantt`) and the PNG
(:mod:`plansat.charts.schedule.png`) draw them.  Criticality follows
:data:`plansat.charts.schedule.data.CRITICAL_DEFINITION`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from plansat.charts.timeline import (
    known_tasks,
    nominal_cpm,
    schedule_floats,
    task_order,
)
from plansat.models import Project, Result, TaskResult
from plansat.schedule.cpm import CpmReport
from plansat.schedule.segments import task_blocks

__all__ = ["GanttBar", "gantt_bars"]


@dataclass(frozen=True)
class GanttBar:
    """One row of the Gantt chart.

    Attributes
    ----------
    id, name
        The task.
    row
        Position from the top (0 first), in dependency order.
    start, finish, duration
        Working days ``[start, finish)`` of the schedule.
    start_date, finish_date
        First and last working date (inclusive; for a milestone both
        are its date, MS Project's: the day before it, when its
        predecessors finish).
    end
        Date the bar ends on a date axis: the day after ``finish_date``
        (so the bar covers the whole last day).  A milestone's diamond
        is drawn there too, at the end of its date, where the bars
        before it end; at day 0, at the start of its date.
    people
        People working on the task.
    total_float
        Schedule float in working days (``None`` when unknown).
    float_end
        Date the trailing float bar ends (exclusive), i.e. the day after
        the last working day the task could finish on; ``None`` without
        float.
    critical
        Critical by :data:`~plansat.charts.schedule.data.CRITICAL_DEFINITION`.
    cpm_critical
        Critical in the nominal CPM (reference only).
    milestone
        Zero-duration task (drawn as a diamond).
    crashed
        Days the task was shortened by.
    mode
        Chosen mode of a multi-mode task (its name, or ``"mode k"``).
    pauses
        A split task's pauses: ``(first date, end)`` of each gap between
        its segments, ``end`` exclusive (the day after its last date).
    segments
        A split task's runs of work, ``(first date, end)`` each, ``end``
        exclusive; empty for a task worked in one piece.
    days_off
        The days the task's people don't work (their calendar's
        weekdays and holidays, their region's public holidays, their
        vacations) or its resources are closed, over the chart's span:
        ``(first date, end)`` runs, ``end`` exclusive
        (:func:`plansat.schedule.segments.task_blocks`, the one
        definition the plan follows).
    """

    id: str
    name: str
    row: int
    start: int
    finish: int
    duration: int
    start_date: date
    finish_date: date
    end: date
    people: tuple[str, ...]
    total_float: int | None
    float_end: date | None
    critical: bool
    cpm_critical: bool
    milestone: bool
    crashed: int
    mode: str | None = None
    pauses: tuple[tuple[date, date], ...] = ()
    segments: tuple[tuple[date, date], ...] = ()
    days_off: tuple[tuple[date, date], ...] = ()

    @property
    def label(self) -> str:
        """``id name`` (the name cut to 28 characters) for an axis."""
        name = self.name if len(self.name) <= 28 else self.name[:27] + "…"
        return f"{self.id} {name}".strip() if name != self.id else self.id


def _mode_name(project: Project, tr: TaskResult) -> str | None:
    """Name (or number) of the chosen mode of a multi-mode task."""
    task = project.task(tr.id)
    if not task.modes or tr.mode is None:
        return None
    if 0 <= tr.mode < len(task.modes) and task.modes[tr.mode].name:
        return task.modes[tr.mode].name
    return f"mode {tr.mode}"


def gantt_bars(
    project: Project, result: Result, cpm: CpmReport | None = None
) -> list[GanttBar]:
    """One bar per scheduled task, in
    :func:`~plansat.charts.timeline.task_order`.

    Parameters
    ----------
    project, result
        The project and a result with a schedule (an empty list
        otherwise).
    cpm
        The nominal CPM report (computed when not given).

    Returns
    -------
    list of GanttBar
        Dates come from the result; ``critical`` follows
        :data:`~plansat.charts.schedule.data.CRITICAL_DEFINITION`.
    """
    cal = project.work_calendar
    by_id = {t.id: t for t in known_tasks(project, result)}
    floats = schedule_floats(project, result)
    cpm = cpm if cpm is not None else nominal_cpm(project)
    cpm_critical = set(cpm.critical) if cpm is not None else set()
    bars = []
    last = max((t.finish + max(floats.get(t.id) or 0, 0)
                for t in by_id.values()), default=0)
    for row, tid in enumerate(task_order(project, result)):
        t = by_id[tid]
        milestone = t.finish <= t.start
        flt = floats.get(tid)
        end = (t.start_date if milestone and t.start <= 0
               else t.finish_date + timedelta(1))
        float_end = None
        if flt is not None and flt > 0:
            float_end = cal.date_of(t.finish + flt - 1) + timedelta(1)
        bars.append(
            GanttBar(
                id=tid,
                name=t.name or project.task(tid).name or "",
                row=row,
                start=t.start,
                finish=t.finish,
                duration=t.duration,
                start_date=t.start_date,
                finish_date=t.finish_date,
                end=end,
                people=tuple(t.people),
                total_float=flt,
                float_end=float_end,
                critical=flt is not None and flt <= 0,
                cpm_critical=tid in cpm_critical,
                milestone=milestone,
                crashed=t.crashed,
                mode=_mode_name(project, t),
                pauses=_pauses(project, t),
                segments=_runs(project, t.segments or []),
                days_off=_days_off(project, t, last),
            )
        )
    return bars


def _runs(
    project: Project, runs: Sequence[tuple[int, int]]
) -> tuple[tuple[date, date], ...]:
    """Working-day runs ``[a, b)`` as ``(first date, end)`` dates."""
    cal = project.work_calendar
    return tuple((cal.date_of(a), cal.date_of(b - 1) + timedelta(1))
                 for a, b in runs if b > a)


def _days_off(
    project: Project, tr: TaskResult, last: int
) -> tuple[tuple[date, date], ...]:
    """Runs of days before ``last`` that ``tr``'s people don't work or
    its resources are closed."""
    people = [p for p in tr.people if p in project.person_index]
    uses = [r for r in _uses(project, tr) if r in project.resource_index]
    blocks = task_blocks(project, people, uses, stop=last,
                         task=project.tasks[project.task_index[tr.id]]
                         if tr.id in project.task_index else None)
    return _runs(project, [(max(a, 0), min(b, last)) for a, b in blocks])


def _uses(project: Project, tr: TaskResult) -> list[str]:
    """Resources of the task's chosen mode."""
    task = project.task(tr.id)
    k = tr.mode if task.modes and tr.mode is not None else None
    if k is not None and not 0 <= k < len(task.alternatives):
        k = None
    return list(task.mode(k).uses)


def _pauses(
    project: Project, tr: TaskResult
) -> tuple[tuple[date, date], ...]:
    """Dates of the gaps between a split task's segments."""
    cal, runs = project.work_calendar, tr.segments or []
    return tuple(
        (cal.date_of(a[1]), cal.date_of(b[0] - 1) + timedelta(1))
        for a, b in pairwise(runs)
    )
