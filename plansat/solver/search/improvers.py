"""Phase steps that run a Python improver beside CP-SAT's full search
(:func:`~plansat.solver.search.concurrent.beside`) after a probe that did
not close the phase: the constructive schedule's randomised restarts
(makespan phase), the large-neighbourhood search (any phase) or the
neighbourhood search on sub-models (makespan phase), alone or after
the restarts.  Each ends the phase: the full search ran beside it.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from plansat.heuristics.constructive import UnplaceableError
from plansat.heuristics.improve import improved_schedule
from plansat.options import Budget
from plansat.schedule.justify import left_justify
from plansat.schedule.plan import Plan
from plansat.solver.search import lns, sub_lns
from plansat.solver.search.concurrent import Incumbent, Work, beside
from plansat.solver.search.run import Run
from plansat.solver.search.starts import usable


def _ready(run: Run) -> bool:
    """A probed phase of a project with people, with a plan to start
    from."""
    ph = run.current
    return (run.people and ph.searched and ph.out.plan is not None
            and ph.out.value is not None)


def _lower(run: Run) -> float:
    """The best proven lower bound of the phase, in reported units."""
    ph = run.current
    lower = ph.out.bound if ph.out.bound is not None else -math.inf
    if ph.makespan and run.lower is not None:
        lower = max(lower, run.lower)
    return lower


def _beside(run: Run, budget: Budget, work: Work) -> None:
    """Run ``work`` beside CP-SAT's full search; the phase is done."""
    ph = run.current
    assert ph.out.plan is not None and ph.out.value is not None
    start = Incumbent(ph.out.plan, round(ph.out.value * ph.scale))
    seconds = min(budget.remaining(), run.left())
    ph.out = beside(run.built, ph.name, start, _lower(run) * ph.scale,
                    seconds, run.options, run.budget, work, ph.scale,
                    run.progress)
    ph.done = True


def _note(run: Run, phase: str, info: dict[str, object]) -> None:
    """Record what ran beside the full search in ``phase`` (the result's
    ``solver["lns"]``)."""
    notes = dict(run.trace.last("lns") or {})  # type: ignore[call-overload]
    notes[phase] = info
    run.record("improver", "note", "lns", notes)


@dataclass(frozen=True)
class Restarts:
    """The improved constructive schedule's randomised restarts on one
    thread beside CP-SAT's full search, in the makespan phase of a
    project with people."""

    name: str = "restarts"
    stage: Literal["phase"] = "phase"

    def applies(self, run: Run) -> bool:
        """The probed makespan phase of a project with people."""
        return run.current.makespan and _ready(run)

    def run(self, run: Run, budget: Budget) -> None:
        """Restart beside the full search."""
        _note(run, run.current.name, {"beside": "restarts"})
        _beside(run, budget, _restarts(run))


def _then(first: Work, second: Work, share: float) -> Work:
    """``first`` for ``share`` of the budget, then ``second`` from its
    best plan."""

    def work(best: Incumbent, budget: Budget, lower: float,
             stop: threading.Event | None,
             report: Callable[[int], None] | None) -> Incumbent:
        best = first(best, budget.sub(share), lower, stop, report)
        return second(best, budget, lower, stop, report)

    return work


def _restarts(run: Run) -> Work:
    """The restarts as an improver (:data:`Work`)."""
    project, seed, horizon = run.project, run.options.seed, run.horizon

    def work(best: Incumbent, budget: Budget, lower: float,
             stop: threading.Event | None,
             report: Callable[[int], None] | None) -> Incumbent:
        try:
            plan = improved_schedule(
                project, budget, patience=None, seed=seed + 1,
                stop=None if stop is None else stop.is_set,
                lower=math.ceil(lower) if math.isfinite(lower) else 0,
            )
        except UnplaceableError:  # split tasks only fit with pauses
            return best
        found = usable(project, plan, horizon)
        if found is None or found.makespan >= best.value:
            return best
        if report is not None:
            report(found.makespan)
        return Incumbent(found, found.makespan)

    return work


@dataclass(frozen=True)
class Neighbourhoods:
    """The large-neighbourhood search (:mod:`plansat.solver.search.lns`)
    on one thread beside CP-SAT's full search, in every probed phase of
    a project with people (``+lns``; benchmarks/README.md measures why
    it is not in ``default``)."""

    name: str = "neighbourhoods"
    stage: Literal["phase"] = "phase"

    def applies(self, run: Run) -> bool:
        """A probed phase of a project with people."""
        return _ready(run)

    def run(self, run: Run, budget: Budget) -> None:
        """Search neighbourhoods beside the full search."""
        ph = run.current
        plain = ph.makespan and not run.project.features

        def justify(plan: Plan, value: int) -> tuple[Plan, int]:
            moved = left_justify(run.project, plan)
            return moved, min(value, moved.makespan)

        search = lns.Lns(run.built, run.options,
                         justify if plain else None, tiebreak=ph.makespan)
        _beside(run, budget, search.improve)
        stats = search.stats
        _note(run, ph.name, {"beside": "lns", "calls": stats.calls,
                             "improvements": stats.improvements})


@dataclass(frozen=True)
class SubNeighbourhoods:
    """The neighbourhood search on sub-models
    (:mod:`plansat.solver.search.sub_lns`) on one thread beside CP-SAT's
    full search, in the makespan phase of a project with people, after
    the restarts for ``after_restarts`` of the phase (``+sub_lns``,
    ``+restarts_sub_lns``; benchmarks/README.md measures them).

    It applies to ``time`` and ``balance`` solves (their makespan phase
    comes first, holding nothing) of projects without splittable tasks
    or features, which sub-models don't hold.
    """

    after_restarts: float = 0.0
    name: str = "sub neighbourhoods"
    stage: Literal["phase"] = "phase"

    def applies(self, run: Run) -> bool:
        """The probed makespan phase of such a project."""
        return (run.current.makespan and _ready(run)
                and run.options.objective in ("time", "balance")
                and not run.project.features
                and not run.built.vars.split_tasks)

    def run(self, run: Run, budget: Budget) -> None:
        """Search sub-models beside the full search."""
        project = run.project
        search = sub_lns.SubLns(
            project, run.options, run.built.vars.levers, run.built.params,
            justify=lambda plan: left_justify(project, plan))
        work: Work = search.improve
        if self.after_restarts > 0:
            work = _then(_restarts(run), work, self.after_restarts)
        _beside(run, budget, work)
        stats = search.stats
        _note(run, run.current.name, {
            "beside": "sub_lns", "calls": stats.calls,
            "improvements": stats.improvements})
