"""The objectives — time, balance, cost, value, priority — in one place:
their expressions, and one phase recipe each.

A recipe (:data:`RECIPES`) says which phases a solve runs and what each
proves for the next (:meth:`~plansat.solver.phases.Phases.then`), and
how to value a plan no phase optimised:

- time: minimise the makespan; then, at that makespan, the direct cost of
  acceleration (only when some lever has a price).
- balance: the makespan; then, with the finish at most its optimum +
  ``slack``, the highest person load; then the spread of loads.
- cost: the total cost.
- value: the release value Σ value × weight of the release each feature
  ships in (maximised, so its negation is minimised); then, holding it,
  the makespan; then, holding both, the total cost.
- priority: Σ priority × finish over the tasks (task ``priority`` 0-1000,
  default 500, as in MS Project: important work first); then, holding
  it, the makespan.

Money is optimised in integer units of 1/10,000 of the currency
(:data:`COST_SCALE`): rates with up to two decimals and allocations in
percent make every term exact.  Release value is optimised in
hundredths (:data:`VALUE_SCALE`): exact when each value × weight step has
at most two decimals (always with values in cents and the default
weights, which are whole working days).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from plansat.models import Project, Result, SolveStatus
from plansat.models.delivery import release_timeline
from plansat.models.result import Objective
from plansat.schedule import costs
from plansat.schedule.windows import days_away
from plansat.solver.engine import PhaseResult
from plansat.solver.phases import Phases
from plansat.solver.search.run import Outcome
from plansat.solver.variables import LinearExpr, Variables

COST_SCALE = 10_000
LOAD_SCALE = 1_000  # loads in per mille
VALUE_SCALE = 100  # release value in hundredths


def _scaled(price: float) -> int:
    """A price in integer units of 1/:data:`COST_SCALE`."""
    return round(price * COST_SCALE)


def cost_terms(v: Variables) -> dict[str, LinearExpr]:
    """The cost components of the schedule, scaled by COST_SCALE.

    Every coefficient is a unit price from :mod:`plansat.schedule.costs`
    (the functions the numeric result uses too), times the variable that
    counts its days or units: labour per day worked, resources per day
    held (per unit for a non-renewable pool), the chosen modes' fixed
    costs, crashing per day saved, overlapping per day overlapped and
    overhead per day of the makespan.
    """
    p = v.project
    assert v.makespan is not None
    labour = []
    for (task_id, person_id), _ in v.works.items():
        task = p.task(task_id)
        per_day = _scaled(costs.labour_per_day(p, task, person_id))
        if per_day:
            labour.append(per_day * v.worked_days(task_id, person_id))
    resources, modes, crash = [], [], []
    for t in p.tasks:
        for k, mode in enumerate(t.alternatives):
            chosen = v.chosen(t.id, k)
            fixed = _scaled(costs.mode_cost(mode))
            if fixed:
                modes.append(fixed * chosen)
            for rid, units in mode.uses.items():
                res = p.resources[p.resource_index[rid]]
                per_day = _scaled(costs.resource_cost(p, rid, units, 1))
                if not per_day:
                    continue
                if not res.renewable:  # consumed once, whatever the days
                    resources.append(per_day * chosen)
                elif len(t.alternatives) > 1:
                    resources.append(per_day * mode.duration * chosen)
                else:
                    resources.append(per_day * v.duration[t.id])
        per_day = _scaled(costs.crash_cost(t, 1))
        if per_day:
            crash.append(per_day * v.crashed(t.id))
    overlap = [
        _scaled(costs.overlap_cost(v.overlap_link[key], 1)) * lead
        for key, lead in v.overlap.items()
    ]
    return {
        "labour": sum(labour),
        "resources": sum(resources),
        "modes": sum(modes),
        "crash": sum(crash),
        "overlap": sum(overlap),
        "overhead": _scaled(costs.overhead(p, 1)) * v.makespan,
    }


def total_cost(v: Variables) -> LinearExpr:
    """Total scaled cost of the schedule."""
    return sum(cost_terms(v).values())


def acceleration_cost(v: Variables) -> LinearExpr:
    """Scaled direct cost of speed: crashing, overlapping and the fixed
    costs of the chosen modes (time's tie-break, the trade-off's curve)."""
    terms = cost_terms(v)
    return terms["crash"] + terms["overlap"] + terms["modes"]


def has_acceleration(v: Variables) -> bool:
    """Whether :func:`acceleration_cost` has anything to minimise: a task
    that may be crashed at a price, a task whose modes cost differently,
    or a link that may be overlapped at a price.  (Free levers leave it
    constant, and ``time`` then needs no tie-break phase.)"""
    if any(link.overlap_cost_per_day for link in v.overlap_link.values()):
        return True
    for t in v.project.tasks:
        if isinstance(v.duration[t.id], int):
            continue
        if t.crash is not None and t.crash.cost_per_day:
            return True
        if len({m.cost for m in t.alternatives}) > 1:
            return True
    return False


def load_vars(
    v: Variables, horizon: int
) -> tuple[cp_model.IntVar, cp_model.IntVar]:
    """Highest and lowest person load over ``[0, horizon)``, per mille.

    A person's load is the days they work × allocation, divided by their
    available days (working days of the horizon not on vacation) ×
    availability.  People with no task they could do are left out.
    """
    m, p = v.model, v.project
    high = m.new_int_var(0, 10 * LOAD_SCALE, "load_max")
    low = m.new_int_var(0, 10 * LOAD_SCALE, "load_min")
    for person in p.people:
        tasks = v.tasks_of[person.id]
        if not tasks:
            continue
        available = (horizon - days_away(p, person, horizon)) * (
            person.availability
        )
        if available <= 0:
            continue
        busy = sum(
            p.task(t).allocation * v.worked_days(t, person.id) for t in tasks
        )
        load = m.new_int_var(0, 10 * LOAD_SCALE, f"load[{person.id}]")
        # load = floor(LOAD_SCALE * busy / available)
        m.add(load * available <= LOAD_SCALE * busy)
        m.add(LOAD_SCALE * busy < (load + 1) * available)
        m.add(high >= load)
        m.add(low <= load)
    return high, low


def release_value(v: Variables) -> LinearExpr:
    """Σ_f value_f × weight of the first release ``f`` is ready by,
    scaled by :data:`VALUE_SCALE` (0 without features).

    With weights ``w_0 >= w_1 >= ...`` in date order and ``w_R = 0``,
    ``Σ_r (w_r − w_{r+1}) · ready[f, r]`` is ``w`` of the first release
    ``f`` is ready by (``ready`` is monotone in ``r``), and 0 when it is
    ready by none.
    """
    weights = [r.weight for r in release_timeline(v.project)]
    terms = []
    for f in v.project.features:
        for r, w in enumerate(weights):
            step = w - (weights[r + 1] if r + 1 < len(weights) else 0.0)
            coef = round(VALUE_SCALE * f.value * step)
            if coef and (f.id, r) in v.ready:
                terms.append(coef * v.ready[f.id, r])
    return sum(terms)


# -- recipes -----------------------------------------------------------------


def time_recipe(ph: Phases) -> Outcome:
    """Makespan, then the direct cost of acceleration at that makespan."""
    v = ph.vars
    assert v.makespan is not None
    priced = has_acceleration(v)
    main = ph.run("makespan", v.makespan, 0.8 if priced else 1.0)
    out = Outcome(main.status, main, main)
    if main.plan is None:
        return out
    ph.hold(out, v.makespan, main)
    if priced:
        ph.then(out, "acceleration", acceleration_cost(v),
                scale=COST_SCALE)
    return out


def balance_recipe(ph: Phases) -> Outcome:
    """Makespan; highest load within optimum + slack; then the spread.

    The result is OPTIMAL only when both the makespan and the load phase
    were proven.
    """
    v = ph.vars
    assert v.makespan is not None
    first = ph.run("makespan", v.makespan, 0.4)
    if first.plan is None:
        return Outcome(first.status, first, first)
    limit = round(first.value or 0) + ph.options.slack
    ph.add(v.makespan <= limit)
    main = PhaseResult(SolveStatus.FEASIBLE, None, None, first.plan)
    out = Outcome(main.status, main, main, load_horizon=limit)
    if ph.worth():
        high, low = load_vars(v, limit)
        load = ph.then(out, "load", high, 0.6, scale=LOAD_SCALE)
        if load is not None and load.plan is not None:
            out.main = load
            ph.then(out, "spread", high - low, scale=LOAD_SCALE)
    out.status = out.main.status
    if out.status == SolveStatus.OPTIMAL and first.status != out.status:
        out.status = SolveStatus.FEASIBLE
    return out


def cost_recipe(ph: Phases) -> Outcome:
    """The total cost."""
    cost = total_cost(ph.vars)
    main = ph.run("cost", cost, scale=COST_SCALE)
    out = Outcome(main.status, main, main)
    ph.hold(out, cost, main, COST_SCALE)
    return out


def value_recipe(ph: Phases) -> Outcome:
    """The release value (maximised), then the makespan, then the total
    cost, each optimum held (``<=``) before the next phase.

    The reported value and bound are the release value's (positive);
    the tie-breaks don't change them or the status.
    """
    v = ph.vars
    assert v.makespan is not None
    loss = -release_value(v)  # CP-SAT minimises
    found = ph.run("value", loss, 0.7, scale=VALUE_SCALE)
    main = PhaseResult(found.status, _negate(found.value),
                       _negate(found.bound), found.plan)
    out = Outcome(main.status, main, main)
    if found.plan is None:
        return out
    if not isinstance(loss, int):  # some feature is worth something
        ph.hold(out, loss, found, VALUE_SCALE)
    for name, expr, share, scale in (
        ("makespan", v.makespan, 0.5, 1),
        ("cost", total_cost(v), 1.0, COST_SCALE),
    ):
        step = ph.then(out, name, expr, share, scale)
        if step is None or step.plan is None:
            break
    return out


def weighted_finish(v: Variables) -> LinearExpr:
    """Σ_t priority_t × finish_t (working-day indices); tasks of priority
    0 don't count."""
    return sum(t.priority * v.end[t.id] for t in v.project.tasks
               if t.priority)


