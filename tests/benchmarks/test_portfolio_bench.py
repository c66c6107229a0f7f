"""Smoke run of ``benchmarks.portfolio`` on a tiny portfolio (the 5 x
50, 20 x 100 and 50 x 100 runs stay out of CI): the generated portfolio
is valid (one definition per person), the joint plan is checked inside
``run_case`` and never worse than the priority-order heuristic."""

from __future__ import annotations

from benchmarks.portfolio import portfolio_data, run_case
from plansat.models.portfolio import Portfolio


def test_generated_portfolio_shares_one_team() -> None:
    data = portfolio_data(3, 12, 5, seed=1)
    pf = Portfolio.from_data(data)
    assert pf.names == ["P00", "P01", "P02"]
    assert all(len(e.loaded.tasks) == 12 for e in pf.projects)
    teams = {tuple(p.id for p in e.loaded.people) for e in pf.projects}
    assert len(teams) == 1


def test_run_case_is_never_worse_than_the_heuristic() -> None:
    row = run_case(3, 12, 5, seed=1, time_limit=4, workers=1)
    assert row["status"] in ("OPTIMAL", "FEASIBLE")
    assert row["joint"] <= row["first"] <= row["heuristic"]
