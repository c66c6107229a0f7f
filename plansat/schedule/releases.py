"""Where each feature of a plan ships, and whether a plan keeps the
releases' rules (without CP-SAT).

A feature ships in the first release whose day is at least the latest
finish of its tasks (:func:`plansat.models.delivery.release_timeline`,
:func:`~plansat.models.delivery.first_release`).  This is the one
implementation behind ``result.features`` and each task's ``release``
(:func:`plansat.schedule.evaluate.build_result`); the checker
(:mod:`plansat.check.releases`) recomputes it on its own.
"""

from __future__ import annotations

from collections.abc import Mapping

from plansat.models import Project
from plansat.models.delivery import first_release, release_timeline
from plansat.models.result import FeatureShip
from plansat.schedule.network import topological_order


def feature_ships(
    project: Project, finish: Mapping[str, int]
) -> tuple[list[FeatureShip], dict[str, str]]:
    """Each feature's release, and each task's (the earliest of its
    features' releases).

    Parameters
    ----------
    project
        The project (features and releases; nothing without them).
    finish
        The finish day of every task, by id.

    Returns
    -------
    tuple
        One :class:`~plansat.models.result.FeatureShip` per feature in
        project order, and the release id by task id (tasks in no
        shipped feature are left out).
    """
    timeline = release_timeline(project)
    if not project.features or not timeline:
        return [], {}
    ships: list[FeatureShip] = []
    first: dict[str, int] = {}
    for f in project.features:
        end = max(finish[t] for t in f.tasks)
        k = first_release(timeline, end)
        ships.append(FeatureShip(
            id=f.id,
            release=None if k is None else timeline[k].release.id,
            value=f.value,
            weight=0.0 if k is None else timeline[k].weight,
            finish=end,
        ))
        if k is not None:
            for t in f.tasks:
                first[t] = min(first.get(t, k), k)
    tasks = {t: timeline[k].release.id for t, k in first.items()}
    return ships, tasks


def releases_hold(project: Project, finish: Mapping[str, int]) -> bool:
    """Whether finishing tasks at ``finish`` keeps every feature's pin,
    ``must`` and ``after`` (always true without features)."""
    ships, _ = feature_ships(project, finish)
    if not ships:
        return True
    order = {r.release.id: k for k, r in enumerate(release_timeline(project))}
    last = len(order)
    where = {s.id: order.get(s.release or "", last) for s in ships}
    for f in project.features:
        if f.release is not None and where[f.id] != order[f.release]:
            return False
        if f.must and where[f.id] == last:
            return False
        if any(where[g] > where[f.id] for g in f.after):
            return False
    return True


def earliest_finishes(project: Project) -> dict[str, int]:
    """A lower bound on each task's finish: the forward pass of the
    dependencies alone with every task fully crashed (or in its quickest
    mode) and every link fully overlapped, from the earliest starts.

    People, resources and vacations are left out, so no schedule
    finishes a task sooner.
    """
    es: dict[str, int] = {}
    ef: dict[str, int] = {}
    for task_id in topological_order(project):
        t = project.task(task_id)
        start, finish = project.earliest_start_index(t), 0
        for dep in t.after:
            i = dep.task
            if dep.type == "FS":
                start = max(start, ef[i] - dep.max_overlap + dep.lag)
            elif dep.type == "SS":
                start = max(start, es[i] + dep.lag)
            else:
                base = ef[i] if dep.type == "FF" else es[i]
                finish = max(finish, base + dep.lag)
        es[task_id] = max(0, start, finish - t.max_duration)
        ef[task_id] = max(es[task_id] + t.min_duration, finish)
    return ef
