"""People and skills that hold a plan back, measured exactly.

- **Single points of failure** (:func:`single_points`): a critical task
  (no float) with a need that only the people on it can fill.  Its
  impact is the *propagated* delay of the finish if that person is away
  for a week (five working days) from the task's start
  (:func:`plansat.analysis.impact.what_if.propagate`: the plan held fixed); the
  resolutions re-plan around the absence and add a backup, each an
  optimal re-plan (:func:`plansat.analysis.impact.recovery.recover`).
- **Skill bottlenecks** (:func:`skill_gains`): for each skill the
  unfinished tasks need, one hypothetical person with that skill at the
  highest level needed (at the mean day rate of the people who have it)
  is added and the project re-solved for time: the working days the
  optimal finish moves earlier and the change of cost.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from plansat.analysis.impact.changes import AddPerson, Unavailable, apply
from plansat.analysis.impact.recovery import recover
from plansat.analysis.impact.what_if import propagate
from plansat.analysis.tracking.replan import replan
from plansat.models import Need, Project, Result, SolveStatus
from plansat.models.impact import Resolution, SkillGain
from plansat.options import Budget, Shares, SolveOptions
from plansat.schedule.floats import schedule_float
from plansat.schedule.plan import Plan

__all__ = [
    "WEEK",
    "Shares",
    "SinglePoint",
    "needed_skills",
    "single_points",
    "skill_gains",
    "solve_time",
]

log = logging.getLogger(__name__)

#: Working days of the absence a single point of failure is tested with.
WEEK = 5


def solve_time(
    project: Project, options: SolveOptions, budget: Budget,
    hint: Result | None = None,
) -> Result:
    """The time-optimal plan of ``project`` (of its remaining work, from
    its status date, when it has progress)."""
    from plansat.solver.solve import solve

    opts = SolveOptions.of(options, objective="time")
    if project.status_date is not None:
        return replan(project, hint, opts, stability="none", budget=budget)
    return solve(project, opts, hint=hint, budget=budget)


# -- skills ----------------------------------------------------------------


def needed_skills(project: Project) -> list[tuple[str, int]]:
    """Each skill the unfinished tasks need, at the highest level needed,
    in order of first use."""
    levels: dict[str, int] = {}
    for task in project.tasks:
        if task.progress is not None and task.progress.done:
            continue
        for mode in task.alternatives:
            for need in mode.needs:
                levels[need.skill] = max(levels.get(need.skill, 0),
                                         need.level)
    return list(levels.items())


def _rate(project: Project, skill: str, level: int) -> float:
    """Mean day rate of the people with ``skill`` at ``level`` or more."""
    rates = [p.rate for p in project.people if p.level(skill) >= level]
    return round(sum(rates) / len(rates), 2) if rates else 0.0


def extra_person(
    project: Project, skill: str, level: int, prefix: str = "extra"
) -> dict[str, object]:
    """A hypothetical person with ``skill`` at ``level`` (JSON)."""
    pid, k = f"{prefix}-{skill}", 2
    while pid in project.person_index:
        pid, k = f"{prefix}-{skill}-{k}", k + 1
    return {"id": pid, "name": f"one more {skill} person",
            "skills": {skill: level}, "rate": _rate(project, skill, level)}


def skill_gains(
    project: Project, reference: Result, options: SolveOptions,
    shares: Shares,
) -> list[SkillGain]:
    """What one more person buys, skill by skill, against ``reference``
    (a time-optimal plan of ``project``)."""
    out = []
    base = reference.makespan or 0
    for skill, level in needed_skills(project):
        person = extra_person(project, skill, level)
        more = apply(project, [AddPerson(person)])
        solved = solve_time(more, options, shares.next(), reference)
        gain = SkillGain(skill=skill, level=level,
                         rate=float(person["rate"]),  # type: ignore[arg-type]
                         status=solved.status)
        if solved.status.has_solution and solved.makespan is not None:
            gain.days_saved = base - solved.makespan
            gain.cost_delta = round(solved.cost.total
                                    - reference.cost.total, 6)
            exact = (solved.status == reference.status
                     == SolveStatus.OPTIMAL)
            gain.status = (SolveStatus.OPTIMAL if exact
                           else SolveStatus.FEASIBLE)
        out.append(gain)
    return out


# -- single points of failure ----------------------------------------------


@dataclass
class SinglePoint:
    """A person no one can stand in for on critical tasks.

    ``tasks`` holds ``(task, need, delay, cost delta)``: the propagated
    effect of a week's absence from each task's start.
    """

    person: str
    tasks: list[tuple[str, Need, int, float]] = field(default_factory=list)
    resolutions: list[Resolution] = field(default_factory=list)

    @property
    def worst(self) -> tuple[str, Need, int, float]:
        """The task whose week of absence delays the finish most."""
        return max(self.tasks, key=lambda t: (t[2], t[3]))


def _floats(project: Project, result: Result) -> dict[str, int]:
    """Total float per task: the result's, else recomputed."""
    if all(r.total_float is not None for r in result.tasks):
        return {r.id: r.total_float or 0 for r in result.tasks}
    plan = Plan()
    for r in result.tasks:
        plan.start[r.id], plan.duration[r.id] = r.start, r.duration
        plan.people[r.id] = [list(r.people)]
        if r.mode is not None:
            plan.mode[r.id] = r.mode
    return schedule_float(project, plan)


