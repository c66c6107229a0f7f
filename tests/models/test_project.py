"""Project validation: every rule, file-level errors, round trips.

The bad-input table starts from the small project of ``conftest.py``::

    start Mon 2025-06-02, Mon-Fri, holiday Mon 2025-06-09
    people    [0] alice {backend 4, qa 3}   [1] bob {backend 2, frontend 5}
    resources [0] rig (capacity 1)
    tasks     [0] A 3d backend>=3
              [1] B 2d after A, frontend>=4, uses rig 1
              [2] M milestone after B

and breaks one rule per case.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plansat.models import Dependency, Project, ProjectError
from plansat.models.calendar import WEEKDAYS
from plansat.models.matching import match_slots
from plansat.models.project import MAX_LAG

Data = dict[str, Any]
Mutator = Callable[[Data], object]


def _set(path: str, value: Any) -> Mutator:
    """Mutator that sets ``data[path]`` (dotted, ints index lists)."""

    def mutate(data: Data) -> None:
        *parents, last = [
            int(p) if p.isdigit() else p for p in path.split(".")
        ]
        node: Any = data
        for p in parents:
            node = node[p]
        node[last] = value

    return mutate


def _del(path: str) -> Mutator:
    """Mutator that deletes ``data[path]``."""

    def mutate(data: Data) -> None:
        *parents, last = [
            int(p) if p.isdigit() else p for p in path.split(".")
        ]
        node: Any = data
        for p in parents:
            node = node[p]
        del node[last]

    return mutate


def _all(*mutators: Mutator) -> Mutator:
    def mutate(data: Data) -> None:
        for m in mutators:
            m(data)

    return mutate


def _append(path: str, value: Any) -> Mutator:
    def mutate(data: Data) -> None:
        node: Any = data
        for p in path.split("."):
            node = node[int(p) if p.isdigit() else p]
        node.append(value)

    return mutate


CAROL = {"id": "carol", "skills": {"backend": 5}}

# (case id, mutation of the small project, the full expected error line)
BAD_INPUT: list[tuple[str, Mutator, str]] = [
    # -- unknown fields, with their path --
    (
        "unknown top-level field",
        _set("colour", "red"),
        "colour: unknown field (not in the project contract)",
    ),
    (
        "unknown task field",
        _set("tasks.0.owner", "alice"),
        "tasks[0].owner: unknown field (not in the project contract)",
    ),
    (
        "unknown dependency field",
        _set("tasks.1.after", [{"task": "A", "kind": "FS"}]),
        "tasks[1].after[0].kind: unknown field (not in the project contract)",
    ),
    (
        "unknown calendar field",
        _set("calendar.weekends", ["Sat"]),
        "calendar.weekends: unknown field (not in the project contract)",
    ),
    # -- missing required fields --
    ("missing start", _del("start"), "start: required field is missing"),
    ("missing tasks", _del("tasks"), "tasks: required field is missing"),
    (
        "missing duration",
        _del("tasks.0.duration"),
        "tasks[0].duration: required field is missing",
    ),
    (
        "missing task id",
        _del("tasks.2.id"),
        "tasks[2].id: required field is missing",
    ),
    (
        "missing capacity",
        _del("resources.0.capacity"),
        "resources[0].capacity: required field is missing",
    ),
    (
        "missing need skill",
        _set("tasks.0.needs", [{"level": 2}]),
        "tasks[0].needs[0].skill: required field is missing",
    ),
    # -- wrong types --
    (
        "duration not a number",
        _set("tasks.0.duration", "five"),
        "tasks[0].duration: Input should be a valid integer",
    ),
    (
        "fractional duration",
        _set("tasks.0.duration", 2.5),
        "tasks[0].duration: Input should be a valid integer",
    ),
    (
        "people not a list",
        _set("people", {"alice": {}}),
        "people: Input should be a valid list",
    ),
    (
        "skills not a mapping",
        _set("people.0.skills", ["backend"]),
        "people[0].skills: Input should be a valid dictionary",
    ),
    (
        "after entry a number",
        _set("tasks.1.after", [7]),
        "tasks[1].after[0]: Input should be a valid dictionary",
    ),
    (
        "empty id",
        _set("tasks.0.id", ""),
        "tasks[0].id: String should have at least 1 character",
    ),
    # -- duplicate ids --
    (
        "duplicate task id",
        _set("tasks.2.id", "A"),
        "tasks[2].id: duplicate task id 'A' (also tasks[0])",
    ),
    (
        "duplicate person id",
        _set("people.1.id", "alice"),
        "people[1].id: duplicate person id 'alice' (also people[0])",
    ),
    (
        "duplicate resource id",
        _append("resources", {"id": "rig", "capacity": 2}),
        "resources[1].id: duplicate resource id 'rig' (also resources[0])",
    ),
    # -- dependencies --
    (
        "unknown task in after",
        _append("tasks", {"id": "D", "duration": 1, "after": ["T099"]}),
        "tasks[3].after[0]: unknown task 'T099'",
    ),
    (
        "self dependency",
        _set("tasks.0.after", ["A"]),
        "tasks[0].after[0]: task 'A' can't depend on itself",
    ),
    (
        "lag above MAX_LAG",
        _set("tasks.1.after", [{"task": "A", "lag": MAX_LAG + 1}]),
        f"tasks[1].after[0].lag: Input should be less than or equal to "
        f"{MAX_LAG}",
    ),
    (
        "lead beyond -MAX_LAG",
        _set("tasks.1.after", [{"task": "A", "type": "SS", "lag": -5001}]),
        "tasks[1].after[0].lag: Input should be greater than or equal to "
        "-5000",
    ),
    (
        # A plain lead longer than A (lag -4) is valid, as in MS Project
        # (tests/models/test_leads.py); fast-tracking is bounded: 4 days
        # of overlap after a lag of 0 would overlap all of A's 3 and more.
        "FS overlap above the predecessor's duration",
        _set("tasks.1.after", [{"task": "A", "max_overlap": 4}]),
        "tasks[1].after[0].max_overlap: 4 days of fast-tracking after a "
        "lag of 0 overlap 4 days of A, which lasts 3; fast-tracking "
        "overlaps at most all of the predecessor (a longer lead is a "
        "negative lag)",
    ),
    (
        "max_overlap on an SS link",
        _set("tasks.1.after", [{"task": "A", "type": "SS", "max_overlap": 1}]),
        "tasks[1].after[0]: max_overlap applies to FS links only, not SS",
    ),
    (
        "negative max_overlap",
        _set("tasks.1.after", [{"task": "A", "max_overlap": -1}]),
        "tasks[1].after[0].max_overlap: Input should be greater than or "
        "equal to 0",
    ),
    (
        "unknown dependency type",
        _set("tasks.1.after", [{"task": "A", "type": "XX"}]),
        "tasks[1].after[0].type: Input should be 'FS', 'SS', 'FF' or 'SF'",
    ),
    (
        # A after B and B after A: DFS from A finds A -> B -> A.
        "two-task cycle",
        _set("tasks.0.after", ["B"]),
        "dependency cycle: A -> B -> A",
    ),
    # -- needs and pinned people --
    (
        "unknown skill",
        _set("tasks.0.needs", [{"skill": "cobol"}]),
        "tasks[0].needs[0]: task A needs 1 person with cobol >= 1; "
        "no one qualifies",
    ),
    (
        # backend >= 4: alice (4) yes, bob (2) no.
        "need no one can fill twice",
        _set("tasks.0.needs", [{"skill": "backend", "level": 4, "count": 2}]),
        "tasks[0].needs[0]: task A needs 2 people with backend >= 4; "
        "only 1 qualifies: alice",
    ),
    (
        # backend >= 2: alice (4) and bob (2); 3 wanted.
        "need short of two people",
        _set("tasks.0.needs", [{"skill": "backend", "level": 2, "count": 3}]),
        "tasks[0].needs[0]: task A needs 3 people with backend >= 2; "
        "only 2 qualify: alice, bob",
    ),
    (
        # bob is the only frontend person and gives 50% < 60%.
        "need limited by availability",
        _all(
            _set("people.1.availability", 50), _set("tasks.1.allocation", 60)
        ),
        "tasks[1].needs[0]: task B needs 1 person with frontend >= 4 at "
        "60% allocation; no one qualifies",
    ),
    (
        # qa: alice only; backend >= 3: alice only -> one person, 2 slots.
        "two needs only one person can fill",
        _set(
            "tasks.0.needs",
            [{"skill": "qa"}, {"skill": "backend", "level": 3}],
        ),
        "tasks[0].needs: task A needs 2 distinct people; at most 1 slot "
        "can be filled at once",
    ),
    (
        "pinned unknown person",
        _set("tasks.0.assigned", ["zoe"]),
        "tasks[0].assigned[0]: unknown person 'zoe'",
    ),
    (
        "pinned twice",
        _set("tasks.0.assigned", ["alice", "alice"]),
        "tasks[0].assigned[1]: 'alice' is listed twice",
    ),
    (
        "pinned availability below allocation",
        _all(
            _set("people.0.availability", 50),
            _set("tasks.0.allocation", 80),
            _set("tasks.0.assigned", ["alice"]),
        ),
        "tasks[0].assigned[0]: alice's availability 50% is below the "
        "task's allocation 80%",
    ),
    (
        # alice and carol both qualify, but A has one slot.
        "more pinned than slots",
        _all(
            _append("people", CAROL),
            _set("tasks.0.assigned", ["alice", "carol"]),
        ),
        "tasks[0].assigned: only 1 of the 2 pinned people fit distinct "
        "need slots of A",
    ),
    # -- durations, crashing, resources --
    (
        "negative duration",
        _set("tasks.0.duration", -1),
        "tasks[0].duration: Input should be greater than or equal to 0",
    ),
    (
        "crash above duration",
        _set("tasks.0.crash", {"duration": 4, "cost_per_day": 10}),
        "tasks[0].crash.duration: 4 is above the task's duration 3",
    ),
    (
        "crash to zero",
        _set("tasks.0.crash", {"duration": 0}),
        "tasks[0].crash.duration: Input should be greater than or equal to 1",
    ),
    (
        "uses above capacity",
        _set("tasks.1.uses", {"rig": 2}),
        "tasks[1].uses.rig: uses 2 units but rig has capacity 1",
    ),
    (
        "unknown resource",
        _set("tasks.1.uses", {"crane": 1}),
        "tasks[1].uses.crane: unknown resource 'crane'",
    ),
    (
        "zero units",
        _set("tasks.1.uses", {"rig": 0}),
        "tasks[1].uses.rig: Input should be greater than or equal to 1",
    ),
    (
        "zero capacity",
        _set("resources.0.capacity", 0),
        "resources[0].capacity: Input should be greater than or equal to 1",
    ),
    (
        "milestone with needs",
        _set("tasks.2.needs", [{"skill": "qa"}]),
        "tasks[2].needs: a milestone (duration 0) uses no people, "
        "resources or crashing",
    ),
    (
        "milestone with uses",
        _set("tasks.2.uses", {"rig": 1}),
        "tasks[2].uses: a milestone (duration 0) uses no people, "
        "resources or crashing",
    ),
    (
        "milestone with pinned people",
        _set("tasks.2.assigned", ["alice"]),
        "tasks[2].assigned: a milestone (duration 0) uses no people, "
        "resources or crashing",
    ),
    # -- dates --
    (
        "earliest_start after deadline",
        _all(
            _set("tasks.0.earliest_start", "2025-06-20"),
            _set("tasks.0.deadline", "2025-06-10"),
        ),
        "tasks[0]: earliest_start 2025-06-20 is after deadline 2025-06-10",
    ),
    (
        "earliest_start after the project deadline",
        _all(
            _set("deadline", "2025-06-30"),
            _set("tasks.0.earliest_start", "2025-07-01"),
        ),
        "tasks[0].earliest_start: 2025-07-01 is after the project "
        "deadline 2025-06-30",
    ),
    (
        "task deadline before the project start",
        _set("tasks.0.deadline", "2025-05-30"),
        "tasks[0].deadline: 2025-05-30 is before the project start 2025-06-02",
    ),
    (
        "project deadline before start",
        _set("deadline", "2025-06-01"),
        "deadline: 2025-06-01 is before the project start 2025-06-02",
    ),
    (
        "February 30th",
        _set("start", "2025-02-30"),
        "start: expected a date as YYYY-MM-DD (e.g. 2025-06-02), got "
        "'2025-02-30' (day value is outside expected range)",
    ),
    (
        "date in words",
        _set("start", "next week"),
        "start: expected a date as YYYY-MM-DD (e.g. 2025-06-02), got "
        "'next week'",
    ),
    (
        "malformed holiday",
        _set("calendar.holidays", ["2025-13-01"]),
        "calendar.holidays[0]: expected a date as YYYY-MM-DD (e.g. "
        "2025-06-02), got '2025-13-01' (month value is outside expected "
        "range of 1-12)",
    ),
    (
        "malformed task deadline",
        _set("tasks.0.deadline", "31/12/2025"),
        "tasks[0].deadline: expected a date as YYYY-MM-DD (e.g. "
        "2025-06-02), got '31/12/2025'",
    ),
    (
        "vacation end before start",
        _set(
            "people.0.unavailable",
            [{"start": "2025-06-10", "end": "2025-06-09"}],
        ),
        "people[0].unavailable[0]: end 2025-06-09 is before start 2025-06-10",
    ),
    # -- calendar --
    (
        "empty task list",
        _set("tasks", []),
        "tasks: List should have at least 1 item after validation, not 0",
    ),
    (
        "empty workdays",
        _set("calendar.workdays", []),
        "calendar.workdays: List should have at least 1 item after "
        "validation, not 0",
    ),
    (
        "duplicate workday",
        _set("calendar.workdays", ["Mon", "Tue", "Mon"]),
        "calendar.workdays: a weekday is listed twice",
    ),
    (
        "unknown weekday name",
        _set("calendar.workdays", ["Monday"]),
        "calendar.workdays[0]: Input should be 'Mon', 'Tue', 'Wed', "
        "'Thu', 'Fri', 'Sat' or 'Sun'",
    ),
    # -- estimates, percentages, money, skill levels --
    (
        "estimate out of order",
        _set(
            "tasks.0.estimate",
            {"optimistic": 4, "likely": 3, "pessimistic": 5},
        ),
        "tasks[0].estimate: needs optimistic <= likely <= pessimistic, "
        "got 4, 3, 5",
    ),
    (
        "allocation 0",
        _set("tasks.0.allocation", 0),
        "tasks[0].allocation: Input should be greater than or equal to 1",
    ),
    (
        "allocation 150",
        _set("tasks.0.allocation", 150),
        "tasks[0].allocation: Input should be less than or equal to 100",
    ),
    (
        "availability 0",
        _set("people.0.availability", 0),
        "people[0].availability: Input should be greater than or equal to 1",
    ),
    (
        "negative person rate",
        _set("people.0.rate", -5),
        "people[0].rate: Input should be greater than or equal to 0",
    ),
    (
        "negative resource rate",
        _set("resources.0.rate", -1),
        "resources[0].rate: Input should be greater than or equal to 0",
    ),
    (
        "negative overhead",
        _set("overhead_per_day", -1),
        "overhead_per_day: Input should be greater than or equal to 0",
    ),
    (
        "infinite rate",
        _set("people.0.rate", float("inf")),
        "people[0].rate: Input should be a finite number",
    ),
    (
        "skill level 0",
        _set("people.0.skills.backend", 0),
        "people[0].skills.backend: Input should be greater than or equal to 1",
    ),
    (
        "need level 0",
        _set("tasks.0.needs", [{"skill": "backend", "level": 0}]),
        "tasks[0].needs[0].level: Input should be greater than or equal to 1",
    ),
    (
        "need count 0",
        _set("tasks.0.needs", [{"skill": "backend", "count": 0}]),
        "tasks[0].needs[0].count: Input should be greater than or equal to 1",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "line"),
    [pytest.param(m, line, id=name) for name, m, line in BAD_INPUT],
)
def test_bad_input(
    make_project: Callable[..., Data], mutate: Mutator, line: str
) -> None:
    data = make_project()
    Project.from_data(data)  # the base is valid
    mutate(data)
    with pytest.raises(ProjectError, match=re.escape(line)) as info:
        Project.from_data(data)
    # The line is one of the error lines, whole, not just a substring of
    # the joined message.
    assert any(e.startswith(line) for e in info.value.errors)
    assert str(info.value) == "\n".join(info.value.errors)


def test_pinned_people_count_toward_needs(
    make_project: Callable[..., Data],
) -> None:
    data = make_project()
    data["tasks"][0]["assigned"] = ["alice"]
    data["tasks"][1]["assigned"] = ["bob"]
    p = Project.from_data(data)
    assert p.tasks[0].assigned == ["alice"]


def test_need_matching_across_needs_ok(
    make_project: Callable[..., Data],
) -> None:
    # backend >= 2 (alice, bob) and frontend >= 4 (bob only): alice takes
    # backend, bob frontend -> fillable even though bob fits both.
    data = make_project()
    data["tasks"][0]["needs"] = [
        {"skill": "backend", "level": 2},
        {"skill": "frontend", "level": 4},
    ]
    project = Project.from_data(data)
    task = project.tasks[0]
    slots = [[p.id for p in project.qualified(task, n)] for n in task.needs]
    assert slots == [["alice", "bob"], ["bob"]]
    assert match_slots(slots) == {"alice": 0, "bob": 1}
    # Pinning bob leaves alice for backend: still fine.
    data["tasks"][0]["assigned"] = ["bob"]
    assert Project.from_data(data).tasks[0].assigned == ["bob"]


def test_dependency_cycle_in_dependency_order(
    make_project: Callable[..., Data],
) -> None:
    # T002 after T001, T003 after T002 and T004, T004 after T003.  DFS
    # over predecessors from T003 walks T003 <- T004 <- T003; printed with
    # the predecessor first: T003 -> T004 -> T003.
    tasks = [
        {"id": "T001", "duration": 1},
        {"id": "T002", "duration": 1, "after": ["T001"]},
        {"id": "T003", "duration": 1, "after": ["T002", "T004"]},
        {"id": "T004", "duration": 1, "after": ["T003"]},
    ]
    with pytest.raises(ProjectError) as info:
        Project.from_data(make_project(tasks=tasks))
    assert info.value.errors == ["dependency cycle: T003 -> T004 -> T003"]


def test_three_task_cycle_direction(make_project: Callable[..., Data]) -> None:
    # X after Z, Y after X, Z after Y: X precedes Y, Y precedes Z, Z
    # precedes X, so the cycle reads X -> Y -> Z -> X (never X -> Z).
    tasks = [
        {"id": "X", "duration": 1, "after": ["Z"]},
        {"id": "Y", "duration": 1, "after": ["X"]},
        {"id": "Z", "duration": 1, "after": [{"task": "Y", "type": "SS"}]},
    ]
    with pytest.raises(ProjectError) as info:
        Project.from_data(make_project(tasks=tasks))
    assert info.value.errors == ["dependency cycle: X -> Y -> Z -> X"]


def test_cycle_reported_next_to_other_rule_errors(
    make_project: Callable[..., Data],
) -> None:
    # Regression: the cycle check was skipped whenever any earlier message
    # contained the word "after" (here: "earliest_start ... is after
    # deadline ...").  An unknown task and a self link are still left to
    # their own rules.
    tasks = [
        {
            "id": "A",
            "duration": 1,
            "after": ["B", "A", "nope"],
            "earliest_start": "2025-06-20",
            "deadline": "2025-06-10",
        },
        {"id": "B", "duration": 1, "after": ["A"]},
    ]
    with pytest.raises(ProjectError) as info:
        Project.from_data(make_project(tasks=tasks))
    assert info.value.errors == [
        "tasks[0]: earliest_start 2025-06-20 is after deadline 2025-06-10",
        "tasks[0].after[1]: task 'A' can't depend on itself",
        "tasks[0].after[2]: unknown task 'nope'",
        "dependency cycle: A -> B -> A",
    ]


def test_ecommerce_need_no_one_can_fill(ecommerce_data: Data) -> None:
    # T004 needs 2 people with backend >= 4: bob (4) and david (5).  With
    # bob down to 3 only david is left.
    data = json.loads(json.dumps(ecommerce_data))
    data["people"][1]["skills"]["backend"] = 3
    with pytest.raises(ProjectError) as info:
        Project.from_data(data)
    assert info.value.errors == [
        "tasks[3].needs[0]: task T004 needs 2 people with backend >= 4; "
        "only 1 qualifies: david"
    ]


def test_all_errors_reported_rule_level(
    make_project: Callable[..., Data],
) -> None:
    # Three independent project rules broken at once: three lines.
    data = make_project()
    data["tasks"][0]["crash"] = {"duration": 5}
    data["tasks"][1]["uses"] = {"rig": 3}
    data["tasks"].append({"id": "D", "duration": 1, "after": ["T099"]})
    with pytest.raises(ProjectError) as info:
        Project.from_data(data)
    assert sorted(info.value.errors) == sorted(
        [
            "tasks[0].crash.duration: 5 is above the task's duration 3",
            "tasks[1].uses.rig: uses 3 units but rig has capacity 1",
            "tasks[3].after[0]: unknown task 'T099'",
        ]
    )
    assert len(str(info.value).splitlines()) == 3


def test_all_errors_reported_field_level(
    make_project: Callable[..., Data],
) -> None:
    data = make_project()
    data["tasks"][0]["duration"] = -1
    data["tasks"][1]["allocation"] = 0
    data["people"][0]["availability"] = 0
    with pytest.raises(ProjectError) as info:
        Project.from_data(data)
    paths = sorted(e.split(":")[0] for e in info.value.errors)
    assert paths == [
        "people[0].availability",
        "tasks[0].duration",
        "tasks[1].allocation",
    ]


# -- file-level errors --


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("this is not JSON", "<json>: not valid JSON (line 1, column 1:"),
        ('{"start": "2025-06-02", "tasks": [', "<json>: not valid JSON"),
        ("", "<json>: not valid JSON (line 1, column 1"),
        ("[1, 2, 3]", "<root>: a project is a JSON object, not list"),
        ("null", "<root>: a project is a JSON object, not NoneType"),
        ('"project"', "<root>: a project is a JSON object, not str"),
        (b"\xff\xfe{", "<json>: not valid JSON"),  # not UTF-8/16 text
        ("[" * 100_000, "<json>: not valid JSON"),  # too deeply nested
    ],
)
def test_from_json_errors(text: str | bytes, line: str) -> None:
    with pytest.raises(ProjectError, match=re.escape(line)) as info:
        Project.from_json(text)
    assert len(info.value.errors) == 1


def test_from_file(tmp_path: Path, make_project: Callable[..., Data]) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps(make_project()))
    p = Project.from_file(path)
    assert [t.id for t in p.tasks] == ["A", "B", "M"]
    assert Project.from_file(str(path)) == p


@pytest.mark.parametrize(
    ("content", "line"),
    [
        (None, "{path}: No such file or directory"),
        ("not json at all", "{path}: not valid JSON (line 1, column 1"),
        ('{"start": "2025-06-02",', "{path}: not valid JSON"),
        ("[]", "<root>: a project is a JSON object, not list"),
        (
            '{"start": "2025-06-02", "tasks": [{"id": "A"}]}',
            "tasks[0].duration: required field is missing",
        ),
    ],
)
def test_from_file_errors(
    tmp_path: Path, content: str | None, line: str
) -> None:
    path = tmp_path / "project.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(ProjectError) as info:
        Project.from_file(path)
    assert len(info.value.errors) == 1
    assert info.value.errors[0].startswith(line.format(path=path))


def test_from_file_directory(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match=re.escape(f"{tmp_path}: ")):
        Project.from_file(tmp_path)


# -- valid projects --


def test_ecommerce_loads(ecommerce: Project) -> None:
    assert ecommerce.name == "E-commerce Platform"
    assert [t.id for t in ecommerce.tasks] == [f"T00{i}" for i in range(1, 9)]
    assert [p.id for p in ecommerce.people] == [
        "alice",
        "bob",
        "carol",
        "david",
        "eva",
    ]
    t004 = ecommerce.task("T004")
    assert t004.slots == 2
    assert t004.min_duration == 12
    assert [p.id for p in ecommerce.qualified(t004, t004.needs[0])] == [
        "bob",
        "david",
    ]
    t003 = ecommerce.task("T003")
    assert t003.after == [
        Dependency(task="T002", max_overlap=2, overlap_cost_per_day=400)
    ]
    assert ecommerce.successors()["T002"] == [
        ("T003", t003.after[0]),
        ("T005", ecommerce.task("T005").after[0]),
    ]


def test_ecommerce_round_trip(ecommerce: Project) -> None:
    ecommerce.work_calendar.date_of(100)  # cached state must not matter
    text = ecommerce.model_dump_json()
    again = Project.model_validate_json(text)
    assert again == ecommerce
    assert again.model_dump_json() == text
    assert Project.from_json(text) == ecommerce


def test_plain_after_is_fs_lag_zero(make_project: Callable[..., Data]) -> None:
    p = Project.from_data(make_project())
    (dep,) = p.task("B").after
    assert dep == Dependency(task="A", type="FS", lag=0, max_overlap=0)
    assert dep.overlap_cost_per_day == 0
    # Dumped in full form, it reads back the same.
    assert p.model_dump(mode="json")["tasks"][1]["after"] == [
        {
            "task": "A",
            "type": "FS",
            "lag": 0,
            "max_overlap": 0,
            "overlap_cost_per_day": 0.0,
        }
    ]


def test_defaults(make_project: Callable[..., Data]) -> None:
    data = make_project()
    del data["calendar"]
    p = Project.from_data(data)
    assert p.calendar.workdays == ["Mon", "Tue", "Wed", "Thu", "Fri"]
    assert p.calendar.holidays == []
    assert p.task("A").allocation == 100
    assert p.person("bob").availability == 100
    assert p.task("A").needs[0].count == 1


def test_project_is_frozen(make_project: Callable[..., Data]) -> None:
    p = Project.from_data(make_project())
    with pytest.raises(ValueError, match="frozen"):
        p.name = "other"  # type: ignore[misc]


# -- property: random valid projects --

SKILLS = ("analysis", "backend", "frontend", "qa")


@st.composite
def valid_projects(draw: st.DrawFn) -> Data:
    """Small random DAGs whose needs are fillable by construction: each
    need is derived from a distinct person chosen for the task."""
    start = date(2024, 1, 1) + timedelta(days=draw(st.integers(0, 1500)))
    workdays = draw(
        st.lists(
            st.sampled_from(WEEKDAYS), min_size=1, max_size=7, unique=True
        )
    )
    holidays = draw(
        st.lists(st.integers(0, 200), max_size=5).map(
            lambda ks: [str(start + timedelta(days=k)) for k in ks]
        )
    )
    people = []
    for i in range(draw(st.integers(0, 4))):
        skills = draw(
            st.dictionaries(
                st.sampled_from(SKILLS), st.integers(1, 5), min_size=1
            )
        )
        people.append(
            {
                "id": f"p{i}",
                "skills": skills,
                "rate": draw(st.integers(0, 900)),
                "availability": draw(st.sampled_from([50, 80, 100])),
            }
        )
    resources = [
        {"id": f"r{i}", "capacity": draw(st.integers(1, 3))}
        for i in range(draw(st.integers(0, 2)))
    ]
    tasks: list[Data] = []
    for i in range(draw(st.integers(1, 8))):
        duration = draw(st.integers(0, 6))
        task: Data = {"id": f"T{i:03d}", "duration": duration}
        preds = draw(
            st.lists(st.sampled_from(tasks), unique_by=lambda t: t["id"])
            if tasks
            else st.just([])
        )
        after: list[Any] = []
        for pred in preds:
            kind = draw(st.sampled_from(["plain", "FS", "SS", "FF", "SF"]))
            if kind == "plain":
                after.append(pred["id"])
            elif kind == "FS":
                lag = draw(st.integers(0, 5))
                after.append(
                    {
                        "task": pred["id"],
                        "lag": lag,
                        "max_overlap": draw(
                            st.integers(0, pred["duration"] + lag)
                        ),
                    }
                )
            else:
                after.append(
                    {
                        "task": pred["id"],
                        "type": kind,
                        "lag": draw(st.integers(-5, 5)),
                    }
                )
        if after:
            task["after"] = after
        if duration > 0 and people:
            staff = draw(
                st.lists(st.sampled_from(people), unique_by=lambda p: p["id"])
            )
            if staff:
                needs = []
                for person in staff:
                    skill = draw(st.sampled_from(sorted(person["skills"])))
                    level = draw(st.integers(1, person["skills"][skill]))
                    needs.append({"skill": skill, "level": level})
                task["needs"] = needs
                task["allocation"] = min(p["availability"] for p in staff)
                pinned = draw(
                    st.lists(
                        st.sampled_from(staff), unique_by=lambda p: p["id"]
                    )
                )
                if pinned:
                    task["assigned"] = [p["id"] for p in pinned]
        if duration > 0 and resources:
            res = draw(st.sampled_from(resources))
            task["uses"] = {res["id"]: draw(st.integers(1, res["capacity"]))}
        if duration > 0 and draw(st.booleans()):
            task["crash"] = {
                "duration": draw(st.integers(1, duration)),
                "cost_per_day": draw(st.integers(0, 500)),
            }
        if draw(st.booleans()):
            es = draw(st.integers(0, 30))
            task["earliest_start"] = str(start + timedelta(days=es))
            task["deadline"] = str(
                start + timedelta(days=es + draw(st.integers(0, 60)))
            )
        tasks.append(task)
    return {
        "name": "random",
        "start": str(start),
        "calendar": {"workdays": workdays, "holidays": holidays},
        "deadline": str(start + timedelta(days=100)),
        "people": people,
        "resources": resources,
        "tasks": tasks,
    }


@settings(max_examples=60, deadline=None)
@given(data=valid_projects())
def test_property_random_valid_projects(data: Data) -> None:
    p = Project.from_data(data)
    assert [t.id for t in p.tasks] == [t["id"] for t in data["tasks"]]
    text = p.model_dump_json()
    again = Project.model_validate_json(text)
    assert again == p
    assert again.model_dump_json() == text
    assert Project.from_json(json.dumps(data)) == p
    # Plain ids became FS links with lag 0.
    for raw, task in zip(data["tasks"], p.tasks, strict=True):
        for entry, dep in zip(raw.get("after", []), task.after, strict=True):
            if isinstance(entry, str):
                assert (dep.task, dep.type, dep.lag) == (entry, "FS", 0)


def test_pinned_person_beyond_the_needs_is_an_extra(make_project) -> None:
    # DESIGN.md pins carol on a task without needs: a pinned person whose
    # skills meet none of the needs works on the task besides the slots.
    data = make_project()
    data["tasks"][0]["assigned"] = ["bob"]  # backend 2 < 3: no slot
    project = Project.from_data(data)
    assert project.extra_people(project.tasks[0]) == ["bob"]
    data["tasks"][0]["assigned"] = ["alice"]  # alice fills the slot
    project = Project.from_data(data)
    assert project.extra_people(project.tasks[0]) == []
