"""The progress family of the checker: a re-plan keeps history where it
happened (``plansat.check.progress``), and the other families check only
the forecast.

The project: A(5) -> B(5) -> C(5), FS, one person each, Monday
2025-06-02 start (Mon-Fri), status date Mon 9 June = day 5.  A was done
on days 0-3 (Mon-Thu), one day early; B started on day 4 (Fri 6 June)
with 4 days left.  The valid re-plan: A (0, 4), B's rest (5, 9), C
(9, 14).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from plansat import Project, Result, SolveStatus
from plansat.analysis.tracking.replan import replan
from plansat.check import violations
from tests.helpers import START


def project() -> Project:
    people = [{"id": p, "skills": {"x": 1}, "rate": 100} for p in "abc"]
    return Project.from_data({
        "start": START, "status_date": "2025-06-09", "people": people,
        "tasks": [
            {"id": "A", "duration": 5, "assigned": ["a"],
             "progress": {"actual_start": "2025-06-02",
                          "actual_finish": "2025-06-05",
                          "people": ["a"]}},
            {"id": "B", "duration": 5, "after": ["A"], "assigned": ["b"],
             "progress": {"actual_start": "2025-06-06", "remaining": 4,
                          "people": ["b"]}},
            {"id": "C", "duration": 5, "after": ["B"], "assigned": ["c"]},
        ],
    })


@pytest.fixture(scope="module")
def good() -> Result:
    r = replan(project(), time_limit=5, workers=1)
    assert r.status == SolveStatus.OPTIMAL
    assert [(t.start, t.finish) for t in r.tasks] == [(0, 4), (5, 9),
                                                        (9, 14)]
    # Spent: A 4 days + B 1 day (Fri 6 June) at 100 = 500.
    assert r.cost.actual == 500
    return r


def test_the_replan_is_clean(good: Result) -> None:
    assert violations(project(), good) == []


def edit(task_id: str, **fields: Any) -> Callable[[Result], Result]:
    def change(r: Result) -> Result:
        return r.model_copy(update={"tasks": [
            t.model_copy(update=fields) if t.id == task_id else t
            for t in r.tasks]})
    return change


def info(**fields: Any) -> Callable[[Result], Result]:
    def change(r: Result) -> Result:
        assert r.replan is not None
        return r.model_copy(update={"replan": r.replan.model_copy(
            update=fields)})
    return change


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (edit("A", start=1, finish=5),
         r"A: done from 2025-06-02 to 2025-06-05 \(days 0 to 4\), "
         r"scheduled 1 to 5"),
        (edit("A", state="in_progress"),
         "A: state in_progress but its progress says done"),
        (edit("A", people=["b"]), "A: people b but a worked it"),
        (edit("B", duration=3, finish=8),
         "B: 3 days scheduled for the remaining work, 4 left"),
        (edit("B", start=4, finish=8),
         "B: its remaining work resumes on day 4, before the status date"),
        (edit("B", actual_start=3),
         r"B: actual_start 3 is not the working day of 2025-06-06 \(4\)"),
        (edit("C", start=4, finish=9),
         "C: not started, yet scheduled on 2025-06-06 .day 4., before "
         "the status date"),
        (edit("C", state="done"),
         "C: state done but its progress says not_started"),
        (info(time_now=4), "replan.time_now 4 is not the working day of"),
    ],
)
def test_broken_history_is_reported(
    good: Result, broken: Callable[[Result], Result], message: str
) -> None:
    found = violations(project(), broken(good))
    assert any(re.search(message, m) for m in found), found


def test_actual_cost_is_recomputed(good: Result) -> None:
    bad = good.model_copy(update={"cost": good.cost.model_copy(
        update={"actual": 400.0})})
    assert "cost.actual is 400, recomputed 500 from the schedule" in (
        violations(project(), bad))


def test_history_is_not_held_to_the_plan(good: Result) -> None:
    # A took 4 days where 5 were planned and has no crash option: as
    # history that is no violation; the same row in a plain result is.
    plain = good.model_copy(update={"replan": None})
    assert violations(project(), good) == []
    assert any("A: duration 4 != the task's duration 5" in m
               for m in violations(project(), plain))
