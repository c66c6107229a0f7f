"""The precedence family (plansat.check.precedence): FS, SS, FF and SF
links with lags, fast-tracking within ``max_overlap``, and the overlaps
listed in ``result.overlaps``.

TINY's links: A -> B (FS, max_overlap 1 at 50 a day), A -> C (SS, lag
1), B -> D (FF, lag 1), C -> D (SF, lag 2), D -> M (FS).  In GOOD, A
[0,3), B [2,5) (overlapping A by 1 day), C [1,3), D [5,7), M at 7.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from check_scenario import (
    GOOD,
    GOOD_OVERLAPS,
    TINY,
    Case,
    assert_caught,
    build,
    good,
    replan,
    run_family,
    tiny,
)

from plansat.check import precedence
from plansat.check._common import Check
from plansat.models import Overlap, Project, Result

PRECEDENCE: tuple[Check, ...] = (
    precedence.check_links,
    precedence.check_overlaps,
)


def listing(*overlaps: Overlap) -> Result:
    """GOOD with ``result.overlaps`` replaced."""
    return build(tiny(), GOOD, overlaps=list(overlaps))


def ab(days: int, cost: float) -> Overlap:
    return Overlap(predecessor="A", successor="B", days=days, cost=cost)


def lagged(**link: Any) -> Project:
    """TINY with A -> B given ``link``'s fields besides the task."""
    tasks = [
        {**t, "after": [{"task": "A", **link}]} if t["id"] == "B" else t
        for t in TINY["tasks"]
    ]
    return tiny(tasks=tasks)


CASES: list[Case] = [
    (
        # M at 6, D finishes at 7.
        "FS broken",
        lambda: (tiny(), replan(M=(6, 0, []))),
        r"^M: FS link after D broken: start 6 < D finish 7 \+ lag 0$",
    ),
    (
        # C at 0: s_C 0 < s_A 0 + 1.
        "SS broken",
        lambda: (tiny(), replan(C=(0, 2, ["carol"]))),
        r"^C: SS link after A broken: start 0 < A start 0 \+ lag 1$",
    ),
    (
        # B uncrashed [3,7): f_D 7 < f_B 7 + 1.
        "FF broken",
        lambda: (tiny(), build(tiny(), {**GOOD, "B": (3, 4, ["bob"])})),
        r"^D: FF link after B broken: finish 7 < B finish 7 \+ lag 1$",
    ),
    (
        # C [6,8) with dave: f_D 7 < s_C 6 + 2.
        "SF broken",
        lambda: (tiny(), replan(C=(6, 2, ["dave"]))),
        r"^D: SF link after C broken: finish 7 < C start 6 \+ lag 2$",
    ),
    (
        # B [1,4) overlaps A [0,3) by 3 - 1 = 2 days > max_overlap 1.
        "overlap beyond max_overlap",
        lambda: (tiny(), replan(B=(1, 3, ["bob"]))),
        r"^B: overlaps A by 2 days \(FS, lag 0\), more than max_overlap 1$",
    ),
    (
        # Lag 2 with max_overlap 1: B may start at 3 + 2 - 1 = 4; at 3 it
        # overlaps by 3 + 2 - 3 = 2 days.
        "lag counts in the overlap",
        lambda: (
            lagged(lag=2, max_overlap=1),
            build(
                lagged(lag=2, max_overlap=1), {**GOOD, "B": (3, 3, ["bob"])}
            ),
        ),
        r"^B: overlaps A by 2 days \(FS, lag 2\), more than max_overlap 1$",
    ),
    (
        # Negative lag -1 without overlap: B may start at 3 - 1 = 2, not 1.
        "negative lag",
        lambda: (
            lagged(lag=-1),
            build(lagged(lag=-1), {**GOOD, "B": (1, 3, ["bob"])}, overlaps=[]),
        ),
        r"^B: FS link after A broken: start 1 < A finish 3 \+ lag -1$",
    ),
    (
        "overlap missing from the list",
        lambda: (tiny(), listing()),
        r"^B: overlap A -> B of 1 day is missing from result.overlaps$",
    ),
    (
        "overlap listed with the wrong days",
        lambda: (tiny(), listing(ab(2, 100))),
        r"^B: result.overlaps gives 2 days for A -> B, the schedule "
        r"overlaps 1$",
    ),
    (
        # 1 day at 50 a day.
        "overlap listed with the wrong cost",
        lambda: (tiny(), listing(ab(1, 49.5))),
        r"^B: result.overlaps costs A -> B at 49.5, recomputed 50$",
    ),
    (
        "overlap listed twice",
        lambda: (tiny(), listing(ab(1, 50), ab(1, 50))),
        r"^B: result.overlaps lists A -> B \(1 day\) but the schedule has "
        r"no such overlap$",
    ),
    (
        # The entry with the right days is matched, the other is extra.
        "right entry after a wrong one",
        lambda: (tiny(), listing(ab(2, 100), ab(1, 50))),
        r"^B: result.overlaps lists A -> B \(2 days\) but the schedule has "
        r"no such overlap$",
    ),
    (
        "overlap on a link that does not overlap",
        lambda: (
            tiny(),
            listing(
                *GOOD_OVERLAPS,
                Overlap(predecessor="D", successor="M", days=3),
            ),
        ),
        r"^M: result.overlaps lists D -> M \(3 days\) but the schedule has "
        r"no such overlap$",
    ),
]


@pytest.mark.parametrize(
    ("make", "match"),
    [pytest.param(make, match, id=name) for name, make, match in CASES],
)
def test_precedence_catches(
    make: Callable[[], tuple[Project, Result]], match: str
) -> None:
    project, result = make()
    assert_caught(PRECEDENCE, project, result, match)


def test_precedence_accepts_the_valid_schedule() -> None:
    assert run_family(PRECEDENCE, tiny(), good()) == []


@pytest.mark.parametrize(
    ("b_start", "days"),
    [(3, 0), (2, 1), (1, 2), (0, 3)],
)
def test_expected_overlaps_of_a_to_b(b_start: int, days: int) -> None:
    # A finishes at 3: B starting at s overlaps it by 3 - s days, each
    # at 50.
    result = replan(B=(b_start, 3, ["bob"]))
    found = precedence.expected_overlaps(
        tiny(), {t.id: t for t in result.tasks}
    )
    assert found == ([ab(days, 50 * days)] if days else [])
