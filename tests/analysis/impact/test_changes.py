"""What-if changes (``plansat.analysis.impact.changes``): reading them,
applying them to a new project, and the rules they must keep.

Projects start Monday 2025-06-02 (Mon-Fri): day k is the (k % 5)-th
weekday of week k // 5.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from plansat import Project
from plansat.analysis.impact.changes import (
    AddPerson,
    Capacity,
    ChangeError,
    Deadline,
    Delay,
    Duration,
    NeedLevel,
    RemovePerson,
    Unavailable,
    apply,
    parse,
    parse_all,
)
from tests.helpers import make


def project(**fields: Any) -> Project:
    """A (5 days, crash to 3, estimate 4/5/7, backend >= 4) -> B (2 days,
    pinned to ann); ann and ben; one rig."""
    tasks = [
        {"id": "A", "duration": 5, "needs": [{"skill": "backend",
                                              "level": 4}],
         "crash": {"duration": 3, "cost_per_day": 10},
         "estimate": {"optimistic": 4, "likely": 5, "pessimistic": 7}},
        {"id": "B", "duration": 2, "after": ["A"], "assigned": ["ann"],
         "uses": {"rig": 1}},
    ]
    people = [{"id": "ann", "skills": {"backend": 5}},
              {"id": "ben", "skills": {"backend": 3}}]
    return make(tasks, people=people,
                resources=[{"id": "rig", "capacity": 1}], **fields)


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        ("delay", "A:3", Delay("A", 3)),
        ("--delay", "A:B:3", Delay("A:B", 3)),  # ids may hold colons
        ("duration", "A:7", Duration("A", 7)),
        ("unavailable", "ann:2025-06-03:2025-06-05",
         Unavailable("ann", date(2025, 6, 3), date(2025, 6, 5))),
        ("remove-person", "ann", RemovePerson("ann")),
        ("remove-person", "ann:2025-06-09",
         RemovePerson("ann", date(2025, 6, 9))),
        ("capacity", "rig:2", Capacity("rig", 2)),
        ("deadline", "2025-07-01", Deadline(date(2025, 7, 1))),
        ("need", "A:backend:3", NeedLevel("A", "backend", 3)),
    ],
)
def test_parse(kind: str, text: str, expected: object) -> None:
    assert parse(kind, text) == expected


@pytest.mark.parametrize(
    ("kind", "text", "message"),
    [
        ("delay", "A", "--delay A: expected TASK:DAYS"),
        ("delay", "A:x", "--delay A:x: expected TASK:DAYS"),
        ("unavailable", "ann:2025-06-03",
         r"expected PERSON:FROM:TO \(dates as YYYY-MM-DD\)"),
        ("deadline", "tomorrow", "expected DATE"),
        ("need", "A:3", "expected TASK:SKILL:LEVEL"),
        ("crash", "A:1", "--crash: unknown change"),
    ],
)
def test_parse_errors(kind: str, text: str, message: str) -> None:
    with pytest.raises(ChangeError, match=message):
        parse(kind, text)


def test_parse_all_takes_strings_and_changes() -> None:
    out = parse_all(["--delay A:2", "capacity rig:3", Deadline(
        date(2025, 7, 1))])
    assert out == [Delay("A", 2), Capacity("rig", 3),
                   Deadline(date(2025, 7, 1))]
    with pytest.raises(ChangeError) as err:
        parse_all(["--delay A", "--capacity rig"])
    assert len(err.value.errors) == 2


def test_apply_returns_a_new_project_and_keeps_the_old_one() -> None:
    p = project()
    before = p.model_dump()
    q = apply(p, [Delay("A", 2), Unavailable("ben", date(2025, 6, 3),
                                             date(2025, 6, 4)),
                  Capacity("rig", 2)])
    assert p.model_dump() == before
    assert q is not p
    assert q.task("A").duration == 7 and p.task("A").duration == 5


def test_delay_grows_the_work_and_the_crash_floor() -> None:
    a = apply(project(), [Delay("A", 2)]).task("A")
    # 5 + 2 days; the crash floor 3 + 2 keeps 2 crashable days
    assert a.duration == 7 and a.crash is not None
    assert a.crash.duration == 5
    assert a.estimate is not None
    assert (a.estimate.optimistic, a.estimate.likely,
            a.estimate.pessimistic) == (6, 7, 9)


def test_delay_of_a_task_in_progress_grows_its_remaining_work() -> None:
    p = make([{"id": "A", "duration": 5, "progress": {
        "actual_start": "2025-06-02", "remaining": 3}}],
        status_date="2025-06-04")
    a = apply(p, [Delay("A", 2)]).task("A")
    assert a.progress is not None and a.progress.remaining == 5


def test_duration_keeps_the_crashable_days() -> None:
    # 2 crashable days (5 -> 3): 8 days crash to 6
    a = apply(project(), [Duration("A", 8)]).task("A")
    assert a.duration == 8 and a.crash is not None
    assert a.crash.duration == 6
    # 2 days leave no room to crash 2 days (the floor would be 0)
    assert apply(project(), [Duration("A", 2)]).task("A").crash is None


def test_removal_is_away_to_the_horizon_and_unpins() -> None:
    p = project()
    q = apply(p, [RemovePerson("ann", date(2025, 6, 4))])
    away = q.person("ann").unavailable[-1]
    assert away.start == date(2025, 6, 4)
    # from day 2 on, past the crude horizon of the project (9 days)
    assert q.work_calendar.index_on_or_after(away.end) == 2 + (
        p.crude_horizon)
    assert q.task("B").assigned == []
    # without a date: from the project start
    r = apply(p, [RemovePerson("ben")])
    assert r.person("ben").unavailable[-1].start == p.start


def test_add_person_from_a_dict_and_a_file(tmp_path: Path) -> None:
    extra = {"id": "cy", "skills": {"backend": 4}, "rate": 300}
    q = apply(project(), [AddPerson(extra)])
    assert q.person("cy").rate == 300
    path = tmp_path / "cy.json"
    path.write_text(json.dumps(extra))
    assert apply(project(), [AddPerson.from_file(path)]).person(
        "cy").skills == {"backend": 4}


def test_capacity_deadline_and_need() -> None:
    q = apply(project(), [Capacity("rig", 3), Deadline(date(2025, 7, 1)),
                          NeedLevel("A", "backend", 3)])
    assert q.resources[0].capacity == 3
    assert q.deadline == date(2025, 7, 1)
    assert q.task("A").needs[0].level == 3
    assert [p.id for p in q.qualified(q.task("A"), q.task("A").needs[0])
            ] == ["ann", "ben"]


def test_need_applies_to_every_mode() -> None:
    p = make([{"id": "A", "modes": [
        {"duration": 3, "needs": [{"skill": "s", "level": 4}]},
        {"duration": 5, "needs": [{"skill": "s", "level": 2}]}]}],
        people=[{"id": "ann", "skills": {"s": 4}}])
    q = apply(p, [NeedLevel("A", "s", 1)])
    assert [m.needs[0].level for m in q.task("A").modes] == [1, 1]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (Delay("Z", 1), r"^--delay Z:1: no task 'Z' in the project$"),
        (Delay("A", -2), r"--delay A:-2: a delay can't be negative"),
        (Duration("A", -1), "a duration must be 0 to"),
        (Unavailable("zed", date(2025, 6, 3), date(2025, 6, 4)),
         "no person 'zed' in the project"),
        (Unavailable("ann", date(2025, 5, 1), date(2025, 6, 4)),
         "2025-05-01 is before the project start 2025-06-02"),
        (Unavailable("ann", date(2025, 6, 3), date(2030, 1, 1)),
         "2030-01-01 is more than 8 working days after the end of the "
         "project.s horizon 2025-06-12"),
        (Unavailable("ann", date(2025, 6, 5), date(2025, 6, 3)),
         "the end 2025-06-03 is before the start 2025-06-05"),
        (RemovePerson("zed"), "no person 'zed'"),
        (RemovePerson("ann", date(2020, 1, 1)), "before the project start"),
        (AddPerson({"id": "ann"}), "a person 'ann' is already in the"),
        (AddPerson({"id": "cy", "rate": -1}), r"rate: .*greater than"),
        (Capacity("pool", 1), "no resource 'pool' in the project"),
        (Capacity("rig", 0), "a capacity must be >= 1"),
        (Deadline(date(2025, 5, 1)), "before the project start"),
        (NeedLevel("A", "qa", 2), "A has no need for 'qa'"),
        (NeedLevel("A", "backend", 11), "a level must be 1 to 10"),
    ],
)
def test_bad_changes(change: Any, message: str) -> None:
    with pytest.raises(ChangeError, match=message):
        apply(project(), [change])


def test_an_absence_may_end_past_the_horizon_it_extends() -> None:
    # The project's crude horizon ends Thu 2025-06-12 (day 8: A 5 + B 2
    # + 1).  A week away from Wed 06-11 ends Tue 06-17, past it: the
    # absence extends the horizon (its end counts in the changed
    # project's crude horizon) instead of being refused (issue 26: the
    # blockers' "a week away" what-if failed on a tiny project).
    p = project()
    assert p.work_calendar.date_of(p.crude_horizon) == date(2025, 6, 12)
    q = apply(p, [Unavailable("ann", date(2025, 6, 11), date(2025, 6, 17))])
    assert q.work_calendar.date_of(q.crude_horizon) > date(2025, 6, 17)
    assert [(r.start, r.stop) for r in q.blocked_days(q.person("ann"))
            ] == [(7, 12)]  # Wed 06-11 (day 7) to Tue 06-17 (day 11)


def test_all_bad_changes_are_reported_at_once() -> None:
    with pytest.raises(ChangeError) as err:
        apply(project(), [Delay("Z", 1), Delay("A", -1),
                          Capacity("rig", 0)])
    assert [line.split(":")[0] for line in err.value.errors] == [
        "--delay Z", "--delay A", "--capacity rig"]


def test_a_change_that_breaks_a_project_rule_names_both() -> None:
    # a task with needs can't become a milestone
    with pytest.raises(ChangeError, match=(
            r"after --duration A:0: tasks\[0\]\.needs: a milestone")):
        apply(project(), [Duration("A", 0)])


def test_the_past_cant_change() -> None:
    p = make([{"id": "A", "duration": 2, "progress": {
        "actual_start": "2025-06-02", "actual_finish": "2025-06-03"}},
        {"id": "B", "duration": 2, "after": ["A"]}],
        people=[{"id": "ann"}], status_date="2025-06-05")
    with pytest.raises(ChangeError, match="A is done"):
        apply(p, [Delay("A", 1)])
    with pytest.raises(ChangeError,
                       match="before the status date 2025-06-05"):
        apply(p, [Unavailable("ann", date(2025, 6, 3), date(2025, 6, 6))])


def test_describe() -> None:
    p = project()
    assert Delay("A", 2).describe(p) == "A finishes 2 working day(s) later"
    assert Capacity("rig", 2).describe(p) == "rig has 2 unit(s) (was 1)"
    assert RemovePerson("ben").describe(p) == (
        "ben leaves the project on 2025-06-02")
    assert NeedLevel("A", "backend", 3).describe(p) == (
        "A accepts backend >= 3 (was 4)")
