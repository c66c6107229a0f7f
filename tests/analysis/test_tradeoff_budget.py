"""The trade-off curve within one time limit: every CP-SAT phase of the
curve shares it, and a limit too short for all of them still gives a
curve (points without a plan in time are listed as ``unsolved``, never an
exception), each point a valid schedule."""

from __future__ import annotations

from typing import Any

import pytest
from ortools.sat.python import cp_model

import plansat
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


def test_a_first_phase_without_a_plan_is_no_proof_of_infeasibility(
    ecommerce: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first phase (fastest with every lever) finds nothing in its
    # share, as on a loaded machine with a short limit: the curve's
    # shortest comes from a time solve in the time left, not an error.
    from plansat.analysis import tradeoff_points as module
    from plansat.models.tradeoff import Lever

    real = module.PointSolver.fastest

    def nothing_first(self: Any, levers: Any, name: str) -> Lever:
        if name == "both":
            return Lever(name=name, status=SolveStatus.UNKNOWN)
        return real(self, levers, name)

    monkeypatch.setattr(module.PointSolver, "fastest", nothing_first)
    curve = tradeoff(ecommerce, time_limit=10, workers=1)
    fresh = plansat.solve(ecommerce.model_copy(update={"deadline": None}),
                          time_limit=5, workers=1)
    assert curve.shortest_duration == fresh.makespan
    for point in curve.points:
        replay(ecommerce, point)