def single_points(project: Project, result: Result) -> list[SinglePoint]:
    """People who alone can fill a need of a critical, unfinished task,
    with the propagated delay of a week's absence from its start."""
    floats = _floats(project, result)
    cal = project.work_calendar
    now = project.time_now or 0
    found: dict[str, SinglePoint] = {}
    for row in result.tasks:
        if floats.get(row.id) != 0 or row.duration == 0 or (
            row.state == "done" or row.finish <= now
            or _finished(project, row.id)
        ):
            continue
        task = project.task(row.id)
        for need in task.mode(row.mode).needs:
            able = project.qualified(task, need)
            if len(able) > need.count:
                continue
            for person in able:
                if person.id not in row.people:
                    continue
                first = max(row.start, now)
                away = Unavailable(person.id, cal.date_of(first),
                                   cal.date_of(first + WEEK - 1))
                prop = propagate(project, result, [away])
                spot = found.setdefault(person.id, SinglePoint(person.id))
                spot.tasks.append((row.id, need, prop.delay or 0,
                                   prop.cost_delta or 0.0))
    return list(found.values())


def _finished(project: Project, task_id: str) -> bool:
    """Whether the progress says the task is done."""
    pr = project.task(task_id).progress
    return pr is not None and pr.actual_finish is not None


def resolve_single_point(
    project: Project, result: Result, spot: SinglePoint,
    options: SolveOptions, shares: Shares,
) -> None:
    """Re-plan around the worst week's absence, and add a backup: both
    optimal re-plans, their effect against the propagated delay."""
    cal = project.work_calendar
    tid, need, delay, cost = spot.worst
    first = max(result.task(tid).start, project.time_now or 0)
    away = Unavailable(spot.person, cal.date_of(first),
                       cal.date_of(first + WEEK - 1))
    backup = extra_person(project, need.skill, need.level, "backup")
    learner = _closest(project, need, spot.person)
    trained = f" (or train {learner})" if learner else ""
    options_: list[tuple[str, Sequence[object]]] = [
        (f"re-plan around {spot.person}'s absence", [away]),
        (f"a backup with {need.skill} >= {need.level}{trained}",
         [away, AddPerson(backup)]),
    ]
    for action, changes in options_:
        changed = apply(project, changes)  # type: ignore[arg-type]
        rec, _ = recover(changed, result, options, shares.next())
        res = Resolution(action=action, status=rec.status)
        if rec.delay is not None and rec.cost_delta is not None:
            res.effect_days = rec.delay - delay
            res.effect_cost = round(rec.cost_delta - cost, 6)
            res.detail = f"finishes {rec.finish_date}"
        spot.resolutions.append(res)


def _closest(project: Project, need: Need, person: str) -> str | None:
    """The person closest to ``need``'s level in its skill, besides
    ``person`` and those who already qualify."""
    near = [p for p in project.people if p.id != person
            and 0 < p.level(need.skill) < need.level]
    if not near:
        return None
    best = max(near, key=lambda p: p.level(need.skill))
    return f"{best.id}, {need.skill} {best.level(need.skill)}"
