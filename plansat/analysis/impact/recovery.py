"""Recovering from a change: the optimal least-change re-plan and the
cheapest way back to a target date (the two solver answers of
:func:`plansat.analysis.impact.what_if.what_if`).

- :func:`recover`: the re-plan of the changed project from the plan
  (:func:`plansat.analysis.tracking.replan.replan`), compared with the plan;
- :func:`recovery`: the cheapest plan (crashing, fast-tracking and
  re-assignment priced as in the trade-off curve) that finishes by a
  target date, or the proof that none does.

Why not the whole trade-off curve (:func:`plansat.analysis.tradeoff.
tradeoff` with ``deadline``) for the recovery: it runs thirteen CP-SAT
phases for one date, and on a generated 300-task project within one
shared budget its phases ran out of time (``python -m
benchmarks.impact``).  One least-cost re-plan with the target as the
deadline answers the same question in two phases, stays close to the
plan, and explains an impossible target.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from plansat.analysis.impact.changes import (
    Deadline,
    RemovePerson,
    apply,
    removal_start,
)
from plansat.analysis.impact.plan_diff import moves, plan_changes
from plansat.analysis.tracking.replan import replan
from plansat.format import money
from plansat.models import Project, Result, SolveStatus
from plansat.models.impact import Recovered, Recovery
from plansat.models.tradeoff import direct_cost
from plansat.options import Budget, SolveOptions

__all__ = ["recover", "recovery"]


def recover(
    changed: Project, result: Result, options: SolveOptions,
    budget: Budget, gone: Sequence[RemovePerson] = (),
) -> tuple[Recovered, Result]:
    """The optimal least-change re-plan of ``changed`` from ``result``
    (from the status date, else from the project start) and how it
    compares with ``result``.

    A removed person (``gone``) is away from the day they leave to past
    any plan that doesn't need them: a re-plan that still gives them
    work then shows that no plan does without them (proven when the
    time optimum is), and is reported without a schedule.
    """
    day = None if changed.status_date else changed.start
    plan = replan(changed, result, options, status_date=day, budget=budget)
    if gone and not plan.status.has_solution:
        plan = _left_not_away(changed, plan, gone)
    elif gone:
        why = _still_needed(changed, plan, gone)
        if why:
            proven = (plan.status == SolveStatus.OPTIMAL
                      and plan.objective == "time")
            status = SolveStatus.INFEASIBLE if proven else (
                SolveStatus.UNKNOWN)
            plan = Result(status=status, objective=plan.objective,
                          runtime=plan.runtime, explanation=why,
                          conflicts=[why], solver=plan.solver)
    out = Recovered(status=plan.status, objective=plan.objective,
                    bound=plan.bound, gap=plan.gap,
                    explanation=plan.explanation,
                    conflicts=list(plan.conflicts))
    if plan.status.has_solution and plan.makespan is not None:
        out.makespan, out.finish_date = plan.makespan, plan.finish_date
        out.delay = plan.makespan - (result.makespan or 0)
        out.cost = round(plan.cost.total, 6)
        out.cost_delta = round(plan.cost.total - result.cost.total, 6)
        out.moved = moves(result.tasks, plan.tasks)
        out.changes = plan_changes(changed, result, plan)
    return out, plan


def _left_not_away(
    changed: Project, plan: Result, gone: Sequence[RemovePerson]
) -> Result:
    """The explanation of a plan without a schedule, saying that a
    removed person leaves rather than is away until a far date."""
    text, conflicts = plan.explanation or "", list(plan.conflicts)
    for c in gone:
        day = removal_start(changed, c.start)
        pattern = re.compile(
            rf"{re.escape(c.person)} is away {day} to \d{{4}}-\d\d-\d\d")
        said = f"{c.person} leaves on {day}"
        text = pattern.sub(said, text)
        conflicts = [pattern.sub(said, line) for line in conflicts]
    return plan.model_copy(update={"explanation": text or None,
                                   "conflicts": conflicts})


def _still_needed(
    changed: Project, plan: Result, gone: Sequence[RemovePerson]
) -> str | None:
    """Why the plan can't do without the removed people, if it can't."""
    cal = changed.work_calendar
    lines = []
    for c in gone:
        left = cal.index_on_or_after(removal_start(changed, c.start))
        tasks = [t.id for t in plan.tasks if c.person in t.people
                 and t.finish > left and t.state != "done"]
        if tasks:
            lines.append(
                f"no plan does without {c.person} from "
                f"{removal_start(changed, c.start)}: "
                f"{', '.join(tasks)} still need them")
    return "; ".join(lines) or None


def recovery(
    changed: Project,
    result: Result,
    replanned: Result,
    target: date,
    options: SolveOptions,
    budget: Budget,
) -> Recovery:
    """The cheapest plan of ``changed`` that finishes by ``target``
    (crashing, fast-tracking and re-assignment all allowed), or the proof
    that none does.

    ``replanned`` (the re-plan of :func:`recover`), when it is a proven
    time optimum later than ``target``, is that proof.  Otherwise the
    changed project with ``target`` as its deadline is re-planned for
    least total cost, staying close to ``result``
    (:func:`plansat.analysis.tracking.replan.replan`, the trade-off's model and
    cost terms, from ``replanned`` when it meets ``target``): a plan, or
    INFEASIBLE with the explanation.
    """
    allowed = changed.work_calendar.finish_bound(target)
    short = None
    if replanned.objective == "time" and replanned.makespan is not None:
        short = max(replanned.makespan - allowed, 0)
    if short and replanned.status == SolveStatus.OPTIMAL:
        return Recovery(
            target=target, met=False, proven=True, short_by=short,
            makespan=replanned.makespan,
            finish_date=replanned.finish_date,
            status=SolveStatus.OPTIMAL,
            message=(f"{target} can't be met: the shortest plan, with "
                     f"every crash, overlap and re-assignment, finishes "
                     f"{replanned.finish_date}, {short} working day(s) "
                     "late"))
    back = apply(changed, [Deadline(target)])
    day = None if changed.status_date else changed.start
    # start from the re-plan when it meets the target (a feasible hint)
    fits = replanned.status.has_solution and (
        (replanned.makespan or 0) <= allowed)
    plan = replan(back, replanned if fits else result, options,
                  status_date=day, budget=budget, objective="cost")
    if not plan.status.has_solution or plan.makespan is None:
        why = plan.explanation or f"no plan found ({plan.status.value})"
        out = Recovery(
            target=target, met=False, short_by=short or 0,
            proven=plan.status == SolveStatus.INFEASIBLE,
            status=plan.status, message=f"{target} can't be met: {why}")
        if short is None:  # how late the shortest plan is, then
            _shortest(changed, result, out, allowed, options, budget)
        return out
    spent = direct_cost(plan.cost)
    delta = round(plan.cost.total - result.cost.total, 6)
    return Recovery(
        target=target, met=True,
        proven=plan.status == SolveStatus.OPTIMAL,
        makespan=plan.makespan, finish_date=plan.finish_date,
        direct_cost=spent, total_cost=round(plan.cost.total, 6),
        cost_delta=delta,
        crashed={t.id: t.crashed for t in plan.tasks if t.crashed},
        overlaps=list(plan.overlaps),
        changes=plan_changes(changed, result, plan),
        status=plan.status,
        message=(f"{target} is met at least cost: finishing "
                 f"{plan.finish_date}, {money(plan.cost.total)} in all "
                 f"({'+' if delta >= 0 else ''}{money(delta)} against the "
                 f"plan), {money(spent)} of it on crashing and overlap"))


def _shortest(
    changed: Project, result: Result, out: Recovery, allowed: int,
    options: SolveOptions, budget: Budget,
) -> None:
    """Fill ``out`` with the shortest plan without the project deadline
    (when the changed project has none at all)."""
    free = changed.model_copy(update={"deadline": None})
    day = None if changed.status_date else changed.start
    fastest = replan(free, result, options, status_date=day, budget=budget,
                     objective="time", stability="none")
    if not fastest.status.has_solution or fastest.makespan is None:
        return
    out.short_by = max(fastest.makespan - allowed, 0)
    out.makespan, out.finish_date = fastest.makespan, fastest.finish_date
    exact = "" if fastest.status == SolveStatus.OPTIMAL else "at best "
    out.message += (f"; the shortest plan finishes {exact}"
                    f"{fastest.finish_date}, {out.short_by} working day(s) "
                    "late")
