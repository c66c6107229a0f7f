"""The blocker categories of :func:`plansat.analysis.impact.blockers.blockers`,
one function each; every figure comes from a propagation, the checker or
a solve (see that module)."""

from __future__ import annotations

import logging
import re
from typing import Any

from plansat.analysis.impact.bottlenecks import (
    WEEK,
    Shares,
    SinglePoint,
    extra_person,
    needed_skills,
    solve_time,
)
from plansat.analysis.impact.changes import AddPerson, apply
from plansat.analysis.impact.plan_diff import plan_changes
from plansat.analysis.impact.recovery import recover
from plansat.analysis.impact.what_if import problem_category, propagate
from plansat.check import violations
from plansat.format import money
from plansat.models import Project, Result, SolveStatus
from plansat.models.impact import (
    Blocker,
    Resolution,
    Severity,
    SkillGain,
    Thresholds,
)
from plansat.options import SolveOptions
from plansat.schedule.windows import due_bound

__all__ = [
    "deadlines",
    "infeasible",
    "late_work",
    "plan_problems",
    "single_point_blocker",
    "skill_blockers",
]

log = logging.getLogger(__name__)


def _mentioned(ids: Any, text: str) -> list[str]:
    """The ids that occur in ``text`` as whole words."""
    return [i for i in ids
            if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)]


def _signed(days: int | None) -> str:
    return "–" if days is None else f"{days:+d}"


# -- infeasible ------------------------------------------------------------


def infeasible(
    project: Project, plan: Result, options: SolveOptions, shares: Shares
) -> list[Blocker]:
    """The project has no schedule: why, and what restores one."""
    text = " ".join([plan.explanation or "", *plan.conflicts])
    tasks = _mentioned(project.task_index, text)
    out = Blocker(
        id="infeasible", category="infeasible", severity="high",
        title=plan.explanation or f"no schedule ({plan.status.value})",
        detail=list(plan.conflicts), tasks=tasks,
        people=_mentioned(project.person_index, text),
    )
    if plan.status != SolveStatus.INFEASIBLE:
        out.detail.append("no schedule was found within the time limit; "
                          "that doesn't prove there is none")
        return [out]
    skills = [s for s in needed_skills(project) if not tasks or any(
        n.skill == s[0] for t in tasks for m in project.task(t).alternatives
        for n in m.needs)][:3]
    shares.plan(1 + len(skills))
    if project.deadline is not None:
        out.resolutions += _move_deadline(project, options, shares)
    for skill, level in skills:
        more = apply(project, [AddPerson(extra_person(project, skill,
                                                      level))])
        solved = solve_time(more, options, shares.next())
        if solved.status.has_solution:
            out.resolutions.append(Resolution(
                action=f"one more person with {skill} >= {level}",
                status=solved.status,
                detail=f"a plan exists, finishing {solved.finish_date}"))
    return [out]


def _move_deadline(
    project: Project, options: SolveOptions, shares: Shares
) -> list[Resolution]:
    """The project deadline moved by the days a plan without it needs."""
    assert project.deadline is not None
    free = project.model_copy(update={"deadline": None})
    solved = solve_time(free, options, shares.next())
    if not solved.status.has_solution or solved.makespan is None:
        return []
    late = solved.makespan - project.work_calendar.finish_bound(
        project.deadline)
    if late <= 0:
        return []
    exact = "" if solved.status == SolveStatus.OPTIMAL else "at most "
    return [Resolution(
        action=f"move the project deadline to {solved.finish_date} "
               f"({exact}{late} working day(s) later)",
        effect_days=late, status=solved.status,
        detail=f"the shortest plan without it finishes "
               f"{solved.finish_date}")]


# -- problems of a given plan ----------------------------------------------


