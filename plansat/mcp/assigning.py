"""The work behind ``assign_tasks``: add tasks, solve the skill-matched
assignment and describe it from the plan (who fills which need at which
level, each person's load, who is over- or under-used).
"""

from __future__ import annotations

import logging
from collections import defaultdict

from plansat.format import percent
from plansat.mcp.inputs import NewTask
from plansat.mcp.plans import latest_baseline, options, save_plan, solve_plan
from plansat.mcp.runtime import AppState, Reporter
from plansat.mcp.schemas import (
    AssignedPerson,
    Assignment,
    AssignResult,
    Strategy,
    Utilisation,
)
from plansat.models import Project, Result
from plansat.models.result import Objective, TaskResult
from plansat.store import ProjectRecord

__all__ = [
    "HIGH_LOAD",
    "LOW_LOAD",
    "STRATEGIES",
    "add_tasks",
    "assign",
    "match_needs",
]

log = logging.getLogger(__name__)

#: The objective behind each assignment strategy.
STRATEGIES: dict[str, Objective] = {
    "balanced": "balance", "skill_based": "time",
    "priority_first": "priority",
}

#: A load at or above this is over-utilised; below LOW_LOAD (and above
#: zero) under-utilised.
HIGH_LOAD, LOW_LOAD = 0.85, 0.5


def add_tasks(
    state: AppState, record: ProjectRecord, tasks: list[NewTask]
) -> tuple[ProjectRecord, list[str]]:
    """The project with ``tasks`` added, stored as its next revision.

    Raises
    ------
    ProjectError
        When a task id is taken or the new project breaks a rule (then
        nothing is stored).
    """
    data = record.project.model_dump(mode="json", exclude_defaults=True)
    taken = {t["id"] for t in data["tasks"]}
    added = []
    for new in tasks:
        tid = new.id or _next_id(taken)
        if tid in taken:
            raise ValueError(f"task {tid} already exists; use "
                             "update_project to change it")
        taken.add(tid)
        data["tasks"].append(new.to_task(tid))
        added.append(tid)
    project = Project.from_data(data)
    state.limits.check_counts(tasks=len(project.tasks),
                              people=len(project.people))
    return (state.store.update_project(record.id, project, record.revision),
            added)


def _next_id(taken: set[str]) -> str:
    n = len(taken) + 1
    while f"T{n:03d}" in taken:
        n += 1
    return f"T{n:03d}"


def match_needs(
    project: Project, row: TaskResult
) -> list[AssignedPerson]:
    """Who fills which need slot of a task in the plan (a maximum
    bipartite matching of people to slots); a pinned person who fills no
    slot is listed without a skill."""
    task = project.task(row.id)
    slots = [need for need in task.mode(row.mode).needs
             for _ in range(need.count)]
    owner: dict[int, str] = {}

    def place(person: str, seen: set[int]) -> bool:
        level = project.person(person).level
        for k, need in enumerate(slots):
            if k in seen or level(need.skill) < need.level:
                continue
            seen.add(k)
            if k not in owner or place(owner[k], seen):
                owner[k] = person
                return True
        return False

    for pid in row.people:
        place(pid, set())
    filled = {p: k for k, p in owner.items()}
    out = []
    for pid in row.people:
        who = project.person(pid)
        k = filled.get(pid)
        need = slots[k] if k is not None else None
        out.append(AssignedPerson(
            id=pid, name=who.name,
            skill=need.skill if need else None,
            level=who.level(need.skill) if need else None,
            required_level=need.level if need else None,
        ))
    return out


def utilisation(project: Project, result: Result) -> list[Utilisation]:
    """Each person's load in the plan (``Result.loads``) and tasks."""
    tasks: dict[str, list[str]] = defaultdict(list)
    for row in result.tasks:
        for pid in row.people:
            tasks[pid].append(row.id)
    loads = {load.person: load for load in result.loads}
    out = []
    for person in project.people:
        load = loads.get(person.id)
        out.append(Utilisation(
            person=person.id, name=person.name,
            load=round(load.load, 4) if load else 0.0,
            busy_days=load.busy_days if load else 0.0,
            available_days=load.available_days if load else 0.0,
            tasks=tasks.get(person.id, []),
        ))
    return out


def assign(
    state: AppState,
    reporter: Reporter,
    project_id: str,
    tasks: list[NewTask] | None,
    strategy: Strategy,
    time_limit: float,
) -> AssignResult:
    """Add ``tasks``, solve for ``strategy`` and store the plan."""
    store = state.store
    record = store.get_project(project_id)
    state.limits.check_size("tasks", [t.model_dump() for t in tasks or []])
    opts = options(STRATEGIES[strategy], state.limits.time_limit(time_limit),
                   state.limits.workers)
    added: list[str] = []
    if tasks:
        record, added = add_tasks(state, record, tasks)
    project = record.project
    base = (latest_baseline(store, project_id)
            if project.status_date is not None else None)
    result, kind = solve_plan(project, opts, reporter,
                              base.result if base else None)
    plan, found = save_plan(store, record, result, kind, {
        "tool": "assign_tasks", "assignment_strategy": strategy,
        "time_limit": opts.time_limit,
    })
    people = utilisation(project, result)
    out = AssignResult(
        project_id=project_id, message="", revision=record.revision,
        plan_id=plan.id if plan else None, assignment_strategy=strategy,
        objective=opts.objective, status=result.status,
        makespan=result.makespan, finish_date=result.finish_date,
        tasks_added=added,
        assignments=[_assignment(project, row) for row in result.tasks],
        utilisation=people,
        over_utilised=[u.person for u in people if u.load >= HIGH_LOAD],
        under_utilised=[u.person for u in people
                        if 0 < u.load < LOW_LOAD],
        idle=[u.person for u in people if not u.tasks],
        conflicts=list(result.conflicts), explanation=result.explanation,
        violations=found,
    )
    out.message = _message(out)
    return out


def _assignment(project: Project, row: TaskResult) -> Assignment:
    task = project.task(row.id)
    return Assignment(
        task_id=row.id, task_name=row.name or task.name,
        priority=task.priority, start_date=row.start_date,
        finish_date=row.finish_date, people=match_needs(project, row),
    )


def _message(out: AssignResult) -> str:
    added = (f"added {', '.join(out.tasks_added)} (revision "
             f"{out.revision}); " if out.tasks_added else "")
    if out.makespan is None:
        return (f"{added}{out.status}: no assignment for "
                f"{out.assignment_strategy}: {out.explanation}")
    staffed = sum(1 for a in out.assignments if a.people)
    loads = sorted(out.utilisation, key=lambda u: -u.load)
    top = [f"{u.person} {percent(u.load, 0)}" for u in loads[:3]]
    text = (f"{added}{out.status} {out.assignment_strategy} assignment: "
            f"{staffed} tasks staffed, finish {out.finish_date} "
            f"({out.makespan} working days); highest loads "
            f"{', '.join(top) or 'none'}")
    if out.over_utilised:
        text += f"; over-utilised: {', '.join(out.over_utilised)}"
    if out.idle:
        text += f"; idle: {', '.join(out.idle)}"
    return text
