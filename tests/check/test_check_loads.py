"""The load family (plansat.check.loads): :func:`person_loads` from the
schedule alone, and ``result.loads`` checked against it.

A working day covered by several vacations counts once; VACATIONS (see
check_scenario) has vacations that overlap (olive, and hal at 50%),
touch (tom), nest (nina) or cover weekends only (wes).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from check_scenario import (
    GOOD_LOADS,
    Case,
    assert_caught,
    edit,
    good,
    run_family,
    tiny,
    vacations_project,
    vacations_result,
)

from plansat.check import person_loads
from plansat.check._common import Check
from plansat.check.loads import check_loads, covered
from plansat.models import PersonLoad, Project, Result

LOADS: tuple[Check, ...] = (check_loads,)

# free works T (12 days at 50%): busy 6.  Blocked working days:
#   olive 3-7 (5), tom 1-4 (4), nina 0-9 (10), wes none, hal 3-7 (5).
# Horizon 12 (the makespan):
#   olive 12 - 5 = 7,  tom 12 - 4 = 8,  nina 12 - 10 = 2,  wes 12,
#   hal (12 - 5) * 50% = 3.5,  free 12 (load 6/12).
# Horizon 6 (days 0-5; load_horizon):
#   olive 6 - 3 (days 3-5) = 3,  tom 6 - 4 = 2,  nina 6 - 6 = 0 (load 0),
#   wes 6,  hal (6 - 3) * 50% = 1.5,  free 6 (load 6/6).
AVAILABLE = [
    pytest.param(
        None,
        {
            "olive": 7,
            "tom": 8,
            "nina": 2,
            "wes": 12,
            "hal": 3.5,
            "free": 12,
        },
        6 / 12,
        id="makespan 12",
    ),
    pytest.param(
        6,
        {"olive": 3, "tom": 2, "nina": 0, "wes": 6, "hal": 1.5, "free": 6},
        1.0,
        id="load_horizon 6",
    ),
]


@pytest.mark.parametrize(("horizon", "available", "load"), AVAILABLE)
def test_vacation_days_count_once(
    horizon: int | None, available: dict[str, float], load: float
) -> None:
    result = vacations_result("free")
    result.load_horizon = horizon
    loads = person_loads(vacations_project(), result)
    assert {pl.person: pl.available_days for pl in loads} == available
    assert [(pl.person, pl.busy_days, pl.load) for pl in loads] == [
        ("olive", 0, 0),
        ("tom", 0, 0),
        ("nina", 0, 0),
        ("wes", 0, 0),
        ("hal", 0, 0),
        ("free", 6, load),
    ]


def test_loads_do_not_come_from_blocked_days(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The checker works vacation days out itself: a Project.blocked_days
    # that forgot every vacation must not change olive's 7 days.
    monkeypatch.setattr(Project, "blocked_days", lambda self, person: [])
    loads = person_loads(vacations_project(), vacations_result("free"))
    assert loads[0] == PersonLoad(
        person="olive", busy_days=0, available_days=7, load=0
    )


COVERED = [
    # (ranges, lo, hi, days of [lo, hi) in their union)
    pytest.param([range(3, 5), range(4, 8)], 0, 12, 5, id="overlapping"),
    pytest.param([range(1, 3), range(3, 5)], 0, 12, 4, id="touching"),
    pytest.param([range(0, 10), range(2, 4)], 0, 12, 10, id="nested"),
    pytest.param([range(2, 4), range(0, 10)], 0, 12, 10, id="unsorted"),
    pytest.param([range(3, 3)], 0, 12, 0, id="empty"),
    pytest.param([range(3, 5), range(4, 8)], 0, 6, 3, id="clipped high"),
    pytest.param([range(0, 10)], 4, 6, 2, id="clipped both ends"),
    pytest.param([range(8, 10)], 0, 6, 0, id="past the horizon"),
    pytest.param([range(1, 3), range(5, 6)], 0, 12, 3, id="apart"),
]


@pytest.mark.parametrize(("ranges", "lo", "hi", "days"), COVERED)
def test_covered(ranges: list[range], lo: int, hi: int, days: int) -> None:
    assert covered(ranges, lo, hi) == days
    # The same count as the set of days, however the ranges lie.
    assert days == len({d for r in ranges for d in r if lo <= d < hi})


def claimed(*loads: PersonLoad) -> Result:
    """The VACATIONS result (free on T) claiming ``loads``."""
    result = vacations_result("free")
    result.loads = list(loads)
    return result


# GOOD_LOADS: alice 4/7, bob 3/7, carol 2/3.5, dave 0/7 (see
# check_scenario).
CASES: list[Case] = [
    (
        "available days",
        lambda: (
            tiny(),
            edit(
                loads=[
                    *GOOD_LOADS[:3],
                    PersonLoad(
                        person="dave", busy_days=0, available_days=5, load=0
                    ),
                ]
            ),
        ),
        r"^loads: dave's available_days is 5, recomputed 7$",
    ),
    (
        "busy days",
        lambda: (
            tiny(),
            edit(
                loads=[
                    PersonLoad(
                        person="alice",
                        busy_days=3,
                        available_days=7,
                        load=4 / 7,
                    ),
                    *GOOD_LOADS[1:],
                ]
            ),
        ),
        r"^loads: alice's busy_days is 3, recomputed 4$",
    ),
    (
        "load",
        lambda: (
            tiny(),
            edit(
                loads=[
                    GOOD_LOADS[0],
                    PersonLoad(
                        person="bob", busy_days=3, available_days=7, load=0.5
                    ),
                    *GOOD_LOADS[2:],
                ]
            ),
        ),
        r"^loads: bob's load is 0.5, recomputed 0.428571$",
    ),
    (
        "person listed twice",
        lambda: (tiny(), edit(loads=[*GOOD_LOADS, GOOD_LOADS[0]])),
        r"^loads: alice is listed 2 times$",
    ),
    (
        "unknown person",
        lambda: (
            tiny(),
            edit(
                loads=[
                    *GOOD_LOADS,
                    PersonLoad(
                        person="zed", busy_days=0, available_days=7, load=0
                    ),
                ]
            ),
        ),
        r"^loads: unknown person 'zed'$",
    ),
    (
        # Counting day 4 twice: 12 - (2 + 4) = 6 instead of 7.
        "overlapping vacations counted twice",
        lambda: (
            vacations_project(),
            claimed(
                PersonLoad(
                    person="olive", busy_days=0, available_days=6, load=0
                )
            ),
        ),
        r"^loads: olive's available_days is 6, recomputed 7$",
    ),
    (
        # Counting days 2-3 twice: 12 - (10 + 2) = 0 instead of 2.
        "nested vacations counted twice",
        lambda: (
            vacations_project(),
            claimed(
                PersonLoad(
                    person="nina", busy_days=0, available_days=0, load=0
                )
            ),
        ),
        r"^loads: nina's available_days is 0, recomputed 2$",
    ),
]


@pytest.mark.parametrize(
    ("make", "match"),
    [pytest.param(make, match, id=name) for name, make, match in CASES],
)
def test_loads_catch(
    make: Callable[[], tuple[Project, Result]], match: str
) -> None:
    project, result = make()
    assert_caught(LOADS, project, result, match)


def test_loads_accept_the_right_loads() -> None:
    assert run_family(LOADS, tiny(), good()) == []
    project, result = vacations_project(), vacations_result("free")
    assert (
        run_family(LOADS, project, claimed(*person_loads(project, result)))
        == []
    )


def test_no_loads_means_nothing_to_check() -> None:
    result = good()
    result.loads = []
    result.tasks = result.tasks[:1]  # loads would all be different
    assert run_family(LOADS, tiny(), result) == []
