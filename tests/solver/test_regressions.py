"""Wrong optima OR-Tools proved, kept so they stay away (the public
instance skips without ../shared/data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from plansat import Project
from plansat.io import read
from plansat.options import SolveOptions
from plansat.solver.search import STRATEGIES
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
    # proved 25 "optimal" for seeds 1-5 on one worker while each mode's
    # interval ended on the task's end variable; the engine turned that
    # inference off until the modes' intervals became fixed-size (issue
    # 29, engine._workarounds), which it is on again.
    project = read(DATA / "psplib/mm/j10/j1010_5.mm")
    result = solved(project, time_limit=10, seed=seed)
    assert result.objective_value == 24


def three_modes_on_one_unit() -> Project:
    """A (1 or 2 days) and B (1 day, two equal modes) each hold the one
    unit of r; C after both takes 1 day without r, or 2 days with it.

    By hand: A in 1 day, B in 1 day, one after the other on r (days
    0-2), then C without r on day 2: makespan 3.  OR-Tools 9.15 with SAT
    inprocessing proved 4 "optimal" for six seeds in eight (found by
    tests/solver/test_strategies.py's property test) while each mode's
    interval ended on the task's end variable.
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


def test_inferences_stay_on_for_modes_and_off_for_people(
    ecommerce: Project,
) -> None:
    # Modes' intervals end on start + duration (no workaround needed,
    # test_mode_sweep.py); people's intervals end on the task's end
    # variable, which no sweep has cleared, so the workaround stays.
    modes = STRATEGIES["default"].engine(three_modes_on_one_unit(), 6)
    assert modes.safe_params == {}
    assert all(
        list(c.interval.end.vars) == list(c.interval.start.vars)
        for c in modes.model.proto.constraints
        if c.has_interval() and c.enforcement_literal
    )
    people = STRATEGIES["default"].engine(ecommerce, 200)
    assert people.safe_params["inprocessing_probing_dtime"] == 0.0


@pytest.mark.parametrize("seed", range(4))
def test_probing_off_keeps_the_inferences_off_and_the_optimum(
    seed: int,
) -> None:
    # +probing_off: what the engine did on multi-mode projects before
    # issue 29; the strategy's parameters override the engine's.
    strategy = STRATEGIES["+probing_off"]
    engine = strategy.engine(three_modes_on_one_unit(), 6)
    params = engine.solver(1.0, SolveOptions()).parameters
    assert params.inprocessing_probing_dtime == 0.0
    assert not params.use_disjunctive_constraint_in_cumulative
    result = solved(three_modes_on_one_unit(), seed=seed, strategy=strategy)
    assert result.objective_value == 3
