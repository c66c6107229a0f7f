"""Neighbourhood search on sub-models: each call compiles only what it
relaxes.

Each call draws a neighbourhood of the incumbent
(:data:`SUB_KINDS`: a time window, one person's or resource's run of
tasks, linked tasks, the tasks that finish last, the tasks without float
and those beside them), compiles those
tasks alone with the others as windows and booked loads
(:class:`~plansat.solver.search.submodel.SubModel`) and lets CP-SAT pull
them as early as it can on one worker.  The room this leaves becomes a
shorter makespan when the whole plan is left-justified
(``justify``), which runs when a call moved its tasks earlier, within a
share of the search's time (it walks the whole plan).  Each kind's size
and seconds per call adapt to how its calls end, and the kinds of
neighbourhood are drawn by their recent success, as in
:mod:`plansat.solver.search.lns`, whose copies of the whole model this
search avoids.
"""

from __future__ import annotations

import math
import random
import threading
from collections.abc import Callable, Mapping

from ortools.sat.python import cp_model

from plansat.models import Project
from plansat.options import Budget, SolveOptions
from plansat.schedule.floats import schedule_float
from plansat.schedule.plan import Plan
from plansat.solver.search.concurrent import Incumbent
from plansat.solver.search.lns import Stats
from plansat.solver.search.neighbourhoods import KINDS, Chooser, Use, uses
from plansat.solver.search.submodel import SubModel
from plansat.solver.variables import Levers

#: Seconds per call: first, least, most.
CALL_SECONDS = (0.2, 0.05, 2.0)

#: Tasks the first neighbourhood relaxes, and the bounds of the size.
FIRST_SIZE, MIN_SIZE, MAX_SIZE = 20.0, 4.0, 300.0

#: The kinds of neighbourhood: those of
#: :data:`~plansat.solver.search.neighbourhoods.KINDS`, ``tail``, the
#: tasks that finish last (the only ones that can end sooner without
#: moving others), and ``critical``, tasks without float and those
#: beside them.
SUB_KINDS = (*KINDS, "tail", "critical")

#: Most of the search's time spent left-justifying the whole plan.
JUSTIFY_SHARE = 0.3


