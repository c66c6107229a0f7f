"""Least change: a phase after the objective's recipe that keeps a plan
close to a reference plan (the baseline of a re-plan).

At the optimum the recipe reached (its ``holds`` posted as constraints),
minimise

    Σ_t |start_t − ref_start_t|
        + weight × Σ_t Σ_{p ∈ ref_people(t)} (1 − works[t, p])

over the tasks given: how many days tasks move, plus how many of their
reference people are taken off them, each reassignment counting as
``weight`` days of moving.  ``mode`` keeps either term or both.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Literal

from ortools.sat.python import cp_model

from plansat.solver.phases import Phases, keep
from plansat.solver.search.run import Outcome
from plansat.solver.variables import LinearExpr, Variables

Mode = Literal["starts", "people", "both"]

#: Name of the phase (its status appears in ``result.solver``).
PHASE = "stability"


def change_terms(
    v: Variables,
    starts: Mapping[str, int],
    people: Mapping[str, Sequence[str]],
    weight: int,
    mode: Mode = "both",
) -> LinearExpr:
    """The least-change objective over the tasks in ``starts`` and
    ``people`` (integer: days, and ``weight`` per reassigned person).

    Parameters
    ----------
    v
        The variables registry.
    starts
        Reference start day per task id.
    people
        Reference people per task id.
    weight
        Days of moving one reassigned person counts as (>= 0).
    mode
        ``"starts"``, ``"people"`` or ``"both"``.
    """
    m = v.model
    terms: list[LinearExpr] = []
    if mode in ("starts", "both"):
        for task_id, ref in starts.items():
            if task_id not in v.start:
                continue
            dev = m.new_int_var(0, v.horizon + abs(ref), f"moved[{task_id}]")
            m.add(dev >= v.start[task_id] - ref)
            m.add(dev >= ref - v.start[task_id])
            terms.append(dev)
    if mode in ("people", "both") and weight:
        for task_id, ref_people in people.items():
            for pid in ref_people:
                works = v.works.get((task_id, pid))
                terms.append(weight * (1 - works) if works is not None
                             else weight)
    return sum(terms)


def least_change(
    starts: Mapping[str, int],
    people: Mapping[str, Sequence[str]],
    weight: int,
    mode: Mode = "both",
) -> Callable[[Phases, Outcome], Outcome]:
    """A phase for :func:`plansat.solver.solve.solve`'s ``after``: hold
    the recipe's optimum, then minimise :func:`change_terms`.

    The outcome keeps the recipe's status, value and bound (the objective
    is unchanged); only the plan shown moves closer to the reference.
    """

    return _holding(lambda v: change_terms(v, starts, people, weight,
                                           mode))


def change_tiers(
    v: Variables,
    starts: Mapping[str, int],
    people: Mapping[str, Sequence[str]],
    weight: int,
    mode: Mode = "both",
) -> LinearExpr:
    """The least change as users count it, as one integer objective with
    three lexicographic tiers over the tasks in ``starts`` and
    ``people``:

    1. the number of tasks whose start or people change (with ``mode``
       ``"starts"`` or ``"people"``: whose start, or whose people);
    2. then Σ |start − reference start| + ``weight`` × reassigned people
       (``weight`` 0: the total shift alone);
    3. then the reassigned people.

    Each tier's coefficient exceeds everything the tiers below it can
    add, so a solution better in an earlier tier always wins.
    """
    m = v.model
    changed: dict[str, cp_model.IntVar] = {}

    def flag(task_id: str) -> cp_model.IntVar:
        if task_id not in changed:
            changed[task_id] = m.new_bool_var(f"changed[{task_id}]")
        return changed[task_id]

    shift: list[LinearExpr] = []
    big = v.horizon + max((abs(r) for r in starts.values()), default=0)
    if mode in ("starts", "both"):
        for task_id, ref in starts.items():
            if task_id not in v.start:
                continue
            dev = m.new_int_var(0, big, f"moved[{task_id}]")
            m.add(dev >= v.start[task_id] - ref)
            m.add(dev >= ref - v.start[task_id])
            m.add(dev <= big * flag(task_id))
            shift.append(dev)
    off: list[LinearExpr] = []
    if mode in ("people", "both"):
        for task_id, ref_people in people.items():
            for pid in ref_people:
                works = v.works.get((task_id, pid))
                gone = 1 - works if works is not None else 1
                m.add(flag(task_id) >= gone)
                off.append(gone)
    reassigned = sum(off)
    most_off = len(off)
    tier2 = sum(shift) + weight * reassigned
    most2 = big * len(shift) + weight * most_off
    unit2 = most_off + 1
    unit1 = (most2 + 1) * unit2
    count: LinearExpr = sum(changed.values())
    return unit1 * count + unit2 * tier2 + reassigned


def fewest_changes(
    starts: Mapping[str, int],
    people: Mapping[str, Sequence[str]],
    weight: int,
    mode: Mode = "both",
) -> Callable[[Phases, Outcome], Outcome]:
    """A phase for :func:`plansat.solver.solve.solve`'s ``after``: hold
    the recipe's optimum, then minimise :func:`change_tiers` (the
    re-plan's least change: fewest tasks changed, then the smallest
    shift, then the fewest reassignments)."""

    return _holding(lambda v: change_tiers(v, starts, people, weight,
                                           mode))


def _holding(
    objective: Callable[[Variables], LinearExpr],
) -> Callable[[Phases, Outcome], Outcome]:
    """The further phase: with the time kept for it, hold what the
    recipe reached, minimise ``objective``; the recipe's status, value
    and bound stay, its plan moves only if the phase found one."""

    def phase(ph: Phases, outcome: Outcome) -> Outcome:
        ph.reserve = 0.0  # the time kept for this phase
        if outcome.final.plan is None or not ph.worth():
            return outcome
        for expr, value in outcome.holds:
            ph.add(expr <= value)
        found = ph.run(PHASE, objective(ph.vars))
        outcome.final = keep(outcome.final, found)
        return outcome

    return phase
