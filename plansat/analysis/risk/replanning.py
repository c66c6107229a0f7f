"""``policy="replan"`` of the Monte Carlo: re-solve a subsample with
CP-SAT to show what re-planning would recover.

Each sample becomes a project of its own (:func:`fixed_project`): every
duration fixed to the sampled one (the plan's mode and crashing already
in it), no estimates, crashing, modes or risks, and no deadlines (they
would make a late sample infeasible instead of measuring it).  It is
solved for time within a short limit, starting from the plan's-policy
schedule of the same sample (:func:`sample_result`), which is a valid
schedule of it, so the re-plan finishes no later unless the solver runs
out of time.  Every re-solved schedule goes through the independent
checker.  After a status date each sample is the remaining project
(:func:`plansat.analysis.tracking.history.split`: history pinned where it
happened) with the sampled days.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from plansat.check import violations
from plansat.models import Project, Result, SolveStatus
from plansat.models.risk import ReplanStats
from plansat.options import SolveOptions
from plansat.schedule.evaluate import build_result
from plansat.schedule.plan import Plan
from plansat.schedule.sampling import SampleNetwork, evaluate

__all__ = ["fixed_project", "replan_stats", "sample_result"]

log = logging.getLogger(__name__)


def fixed_project(
    project: Project, result: Result, durations: Mapping[str, int]
) -> Project:
    """``project`` with each task's duration fixed to ``durations``.

    Multi-mode tasks keep the mode of ``result``; a task sampled at 0
    days becomes a milestone (no people or resources).  Estimates,
    crashing, task and project deadlines, progress and risks are
    dropped.
    """
    rows = {r.id: r for r in result.tasks}
    data: dict[str, Any] = project.model_dump(
        mode="json", exclude={"deadline", "status_date", "risks"}
    )
    for t, raw in zip(project.tasks, data["tasks"], strict=True):
        for key in ("estimate", "crash", "deadline", "progress", "modes"):
            raw.pop(key, None)
        if t.modes:
            mode = t.mode(rows[t.id].mode)
            raw["needs"] = [n.model_dump(mode="json") for n in mode.needs]
            raw["uses"] = dict(mode.uses)
        raw["duration"] = int(durations[t.id])
        if raw["duration"] == 0:
            raw["needs"], raw["uses"], raw["assigned"] = [], {}, []
    return Project.from_data(data)


def sample_result(
    project: Project, result: Result, start: Sequence[int],
    finish: Sequence[int],
) -> Result:
    """The schedule of one sample as a complete :class:`Result` of
    ``project`` (a :func:`fixed_project`): the plan's people, the sampled
    dates, costs and loads computed as for any plan."""
    rows = {r.id: r for r in result.tasks}
    plan = Plan()
    for t, s, f in zip(project.tasks, start, finish, strict=True):
        plan.start[t.id], plan.duration[t.id] = int(s), int(f - s)
        people = list(rows[t.id].people) if f > s else []
        plan.people[t.id] = [people] if people else []
    return build_result(project, plan, SolveStatus.FEASIBLE, "time",
                        float(plan.makespan), None, 0.0)


def replan_stats(
    project: Project,
    result: Result,
    net: SampleNetwork,
    durations: np.ndarray,
    options: SolveOptions,
) -> ReplanStats:
    """Re-solve each column of ``durations`` and compare with the plan.

    Parameters
    ----------
    project, result
        The project and the plan the samples follow.
    net
        The plan's network (:func:`plansat.schedule.sampling.
        build_network`).
    durations
        Sampled days, ``(tasks, samples)``.
    options
        Solve options of each re-solve (its ``time_limit`` per sample).
    """
    from plansat.solver.solve import solve

    ev = evaluate(net, durations)
    ids = [t.id for t in project.tasks]
    base = project
    if project.status_date is not None:
        # after a status date the samples re-plan the remaining work:
        # history pinned where it happened, each task in progress with
        # its sampled days left (the spans the evaluation gives)
        from plansat.analysis.tracking.history import split

        rest = split(project, result).rest
        assert rest is not None
        base, durations = rest, ev.finish - ev.start
    plan: list[int] = []
    replanned: list[int | None] = []
    bad = 0
    for k in range(durations.shape[1]):
        copy = fixed_project(
            base, result, dict(zip(ids, durations[:, k].tolist(),
                                   strict=True))
        )
        hint = sample_result(copy, result, ev.start[:, k].tolist(),
                             ev.finish[:, k].tolist())
        found = solve(copy, options, hint=hint)
        plan.append(int(ev.makespan[k]))
        if not found.status.has_solution:
            replanned.append(None)
            continue
        problems = violations(copy, found)
        if problems:
            bad += 1
            log.warning("re-plan of sample %d breaks: %s", k, problems[0])
        replanned.append(found.makespan)
    solved = [(p, r) for p, r in zip(plan, replanned, strict=True)
              if r is not None]
    stats = ReplanStats(
        samples=len(plan), time_limit=options.time_limit,
        solved=len(solved), violations=bad, plan_makespans=plan,
        replan_makespans=replanned,
    )
    if solved:
        stats.plan_mean = float(np.mean([p for p, _ in solved]))
        stats.replan_mean = float(np.mean([r for _, r in solved]))
        stats.recovered_mean = stats.plan_mean - stats.replan_mean
    return stats
