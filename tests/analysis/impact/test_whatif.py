"""What-if impact (``plansat.analysis.impact.what_if.what_if``): the propagated
answer (the plan held, no solver) and the recovered one (the optimal
re-plan), with hand-derived values.

Projects start Monday 2025-06-02 (Mon-Fri): day k is the (k % 5)-th
weekday of week k // 5; day 5 is Mon 9 Jun, day 10 Mon 16 Jun.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from plansat import Project, Result, SolveStatus
from plansat.analysis.impact.changes import (
    AddPerson,
    Capacity,
    ChangeError,
    Deadline,
    Delay,
    NeedLevel,
    RemovePerson,
    Unavailable,
    apply,
)
from plansat.analysis.impact.what_if import propagate, what_if
from plansat.check import violations
from plansat.models.impact import WhatIf
from plansat.schedule.evaluate import build_result
from plansat.schedule.plan import Plan
from tests.helpers import make, solved

LIMIT: dict[str, Any] = {"time_limit": 10, "workers": 1}


def hand_plan(
    project: Project, starts: dict[str, int],
    people: dict[str, list[str]] | None = None,
    durations: dict[str, int] | None = None,
) -> Result:
    """A hand-made plan (a valid one: checked)."""
    plan = Plan()
    for t in project.tasks:
        plan.start[t.id] = starts[t.id]
        plan.duration[t.id] = (durations or {}).get(t.id, t.duration)
        plan.people[t.id] = [list((people or {}).get(t.id, []))]
    result = build_result(project, plan, SolveStatus.FEASIBLE, "time",
                          None, None, 0.0)
    assert violations(project, result) == []
    return result


def checked(project: Project, answer: WhatIf, changes: list[Any]) -> None:
    """The recovered plan is a clean schedule of the changed project."""
    assert answer.plan is not None
    assert violations(apply(project, changes), answer.plan) == []


# -- slips: free float, critical, near-critical ----------------------------


@pytest.fixture
def floats() -> tuple[Project, Result]:
    """A(6) -> C(2); B(2) -> D(1) -> C; E(1) -> C; overhead 100 a day.

    Plan: A 0-6, B 0-2, D 2-3, E 0-1, C 6-8 (makespan 8).  E has 5 days
    of free float (C starts at 6); B has no free float (D follows at 2)
    but 3 days of total float (6 - 3).
    """
    p = make([
        {"id": "A", "duration": 6},
        {"id": "B", "duration": 2},
        {"id": "D", "duration": 1, "after": ["B"]},
        {"id": "E", "duration": 1},
        {"id": "C", "duration": 2, "after": ["A", "D", "E"]},
    ], overhead_per_day=100)
    return p, hand_plan(p, {"A": 0, "B": 0, "D": 2, "E": 0, "C": 6})


def test_slip_within_free_float_delays_nothing(
    floats: tuple[Project, Result],
) -> None:
    p, r = floats
    changes = [Delay("E", 5)]
    w = what_if(p, r, changes, **LIMIT)
    assert w.baseline.makespan == 8
    assert w.propagated.delay == 0 and w.propagated.cost_delta == 0
    assert [(m.id, m.delta_start, m.delta_finish)
            for m in w.propagated.moved] == [("E", 0, 5)]
    assert w.recovered.delay == 0 and w.recovery is None
    checked(p, w, changes)


def test_critical_slip_delays_by_k(floats: tuple[Project, Result]) -> None:
    p, r = floats
    changes = [Delay("A", 4)]
    w = what_if(p, r, changes, **LIMIT)
    # A 0-10, C 10-12: 4 days later, 4 x 100 more overhead
    assert w.propagated.delay == 4 and w.propagated.makespan == 12
    assert w.propagated.cost_delta == 400
    assert w.propagated.finish_date == date(2025, 6, 17)  # day 11
    assert w.recovered.status == SolveStatus.OPTIMAL
    assert w.recovered.delay == 4  # nothing can shorten A
    checked(p, w, changes)


def test_near_critical_slip_delays_by_k_minus_float(
    floats: tuple[Project, Result],
) -> None:
    p, r = floats
    changes = [Delay("B", 5)]
    # B 0-7, D 7-8, C 8-10: k - f = 5 - 3 = 2
    w = what_if(p, r, changes, **LIMIT)
    assert w.propagated.delay == 2
    assert {m.id: m.delta_start for m in w.propagated.moved} == {
        "B": 0, "D": 5, "C": 2}
    assert w.recovered.delay == 2
    checked(p, w, changes)


def test_propagation_alone_needs_no_solver(
    floats: tuple[Project, Result],
) -> None:
    p, r = floats
    out = propagate(p, r, [Delay("E", 6)])
    assert out.delay == 1 and out.cost == r.cost.total + 100


# -- absences and substitutes ----------------------------------------------


def team(**fields: Any) -> Project:
    """X (5 days, s >= 4: only ann) -> B (3); Y (6 days, s >= 3: ann or
    ben).  The optimum: ann X 0-5, B 5-8, ben Y: makespan 8."""
    return make([
        {"id": "X", "duration": 5, "needs": [{"skill": "s", "level": 4}]},
        {"id": "B", "duration": 3, "after": ["X"]},
        {"id": "Y", "duration": 6, "needs": [{"skill": "s", "level": 3}]},
    ], people=[{"id": "ann", "skills": {"s": 4}, "rate": 100},
               {"id": "ben", "skills": {"s": 3}, "rate": 80}], **fields)


ANN_AWAY = Unavailable("ann", date(2025, 6, 2), date(2025, 6, 4))  # 0-2


def test_absence_of_the_only_qualified_person_delays_by_k() -> None:
    p = team()
    r = solved(p, **LIMIT)
    assert r.makespan == 8 and r.task("X").people == ["ann"]
    changes = [ANN_AWAY]
    w = what_if(p, r, changes, **LIMIT)
    # X can't start before day 3: X 3-8, B 8-11
    assert w.propagated.delay == 3
    # no one else can do X: re-planning can't help
    assert w.recovered.status == SolveStatus.OPTIMAL
    assert w.recovered.delay == 3
    assert w.replanning_saves == 0
    checked(p, w, changes)


def test_a_lower_level_substitute_recovers_part_of_it() -> None:
    p = team()
    r = solved(p, **LIMIT)
    changes = [ANN_AWAY, NeedLevel("X", "s", 3)]
    w = what_if(p, r, changes, **LIMIT)
    # the plan held: ann still does X, 3 days late
    assert w.propagated.delay == 3 and w.propagated.cost_delta == 0
    # re-planned: ben X 0-5, B 5-8, ann (back on day 3) Y 3-9 ->
    # makespan 9; ann doing X (3-8) ends B at 11, ben doing both at 11
    assert w.recovered.status == SolveStatus.OPTIMAL
    assert w.recovered.delay == 1 and w.replanning_saves == 2
    # labour: ben X 5 x 80 + ann Y 6 x 100 = 1,000 against 980
    assert w.recovered.cost_delta == 20
    swaps = {c.task: (c.before, c.after) for c in w.recovered.changes
             if c.kind == "people"}
    assert swaps == {"X": (["ann"], ["ben"]), "Y": (["ben"], ["ann"])}
    checked(p, w, changes)


def test_removed_person_stops_the_plan_and_the_replan_says_why() -> None:
    p = team()
    r = solved(p, **LIMIT)
    changes = [RemovePerson("ann")]
    w = what_if(p, r, changes, **LIMIT)
    assert w.propagated.makespan is None and w.propagated.delay is None
    assert [line.split(":")[0] for line in w.propagated.stuck] == ["X"]
    assert w.recovered.status == SolveStatus.INFEASIBLE
    assert w.recovered.explanation is not None
    assert "ann" in w.recovered.explanation
    assert w.recovery is not None and not w.recovery.met


def test_removed_person_with_a_substitute() -> None:
    p = team()
    r = solved(p, **LIMIT)
    changes = [RemovePerson("ann"), NeedLevel("X", "s", 3)]
    w = what_if(p, r, changes, **LIMIT)
    # ben alone: X 0-5, B 5-8, Y 5-11 -> 11, 3 days late
    assert w.recovered.status == SolveStatus.OPTIMAL
    assert w.recovered.delay == 3
    checked(p, w, changes)


# -- more people, pools, deadlines, recovery -------------------------------


def test_one_more_person_finishes_earlier() -> None:
    # P and Q (4 days each, s) and one person: 0-4, 4-8
    p = make([{"id": "P", "duration": 4, "needs": [{"skill": "s"}]},
              {"id": "Q", "duration": 4, "needs": [{"skill": "s"}]}],
             people=[{"id": "ann", "skills": {"s": 1}}])
    r = solved(p, **LIMIT)
    changes = [AddPerson({"id": "cy", "skills": {"s": 1}})]
    w = what_if(p, r, changes, **LIMIT)
    assert w.propagated.delay == 0  # the plan doesn't use cy
    assert w.recovered.delay == -4 and w.replanning_saves == 4
    checked(p, w, changes)


def test_smaller_pool_stops_the_plan() -> None:
    # P and Q (3 days) share rig (2 units) side by side; with 1 unit they
    # run one after the other
    p = make([{"id": "P", "duration": 3, "uses": {"rig": 1}},
              {"id": "Q", "duration": 3, "uses": {"rig": 1}}],
             resources=[{"id": "rig", "capacity": 2}])
    r = solved(p, **LIMIT)
    changes = [Capacity("rig", 1)]
    w = what_if(p, r, changes, **LIMIT)
    assert w.propagated.delay is None
    assert any("over capacity" in line for line in w.propagated.stuck)
    assert w.recovered.delay == 3
    checked(p, w, changes)


def test_too_early_a_deadline_is_proven_short() -> None:
    p, r = _chain()
    # deadline Thu 5 Jun (day 3): the shortest plan, A crashed to 3 and
    # B 4, ends day 7 -> short by 7 - 4 = 3
    changes = [Deadline(date(2025, 6, 5))]
    w = what_if(p, r, changes, **LIMIT)
    assert w.propagated.missed and w.propagated.delay == 0
    assert w.recovered.status == SolveStatus.INFEASIBLE
    assert w.recovered.conflicts
    assert w.recovery is not None
    assert not w.recovery.met and w.recovery.proven
    assert w.recovery.short_by == 3


def _chain() -> tuple[Project, Result]:
    """A (5, crash to 3 at 100 a day) -> B (4); the hand plan keeps A at 5
    days: A 0-5, B 5-9."""
    p = make([
        {"id": "A", "duration": 5,
         "crash": {"duration": 3, "cost_per_day": 100}},
        {"id": "B", "duration": 4, "after": ["A"]},
    ])
    return p, hand_plan(p, {"A": 0, "B": 5})


def test_cheapest_recovery_crashes_back_to_the_plan() -> None:
    p, r = _chain()
    changes = [Delay("B", 2)]
    w = what_if(p, r, changes, **LIMIT)
    # held: B 5-11, 2 days late; A crashed by 2 (200) restores day 9
    assert w.propagated.delay == 2
    assert w.recovered.delay == 0
    assert w.recovery is not None and w.recovery.met
    assert w.recovery.target == date(2025, 6, 12)  # day 8
    assert w.recovery.crashed == {"A": 2}
    assert w.recovery.direct_cost == 200 and w.recovery.proven
    checked(p, w, changes)


def test_solves_first_without_a_plan_and_leaves_inputs_alone() -> None:
    p = team()
    before = p.model_dump()
    w = what_if(p, None, ["--unavailable ann:2025-06-02:2025-06-04"],
                **LIMIT)
    assert w.baseline.makespan == 8 and w.propagated.delay == 3
    assert p.model_dump() == before


def test_bad_what_ifs() -> None:
    p = team()
    with pytest.raises(ValueError, match="at least one change"):
        what_if(p, None, [], **LIMIT)
    with pytest.raises(ChangeError, match="--delay Z:1: no task 'Z'"):
        what_if(p, None, ["--delay Z:1"], **LIMIT)


@pytest.fixture
def limits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The ``max_time_in_seconds`` of every CP-SAT solve that runs."""
    from ortools.sat.python import cp_model

    seen: list[float] = []
    real = cp_model.CpSolver.solve

    def spy(self: cp_model.CpSolver, *args: Any, **kwargs: Any) -> Any:
        seen.append(self.parameters.max_time_in_seconds)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(cp_model.CpSolver, "solve", spy)
    return seen