class SubLns:
    """The neighbourhood search on sub-models of one project.

    Parameters
    ----------
    project
        The project (no splittable task, no features: the sub-models
        hold neither).
    options
        Seed and CP-SAT's per-call parameters.
    levers
        Crashing and overlapping, as in the whole model.
    params
        The whole model's CP-SAT parameters (its workarounds).
    justify
        Applied to a plan whose relaxed tasks moved earlier (e.g.
        left-justify it): a plan no longer than the one given.
    """

    def __init__(
        self,
        project: Project,
        options: SolveOptions,
        levers: Levers | None = None,
        params: Mapping[str, object] | None = None,
        justify: Callable[[Plan], Plan] | None = None,
    ) -> None:
        self.project, self.options = project, options
        self.levers = levers or Levers()
        self.params = dict(params or {})
        self.justify = justify
        self.rng = random.Random(options.seed)
        self.chooser = Chooser(project, self.rng)
        self.successors = project.successors()
        self.kinds = SUB_KINDS
        first = min(float(len(project.tasks)), FIRST_SIZE)
        self.size = dict.fromkeys(self.kinds, first)
        self.seconds = dict.fromkeys(self.kinds, CALL_SECONDS[0])
        self.weights = dict.fromkeys(self.kinds, 1.0)
        self.stats = Stats()
        self.justify_seconds = 0.0
        self._took = 0.0
        self._floats: tuple[int | None, list[str]] = (None, [])

    def improve(
        self,
        best: Incumbent,
        budget: Budget,
        lower: float = -math.inf,
        stop: threading.Event | None = None,
        report: Callable[[int], None] | None = None,
    ) -> Incumbent:
        """Improve ``best`` (its value the plan's makespan) until
        ``budget`` runs out, the makespan reaches ``lower`` or ``stop``
        is set; the best plan found (never worse than ``best``)."""
        owners = uses(self.project, best.plan)
        began = budget.elapsed()
        while (not budget.expired and best.value > lower
               and not (stop is not None and stop.is_set())):
            kind = self.rng.choices(
                self.kinds, [self.weights[k] for k in self.kinds])[0]
            seconds = min(self.seconds[kind], budget.remaining())
            if seconds <= 0.01:
                break
            relaxed = self._draw(kind, best.plan, owners)
            kept = {key: [u for u in items if u.task not in relaxed]
                    for key, items in owners.items()}
            found, done = self._call(best.plan, kept, relaxed, seconds)
            self.stats.calls += 1
            self.stats.kinds[kind] = self.stats.kinds.get(kind, 0) + 1
            self.weights[kind] *= 0.95
            if found is None:
                self._adapt(kind, done, seconds)
                continue
            earlier = sum(found.finish(t) for t in relaxed) < sum(
                best.plan.finish(t) for t in relaxed)
            if earlier and self.justify is not None and (
                    self.justify_seconds
                    <= JUSTIFY_SHARE * (budget.elapsed() - began)):
                tick = budget.elapsed()
                found = self.justify(found)
                self.justify_seconds += budget.elapsed() - tick
                owners = uses(self.project, found)
            else:  # the kept tasks where they were, the relaxed moved
                owners = kept
                for key, items in uses(self.project, found,
                                       relaxed).items():
                    owners.setdefault(key, []).extend(items)
            value = found.makespan
            better = value < best.value
            best = Incumbent(found, min(value, best.value))
            self.weights[kind] += 0.1 * earlier + better
            self._adapt(kind, done or better, seconds)
            if better:
                self.stats.improvements += 1
                if report is not None:
                    report(best.value)
        return best

    def _draw(self, kind: str, plan: Plan,
              owners: dict[str, list[Use]]) -> set[str]:
        """A neighbourhood of ``kind`` (:data:`SUB_KINDS`)."""
        size = round(self.size[kind])
        if kind == "tail":  # the tasks that finish last
            ids = sorted(plan.start, key=lambda t: (plan.finish(t), t))
            size = self.rng.randint(max(1, size // 2), size)
            return set(ids[-size:])
        if kind == "critical":
            chain = self._critical(plan)
            if chain:
                return self.chooser.with_beside(plan, chain, size)
        return self.chooser.draw(kind, plan, size, owners)

    def _critical(self, plan: Plan) -> list[str]:
        """The tasks of ``plan`` without float, in start order (kept
        until the makespan changes: a walk over the whole plan)."""
        if self._floats[0] != plan.makespan:
            floats = schedule_float(self.project, plan)
            chain = sorted((t for t, f in floats.items() if f <= 0),
                           key=lambda t: (plan.start[t], t))
            self._floats = (plan.makespan, chain)
        return self._floats[1]

    def _call(self, plan: Plan, kept: dict[str, list[Use]],
              relaxed: set[str],
              seconds: float) -> tuple[Plan | None, bool]:
        """Solve the neighbourhood ``relaxed`` of ``plan`` (``kept``: the
        other tasks' loads): the whole plan with its answer (``None``:
        none in time) and whether the call ended (proven) before its
        time."""
        sub = SubModel(self.project, plan, relaxed, kept, self.successors,
                       plan.makespan, self.levers, self.params)
        code, found = sub.solve(seconds, self.options)
        self._took = sub.wall_time
        return found, code in (cp_model.OPTIMAL, cp_model.INFEASIBLE)

    def _adapt(self, kind: str, grow: bool, seconds: float) -> None:
        """Each kind's size and seconds per call: larger after a call
        that ended in time or gained, smaller after one that didn't (and
        longer calls once the size is at its least)."""
        size = self.size[kind]
        if grow:
            self.size[kind] = min(MAX_SIZE, len(self.project.tasks),
                                  size * 1.1 + 1)
            if self._took < 0.5 * seconds:
                self.seconds[kind] = max(CALL_SECONDS[1],
                                         self.seconds[kind] * 0.9)
        else:
            self.size[kind] = max(MIN_SIZE, size * 0.9)
            if self.size[kind] <= MIN_SIZE:
                self.seconds[kind] = min(CALL_SECONDS[2],
                                         self.seconds[kind] * 1.2)

