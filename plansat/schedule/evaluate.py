"""Turn a plan (starts, durations, people) into the result contract.

Costs, loads and floats are computed here from the plan itself, the same
way for every strategy; :mod:`plansat.check` recomputes them
independently.  Every price and overlap comes from
:mod:`plansat.schedule.costs`, which the CP-SAT objective shares.
"""

from __future__ import annotations

from collections.abc import Iterator

from plansat.models import (
    CostBreakdown,
    Overlap,
    Person,
    PersonLoad,
    Project,
    Result,
    SolveStatus,
    TaskResult,
)
from plansat.models.result import Objective
from plansat.schedule import costs
from plansat.schedule.floats import schedule_float
from plansat.schedule.plan import Plan
from plansat.schedule.releases import feature_ships
from plansat.schedule.segments import segments
from plansat.schedule.windows import days_away


def build_result(
    project: Project,
    plan: Plan,
    status: SolveStatus,
    objective: Objective,
    objective_value: float | None,
    bound: float | None,
    runtime: float,
    solver: dict[str, object] | None = None,
    load_horizon: int | None = None,
) -> Result:
    """A :class:`Result` for ``plan`` with dates, costs, loads, floats.

    Loads are measured up to the makespan, or up to ``load_horizon`` when
    given (``balance`` measures them over the time optimum + slack).
    With features and releases, ``features`` and each task's ``release``
    say where the features ship (:mod:`plansat.schedule.releases`).
    """
    cal = project.work_calendar
    makespan = plan.makespan
    floats = schedule_float(project, plan)
    ships, shipped = feature_ships(project, {t: plan.finish(t)
                                             for t in plan.start})
    tasks = []
    for t in project.tasks:
        s, d = plan.start[t.id], plan.duration[t.id]
        tasks.append(
            TaskResult(
                id=t.id,
                name=t.name,
                start=s,
                finish=s + d,
                duration=plan.work(t.id),
                start_date=cal.start_date(s, s + d),
                finish_date=cal.finish_date(s, s + d),
                people=[p for need in plan.people[t.id] for p in need],
                crashed=t.duration - d if t.crash else 0,
                total_float=floats[t.id],
                mode=plan.mode_of(t.id),
                release=shipped.get(t.id),
                segments=_pieces(project, plan, t.id),
            )
        )
    overlaps = _overlaps(project, plan)
    return Result(
        status=status,
        objective=objective,
        objective_value=objective_value,
        bound=bound,
        gap=_gap(objective_value, bound),
        runtime=round(runtime, 3),
        makespan=makespan,
        finish_date=cal.date_of(max(makespan - 1, 0)),
        cost=_costs(project, plan, overlaps),
        tasks=tasks,
        overlaps=overlaps,
        loads=_loads(project, plan, load_horizon or makespan),
        load_horizon=load_horizon,
        solver=dict(solver or {}),
        features=ships,
    )


def _pieces(
    project: Project, plan: Plan, task_id: str
) -> list[tuple[int, int]] | None:
    """The runs a split task works in, when it pauses (else ``None``)."""
    if task_id not in plan.worked:
        return None
    s = plan.start[task_id]
    people = [p for need in plan.people[task_id] for p in need]
    uses = project.task(task_id).mode(plan.mode_of(task_id)).uses
    return segments(project, s, s + plan.duration[task_id], people, uses,
                    project.task(task_id))


def _gap(value: float | None, bound: float | None) -> float | None:
    if value is None or bound is None:
        return None
    return abs(value - bound) / max(abs(value), 1e-9) if value else 0.0


def _overlaps(project: Project, plan: Plan) -> list[Overlap]:
    out = []
    for t in project.tasks:
        for dep in t.after:
            if dep.max_overlap == 0:
                continue
            days = costs.overlap_days(
                dep, plan.finish(dep.task), plan.start[t.id]
            )
            if days > 0:
                out.append(
                    Overlap(
                        predecessor=dep.task,
                        successor=t.id,
                        days=days,
                        cost=costs.overlap_cost(dep, days),
                    )
                )
    return out


def _costs(
    project: Project, plan: Plan, overlaps: list[Overlap]
) -> CostBreakdown:
    labour = resources = modes = crash = 0.0
    for t in project.tasks:
        d = plan.work(t.id)
        mode = t.mode(plan.mode_of(t.id))
        modes += costs.mode_cost(mode)
        for need in plan.people[t.id]:
            for pid in need:
                labour += costs.labour_cost(project, t, pid, d)
        for rid, units in mode.uses.items():
            resources += costs.resource_cost(project, rid, units, d)
        if t.crash is not None:
            crash += costs.crash_cost(t, t.duration - d)
    overlap = sum(o.cost for o in overlaps)
    overhead = costs.overhead(project, plan.makespan)
    parts = [labour, resources, modes, crash, overlap, overhead]
    return CostBreakdown(
        labour=round(labour, 6),
        resources=round(resources, 6),
        modes=round(modes, 6),
        crash=round(crash, 6),
        overlap=round(overlap, 6),
        overhead=round(overhead, 6),
        total=round(sum(parts), 6),
    )


def assignment_days(project: Project,
                    plan: Plan) -> Iterator[tuple[str, str, float]]:
    """``(task id, person id, busy days)`` for every person on every task
    of ``plan``: the days worked (a split task's worked days, not its
    span) times the task's allocation."""
    for t in project.tasks:
        for need in plan.people.get(t.id, []):
            for pid in need:
                yield t.id, pid, plan.work(t.id) * t.allocation / 100


def available_days(project: Project, person: Person, horizon: int) -> float:
    """Days ``person`` can give in ``[0, horizon)``: the working days they
    are not away (vacations, their own calendar) times their
    availability."""
    away = days_away(project, person, horizon)
    return (horizon - away) * person.availability / 100


def _loads(project: Project, plan: Plan, horizon: int) -> list[PersonLoad]:
    busy = {p.id: 0.0 for p in project.people}
    for _, pid, days in assignment_days(project, plan):
        busy[pid] += days
    out = []
    for person in project.people:
        available = available_days(project, person, horizon)
        load = busy[person.id] / available if available > 0 else 0.0
        out.append(
            PersonLoad(
                person=person.id,
                busy_days=round(busy[person.id], 6),
                available_days=round(available, 6),
                load=round(load, 6),
            )
        )
    return out
