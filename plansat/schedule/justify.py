"""Left-justify a plan: every task as early as the plan's own order
allows.

CP-SAT's phases optimise their objective, not the position of tasks that
don't affect it, so a task with float may come back anywhere in its
window (at its latest start, say), and its float then reads 0.  Holding
the plan's order — its links and overlaps, each person's and resource's
sequence of tasks, vacations — and moving every task to the earliest day
that order allows (the plan's policy of :mod:`plansat.schedule.sampling`)
gives the as-soon-as-possible schedule project managers expect: no task
moves later, the makespan can't grow, people and resources stay within
their limits (the order is the plan's, so tasks that overlap now
overlapped in the plan), and costs can't rise (overlaps can only
shrink).
"""

from __future__ import annotations

import logging

from plansat.models import Project, ProjectError, SolveStatus
from plansat.schedule.costs import overlap_days
from plansat.schedule.evaluate import build_result
from plansat.schedule.partial_order import build_network, plan_tasks
from plansat.schedule.plan import Plan
from plansat.schedule.sampling import evaluate_one

log = logging.getLogger(__name__)


def left_justify(project: Project, plan: Plan) -> Plan:
    """``plan`` with every task moved to the earliest start its order
    allows (the plan itself when nothing can move or the order can't be
    evaluated).  A split task that moves keeps its days worked; its span
    follows its people's days off (an earlier start never ends later)."""
    draft = build_result(project, plan, SolveStatus.FEASIBLE, "time",
                         None, None, 0.0)
    try:
        tasks = plan_tasks(project, draft)
        net = build_network(project, draft, "plan", tasks)
        starts, finishes = evaluate_one(net, [t.duration for t in tasks])
    except (ValueError, ProjectError) as exc:
        log.info("plan not left-justified: %s", exc)
        return plan
    moved = {t.id: s for t, s in zip(project.tasks, starts, strict=True)
             if s < plan.start[t.id]}
    if not moved:
        return plan
    log.debug("left-justified %d tasks", len(moved))
    out = Plan(start={**plan.start, **moved},
               duration=dict(plan.duration), people=dict(plan.people),
               mode=dict(plan.mode), worked=dict(plan.worked))
    for k, t in enumerate(project.tasks):
        if k in net.splits and t.id in moved:
            span = finishes[k] - starts[k]
            out.worked[t.id] = plan.work(t.id)
            out.duration[t.id] = span
            if span == out.worked[t.id]:
                del out.worked[t.id]
    for i, j in plan.overlap:
        link = next(d for d in project.task(j).after if d.task == i)
        days = overlap_days(link, out.finish(i), out.start[j])
        if days > 0:
            out.overlap[i, j] = days
    return out
