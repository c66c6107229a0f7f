"""Critical-path method: early/late dates, floats and critical paths.

A plain two-pass CPM over the dependency network, without CP-SAT.  Times
are working-day integers; a task occupies ``[es, ef)`` with ``ef = es +
d``.  Links follow the project contract (FS, SS, FF, SF with a lag that may
be negative); fast-tracking overlap (``max_overlap``) is *not* applied: the
CPM analyses the nominal plan.

A task whose people are pinned (``assigned``) follows their calendars
and vacations, and the calendars of its only mode's resources, by the
one definition of :mod:`plansat.schedule.segments`: a task that doesn't
split sits only on ``d`` days in a row that all of them work; a split
task starts on such a day and counts ``d`` of them, pausing over the
others (its ``ef - es`` is then its span).  Other tasks run on the
project's grid.

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

from plansat.models import Project
from plansat.models.cpm import MAX_PATHS, CpmReport, CpmTask
from plansat.schedule.network import FF, FS, SS, Network, topological_order
from plansat.schedule.pinned_days import (
    Days,
    early_on_days,
    late_on_days,
    worked_days,
)
from plansat.schedule.windows import finish_bound

__all__ = [
    "MAX_PATHS",
    "CpmReport",
    "CpmTask",
    "critical_path",
    "shortest_makespan",
    "topological_order",
]

logger = logging.getLogger(__name__)

def critical_path(
    project: Project,
    near_critical: int = 0,
    durations: Mapping[str, int] | None = None,
) -> CpmReport:
    """Analyse ``project`` with the critical-path method.

    Parameters
    ----------
    project
        The project; tasks, links, ``earliest_start``, deadlines, the
        calendar and the calendars of pinned people (and of the
        resources of single-mode tasks that have pinned people) are
        used; unpinned needs, capacities and overlap are not.
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
    net = Network(project)
    order = net.topological_order()
    if len(order) < n:
        raise ValueError("the dependencies contain a cycle")
    days = worked_days(project)
    es, ef = _forward(project, net, order, dur, days)
    duration = max(ef, default=0)
    cap = _finish_caps(project, duration)
    ls, lf = _backward(net, order, dur, cap, days)
    slack = _link_slack(net, es, ef)
    total = [ls[k] - es[k] for k in range(n)]
    free = [cap[k] - ef[k] for k in range(n)]
    for e, i in enumerate(net.src):
        if slack[e] < free[i]:
            free[i] = slack[e]
    least = min(0, min(total, default=0))
    critical = [f <= least for f in total]
    paths = _critical_paths(net, slack, critical, es)
    near = [
        tasks[k].id
        for k in range(n)
        if near_critical > 0 and not critical[k]
        and total[k] <= near_critical
    ]
    dates = project.work_calendar.dates(duration + 1)
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
            # a milestone: the day before it (MS Project's date)
            "start_date": dates[max(es[k] - (ef[k] == es[k]), 0)],
            "finish_date": dates[max(ef[k] - 1, 0)],
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


def _forward(
    project: Project, net: Network, order: list[int], dur: list[int],
    days: Days,
) -> tuple[list[int], list[int]]:
    """Early starts and finishes (forward pass)."""
    n = len(project.tasks)
    src, kind, lag, first_in = net.src, net.kind, net.lag, net.first_in
    es = [0] * n
    ef = [0] * n
    for k, t in enumerate(project.tasks):
        if t.earliest_start is not None:
            es[k] = project.earliest_start_index(t)
    for j in order:
        d = dur[j]
        if j in days:
            es[j], ef[j] = early_on_days(net, j, es, ef, days[j], d,
                                          es[j])
            continue
        start = es[j]
        for e in range(first_in[j], first_in[j + 1]):
            i = src[e]
            code = kind[e]
            if code == FS:
                bound = ef[i] + lag[e]
            elif code == SS:
                bound = es[i] + lag[e]
            elif code == FF:
                bound = ef[i] + lag[e] - d
            else:
                bound = es[i] + lag[e] - d
            if bound > start:
                start = bound
        es[j] = start
        ef[j] = start + d
    return es, ef


def _finish_caps(project: Project, duration: int) -> list[int]:
    """Each task's own bound on its finish: the project end bound (the
    duration, capped by the project deadline) and its deadline."""
    end = duration
    if project.deadline is not None:
        end = min(end, project.work_calendar.finish_bound(project.deadline))
    cap = [end] * len(project.tasks)
    for k, t in enumerate(project.tasks):
        own = finish_bound(project, t)
        if own is not None:
            cap[k] = min(end, own)
    return cap


def _backward(
    net: Network, order: list[int], dur: list[int], cap: list[int],
    days: Days,
) -> tuple[list[int], list[int]]:
    """Late starts and finishes (backward pass)."""
    n = len(dur)
    dst, kind, lag = net.dst, net.kind, net.lag
    first_out, out = net.first_out, net.out
    ls = [0] * n
    lf = [0] * n
    for i in reversed(order):
        d = dur[i]
        if i in days:
            ls[i], lf[i] = late_on_days(net, i, ls, lf, days[i], d,
                                         cap[i])
            continue
        finish = cap[i]
        for e in out[first_out[i] : first_out[i + 1]]:
            j = dst[e]
            code = kind[e]
            if code == FS:
                bound = ls[j] - lag[e]
            elif code == SS:
                bound = ls[j] - lag[e] + d
            elif code == FF:
                bound = lf[j] - lag[e]
            else:
                bound = lf[j] - lag[e] + d
            if bound < finish:
                finish = bound
        lf[i] = finish
        ls[i] = finish - d
    return ls, lf


def _link_slack(net: Network, es: list[int], ef: list[int]) -> list[int]:
    """Slack of each link at early dates (0: the link drives)."""
    slack = [0] * len(net.src)
    for e, code in enumerate(net.kind):
        i, j, lag = net.src[e], net.dst[e], net.lag[e]
        if code == FS:
            slack[e] = es[j] - ef[i] - lag
        elif code == SS:
            slack[e] = es[j] - es[i] - lag
        elif code == FF:
            slack[e] = ef[j] - ef[i] - lag
        else:
            slack[e] = ef[j] - es[i] - lag
    return slack


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


def _critical_paths(
    net: Network, slack: list[int], critical: list[bool], es: list[int]
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
