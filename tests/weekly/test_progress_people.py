"""Issue 23, item 3: a re-plan without a baseline keeps the labour of
finished tasks (their people from the progress, else the baseline, else
the task's ``assigned``); without any, it warns and says the cost spent
is incomplete -- never a silent zero.

Projects start Monday 2025-06-02; status date Thu 5 June = day 3.
"""

from __future__ import annotations

from typing import Any

from plansat import Project, SolveStatus
from plansat.analysis.tracking.replan import replan
from plansat.check import violations
from tests.helpers import START

LIMIT: dict[str, Any] = {"time_limit": 5, "workers": 1}
PEOPLE = [{"id": "a", "skills": {"x": 1}, "rate": 100},
          {"id": "b", "skills": {"x": 1}, "rate": 300}]


def project(done: dict[str, Any]) -> Project:
    """A(2) done on days 0-1, B(2) after it; both need one x person."""
    need = [{"skill": "x", "level": 1}]
    return Project.from_data({
        "start": START, "status_date": "2025-06-05", "people": PEOPLE,
        "tasks": [
            {"id": "A", "duration": 2, "needs": need,
             "progress": {"actual_start": "2025-06-02",
                          "actual_finish": "2025-06-03", **done}},
            {"id": "B", "duration": 2, "needs": need, "after": ["A"]},
        ]})


def test_people_from_the_progress_price_the_history() -> None:
    p = project({"people": ["b"]})
    r = replan(p, objective="cost", **LIMIT)
    assert r.status == SolveStatus.OPTIMAL and violations(p, r) == []
    # A: 2 days of b at 300 = 600 spent; B: 2 days of a at 100 = 200
    assert r.task("A").people == ["b"]
    assert (r.cost.actual, r.cost.total) == (600, 800)
    assert r.replan is not None and r.replan.unpriced == []


def test_without_people_the_cost_says_it_is_incomplete() -> None:
    p = project({})
    r = replan(p, **LIMIT)
    assert r.status == SolveStatus.OPTIMAL and violations(p, r) == []
    assert r.replan is not None
    assert r.replan.unpriced == ["A"]
    assert any("A is done but nobody says who worked it" in w
               and "incomplete" in w for w in r.replan.warnings)


def test_an_actual_cost_prices_it_without_people() -> None:
    p = project({"actual_cost": 450})
    r = replan(p, **LIMIT)
    assert r.replan is not None and r.replan.unpriced == []
    assert r.cost.actual == 450
