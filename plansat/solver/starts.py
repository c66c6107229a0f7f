"""What the heuristics give a solve: the starting plans, the improvers
that run after CP-SAT's probe, and the checks that keep a heuristic plan
only where the model would accept it.

:func:`starting_plans` runs before the model is built (a caller's hint,
the improved constructive schedule, and for ``v1`` the genetic
algorithm); :func:`seeder` and :func:`restarter` are the hooks
:class:`~plansat.solver.phases.Phases` calls once the probe has not
closed the makespan phase; :func:`keep_best` and :func:`fallback` let the
result fall back on a heuristic plan, honestly labelled FEASIBLE.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from plansat.heuristics import genetic
from plansat.heuristics.constructive import constructive_schedule
from plansat.heuristics.improve import improved_schedule
from plansat.models import Project, Result, SolveStatus
from plansat.options import Budget, SolveOptions
from plansat.schedule.cpm import shortest_makespan
from plansat.schedule.plan import Plan
from plansat.schedule.releases import releases_hold
from plansat.solver.beside import Incumbent, Work
from plansat.solver.engine import PhaseResult, Progress
from plansat.solver.objectives import Outcome
from plansat.solver.strategy import Strategy

log = logging.getLogger(__name__)

#: Share of the time limit the improved constructive schedule may take,
#: and its cap in seconds.
HINT_SHARE, HINT_CAP = 0.05, 3.0


@dataclass
class StartingPlans:
    """What the heuristics found before the model is built.

    Attributes
    ----------
    hint
        The plan CP-SAT starts from (a previous result, else the
        heuristics' plan), or ``None``.
    fallback
        The heuristics' own plan: it bounds the horizon for ``time`` and
        is reported if CP-SAT finds nothing in time.
    source
        Which heuristic made ``fallback`` (``"constructive"`` or
        ``"genetic"``).
    tight
        Whether ``fallback`` bounds the horizon: not when it is only kept
        to compare (projects with people below ``restarts_min_tasks``,
        not hinted), where a horizon that tight without a hint cost
        CP-SAT its first solutions (benchmarks/README.md).
    """

    hint: Plan | None = None
    fallback: Plan | None = None
    source: str = "constructive"
    tight: bool = True


def starting_plans(
    project: Project,
    options: SolveOptions,
    strategy: Strategy,
    budget: Budget,
    hint: Result | None,
    progress: Callable[[Progress], None] | None,
    info: dict[str, object],
) -> StartingPlans:
    """Run the heuristics ``strategy`` asks for, within ``budget``."""
    out = StartingPlans(hint=_plan_from(project, hint))
    tasks = len(project.tasks)
    hinted = strategy.hint and tasks >= strategy.hint_min_tasks
    kept = (strategy.keep_best and project.needs_people
            and tasks >= strategy.probe_min_tasks)
    if hinted or kept:
        seconds = min(budget.remaining(HINT_SHARE), HINT_CAP)
        out.fallback = improved_schedule(project, seconds=seconds)
        out.tight = hinted or tasks >= strategy.restarts_min_tasks
        if hinted:
            out.hint = out.hint or out.fallback
        info["heuristic_makespan"] = out.fallback.makespan
    elif strategy.probe and tasks >= strategy.probe_min_tasks:
        # resource-only: one pass bounds the horizon for the probe; the
        # genetic algorithm improves on it after the probe
        out.fallback = constructive_schedule(project)
        info["heuristic_makespan"] = out.fallback.makespan
    if strategy.probe:  # the genetic algorithm runs after the probe
        return out
    if _genetic_applies(project, strategy):
        found = genetic.genetic_schedule(
            project, budget.remaining(strategy.genetic_share), options.seed,
            compiled=strategy.compiled,
        )
        if found is not None and (out.fallback is None
                                  or found.makespan <= out.fallback.makespan):
            out.fallback, out.source = found, "genetic"
            if hint is None:
                out.hint = found
            info["genetic_makespan"] = found.makespan
            if progress is not None:
                progress(Progress("genetic", budget.elapsed(),
                                  found.makespan, shortest_makespan(project)))
    return out


def seeder(
    project: Project,
    options: SolveOptions,
    strategy: Strategy,
    start: StartingPlans,
    horizon: int,
    progress: Callable[[Progress], None] | None,
    budget: Budget,
    info: dict[str, object],
) -> Callable[[Plan | None, float], Plan | None]:
    """The heuristics a probe that did not close the makespan phase
    calls: the genetic algorithm from the probe's plan, and the
    constructive plan; the shortest that the model accepts."""

    def seed(probe: Plan | None, seconds: float) -> Plan | None:
        best = usable(project, start.fallback, horizon)
        if _genetic_applies(project, strategy):
            found = usable(project, genetic.genetic_schedule(
                project, seconds, options.seed, start_from=probe,
                compiled=strategy.compiled), horizon)
            if found is not None:
                info["genetic_makespan"] = found.makespan
                if progress is not None:
                    progress(Progress("genetic", budget.elapsed(),
                                      found.makespan,
                                      shortest_makespan(project)))
                if best is None or found.makespan < best.makespan:
                    best = found
        return best

    return seed


def _genetic_applies(project: Project, strategy: Strategy) -> bool:
    """Whether ``strategy`` runs the genetic algorithm on ``project``."""
    return (strategy.genetic
            and len(project.tasks) >= strategy.genetic_min_tasks
            and genetic.applicable(project))


def restarter(project: Project, options: SolveOptions,
               horizon: int) -> Work:
    """The improved constructive schedule's restarts as an improver of
    the makespan phase (:data:`~plansat.solver.beside.Work`)."""

    def work(best: Incumbent, until: float, lower: float,
             stop: threading.Event | None,
             report: Callable[[int], None] | None) -> Incumbent:
        plan = improved_schedule(
            project, until - time.monotonic(), patience=None,
            seed=options.seed + 1, stop=None if stop is None else stop.is_set,
            lower=math.ceil(lower) if math.isfinite(lower) else 0,
        )
        found = usable(project, plan, horizon)
        if found is None or found.makespan >= best.value:
            return best
        if report is not None:
            report(found.makespan)
        return Incumbent(found, found.makespan)

    return work


def usable(project: Project, plan: Plan | None,
            horizon: int) -> Plan | None:
    """``plan`` if the model accepts it: within the horizon and every
    deadline."""
    if plan is None or plan.makespan > horizon:
        return None
    return plan if meets_deadlines(project, plan) else None


def keep_best(
    project: Project,
    outcome: Outcome,
    start: StartingPlans,
    info: dict[str, object],
) -> Outcome:
    """The heuristics' plan when it is shorter than the engine's (which
    happens only when the engine never saw it)."""
    plan = start.fallback
    if (plan is None or outcome.final.plan is None
            or outcome.main.value is None
            or plan.makespan >= outcome.main.value
            or not meets_deadlines(project, plan)):
        return outcome
    info["schedule_from"] = start.source
    bound = outcome.main.bound
    found = PhaseResult(SolveStatus.FEASIBLE, float(plan.makespan), bound,
                        plan)
    return Outcome(SolveStatus.FEASIBLE, found, found, outcome.load_horizon)


def fallback(
    project: Project,
    outcome: Outcome,
    start: StartingPlans,
    info: dict[str, object],
) -> Outcome:
    """If CP-SAT found nothing in time but the heuristics' plan is a valid
    schedule, report that plan, honestly labelled FEASIBLE."""
    if (outcome.final.plan is not None
            or outcome.status != SolveStatus.UNKNOWN
            or start.fallback is None
            or not meets_deadlines(project, start.fallback)):
        return outcome
    info["schedule_from"] = start.source
    found = PhaseResult(SolveStatus.FEASIBLE, None, outcome.main.bound,
                        start.fallback)
    return Outcome(SolveStatus.FEASIBLE, found, found,
                   outcome.load_horizon)


def meets_deadlines(project: Project, plan: Plan) -> bool:
    """Whether every task of ``plan`` finishes by its deadlines (and the
    features keep their pins, musts and order)."""
    for t in project.tasks:
        bound = project.finish_bound(t, plan.duration[t.id])
        if bound is not None and plan.finish(t.id) > bound:
            return False
    return releases_hold(project, {t: plan.finish(t) for t in plan.start})


def _plan_from(project: Project, hint: Result | None) -> Plan | None:
    """A plan from a previous result for the same project, if usable."""
    if hint is None or not hint.status.has_solution:
        return None
    by_id = {t.id: t for t in hint.tasks}
    if set(by_id) != set(project.task_index):
        log.warning("hint ignored: its tasks differ from the project's")
        return None
    plan = Plan()
    for t in project.tasks:
        r = by_id[t.id]
        plan.start[t.id], plan.duration[t.id] = r.start, r.duration
        if r.mode is not None and len(t.alternatives) > 1:
            plan.mode[t.id] = r.mode
        remaining = list(r.people)
        per_need = []
        for need in t.mode(r.mode).needs:
            mine = [p for p in remaining
                    if project.person(p).level(need.skill) >= need.level]
            per_need.append(mine[: need.count])
            remaining = [p for p in remaining if p not in per_need[-1]]
        extra = project.extra_people(t)
        plan.people[t.id] = per_need + ([extra] if extra else [])
    return plan
