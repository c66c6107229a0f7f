"""Turn a plan (starts, durations, people) into the result contract.

Costs, loads and floats are computed here from the plan itself, the same
way for every strategy; :mod:`plansat.models.check` recomputes them
independently.
"""

from __future__ import annotations

from itertools import pairwise

from plansat.models import (
    CostBreakdown,
    Overlap,
    PersonLoad,
    Project,
    Result,
    SolveStatus,
    TaskResult,
)
from plansat.models.result import Objective
from plansat.solver.heuristic import Plan


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
    """
    cal = project.work_calendar
    makespan = plan.makespan
    floats = schedule_float(project, plan)
    tasks = []
    for t in project.tasks:
        s, d = plan.start[t.id], plan.duration[t.id]
        tasks.append(
            TaskResult(
                id=t.id,
                name=t.name,
                start=s,
                finish=s + d,
                duration=d,
                start_date=cal.start_date(s),
                finish_date=cal.finish_date(s, s + d),
                people=[p for need in plan.people[t.id] for p in need],
                crashed=t.duration - d if t.crash else 0,
                total_float=floats[t.id],
                mode=plan.mode_of(t.id),
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
    )


def _gap(value: float | None, bound: float | None) -> float | None:
    if value is None or bound is None:
        return None
    return abs(value - bound) / max(abs(value), 1e-9) if value else 0.0


def _overlaps(project: Project, plan: Plan) -> list[Overlap]:
    out = []
    for t in project.tasks:
        for dep in t.after:
            if dep.type != "FS" or dep.max_overlap == 0:
                continue
            days = plan.finish(dep.task) + dep.lag - plan.start[t.id]
            if days > 0:
                out.append(
                    Overlap(
                        predecessor=dep.task,
                        successor=t.id,
                        days=days,
                        cost=days * dep.overlap_cost_per_day,
                    )
                )
    return out


def _costs(
    project: Project, plan: Plan, overlaps: list[Overlap]
) -> CostBreakdown:
    labour = resources = modes = crash = 0.0
    for t in project.tasks:
        d = plan.duration[t.id]
        mode = t.mode(plan.mode_of(t.id))
        modes += mode.cost
        for need in plan.people[t.id]:
            for pid in need:
                labour += project.person(pid).rate * d * t.allocation / 100
        for rid, units in mode.uses.items():
            res = project.resources[project.resource_index[rid]]
            resources += res.rate * units * (d if res.renewable else 1)
        if t.crash is not None:
            crash += (t.duration - d) * t.crash.cost_per_day
    overlap = sum(o.cost for o in overlaps)
    overhead = project.overhead_per_day * plan.makespan
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


def _loads(project: Project, plan: Plan, horizon: int) -> list[PersonLoad]:
    busy = {p.id: 0.0 for p in project.people}
    for t in project.tasks:
        for need in plan.people[t.id]:
            for pid in need:
                busy[pid] += plan.duration[t.id] * t.allocation / 100
    out = []
    for person in project.people:
        away = sum(
            max(0, min(r.stop, horizon) - r.start)
            for r in project.blocked_days(person)
        )
        available = (horizon - away) * person.availability / 100
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


def schedule_float(project: Project, plan: Plan) -> dict[str, int]:
    """Days each task can slip without delaying the project's finish.

    A backward pass over the precedence links plus, for each person and
    each single-unit resource, a finish-to-start link between tasks that
    follow each other on it; the project finish is the plan's makespan and
    task deadlines bound late finishes.  Shared multi-unit resources are
    not sequenced, so float next to them may be optimistic.
    """
    succ: dict[str, list[tuple[str, str, int]]] = {
        t.id: [] for t in project.tasks
    }
    for t in project.tasks:
        for dep in t.after:
            lag = dep.lag
            if dep.type == "FS":
                lag -= max(0, plan.finish(dep.task) + lag - plan.start[t.id])
            succ[dep.task].append((t.id, dep.type, lag))
    links = {t: list(s) for t, s in succ.items()}
    for chain in _sequences(project, plan):
        for a, b in pairwise(chain):
            links[a].append((b, "FS", 0))
    order = _reverse_topological(links)
    if len(order) < len(links):  # sequencing against an SS/SF lead
        links = succ
        order = _reverse_topological(links)
    late_finish: dict[str, int] = {}
    for tid in order:
        d = plan.duration[tid]
        lf = plan.makespan
        bound = project.finish_bound(project.task(tid), d)
        if bound is not None:
            lf = min(lf, bound)
        for j, kind, lag in links[tid]:
            dj = plan.duration[j]
            ls_j = late_finish[j] - dj
            lf = min(
                lf,
                {
                    "FS": ls_j - lag,
                    "SS": ls_j - lag + d,
                    "FF": late_finish[j] - lag,
                    "SF": late_finish[j] - lag + d,
                }[kind],
            )
        late_finish[tid] = lf
    return {t: late_finish[t] - plan.finish(t) for t in plan.start}


def _sequences(project: Project, plan: Plan) -> list[list[str]]:
    """Tasks in start order per person with full-day work and per
    single-unit resource."""
    chains: dict[str, list[str]] = {}
    for t in project.tasks:
        if plan.duration[t.id] == 0:
            continue
        for need in plan.people[t.id]:
            for pid in need:
                if project.person(pid).availability < 2 * t.allocation:
                    chains.setdefault("p:" + pid, []).append(t.id)
        for rid, units in t.mode(plan.mode_of(t.id)).uses.items():
            res = project.resources[project.resource_index[rid]]
            if res.renewable and 2 * units > res.capacity:
                chains.setdefault("r:" + rid, []).append(t.id)
    return [
        sorted(ids, key=lambda i: (plan.start[i], plan.finish(i)))
        for ids in chains.values()
    ]


def _reverse_topological(
    succ: dict[str, list[tuple[str, str, int]]],
) -> list[str]:
    """Tasks so that every successor comes before its predecessors."""
    pending = {t: len(s) for t, s in succ.items()}
    preds: dict[str, list[str]] = {t: [] for t in succ}
    for t, links in succ.items():
        for j, _, _ in links:
            preds[j].append(t)
    ready = [t for t, n in pending.items() if n == 0]
    out = []
    while ready:
        t = ready.pop()
        out.append(t)
        for i in preds[t]:
            pending[i] -= 1
            if pending[i] == 0:
                ready.append(i)
    return out
