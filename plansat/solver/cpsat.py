"""Facade: build the CP-SAT model of a project once and solve it.

``solve`` runs one or more phases on the same model: each phase sets an
objective, solves from the previous phase's answer as a hint, then fixes
what it proved before the next one starts (lexicographic optimisation).

- time: minimise the makespan; then, at that makespan, the cost of
  crashing and overlapping (only when the project has such options).
- balance: the time phase; then, with the makespan at most its optimum +
  ``slack``, minimise the highest person load, then the spread.
- cost: minimise the total cost.
"""

from __future__ import annotations

import logging
import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from plansat.models import Project, Result, SolveStatus
from plansat.models.result import Objective
from plansat.solver import genetic, objectives
from plansat.solver.constraints import add_all
from plansat.solver.cpm import shortest_makespan
from plansat.solver.heuristic import Plan, crude_horizon, improved_schedule
from plansat.solver.report import build_result
from plansat.solver.strategy import DEFAULT, Strategy, get_strategy
from plansat.solver.variables import Levers, LinearExpr, Variables

log = logging.getLogger(__name__)

_STATUS = {
    cp_model.OPTIMAL: SolveStatus.OPTIMAL,
    cp_model.FEASIBLE: SolveStatus.FEASIBLE,
    cp_model.INFEASIBLE: SolveStatus.INFEASIBLE,
    cp_model.MODEL_INVALID: SolveStatus.MODEL_INVALID,
    cp_model.UNKNOWN: SolveStatus.UNKNOWN,
}


@dataclass(frozen=True)
class Progress:
    """A progress report during a solve.

    Attributes
    ----------
    phase
        Which stage is running (``"genetic"``, ``"makespan"``,
        ``"acceleration"``, ``"load"``, ``"spread"`` or ``"cost"``).
    elapsed
        Seconds since the solve started.
    objective
        Best objective value found so far in this phase.
    bound
        Best proven bound of this phase.
    """

    phase: str
    elapsed: float
    objective: float
    bound: float

    @property
    def gap(self) -> float:
        """Relative gap between objective and bound."""
        return abs(self.objective - self.bound) / max(abs(self.objective), 1)


@dataclass
class PhaseResult:
    """Outcome of one phase."""

    status: SolveStatus
    value: float | None
    bound: float | None
    plan: Plan | None


class _Reporter(cp_model.CpSolverSolutionCallback):
    def __init__(
        self,
        phase: str,
        started: float,
        scale: float,
        progress: Callable[[Progress], None] | None,
    ) -> None:
        super().__init__()
        self.phase, self.started, self.scale = phase, started, scale
        self.progress = progress

    def on_solution_callback(self) -> None:
        if self.progress is not None:
            self.progress(
                Progress(
                    self.phase,
                    time.monotonic() - self.started,
                    self.objective_value / self.scale,
                    self.best_objective_bound / self.scale,
                )
            )


