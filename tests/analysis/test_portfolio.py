"""Portfolio planning on hand-solved instances.

The two-project case: one developer ``ann`` (Mon-Fri from Mon 2 Jun
2025), project A one task of 4 days, project B one task of 2 days, both
needing her.  She works one task at a time, so one project waits for
the other:

- A first: A finishes day 4, B day 6; B first: B day 2, A day 6.
- weighted (A weight 1, B weight 3): A first costs 1 × 4 + 3 × 6 = 22,
  B first 1 × 6 + 3 × 2 = 12: the optimum is 12, B first; A's sharing
  cost is 6 - 4 = 2 days, caused by ann.
- priority (A priority 1): A as early as possible (4), then B (6).
- the priority-order heuristic plans A first: weighted 22.
- deadlines A by Thu 5 Jun (finish day <= 4) and B by Tue 3 Jun
  (finish <= 2): each alone is feasible, together ann needs 6 days by
  day 4: infeasible, and the explanation names the deadlines.
"""

from __future__ import annotations

from typing import Any

import pytest

from plansat import Project, SolveStatus, admit, plan_portfolio
from plansat.analysis.portfolio.merge import merge
from plansat.check import violations
from plansat.check.portfolio import portfolio_violations
from plansat.models import ProjectError
from plansat.models.portfolio import Portfolio, PortfolioProject
from plansat.models.portfolio_report import PortfolioPlan
from tests.helpers import START

FAST: dict[str, Any] = {"time_limit": 5, "workers": 1}
ANN = {"id": "ann", "skills": {"dev": 3}}


def project(name: str, days: int, **fields: Any) -> dict[str, Any]:
    return {"name": name, "start": START, "people": [ANN],
            "tasks": [{"id": "T1", "duration": days,
                       "needs": [{"skill": "dev"}]}], **fields}


def two(a: dict[str, Any] | None = None, b: dict[str, Any] | None = None,
        **fields: Any) -> Portfolio:
    return Portfolio.from_data({"name": "Two", "projects": [
        {"project": project("A", 4), "weight": 1, "priority": 1,
         **(a or {})},
        {"project": project("B", 2), "weight": 3, **(b or {})},
    ], **fields})


def checked(plan: PortfolioPlan, pf: Portfolio) -> None:
    """Every project's result checker-clean, and the capacity across
    projects."""
    merged = merge(pf, hard_deadlines=plan.objective != "tardiness")
    pairs = [(p, o.result) for p, o in zip(merged.projects, plan.projects,
                                            strict=True)]
    for p, r in pairs:
        assert violations(p, r) == []
    assert portfolio_violations(pairs) == []
    assert plan.violations == []


def test_weighted_puts_the_heavy_project_first() -> None:
    pf = two()
    plan = plan_portfolio(pf, objective="weighted", **FAST)
    assert plan.status == SolveStatus.OPTIMAL
    assert plan.objective_value == 12 and plan.bound == 12
    assert [o.makespan for o in plan.projects] == [6, 2]
    assert plan.heuristic.objective_value == 22
    assert plan.heuristic.makespans == [4, 6]
    a = plan.projects[0]
    assert (a.standalone_makespan, a.sharing_cost_days) == (4, 2)
    assert a.limited_by == ["ann"]
    assert plan.projects[1].sharing_cost_days == 0
    (ann,) = plan.people
    assert ann.projects == {"A": 4, "B": 2} and ann.overloaded == []
    checked(plan, pf)


def test_priority_puts_the_first_priority_first() -> None:
    pf = two()
    plan = plan_portfolio(pf, objective="priority", **FAST)
    assert plan.status == SolveStatus.OPTIMAL
    assert plan.priority_finishes == [4]
    assert [o.makespan for o in plan.projects] == [4, 6]
    assert plan.objective_value == 4
    checked(plan, pf)


def test_makespan_and_cost_objectives() -> None:
    """Makespan: 6 whatever the order, then the weighted tie-break puts
    B first.  Cost: ann's rate 100/day, overheads A 10/day and B
    50/day: labour 600 either way; A first 40 + 300 = 340, B first
    60 + 100 = 160: total 760."""
    pf = two(a={"project": project("A", 4, overhead_per_day=10,
                                   people=[{**ANN, "rate": 100}])},
             b={"project": project("B", 2, overhead_per_day=50,
                                   people=[{**ANN, "rate": 100}])})
    span = plan_portfolio(pf, objective="makespan", **FAST)
    assert span.objective_value == 6
    assert [o.makespan for o in span.projects] == [6, 2]
    cost = plan_portfolio(pf, objective="cost", **FAST)
    assert cost.status == SolveStatus.OPTIMAL
    assert cost.objective_value == pytest.approx(760)
    assert [o.makespan for o in cost.projects] == [6, 2]
    checked(span, pf)
    checked(cost, pf)


def test_deadlines_that_cannot_all_be_met_are_explained() -> None:
    pf = two(a={"deadline": "2025-06-05"}, b={"deadline": "2025-06-03"})
    plan = plan_portfolio(pf, **FAST)
    assert plan.status == SolveStatus.INFEASIBLE
    assert plan.projects == []
    assert plan.explanation is not None
    assert plan.conflicts == ["A/T1 must finish by 2025-06-05",
                              "B/T1 must finish by 2025-06-03"]


def test_tardiness_makes_deadlines_soft() -> None:
    """Same deadlines: A late by 2 (weight 1) if B goes first, B late by
    4 (weight 3) if A goes first: the optimum is 2, B first."""
    pf = two(a={"deadline": "2025-06-05"}, b={"deadline": "2025-06-03"})
    plan = plan_portfolio(pf, objective="tardiness", **FAST)
    assert plan.status == SolveStatus.OPTIMAL
    assert plan.objective_value == 2
    assert [o.tardiness_days for o in plan.projects] == [2, 0]
    checked(plan, pf)


