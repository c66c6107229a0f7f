"""The precedence family alone: one linear constraint per link.

Each model is the variables registry of a tiny project plus
``precedence.add`` only; days are working-day indices from 0 and every
optimum is derived by hand.
"""

from __future__ import annotations

from typing import Any

import pytest

from plansat.solver.constraints import precedence
from plansat.solver.strengthenings import NONE
from plansat.solver.variables import Levers, Variables
from tests.helpers import make
from tests.helpers.cpsat import kinds, minimize, posted, status

HORIZON = 20


def pair(
    link: dict[str, Any], a: int, b: int, levers: Levers | None = None
) -> Variables:
    """A (``a`` days) and B (``b`` days) after A by ``link``, with the
    precedence family posted."""
    p = make([
        {"id": "A", "duration": a},
        {"id": "B", "duration": b, "after": [{"task": "A", **link}]},
    ])
    v = Variables.create(p, HORIZON, levers=levers)
    precedence.add(v, NONE)
    return v


def test_one_linear_constraint_per_link() -> None:
    # Four links (A->B FS, A->C SS, B->D FF, C->D SF) and nothing else.
    p = make([
        {"id": "A", "duration": 2},
        {"id": "B", "duration": 2, "after": ["A"]},
        {"id": "C", "duration": 2,
         "after": [{"task": "A", "type": "SS"}]},
        {"id": "D", "duration": 2,
         "after": [{"task": "B", "type": "FF"},
                   {"task": "C", "type": "SF"}]},
    ])
    v = Variables.create(p, HORIZON)
    assert kinds(posted(precedence.add, v)) == ["linear"] * 4


def test_no_links_no_constraints() -> None:
    p = make([{"id": "A", "duration": 2}, {"id": "B", "duration": 3}])
    assert posted(precedence.add, Variables.create(p, HORIZON)) == []


@pytest.mark.parametrize(
    ("link", "a", "b", "earliest"),
    [
        # FS lag 2 between A(3) and B(2): s_B >= f_A + 2 >= 3 + 2 = 5.
        ({"type": "FS", "lag": 2}, 3, 2, 5),
        # FS lag -2 (a lead) after A(5): s_B >= 5 - 2 = 3.
        ({"type": "FS", "lag": -2}, 5, 3, 3),
        # SS lag 1: s_B >= s_A + 1 >= 1.
        ({"type": "SS", "lag": 1}, 4, 3, 1),
        # FF lag 1 after A(5), B(2): f_B >= 5 + 1 = 6, so s_B >= 4.
        ({"type": "FF", "lag": 1}, 5, 2, 4),
        # SF lag 4 with B(2): f_B >= s_A + 4 >= 4, so s_B >= 2.
        ({"type": "SF", "lag": 4}, 3, 2, 2),
    ],
    ids=["FS", "FS-lead", "SS", "FF", "SF"],
)
def test_earliest_start_of_the_successor(
    link: dict[str, Any], a: int, b: int, earliest: int
) -> None:
    v = pair(link, a, b)
    solver = minimize(v.model, v.start["B"])
    assert solver.value(v.start["B"]) == earliest
    assert solver.value(v.start["A"]) == 0  # any later A delays B


def test_a_start_before_the_lag_is_infeasible() -> None:
    # FS lag 2 after A(3): B can't start on day 4 (< 5) ...
    v = pair({"type": "FS", "lag": 2}, 3, 2)
    v.model.add(v.start["B"] == 4)
    assert status(v.model) == "INFEASIBLE"
    # ... but may start on day 5.
    w = pair({"type": "FS", "lag": 2}, 3, 2)
    w.model.add(w.start["B"] == 5)
    assert status(w.model) == "OPTIMAL"


def test_fs_overlap_lets_the_successor_start_early() -> None:
    # A(5) -> B(4) may overlap up to 2 days: s_B >= 5 - overlap >= 3,
    # with the overlap at its 2-day maximum.
    v = pair({"max_overlap": 2}, 5, 4)
    solver = minimize(v.model, v.start["B"])
    assert solver.value(v.start["B"]) == 3
    assert solver.value(v.overlap["A", "B"]) == 2


def test_without_the_overlap_lever_fs_is_plain() -> None:
    # Same link with fast-tracking switched off: s_B >= 5.
    v = pair({"max_overlap": 2}, 5, 4, levers=Levers(overlap=False))
    assert v.overlap == {}
    assert minimize(v.model, v.start["B"]).value(v.start["B"]) == 5
