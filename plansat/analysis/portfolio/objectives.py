"""The portfolio objectives: per-project finish variables on the merged
project's engine, one recipe per objective on the one phase runner
(:class:`~plansat.solver.phases.Phases`), and the value of any plan.

- ``weighted`` (default): Σ weight × makespan (each project's working
  days from its own start).
- ``tardiness``: Σ weight × working days late against the entries'
  deadlines (soft); then the weighted finish.
- ``makespan``: the portfolio's last finish on the grid (the merged
  project's makespan: the makespan bounds and heuristics apply); then
  the weighted finish.
- ``cost``: the merged project's cost (labour, resources, modes,
  crashing, overlap) + each project's overhead × its makespan.
- ``priority``: lexicographic: the first project in priority order as
  early as possible, holding that the next, ...; projects without a
  priority last, by their weighted finish.

Weights are optimised in hundredths (:data:`WEIGHT_SCALE`), money in
:data:`~plansat.solver.objectives.COST_SCALE` units.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from plansat.analysis.portfolio.merge import Merged
from plansat.models import SolveStatus
from plansat.models.portfolio_report import PortfolioObjective
from plansat.schedule import costs
from plansat.schedule.plan import Plan
from plansat.solver.objectives import COST_SCALE, total_cost
from plansat.solver.phases import Phases
from plansat.solver.search.run import Outcome
from plansat.solver.variables import LinearExpr

#: Weights in hundredths.
WEIGHT_SCALE = 100


def weight(merged: Merged, i: int) -> int:
    """Project ``i``'s weight in hundredths."""
    return max(1, round(merged.portfolio.projects[i].weight * WEIGHT_SCALE))


def due(merged: Merged, i: int) -> int | None:
    """The latest grid finish that meets entry ``i``'s deadline."""
    d = merged.portfolio.projects[i].deadline
    if d is None:
        return None
    return merged.project.work_calendar.finish_bound(d)


@dataclass
class Finishes:
    """Each project's finish on the grid, as CP-SAT variables, and the
    portfolio's objective expressions over them."""

    merged: Merged
    model: cp_model.CpModel
    finish: list[cp_model.IntVar]
    late: list[cp_model.IntVar | None]

    @classmethod
    def post(cls, merged: Merged, ph: Phases,
             lower: Sequence[int | None] = ()) -> Finishes:
        """Create the finishes on ``ph``'s engine (``lower``: a proven
        lower bound of each project's makespan, e.g. its stand-alone
        optimum's bound)."""
        v, m = ph.vars, ph.engine.model
        horizon = v.horizon
        finish: list[cp_model.IntVar] = []
        late: list[cp_model.IntVar | None] = []
        for i, ids in enumerate(merged.ids):
            off = merged.offsets[i]
            least = off + (lower[i] or 0 if i < len(lower) else 0)
            f = m.new_int_var(min(least, horizon), horizon, f"finish[{i}]")
            m.add_max_equality(f, [v.end[t] for t in ids])
            finish.append(f)
            bound = due(merged, i)
            if bound is None:
                late.append(None)
                continue
            lv = m.new_int_var(0, horizon, f"late[{i}]")
            m.add(lv >= f - bound)
            late.append(lv)
        return cls(merged, m, finish, late)

    def makespan(self, i: int) -> LinearExpr:
        """Project ``i``'s makespan (days from its own start)."""
        return self.finish[i] - self.merged.offsets[i]

    def weighted(self, among: Sequence[int] | None = None) -> LinearExpr:
        """Σ weight (hundredths) × makespan over ``among`` (all)."""
        idx = range(len(self.finish)) if among is None else among
        return sum(weight(self.merged, i) * self.makespan(i) for i in idx)

    def tardiness(self) -> LinearExpr:
        """Σ weight (hundredths) × working days late."""
        return sum(weight(self.merged, i) * lv
                   for i, lv in enumerate(self.late) if lv is not None)

    def cost(self, ph: Phases) -> LinearExpr:
        """The portfolio's cost in COST_SCALE units."""
        overhead = sum(
            round(costs.overhead(p, 1) * COST_SCALE) * self.makespan(i)
            for i, p in enumerate(self.merged.projects))
        return total_cost(ph.vars) + overhead


