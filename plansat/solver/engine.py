"""The engine: a project compiled into one CP-SAT model, and one phase
of search on it.

:class:`Engine` creates the variables registry, posts every constraint
family, and runs one phase at a time (:meth:`Engine.run`: minimise one
expression within the seconds it is given, from a hint).  Which phases a
solve runs, and in which order, is the objective's recipe
(:mod:`plansat.solver.objectives`); :mod:`plansat.solver.phases` runs
them within one budget.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from plansat.models import Project, SolveStatus
from plansat.options import Budget, SolveOptions
from plansat.schedule.plan import Plan
from plansat.solver.constraints import add_all
from plansat.solver.strengthenings import (
    STANDARD,
    Strengthenings,
)
from plansat.solver.variables import Booking, Levers, LinearExpr, Variables

log = logging.getLogger(__name__)

_STATUS = {
    cp_model.OPTIMAL: SolveStatus.OPTIMAL,
    cp_model.FEASIBLE: SolveStatus.FEASIBLE,
    cp_model.INFEASIBLE: SolveStatus.INFEASIBLE,
    cp_model.MODEL_INVALID: SolveStatus.MODEL_INVALID,
    cp_model.UNKNOWN: SolveStatus.UNKNOWN,
}


@dataclass(frozen=True)
class SolveProgress:
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

    def with_lower(self, lower: float | None) -> PhaseResult:
        """This outcome with its bound raised to a proven ``lower`` bound
        (ignored when ``None`` or infinite), OPTIMAL when the plan
        reaches it."""
        if self.value is None or lower is None or not math.isfinite(lower):
            return self
        bound = lower if self.bound is None else max(self.bound, lower)
        status = (SolveStatus.OPTIMAL if self.value <= bound + 1e-9
                  else self.status)
        return PhaseResult(status, self.value, min(bound, self.value),
                           self.plan)


class _Reporter(cp_model.CpSolverSolutionCallback):
    def __init__(
        self,
        phase: str,
        budget: Budget,
        scale: float,
        progress: Callable[[SolveProgress], None] | None,
    ) -> None:
        super().__init__()
        self.phase, self.budget, self.scale = phase, budget, scale
        self.progress = progress

    def on_solution_callback(self) -> None:
        if self.progress is not None:
            self.progress(
                SolveProgress(
                    self.phase,
                    self.budget.elapsed(),
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
    parts
        The redundant constraints to add
        (:class:`~plansat.solver.strengthenings.
        Strengthenings`).
    params
        Extra CP-SAT parameters (a strategy's overrides).
    booked
        Loads already taken on people and resources by tasks outside
        ``project`` (:attr:`Variables.booked`).

    Strategies build engines through
    :meth:`plansat.solver.search.Strategy.engine`, so a strategy's model
    and parameters are read in one place.
    """

    def __init__(
        self,
        project: Project,
        horizon: int,
        explain: bool = False,
        levers: Levers | None = None,
        parts: Strengthenings = STANDARD,
        params: Mapping[str, object] | None = None,
        booked: Mapping[str, Sequence[Booking]] | None = None,
    ) -> None:
        self.project = project
        self.params = dict(params or {})
        self.vars = Variables.create(
            project, horizon, explain=explain, levers=levers, booked=booked
        )
        add_all(self.vars, parts)
        self.model = self.vars.model
        self.safe_params = _workarounds(self.model)
        if len(self.vars.works) > LARGE_MODEL_PAIRS:
            self.safe_params["cp_model_probing_level"] = 0
        if parts.lb_search and len(project.tasks) <= SMALL_TASKS:
            self.safe_params["use_objective_lb_search"] = True

    def hint(self, plan: Plan) -> None:
        """Start the search from ``plan`` (replaces earlier hints).

        Every decision variable gets a value, so CP-SAT can take a
        feasible plan as its first solution; the hint goes into the model
        in one batch (per-variable calls cost seconds on big models).
        """
        set_hint(self.model, self.hint_values(plan))

    def hint_values(self, plan: Plan) -> dict[int, int]:
        """Value of every decision variable in ``plan``, by variable
        index."""
        v = self.vars
        values: dict[int, int] = {}

        def put(var: LinearExpr, value: int | bool) -> None:
            if isinstance(var, cp_model.IntVar):
                values[var.index] = int(value)

        on_task = {  # this model's tasks only (a sub-model's plan is whole)
            t.id: {pid for group in plan.people[t.id] for pid in group}
            for t in self.project.tasks if t.id in plan.people
        }
        for t in self.project.tasks:
            s, d = plan.start[t.id], plan.duration[t.id]
            put(v.start[t.id], s)
            put(v.end[t.id], s + d)
            put(v.duration[t.id], d)
            if t.id in v.span:
                put(v.span[t.id], d)
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
        return values

    def run(
        self,
        phase: str,
        expr: LinearExpr,
        seconds: float,
        options: SolveOptions,
        budget: Budget,
        scale: float = 1.0,
        progress: Callable[[SolveProgress], None] | None = None,
    ) -> PhaseResult:
        """Minimise ``expr`` for at most ``seconds`` and return the
        phase's outcome (``budget`` times the progress reports)."""
        self.model.minimize(expr)
        return self.search(phase, seconds, options, budget, scale,
                           progress)

    def solver(
        self, seconds: float, options: SolveOptions,
        workers: int | None = None,
    ) -> cp_model.CpSolver:
        """A CP-SAT solver with this model's parameters: ``seconds``,
        the options' seed and workers (or ``workers``), the workarounds
        and the strategy's parameters (:attr:`params`)."""
        solver = cp_model.CpSolver()
        params = solver.parameters
        params.max_time_in_seconds = max(seconds, 0.01)
        params.num_workers = workers or options.threads
        params.random_seed = options.seed
        for key, value in {**self.safe_params, **self.params}.items():
            if isinstance(value, (list, tuple)):
                field = getattr(params, key)
                field.clear()
                field.extend(value)
            else:
                setattr(params, key, value)
        return solver

    def search(
        self,
        phase: str,
        seconds: float,
        options: SolveOptions,
        budget: Budget,
        scale: float = 1.0,
        progress: Callable[[SolveProgress], None] | None = None,
        solver: cp_model.CpSolver | None = None,
    ) -> PhaseResult:
        """Minimise the model's objective as :meth:`run` does; ``solver``
        (from :meth:`solver`) lets another thread stop the search."""
        solver = solver or self.solver(seconds, options)
        reporter = _Reporter(phase, budget, scale, progress)
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
            self.plan(solver),
        )

    def plan(self, solver: cp_model.CpSolver) -> Plan:
        """The plan of ``solver``'s solution of this model (or of a copy
        with more constraints, the same variables)."""
        v = self.vars
        plan = Plan()
        for t in self.project.tasks:
            plan.start[t.id] = solver.value(v.start[t.id])
            plan.duration[t.id] = int(solver.value(v.duration[t.id]))
            if t.id in v.span:  # a split task: the span, days worked
                span = int(solver.value(v.span[t.id]))
                if span != plan.duration[t.id]:
                    plan.worked[t.id] = plan.duration[t.id]
                    plan.duration[t.id] = span
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


