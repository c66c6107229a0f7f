"""The skills family (plansat.check.skills): known, distinct people, the
pinned ones present, as many as the chosen mode needs, matched to its
need slots, and available enough for the task's allocation.

TINY's people: alice (analysis 4, qa 3), bob (backend 4), carol
(analysis 3, backend 2, qa 4, 50% available), dave (qa 5).  A needs
analysis >= 3, B backend >= 3 with bob pinned, C qa >= 2 at 50%, D qa
>= 3 x2 at 50% with carol pinned; E and the milestone M need nobody.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from check_scenario import (
    GOOD,
    MODES_FAST,
    TINY,
    Case,
    assert_caught,
    build,
    good,
    modes_project,
    modes_result,
    replan,
    run_family,
    tiny,
)

from plansat.check import skills
from plansat.check._common import Check, each_task
from plansat.models import Person, Project, Result

SKILLS: tuple[Check, ...] = (each_task(skills.check_staffing),)


def pinned_outsider() -> Project:
    """TINY with dave (qa only) pinned to A (analysis >= 3): he works on
    A besides the analyst, so A takes 2 people."""
    tasks: list[dict[str, Any]] = [
        {**t, "assigned": ["dave"]} if t["id"] == "A" else t
        for t in TINY["tasks"]
    ]
    return tiny(tasks=tasks)


CASES: list[Case] = [
    (
        "milestone with people",
        lambda: (tiny(), replan(M=(7, 0, ["dave"]))),
        r"^M: a milestone \(duration 0\) has no people, got dave$",
    ),
    (
        "unknown person",
        lambda: (tiny(), replan(A=(0, 3, ["zed"]))),
        r"^A: unknown person 'zed'$",
    ),
    (
        "person listed twice",
        lambda: (tiny(), replan(D=(5, 2, ["carol", "carol"]))),
        r"^D: carol is listed 2 times$",
    ),
    (
        "pinned person missing",
        lambda: (tiny(), replan(D=(5, 2, ["alice", "dave"]))),
        r"^D: pinned person carol is not on the task$",
    ),
    (
        "too few people",
        lambda: (tiny(), replan(D=(5, 2, ["carol"]))),
        r"^D: has 1 person, needs 2$",
    ),
    (
        "people on a task that needs none",
        lambda: (tiny(), replan(E=(3, 1, ["bob"]))),
        r"^E: has 1 person, needs 0$",
    ),
    (
        # dave pinned beyond A's one slot: alice alone is one short.
        "pinned outsider counts on top of the needs",
        lambda: (pinned_outsider(), build(pinned_outsider(), GOOD)),
        r"^A: has 1 person, needs 2$",
    ),
    (
        "nobody qualified",
        lambda: (tiny(), replan(A=(0, 3, ["dave"]))),
        r"^A: dave qualifies for none of the needs \(analysis >= 3 x1\)$",
    ),
    (
        # bob has no qa at all.
        "one of two people unqualified",
        lambda: (tiny(), replan(D=(5, 2, ["carol", "bob"]))),
        r"^D: bob qualifies for none of the needs \(qa >= 3 x2\)$",
    ),
    (
        # carol's backend 2 is below B's level 3.
        "level too low",
        lambda: (tiny(), replan(B=(2, 3, ["carol"]))),
        r"^B: carol qualifies for none of the needs \(backend >= 3 x1\)$",
    ),
    (
        "availability below allocation",
        lambda: (tiny(), replan(A=(0, 3, ["carol"]))),
        r"^A: carol's availability 50% is below the task's allocation "
        r"100%$",
    ),
    (
        # Mode 1 of P needs two builders.
        "slots of the chosen mode",
        lambda: (
            modes_project(),
            modes_result(
                {**MODES_FAST, "P": (0, 2, ["ann"])},
                mode=1,
            ),
        ),
        r"^P: has 1 person, needs 2$",
    ),
]


@pytest.mark.parametrize(
    ("make", "match"),
    [pytest.param(make, match, id=name) for name, make, match in CASES],
)
def test_skills_catch(
    make: Callable[[], tuple[Project, Result]], match: str
) -> None:
    project, result = make()
    assert_caught(SKILLS, project, result, match)


@pytest.mark.parametrize(
    "people",
    [["alice", "carol"], ["carol", "dave"], ["dave", "carol"]],
)
def test_any_two_qualified_people_staff_d(people: list[str]) -> None:
    # alice qa 3, carol qa 4 and dave qa 5 all meet qa >= 3.
    result = replan(D=(5, 2, people))
    assert run_family(SKILLS, tiny(), result) == []


def test_pinned_outsider_works_besides_the_needs() -> None:
    # alice fills A's analysis slot, dave is the pinned extra.
    project = pinned_outsider()
    result = build(project, {**GOOD, "A": (0, 3, ["alice", "dave"])})
    assert run_family(SKILLS, project, result) == []


def test_skills_accept_valid_schedules() -> None:
    assert run_family(SKILLS, tiny(), good()) == []
    assert run_family(SKILLS, modes_project(), modes_result()) == []


def _person(pid: str, **skills: int) -> Person:
    return Person(id=pid, skills=skills)


MATCHINGS = [
    # (slots, people, slots filled, unmatched people)
    pytest.param(
        [("be", 3), ("qa", 3)],
        [_person("both", be=4, qa=4), _person("back", be=4)],
        2,
        [],
        id="augmenting path moves 'both' to qa",
    ),
    pytest.param(
        [("be", 3), ("qa", 3)],
        [_person("back", be=4), _person("back2", be=5)],
        1,
        ["back2"],
        id="two people for one slot",
    ),
    pytest.param(
        [("qa", 3), ("qa", 3)],
        [_person("a", qa=3), _person("b", qa=2)],
        1,
        ["b"],
        id="level below the slot",
    ),
    pytest.param([], [_person("a", qa=3)], 0, ["a"], id="no slots"),
    pytest.param([("qa", 1)], [], 0, [], id="nobody"),
]


@pytest.mark.parametrize(("slots", "people", "filled", "left"), MATCHINGS)
def test_matching(
    slots: list[tuple[str, int]],
    people: list[Person],
    filled: int,
    left: list[str],
) -> None:
    got_filled, got_left = skills.matching(slots, people)
    assert got_filled == filled
    assert [p.id for p in got_left] == left
