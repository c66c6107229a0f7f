"""Heads and tails along the links: the longest FS and SS chains before a
task's start and after its end, at minimum durations.

Overlaps are taken in full and FF/SF links are left out, so both are
lower bounds whatever the schedule (valid, if weaker on FF/SF-heavy
projects).  The solver's tail constraints
(:mod:`plansat.solver.constraints.redundant`) and the energy bound
(:mod:`plansat.solver.bounds`) read them from here.
"""

from __future__ import annotations

from plansat.models import Dependency, Project
from plansat.schedule.cpm import topological_order


def gap(project: Project, pred: str, dep: Dependency) -> int | None:
    """Least ``start_succ - start_pred`` the link ``dep`` from ``pred``
    allows (FS, SS; ``None`` for FF and SF)."""
    if dep.type == "FS":
        return project.task(pred).min_duration + dep.lag - dep.max_overlap
    if dep.type == "SS":
        return dep.lag
    return None


def heads(project: Project) -> dict[str, int]:
    """Earliest start of each task along the links (and its own earliest
    start)."""
    out: dict[str, int] = {}
    for task_id in topological_order(project):
        task = project.task(task_id)
        best = project.earliest_start_index(task)
        for dep in task.after:
            step = gap(project, dep.task, dep)
            if step is not None:
                best = max(best, out[dep.task] + step)
        out[task_id] = best
    return out


def tails(project: Project) -> dict[str, int]:
    """Longest chain from each task's start to the end, its own minimum
    duration included."""
    succ = project.successors()
    out: dict[str, int] = {}
    for task_id in reversed(topological_order(project)):
        best = project.task(task_id).min_duration
        for j, dep in succ[task_id]:
            step = gap(project, task_id, dep)
            if step is not None:
                best = max(best, step + out[j])
        out[task_id] = best
    return out
