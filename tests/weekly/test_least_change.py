"""Issue 23, item 4: least change as users count it.  At the objective's
optimum the re-plan minimises, in this order, the unstarted tasks whose
start or people change, then the total start shift, then the reassigned
people.

Start Monday 2 June 2025 (Mon-Fri); status date Thursday 5 June = day 3.

The issue's Y/Z case, by hand.  People p and q.  Baseline (makespan 12):

- W (12 days, nobody) 0-12: holds the finish;
- X (3 days, q) 0-3;
- Y (3 days, p) 3-6, after X;
- Z (2 days, p) 6-8.

At the status date X has run late: 1 day left, so it finishes on day 4
and Y can't start before 4.  W has 9 days left and still ends on 12:
the time optimum stays 12.  The plans at that optimum (Y and Z share p,
both end by 12):

- Y 4-7, Z 7-9: both move, shift 1 + 1 = 2 (the old Σ-shift optimum);
- Z 3-5, Y 5-8: both move, shift 3 + 2 = 5;
- Z kept 6-8, Y 8-11 (or 9-12): one task moves, shift 5 (or 6).

Fewest tasks changed first: Z kept, Y 8-11 (shift 5 beats 6).
"""

from __future__ import annotations

from plansat import Project, SolveStatus
from plansat.analysis.tracking.replan import replan
from plansat.check import violations
from plansat.schedule.evaluate import build_result
from plansat.schedule.plan import Plan
from tests.helpers import START

PEOPLE = [{"id": "p", "skills": {"x": 1}}, {"id": "q", "skills": {"x": 1}}]
TASKS = [
    {"id": "W", "duration": 12},
    {"id": "X", "duration": 3, "assigned": ["q"]},
    {"id": "Y", "duration": 3, "after": ["X"], "assigned": ["p"]},
    {"id": "Z", "duration": 2, "assigned": ["p"]},
]
STARTS = {"W": 0, "X": 0, "Y": 3, "Z": 6}
WHO = {"W": [], "X": ["q"], "Y": ["p"], "Z": ["p"]}


def baseline() -> tuple[Project, object]:
    free = Project.from_data({"start": START, "people": PEOPLE,
                              "tasks": TASKS})
    plan = Plan()
    for t in free.tasks:
        plan.start[t.id], plan.duration[t.id] = STARTS[t.id], t.duration
        plan.people[t.id] = [WHO[t.id]]
    base = build_result(free, plan, SolveStatus.FEASIBLE, "time", 12.0,
                        None, 0.0)
    assert violations(free, base) == [] and base.makespan == 12
    return free, base


def test_fewest_tasks_changed_first() -> None:
    _, base = baseline()
    tasks = [dict(t) for t in TASKS]
    tasks[0]["progress"] = {"actual_start": "2025-06-02", "remaining": 9}
    tasks[1]["progress"] = {"actual_start": "2025-06-02", "remaining": 1}
    project = Project.from_data({"start": START, "people": PEOPLE,
                                 "status_date": "2025-06-05",
                                 "tasks": tasks})
    r = replan(project, base, time_limit=5, workers=1)  # type: ignore
    assert r.status == SolveStatus.OPTIMAL, r.explanation
    assert violations(project, r) == []
    assert r.makespan == 12
    starts = {t.id: t.start for t in r.tasks}
    assert (starts["Z"], starts["Y"]) == (6, 8)
    assert r.replan is not None
    assert (r.replan.changed, r.replan.moved, r.replan.reassigned) == (
        1, 1, 0)
    assert r.replan.change == 5
