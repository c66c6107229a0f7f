"""solve: hint -> horizon -> build -> recipe -> result."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable

from plansat.heuristics import genetic
from plansat.heuristics.constructive import improved_schedule
from plansat.models import Project, Result, SolveStatus
from plansat.models.result import Objective
from plansat.schedule.cpm import shortest_makespan
from plansat.schedule.evaluate import build_result
from plansat.schedule.plan import Plan, crude_horizon
from plansat.solver import objectives
from plansat.solver.engine import Engine, PhaseResult, Progress
from plansat.solver.strategy import Strategy, get_strategy
from plansat.solver.variables import LinearExpr

log = logging.getLogger(__name__)


def solve(
    project: Project,
    objective: Objective = "time",
    time_limit: float = 10.0,
    workers: int | None = None,
    seed: int = 0,
    hint: Result | None = None,
    slack: int = 0,
    progress: Callable[[Progress], None] | None = None,
    strategy: str | Strategy = "default",
) -> Result:
    """Find an optimal (or the best found) schedule for ``project``.

    Parameters
    ----------
    project
        A validated project.
    objective
        ``"time"``, ``"balance"`` or ``"cost"`` (see the module docs).
    time_limit
        Seconds for the whole solve, all phases together.
    workers
        CP-SAT search workers (default: the machine's cores).
    seed
        Random seed; with ``workers=1`` the same seed gives the same
        answer.
    hint
        A previous result to start from (otherwise the constructive
        schedule).
    slack
        For ``balance``: working days the finish may exceed the
        time-optimal makespan.
    progress
        Called with a :class:`Progress` on every improving solution.
    strategy
        A named configuration from :data:`plansat.solver.strategy.STRATEGIES`
        (the benchmark suite compares them) or a :class:`Strategy`.

    Returns
    -------
    Result
        The schedule with status, objective value, bound and gap.  With no
        schedule, ``explanation`` says why.
    """
    from plansat.solver.explain import explain_infeasible

    started = time.monotonic()
    workers = workers or os.cpu_count() or 1
    chosen = get_strategy(strategy)
    info: dict[str, object] = {
        "strategy": chosen.name, "workers": workers, "seed": seed,
    }
    plan = _plan_from(project, hint)
    constructive = None
    source = "constructive"
    if chosen.hint and len(project.tasks) >= chosen.hint_min_tasks:
        constructive = improved_schedule(
            project, seconds=min(0.05 * time_limit, 3.0)
        )
        plan = plan or constructive
        info["heuristic_makespan"] = constructive.makespan
    if (chosen.genetic and len(project.tasks) >= chosen.genetic_min_tasks
            and genetic.applicable(project)):
        found = genetic.genetic_schedule(
            project, chosen.genetic_share * time_limit, seed
        )
        if found is not None and (constructive is None
                                  or found.makespan <= constructive.makespan):
            constructive, source = found, "genetic"
            if hint is None:
                plan = found
            info["genetic_makespan"] = found.makespan
            if progress is not None:
                progress(Progress(
                    "genetic", time.monotonic() - started, found.makespan,
                    shortest_makespan(project),
                ))
    horizon = model_horizon(project, objective, constructive)
    info["horizon"] = horizon
    engine = Engine(project, horizon, strategy=chosen)
    built = time.monotonic() - started
    info["build_seconds"] = round(built, 3)
    phases = _Phases(engine, started + time_limit, workers, seed, started,
                     progress, plan, info)
    v = engine.vars
    assert v.makespan is not None
    if objective == "cost":
        main = phases.run("cost", objectives.total_cost(v),
                          scale=objectives.COST_SCALE)
        final = main
    else:
        split = 0.4
        if objective == "time":
            split = 0.8 if objectives.has_acceleration(v) else 1.0
        main = phases.run("makespan", v.makespan, split)
        final = main
        if main.plan is not None and objective == "time":
            engine.model.add(v.makespan <= round(main.value or 0))
            if objectives.has_acceleration(v) and phases.worth(built):
                final = _keep(main, phases.run(
                    "acceleration", objectives.acceleration_cost(v),
                    scale=objectives.COST_SCALE))
        elif main.plan is not None:
            limit = round(main.value or 0) + slack
            engine.model.add(v.makespan <= limit)
            info["load_horizon"] = limit
            main = PhaseResult(SolveStatus.FEASIBLE, None, None, main.plan)
            if phases.worth(built):
                high, low = objectives.load_vars(v, limit)
                load = phases.run("load", high, 0.6,
                                  scale=objectives.LOAD_SCALE)
                main = _keep(main, load)
                final = main
                if load.plan is not None and phases.worth(built):
                    engine.model.add(high <= round(
                        (load.value or 0) * objectives.LOAD_SCALE))
                    final = _keep(load, phases.run(
                        "spread", high - low, scale=objectives.LOAD_SCALE))
    runtime = time.monotonic() - started
    status = main.status
    if status == SolveStatus.OPTIMAL and objective == "balance":
        proven = info.get("makespan") == SolveStatus.OPTIMAL.value
        status = status if proven else SolveStatus.FEASIBLE
    load_horizon = info.get("load_horizon")
    if final.plan is None and status == SolveStatus.UNKNOWN and (
        constructive is not None and meets_deadlines(project, constructive)
    ):
        # CP-SAT found nothing in time, but the constructive plan is a
        # valid schedule: report it, honestly labelled.
        info["schedule_from"] = source
        final = main = PhaseResult(SolveStatus.FEASIBLE, None, main.bound,
                                   constructive)
        status = SolveStatus.FEASIBLE
    if final.plan is None:
        result = Result(status=status, objective=objective,
                        runtime=round(runtime, 3), solver=info)
        if status == SolveStatus.INFEASIBLE:
            return explain_infeasible(project, result, horizon,
                                      phases.remaining())
        if status == SolveStatus.UNKNOWN:
            result.explanation = (
                f"no schedule found within the time limit of {time_limit}s;"
                " raise --time-limit"
            )
        return result
    result = build_result(
        project, final.plan, status, objective, main.value, main.bound,
        runtime, info,
        load_horizon if isinstance(load_horizon, int) else None,
    )
    if main.value is None:  # value of a plan no phase optimised
        result.objective_value = _value_of(result)
        result.gap = None
    return result


def _value_of(result: Result) -> float:
    """The objective value of a result computed from its schedule."""
    if result.objective == "cost":
        return result.cost.total
    if result.objective == "balance":
        return max((load.load for load in result.loads), default=0.0)
    return float(result.makespan or 0)


class _Phases:
    """Runs the phases of one solve within a shared deadline, each from
    the latest plan as a hint."""

    def __init__(
        self,
        engine: Engine,
        deadline: float,
        workers: int,
        seed: int,
        started: float,
        progress: Callable[[Progress], None] | None,
        plan: Plan | None,
        info: dict[str, object],
    ) -> None:
        self.engine, self.deadline = engine, deadline
        self.workers, self.seed, self.started = workers, seed, started
        self.progress, self.plan, self.info = progress, plan, info

    def remaining(self, share: float = 1.0) -> float:
        """Seconds left, times ``share``."""
        return max(0.0, self.deadline - time.monotonic()) * share

    def worth(self, build_seconds: float) -> bool:
        """Whether a further phase fits: CP-SAT's presolve of a model
        takes about as long as building it, so a phase needs more."""
        return self.remaining() >= max(0.5, 1.5 * build_seconds)

    def run(self, phase: str, expr: LinearExpr, share: float = 1.0,
            scale: float = 1.0) -> PhaseResult:
        """Minimise ``expr`` in the time left × ``share``."""
        if self.plan is not None:
            self.engine.hint(self.plan)
        out = self.engine.run(phase, expr, self.remaining(share),
                              self.workers, self.seed, self.started, scale,
                              self.progress)
        self.info[phase] = out.status.value
        if out.plan is not None:
            self.plan = out.plan
        return out


def _keep(first: PhaseResult, second: PhaseResult) -> PhaseResult:
    """The later phase's plan if it found one, else the earlier one."""
    return second if second.plan is not None else first


def model_horizon(
    project: Project, objective: Objective, plan: Plan | None
) -> int:
    """Latest finish the model allows.

    For ``time`` the constructive plan's makespan bounds the optimum; for
    the others a later finish may pay off, so the crude bound applies.
    A project deadline caps both.
    """
    horizon = crude_horizon(project)
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


def meets_deadlines(project: Project, plan: Plan) -> bool:
    """Whether every task of ``plan`` finishes by its deadlines."""
    for t in project.tasks:
        bound = project.finish_bound(t, plan.duration[t.id])
        if bound is not None and plan.finish(t.id) > bound:
            return False
    return True


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
