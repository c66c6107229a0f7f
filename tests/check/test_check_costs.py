"""The cost family (plansat.check.costs): :func:`recompute_cost` from
the schedule alone, and ``result.cost`` checked against it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from check_scenario import (
    GOOD_COST,
    MODES_FAST,
    Case,
    assert_caught,
    duplicate_e,
    edit,
    edit_task,
    good,
    modes_project,
    modes_result,
    run_family,
    tiny,
    unknown_task,
)

from plansat.check import recompute_cost
from plansat.check._common import Check
from plansat.check.costs import check_costs
from plansat.models import CostBreakdown, Project, Result

COSTS: tuple[Check, ...] = (check_costs,)

# MODES (rates: ann 100, ben 50; crane 10 a day, cash 2 a unit; overhead
# 5 a day), by hand.
# P in mode 0 [0,4) by ann, Q [4,6) by ben, S [0,1); makespan 6:
#   labour    = ann 100*4 + ben 50*2 = 500
#   resources = cash 2*2 (P) + cash 2*2 (S), once each, + crane 10*1*2
#             = 4 + 4 + 20 = 28
#   modes     = mode 0's cost 0;  overhead = 5*6 = 30;  total = 558
# P in mode 1 [0,2) by ann and ben, Q [2,4) by ben, S [0,1); makespan 4:
#   labour    = ann 100*2 + ben 50*2 + ben 50*2 = 400
#   resources = cash 2*4 + cash 2*2 + crane 10*1*2 = 8 + 4 + 20 = 32
#   modes     = 300;  overhead = 5*4 = 20;  total = 752
MODES_COSTS = [
    pytest.param(
        None,
        0,
        CostBreakdown(labour=500, resources=28, overhead=30, total=558),
        id="mode 0",
    ),
    pytest.param(
        MODES_FAST,
        1,
        CostBreakdown(
            labour=400, resources=32, modes=300, overhead=20, total=752
        ),
        id="mode 1",
    ),
]


@pytest.mark.parametrize(("plan", "mode", "cost"), MODES_COSTS)
def test_recompute_cost_with_modes_by_hand(
    plan: dict[str, tuple[int, int, list[str]]] | None,
    mode: int,
    cost: CostBreakdown,
) -> None:
    assert recompute_cost(modes_project(), modes_result(plan, mode)) == cost


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(unknown_task, id="unknown task"),
        pytest.param(duplicate_e, id="task listed twice"),
        pytest.param(
            lambda: edit_task(good(), "A", people=["alice", "zed"]),
            id="unknown person",
        ),
        pytest.param(
            lambda: edit_task(good(), "A", people=["alice", "alice"]),
            id="person listed twice",
        ),
    ],
)
def test_recompute_cost_skips_what_the_project_does_not_know(
    make: Callable[[], Result],
) -> None:
    # Z (a copy of E, ending at 4) is not costed and leaves the makespan
    # at 7; E and alice count once each; zed has no rate.
    assert recompute_cost(tiny(), make()) == GOOD_COST


def reported(**fields: float) -> Result:
    """GOOD claiming ``fields`` in its cost."""
    return edit(cost=GOOD_COST.model_copy(update=fields))


# GOOD_COST: labour 1300, resources 60, modes 0, crash 100, overlap 50,
# overhead 140, total 1650 (see check_scenario).
CASES: list[Case] = [
    (
        "labour",
        lambda: (tiny(), reported(labour=1200)),
        r"^cost.labour is 1200, recomputed 1300 from the schedule$",
    ),
    (
        "resources",
        lambda: (tiny(), reported(resources=0)),
        r"^cost.resources is 0, recomputed 60 from the schedule$",
    ),
    (
        "modes",
        lambda: (tiny(), reported(modes=10)),
        r"^cost.modes is 10, recomputed 0 from the schedule$",
    ),
    (
        "crash",
        lambda: (tiny(), reported(crash=200)),
        r"^cost.crash is 200, recomputed 100 from the schedule$",
    ),
    (
        "overlap",
        lambda: (tiny(), reported(overlap=0)),
        r"^cost.overlap is 0, recomputed 50 from the schedule$",
    ),
    (
        "overhead",
        lambda: (tiny(), reported(overhead=160)),
        r"^cost.overhead is 160, recomputed 140 from the schedule$",
    ),
    (
        # 0.01 is above the tolerance 1e-6 * 1300.
        "total off by a cent",
        lambda: (tiny(), reported(total=1650.01)),
        r"^cost.total is 1650.01, recomputed 1650 from the schedule$",
    ),
    (
        # Below 1, the tolerance is absolute: 1e-6.
        "modes off by 1e-5",
        lambda: (tiny(), reported(modes=1e-5)),
        r"^cost.modes is 1e-05, recomputed 0 from the schedule$",
    ),
    (
        "mode cost of a multi-mode task",
        lambda: (
            modes_project(),
            modes_result(MODES_FAST, 1).model_copy(
                update={"cost": CostBreakdown(labour=400, total=400)}
            ),
        ),
        r"^cost.modes is 0, recomputed 300 from the schedule$",
    ),
]


@pytest.mark.parametrize(
    ("make", "match"),
    [pytest.param(make, match, id=name) for name, make, match in CASES],
)
def test_costs_catch(
    make: Callable[[], tuple[Project, Result]], match: str
) -> None:
    project, result = make()
    assert_caught(COSTS, project, result, match)


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({}, id="exact"),
        # 1e-6 * 1300 = 0.0013 and 1e-6 * 1 for a zero.
        pytest.param({"labour": 1300.001, "modes": 5e-7}, id="within"),
    ],
)
def test_costs_accept_within_tolerance(fields: dict[str, float]) -> None:
    assert run_family(COSTS, tiny(), reported(**fields)) == []


def test_only_the_wrong_fields_are_reported() -> None:
    found = run_family(COSTS, tiny(), reported(labour=1200, total=1550))
    assert found == [
        "cost.labour is 1200, recomputed 1300 from the schedule",
        "cost.total is 1550, recomputed 1650 from the schedule",
    ]
