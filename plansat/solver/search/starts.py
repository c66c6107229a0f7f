"""Start steps: heuristic plans found before the model is built.

They fill :attr:`Run.start <plansat.solver.search.run.Run.start>`: the
hint CP-SAT starts from, and the fallback plan that bounds the horizon
for ``time`` (when tight), seeds the probe's follow-up and is reported
if CP-SAT finds nothing better (:mod:`plansat.solver.search.finish`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from plansat.heuristics import genetic
from plansat.heuristics.constructive import (
    UnplaceableError,
    constructive_schedule,
)
from plansat.heuristics.improve import improved_schedule
from plansat.models import Project
from plansat.models.delivery import release_floor
from plansat.models.result import Objective
from plansat.options import Budget
from plansat.schedule.cpm import shortest_makespan
from plansat.schedule.plan import Plan, crude_horizon
from plansat.schedule.releases import releases_hold
from plansat.schedule.windows import finish_bound
from plansat.solver.search.run import Run


@dataclass(frozen=True)
class ConstructiveHint:
    """The improved constructive schedule as CP-SAT's hint (unless the
    caller gave one) and the horizon, on projects of ``min_tasks`` tasks
    or more (on small ones CP-SAT finds first solutions at once, and the
    hint cost time and proofs: benchmarks/README.md).

    Takes ``share`` of the time left, at most ``cap`` seconds.
    """

    min_tasks: int = 500
    share: float = 0.05
    cap: float = 3.0
    name: str = "constructive hint"
    stage: Literal["start"] = "start"

    def applies(self, run: Run) -> bool:
        """Projects of ``min_tasks`` tasks or more."""
        return run.tasks >= self.min_tasks

    def run(self, run: Run, budget: Budget) -> None:
        """Schedule, and make the plan the hint and the fallback."""
        try:
            plan = improved_schedule(run.project,
                                     budget.sub(self.share, self.cap))
        except UnplaceableError as exc:
            run.record(self.name, "note", "skipped", str(exc))
            return
        run.start.fallback, run.start.tight = plan, True
        run.start.hint = run.start.hint or plan
        run.record(self.name, "plan", "heuristic_makespan", plan.makespan)


@dataclass(frozen=True)
class ConstructiveReference:
    """The improved constructive schedule kept to compare with (and to
    fall back on) on projects with people of ``min_tasks`` tasks or
    more; it bounds the horizon only from ``tight_tasks`` tasks (below,
    a horizon that tight without a hint cost CP-SAT its first
    solutions: benchmarks/README.md)."""

    min_tasks: int = 60
    tight_tasks: int = 200
    share: float = 0.05
    cap: float = 3.0
    name: str = "constructive reference"
    stage: Literal["start"] = "start"

    def applies(self, run: Run) -> bool:
        """Projects with people, big enough, with no heuristic plan
        yet."""
        return (run.people and run.tasks >= self.min_tasks
                and run.start.fallback is None)

    def run(self, run: Run, budget: Budget) -> None:
        """Schedule, and keep the plan as the fallback."""
        try:
            plan = improved_schedule(run.project,
                                     budget.sub(self.share, self.cap))
        except UnplaceableError as exc:
            run.record(self.name, "note", "skipped", str(exc))
            return
        run.start.fallback = plan
        run.start.tight = run.tasks >= self.tight_tasks
        run.record(self.name, "plan", "heuristic_makespan", plan.makespan)


@dataclass(frozen=True)
class ConstructiveBound:
    """One constructive pass that bounds the horizon for the probe, on
    projects of ``min_tasks`` tasks or more with no heuristic plan yet
    (the genetic algorithm improves on it after the probe)."""

    min_tasks: int = 60
    name: str = "constructive bound"
    stage: Literal["start"] = "start"

    def applies(self, run: Run) -> bool:
        """Big enough, with no heuristic plan yet."""
        return run.tasks >= self.min_tasks and run.start.fallback is None

    def run(self, run: Run, budget: Budget) -> None:
        """One serial schedule (no time to speak of)."""
        try:
            plan = constructive_schedule(run.project)
        except UnplaceableError as exc:
            run.record(self.name, "note", "skipped", str(exc))
            return
        run.start.fallback = plan
        run.record(self.name, "plan", "heuristic_makespan", plan.makespan)


@dataclass(frozen=True)
class GeneticStart:
    """The activity-list genetic algorithm before the model, for
    ``share`` of the time left, on resource-only projects of
    ``min_tasks`` tasks or more: its plan becomes the fallback and
    (unless the caller gave one) the hint when no longer than the
    heuristics' plan so far (``v1``)."""

    share: float = 0.3
    min_tasks: int = 50
    compiled: bool = False
    name: str = "genetic start"
    stage: Literal["start"] = "start"

    def applies(self, run: Run) -> bool:
        """Resource-only projects the algorithm handles, big enough."""
        return genetic_applies(run.project, self.min_tasks)

    def run(self, run: Run, budget: Budget) -> None:
        """Evolve; keep the plan if no longer than the fallback."""
        found = genetic.genetic_schedule(
            run.project, budget.sub(self.share), run.options.seed,
            compiled=self.compiled,
        )
        start = run.start
        if found is None or (start.fallback is not None
                             and found.makespan > start.fallback.makespan):
            return
        start.fallback, start.source = found, "genetic"
        if not start.given:
            start.hint = found
        run.record(self.name, "plan", "genetic_makespan", found.makespan)
        run.report("genetic", found.makespan,
                   shortest_makespan(run.project))


def genetic_applies(project: Project, min_tasks: int) -> bool:
    """Whether the genetic algorithm runs on ``project``: resource-only,
    single-mode, ``min_tasks`` tasks or more."""
    return len(project.tasks) >= min_tasks and genetic.applicable(project)


def usable(project: Project, plan: Plan | None,
           horizon: int) -> Plan | None:
    """``plan`` if the model accepts it: within the horizon and every
    deadline."""
    if plan is None or plan.makespan > horizon:
        return None
    return plan if meets_deadlines(project, plan) else None


def meets_deadlines(project: Project, plan: Plan) -> bool:
    """Whether every task of ``plan`` finishes by its deadlines (and the
    features keep their pins, musts and order)."""
    for t in project.tasks:
        bound = finish_bound(project, t, plan.duration[t.id])
        if bound is not None and plan.finish(t.id) > bound:
            return False
    return releases_hold(project, {t: plan.finish(t) for t in plan.start})


def model_horizon(
    project: Project, objective: Objective, plan: Plan | None
) -> int:
    """Latest finish the model allows.

    For ``time`` the constructive plan's makespan bounds the optimum; for
    the others (``cost``, ``balance``, ``value``) a later finish may pay
    off, so the crude bound applies, moved on by the day a pinned
    feature's work must run past (:func:`~plansat.models.delivery.
    release_floor`).  A project deadline caps both.
    """
    horizon = crude_horizon(project) + release_floor(project)
    if (
        plan is not None
        and objective == "time"
        and meets_deadlines(project, plan)
    ):
        horizon = min(horizon, max(plan.makespan, 1))
    if project.deadline is not None:
        horizon = min(horizon,
                      project.work_calendar.finish_bound(project.deadline))
    return max(horizon, 1)
