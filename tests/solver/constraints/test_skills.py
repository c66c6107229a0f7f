"""The skills family alone: every need slot filled, pins honoured.

Each model is the variables registry of a tiny project (which creates a
slot literal per qualified person) plus ``skills.add`` only; the
assignments are derived by hand.
"""

from __future__ import annotations

from typing import Any

from plansat.solver.constraints import skills
from plansat.solver.strengthenings import NONE
from plansat.solver.variables import Variables
from tests.helpers import make
from tests.helpers.cpsat import kinds, minimize, posted, status

HORIZON = 10


def person(pid: str, **levels: int) -> dict[str, Any]:
    return {"id": pid, "skills": levels}


def people_on(v: Variables, task_id: str, solver: Any) -> list[str]:
    """Who works on ``task_id`` in the solver's solution."""
    return sorted(
        pid for (t, pid), works in v.works.items()
        if t == task_id and solver.value(works)
    )


def test_one_linear_constraint_per_need_and_per_pin() -> None:
    # A: two needs (backend, qa); B: one need and a pin -> 3 + 1.
    p = make(
        [
            {"id": "A", "duration": 2,
             "needs": [{"skill": "backend"}, {"skill": "qa"}]},
            {"id": "B", "duration": 2, "needs": [{"skill": "qa"}],
             "assigned": ["q"]},
        ],
        people=[person("b", backend=1), person("q", qa=1),
                person("r", qa=1)],
    )
    v = Variables.create(p, HORIZON)
    assert len(v.candidates) == 3
    assert kinds(posted(skills.add, v)) == ["linear"] * 4


def test_milestones_have_no_slots() -> None:
    p = make([{"id": "M", "duration": 0}], people=[person("q", qa=1)])
    v = Variables.create(p, HORIZON)
    assert v.candidates == {}
    assert posted(skills.add, v) == []


def test_count_two_takes_both_qualified_people() -> None:
    # backend >= 2 twice: a (3) and b (4) qualify, c (1) has no slot at
    # all; two slots and two candidates -> both a and b.
    p = make(
        [{"id": "A", "duration": 3,
          "needs": [{"skill": "backend", "level": 2, "count": 2}]}],
        people=[person("a", backend=3), person("b", backend=4),
                person("c", backend=1)],
    )
    v = Variables.create(p, HORIZON)
    assert v.candidates == {("A", 0, 0): ["a", "b"]}
    skills.add(v, NONE)
    solver = minimize(v.model, 0)
    assert people_on(v, "A", solver) == ["a", "b"]


def test_one_person_fills_one_slot_of_a_task() -> None:
    # a can do backend and frontend, b backend only: a can't fill both
    # slots, so b takes backend and a frontend.
    p = make(
        [{"id": "A", "duration": 2,
          "needs": [{"skill": "backend"}, {"skill": "frontend"}]}],
        people=[person("a", backend=5, frontend=5), person("b", backend=1)],
    )
    v = Variables.create(p, HORIZON)
    skills.add(v, NONE)
    solver = minimize(v.model, 0)
    assert solver.value(v.slot["A", 0, 0, "b"]) == 1
    assert solver.value(v.slot["A", 0, 1, "a"]) == 1
    assert solver.value(v.slot["A", 0, 0, "a"]) == 0


def test_a_pin_forces_the_person_in() -> None:
    # cheap and pricey both qualify for A's one qa slot; minimising
    # pricey's presence would leave it to cheap, but pricey is pinned.
    p = make(
        [{"id": "A", "duration": 3, "needs": [{"skill": "qa"}],
          "assigned": ["pricey"]}],
        people=[person("cheap", qa=3), person("pricey", qa=3)],
    )
    v = Variables.create(p, HORIZON)
    skills.add(v, NONE)
    solver = minimize(v.model, v.works["A", "pricey"])
    assert solver.objective_value == 1
    assert people_on(v, "A", solver) == ["pricey"]


def test_the_chosen_mode_decides_the_slots() -> None:
    # T: fast (2 developers) or slow (1 developer).  The fewest people
    # on T is 1, in the slow mode (mode 1).
    p = make(
        [{"id": "T", "modes": [
            {"duration": 2, "needs": [{"skill": "dev", "count": 2}]},
            {"duration": 4, "needs": [{"skill": "dev"}]},
        ]}],
        people=[person("alice", dev=3), person("bob", dev=2)],
    )
    v = Variables.create(p, HORIZON)
    skills.add(v, NONE)
    solver = minimize(v.model, sum(v.works.values()))
    assert solver.objective_value == 1
    assert solver.value(v.mode["T", 1]) == 1
    # Forcing the fast mode takes both developers.
    w = Variables.create(p, HORIZON)
    skills.add(w, NONE)
    w.model.add(w.mode["T", 0] == 1)
    assert people_on(w, "T", minimize(w.model, 0)) == ["alice", "bob"]


def test_without_the_family_a_need_may_go_unfilled() -> None:
    # The registry alone lets every slot literal be 0; skills.add makes
    # the single qa slot of A mandatory.
    p = make([{"id": "A", "duration": 2, "needs": [{"skill": "qa"}]}],
             people=[person("q", qa=1)])
    bare = Variables.create(p, HORIZON)
    bare.model.add(bare.works["A", "q"] == 0)
    assert status(bare.model) == "OPTIMAL"
    v = Variables.create(p, HORIZON)
    skills.add(v, NONE)
    v.model.add(v.works["A", "q"] == 0)
    assert status(v.model) == "INFEASIBLE"
