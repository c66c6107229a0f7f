"""Property: on random small portfolios (2-3 random projects with
people, their shared people settled by the portfolio), the joint plan
is checker-clean project by project and across projects, and never
worse than the priority-order heuristic on the objective."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plansat import plan_portfolio
from plansat.analysis.portfolio.merge import merge
from plansat.check import violations
from plansat.check.portfolio import portfolio_violations
from plansat.models.portfolio import Portfolio
from tests.helpers.random_projects import projects


def settled(people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One definition per id that every project's needs still accept:
    the highest level of each skill and the highest availability."""
    out: dict[str, dict[str, Any]] = {}
    for p in people:
        have = out.setdefault(p["id"], {**p, "skills": dict(p["skills"])})
        for skill, level in p["skills"].items():
            have["skills"][skill] = max(level, have["skills"].get(skill, 0))
        have["availability"] = max(have["availability"], p["availability"])
    return list(out.values())


@st.composite
def portfolios(draw: st.DrawFn) -> Portfolio:
    entries, people, rigs = [], [], []
    for k in range(draw(st.integers(2, 3))):
        data = draw(projects()).model_dump(mode="json", exclude_none=True)
        data["name"] = f"P{k}"
        people += data["people"]
        rigs += data["resources"]
        entries.append({"project": data,
                        "weight": draw(st.integers(1, 3)),
                        "priority": draw(st.none() | st.integers(1, 3))})
    resources = ([{**rigs[0], "capacity": max(r["capacity"] for r in rigs)}]
                 if rigs else [])
    return Portfolio.from_data({"projects": entries,
                                "people": settled(people),
                                "resources": resources})


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(pf=portfolios(),
       objective=st.sampled_from(["weighted", "makespan", "priority"]))
def test_joint_plan_is_valid_and_never_worse(pf: Portfolio,
                                             objective: Any) -> None:
    plan = plan_portfolio(pf, objective=objective, time_limit=3,
                          workers=1, standalone=False)
    assert plan.status.has_solution
    merged = merge(pf)
    pairs = [(p, o.result) for p, o in zip(merged.projects, plan.projects,
                                            strict=True)]
    for p, r in pairs:
        assert violations(p, r) == []
    assert portfolio_violations(pairs) == []
    ref = plan.heuristic.objective_value
    assert ref is not None and plan.objective_value is not None
    assert plan.objective_value <= ref + 1e-9
