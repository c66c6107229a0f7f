"""Wrong optima OR-Tools proved, kept so they stay away (the public
instance skips without ../shared/data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from plansat import Project
from plansat.io import read
from tests.helpers import solved

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


@pytest.mark.skipif(
    not (DATA / "psplib/mm/j10/j1010_5.mm").exists(),
    reason="benchmark data ../shared/data is absent",
)
@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_no_wrong_optimum_with_optional_intervals_in_cumulative(
    seed: int,
) -> None:
    # PSPLIB multi-mode j1010_5: published optimum 24. With a hint and
    # CP-SAT's disjunctive reasoning inside cumulatives, OR-Tools 9.15
    # proved 25 "optimal" for seeds 1-5 on one worker; the engine now turns
    # that inference off for such models (engine._workarounds).
    project = read(DATA / "psplib/mm/j10/j1010_5.mm")
    result = solved(project, time_limit=10, seed=seed)
    assert result.objective_value == 24


def three_modes_on_one_unit() -> Project:
    """A (1 or 2 days) and B (1 day, two equal modes) each hold the one
    unit of r; C after both takes 1 day without r, or 2 days with it.

    By hand: A in 1 day, B in 1 day, one after the other on r (days
    0-2), then C without r on day 2: makespan 3.  OR-Tools 9.15 with SAT
    inprocessing proved 4 "optimal" for six seeds in eight (found by
    tests/solver/test_strategies.py's property test).
    """
    return Project.model_validate({
        "start": "2025-06-02",
        "resources": [{"id": "r", "capacity": 1}],
        "tasks": [
            {"id": "A", "modes": [{"duration": 1, "uses": {"r": 1}},
                                  {"duration": 2, "uses": {"r": 1}}]},
            {"id": "B", "modes": [{"duration": 1, "uses": {"r": 1}},
                                  {"duration": 1, "uses": {"r": 1}}]},
            {"id": "C", "after": ["A", "B"],
             "modes": [{"duration": 1}, {"duration": 2, "uses": {"r": 1}}]},
        ],
    })


@pytest.mark.parametrize("strategy", ["plain", "default"])
@pytest.mark.parametrize("seed", range(8))
def test_no_wrong_optimum_with_optional_intervals_in_no_overlap(
    strategy: str, seed: int
) -> None:
    result = solved(three_modes_on_one_unit(), seed=seed, strategy=strategy)
    assert result.objective_value == 3
