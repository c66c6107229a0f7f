"""The trade-off curve within one time limit: every CP-SAT phase of the
curve shares it, and a limit too short for all of them still gives a
curve (points without a plan in time are listed as ``unsolved``, never an
exception), each point a valid schedule."""

from __future__ import annotations

from typing import Any

import pytest
from ortools.sat.python import cp_model

from plansat import Project, SolveStatus, tradeoff
from tests.analysis.test_tradeoff import replay


@pytest.fixture
def limits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    seen: list[float] = []
    real = cp_model.CpSolver.solve

    def spy(self: cp_model.CpSolver, *args: Any, **kwargs: Any) -> Any:
        seen.append(self.parameters.max_time_in_seconds)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(cp_model.CpSolver, "solve", spy)
    return seen


@pytest.mark.parametrize("limit", [0.05, 0.3, 2.0])
def test_a_short_limit_still_gives_a_curve(
    ecommerce: Project, limits: list[float], limit: float
) -> None:
    curve = tradeoff(ecommerce, time_limit=limit, workers=1)
    assert max(limits) <= limit  # no phase is given more than the limit
    assert curve.normal_duration >= curve.shortest_duration
    durations = {p.duration for p in curve.points} | set(curve.unsolved)
    assert durations <= set(range(curve.shortest_duration,
                                  curve.normal_duration + 1))
    for point in curve.points:
        assert point.makespan <= point.duration
        assert point.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)
        replay(ecommerce, point)  # a valid schedule, checker-clean
    if curve.points:
        assert sum(p.best for p in curve.points) == 1