def plan_problems(
    project: Project, plan: Result, options: SolveOptions, shares: Shares
) -> list[Blocker]:
    """What the checker finds wrong with the plan (deadlines apart), with
    the least-change re-plan that repairs it."""
    found = []
    for line in violations(project, plan):
        category = problem_category(line)
        if category is not None and "deadline" not in line:
            found.append((line, category))
    if not found:
        return []
    shares.plan(1)
    rec, _ = recover(project, plan, options, shares.next())
    fix = Resolution(
        action="re-plan with least change (plansat replan)",
        effect_days=rec.delay, effect_cost=rec.cost_delta,
        status=rec.status,
        detail=(f"repairs all {len(found)} problem(s) with "
                f"{len(rec.changes)} change(s), finishing "
                f"{rec.finish_date}") if rec.finish_date else
        rec.explanation)
    return [
        Blocker(id=f"plan-{k}", category=category, severity="high",
                title=line, tasks=_mentioned(project.task_index, line),
                people=_mentioned(project.person_index, line),
                impact_days=max(rec.delay or 0, 0),
                impact_cost=max(rec.cost_delta or 0.0, 0.0),
                resolutions=[fix])
        for k, (line, category) in enumerate(found, 1)
    ]


# -- deadlines -------------------------------------------------------------


def deadlines(
    project: Project, plan: Result, thresholds: Thresholds,
    notes: list[str], options: SolveOptions,
) -> list[Blocker]:
    """Deadlines missed or with little slack (or unlikely to be met)."""
    cal = project.work_calendar
    items: list[tuple[str, str, Any, int, int]] = []
    if project.deadline is not None and plan.makespan is not None:
        items.append(("project", "the project deadline", project.deadline,
                      cal.finish_bound(project.deadline), plan.makespan))
    for row in plan.tasks:
        task = project.task(row.id)
        if task.deadline is not None and row.state != "done":
            items.append((row.id, f"{row.id}'s deadline", task.deadline,
                          due_bound(project, task, task.deadline,
                                            row.duration), row.finish))
    if not items:
        return []
    odds = _odds(project, plan, notes, options)
    out = []
    for key, what, due, bound, finish in items:
        slack, p = bound - finish, odds.get(key)
        risky = p is not None and p < 0.95
        if slack >= thresholds.medium_days and not risky:
            continue
        chance = "" if p is None else f"; met in {p:.0%} of simulations"
        title = (f"{what} {due} is missed by {-slack} working day(s)"
                 if slack < 0 else
                 f"{what} {due} has {slack} working day(s) of slack"
                 + chance)
        severity: Severity = "low" if p is None or p >= 0.8 else (
            "medium" if p >= 0.5 else "high")
        milestone = key != "project" and project.task(key).duration == 0
        out.append(Blocker(
            id=f"deadline-{key}", category="schedule", severity=severity,
            title=title, tasks=[] if key == "project" else [key],
            milestones=[key] if milestone else [],
            impact_days=max(-slack, 0), impact_cost=0.0))
    return out


def _odds(
    project: Project, plan: Result, notes: list[str],
    options: SolveOptions,
) -> dict[str, float]:
    """Monte Carlo chance of meeting each deadline (empty without
    estimates, risks or the risk module)."""
    if not project.risks and not any(t.estimate for t in project.tasks):
        notes.append("deadline risk is slack only: no task has an "
                     "estimate and the project has no risks")
        return {}
    try:
        from plansat.analysis.risk.simulation import simulate
    except ImportError:
        notes.append("deadline risk is slack only: Monte Carlo "
                     "(plansat.analysis.risk.simulation) is not available")
        return {}
    report = simulate(project, plan, iterations=2000, seed=options.seed)
    out = {t.id: t.deadline_probability for t in report.tasks
           if t.deadline_probability is not None}
    if report.deadline_probability is not None:
        out["project"] = report.deadline_probability
    return out


# -- late work -------------------------------------------------------------


