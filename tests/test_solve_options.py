"""Tests of SolveOptions and Budget (plansat.options), and of the public
API being one import away (DESIGN.md, "Layout")."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

import plansat
from plansat.options import SOLVE_FIELDS, Budget, SolveOptions


class FakeClock:
    """A clock that moves only when told."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_defaults_and_overrides() -> None:
    base = SolveOptions()
    assert (base.objective, base.time_limit, base.seed) == ("time", 10.0, 0)
    cost = SolveOptions.of(base, objective="cost", time_limit=3)
    assert (cost.objective, cost.time_limit) == ("cost", 3.0)
    assert base.objective == "time"  # frozen: the original is unchanged
    assert SolveOptions.of(None) == SolveOptions()
    assert SOLVE_FIELDS == (
        "objective", "time_limit", "workers", "seed", "slack", "strategy"
    )
    assert SolveOptions(workers=3).threads == 3
    assert SolveOptions().threads >= 1
    assert SolveOptions(strategy="plain").to_dict()["strategy"] == "plain"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"objective": "fast"}, "objective must be one of time, balance"),
        ({"time_limit": 0}, r"time_limit must be > 0 \(got 0\)"),
        ({"time_limit": -1.5}, "time_limit must be > 0"),
        ({"workers": 0}, r"workers must be >= 1 \(got 0\)"),
        ({"slack": -2}, r"slack must be >= 0 \(got -2\)"),
    ],
)
def test_bad_options_are_refused(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        SolveOptions(**kwargs)


def test_unknown_and_positional_options_are_refused() -> None:
    with pytest.raises(TypeError, match=r"unknown solve option.*speed"):
        SolveOptions.of(None, speed=3)
    with pytest.raises(TypeError, match="options must be a SolveOptions"):
        SolveOptions.of("time")  # type: ignore[arg-type]


def test_budget_counts_down_on_its_clock() -> None:
    clock = FakeClock()
    budget = Budget(10.0, clock)
    assert budget.remaining() == 10.0
    assert budget.remaining(0.25) == 2.5
    clock.now += 4
    assert budget.elapsed() == 4.0
    assert budget.remaining() == 6.0
    clock.now += 7
    assert budget.remaining() == 0.0  # never negative
    assert budget.expired


def test_a_sub_budget_never_outlasts_its_parent() -> None:
    clock = FakeClock()
    parent = Budget(10.0, clock)
    half = parent.sub(0.5)
    assert half.remaining() == 5.0
    capped = parent.sub(1.0, cap=2.0)
    assert capped.remaining() == 2.0
    clock.now += 9
    assert parent.remaining() == 1.0
    assert parent.sub().remaining() == 1.0
    assert half.expired
    with pytest.raises(ValueError, match="can't be negative"):
        Budget(-1.0)


# Bug 4 of the restructuring issue: solve_many lived in a sub-module only.
@pytest.mark.parametrize(
    "name",
    [
        "solve", "solve_many", "iter_solve_many", "batch_summary",
        "critical_path", "violations", "tradeoff", "scenarios",
        "Project", "Result", "SolveStatus", "SolveOptions", "Budget",
        "SolveProgress", "CpmReport", "TradeoffCurve", "Scenario", "BatchItem",
    ],
)
def test_public_api_is_one_import_away(name: str) -> None:
    assert name in plansat.__all__
    assert getattr(plansat, name) is not None


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = plansat.nope  # type: ignore[attr-defined]


def test_importing_plansat_loads_no_solver() -> None:
    code = (
        "import sys, plansat; "
        "print(sorted(m for m in sys.modules "
        "if m.split('.')[0] in {'ortools', 'pandas'}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True,
        check=True,
    )
    assert out.stdout.strip() == "[]"
