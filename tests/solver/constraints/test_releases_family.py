"""The releases family alone: exact ``ready`` literals, monotone in the
release, feature order, pins and musts (with switches when explaining).

Each model is the variables registry of a tiny project plus
``releases.add`` only (no precedence, no people).  The projects start on
Mon 2 Jun 2025, Mon-Fri: r1 on Fri 6 Jun is working day 4, r2 on Mon 16
Jun day 10.  Every value is derived by hand.
"""

from __future__ import annotations

from typing import Any

import pytest

from plansat.models import Project
from plansat.solver.constraints import FAMILIES, releases
from plansat.solver.objectives import VALUE_SCALE, release_value
from plansat.solver.strengthenings import NONE
from plansat.solver.variables import Variables
from tests.helpers import make
from tests.helpers.cpsat import kinds, maximize, minimize, posted, status

HORIZON = 20
TASKS = [{"id": "A", "duration": 2}, {"id": "B", "duration": 3}]
RELEASES = [{"id": "r1", "date": "2025-06-06"},
            {"id": "r2", "date": "2025-06-16"}]


def project(*features: dict[str, Any]) -> Project:
    return make(TASKS, features=list(features), releases=RELEASES)


F = {"id": "F", "value": 5, "tasks": ["A", "B"]}
G = {"id": "G", "value": 3, "tasks": ["B"]}


def test_the_family_is_listed_once() -> None:
    assert list(FAMILIES).count(releases) == 1


def test_nothing_without_features() -> None:
    v = Variables.create(make(TASKS), HORIZON)
    assert v.ready == {} and v.feature_finish == {}
    assert posted(releases.add, v) == []


def test_the_registry_has_one_literal_per_feature_and_release() -> None:
    v = Variables.create(project(F, G), HORIZON)
    assert v.release_days == [4, 10]
    assert sorted(v.ready) == [("F", 0), ("F", 1), ("G", 0), ("G", 1)]
    assert sorted(v.feature_finish) == ["F", "G"]


def test_structure_per_feature_and_release() -> None:
    # F: one max, then per release two reified bounds, and between r1
    # and r2 one implication (monotone): lin_max, 2 linear, bool_and, 2
    # linear.
    v = Variables.create(project(F), HORIZON)
    assert kinds(posted(releases.add, v)) == [
        "lin_max", "linear", "linear", "bool_and", "linear", "linear"]


@pytest.mark.parametrize(
    ("a_end", "b_end", "ready"),
    [
        # F = max(end A, end B); ready by r1 iff F <= 4, by r2 iff F <= 10
        (2, 3, (1, 1)),
        (4, 4, (1, 1)),
        (2, 5, (0, 1)),
        (10, 3, (0, 1)),
        (11, 3, (0, 0)),
        (2, 20, (0, 0)),
    ],
)
def test_ready_is_exact(
    a_end: int, b_end: int, ready: tuple[int, int]
) -> None:
    v = Variables.create(project(F), HORIZON)
    releases.add(v, NONE)
    v.model.add(v.end["A"] == a_end)
    v.model.add(v.end["B"] == b_end)
    solver = minimize(v.model, 0)
    assert solver.value(v.feature_finish["F"]) == max(a_end, b_end)
    assert tuple(solver.value(v.ready["F", r]) for r in (0, 1)) == ready


@pytest.mark.parametrize(
    ("a_end", "b_end", "feasible"),
    [
        # F (on A) after G (on B): F ready by r1 (A ends by day 4) needs
        # G ready by r1 (B ends by day 4) too.
        (2, 7, False),
        (2, 4, True),
        (6, 7, True),  # both in r2
        (6, 3, True),  # G earlier than F is fine
    ],
)
def test_after_ships_the_other_feature_no_later(
    a_end: int, b_end: int, feasible: bool
) -> None:
    fa = {"id": "F", "value": 5, "tasks": ["A"], "after": ["G"]}
    v = Variables.create(project(fa, G), HORIZON)
    releases.add(v, NONE)
    v.model.add(v.end["A"] == a_end)
    v.model.add(v.end["B"] == b_end)
    assert status(v.model) == ("OPTIMAL" if feasible else "INFEASIBLE")


def test_pin_and_floor() -> None:
    # G pinned to r2: B ends after day 4 and by day 10.  The least end of
    # B is 5, the largest 10.
    pinned = {**G, "release": "r2"}
    for objective, best in ((1, 5), (-1, -10)):
        v = Variables.create(project(pinned), HORIZON)
        releases.add(v, NONE)
        assert minimize(v.model, objective * v.end["B"]
                        ).objective_value == best


def test_must_ships_by_the_last_release() -> None:
    # G must ship by r2 (day 10): the latest end of B is 10.
    v = Variables.create(project({**G, "must": True}), HORIZON)
    releases.add(v, NONE)
    assert maximize(v.model, v.end["B"]).objective_value == 10


def test_pins_and_musts_get_switches_when_explaining() -> None:
    g = {**G, "name": "Search", "release": "r2", "must": True}
    v = Variables.create(project(F, g), HORIZON, explain=True)
    releases.add(v, NONE)
    assert v.switches is not None
    assert {k: s.sentence for k, s in v.switches.items()} == {
        "pin:G": "feature G (Search) is pinned to release r2 (2025-06-16): "
                 "it must ship by then",
        "pin_not_before:G": "feature G (Search) is pinned to release r2 "
                            "(2025-06-16): it may not ship in the earlier "
                            "release r1 (2025-06-06)",
        "must:G": "feature G (Search) must ship by the last release r2 "
                  "(2025-06-16)",
    }
    # with the pin switched off, B may end on day 2 again
    v.model.add(v.switches["pin_not_before:G"].literal == 0)
    assert minimize(v.model, v.end["B"]).objective_value == 3


def test_release_value_weighs_the_first_release_ready() -> None:
    # Weights 7 (r1) and 1 (r2): F (5) ready by r1 and G (3) by r2 only
    # is 5 × 7 + 3 × 1 = 38, in hundredths.
    v = Variables.create(project({**F, "tasks": ["A"]}, G), HORIZON)
    releases.add(v, NONE)
    v.model.add(v.end["A"] == 3)
    v.model.add(v.end["B"] == 8)
    solver = maximize(v.model, release_value(v))
    assert solver.objective_value == 38 * VALUE_SCALE
