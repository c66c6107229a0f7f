"""People's own calendars and splittable tasks, solved by hand.

START is Monday 2025-06-02 on the default Mon-Fri grid: days 0-4 are
2-6 Jun, days 5-9 are 9-13 Jun, days 10-14 are 16-20 Jun, day 20 is
Monday 30 Jun and day 24 Friday 4 Jul.  Every solve goes through the
independent checker (:func:`tests.helpers.solved`).
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

import pytest

from plansat import Project, SolveStatus, replan
from plansat.analysis.tracking.phasing import phase_baseline
from plansat.check import violations
from plansat.schedule.plan import crude_horizon
from plansat.solver.search.strategies import DEFAULT
from tests.conftest import ECOMMERCE
from tests.helpers import make, solved

MON_WED = {"workdays": ["Mon", "Tue", "Wed"]}
DEV = [{"skill": "dev"}]


def by_id(result: Any) -> dict[str, Any]:
    return {t.id: t for t in result.tasks}


def chain(split: bool) -> Project:
    # A (2 days, fay, full-time) -> B (3 days, pat, Mon-Wed).
    return make(
        [
            {"id": "A", "duration": 2, "needs": [{"skill": "a"}]},
            {"id": "B", "duration": 3, "needs": [{"skill": "b"}],
             "after": ["A"], "splittable": split},
        ],
        people=[
            {"id": "fay", "skills": {"a": 1}},
            {"id": "pat", "skills": {"b": 1}, "calendar": MON_WED},
        ],
    )


def test_part_timer_after_full_timer_waits_for_three_days_in_a_row() -> None:
    # A: Mon 2 - Tue 3 Jun, days [0, 2).  B needs pat three days in a
    # row: Wed 4 Jun alone is too short (Thu, Fri off), so Mon 9 - Wed
    # 11 Jun, days [5, 8): makespan 8, B's finish date 11 Jun.
    r = solved(chain(split=False))
    t = by_id(r)
    assert (t["A"].start, t["A"].finish) == (0, 2)
    assert (t["B"].start, t["B"].finish, t["B"].duration) == (5, 8, 3)
    assert t["B"].finish_date == date(2025, 6, 11)
    assert r.makespan == 8


def test_split_part_timer_pauses_over_her_days_off() -> None:
    # Splittable B works Wed 4 Jun (day 2), pauses Thu-Fri (days 3-4),
    # works Mon 9 - Tue 10 Jun (days 5-6): span [2, 7), 3 days worked,
    # finish date 10 Jun; labour counts the 3 days.
    r = solved(chain(split=True))
    b = by_id(r)["B"]
    assert (b.start, b.finish, b.duration) == (2, 7, 3)
    assert b.finish_date == date(2025, 6, 10)
    assert r.makespan == 7


def test_bavarian_and_californian_around_their_public_holidays() -> None:
    # Y may start Mon 9 Jun (day 5), Whit Monday in Bavaria: bea could
    # only run it Tue 10 - Mon 16 Jun (days 6-10), cal runs it days
    # [5, 10).  X may start Mon 30 Jun (day 20); Fri 4 Jul (day 24) is
    # Independence Day in California: bea runs it days [20, 25), cal
    # could only from Mon 7 Jul (day 25).  Optimum: makespan 25.
    p = make(
        [
            {"id": "Y", "duration": 5, "needs": DEV,
             "earliest_start": "2025-06-09"},
            {"id": "X", "duration": 5, "needs": DEV,
             "earliest_start": "2025-06-30"},
        ],
        people=[
            {"id": "bea", "skills": {"dev": 1}, "calendar": {
                "region": {"country": "DE", "subdivision": "BY"}}},
            {"id": "cal", "skills": {"dev": 1}, "calendar": {
                "region": {"country": "US", "subdivision": "CA"}}},
        ],
    )
    r = solved(p)
    t = by_id(r)
    assert (t["Y"].start, t["Y"].people) == (5, ["cal"])
    assert (t["X"].start, t["X"].people) == (20, ["bea"])
    assert r.makespan == 25


def away(split: bool, vacation: bool = True) -> Project:
    # ann is away Mon 9 - Fri 13 Jun (days 5-9).
    return make(
        [{"id": "A", "duration": 10, "needs": DEV, "splittable": split}],
        people=[{"id": "ann", "skills": {"dev": 1}, "unavailable": (
            [{"start": "2025-06-09", "end": "2025-06-13"}]
            if vacation else [])}],
    )


def test_split_task_over_an_absence_ends_five_working_days_later() -> None:
    # Without the absence: days [0, 10), Fri 13 Jun.  With it, A works
    # days 0-4, pauses days 5-9, works days 10-14: [0, 15), Fri 20 Jun.
    plain = by_id(solved(away(split=True, vacation=False)))["A"]
    split = by_id(solved(away(split=True)))["A"]
    assert (plain.start, plain.finish) == (0, 10)
    assert (split.start, split.finish, split.duration) == (0, 15, 10)
    assert split.finish_date == date(2025, 6, 20)


def test_unsplittable_task_waits_for_the_only_person() -> None:
    # Ten days in a row: after the absence, days [10, 20).
    a = by_id(solved(away(split=False)))["A"]
    assert (a.start, a.finish) == (10, 20)


def test_unsplittable_task_goes_to_someone_else_when_that_is_quicker(
) -> None:
    # bob must also do B (5 days, bob only).  bob doing A and B in a
    # row ends on day 15; ann waiting for her absence to end, day 20.
    # Optimum 15, with A on bob.
    p = make(
        [{"id": "A", "duration": 10, "needs": DEV},
         {"id": "B", "duration": 5, "needs": [{"skill": "ops"}]}],
        people=[
            {"id": "ann", "skills": {"dev": 1}, "unavailable": [
                {"start": "2025-06-09", "end": "2025-06-13"}]},
            {"id": "bob", "skills": {"dev": 1, "ops": 1}},
        ],
    )
    r = solved(p)
    assert r.makespan == 15
    assert by_id(r)["A"].people == ["bob"]


def test_split_task_takes_the_quicker_of_two_calendars() -> None:
    # 6 days, pat (Mon-Wed) or fay (Mon-Fri, away days 0-4): pat works
    # days 0-2 and 5-7, span [0, 8); fay days [5, 11).  Optimum 8 (pat).
    p = make(
        [{"id": "A", "duration": 6, "needs": DEV, "splittable": True}],
        people=[
            {"id": "pat", "skills": {"dev": 1}, "calendar": MON_WED},
            {"id": "fay", "skills": {"dev": 1}, "unavailable": [
                {"start": "2025-06-02", "end": "2025-06-06"}]},
        ],
    )
    r = solved(p)
    a = by_id(r)["A"]
    assert (a.start, a.finish, a.duration, a.people) == (0, 8, 6, ["pat"])


def test_split_task_of_two_people_counts_their_common_days() -> None:
    # Two people on a 3-day task: pat (Mon-Wed) and tom (Tue-Fri) share
    # Tue and Wed: days 1, 2, then 6: span [1, 7).
    p = make(
        [{"id": "A", "duration": 3, "needs": [{"skill": "dev", "count": 2}],
          "splittable": True}],
        people=[
            {"id": "pat", "skills": {"dev": 1}, "calendar": MON_WED},
            {"id": "tom", "skills": {"dev": 1}, "calendar": {
                "workdays": ["Tue", "Wed", "Thu", "Fri"]}},
        ],
    )
    a = by_id(solved(p))["A"]
    assert (a.start, a.finish, a.duration) == (1, 7, 3)


def test_two_week_pattern() -> None:
    # pat works Mon-Fri in even weeks, nothing in odd ones (from the
    # start's week): a split 7-day task runs days 0-4 and 10-11.
    p = make(
        [{"id": "A", "duration": 7, "needs": DEV, "splittable": True}],
        people=[{"id": "pat", "skills": {"dev": 1}, "calendar": {
            "weeks": [["Mon", "Tue", "Wed", "Thu", "Fri"], []]}}],
    )
    a = by_id(solved(p))["A"]
    assert (a.start, a.finish, a.duration) == (0, 12, 7)


def proto_hash(p: Project) -> str:
    engine = DEFAULT.engine(p, crude_horizon(p))
    return hashlib.sha256(str(engine.model.proto).encode()).hexdigest()


@pytest.mark.parametrize("change", ["calendar", "splittable"])
def test_people_on_the_project_calendar_build_the_same_model(
    change: str,
) -> None:
    # Giving everyone the project's own calendar, or letting every task
    # split when nobody is ever off, changes nothing in the model.
    data = Project.from_file(ECOMMERCE).model_dump(mode="json",
                                                  exclude_none=True)
    base = Project.from_data(data)
    if change == "calendar":
        for person in data["people"]:
            person["calendar"] = data.get("calendar", {})
            person.pop("unavailable", None)
        for person in data["people"]:  # the same vacations as before
            orig = base.person(person["id"])
            person["unavailable"] = [
                {"start": str(u.start), "end": str(u.end)}
                for u in orig.unavailable
            ]
    else:
        data["splittable"] = True
        for person in data["people"]:
            person.pop("unavailable", None)
        for task in data["tasks"]:  # crashable tasks can't split
            if "crash" in task:
                task["splittable"] = False
        base = Project.from_data({**data, "splittable": False})
    assert proto_hash(Project.from_data(data)) == proto_hash(base)


def test_checker_agrees_on_a_hand_made_split_schedule() -> None:
    r = solved(chain(split=True))
    assert violations(chain(split=True), r) == []
    # The same rows as a plan that doesn't split: pat works Thu-Fri.
    assert any("pat is off" in v for v in violations(chain(split=False), r))


def test_no_run_of_days_long_enough_is_infeasible_not_a_hang() -> None:
    # 60 one-day tasks (so the constructive heuristics run) and a 5-day
    # task that only pat (Mon-Wed) can do, without splitting: no five
    # days in a row, ever.  The heuristics give up; CP-SAT proves it.
    tasks = [{"id": f"T{i}", "duration": 1} for i in range(60)]
    tasks.append({"id": "B", "duration": 5, "needs": DEV})
    p = make(tasks, people=[{"id": "pat", "skills": {"dev": 1},
                             "calendar": MON_WED}])
    r = solved(p, status=SolveStatus.INFEASIBLE)
    assert r.tasks == []
    assert "pat is away or off (their calendar)" in (r.explanation or "")


def test_split_task_reports_its_segments() -> None:
    # B works Wed 4 Jun (day 2) and Mon 9 - Tue 10 Jun (days 5-6).
    b = by_id(solved(chain(split=True)))["B"]
    assert b.segments == [(2, 3), (5, 7)]
    a = by_id(solved(chain(split=False)))["B"]
    assert a.segments is None


def test_replan_resumes_split_work_on_the_people_s_next_days() -> None:
    # Status date Thu 5 Jun (day 3, pat's day off).  B (split, 3 days)
    # began Wed 4 Jun with 2 days left: they run Mon 9 - Tue 10 Jun,
    # days [5, 7).  C (split, 2 days) then works Wed 11 Jun (day 7),
    # pauses Thu-Fri, and Mon 16 Jun (day 10): [7, 11).
    p = make(
        [
            {"id": "A", "duration": 2, "needs": [{"skill": "a"}],
             "progress": {"actual_start": "2025-06-02",
                          "actual_finish": "2025-06-03"}},
            {"id": "B", "duration": 3, "needs": [{"skill": "b"}],
             "after": ["A"], "splittable": True,
             "progress": {"actual_start": "2025-06-04",
                          "percent_complete": 34, "people": ["pat"]}},
            {"id": "C", "duration": 2, "needs": [{"skill": "b"}],
             "after": ["B"], "splittable": True},
        ],
        people=[{"id": "fay", "skills": {"a": 1}},
                {"id": "pat", "skills": {"b": 1}, "calendar": MON_WED}],
        status_date="2025-06-05",
    )
    r = replan(p)
    t = by_id(r)
    assert (t["B"].start, t["B"].finish, t["B"].duration) == (5, 7, 2)
    assert (t["C"].start, t["C"].finish, t["C"].segments) == (
        7, 11, [(7, 8), (10, 11)])
    assert violations(p, r) == []


def test_planned_value_of_a_split_task_falls_on_its_segments() -> None:
    # B (pat, 640 a day) works days 2, 5 and 6: nothing planned on its
    # pauses (days 3-4).
    p = make(
        [{"id": "B", "duration": 3, "needs": DEV, "splittable": True,
          "earliest_start": "2025-06-04"}],
        people=[{"id": "pat", "skills": {"dev": 1}, "rate": 640,
                 "calendar": MON_WED}],
    )
    first, days = phase_baseline(solved(p), p).tasks["B"]
    assert (first, days) == (2, [640.0, 0.0, 0.0, 640.0, 640.0])


RIG = {"id": "rig", "capacity": 1, "calendar": MON_WED}


def test_a_resource_closed_thursdays_and_fridays() -> None:
    # Two 3-day tasks on the one rig (open Mon-Wed): days [0, 3) and,
    # the rig closed on days 3-4, [5, 8): makespan 8.
    p = make(
        [{"id": "A", "duration": 3, "uses": {"rig": 1}},
         {"id": "B", "duration": 3, "uses": {"rig": 1}}],
        resources=[RIG],
    )
    r = solved(p)
    spans = sorted((t.start, t.finish) for t in r.tasks)
    assert spans == [(0, 3), (5, 8)]


def test_a_split_task_pauses_while_its_resource_is_closed() -> None:
    # 4 days on the rig: days 0-2, closed 3-4, day 5: [0, 6).  The other
    # task (2 days, rig too) can't use the pause (the rig is held):
    # after it, Tue-Wed 10-11 Jun, days [6, 8).
    p = make(
        [{"id": "A", "duration": 4, "uses": {"rig": 1},
          "splittable": True},
         {"id": "B", "duration": 2, "uses": {"rig": 1}, "after": ["A"]}],
        resources=[RIG],
    )
    t = by_id(solved(p))
    assert (t["A"].start, t["A"].finish, t["A"].segments) == (
        0, 6, [(0, 3), (5, 6)])
    assert (t["B"].start, t["B"].finish) == (6, 8)


def test_split_task_with_a_part_timer_and_a_resource() -> None:
    # pat works Mon-Wed, the lab is open Tue-Fri: together Tue and Wed.
    # 3 days: days 1, 2 and 6 (Tue 10 Jun): [1, 7).
    p = make(
        [{"id": "A", "duration": 3, "needs": DEV, "uses": {"lab": 1},
          "splittable": True}],
        people=[{"id": "pat", "skills": {"dev": 1}, "calendar": MON_WED}],
        resources=[{"id": "lab", "capacity": 1, "calendar": {
            "workdays": ["Tue", "Wed", "Thu", "Fri"]}}],
    )
    a = by_id(solved(p))["A"]
    assert (a.start, a.finish, a.segments) == (1, 7, [(1, 3), (6, 7)])


def test_actual_cost_of_split_work_counts_the_days_worked() -> None:
    # B (pat, 640 a day, Mon-Wed) began Wed 4 Jun; status date Tue 10
    # Jun (day 6): it worked Wed 4 and Mon 9 Jun (days 2 and 5), not the
    # Thursday and Friday between: 2 x 640 spent.
    p = make(
        [{"id": "B", "duration": 5, "needs": DEV, "splittable": True,
          "progress": {"actual_start": "2025-06-04",
                       "percent_complete": 40, "people": ["pat"]}}],
        people=[{"id": "pat", "skills": {"dev": 1}, "rate": 640,
                 "calendar": MON_WED}],
        status_date="2025-06-10",
    )
    r = replan(p)
    assert r.cost.actual == 1280
    assert violations(p, r) == []