def late_work(
    project: Project, baseline: Result, plan: Result,
    options: SolveOptions, shares: Shares,
) -> list[Blocker]:
    """Tasks behind the baseline and the slip they push onto the finish
    (the re-plan's forecast), with the cheapest plan back to the
    baseline finish."""
    from plansat.analysis.tracking.replan import replan
    from plansat.analysis.tracking.status import status

    forecast = plan if plan.replan is not None else None
    report = status(project, baseline, forecast=forecast, options=options)
    late = sorted((r for r in report.tasks if (r.slip_days or 0) > 0),
                  key=lambda r: (-(r.slip_days or 0), r.id))
    slip = report.slip_days or 0
    if not late and slip <= 0:
        return []
    detail = [f"{r.id}: {r.slip_days:+d} working day(s) (forecast finish "
              f"{r.forecast_finish})" for r in late]
    held = propagate(project, baseline, [])
    if held.makespan is not None and baseline.makespan is not None:
        detail.append("if nobody re-plans (the baseline's order held): "
                      f"finish {_signed(held.makespan - baseline.makespan)}"
                      " working day(s)")
    overrun = None
    if report.evm.vac is not None:
        overrun = round(-report.evm.vac, 6)
    out = Blocker(
        id="late-work", category="progress", severity="low",
        title=(f"{len(late)} task(s) behind the baseline: the finish "
               f"slips {slip} working day(s) (forecast "
               f"{report.forecast_finish})"),
        detail=detail, tasks=[r.id for r in late],
        milestones=[m.id for m in report.milestones
                    if (m.slip_days or 0) > 0],
        impact_days=slip, impact_cost=overrun)
    if slip > 0 and baseline.finish_date is not None:
        shares.plan(1)
        due = min(filter(None, [baseline.finish_date, project.deadline]))
        back = project.model_copy(update={"deadline": due})
        fix = replan(back, baseline, options, objective="cost",
                     budget=shares.next())
        out.resolutions.append(_catch_up(fix, report.evm.eac.replan,
                                         report.forecast_makespan, due,
                                         project, baseline))
    return [out]


def _catch_up(
    fix: Result, forecast_cost: float | None, forecast_makespan: int | None,
    due: Any, project: Project, baseline: Result,
) -> Resolution:
    action = (f"catch up by {due} at least cost (crashing, fast-tracking, "
              "re-assignment)")
    if not fix.status.has_solution or fix.makespan is None:
        why = fix.explanation
        if why and (project.deadline is None or project.deadline > due):
            # the deadline of the catch-up is the baseline's finish
            why = why.replace("the project deadline", "the baseline finish")
        return Resolution(action=action, status=fix.status,
                          detail=f"impossible: {why}"
                          if why else "no plan found in time")
    changes = plan_changes(project, baseline, fix)
    return Resolution(
        action=action, status=fix.status,
        effect_days=(fix.makespan - forecast_makespan
                     if forecast_makespan is not None else None),
        effect_cost=(round(fix.cost.total - forecast_cost, 6)
                     if forecast_cost is not None else None),
        detail="; ".join(c.sentence for c in changes[:6]) or None)


# -- people and skills -----------------------------------------------------


def single_point_blocker(
    project: Project, result: Result, spot: SinglePoint
) -> Blocker:
    """A single point of failure as a blocker (impact: the worst week)."""
    cal = project.work_calendar
    _, _, delay, cost = spot.worst
    needs = ", ".join(f"{t} ({n.skill} >= {n.level})"
                      for t, n, _, _ in spot.tasks)
    detail = []
    for tid, _, days, extra in spot.tasks:
        start = result.task(tid).start
        detail.append(
            f"away {cal.date_of(start)} to {cal.date_of(start + WEEK - 1)}"
            f" ({tid}'s first week): finish {_signed(days)} working "
            f"day(s), cost {'+' if extra >= 0 else ''}{money(extra)}")
    return Blocker(
        id=f"spof-{spot.person}", category="people", severity="low",
        title=(f"{spot.person} alone can do {needs}: a week away delays "
               f"the finish by {delay} working day(s)"),
        detail=detail, tasks=[t for t, *_ in spot.tasks],
        people=[spot.person], impact_days=delay, impact_cost=cost,
        resolutions=list(spot.resolutions))


def skill_blockers(gains: list[SkillGain]) -> list[Blocker]:
    """Skills where one more person finishes earlier."""
    out = []
    for g in gains:
        if not g.days_saved or g.days_saved <= 0:
            continue
        delta = g.cost_delta or 0.0
        out.append(Blocker(
            id=f"skill-{g.skill}", category="skills", severity="low",
            title=(f"{g.skill} is a bottleneck: one more person with "
                   f"{g.skill} >= {g.level} finishes {g.days_saved} "
                   "working day(s) earlier"),
            impact_days=g.days_saved, impact_cost=round(-delta, 6),
            resolutions=[Resolution(
                action=f"add one person with {g.skill} >= {g.level} (at "
                       f"{money(g.rate)} a day)",
                effect_days=-g.days_saved, effect_cost=delta,
                status=g.status)]))
    return out
