"""The cross-project capacity check: one person (or pool) used by two
projects' schedules on the same dates."""

from __future__ import annotations

from typing import Any

from plansat import Project, solve
from plansat.check import violations
from plansat.check.portfolio import portfolio_violations
from tests.helpers import START

ANN = {"id": "ann", "skills": {"dev": 3}}


def project(name: str, days: int, start: str = START,
            **fields: Any) -> Project:
    return Project.model_validate({
        "name": name, "start": start, "people": [ANN],
        "resources": [{"id": "rig", "capacity": 1}],
        "tasks": [{"id": "T1", "duration": days, "uses": {"rig": 1},
                   "needs": [{"skill": "dev"}]}], **fields})


def test_each_alone_is_fine_but_together_ann_is_double_booked() -> None:
    """Solved alone, A (4 days) and B (2 days) both start Mon 2 Jun with
    ann and the rig: each schedule is valid, together ann works 200 % on
    Mon 2 and Tue 3 Jun and the rig holds 2 units."""
    a, b = project("A", 4), project("B", 2)
    ra, rb = (solve(p, time_limit=5, workers=1) for p in (a, b))
    assert violations(a, ra) == [] and violations(b, rb) == []
    assert portfolio_violations([(a, ra), (b, rb)]) == [
        "ann is over-allocated on 2025-06-02: 200% > 100% "
        "(A: T1, B: T1)",
        "ann is over-allocated on 2025-06-03: 200% > 100% "
        "(A: T1, B: T1)",
        "resource rig is over capacity on 2025-06-02: 2 units > 1 units "
        "(A: T1, B: T1)",
        "resource rig is over capacity on 2025-06-03: 2 units > 1 units "
        "(A: T1, B: T1)",
    ]


def test_dates_not_day_numbers_are_compared() -> None:
    """B starts Mon 9 Jun: its day 0 is A's day 5, so both on their day
    0 don't clash."""
    a, b = project("A", 4), project("B", 2, start="2025-06-09")
    ra, rb = (solve(p, time_limit=5, workers=1) for p in (a, b))
    assert portfolio_violations([(a, ra), (b, rb)]) == []


def test_definitions_that_differ_are_reported() -> None:
    a = project("A", 1)
    b = project("B", 1, start="2025-06-09",
                people=[{**ANN, "availability": 100, "rate": 5}])
    ra, rb = (solve(p, time_limit=5, workers=1) for p in (a, b))
    assert portfolio_violations([(a, ra), (b, rb)]) == [
        "person ann is defined differently in A and B"]


def test_each_projects_own_violations_come_first() -> None:
    a = project("A", 2)
    ra = solve(a, time_limit=5, workers=1)
    broken = ra.model_copy(update={"tasks": [ra.tasks[0].model_copy(
        update={"people": []})]})
    out = portfolio_violations([(a, broken)])
    assert out and all(m.startswith("A: ") for m in out)