def _first(ph: Phases, name: str, expr: LinearExpr, share: float,
           scale: float) -> Outcome:
    """The main phase of a recipe in ``share`` of the time left, its
    value held for the next.  The rest is kept as the run's reserve, so
    that a full search after a probe (which may take all the time left
    beyond the reserve) leaves the later phases theirs."""
    ph.reserve = 1 - share
    main = ph.run(name, expr, 1.0, scale)
    ph.reserve = 0.0
    out = Outcome(main.status, main, main)
    ph.hold(out, expr, main, scale)
    return out


def weighted_recipe(ph: Phases, f: Finishes) -> Outcome:
    """Σ weight × makespan."""
    return _first(ph, "weighted", f.weighted(), 1.0, WEIGHT_SCALE)


def tardiness_recipe(ph: Phases, f: Finishes) -> Outcome:
    """Weighted days late, then the weighted finish."""
    out = _first(ph, "tardiness", f.tardiness(), 0.7, WEIGHT_SCALE)
    if out.main.plan is not None:
        ph.then(out, "weighted", f.weighted(), scale=WEIGHT_SCALE)
    return out


def makespan_recipe(ph: Phases, f: Finishes) -> Outcome:
    """The portfolio's last finish, then the weighted finish."""
    v = ph.vars
    assert v.makespan is not None
    out = _first(ph, "makespan", v.makespan, 0.7, 1.0)
    if out.main.plan is not None:
        ph.then(out, "weighted", f.weighted(), scale=WEIGHT_SCALE)
    return out


def cost_recipe(ph: Phases, f: Finishes) -> Outcome:
    """The portfolio's cost."""
    return _first(ph, "cost", f.cost(ph), 1.0, COST_SCALE)


def priority_recipe(ph: Phases, f: Finishes) -> Outcome:
    """Each prioritised project's finish in priority order, holding the
    earlier ones; then the others' weighted finish.  OPTIMAL only when
    every phase was proven."""
    order = f.merged.portfolio.order()
    ranked = [i for i in order if f.merged.portfolio.projects[i].priority]
    rest = [i for i in order if i not in ranked]
    steps: list[tuple[str, LinearExpr, float]] = [
        (f"priority:{f.merged.names[i]}", f.makespan(i), 1.0)
        for i in ranked]
    if rest:
        steps.append(("weighted", f.weighted(rest), WEIGHT_SCALE))
    name, expr, scale = steps[0]
    out = _first(ph, name, expr, 1 / len(steps), scale)
    proven = out.status == SolveStatus.OPTIMAL
    for k, (name, expr, scale) in enumerate(steps[1:], start=2):
        if out.final.plan is None:
            break
        ph.reserve = 1 - 1 / (len(steps) - k + 1)
        found = ph.then(out, name, expr, 1.0, scale)
        ph.reserve = 0.0
        if found is None:
            proven = False
            break
        proven = proven and found.status == SolveStatus.OPTIMAL
    if out.final.plan is not None and not proven:
        out.status = SolveStatus.FEASIBLE
    return out


#: One recipe per portfolio objective.
RECIPES: dict[PortfolioObjective,
              Callable[[Phases, Finishes], Outcome]] = {
    "weighted": weighted_recipe,
    "tardiness": tardiness_recipe,
    "makespan": makespan_recipe,
    "cost": cost_recipe,
    "priority": priority_recipe,
}


def value(merged: Merged, objective: PortfolioObjective, plan: Plan,
          total_costs: Sequence[float] = ()) -> tuple[float, ...]:
    """The objective's value of a plan of the merged project (a tuple:
    one number, or the priority vector; smaller is better).  ``cost``
    needs each project's ``total_costs`` (its result's
    ``cost.total``)."""
    grid = merged.grid_finishes(plan)
    spans = [g - off for g, off in zip(grid, merged.offsets, strict=True)]
    w = [weight(merged, i) / WEIGHT_SCALE for i in range(len(grid))]
    weighted = sum(wi * s for wi, s in zip(w, spans, strict=True))
    if objective == "weighted":
        return (weighted,)
    if objective == "tardiness":
        late = sum(w[i] * max(0, grid[i] - b) for i in range(len(grid))
                   if (b := due(merged, i)) is not None)
        return (late, weighted)
    if objective == "makespan":
        return (float(max(grid)), weighted)
    if objective == "cost":
        return (float(sum(total_costs)),)
    ranked = [i for i in merged.portfolio.order()
              if merged.portfolio.projects[i].priority]
    rest = [i for i in range(len(grid)) if i not in ranked]
    return (*(float(spans[i]) for i in ranked),
            sum(w[i] * spans[i] for i in rest))


