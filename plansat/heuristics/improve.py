"""The constructive schedule improved: forward-backward passes and
randomised restarts (what resource levelling gives, and the improver
``default`` runs beside CP-SAT on projects with people).

Forward-backward improvement (double justification) schedules the tasks
backwards in time on the mirrored project (links reversed), last-
finishing first, then forwards again in the order of those backward
starts, while the makespan shrinks; restarts draw randomly biased
latest-start orders.  Every pass is a full serial schedule of
:func:`~plansat.heuristics.constructive.constructive_schedule`, so every
plan is feasible (deadlines aside).
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable

from plansat.heuristics.constructive import constructive_schedule
from plansat.models import Project, ProjectError
from plansat.options import Budget
from plansat.schedule.cpm import critical_path, shortest_makespan
from plansat.schedule.plan import Plan

log = logging.getLogger(__name__)


#: Random restarts without a shorter plan before the improvement stops.
STALE_RESTARTS = 5


def improved_schedule(
    project: Project,
    budget: Budget | None = None,
    *,
    patience: int | None = STALE_RESTARTS,
    seed: int = 0,
    stop: Callable[[], bool] | None = None,
    lower: int = 0,
) -> Plan:
    """The constructive schedule, improved by forward-backward passes.

    Forward-backward improvement (double justification): schedule the
    tasks backwards in time, last-finishing first, on the mirrored project
    (links reversed), then forwards again in the order of those backward
    starts; repeat while the makespan shrinks, then restart from a
    randomly biased latest-start order, until ``budget`` runs out,
    :data:`STALE_RESTARTS` restarts bring nothing, or the plan reaches the
    critical-path bound.  Each pass is a full serial schedule, so every
    plan is feasible.

    Parameters
    ----------
    project
        A validated project.
    budget
        Time for improvement passes after the first schedule (default:
        one second from the call).
    patience
        Restarts without a shorter plan before it stops (``None``: until
        the time is up).
    seed
        Seed of the restarts' random orders.
    stop
        Polled after each restart; ``True`` ends the search (e.g. CP-SAT
        proved the optimum meanwhile).
    lower
        A proven lower bound besides the critical path's: reaching it
        ends the search.
    """
    budget = budget or Budget(1.0)
    late = {t.id: t.ls for t in critical_path(project).tasks}
    best = constructive_schedule(project, late)
    mirror = _mirror(project)
    if mirror is None:
        return best
    bound = max(shortest_makespan(project), lower)
    rng = random.Random(seed)
    plan, stale = best, 0
    while (not budget.expired and best.makespan > bound
           and (patience is None or stale < patience)
           and not (stop is not None and stop())):
        plan = _justify(project, mirror, plan, budget)
        stale += 1
        if plan.makespan < best.makespan:
            best, stale = plan, 0
        # restart from a randomly biased latest-start order
        noisy = {t: s + rng.random() * (1 + abs(s)) * 0.5
                 for t, s in late.items()}
        plan = constructive_schedule(project, noisy)
    log.debug("improved schedule: makespan %d", best.makespan)
    return best


def _justify(
    project: Project, mirror: Project, plan: Plan, budget: Budget
) -> Plan:
    """Backward-forward passes from ``plan`` while they shorten it."""
    while not budget.expired:
        back = constructive_schedule(
            mirror, {t: -plan.finish(t) for t in plan.start}
        )
        end = back.makespan
        forward = constructive_schedule(
            project, {t: end - back.finish(t) for t in back.start}
        )
        if forward.makespan >= plan.makespan:
            break
        plan = forward
    return plan


def _mirror(project: Project) -> Project | None:
    """``project`` with time reversed: every link turned around (FS stays
    FS, SS and FF swap, SF stays SF), no windows, vacations or overlaps.
    ``None`` when the mirror is not a valid project (e.g. long leads)."""
    swap = {"FS": "FS", "SS": "FF", "FF": "SS", "SF": "SF"}
    data = project.model_dump(mode="json")
    data["deadline"] = None
    for person in data["people"]:
        person["unavailable"] = []
    after: dict[str, list[dict[str, object]]] = {t.id: [] for t in
                                                 project.tasks}
    for t in project.tasks:
        for dep in t.after:
            after[dep.task].append(
                {"task": t.id, "type": swap[dep.type], "lag": dep.lag}
            )
    for task in data["tasks"]:
        task.update(after=after[task["id"]], earliest_start=None,
                    deadline=None)
    try:
        return Project.from_data(data)
    except ProjectError:
        return None
