"""Large-neighbourhood search driven from Python, beside CP-SAT's full
search.

CP-SAT's own neighbourhoods copy and presolve the whole model, and on two
workers only one thread searches the full model.  This search keeps the
incumbent's order instead: each call relaxes a neighbourhood
(:mod:`plansat.solver.search.neighbourhoods`), fixes the mode, people and
duration of every other task, and holds those tasks in each person's and
resource's incumbent order by precedence arcs (or at their days, with
``pin``), so the copy CP-SAT solves on one worker has free Booleans only
for the relaxed tasks and presolve removes the rest.  Presolve still
reads the whole copy (0.3 s at 1,000 tasks, 1.8 s at 5,000), which is
why the strategy ``+lns`` is not in ``default`` (benchmarks/README.md,
"Search power").  An improvement (or an equal
plan, to cross plateaus) becomes the incumbent; the neighbourhood size
and the seconds per call adapt to how the calls end, and the kinds of
neighbourhood are drawn by their recent success.

:meth:`Lns.improve` is a :data:`~plansat.solver.search.concurrent.Work`:
it runs on one thread beside CP-SAT's full search
(:func:`~plansat.solver.search.concurrent.beside`), which returns the
best plan of
both, never worse than the one it started from.
"""

from __future__ import annotations

import logging
import math
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from plansat.options import Budget, SolveOptions
from plansat.schedule.plan import Plan
from plansat.solver.engine import Engine, set_hint
from plansat.solver.search.concurrent import Incumbent
from plansat.solver.search.neighbourhoods import (
    KINDS,
    Chooser,
    capacities,
    order_arcs,
    uses,
)

log = logging.getLogger(__name__)

#: Seconds per call: first, least, most.
CALL_SECONDS = (0.3, 0.1, 3.0)

#: Share of the tasks the first neighbourhood relaxes, and its bounds.
FIRST_SHARE, MIN_SIZE, MAX_SIZE = 0.1, 4, 400

_BIG = 1 << 60


@dataclass
class Stats:
    """What the search did: calls, improvements and calls per kind."""

    calls: int = 0
    improvements: int = 0
    kinds: dict[str, int] = field(default_factory=dict)


