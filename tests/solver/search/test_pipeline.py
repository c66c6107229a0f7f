"""The strategies as lists of steps, the run's trace, and the one clock
(plansat.solver.search.strategies, .run, plansat.options.Budget)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import plansat.solver.search as search
from plansat import Budget, SolveStatus
from plansat.solver.search import (
    DEFAULT,
    NAMES,
    PLAIN,
    STRATEGIES,
    V1,
    ConstructiveHint,
    Fallback,
    FullSearch,
    Probe,
    Strategy,
)
from tests.helpers import make, solved
from tests.helpers.runs import rig_project

ROOT = Path(__file__).resolve().parents[3]


def test_the_registry_is_the_cli_names_and_each_ends_its_phases() -> None:
    assert tuple(STRATEGIES) == NAMES
    for strategy in STRATEGIES.values():
        assert isinstance(strategy.stage("phase")[-1], FullSearch)
        assert strategy.stage("finish")[0].name == "fallback"


def test_the_package_exports_what_it_lists() -> None:
    assert set(search.__all__) == set(search._EXPORTS) | {"NAMES"}
    for name in search.__all__:
        assert getattr(search, name) is not None


def test_default_v1_and_plain_read_as_their_steps() -> None:
    assert [s.name for s in PLAIN.steps] == ["full search", "fallback"]
    assert [s.name for s in V1.steps] == [
        "constructive hint", "genetic start", "full search", "fallback"]
    assert [s.name for s in DEFAULT.steps] == [
        "plain first", "constructive hint", "constructive reference",
        "constructive bound", "critical bound", "energy bound", "probe",
        "heuristic seed", "restarts", "full search", "fallback",
        "keep best"]
    lns = STRATEGIES["+lns"]
    assert "neighbourhoods" in [s.name for s in lns.steps]
    assert "restarts" not in [s.name for s in lns.steps]
    assert STRATEGIES["+tails"].model.tails
    assert not PLAIN.model.tails and DEFAULT.model.tails


def test_a_strategy_whose_phases_are_never_searched_is_refused() -> None:
    with pytest.raises(ValueError, match="must end with FullSearch"):
        Strategy("broken", (Probe(), Fallback()))
    with pytest.raises(ValueError, match="has no step keep best"):
        PLAIN.but("x", DEFAULT.steps[-1])


def test_a_strategy_of_ones_own_solves_and_is_checked() -> None:
    # The rig project: A and B (2 days each) in turn on one unit: 4.
    mine = Strategy("mine", (ConstructiveHint(min_tasks=0), FullSearch(),
                             Fallback()))
    r = solved(rig_project(), strategy=mine)  # solved() runs the checker
    assert r.makespan == 4 and r.status == SolveStatus.OPTIMAL
    assert r.solver["strategy"] == "mine"
    assert r.solver["heuristic_makespan"] == 4


def test_but_replaces_steps_by_name() -> None:
    quick = DEFAULT.but("quick", Probe(cap=0.5))
    probe = next(s for s in quick.steps if s.name == "probe")
    assert isinstance(probe, Probe) and probe.cap == 0.5
    assert [s.name for s in quick.steps] == [s.name for s in DEFAULT.steps]


def test_the_result_names_where_its_schedule_came_from() -> None:
    r = solved(rig_project())
    assert r.schedule_from is None  # CP-SAT's
    assert r.solver["makespan"] == "OPTIMAL"


# -- one clock ---------------------------------------------------------------


def test_no_clock_outside_options() -> None:
    clock = re.compile(r"\btime\.(monotonic|perf_counter|time)\(")
    found = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "plansat").rglob("*.py")
        if path.name != "options.py" or path.parent.name != "plansat"
        if clock.search(path.read_text())
    ]
    assert found == []


class Clock:
    """A clock that moves on ``step`` seconds each time it is read."""

    def __init__(self, step: float) -> None:
        self.now, self.step = 0.0, step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def test_an_injected_clock_drives_every_phase() -> None:
    # A (3 days, crashable to 1 at 100/day) -> B (2 days): the makespan
    # phase and then, at a price, the acceleration phase.  A clock that
    # jumps 4 s each read leaves the makespan phase its 0.01 s minimum
    # and no time for the second phase: the clock, not the wall, decides.
    p = make([{"id": "A", "duration": 3,
               "crash": {"duration": 1, "cost_per_day": 100}},
              {"id": "B", "duration": 2, "after": ["A"]}])
    fast = solved(p, status=None, budget=Budget(10, clock=Clock(4.0)))
    assert fast.solver.get("makespan") is not None
    assert "acceleration" not in fast.solver
    assert fast.runtime >= 8  # the fake clock's seconds
    slow = solved(p, budget=Budget(10, clock=Clock(0.0)))
    assert slow.solver["acceleration"] == "OPTIMAL"
    assert slow.makespan == 3 and slow.cost.crash == 200  # A: 3 -> 1 day
