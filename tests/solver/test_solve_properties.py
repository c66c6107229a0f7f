"""Property tests of plansat.solve on random feasible projects.

Every solve goes through :func:`tests.helpers.solved`: a proven optimum,
a checker-clean schedule and a cost equal to the recomputed one.

Projects: 4-8 tasks on a DAG of FS/SS links with lags >= 0, 2-4 people
whose skills fill every need, optional crash options, an optional pooled
resource, no deadlines, starting Monday 2025-06-02.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plansat import Project
from plansat.check import recompute_cost
from plansat.heuristics.constructive import constructive_schedule
from tests.helpers import solved
from tests.helpers.random_projects import projects

SETTINGS = settings(max_examples=25, deadline=None)


@SETTINGS
@given(projects())
def test_time_is_optimal_and_clean(project: Project) -> None:
    r = solved(project)
    assert r.makespan is not None
    assert r.objective_value == r.makespan
    # No task can end before its own crashed duration.
    assert r.makespan >= max(t.min_duration for t in project.tasks)


@SETTINGS
@given(projects(), st.integers(0, 3))
def test_balance_within_slack(project: Project, slack: int) -> None:
    best = solved(project).makespan
    assert best is not None
    r = solved(project, "balance", slack=slack)
    assert r.makespan is not None
    assert r.makespan <= best + slack


@SETTINGS
@given(projects())
def test_cost_not_above_time_schedule_cost(project: Project) -> None:
    by_time = solved(project)
    by_cost = solved(project, "cost")
    time_total = recompute_cost(project, by_time).total
    cost_total = recompute_cost(project, by_cost).total
    assert cost_total <= time_total + 1e-6
    assert by_cost.objective_value == pytest.approx(cost_total)


@SETTINGS
@given(projects())
def test_constructive_not_better_than_time_optimum(project: Project) -> None:
    best = solved(project).makespan
    assert best is not None
    assert constructive_schedule(project).makespan >= best