def test_later_start_is_a_shifted_grid() -> None:
    """B starts Wed 4 Jun (grid day 2): its own day 0 is grid day 2;
    weighted optimum: B first on its days 0-2 (grid 2-4), A on grid 0-2
    and 4-?: no split, so A grid [0, 4) and B grid [4, 6) (B makespan
    4, weighted 4 + 12 = 16) or B grid [2, 4) and A [4, 8) (8 + 6 =
    14): 14."""
    pf = two(b={"project": project("B", 2, start="2025-06-04")})
    plan = plan_portfolio(pf, **FAST)
    assert plan.objective_value == 14
    assert [o.makespan for o in plan.projects] == [8, 2]
    assert plan.projects[1].result.tasks[0].start_date.isoformat() == (
        "2025-06-04")
    checked(plan, pf)


def test_admit_earliest_finish_and_curve() -> None:
    """Committed: A (ann, 4 days), planned on days 0-4.  New: B (ann, 2
    days).  With nothing slipping, B goes after A: makespan 6.  B
    finishing by 5 or earlier needs ann before A ends: B on days 0-2
    and A on 2-6 (delay 2) is the only way below 6 (B finishing on
    day 3-5 leaves A no 4 free days before day 7)."""
    pf = Portfolio.from_data({"projects": [{"project": project("A", 4)}]})
    new = Project.model_validate(project("B", 2))
    report = admit(pf, new, **FAST)
    assert report.status == SolveStatus.OPTIMAL
    assert report.earliest_finish is not None
    assert report.earliest_finish.makespan == 6
    assert report.standalone_makespan == 2
    assert report.committed == {"A": 4}
    assert report.limited_by == ["ann"]
    curve = [(p.makespan, p.total_delay, p.status) for p in report.curve]
    assert curve == [(6, 0, SolveStatus.OPTIMAL),
                     (2, 2, SolveStatus.OPTIMAL)]
    assert report.curve[1].delays == {"A": 2}


def test_admit_refuses_a_clashing_person() -> None:
    pf = Portfolio.from_data({"projects": [{"project": project("A", 4)}]})
    other = project("B", 2, people=[{**ANN, "rate": 300}])
    with pytest.raises(ProjectError, match=r"new project: people\[0\]: "
                       r"person 'ann' differs"):
        admit(pf, PortfolioProject(project=Project.model_validate(other)),
              **FAST)


def test_a_settled_person_is_one_definition() -> None:
    """ann at rate 300 in A, 0 in B: an error unless the portfolio's
    people settle it; settled at rate 120, both projects' results
    price her at 120 (labour 4 × 120 and 2 × 120)."""
    half = project("A", 4, people=[{**ANN, "rate": 300}])
    with pytest.raises(ProjectError, match=r"projects\[1\]\.project\."
                       r"people\[0\]: person 'ann' differs from "
                       r"projects\[0\]\.project\.people\[0\] "
                       r"\(rate: 300.0 vs 0\)"):
        two(a={"project": half})
    pf = two(a={"project": half}, people=[{**ANN, "rate": 120}])
    plan = plan_portfolio(pf, **FAST)
    assert plan.objective_value == 12
    assert [o.result.cost.labour for o in plan.projects] == [480, 240]
    checked(plan, pf)


def test_admit_holding_deadlines_lets_committed_work_move() -> None:
    """A is due Mon 9 Jun (finish day <= 6): holding deadlines, A may
    slip from day 4 to day 6, so B takes ann first (days 0-2) and A
    runs on days 2-6: B's earliest finish is its stand-alone 2."""
    pf = Portfolio.from_data({"projects": [
        {"project": project("A", 4), "deadline": "2025-06-09"}]})
    new = Project.model_validate(project("B", 2))
    report = admit(pf, new, hold="deadline", **FAST)
    assert report.earliest_finish is not None
    assert report.earliest_finish.makespan == 2
    assert report.committed == {"A": 6}
    assert [(p.makespan, p.total_delay) for p in report.curve] == [(2, 0)]
    assert report.limited_by == []


@pytest.mark.parametrize("strategy", ["plain", "default", "+lns"])
def test_strategies_reach_the_same_optimum(strategy: str) -> None:
    plan = plan_portfolio(two(), strategy=strategy, **FAST)
    assert plan.status == SolveStatus.OPTIMAL
    assert plan.objective_value == 12
    assert plan.solver["strategy"] == strategy


def test_unknown_objective() -> None:
    with pytest.raises(ValueError, match="objective must be one of "
                       "weighted, tardiness, makespan, cost, priority"):
        plan_portfolio(two(), objective="fastest")  # type: ignore[arg-type]


def test_admission_plan_keeps_the_committed_plan() -> None:
    """The admission's first plan: A where the joint plan put it (days
    0-4), B's constructive schedule after every committed task (days
    4-6): no committed project slips, and the plan keeps every rule of
    the merged project."""
    from plansat.analysis.portfolio.heuristic import admission_plan
    from plansat.schedule.evaluate import build_result

    pf = Portfolio.from_data({"projects": [{"project": project("A", 4)}]})
    now = plan_portfolio(pf, **FAST)
    extended = Portfolio.from_data({"projects": [
        {"project": project("A", 4)}, {"project": project("B", 2)}]})
    merged = merge(extended)
    plan = admission_plan(merged, [o.result for o in now.projects])
    assert (plan.start, plan.duration) == (
        {"A/T1": 0, "B/T1": 4}, {"A/T1": 4, "B/T1": 2})
    result = build_result(merged.project, plan, SolveStatus.FEASIBLE,
                          "time", None, None, 0.0)
    assert violations(merged.project, result) == []
