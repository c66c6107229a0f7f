"""What-if impact: exact days and money for a delay, an absence, a change.

:func:`what_if` answers a scenario (:mod:`plansat.analysis.impact.changes`)
twice, side by side:

- **propagated** (:func:`propagate`, no solver): the plan's order and
  people held fixed (:func:`plansat.schedule.sampling.build_network`:
  links with the plan's overlaps, each person's and resource's task
  order, vacations exact, progress).  Every task starts as soon as that
  order allows on the changed project, and never before the plan
  started it: nobody re-plans, nobody pulls work forward.  The delay is
  the change of the finish against the same evaluation without the
  change; the cost delta prices both plans alike (longer work, more
  overhead).  When the plan can't go on as it is (a person gone, a pool
  too small for what the plan runs side by side, a need its people no
  longer meet) ``stuck`` says why, from the independent checker;
- **recovered**: the optimal re-plan of the changed project staying
  close to the plan (:func:`plansat.analysis.tracking.replan.replan`: the
  objective's optimum first, then the least change), with what changed;
- **recovery** (when the change pushes the finish past the target: the
  plan's finish, or an earlier deadline): the cheapest plan, crashing,
  fast-tracking and re-assignment allowed, that finishes by the target,
  or the proof that none does (:func:`plansat.analysis.impact.recovery.
  recovery`).

Every solve of one call draws from one :class:`~plansat.options.Budget`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from plansat.analysis.impact.changes import (
    Change,
    RemovePerson,
    apply,
    parse_all,
)
from plansat.analysis.impact.plan_diff import moves
from plansat.analysis.impact.recovery import recover, recovery
from plansat.analysis.tracking.basis import basis
from plansat.check import violations
from plansat.models import Project, ProjectError, Result, SolveStatus
from plansat.models.impact import (
    Baseline,
    Category,
    Propagated,
    Recovered,
    Recovery,
    WhatIf,
)
from plansat.models.tradeoff import NoScheduleError
from plansat.options import Budget, SolveOptions
from plansat.schedule.evaluate import build_result
from plansat.schedule.plan import Plan
from plansat.schedule.sampling import (
    PlanTask,
    build_network,
    evaluate_one,
    plan_tasks,
)

__all__ = [
    "baseline_of",
    "problem_category",
    "propagate",
    "what_if",
]

log = logging.getLogger(__name__)


def what_if(
    project: Project,
    result: Result | None = None,
    changes: Sequence[Change | str] = (),
    options: SolveOptions | None = None,
    *,
    target: date | None = None,
    budget: Budget | None = None,
    **overrides: Any,
) -> WhatIf:
    """The impact of ``changes`` on the plan ``result`` of ``project``.

    Parameters
    ----------
    project
        The project (never changed).
    result
        Its plan; solved first (within the same budget) when ``None``.
    changes
        :class:`~plansat.analysis.impact.changes.Change` objects or strings
        such as ``"--delay T004:5"``.
    options
        How to solve (objective, time limit for the whole call, ...);
        keyword ``overrides`` apply on top.
    target
        The date a recovery should restore (default: the plan's finish,
        or the changed project's deadline when earlier).
    budget
        The time budget to draw from (default: ``options.time_limit``).

    Returns
    -------
    WhatIf
        Baseline, propagated and recovered answers, the recovery.

    Raises
    ------
    ChangeError
        When a change doesn't apply (unknown task, person or resource, a
        date outside the project, a negative delay, ...).
    ProjectError
        When ``result`` is not a schedule of ``project``.
    NoScheduleError
        When ``result`` is ``None`` and the project has no schedule.
    """
    options = SolveOptions.of(options, **overrides)
    budget = budget or options.budget()
    parsed = parse_all(changes)
    if not parsed:
        raise ValueError("a what-if needs at least one change")
    changed = apply(project, parsed)
    if result is None or project.status_date is not None:
        found = basis(project, result, options, budget.sub(1 / 3))
        result, notes = found.plan, [found.note] if found.note else []
        if not result.status.has_solution:
            raise NoScheduleError(result)
    else:
        notes = []
    base = baseline_of(project, result)
    prop = propagate(project, result, parsed, changed)
    goal = _target(changed, base, target)
    allowed = changed.work_calendar.finish_bound(goal)
    slipped = bool(prop.stuck or prop.missed) or (
        prop.makespan is not None and prop.makespan > allowed)
    gone = [c for c in parsed if isinstance(c, RemovePerson)]
    rec, plan = recover(changed, result, options,
                        budget.sub(0.5 if slipped else 1.0), gone)
    rec, plan = _at_least_held(changed, prop, rec, plan)
    answer = _restore(changed, result, plan, rec, goal, options, budget,
                      bool(gone)) if slipped else None
    saves = None
    if prop.delay is not None and rec.delay is not None:
        saves = prop.delay - rec.delay
    return WhatIf(
        changes=[c.describe(project) for c in parsed],
        baseline=base, propagated=prop, recovered=rec,
        replanning_saves=saves, recovery=answer,
        runtime=round(budget.elapsed(), 3), notes=notes, plan=plan,
    )


def _at_least_held(
    changed: Project, prop: Propagated, rec: Recovered, plan: Result
) -> tuple[Recovered, Result]:
    """The held plan instead of a re-plan that, in its time, found only a
    later finish (or none): the held plan is a schedule of the changed
    project too, so the optimum is never later than it."""
    held = prop.plan
    if (held is None or held.makespan is None or prop.stuck or prop.missed
            or rec.objective != "time"
            or rec.status in (SolveStatus.INFEASIBLE, SolveStatus.OPTIMAL)
            or (rec.makespan is not None and rec.makespan <= held.makespan)
            or violations(changed, held)):
        return rec, plan
    bound = rec.bound
    gap = None if bound is None else round(
        max(held.makespan - bound, 0) / held.makespan, 6)
    out = Recovered(
        status=SolveStatus.FEASIBLE, objective="time",
        makespan=held.makespan, finish_date=held.finish_date,
        delay=prop.delay, cost=prop.cost, cost_delta=prop.cost_delta,
        bound=bound, gap=gap, moved=list(prop.moved),
        note=("within the time limit the re-plan found nothing better "
              "than holding the plan: this is the held plan"))
    return out, held.model_copy(update={
        "status": SolveStatus.FEASIBLE, "bound": bound, "gap": gap,
        "objective_value": float(held.makespan)})


def _restore(
    changed: Project, result: Result, plan: Result, rec: Recovered,
    goal: date, options: SolveOptions, budget: Budget, removal: bool,
) -> Recovery:
    """The recovery back to ``goal`` (nothing restores it when the
    re-plan shows a removed person can't be done without)."""
    if removal and rec.status == SolveStatus.INFEASIBLE:
        return Recovery(target=goal, met=False, status=rec.status,
                        proven=rec.objective == "time",
                        message=f"{goal} can't be restored: "
                                f"{rec.explanation}")
    return recovery(changed, result, plan, goal, options, budget)


def baseline_of(project: Project, result: Result) -> Baseline:
    """Makespan, finish date and cost of a plan.

    Raises
    ------
    ProjectError
        When ``result`` has no schedule.
    """
    if not result.status.has_solution or result.makespan is None:
        raise ProjectError([
            f"result: no schedule to measure against (status "
            f"{result.status.value})"
        ])
    finish = result.finish_date or project.work_calendar.date_of(
        max(result.makespan - 1, 0))
    return Baseline(makespan=result.makespan, finish_date=finish,
                    cost=round(result.cost.total, 6))


def _target(changed: Project, base: Baseline, target: date | None) -> date:
    if target is not None:
        return target
    if changed.deadline is not None and changed.deadline < base.finish_date:
        return changed.deadline
    return base.finish_date


# -- propagated --------------------------------------------------------------


def propagate(
    project: Project,
    result: Result,
    changes: Sequence[Change],
    changed: Project | None = None,
) -> Propagated:
    """The changes pushed through the plan, its order and people held
    fixed (see the module docs); no solver runs.

    Parameters
    ----------
    project, result
        The project and its plan.
    changes
        The changes; ``changed`` is ``apply(project, changes)`` when
        already computed.
    """
    changed = changed or apply(project, changes)
    gone = [c for c in changes if isinstance(c, RemovePerson)]
    # the network of a removal keeps the person working: the checker
    # then names what they can't do any more
    ordered = apply(project, [c for c in changes if c not in gone]) if (
        gone) else changed
    tasks = plan_tasks(project, result)
    shift = {t.id: changed.task(t.id).duration - t.duration
             for t in project.tasks}
    before = [p.duration for p in tasks]
    after = [max(0, p.duration + shift[p.id]) for p in tasks]
    try:
        s0, f0 = _evaluate(project, result, tasks, before)
        s1, f1 = _evaluate(ordered, result, tasks, after)
    except ValueError as exc:
        return Propagated(stuck=[f"the plan's order can't hold: {exc}"])
    old = _as_result(project, result, tasks, s0, f0)
    new = _as_result(changed, result, tasks, s1, f1)
    stuck, missed = [], []
    known = set(violations(project, old))
    for line in violations(changed, new):
        category = problem_category(line) if line not in known else None
        if category == "schedule" and "deadline" in line:
            missed.append(line)
        elif category in ("people", "skills", "resources"):
            stuck.append(line)
    assert old.makespan is not None and new.makespan is not None
    delay = new.makespan - old.makespan
    cost_delta = round(new.cost.total - old.cost.total, 6)
    out = Propagated(moved=moves(old.tasks, new.tasks), stuck=stuck,
                     missed=missed)
    if not stuck:
        out.plan = new
        out.makespan, out.finish_date = new.makespan, new.finish_date
        out.delay, out.cost_delta = delay, cost_delta
        out.cost = round(result.cost.total + cost_delta, 6)
    return out


def _evaluate(
    project: Project, result: Result, tasks: list[PlanTask],
    durations: list[int],
) -> tuple[list[int], list[int]]:
    """Starts and finishes by the plan's order on ``project``, no task
    before the plan starts it."""
    net = build_network(project, result, tasks=tasks)
    rows = {r.id: r for r in result.tasks}
    release = [
        r if p.state == "done" else max(r, rows[p.id].start)
        for r, p in zip(net.release, tasks, strict=True)
    ]
    return evaluate_one(replace(net, release=release), durations)


def _as_result(
    project: Project, result: Result, tasks: list[PlanTask],
    starts: list[int], finishes: list[int],
) -> Result:
    """The evaluated plan as a result of ``project`` (priced by
    :func:`plansat.schedule.evaluate.build_result`)."""
    rows = {r.id: r for r in result.tasks}
    plan = Plan()
    for k, p in enumerate(tasks):
        plan.start[p.id], plan.duration[p.id] = (
            starts[k], finishes[k] - starts[k])
        plan.people[p.id] = [list(p.people)] if finishes[k] > starts[k] \
            else []
        mode = rows[p.id].mode
        if mode is not None:
            plan.mode[p.id] = mode
    return build_result(project, plan, result.status, result.objective,
                        None, None, 0.0)


#: Words of the independent checker's messages, by blocker category.
_WORDS: tuple[tuple[str, Category], ...] = (
    ("over-allocated", "people"), ("is unavailable on", "people"),
    ("availability", "people"), ("qualifies for none", "skills"),
    ("need slots", "skills"), ("needs ", "skills"),
    ("unknown person", "skills"), ("pinned person", "skills"),
    ("over capacity", "resources"), ("resource", "resources"),
    ("deadline", "schedule"), ("link after", "schedule"),
    ("overlaps ", "schedule"), ("earliest_start", "schedule"),
)


def problem_category(message: str) -> Category | None:
    """The blocker category of a checker message (``None`` for
    bookkeeping: reported costs, loads, dates and durations that don't
    add up)."""
    if message.startswith(("cost.", "loads:", "makespan", "finish_date")):
        return None
    if "result.overlaps" in message:
        return None
    for word, category in _WORDS:
        if word in message:
            return category
    return None
