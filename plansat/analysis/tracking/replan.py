"""Re-plan the rest of a project optimally, changing as little as possible.

:func:`replan` freezes the history at the status date
(:func:`plansat.analysis.tracking.history.split`), solves the remaining
project for the objective (time, balance or cost) to its optimum, then,
at that optimum, minimises the change from the baseline as users count it
(:func:`plansat.solver.stability.change_tiers`): first the fewest
unstarted tasks whose start or people change, then the smallest total
shift Σ |start − baseline start| (+ ``reassign_weight`` × reassigned
people, 0 by default), then the fewest baseline people taken off them.
The baseline is the hint, so with no progress and an optimal baseline
the re-plan is the baseline.  A time re-plan is never longer than the
constructive schedule of the remaining work
(:mod:`plansat.analysis.tracking.keep_best`).

The :class:`~plansat.models.Result` it returns is a normal result for the
original project, with each task's ``state``, ``actual_start``,
``baseline_start``, ``delta_start`` and ``reassigned``, the cost spent so
far in ``cost.actual`` (each started task's ``actual_cost``, else its
actual working days × rates), and :class:`~plansat.models.result.
ReplanInfo` in ``result.replan``.  The independent checker verifies it:
history where it happened, nothing unstarted before the status date,
remaining durations honoured.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from plansat.analysis.tracking.history import History, Logic, split
from plansat.analysis.tracking.keep_best import at_least, constructive, prefer
from plansat.models import Project, ProjectError, Result, TaskResult
from plansat.models.result import ReplanInfo, Stability
from plansat.options import Budget, SolveOptions
from plansat.schedule.costs import spent
from plansat.schedule.partial_order import build_network, plan_tasks
from plansat.schedule.sampling import evaluate_one
from plansat.solver.engine import SolveProgress
from plansat.solver.solve import solve
from plansat.solver.stability import fewest_changes, least_change

log = logging.getLogger(__name__)

#: Days of start shift one reassigned person counts as in the second
#: tier of the least change, by default (0: the total shift alone).
REASSIGN_WEIGHT = 0


def replan(
    project: Project,
    baseline: Result | None = None,
    options: SolveOptions | None = None,
    *,
    status_date: date | None = None,
    logic: Logic = "retained",
    stability: Stability = "both",
    reassign_weight: int = REASSIGN_WEIGHT,
    progress: Callable[[SolveProgress], None] | None = None,
    budget: Budget | None = None,
    **overrides: Any,
) -> Result:
    """Re-plan the remaining work of ``project`` from its status date.

    Parameters
    ----------
    project
        A project with a ``status_date`` (or pass ``status_date``) and
        task ``progress``.
    baseline
        The plan to stay close to (a saved :class:`~plansat.models.
        Result`); without one there is no least-change phase.
    options
        Objective, time limit, workers, seed, slack, strategy
        (:class:`~plansat.options.SolveOptions`); keyword ``overrides``
        apply on top, as in :func:`plansat.solve`.
    status_date
        Overrides the project's status date.
    logic
        ``"retained"`` (the remaining work of an out-of-sequence task waits
        for its unfinished predecessors) or ``"override"`` (the links it
        broke are dropped).
    stability
        What the least-change phase keeps close to the baseline:
        ``"none"``, ``"starts"``, ``"people"`` or ``"both"``.
    reassign_weight
        Days of start shift one reassigned person counts as in the
        second tier (>= 0; default 0: fewest tasks changed, then the
        smallest total shift, then the fewest reassignments).
    progress, budget
        As in :func:`plansat.solve`.

    Returns
    -------
    Result
        The re-plan; without a schedule, ``explanation`` says why.

    Raises
    ------
    ValueError
        Without a status date, or on a negative ``reassign_weight``.
    """
    if reassign_weight < 0:
        raise ValueError(
            f"reassign_weight must be >= 0 (got {reassign_weight})"
        )
    options = SolveOptions.of(options, **overrides)
    budget = budget or options.budget()
    h = split(project, baseline, status_date, logic)
    assert h.rest is not None
    starts, people = _reference(h, baseline)
    after = None
    if baseline is not None and stability != "none":
        after = fewest_changes(starts, people, reassign_weight, stability)
    floor = (constructive(h.rest, budget)
             if options.objective == "time" else None)
    solved = solve(h.rest, options, hint=prefer(_hint(h, baseline), floor),
                   progress=progress, budget=budget, after=after)
    kept = at_least(solved, floor)
    info = ReplanInfo(
        status_date=h.status_date, time_now=h.time_now, logic=logic,
        stability=stability, reassign_weight=reassign_weight,
        warnings=h.warnings, unpriced=h.unpriced,
    )
    if kept is not solved:
        info.warnings.append(
            f"within the time limit the solver's best re-plan took "
            f"{solved.makespan if solved.makespan is not None else 'no'} "
            f"working days; this is the constructive schedule of the "
            f"remaining work ({kept.makespan}), without the least-change "
            "phase: raise the time limit")
    return _assemble(h, baseline, kept, info, budget)


def _reference(
    h: History, baseline: Result | None
) -> tuple[dict[str, int], dict[str, list[str]]]:
    """Baseline starts and people of the unstarted tasks."""
    if baseline is None:
        return {}, {}
    rows = {r.id: r for r in baseline.tasks}
    todo = [t.id for t in h.project.tasks
            if h.state(t.id) == "not_started" and t.id in rows]
    return ({t: rows[t].start for t in todo},
            {t: list(rows[t].people) for t in todo})


def _hint(h: History, baseline: Result | None) -> Result | None:
    """The baseline carried forward onto the remaining project: the
    baseline's order of each person's and resource's tasks kept, every
    task pushed as far as the history, the days left and the vacations
    require (the plan's policy, :mod:`plansat.schedule.sampling`).

    So the hint is a schedule the remaining project accepts even when
    work ran late (the baseline's own dates would double-book people,
    and CP-SAT can spend its whole limit repairing such a hint).  When
    the baseline's order can't be kept (a lead against it closes a
    cycle), there is no hint.
    """
    if baseline is None or not baseline.status.has_solution:
        return None
    rest = h.rest
    assert rest is not None
    rows = {r.id: r for r in baseline.tasks}
    if any(t.id not in rows for t in rest.tasks):
        return None  # a task the baseline doesn't know
    try:
        tasks = plan_tasks(h.project, baseline)
        net = build_network(h.project, baseline, "plan", tasks)
        starts, _ = evaluate_one(net, [t.duration for t in tasks])
    except (ValueError, ProjectError) as exc:
        log.info("no hint from the baseline: %s", exc)
        return None
    cal = rest.work_calendar
    out = []
    for k, t in enumerate(rest.tasks):
        start, dur = starts[k], t.duration
        people, mode = [], None
        if t.id in h.running:
            people = list(t.assigned)
        elif t.id not in h.done:
            row = rows[t.id]
            dur, people, mode = row.duration, list(row.people), row.mode
        out.append(TaskResult(
            id=t.id, start=start, finish=start + dur, duration=dur,
            start_date=cal.start_date(start, start + dur),
            finish_date=cal.finish_date(start, start + dur),
            people=people, mode=mode,
        ))
    return Result(status=baseline.status, tasks=out)


def _assemble(
    h: History,
    baseline: Result | None,
    solved: Result,
    info: ReplanInfo,
    budget: Budget,
) -> Result:
    """The re-plan as a result of the original project."""
    source = solved.schedule_from
    if source is not None and "kept" not in solved.solver:
        info.warnings.append(
            "CP-SAT found no schedule within the time limit: this is the "
            f"{source} heuristic's plan, not a least-change re-plan; "
            "raise the time limit"
        )
    update: dict[str, Any] = {"replan": info,
                              "runtime": round(budget.elapsed(), 3)}
    if not solved.status.has_solution:
        return solved.model_copy(update=update)
    base = {r.id: r for r in (baseline.tasks if baseline else [])}
    rows = [_row(h, t.id, solved.task(t.id), base.get(t.id))
            for t in h.project.tasks]
    spent = _actual_cost(h, baseline, {r.id: r.people for r in rows})
    todo = [r for r in rows if r.state == "not_started"
            and r.delta_start is not None]
    info.moved = sum(1 for r in todo if r.delta_start)
    info.reassigned = sum(r.reassigned or 0 for r in todo)
    info.changed = sum(1 for r in todo if r.delta_start or r.reassigned)
    shift = sum(abs(r.delta_start or 0) for r in todo)
    info.change = {
        "starts": shift,
        "people": info.reassign_weight * info.reassigned,
    }.get(info.stability, shift + info.reassign_weight * info.reassigned)
    cost = solved.cost.model_copy(update={
        "actual": round(spent, 6),
        "total": round(solved.cost.total + spent, 6),
    })
    update |= {"tasks": rows, "cost": cost}
    if solved.objective == "cost":
        update["objective_value"] = _plus(solved.objective_value, spent)
        update["bound"] = _plus(solved.bound, spent)
    return solved.model_copy(update=update)


def _plus(value: float | None, extra: float) -> float | None:
    return None if value is None else round(value + extra, 6)


def _row(
    h: History, task_id: str, planned: TaskResult, base: TaskResult | None
) -> TaskResult:
    """A task's row in the re-plan."""
    state = h.state(task_id)
    task = h.project.task(task_id)
    name = task.name
    cal = h.project.work_calendar
    fields: dict[str, Any] = {"name": name, "state": state}
    if state == "done":
        fz = h.done[task_id]
        assert fz.finish is not None
        fields |= {
            "start": fz.start, "finish": fz.finish,
            "duration": fz.finish - fz.start,
            "start_date": cal.start_date(fz.start, fz.finish),
            "finish_date": cal.finish_date(fz.start, fz.finish),
            "people": fz.people, "actual_start": fz.start, "crashed": 0,
        }
    elif state == "in_progress":
        fields["actual_start"] = h.running[task_id].start
    if state != "not_started":  # the mode it ran in: the baseline's
        fields["mode"] = base.mode if task.modes and base else None
    if base is not None:
        began = fields.get("actual_start", planned.start)
        fields |= {"baseline_start": base.start,
                   "delta_start": began - base.start}
        if state == "not_started":
            fields["reassigned"] = len(set(base.people)
                                       - set(planned.people))
    return planned.model_copy(update=fields)


def _actual_cost(
    h: History, baseline: Result | None, people: dict[str, list[str]]
) -> float:
    """Cost spent before the status date: each started task's
    ``actual_cost``, else its actual working days × the rates of its
    people (the progress's, else the re-plan's: a task in progress whose
    people nobody reported is priced with those who carry on with it)."""
    modes = {r.id: r.mode for r in (baseline.tasks if baseline else [])}
    total = 0.0
    for task_id, fz in [*h.done.items(), *h.running.items()]:
        task = h.project.task(task_id)
        who = fz.people or people.get(task_id, [])
        mode = task.mode(modes.get(task_id)) if task.modes else None
        total += spent(h.project, task, who, mode)
    return total


def plan_from_now(
    project: Project,
    options: SolveOptions | None = None,
    baseline: Result | None = None,
    *,
    progress: Callable[[SolveProgress], None] | None = None,
    budget: Budget | None = None,
) -> tuple[Result, str]:
    """The project's plan as of now: re-planned from its status date
    (history frozen, least change from ``baseline``) when it has one,
    else solved with the tasks as early as the optimum allows (holding
    what the objective's recipe reached, a last phase minimises Σ start,
    so a task off the critical path starts early and shows its float).

    Returns
    -------
    tuple
        The result and its kind: ``"replan"`` or ``"solve"``.
    """
    if project.status_date is not None:
        return replan(project, baseline, options, progress=progress,
                      budget=budget), "replan"
    early = least_change({t.id: 0 for t in project.tasks}, {}, 0, "starts")
    return solve(project, options, progress=progress, budget=budget,
                 after=early), "solve"
