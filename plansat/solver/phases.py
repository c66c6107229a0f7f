"""Run the phases of one solve on one engine, within one budget.

A phase minimises one expression; the next phase starts from the
previous phase's plan as a hint and from the constraints the recipe added
in between (lexicographic optimisation).  Each phase draws its seconds
from the solve's :class:`~plansat.options.Budget` when it starts, so time
one phase leaves unused passes to the next.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable

from plansat.models import SolveStatus
from plansat.options import Budget, SolveOptions
from plansat.schedule.justify import left_justify
from plansat.schedule.plan import Plan
from plansat.solver import lns
from plansat.solver.beside import Incumbent, Work, beside
from plansat.solver.engine import (
    LARGE_MODEL_PAIRS,
    Engine,
    PhaseResult,
    Progress,
)
from plansat.solver.variables import LinearExpr, Variables

log = logging.getLogger(__name__)

#: After a probe that did not close the makespan phase: given the probe's
#: plan (or ``None``) and the seconds the phase has, a plan at least as
#: short that the model accepts (the heuristics'), or ``None``.
Seed = Callable[[Plan | None, float], Plan | None]

#: Statuses after which a phase has nothing left to search.
_CLOSED = (SolveStatus.OPTIMAL, SolveStatus.INFEASIBLE,
           SolveStatus.MODEL_INVALID)


class Phases:
    """The phases of one solve.

    Parameters
    ----------
    engine
        The compiled model.
    options
        Workers and seed of every phase.
    budget
        The solve's budget.
    progress
        Called with a :class:`~plansat.solver.engine.Progress` on every
        improving solution.
    plan
        The first hint (``None``: CP-SAT starts on its own).
    build_seconds
        How long building the model took; a later phase runs only with
        more than that left (CP-SAT's presolve costs about as much).

    Attributes
    ----------
    statuses
        Status of each phase run so far, by phase name.
    reserve
        Share of the time left that the phases keep for a caller's
        further phase (``solve(..., after=...)``); that phase sets it
        back to 0 before it runs.
    seed
        For the strategies with ``probe``: heuristics to run on the
        makespan phase once the probe has not closed it (:data:`Seed`).
    improver
        For the strategies with ``restarts``: a heuristic to run on the
        makespan phase of a project with people beside CP-SAT's full
        search (:func:`~plansat.solver.beside.beside`).
    lower
        A proven lower bound of the makespan (``None``: CP-SAT's own).
    """

    def __init__(
        self,
        engine: Engine,
        options: SolveOptions,
        budget: Budget,
        progress: Callable[[Progress], None] | None,
        plan: Plan | None,
        build_seconds: float,
    ) -> None:
        self.engine, self.options, self.budget = engine, options, budget
        self.progress, self.plan = progress, plan
        self.build_seconds = build_seconds
        self.statuses: dict[str, SolveStatus] = {}
        self.reserve = 0.0
        self.seed: Seed | None = None
        self.improver: Work | None = None
        self.lower: int | None = None
        self.search_info: dict[str, object] = {}

    @property
    def vars(self) -> Variables:
        """The engine's variables registry."""
        return self.engine.vars

    def left(self, share: float = 1.0) -> float:
        """Seconds a phase may take: ``share`` of the time left beyond
        the reserve."""
        return self.budget.remaining() * (1 - self.reserve) * share

    def worth(self) -> bool:
        """Whether a further phase fits in the time left."""
        return self.left() >= max(0.5, 1.5 * self.build_seconds)

    def run(
        self,
        phase: str,
        expr: LinearExpr,
        share: float = 1.0,
        scale: float = 1.0,
    ) -> PhaseResult:
        """Minimise ``expr`` in ``share`` of the time left.

        With a strategy's ``probe`` (on projects big enough), a CP-SAT
        probe first (none on models above ``LARGE_MODEL_PAIRS`` pairs,
        where presolve alone outlasts it); unless it closes the phase,
        the heuristics (the makespan phase's :attr:`seed`), then from the
        best plan CP-SAT's full search, beside the :attr:`improver`
        (makespan phase, projects with people) or beside the
        large-neighbourhood search (``lns``, :mod:`plansat.solver.lns`).
        """
        if self.plan is not None:
            self.engine.hint(self.plan)
        seconds = self.left(share)
        strategy = self.engine.strategy
        tasks = len(self.engine.project.tasks)
        search = (strategy.probe and tasks >= strategy.probe_min_tasks
                  and (not self.engine.project.needs_people or strategy.lns
                       or tasks >= strategy.restarts_min_tasks))
        probe = min(seconds * strategy.probe_share, strategy.probe_cap)
        if search and len(self.vars.works) > LARGE_MODEL_PAIRS:
            probe = 0.0  # CP-SAT's presolve alone takes longer
        if search and not probe:
            self.engine.model.minimize(expr)
            out = PhaseResult(SolveStatus.UNKNOWN, None, None, None)
        else:
            out = self.engine.run(phase, expr, probe if search else seconds,
                                  self.options, self.budget, scale,
                                  self.progress)
        if search and out.status not in _CLOSED:
            out = self._search(phase, out, seconds - probe, scale)
        if phase == "makespan":
            out = out.with_lower(self.lower)
        self.statuses[phase] = out.status
        if out.plan is not None:
            self.plan = out.plan
        return out

    def _search(self, phase: str, probe: PhaseResult, seconds: float,
                scale: float) -> PhaseResult:
        """The rest of a phase the probe did not close: the heuristics'
        plan if shorter, then the LNS beside the full search."""
        makespan = phase == "makespan"
        plan, value = probe.plan, probe.value
        if makespan and self.seed is not None:
            share = self.engine.strategy.genetic_share
            better = self.seed(plan, seconds * share)
            if better is not None and (value is None
                                       or better.makespan < value):
                plan, value = better, better.makespan
        people = self.engine.project.needs_people
        use_lns = self.engine.strategy.lns and people
        restart = makespan and people and self.improver is not None
        if (makespan and plan is not None and value is not None
                and self.lower is not None and value <= self.lower):
            return PhaseResult(SolveStatus.OPTIMAL, value, value, plan)
        if plan is None or value is None or not (use_lns or restart):
            # CP-SAT's full search on every worker, from the best plan
            # (on resource-only projects it beats the LNS beside it,
            # benchmarks/README.md).
            if plan is not None:
                self.engine.hint(plan)
                span = self.vars.makespan
                if makespan and span is not None and value is not None \
                        and self.options.objective == "time":
                    # a plan this short exists: the horizon v1 had
                    self.add(span <= round(value))
            out = self.engine.search(phase, self.left(), self.options,
                                     self.budget, scale, self.progress)
            if out.plan is None and plan is not None and value is not None:
                return PhaseResult(SolveStatus.FEASIBLE, value,
                                   out.bound, plan)
            return out
        lower = probe.bound if probe.bound is not None else -math.inf
        if makespan and self.lower is not None:
            lower = max(lower, self.lower)
        start = Incumbent(plan, round(value * scale))
        seconds = min(seconds, self.left())
        if not use_lns:
            assert self.improver is not None
            self.search_info[phase] = {"beside": "restarts"}
            return beside(self.engine, phase, start, lower * scale,
                          seconds, self.options, self.budget,
                          self.improver, scale, self.progress)
        plain = makespan and not self.engine.project.features
        justify = self._justify if plain else None
        search = lns.Lns(self.engine, self.options, justify,
                         tiebreak=makespan)
        out = beside(self.engine, phase, start, lower * scale, seconds,
                     self.options, self.budget, search.improve, scale,
                     self.progress)
        stats = search.stats
        self.search_info[phase] = {
            "beside": "lns", "calls": stats.calls,
            "improvements": stats.improvements,
        }
        log.info("phase %s: LNS %d calls, %d improvements", phase,
                 stats.calls, stats.improvements)
        return out

    def _justify(self, plan: Plan, value: int) -> tuple[Plan, int]:
        """``plan`` left-justified, with its makespan (makespan phase)."""
        moved = left_justify(self.engine.project, plan)
        return moved, min(value, moved.makespan)

    def add(self, constraint: object) -> None:
        """Keep what a phase proved: post ``constraint`` (a bounded
        linear expression) on the model before the next phase."""
        self.engine.model.add(constraint)  # type: ignore[arg-type]


def keep(first: PhaseResult, second: PhaseResult) -> PhaseResult:
    """The later phase's outcome if it found a plan, else the earlier."""
    return second if second.plan is not None else first
