"""Critical-path method: early/late dates, floats and critical paths.

A plain two-pass CPM over the dependency network, without CP-SAT.  Times
are working-day integers; a task occupies ``[es, ef)`` with ``ef = es +
d``.  Links follow the project contract (FS, SS, FF, SF with a lag that may
be negative); fast-tracking overlap (``max_overlap``) is *not* applied: the
CPM analyses the nominal plan.

Everything is linear in tasks + dependencies and iterative (Kahn's
algorithm): a 100,000-task network with about 250,000 links takes a second
or two (``python -m benchmarks.cpm_scaling``).

Examples
--------
>>> from plansat.models import Project
>>> p = Project.model_validate({
...     "start": "2025-06-02",
...     "tasks": [
...         {"id": "A", "duration": 3},
...         {"id": "B", "duration": 2, "after": ["A"]},
...         {"id": "C", "duration": 1, "after": ["A"]},
...     ],
... })
>>> report = critical_path(p)
>>> report.duration, report.critical_paths
(5, [['A', 'B']])
>>> report.task("C").total_float
1
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, PrivateAttr

from plansat.models import Project

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "MAX_PATHS", "CpmReport", "CpmTask", "critical_path", "shortest_makespan",
]

logger = logging.getLogger(__name__)

#: Most critical paths :func:`critical_path` enumerates.
MAX_PATHS = 50

_FS, _SS, _FF, _SF = 0, 1, 2, 3
_CODE = {"FS": _FS, "SS": _SS, "FF": _FF, "SF": _SF}


class CpmTask(BaseModel):
    """Early and late dates and floats of one task.

    Attributes
    ----------
    id, name
        The task's id and name.
    es, ef
        Early start and finish (working days, ``ef = es + duration``).
    ls, lf
        Late start and finish; may be negative under a tight deadline.
    total_float
        ``ls - es``: how far the task can slip without delaying the
        project end bound (negative when a deadline can't be met).
    free_float
        How far the task can slip without delaying any successor's early
        dates (nor the project end bound or its own deadline).
    critical
        Whether the task has the least total float (and it is ``<= 0``).
    start_date, finish_date
        Calendar dates of working day ``es`` and ``ef - 1`` (``es`` for a
        milestone).
    """

    model_config = ConfigDict(extra="forbid")

    id: str
    name: str | None = None
    es: int
    ef: int
    ls: int
    lf: int
    total_float: int
    free_float: int
    critical: bool
    start_date: date
    finish_date: date


class CpmReport(BaseModel):
    """Result of :func:`critical_path`.

    Attributes
    ----------
    duration
        Project duration in working days (largest early finish).
    finish_date
        Date of the project's last working day (day ``duration - 1``).
    critical_paths
        Chains of critical tasks linked by driving links, each a list of
        task ids in order (at most :data:`MAX_PATHS`).
    near_critical
        Ids of non-critical tasks whose total float is at most the
        ``near_critical`` threshold asked for.
    tasks
        One :class:`CpmTask` per task, in project order.
    """

    model_config = ConfigDict(extra="forbid")

    duration: int
    finish_date: date
    critical_paths: list[list[str]]
    near_critical: list[str]
    tasks: list[CpmTask]

    _index: dict[str, int] | None = PrivateAttr(default=None)

    def task(self, task_id: str) -> CpmTask:
        """The analysed task with id ``task_id``.

        Raises
        ------
        KeyError
            When no task has that id.
        """
        if self._index is None:
            self._index = {t.id: k for k, t in enumerate(self.tasks)}
        return self.tasks[self._index[task_id]]

    @property
    def critical(self) -> list[str]:
        """Ids of the critical tasks, in project order."""
        return [t.id for t in self.tasks if t.critical]

    def to_frame(self) -> pd.DataFrame:
        """The analysis as a DataFrame, one row per task."""
        import pandas as pd

        columns = list(CpmTask.model_fields)
        return pd.DataFrame(
            [t.model_dump() for t in self.tasks], columns=columns
        )


def critical_path(
    project: Project,
    near_critical: int = 0,
    durations: Mapping[str, int] | None = None,
) -> CpmReport:
    """Analyse ``project`` with the critical-path method.

    Parameters
    ----------
    project
        The project; only tasks, links, ``earliest_start``, deadlines and
        the calendar are used (no people, resources or overlap).
    near_critical
        Also list non-critical tasks with total float at most this many
        days (0: none).
    durations
        Durations overriding the tasks' own, by task id (e.g. a solved
        schedule's or fully crashed durations); tasks not listed keep
        their ``duration``.

    Returns
    -------
    CpmReport
        Early/late dates, total and free float of every task, the critical
        paths and the project duration.

    Raises
    ------
    ValueError
        On a negative ``near_critical``, an unknown task id or negative
        value in ``durations``, or a dependency cycle.

    Notes
    -----
    Forward pass: ``ES_j`` is the largest of 0, the task's
    ``earliest_start`` and, for each link ``i -> j``, FS ``EF_i + lag``,
    SS ``ES_i + lag``, FF ``EF_i + lag - d_j``, SF ``ES_i + lag - d_j``.
    The project end bound ``E`` is the duration, capped by the project
    deadline when there is one (so a tight deadline gives negative float).
    Backward pass: ``LF_i`` is the smallest of ``E``, the task's own
    deadline bound and, for each link, FS ``LS_j - lag``, SS ``LS_j - lag
    + d_i``, FF ``LF_j - lag``, SF ``LF_j - lag + d_i``.  A task is
    critical when its total float is the smallest of all (and ``<= 0``).

    Free float is the least slack, at early dates, of the task's outgoing
    links (FS ``ES_j - EF_i - lag``, SS ``ES_j - ES_i - lag``, FF ``EF_j -
    EF_i - lag``, SF ``EF_j - ES_i - lag``) and of its finish against
    ``E`` and its own deadline bound.  The bound applies to every task,
    not only to those without successors: an SS or SF link may leave a
    task finishing last, and ``free <= total`` must hold whenever no float
    is negative.
    """
    if near_critical < 0:
        raise ValueError(f"near_critical must be >= 0, got {near_critical}")
    with _gc_paused():
        return _analyse(project, near_critical, durations)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector.

    The analysis allocates a few objects per task and link, none in a
    reference cycle; on a large project each automatic collection would
    walk the whole heap (the project's models included), which costs more
    than the analysis itself.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _analyse(
    project: Project,
    near_critical: int,
    durations: Mapping[str, int] | None,
) -> CpmReport:
    """Body of :func:`critical_path` (arguments already checked)."""
    tasks = project.tasks
    n = len(tasks)
    dur = _durations(project, durations)
    cal = project.work_calendar

    net = _Network(project)
    order = net.topological_order()
    if len(order) < n:
        raise ValueError("the dependencies contain a cycle")
    src, dst, kind, lag = net.src, net.dst, net.kind, net.lag
    first_in, first_out, out = net.first_in, net.first_out, net.out

    # -- forward pass -----------------------------------------------------
    es = [0] * n
    ef = [0] * n
    for k, t in enumerate(tasks):
        if t.earliest_start is not None:
            es[k] = project.earliest_start_index(t)
    for j in order:
        d = dur[j]
        start = es[j]
        for e in range(first_in[j], first_in[j + 1]):
            i = src[e]
            code = kind[e]
            if code == _FS:
                bound = ef[i] + lag[e]
            elif code == _SS:
                bound = es[i] + lag[e]
            elif code == _FF:
                bound = ef[i] + lag[e] - d
            else:
                bound = es[i] + lag[e] - d
            if bound > start:
                start = bound
        es[j] = start
        ef[j] = start + d
    duration = max(ef, default=0)

    # -- backward pass ----------------------------------------------------
    end = duration
    if project.deadline is not None:
        end = min(end, cal.finish_bound(project.deadline))
    cap = [end] * n  # own upper bound on each finish
    for k, t in enumerate(tasks):
        own = project.finish_bound(t)
        if own is not None:
            cap[k] = min(end, own)
    ls = [0] * n
    lf = [0] * n
    for i in reversed(order):
        d = dur[i]
        finish = cap[i]
        for e in out[first_out[i] : first_out[i + 1]]:
            j = dst[e]
            code = kind[e]
            if code == _FS:
                bound = ls[j] - lag[e]
            elif code == _SS:
                bound = ls[j] - lag[e] + d
            elif code == _FF:
                bound = lf[j] - lag[e]
            else:
                bound = lf[j] - lag[e] + d
            if bound < finish:
                finish = bound
        lf[i] = finish
        ls[i] = finish - d

    # -- floats -----------------------------------------------------------
    slack = [0] * len(src)  # of each link at early dates (0 = driving)
    for e, code in enumerate(kind):
        i, j = src[e], dst[e]
        if code == _FS:
            slack[e] = es[j] - ef[i] - lag[e]
        elif code == _SS:
            slack[e] = es[j] - es[i] - lag[e]
        elif code == _FF:
            slack[e] = ef[j] - ef[i] - lag[e]
        else:
            slack[e] = ef[j] - es[i] - lag[e]
    total = [ls[k] - es[k] for k in range(n)]
    free = [cap[k] - ef[k] for k in range(n)]
    for e, i in enumerate(src):
        if slack[e] < free[i]:
            free[i] = slack[e]
    least = min(0, min(total, default=0))
    critical = [f <= least for f in total]

    paths = _critical_paths(net, slack, critical, es)
    near = (
        [
            tasks[k].id
            for k in range(n)
            if not critical[k] and total[k] <= near_critical
        ]
        if near_critical > 0
        else []
    )

    # -- report -----------------------------------------------------------
    dates = cal.dates(duration + 1)
    # One nested validation runs in pydantic-core: faster than building
    # each CpmTask in Python.
    rows = [
        {
            "id": t.id,
            "name": t.name,
            "es": es[k],
            "ef": ef[k],
            "ls": ls[k],
            "lf": lf[k],
            "total_float": total[k],
            "free_float": free[k],
            "critical": critical[k],
            "start_date": dates[es[k]],
            "finish_date": dates[ef[k] - 1 if ef[k] > es[k] else es[k]],
        }
        for k, t in enumerate(tasks)
    ]
    return CpmReport.model_validate(
        {
            "duration": duration,
            "finish_date": dates[max(duration - 1, 0)],
            "critical_paths": [[tasks[k].id for k in p] for p in paths],
            "near_critical": near,
            "tasks": rows,
        }
    )


def _durations(
    project: Project, durations: Mapping[str, int] | None
) -> list[int]:
    """Each task's duration, ``durations`` overriding by id."""
    dur = [t.duration for t in project.tasks]
    if durations:
        index = project.task_index
        for task_id, value in durations.items():
            if task_id not in index:
                raise ValueError(f"durations: unknown task '{task_id}'")
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(
                    f"durations: {task_id} must be an integer, got {value!r}"
                )
            if value < 0:
                raise ValueError(
                    f"durations: {task_id} must be >= 0, got {value}"
                )
            dur[index[task_id]] = value
    return dur


def shortest_makespan(project: Project) -> int:
    """Critical-path length with every task at its minimum duration
    (fully crashed, or its quickest mode): no schedule finishes sooner."""
    shortest = {t.id: t.min_duration for t in project.tasks}
    return critical_path(project, durations=shortest).duration


def topological_order(project: Project) -> list[str]:
    """Task ids with every task after its predecessors (Kahn's algorithm,
    ties in project order); validated projects have no cycle."""
    ids = [t.id for t in project.tasks]
    return [ids[k] for k in _Network(project).topological_order()]


class _Network:
    """The links as flat integer arrays, indexed by link number.

    Few Python objects are created (no tuple per link), which keeps the
    garbage collector quiet on large projects.  Links into task ``j`` are
    numbers ``first_in[j] .. first_in[j + 1] - 1``; links out of task
    ``i`` are ``out[first_out[i] : first_out[i + 1]]``.
    """

    def __init__(self, project: Project) -> None:
        index = project.task_index
        n = len(project.tasks)
        self.src: list[int] = []
        self.dst: list[int] = []
        self.kind: list[int] = []
        self.lag: list[int] = []
        self.first_in = [0] * (n + 1)
        for j, t in enumerate(project.tasks):
            for dep in t.after:
                self.src.append(index[dep.task])
                self.dst.append(j)
                self.kind.append(_CODE[dep.type])
                self.lag.append(dep.lag)
            self.first_in[j + 1] = len(self.src)
        first_out = [0] * (n + 1)
        for i in self.src:
            first_out[i + 1] += 1
        for k in range(n):
            first_out[k + 1] += first_out[k]
        fill = first_out[:-1]
        out = [0] * len(self.src)
        for e, i in enumerate(self.src):
            out[fill[i]] = e
            fill[i] += 1
        self.first_out = first_out
        self.out = out

    def topological_order(self) -> list[int]:
        """Kahn's algorithm, FIFO (ties by project order); shorter than
        the task count when there is a cycle."""
        first_in, dst = self.first_in, self.dst
        remaining = [
            first_in[k + 1] - first_in[k] for k in range(len(first_in) - 1)
        ]
        order = [k for k, deg in enumerate(remaining) if deg == 0]
        head = 0
        first_out, out = self.first_out, self.out
        while head < len(order):
            i = order[head]
            head += 1
            for e in out[first_out[i] : first_out[i + 1]]:
                j = dst[e]
                remaining[j] -= 1
                if remaining[j] == 0:
                    order.append(j)
        return order


def _critical_paths(
    net: _Network, slack: list[int], critical: list[bool], es: list[int]
) -> list[list[int]]:
    """Chains of critical tasks joined by driving links.

    Each chain runs from a critical task without a driving critical
    predecessor to one without a driving critical successor.  Starts and
    branches are taken by early start, then project order; at most
    :data:`MAX_PATHS` chains are returned.
    """
    n = len(critical)
    driving: dict[int, list[int]] = {}
    has_pred = [False] * n
    for e, i in enumerate(net.src):
        j = net.dst[e]
        if slack[e] == 0 and critical[i] and critical[j]:
            driving.setdefault(i, []).append(j)
            has_pred[j] = True
    for i, nexts in driving.items():
        driving[i] = sorted(set(nexts), key=lambda k: (es[k], k))
    starts = sorted(
        (k for k in range(n) if critical[k] and not has_pred[k]),
        key=lambda k: (es[k], k),
    )
    paths: list[list[int]] = []
    for root in starts:
        path = [root]
        stack = [0]  # next branch to try at each level of ``path``
        while stack:
            node = path[-1]
            nexts = driving.get(node, [])
            if not nexts:
                if len(paths) == MAX_PATHS:
                    logger.warning(
                        "more than %d critical paths; listing the first %d",
                        MAX_PATHS,
                        MAX_PATHS,
                    )
                    return paths
                paths.append(list(path))
            k = stack[-1]
            if k < len(nexts):
                stack[-1] = k + 1
                path.append(nexts[k])
                stack.append(0)
            else:
                path.pop()
                stack.pop()
    return paths
