"""The releases family of the checker (plansat.check.releases): where
each feature ships is recomputed from the task finishes and the release
dates, and pins, musts and feature order are checked.

The instance: one developer, FA (50) on A (3 days), FB (30) on B (2),
FC (20) on C (4); releases r1 Fri 6 Jun 2025 (day 4, weight 7) and r2
Mon 16 Jun (day 10, weight 1).  The solved plan (A, C, B back to back,
or A, B, C) ships FA in r1 (A finishes at day 3) and FB, FC in r2:
value 50 × 7 + 50 = 400.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from check_scenario import assert_caught, run_family

from plansat import solve
from plansat.check import releases, violations
from plansat.check._common import Check
from plansat.models import Project, Result
from plansat.models.result import FeatureShip
from tests.helpers import make

RELEASES_FAMILY: tuple[Check, ...] = (releases.check_releases,)

NEED = [{"skill": "dev"}]
TASKS = [
    {"id": "A", "duration": 3, "needs": NEED},
    {"id": "B", "duration": 2, "needs": NEED},
    {"id": "C", "duration": 4, "needs": NEED},
]
R1 = {"id": "r1", "date": "2025-06-06"}
R2 = {"id": "r2", "date": "2025-06-16"}


def hand(**extra: Any) -> Project:
    feats: list[dict[str, Any]] = [{"id": "FA", "value": 50, "tasks": ["A"]},
             {"id": "FB", "value": 30, "tasks": ["B"]},
             {"id": "FC", "value": 20, "tasks": ["C"]}]
    return make(TASKS, people=[{"id": "dev", "skills": {"dev": 1}}],
                features=[{**f, **extra.get(f["id"], {})} for f in feats],
                releases=extra.get("releases", [R1, R2]))


_SOLVED: dict[str, Result] = {}


def solved() -> Result:
    """The optimal plan of the hand instance (solved once, copied)."""
    if "plan" not in _SOLVED:
        _SOLVED["plan"] = solve(hand(), objective="value", time_limit=5,
                                workers=1)
    return _SOLVED["plan"].model_copy(deep=True)


def with_feature(result: Result, fid: str, **fields: Any) -> Result:
    result.features = [f.model_copy(update=fields) if f.id == fid else f
                       for f in result.features]
    return result


def test_the_solved_plan_is_clean() -> None:
    result = solved()
    assert result.objective_value == 400
    fa = result.features[0]
    assert (fa.id, fa.release, fa.weight, fa.finish) == ("FA", "r1", 7, 3)
    assert violations(hand(), result) == []
    assert run_family(RELEASES_FAMILY, hand(), result) == []


CASES: list[tuple[str, Callable[[], tuple[Project, Result]], str]] = [
    (
        "wrong release of a feature",
        lambda: (hand(), with_feature(solved(), "FA", release="r2",
                                      weight=1)),
        r"^feature FA: its tasks finish at day 3, so it ships in release "
        r"r1; the result says r2$",
    ),
    (
        "wrong weight",
        lambda: (hand(), with_feature(solved(), "FA", weight=6)),
        r"^feature FA: weight 6 is not 7$",
    ),
    (
        "wrong finish",
        lambda: (hand(), with_feature(solved(), "FA", finish=4)),
        r"^feature FA: finish 4 is not its tasks' latest finish 3$",
    ),
    (
        "a feature missing",
        lambda: (hand(), solved().model_copy(update={
            "features": solved().features[1:]})),
        r"^feature FA: listed 0 times in result.features",
    ),
    (
        "wrong release of a task row",
        lambda: (hand(), solved().model_copy(update={"tasks": [
            t.model_copy(update={"release": "r2"}) if t.id == "A" else t
            for t in solved().tasks]})),
        r"^A: release r2, expected r1 \(the earliest its features ship "
        r"in\)$",
    ),
    (
        # the plan ships FB in r2; pinned to r1, it breaks the pin
        "pin broken",
        lambda: (hand(FB={"release": "r1"}), solved()),
        r"^feature FB: pinned to release r1, ships in r2$",
    ),
    (
        # FB ships in r2 after FA (r1): FA after FB breaks the order
        "after broken",
        lambda: (hand(FA={"after": ["FB"]}), solved()),
        r"^feature FA: ships in r1 before FB \(in r2\), which must ship no "
        r"later$",
    ),
    (
        "wrong objective value",
        lambda: (hand(), solved().model_copy(update={
            "objective_value": 450.0})),
        r"^objective_value 450 is not the release value Σ value × weight "
        r"= 400$",
    ),
    (
        "features on a project without releases",
        lambda: (make(TASKS, people=[{"id": "dev", "skills": {"dev": 1}}]),
                 solved().model_copy(update={"objective": "time"})),
        r"^result.features lists 3 feature\(s\) but the project plans no "
        r"releases$",
    ),
]


@pytest.mark.parametrize(
    ("make_case", "match"),
    [(c[1], c[2]) for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_releases_family_catches(
    make_case: Callable[[], tuple[Project, Result]], match: str
) -> None:
    project, result = make_case()
    assert_caught(RELEASES_FAMILY, project, result, match)


def test_a_must_feature_in_no_release_is_caught() -> None:
    # One release r1 (day 4): the plan ships FA only; FC must ship.
    one = hand(releases=[R1])
    result = solve(one, objective="value", time_limit=5, workers=1)
    assert [f.release for f in result.features] == ["r1", None, None]
    must = hand(releases=[R1], FC={"must": True})
    assert_caught(RELEASES_FAMILY, must, result,
                  r"^feature FC: must ship but ships in no release$")


def test_feature_ship_defaults() -> None:
    assert FeatureShip(id="F").model_dump() == {
        "id": "F", "release": None, "value": 0, "weight": 0,
        "finish": None}