class Engine:
    """A project compiled into one CP-SAT model.

    Parameters
    ----------
    project
        A validated project.
    horizon
        Latest finish any variable may take.
    explain
        Give windows, vacations and pins switches (for explanations).
    levers
        Allow crashing and overlapping (both by default).
    strategy
        Strengthenings and CP-SAT parameters (see
        :mod:`plansat.solver.strategy`).
    """

    def __init__(
        self,
        project: Project,
        horizon: int,
        explain: bool = False,
        levers: Levers | None = None,
        strategy: Strategy = DEFAULT,
    ) -> None:
        self.project = project
        self.strategy = strategy
        self.vars = Variables.create(
            project, horizon, explain=explain, levers=levers
        )
        add_all(self.vars, strategy)
        self.model = self.vars.model
        self.safe_params = _workarounds(self.model)
        if len(self.vars.works) > LARGE_MODEL_PAIRS:
            self.safe_params["cp_model_probing_level"] = 0
        if strategy.small_lb_search and len(project.tasks) <= SMALL_TASKS:
            self.safe_params["use_objective_lb_search"] = True

    def hint(self, plan: Plan) -> None:
        """Start the search from ``plan`` (replaces earlier hints).

        Every decision variable gets a value, so CP-SAT can take a
        feasible plan as its first solution; the hint goes into the model
        in one batch (per-variable calls cost seconds on big models).
        """
        v = self.vars
        values: dict[int, int] = {}

        def put(var: LinearExpr, value: int | bool) -> None:
            if isinstance(var, cp_model.IntVar):
                values[var.index] = int(value)

        on_task = {
            t: {pid for group in people for pid in group}
            for t, people in plan.people.items()
        }
        for t in self.project.tasks:
            s, d = plan.start[t.id], plan.duration[t.id]
            put(v.start[t.id], s)
            put(v.end[t.id], s + d)
            put(v.duration[t.id], d)
            mode = plan.mode.get(t.id, 0)
            for k in range(len(t.alternatives)):
                if (t.id, k) in v.mode:
                    put(v.mode[t.id, k], k == mode)
            chosen = {
                (n, pid)
                for n, group in enumerate(plan.people.get(t.id, []))
                for pid in group
            }
            for (_, k, n, pid), slot in v.slots_of(t.id):
                put(slot, k == mode and (n, pid) in chosen)
        for (task_id, pid), works in v.works.items():
            on = pid in on_task.get(task_id, ())
            put(works, on)
            if (task_id, pid) in v.worked:
                put(v.worked[task_id, pid], plan.duration[task_id] * on)
        for key, var in v.overlap.items():
            put(var, plan.overlap.get(key, 0))
        assert v.makespan is not None
        put(v.makespan, plan.makespan)
        self.model.clear_hints()
        hint = self.model.proto.solution_hint
        hint.vars.extend(values.keys())
        hint.values.extend(values.values())

    def run(
        self,
        phase: str,
        expr: LinearExpr,
        time_limit: float,
        workers: int,
        seed: int,
        started: float,
        scale: float = 1.0,
        progress: Callable[[Progress], None] | None = None,
    ) -> PhaseResult:
        """Minimise ``expr`` and return the phase's outcome."""
        self.model.minimize(expr)
        solver = cp_model.CpSolver()
        params = solver.parameters
        params.max_time_in_seconds = max(time_limit, 0.01)
        params.num_workers = workers
        params.random_seed = seed
        for key, value in {**self.safe_params, **self.strategy.params}.items():
            if isinstance(value, (list, tuple)):
                field = getattr(params, key)
                field.clear()
                field.extend(value)
            else:
                setattr(params, key, value)
        reporter = _Reporter(phase, started, scale, progress)
        code = solver.solve(self.model, reporter)
        status = _STATUS[code]
        log.info(
            "phase %s: %s value=%s bound=%s in %.2fs",
            phase,
            status.value,
            solver.objective_value if status.has_solution else None,
            solver.best_objective_bound,
            solver.wall_time,
        )
        if not status.has_solution:
            bound = solver.best_objective_bound / scale
            return PhaseResult(status, None, bound if math.isfinite(bound)
                               else None, None)
        return PhaseResult(
            status,
            solver.objective_value / scale,
            solver.best_objective_bound / scale,
            self._plan(solver),
        )

    def _plan(self, solver: cp_model.CpSolver) -> Plan:
        v = self.vars
        plan = Plan()
        for t in self.project.tasks:
            plan.start[t.id] = solver.value(v.start[t.id])
            plan.duration[t.id] = int(solver.value(v.duration[t.id]))
            mode = next(
                (k for k in range(len(t.alternatives))
                 if (t.id, k) in v.mode
                 and solver.boolean_value(v.mode[t.id, k])),
                None,
            )
            if mode is not None or t.modes:
                plan.mode[t.id] = mode or 0
            needs = t.mode(mode).needs if t.mode(mode).duration else []
            plan.people[t.id] = [
                [
                    pid
                    for pid in v.candidates[t.id, mode or 0, n]
                    if solver.boolean_value(v.slot[t.id, mode or 0, n, pid])
                ]
                for n in range(len(needs))
            ]
            extra = self.project.extra_people(t)
            if extra:
                plan.people[t.id].append(extra)
        for key, var in v.overlap.items():
            days = solver.value(var)
            pred, succ = key
            dep = v.overlap_link[key]
            used = plan.finish(pred) + dep.lag - plan.start[succ]
            if min(days, used) > 0:
                plan.overlap[key] = min(days, used)
        return plan


#: Up to this many tasks, the main CP-SAT worker searches from the lower
#: bound up (proofs come sooner; on larger models it costs primal quality,
#: see benchmarks/README.md).
SMALL_TASKS = 40

#: Above this many (task, person) pairs CP-SAT's probing in presolve takes
#: most of a minute on 2 cores (benchmarks/README.md, scaling).
LARGE_MODEL_PAIRS = 50_000


def _workarounds(model: cp_model.CpModel) -> dict[str, object]:
    """CP-SAT parameters that keep known solver bugs away from ``model``.

    OR-Tools 9.15 can prove a wrong optimum when it reasons about
    disjunctive subsets of a cumulative holding optional intervals
    (multi-mode tasks, shared people) while starting from a hint: on PSPLIB
    ``j1010_5.mm`` it reported makespan 25 as optimal for most seeds, where
    24 is optimal.  Turning that inference off removed every wrong proof;
    ``tests/solver/test_regressions.py`` keeps the instance.
    """
    proto = model.proto
    for c in proto.constraints:
        if c.has_cumulative() and any(
            len(proto.constraints[i].enforcement_literal)
            for i in c.cumulative.intervals
        ):
            return {"use_disjunctive_constraint_in_cumulative": False}
    return {}


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
