"""Run a Python improver beside CP-SAT's full search, and keep the best
of both.

CP-SAT releases Python's lock while it searches, so one thread can run an
improver written in Python (the large-neighbourhood search of
:mod:`plansat.solver.search.lns`, the heuristics' restarts) while CP-SAT's full
search, started from the same plan, runs on the other workers and proves
the bound.  :func:`beside` returns the better plan of the two and the
best bound, OPTIMAL only when they meet, and never a plan worse than the
one it started from.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from plansat.models import SolveStatus
from plansat.options import Budget, SolveOptions
from plansat.schedule.plan import Plan
from plansat.solver.engine import Engine, PhaseResult, SolveProgress


@dataclass
class Incumbent:
    """The best plan so far and its objective in model units."""

    plan: Plan
    value: int


#: An improver: from the incumbent, until its budget runs out, the value
#: reaches the lower bound or the event is set; reporting each better
#: value; returns its best (never worse than the incumbent).
Work = Callable[
    [Incumbent, Budget, float, threading.Event | None,
     Callable[[int], None] | None],
    Incumbent,
]


def beside(
    engine: Engine,
    phase: str,
    start: Incumbent,
    lower: float,
    seconds: float,
    options: SolveOptions,
    budget: Budget,
    work: Work,
    scale: float = 1.0,
    progress: Callable[[SolveProgress], None] | None = None,
) -> PhaseResult:
    """``work`` on this thread beside CP-SAT's full search on the other
    workers (with one worker: half the time each, ``work`` first).

    Parameters
    ----------
    engine
        The compiled model with the phase's objective set.
    phase, scale, progress, budget
        As :meth:`~plansat.solver.engine.Engine.search`.
    start
        The plan to start from, with its value in model units.
    lower
        A proven lower bound of the objective in model units.
    seconds
        Time for the phase.
    options
        Workers and seed.
    work
        The improver (:data:`Work`).

    Returns
    -------
    PhaseResult
        The best plan of both, its value and the best bound
        (``scale``-d back), OPTIMAL when they meet.
    """
    phase_budget = budget.sub(cap=seconds)
    engine.hint(start.plan)

    def report(value: int) -> None:
        if progress is not None:
            progress(SolveProgress(phase, budget.elapsed(), value / scale,
                              lower / scale))

    full: list[PhaseResult] = []
    stop = threading.Event()
    if options.threads >= 2:
        solver = engine.solver(seconds, options,
                               workers=options.threads - 1)

        def prove() -> None:
            full.append(engine.search(phase, seconds, options, budget,
                                      scale, progress, solver=solver))
            stop.set()

        thread = threading.Thread(target=prove, daemon=True)
        thread.start()
        best = work(start, phase_budget, lower, stop, report)
        if best.value > lower:  # the full search may still prove more
            thread.join(phase_budget.remaining())
        solver.stop_search()
        thread.join()
    else:
        best = work(start, phase_budget.sub(0.5), lower, None, report)
        engine.hint(best.plan)
        full.append(engine.search(phase, phase_budget.remaining(), options,
                                  budget, scale, progress))
    return _combine(best, full[0] if full else None, lower, scale)


def _combine(best: Incumbent, full: PhaseResult | None, lower: float,
             scale: float) -> PhaseResult:
    """The better plan of the improver and the full search, and the best
    bound; OPTIMAL when plan and bound meet."""
    out = PhaseResult(SolveStatus.FEASIBLE, best.value / scale, None,
                      best.plan)
    if full is not None:
        if full.plan is not None and full.value is not None \
                and full.value < (out.value or 0):
            out = PhaseResult(SolveStatus.FEASIBLE, full.value, None,
                              full.plan)
        out = out.with_lower(full.bound)
        if full.status == SolveStatus.OPTIMAL:
            out = out.with_lower(full.value)
    return out.with_lower(lower / scale)