def priority_recipe(ph: Phases) -> Outcome:
    """Σ priority × finish, then, holding it, the makespan.

    The reported value and bound are the weighted finish's; the
    makespan tie-break doesn't change them or the status.
    """
    v = ph.vars
    assert v.makespan is not None
    weighted = weighted_finish(v)
    main = ph.run("priority", weighted, 0.7)
    out = Outcome(main.status, main, main)
    if main.plan is None:
        return out
    if not isinstance(weighted, int):  # some task has a priority
        ph.hold(out, weighted, main)
    ph.then(out, "makespan", v.makespan)
    return out


def _negate(x: float | None) -> float | None:
    """``-x`` without a negative zero."""
    return None if x is None else (-x or 0.0)


# -- values of a plan no phase optimised (a heuristic's) -----------------


def _makespan(result: Result, project: Project) -> float:
    return float(result.makespan or 0)


def _highest_load(result: Result, project: Project) -> float:
    return max((load.load for load in result.loads), default=0.0)


def _total_cost(result: Result, project: Project) -> float:
    return result.cost.total


def _release_value(result: Result, project: Project) -> float:
    return sum(f.value * f.weight for f in result.features)


def _weighted_finish(result: Result, project: Project) -> float:
    return float(sum(project.task(t.id).priority * t.finish
                     for t in result.tasks))


@dataclass(frozen=True)
class Recipe:
    """An objective: its phases, and its value computed from a result
    (for a plan no phase optimised, e.g. a heuristic's).

    Attributes
    ----------
    run
        The phases (:class:`~plansat.solver.phases.Phases`) and what
        each holds for the next.
    value
        The objective's value of a result of the project.
    """

    run: Callable[[Phases], Outcome]
    value: Callable[[Result, Project], float]


#: One recipe per objective.
RECIPES: dict[Objective, Recipe] = {
    "time": Recipe(time_recipe, _makespan),
    "balance": Recipe(balance_recipe, _highest_load),
    "cost": Recipe(cost_recipe, _total_cost),
    "value": Recipe(value_recipe, _release_value),
    "priority": Recipe(priority_recipe, _weighted_finish),
}