class Lns:
    """The large-neighbourhood search on one engine's model.

    Parameters
    ----------
    engine
        The compiled model, its objective set (:meth:`Engine.run` or
        ``engine.model.minimize``).
    options
        Seed (the random draws) and the CP-SAT parameters of each call.
    justify
        Applied to each improved plan with its value (e.g. left-justify
        for the makespan); returns the plan and its value.
    tiebreak
        Within a call, among plans of the best value prefer the relaxed
        tasks early (the weighted sum of their ends): room that later
        calls use.
    pin
        The tasks outside the neighbourhood keep their days as well
        (instead of their order only): far smaller calls, which gain
        only through ``justify`` moving the rest up afterwards.
    """

    def __init__(
        self,
        engine: Engine,
        options: SolveOptions,
        justify: Callable[[Plan, int], tuple[Plan, int]] | None = None,
        tiebreak: bool = False,
        pin: bool = False,
    ) -> None:
        self.engine, self.options, self.justify = engine, options, justify
        self.tiebreak, self.pin = tiebreak, pin
        self.template = engine.model.clone()
        self.rng = random.Random(options.seed)
        self.chooser = Chooser(engine.project, self.rng)
        self.capacity = capacities(engine.project)
        self.decisions = _decisions(engine)
        n = len(engine.project.tasks)
        self.size = float(min(n, max(MIN_SIZE, min(MAX_SIZE,
                                                   FIRST_SHARE * n))))
        self.seconds = CALL_SECONDS[0]
        self.weights = dict.fromkeys(KINDS, 1.0)
        self.stats = Stats()

    def improve(
        self,
        best: Incumbent,
        budget: Budget,
        lower: float = -math.inf,
        stop: threading.Event | None = None,
        report: Callable[[int], None] | None = None,
    ) -> Incumbent:
        """Improve ``best`` until ``budget`` runs out, its value
        reaches ``lower`` or ``stop`` is set; the best plan found (never
        worse than ``best``)."""
        owners = uses(self.engine.project, best.plan)
        values = self.engine.hint_values(best.plan)
        while (not budget.expired and best.value > lower
               and not (stop is not None and stop.is_set())):
            kind = self.rng.choices(KINDS, [self.weights[k] for k in KINDS])[0]
            relaxed = self.chooser.draw(kind, best.plan, round(self.size),
                                        owners)
            seconds = min(self.seconds, budget.remaining())
            if seconds <= 0.01:
                break
            found = self._call(best, values, owners, relaxed, seconds)
            self.stats.calls += 1
            self.stats.kinds[kind] = self.stats.kinds.get(kind, 0) + 1
            self.weights[kind] *= 0.95
            if found is None or found.value > best.value:
                continue
            if self.justify is not None:
                found.plan, found.value = self.justify(found.plan,
                                                       found.value)
            better = found.value < best.value
            best = found
            owners = uses(self.engine.project, best.plan)
            values = self.engine.hint_values(best.plan)
            if better:
                self.stats.improvements += 1
                self.weights[kind] += 1.0
                if report is not None:
                    report(best.value)
        return best

    def _call(self, best: Incumbent, values: dict[int, int],
              owners: dict, relaxed: set[str],
              seconds: float) -> Incumbent | None:
        """Solve the neighbourhood ``relaxed`` of ``best``; adapt the size
        and the seconds per call to how it ended."""
        model = self.template.clone()
        proto = model.proto
        for task_id, indices in self.decisions.items():
            if task_id in relaxed:
                continue
            for index in indices:
                value = values.get(index)
                if value is not None:
                    domain = proto.variables[index].domain
                    domain.clear()
                    domain.extend([value, value])
        v = self.engine.vars
        if self.pin:  # the tasks outside keep their days too
            for task_id in self.decisions:
                if task_id not in relaxed:
                    for var in (v.start[task_id], v.end[task_id]):
                        value = values[var.index]
                        domain = proto.variables[var.index].domain
                        domain.clear()
                        domain.extend([value, value])
        else:
            for key, items in owners.items():
                fixed = [u for u in items if u.task not in relaxed]
                for i, j in order_arcs(fixed, self.capacity[key]):
                    _at_least(proto, v.start[j].index, v.end[i].index, 0)
        objective = proto.objective
        terms = list(zip(objective.vars, objective.coeffs, strict=True))
        offset = objective.offset
        arc = proto.constraints.add()  # no worse than the incumbent
        arc.linear.vars.extend(objective.vars)
        arc.linear.coeffs.extend(objective.coeffs)
        arc.linear.domain.extend([-_BIG, math.floor(best.value - offset)])
        if self.tiebreak:  # then as early as possible: room for the next
            weight = sum(1 for _ in relaxed) * v.horizon + 1
            for k in range(len(objective.coeffs)):
                objective.coeffs[k] = objective.coeffs[k] * weight
            objective.vars.extend(v.end[t].index for t in relaxed)
            objective.coeffs.extend(1 for _ in relaxed)
        set_hint(model, values)
        solver = self.engine.solver(seconds, self.options, workers=1)
        code = solver.solve(model)
        took = solver.wall_time
        done = code in (cp_model.OPTIMAL, cp_model.INFEASIBLE)
        if done:
            self.size = min(len(self.decisions), self.size * 1.15 + 1)
            if took < 0.5 * seconds:
                self.seconds = max(CALL_SECONDS[1], self.seconds * 0.9)
        else:
            self.size = max(2.0, self.size * 0.85)
            if self.size <= MIN_SIZE:
                self.seconds = min(CALL_SECONDS[2], self.seconds * 1.2)
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        solution = solver.response_proto.solution
        value = offset + sum(c * solution[i] for i, c in terms)
        return Incumbent(self.engine.plan(solver), round(value))


def _at_least(proto: object, later: int, earlier: int, gap: int) -> None:
    """Post ``x[later] - x[earlier] >= gap`` on ``proto``."""
    c = proto.constraints.add()  # type: ignore[attr-defined]
    c.linear.vars.extend([later, earlier])
    c.linear.coeffs.extend([1, -1])
    c.linear.domain.extend([gap, _BIG])


def _decisions(engine: Engine) -> dict[str, list[int]]:
    """Per task, the indices of the variables a neighbourhood fixes when
    the task stays: its mode, people, and variable duration."""
    v = engine.vars
    out: dict[str, list[int]] = {t.id: [] for t in engine.project.tasks}
    for (task_id, _), var in v.mode.items():
        out[task_id].append(var.index)
    for (task_id, *_), var in v.slot.items():
        out[task_id].append(var.index)
    for (task_id, _), var in v.works.items():
        out[task_id].append(var.index)
    for task_id, d in v.duration.items():
        if isinstance(d, cp_model.IntVar):
            out[task_id].append(d.index)
    return out
