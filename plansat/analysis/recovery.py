"""Recovering from a change: the optimal least-change re-plan and the
cheapest way back to a target date (the two solver answers of
:func:`plansat.analysis.impact.what_if`).

- :func:`recover`: the re-plan of the changed project from the plan
  (:func:`plansat.analysis.replan.replan`), compared with the plan;
- :func:`recovery`: the cheapest crashing and fast-tracking that finishes
  by a target date, from the trade-off machinery
  (:func:`plansat.analysis.tradeoff.tradeoff`), or the proof that the
  shortest plan is too late.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from plansat.analysis.changes import RemovePerson, removal_start
from plansat.analysis.history import split
from plansat.analysis.plan_diff import moves, plan_changes
from plansat.analysis.replan import replan
from plansat.analysis.tradeoff import tradeoff
from plansat.models import Project, Result, SolveStatus
from plansat.models.impact import Recovered, Recovery
from plansat.models.tradeoff import NoScheduleError
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
    recovered: Recovered,
    target: date,
    options: SolveOptions,
    budget: Budget,
) -> Recovery:
    """The cheapest crashing and fast-tracking that finishes ``changed``
    by ``target``, or the proof that none does.

    When ``recovered`` is a proven time optimum later than ``target``,
    that is the proof; otherwise the trade-off curve of the changed
    project (its remaining work, with progress) answers.
    """
    cal = changed.work_calendar
    allowed = cal.finish_bound(target)
    if (recovered.objective == "time"
            and recovered.status == SolveStatus.OPTIMAL
            and recovered.makespan is not None
            and recovered.makespan > allowed):
        short = recovered.makespan - allowed
        return Recovery(
            target=target, met=False, proven=True, short_by=short,
            makespan=recovered.makespan,
            finish_date=recovered.finish_date,
            status=SolveStatus.OPTIMAL,
            message=(f"{target} can't be met: the shortest plan, with "
                     f"every crash, overlap and re-assignment, finishes "
                     f"{recovered.finish_date}, {short} working day(s) "
                     "late"))
    rest = changed
    if changed.status_date is not None:
        rest = split(changed, result, None, "retained").rest or changed
    try:
        curve = tradeoff(rest, options, points=1, deadline=target,
                         budget=budget)
    except NoScheduleError as exc:
        why = exc.result.explanation or exc.result.status.value
        return Recovery(target=target, met=False,
                        status=exc.result.status,
                        proven=exc.result.status == SolveStatus.INFEASIBLE,
                        message=f"no schedule at all: {why}")
    answer = curve.deadline
    assert answer is not None
    shortest = next(lv for lv in curve.levers if lv.name == "both")
    if not answer.met or answer.point is None:
        return Recovery(
            target=target, met=False, short_by=answer.short_by,
            proven=shortest.status == SolveStatus.OPTIMAL,
            makespan=curve.shortest_duration,
            finish_date=cal.date_of(max(curve.shortest_duration - 1, 0)),
            status=shortest.status, message=answer.message)
    point = answer.point
    return Recovery(
        target=target, met=True,
        proven=point.status == SolveStatus.OPTIMAL,
        makespan=point.makespan, finish_date=point.finish_date,
        direct_cost=point.direct_cost, total_cost=point.total_cost,
        crashed=dict(point.crashed), overlaps=list(point.overlaps),
        status=point.status, message=answer.message)
