"""The optimal least-change re-plan (``plansat.analysis.tracking.replan``).

Projects start on Monday 2025-06-02 (Mon-Fri): working day k is the
(k % 5)-th weekday of week k // 5, so day 3 is Thu 5 June, day 5 Mon
9 June.  Every re-plan is checked by the independent checker, which
verifies the history (finished tasks at their actual dates, the rest of
a task in progress from the status date with the days left) too.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from plansat import Project, Result, SolveStatus, solve
from plansat.analysis.tracking.replan import replan
from plansat.check import person_loads, violations
from tests.helpers import START

PEOPLE = [{"id": p, "skills": {"x": 1}, "rate": 100} for p in "abc"]


def chain(**progress: dict[str, Any]) -> Project:
    """A(5) -> B(5) -> C(5), FS, one person each (a, b, c)."""
    tasks = [
        {"id": "A", "duration": 5, "assigned": ["a"]},
        {"id": "B", "duration": 5, "after": ["A"], "assigned": ["b"]},
        {"id": "C", "duration": 5, "after": ["B"], "assigned": ["c"]},
    ]
    for t in tasks:
        if t["id"] in progress:
            t["progress"] = progress[t["id"]]
    return Project.from_data({"start": START, "status_date": "2025-06-05",
                              "people": PEOPLE, "tasks": tasks})


def rows(result: Result) -> dict[str, tuple[int, int]]:
    return {t.id: (t.start, t.finish) for t in result.tasks}


def checked(project: Project, result: Result) -> Result:
    assert result.status == SolveStatus.OPTIMAL, result.explanation
    assert violations(project, result) == []
    return result


# The example: status date = day 3; A started day 0 and is 40 %
# done (2 of 5 days: 3 left); B started day 1, out of sequence, with 2
# days done (3 left).
OUT_OF_SEQUENCE = {
    "A": {"actual_start": "2025-06-02", "percent_complete": 40},
    "B": {"actual_start": "2025-06-03", "remaining": 3},
}


def test_retained_logic_waits_for_the_unfinished_predecessor() -> None:
    # A's rest runs 3 -> 6; B's rest still waits for A: 6 -> 9; C 9 -> 14.
    p = chain(**OUT_OF_SEQUENCE)
    r = checked(p, replan(p, time_limit=5, workers=1))
    assert rows(r) == {"A": (3, 6), "B": (6, 9), "C": (9, 14)}
    assert [t.state for t in r.tasks] == [
        "in_progress", "in_progress", "not_started"]
    assert [t.actual_start for t in r.tasks] == [0, 1, None]
    assert r.makespan == 14
    assert r.replan is not None and r.replan.logic == "retained"
    assert any("out of sequence" in w for w in r.replan.warnings)
    # Spent: A 3 days (0, 1, 2) + B 2 days (1, 2) at 100 = 500; left:
    # 3 + 3 + 5 days at 100 = 1100.
    assert (r.cost.actual, r.cost.labour, r.cost.total) == (500, 1100, 1600)


def test_override_logic_drops_the_broken_link() -> None:
    # B's rest no longer waits for A: 3 -> 6; C after B: 6 -> 11.
    p = chain(**OUT_OF_SEQUENCE)
    r = checked(p, replan(p, time_limit=5, workers=1, logic="override"))
    assert rows(r) == {"A": (3, 6), "B": (3, 6), "C": (6, 11)}
    assert r.makespan == 11


def test_done_tasks_stay_where_they_happened() -> None:
    # A done on days 0-3 (Mon-Thu, one day late), B started day 4 (Fri
    # 6 June) and has 4 days left at the status date Mon 9 June (day 5):
    # B's rest runs 5 -> 9, C 9 -> 14.
    p = Project.from_data({
        **chain().model_dump(mode="json", exclude_none=True),
        "status_date": "2025-06-09",
    })
    data = p.model_dump(mode="json", exclude_none=True)
    data["tasks"][0]["progress"] = {"actual_start": "2025-06-02",
                                    "actual_finish": "2025-06-05"}
    data["tasks"][1]["progress"] = {"actual_start": "2025-06-06",
                                    "remaining": 4}
    p = Project.from_data(data)
    r = checked(p, replan(p, time_limit=5, workers=1))
    assert rows(r) == {"A": (0, 4), "B": (5, 9), "C": (9, 14)}
    assert r.task("A").state == "done"
    assert r.task("A").people == ["a"]


def test_history_the_checker_rejects() -> None:
    # The same re-plan, but A moved off its actual dates, and C before
    # the status date: both are reported.
    p = chain(**OUT_OF_SEQUENCE)
    r = checked(p, replan(p, time_limit=5, workers=1))
    tasks = [t.model_copy(update={"duration": 4, "finish": t.start + 4})
             if t.id == "A" else t for t in r.tasks]
    found = violations(p, r.model_copy(update={"tasks": tasks}))
    assert "A: 4 days scheduled for the remaining work, 3 left" in found


def test_without_progress_the_replan_is_the_baseline(
    ecommerce: Project,
) -> None:
    # Nothing started at the project's first day: the optimal baseline
    # is itself an optimal re-plan, and the least change keeps it whole.
    baseline = solve(ecommerce, time_limit=10, workers=1)
    assert baseline.status == SolveStatus.OPTIMAL
    p = Project.from_data({
        **ecommerce.model_dump(mode="json", exclude_none=True),
        "status_date": str(ecommerce.start),
    })
    r = checked(p, replan(p, baseline, time_limit=20, workers=1))
    assert rows(r) == rows(baseline)
    assert {t.id: sorted(t.people) for t in r.tasks} == {
        t.id: sorted(t.people) for t in baseline.tasks}
    assert r.replan is not None
    assert (r.replan.moved, r.replan.reassigned, r.replan.change) == (0, 0, 0)
    assert r.makespan == baseline.makespan


def least_change_project() -> Project:
    """X (3 days) then two parallel 2-day tasks Y, Z needing skill x,
    and a 1-day task W with float; two equal people p, q."""
    return Project.from_data({
        "start": START, "status_date": "2025-06-05",
        "people": [{"id": "p", "skills": {"x": 1}},
                   {"id": "q", "skills": {"x": 1}}],
        "tasks": [
            {"id": "X", "duration": 3, "needs": [{"skill": "x"}]},
            {"id": "Y", "duration": 2, "after": ["X"],
             "needs": [{"skill": "x"}]},
            {"id": "Z", "duration": 2, "after": ["X"],
             "needs": [{"skill": "x"}]},
            {"id": "W", "duration": 1, "after": ["X"]},
        ],
    })


def test_least_change_moves_and_swaps_nothing() -> None:
    # The optimum is 5 days: X 0-3, then Y and Z side by side 3-5; W
    # (no people) may run on day 3 or 4.  The baseline below is optimal:
    # X by p, Y by q, Z by p, W on day 4.  At the status date (day 3) X
    # is done as planned.  A from-scratch solve of what is left finishes
    # on day 5 too but differs (another W day or the people of Y and Z
    # swapped); the least-change re-plan keeps the baseline exactly.
    project = least_change_project()
    fresh = solve(project.model_copy(update={"status_date": None}),
                  time_limit=5, workers=1)
    assert fresh.status == SolveStatus.OPTIMAL and fresh.makespan == 5
    people = {"X": ["p"], "Y": ["q"], "Z": ["p"], "W": []}
    starts = {"X": 0, "Y": 3, "Z": 3, "W": 4}
    baseline = fresh.model_copy(update={"tasks": [
        t.model_copy(update={
            "start": starts[t.id], "finish": starts[t.id] + t.duration,
            "people": people[t.id],
            "start_date": project.work_calendar.start_date(starts[t.id]),
            "finish_date": project.work_calendar.finish_date(
                starts[t.id], starts[t.id] + t.duration),
            "total_float": None,
        }) for t in fresh.tasks]})
    free = project.model_copy(update={"status_date": None})
    baseline = baseline.model_copy(
        update={"loads": person_loads(free, baseline)})
    assert violations(free, baseline) == []  # a valid optimal plan
    data = project.model_dump(mode="json", exclude_none=True)
    data["tasks"][0]["progress"] = {"actual_start": "2025-06-02",
                                    "actual_finish": "2025-06-04",
                                    "people": ["p"]}
    started = Project.from_data(data)

    scratch = checked(started, replan(started, None, time_limit=5,
                                      workers=1))
    changed = [t.id for t in scratch.tasks
               if (t.start, sorted(t.people))
               != (starts[t.id], sorted(people[t.id]))]
    assert changed, "the from-scratch re-plan happens to equal the baseline"

    kept = checked(started, replan(started, baseline, time_limit=5,
                                   workers=1))
    assert kept.makespan == scratch.makespan == 5
    assert {t.id: (t.start, sorted(t.people)) for t in kept.tasks} == {
        k: (starts[k], sorted(people[k])) for k in starts}
    assert kept.replan is not None
    assert (kept.replan.moved, kept.replan.reassigned) == (0, 0)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"reassign_weight": -1}, "reassign_weight must be >= 0")],
)
def test_bad_arguments(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        replan(chain(), **kwargs)


def test_a_status_date_is_required(ecommerce: Project) -> None:
    with pytest.raises(ValueError, match="needs a status date"):
        replan(ecommerce)


def test_unreported_people_carry_on_and_are_priced() -> None:
    # N (4 days, needs x) started on day 0 with nobody reported and no
    # baseline: the solver picks who carries on (a or b, both at 100), and
    # the 3 days before the status date (day 3) are priced at that
    # person's rate: spent 300, and the checker agrees.
    p = Project.from_data({
        "start": START, "status_date": "2025-06-05",
        "people": PEOPLE[:2],
        "tasks": [{"id": "N", "duration": 4, "needs": [{"skill": "x"}],
                   "progress": {"actual_start": "2025-06-02",
                                "remaining": 1}}],
    })
    r = checked(p, replan(p, time_limit=5, workers=1))
    assert rows(r) == {"N": (3, 4)}
    assert len(r.task("N").people) == 1
    assert r.cost.actual == 300


def _milestone_project(**progress: dict[str, Any]) -> Project:
    """From Mon 2 Jun: A(3) -> M (milestone, due Wed 4 Jun) -> B(2),
    status date Wed 4 Jun (day 2)."""
    tasks: list[dict[str, Any]] = [
        {"id": "A", "duration": 3},
        {"id": "M", "duration": 0, "after": ["A"],
         "deadline": "2025-06-04"},
        {"id": "B", "duration": 2, "after": ["M"]},
    ]
    for t in tasks:
        if t["id"] in progress:
            t["progress"] = progress[t["id"]]
    return Project.from_data({"start": START, "status_date": "2025-06-04",
                              "tasks": tasks})


def test_a_milestone_reported_on_its_date_stays_there() -> None:
    # A done Mon 2 - Wed 4 ([0,3)); M reported done on Wed 4 Jun, its
    # date as MS Project dates it (the end of A's last day): day 3, dated
    # Wed 4 Jun, pinned there; B 3 -> 5 (Thu-Fri).
    done = {"actual_start": "2025-06-04", "actual_finish": "2025-06-04"}
    p = _milestone_project(
        A={"actual_start": "2025-06-02", "actual_finish": "2025-06-04"},
        M=done)
    r = checked(p, replan(p, time_limit=5, workers=1))
    assert rows(r) == {"A": (0, 3), "M": (3, 3), "B": (3, 5)}
    m = r.task("M")
    assert m.state == "done"
    assert m.start_date == m.finish_date == date(2025, 6, 4)