def set_hint(model: cp_model.CpModel, values: dict[int, int]) -> None:
    """Replace ``model``'s hint with ``values`` (by variable index)."""
    model.clear_hints()
    hint = model.proto.solution_hint
    hint.vars.extend(values.keys())
    hint.values.extend(values.values())


#: Up to this many tasks, the main CP-SAT worker searches from the lower
#: bound up (proofs come sooner; on larger models it costs primal quality,
#: see benchmarks/README.md).
SMALL_TASKS = 40

#: Above this many (task, person) pairs CP-SAT's probing in presolve takes
#: most of a minute on 2 cores (benchmarks/README.md, scaling).
LARGE_MODEL_PAIRS = 50_000


def _workarounds(model: cp_model.CpModel) -> dict[str, object]:
    """CP-SAT parameters that keep known solver bugs away from ``model``.

    OR-Tools 9.15 proved wrong optima on models whose cumulatives or
    no-overlaps hold optional intervals ending on the task's end
    variable, one per mode with the mode's duration (how modes were
    modelled before issue 29):

    - reasoning about disjunctive subsets of such a cumulative while
      starting from a hint: on PSPLIB ``j1010_5.mm`` it reported makespan
      25 as optimal for most seeds, where 24 is optimal;
    - probing during SAT inprocessing: on three multi-mode tasks sharing
      one unit of a resource (found by the property test of the
      strategies) it proved makespan 4 for six seeds in eight, where 3 is
      optimal.

    Turning both inferences off did not remove every wrong proof (3 of
    800 small projects of ``tests/solver/test_mode_sweep.py``); giving
    each mode's interval the end ``start + duration`` did, with both
    inferences on.  They stay off only where an optional interval still
    ends on a variable other than its start's: people's intervals end
    on the task's end variable, and no sweep has cleared them.  Turning
    them off cost 1-3 days on three of twelve MMLIB50 instances at 10 s
    (benchmarks/README.md, "A wrong optimum kept away", and issue 29
    target 5); ``tests/solver/test_regressions.py`` keeps both
    instances.
    """
    proto = model.proto

    def own_end(intervals: Iterable[int]) -> bool:
        """Whether an optional one ends on a variable other than its
        start's."""
        for i in intervals:
            c = proto.constraints[i]
            if (len(c.enforcement_literal)
                    and list(c.interval.end.vars)
                    != list(c.interval.start.vars)):
                return True
        return False

    out: dict[str, object] = {}
    for c in proto.constraints:
        if c.has_cumulative() and own_end(c.cumulative.intervals):
            out["use_disjunctive_constraint_in_cumulative"] = False
            out["inprocessing_probing_dtime"] = 0.0
        elif c.has_no_overlap() and own_end(c.no_overlap.intervals):
            out["inprocessing_probing_dtime"] = 0.0
    return out
