"""The list of constraint families and what every family shares.

:data:`FAMILIES` names every module of plansat/solver/constraints once,
each with ``add(v, parts)``; :func:`add_all` calls them in that order.
With explanations on, the constraints that may conflict carry switches
whose sentences an explanation shows.
"""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from plansat.solver import constraints
from plansat.solver.constraints import FAMILIES, add_all
from plansat.solver.strengthenings import NONE, STANDARD, Strengthenings
from plansat.solver.variables import Variables
from tests.helpers import make
from tests.helpers.cpsat import minimize, status

HORIZON = 30


def family_name(module: object) -> str:
    return getattr(module, "__name__", "").rsplit(".", 1)[-1]


def test_families_list_every_module_on_disk_once() -> None:
    folder = Path(constraints.__file__).parent
    on_disk = {
        path.stem for path in folder.glob("*.py")
        if not path.stem.startswith("_")
    }
    names = [family_name(f) for f in FAMILIES]
    assert len(names) == len(set(names))
    assert set(names) == on_disk
    assert names == ["precedence", "skills", "capacity", "splits",
                     "windows", "releases", "redundant"]


@pytest.mark.parametrize("family", FAMILIES, ids=family_name)
def test_each_family_has_add_v_parts(family: object) -> None:
    add = getattr(family, "add", None)
    assert callable(add)
    assert list(inspect.signature(add).parameters) == ["v", "parts"]


def test_add_all_calls_every_family_in_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[str, Variables, Strengthenings]] = []
    for family in FAMILIES:
        name = family_name(family)

        def record(v: Variables, parts: Strengthenings, name: str = name
                   ) -> None:
            calls.append((name, v, parts))

        monkeypatch.setattr(family, "add", record)
    v = Variables.create(make([{"id": "A", "duration": 1}]), HORIZON)
    add_all(v)
    assert [name for name, _, _ in calls] == [
        family_name(f) for f in FAMILIES
    ]
    assert all(got is v and s is STANDARD for _, got, s in calls)
    calls.clear()
    add_all(v, NONE)
    assert {s for _, _, s in calls} == {NONE}


def test_redundant_constraints_remove_no_schedule() -> None:
    # A (1 day) -> B, C, D (2 days each on a one-unit rig) -> E (1 day):
    # A [0,1), B, C, D in a row [1,7), E [7,8): makespan 8, with the plain
    # model and with every default strengthening.
    rig = {"uses": {"rig": 1}, "duration": 2, "after": ["A"]}
    p = make(
        [
            {"id": "A", "duration": 1},
            {"id": "B", **rig}, {"id": "C", **rig}, {"id": "D", **rig},
            {"id": "E", "duration": 1, "after": ["B", "C", "D"]},
        ],
        resources=[{"id": "rig", "capacity": 1}],
    )
    for parts in (NONE, STANDARD):
        v = Variables.create(p, HORIZON)
        add_all(v, parts)
        assert minimize(v.model, v.makespan).objective_value == 8


# -- switches -------------------------------------------------------------


def switched_project() -> Variables:
    """One constraint of each switched kind, with explanations on:

    - A (3 days, qa) must finish by Fri 6 Jun and is pinned to q;
    - q is away Mon 9 .. Fri 13 Jun;
    - B (2 days) can't start before Wed 4 Jun;
    - C and D spend 2 units of cash (1 day) or 1 unit (3 days), with
      3 units of cash in all;
    - the project is due Fri 20 Jun.
    """
    either = [{"duration": 1, "uses": {"cash": 2}},
              {"duration": 3, "uses": {"cash": 1}}]
    p = make(
        [
            {"id": "A", "duration": 3, "needs": [{"skill": "qa"}],
             "assigned": ["q"], "deadline": "2025-06-06"},
            {"id": "B", "duration": 2, "earliest_start": "2025-06-04"},
            {"id": "C", "modes": either},
            {"id": "D", "modes": either},
        ],
        people=[{"id": "q", "skills": {"qa": 1},
                 "unavailable": [{"start": "2025-06-09",
                                  "end": "2025-06-13"}]}],
        resources=[{"id": "cash", "capacity": 3, "renewable": False}],
        deadline="2025-06-20",
    )
    v = Variables.create(p, HORIZON, explain=True)
    add_all(v)
    return v


def test_switches_carry_their_sentences() -> None:
    v = switched_project()
    assert v.switches is not None
    assert {key: s.sentence for key, s in v.switches.items()} == {
        "deadline:A": "A must finish by 2025-06-06",
        "deadline:project": "the project deadline 2025-06-20",
        "earliest_start:B": "B can't start before 2025-06-04",
        "vacation:q:0": "q is away 2025-06-09 to 2025-06-13",
        "pin:A:q": "A is pinned to q",
        "budget:cash": "non-renewable cash: at most 3 units in total",
    }


def test_switches_are_named_booleans_that_enable_their_constraint() -> None:
    v = switched_project()
    assert v.switches is not None
    variables = v.model.proto.variables
    for key, s in v.switches.items():
        assert s.literal.name == key
        assert list(variables[s.literal.index].domain) == [0, 1]
    # All on, the plan exists: A on days 0-2 before q's vacation, B from
    # day 2, C and D in one fast and one slow mode (2 + 1 units).
    for s in v.switches.values():
        v.model.add(s.literal == 1)
    assert status(v.model) == "OPTIMAL"


def test_switch_off_frees_its_constraint() -> None:
    # With the budget's switch off, C and D may both run fast (2 + 2 = 4
    # units > 3): the least total duration drops from 1 + 3 = 4 to 2.
    for on, days in ((True, 4), (False, 2)):
        v = switched_project()
        assert v.switches is not None
        v.model.add(v.switches["budget:cash"].literal == int(on))
        total = v.duration["C"] + v.duration["D"]
        assert minimize(v.model, total).objective_value == days


def test_without_explanations_there_are_no_switches() -> None:
    p = make([{"id": "A", "duration": 3, "deadline": "2025-06-06"}])
    v = Variables.create(p, HORIZON)
    add_all(v)
    assert v.switches is None
    assert v.switch("deadline:A", "A must finish by 2025-06-06") is None