def test_every_solve_draws_from_one_budget(limits: list[float]) -> None:
    # no plan given: the solve takes a third of 4 s; the slip then
    # leaves half of what is left to the re-plan, the rest to recovery
    p, _ = _chain()
    w = what_if(p, None, [Delay("B", 2)], time_limit=4, workers=1)
    assert w.recovery is not None
    assert len(limits) >= 3
    assert limits[0] <= 4 / 3
    assert max(limits) <= 4 / 2


def test_a_replan_out_of_time_falls_back_to_the_held_plan(
    monkeypatch: pytest.MonkeyPatch, floats: tuple[Project, Result],
) -> None:
    # a re-plan that found nothing in its time: the held plan (a schedule
    # of the changed project) is reported instead, FEASIBLE
    from plansat.analysis.impact import what_if as impact
    from plansat.models.impact import Recovered

    def nothing(*_: Any, **__: Any) -> tuple[Recovered, Result]:
        return (Recovered(status=SolveStatus.UNKNOWN),
                Result(status=SolveStatus.UNKNOWN))

    monkeypatch.setattr(impact, "recover", nothing)
    p, r = floats
    changes = [Delay("B", 5)]
    w = what_if(p, r, changes, **LIMIT)
    assert w.recovered.status == SolveStatus.FEASIBLE
    assert w.recovered.delay == w.propagated.delay == 2
    assert w.recovered.note is not None and w.replanning_saves == 0
    checked(p, w, changes)


def test_the_plan_stays_out_of_the_schema() -> None:
    # The recovered plan travels with the answer (plansat whatif --out)
    # but is no part of its JSON or its schema (the MCP tool's output
    # schema stays small).
    from plansat.models.impact import Propagated, WhatIf

    for model in (WhatIf, Propagated):
        assert "plan" not in model.model_json_schema()["properties"]
