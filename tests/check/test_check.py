"""Tests for the independent schedule referee (plansat.check), through
its public functions; the per-family tables are in test_check_*.py and
the shared schedules in check_scenario.py."""

from __future__ import annotations

import ast
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from check_scenario import (
    EXAMPLES,
    GOOD,
    GOOD_COST,
    GOOD_LOADS,
    GOOD_OVERLAPS,
    TINY,
    Plan,
    assert_reported,
    build,
    duplicate_e,
    edit,
    edit_task,
    good,
    missing_e,
    replan,
    tiny,
    unknown_task,
)

import plansat.check
from plansat.check import (
    FAMILIES,
    person_loads,
    recompute_cost,
    violations,
)
from plansat.models import (
    CostBreakdown,
    Overlap,
    PersonLoad,
    Project,
    Result,
    SolveStatus,
)

CHECK_DIR = Path(plansat.check.__file__).parent

#: What the referee must never import: it would share the arithmetic it
#: is there to verify.
FORBIDDEN = (
    "ortools",
    "plansat.solver",
    "plansat.schedule",
    "plansat.heuristics",
)


def imported(path: Path) -> list[str]:
    """Modules imported by the source file ``path``."""
    tree = ast.parse(path.read_text())
    return [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ] + [
        node.module or ""
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
    ]


@pytest.mark.parametrize(
    "path", sorted(CHECK_DIR.glob("*.py")), ids=lambda p: p.name
)
def test_check_imports_only_models_and_stdlib(path: Path) -> None:
    # The referee must stay independent of what it referees.
    modules = imported(path)
    assert not [m for m in modules if m.startswith(FORBIDDEN)]
    outside = [
        m
        for m in modules
        if m.split(".")[0] not in sys.stdlib_module_names
        # holidays: the contract's source of public holidays (data the
        # checker looks dates up in, not arithmetic it shares)
        and not m.startswith(("plansat.models", "plansat.check", "holidays"))
    ]
    assert outside == []


def test_check_package_has_one_module_per_family() -> None:
    names = {p.stem for p in CHECK_DIR.glob("*.py")}
    assert {
        "identity",
        "precedence",
        "skills",
        "capacity",
        "windows",
        "costs",
        "loads",
    } <= names
    assert "plansat.models.project" in {
        m for p in CHECK_DIR.glob("*.py") for m in imported(p)
    }


def test_families_are_run_in_a_fixed_order() -> None:
    # The order of FAMILIES is the order of the messages of violations().
    assert [f.__name__ for f in FAMILIES] == [
        "check_ids",
        "each_task(check_durations, check_window, check_dates)",
        "check_links",
        "check_overlaps",
        "each_task(check_staffing)",
        "check_vacations",
        "check_days_off",
        "check_splits",
        "check_availability",
        "check_resources",
        "check_makespan",
        "check_progress",
        "check_releases",
        "check_costs",
        "check_loads",
    ]


# -- valid schedules ---------------------------------------------------------


def test_good_schedule_has_no_violations() -> None:
    assert violations(tiny(), good()) == []


def test_recompute_cost_by_hand() -> None:
    # See GOOD_COST above for the arithmetic.
    assert recompute_cost(tiny(), good()) == GOOD_COST


def test_recompute_cost_ignores_the_reported_cost() -> None:
    result = good()
    result.cost = CostBreakdown(total=1)
    assert recompute_cost(tiny(), result) == GOOD_COST


def test_person_loads_by_hand() -> None:
    assert person_loads(tiny(), good()) == GOOD_LOADS


def test_person_loads_exclude_vacation_days_in_the_horizon() -> None:
    # D [7,9) and M at 9: makespan 9; alice's vacation covers days 7, 8.
    # alice with dave on D to keep her off her vacation:
    #   alice busy A 3*1.0 = 3, available (9 - 2) * 1.0 = 7, load 3/7
    #   dave  busy D 2*0.5 = 1, available 9,               load 1/9
    #   carol busy C 1 + D 1 = 2, available 9 * 0.5 = 4.5
    result = replan(D=(7, 2, ["carol", "dave"]), M=(9, 0, []))
    loads = {pl.person: pl for pl in person_loads(tiny(), result)}
    assert loads["alice"] == PersonLoad(
        person="alice", busy_days=3, available_days=7, load=3 / 7
    )
    assert loads["dave"].load == pytest.approx(1 / 9)
    assert loads["carol"].available_days == 4.5
    assert violations(tiny(), result) == []


def test_fs_overlap_within_max_overlap_is_fine_with_lag() -> None:
    # With lag 2 on A -> B and max_overlap 1, B may start at 3 + 2 - 1 = 4;
    # B [4,7) overlaps by 1 day; D then needs finish >= 8: D [6,8) with
    # carol and dave (alice is away on day 7); M at 8.
    after = [
        {"task": "A", "lag": 2, "max_overlap": 1, "overlap_cost_per_day": 50}
    ]
    tasks = [
        {**t, "after": after} if t["id"] == "B" else t for t in TINY["tasks"]
    ]
    project = tiny(tasks=tasks)
    result = build(
        project,
        {
            **GOOD,
            "B": (4, 3, ["bob"]),
            "D": (6, 2, ["carol", "dave"]),
            "M": (8, 0, []),
        },
    )
    assert violations(project, result) == []


def test_result_without_solution() -> None:
    empty = Result(status=SolveStatus.INFEASIBLE, explanation="no")
    assert violations(tiny(), empty) == []
    carrying = good().model_copy(update={"status": SolveStatus.UNKNOWN})
    assert_reported(
        violations(tiny(), carrying),
        r"^result with status UNKNOWN has no solution and must not carry "
        r"tasks, got 6$",
    )


# -- broken schedules ---------------------------------------------------------


BROKEN: list[tuple[str, Callable[[], Result], str]] = [
    (
        "over-allocation",
        lambda: replan(C=(1, 2, ["alice"])),
        r"^C: alice is over-allocated on 2025-07-08 \(day 1\): "
        r"150% > 100% \(with A\)$",
    ),
    (
        "skill mismatch",
        lambda: replan(A=(0, 3, ["dave"])),
        r"^A: dave qualifies for none of the needs \(analysis >= 3 x1\)$",
    ),
    (
        "one of two people too weak",
        lambda: replan(D=(5, 2, ["carol", "bob"])),
        r"^D: bob qualifies for none of the needs \(qa >= 3 x2\)$",
    ),
    (
        "availability below allocation",
        lambda: replan(A=(0, 3, ["carol"])),
        r"^A: carol's availability 50% is below the task's allocation "
        r"100%$",
    ),
    (
        "too few people",
        lambda: replan(D=(5, 2, ["carol"])),
        r"^D: has 1 person, needs 2$",
    ),
    (
        "too many people",
        lambda: replan(A=(0, 3, ["alice", "dave"])),
        r"^A: has 2 people, needs 1$",
    ),
    (
        "unknown person",
        lambda: replan(A=(0, 3, ["zed"])),
        r"^A: unknown person 'zed'$",
    ),
    (
        "person listed twice",
        lambda: replan(D=(5, 2, ["carol", "carol"])),
        r"^D: carol is listed 2 times$",
    ),
    (
        "pinned person missing",
        lambda: replan(D=(5, 2, ["alice", "dave"])),
        r"^D: pinned person carol is not on the task$",
    ),
    (
        "vacation clash",
        lambda: replan(D=(7, 2, ["alice", "carol"]), M=(9, 0, [])),
        r"^D: alice is unavailable on 2025-07-17 \(day 7\)",
    ),
    (
        "broken FS link",
        lambda: replan(M=(6, 0, [])),
        r"^M: FS link after D broken: start 6 < D finish 7 \+ lag 0$",
    ),
    (
        "broken SS link",
        lambda: replan(C=(0, 2, ["carol"])),
        r"^C: SS link after A broken: start 0 < A start 0 \+ lag 1$",
    ),
    (
        # B uncrashed [3,7): f_D 7 < f_B 7 + 1.
        "broken FF link",
        lambda: build(tiny(), {**GOOD, "B": (3, 4, ["bob"])}, overlaps=[]),
        r"^D: FF link after B broken: finish 7 < B finish 7 \+ lag 1$",
    ),
    (
        # C [6,8) with dave: f_D 7 < s_C 6 + 2.
        "broken SF link",
        lambda: replan(C=(6, 2, ["dave"])),
        r"^D: SF link after C broken: finish 7 < C start 6 \+ lag 2$",
    ),
    (
        "overlap beyond max_overlap",
        lambda: build(
            tiny(),
            {**GOOD, "B": (1, 3, ["bob"])},
            overlaps=[
                Overlap(predecessor="A", successor="B", days=2, cost=100)
            ],
        ),
        r"^B: overlaps A by 2 days \(FS, lag 0\), more than max_overlap 1$",
    ),
    (
        "overlap missing from the list",
        lambda: build(tiny(), GOOD, overlaps=[]),
        r"^B: overlap A -> B of 1 day is missing from result.overlaps$",
    ),
    (
        "overlap listed with wrong days",
        lambda: build(
            tiny(),
            GOOD,
            overlaps=[
                Overlap(predecessor="A", successor="B", days=2, cost=100)
            ],
        ),
        r"^B: result.overlaps gives 2 days for A -> B, the schedule "
        r"overlaps 1$",
    ),
    (
        "overlap listed with wrong cost",
        lambda: build(
            tiny(),
            GOOD,
            overlaps=[
                Overlap(predecessor="A", successor="B", days=1, cost=40)
            ],
        ),
        r"^B: result.overlaps costs A -> B at 40, recomputed 50$",
    ),
    (
        "overlap that does not exist",
        lambda: build(
            tiny(),
            GOOD,
            overlaps=[
                *GOOD_OVERLAPS,
                Overlap(predecessor="D", successor="M", days=1),
            ],
        ),
        r"^M: result.overlaps lists D -> M \(1 day\) but the schedule has "
        r"no such overlap$",
    ),
    (
        "wrong finish",
        lambda: edit_task(good(), "B", finish=6),
        r"^B: finish 6 != start 2 \+ duration 3$",
    ),
    (
        "negative start",
        lambda: edit_task(good(), "E", start=-1, finish=0),
        r"^E: start -1 is before day 0$",
    ),
    (
        "duration without a crash option",
        lambda: replan(E=(3, 2, [])),
        r"^E: duration 2 != the task's duration 1 \(no crash option\)$",
    ),
    (
        "crash below crash.duration",
        lambda: replan(B=(2, 1, ["bob"])),
        r"^B: duration 1 is outside \[2, 4\] \(crash.duration 2\)$",
    ),
    (
        "wrong crashed days",
        lambda: edit_task(good(), "B", crashed=0),
        r"^B: crashed 0 != 1 ",
    ),
    (
        # D [8,10) ends Mon 07-21, after its deadline Fri 07-18.
        "task deadline missed",
        lambda: replan(D=(8, 2, ["carol", "dave"]), M=(10, 0, [])),
        r"^D: finishes at day 10 \(2025-07-21\), after its deadline "
        r"2025-07-18 \(finish must be <= 9\)$",
    ),
    (
        # E [18,19) is Fri 08-01, after the project deadline Thu 07-31.
        "project deadline missed",
        lambda: replan(E=(18, 1, [])),
        r"^E: finishes at day 19 \(2025-08-01\), after the project "
        r"deadline 2025-07-31 \(finish must be <= 18\)$",
    ),
    (
        "earliest_start violated",
        lambda: replan(D=(4, 2, ["alice", "carol"]), M=(6, 0, [])),
        r"^D: starts on 2025-07-11 \(day 4\), before its earliest_start "
        r"2025-07-14 \(day 5\)$",
    ),
    (
        "wrong start_date",
        lambda: edit_task(good(), "C", start_date=date(2025, 7, 9)),
        r"^C: start_date 2025-07-09 is not the date of day 1 "
        r"\(2025-07-08\)$",
    ),
    (
        # D [5,7) ends on day 6, Tue 07-15; 07-16 is a holiday.
        "wrong task finish_date",
        lambda: edit_task(good(), "D", finish_date=date(2025, 7, 16)),
        r"^D: finish_date 2025-07-16 is not the date of day 6 "
        r"\(2025-07-15\)$",
    ),
    (
        "resource over capacity",
        lambda: replan(E=(2, 1, [])),
        r"^E: resource rig is over capacity on 2025-07-09 \(day 2\): "
        r"2 > 1 units \(with A\)$",
    ),
    (
        "wrong makespan",
        lambda: edit(makespan=6),
        r"^makespan is 6 but the latest finish is 7$",
    ),
    (
        "missing makespan",
        lambda: edit(makespan=None),
        r"^makespan is missing",
    ),
    (
        # Day 6 is Tue 07-15; the holiday 07-16 is not a working day.
        "wrong finish_date",
        lambda: edit(finish_date=date(2025, 7, 16)),
        r"^finish_date 2025-07-16 is not the date of day 6 \(2025-07-15\)$",
    ),
    (
        "labour cost mismatch",
        lambda: edit(cost=GOOD_COST.model_copy(update={"labour": 1200})),
        r"^cost.labour is 1200, recomputed 1300 from the schedule$",
    ),
    (
        "total cost mismatch",
        lambda: edit(cost=GOOD_COST.model_copy(update={"total": 1651})),
        r"^cost.total is 1651, recomputed 1650",
    ),
    (
        "milestone with people",
        lambda: replan(M=(7, 0, ["dave"])),
        r"^M: a milestone \(duration 0\) has no people, got dave$",
    ),
    ("missing task", missing_e, r"^E: missing from the result$"),
    ("duplicate task", duplicate_e, r"^E: listed 2 times in the result$"),
    ("unknown task", unknown_task, r"^Z: not a task of the project"),
    (
        "load mismatch",
        lambda: edit(
            loads=[
                *GOOD_LOADS[:3],
                PersonLoad(
                    person="dave", busy_days=0, available_days=5, load=0
                ),
            ]
        ),
        r"^loads: dave's available_days is 5, recomputed 7$",
    ),
    (
        "load of an unknown person",
        lambda: edit(
            loads=[
                *GOOD_LOADS,
                PersonLoad(
                    person="zed", busy_days=0, available_days=7, load=0
                ),
            ]
        ),
        r"^loads: unknown person 'zed'$",
    ),
]


@pytest.mark.parametrize(
    ("make", "pattern"),
    [(make, pattern) for _, make, pattern in BROKEN],
    ids=[name for name, _, _ in BROKEN],
)
def test_broken_schedule_is_reported(
    make: Callable[[], Result], pattern: str
) -> None:
    assert_reported(violations(tiny(), make()), pattern)


def test_only_the_broken_rule_is_reported() -> None:
    # A plan rebuilt with derived dates and cost breaks exactly one rule,
    # and alice's overload on days 1 and 2 is one episode, one message.
    found = violations(tiny(), replan(C=(1, 2, ["alice"])))
    assert found == [
        "C: alice is over-allocated on 2025-07-08 (day 1): 150% > 100% "
        "(with A)"
    ]


def test_over_allocation_on_a_far_horizon_is_found() -> None:
    # The sweep does not walk every day: two 100% tasks far in the future.
    far = 20_000
    project = Project.model_validate(
        {
            "start": "2025-01-06",
            "people": [{"id": "p", "skills": {"x": 1}}],
            "tasks": [
                {"id": "T1", "duration": 3000, "needs": [{"skill": "x"}]},
                {"id": "T2", "duration": 5, "needs": [{"skill": "x"}]},
            ],
        }
    )
    result = build(
        project,
        {"T1": (far, 3000, ["p"]), "T2": (far + 2999, 5, ["p"])},
        overlaps=[],
    )
    day = project.work_calendar.date_of(far + 2999)
    assert_reported(
        violations(project, result),
        rf"^T2: p is over-allocated on {day} \(day {far + 2999}\): "
        r"200% > 100% \(with T1\)$",
    )


def _two_needs() -> Project:
    return Project.model_validate(
        {
            "start": "2025-07-07",
            "people": [
                {"id": "both", "skills": {"backend": 4, "qa": 4}},
                {"id": "back", "skills": {"backend": 4}},
                {"id": "back2", "skills": {"backend": 5}},
            ],
            "tasks": [
                {
                    "id": "T",
                    "duration": 2,
                    "needs": [
                        {"skill": "backend", "level": 3},
                        {"skill": "qa", "level": 3},
                    ],
                }
            ],
        }
    )


def test_matching_reassigns_along_an_augmenting_path() -> None:
    # "both" first takes the backend slot; "back" only fits backend, so
    # the matching must move "both" to the qa slot: valid.
    project = _two_needs()
    result = build(project, {"T": (0, 2, ["both", "back"])}, overlaps=[])
    assert violations(project, result) == []


def test_matching_reports_slots_no_one_can_fill() -> None:
    # Both people fit the backend slot only: 1 of 2 slots filled.
    project = _two_needs()
    result = build(project, {"T": (0, 2, ["back", "back2"])}, overlaps=[])
    assert violations(project, result) == [
        "T: people back, back2 fill only 1 of 2 need slots (backend >= 3 "
        "x1; qa >= 3 x1); unmatched: back2"
    ]


# -- the e-commerce example ------------------------------------------------


# A valid schedule of examples/ecommerce.json (days from 2025-06-26, a
# Thursday; 07-04 and 09-01 are holidays).  Carol's vacation 07-21..07-25
# is days 16-20, so T005 (12 days, after T002 at 13) waits until day 21;
# it has the float for it (9 days).  The staging rig is used by T005
# [21,33), T006 [34,42) and T008 [52,55) in turn.
ECOMMERCE: Plan = {
    "T001": (0, 5, ["alice"]),
    "T002": (5, 8, ["bob"]),
    "T003": (13, 6, ["david"]),
    "T004": (19, 15, ["bob", "david"]),
    "T005": (21, 12, ["carol"]),
    "T006": (34, 8, ["david", "carol"]),
    "T007": (42, 10, ["eva"]),
    "T008": (52, 3, ["david"]),
}

# Cost by hand (makespan 55, nothing crashed or overlapped):
#   labour    = alice 640*5 + bob 800*(8+15) + david 720*(6+15+8+3)
#               + carol 600*(12+8) + eva 560*10
#             = 3200 + 18400 + 23040 + 12000 + 5600 = 62240
#   resources = staging 50 * (12 + 8 + 3) = 1150
#   overhead  = 1000 * 55 = 55000
#   total     = 62240 + 1150 + 55000 = 118390
ECOMMERCE_COST = CostBreakdown(
    labour=62240, resources=1150, overhead=55000, total=118390
)


def test_ecommerce_schedule_is_valid() -> None:
    project = Project.from_file(EXAMPLES / "ecommerce.json")
    result = build(project, ECOMMERCE, overlaps=[], cost=ECOMMERCE_COST)
    assert result.makespan == 55
    assert recompute_cost(project, result) == ECOMMERCE_COST
    assert violations(project, result) == []


def test_ecommerce_vacation_clash() -> None:
    # T005 at its earliest start (13) runs into carol's vacation (day 16).
    project = Project.from_file(EXAMPLES / "ecommerce.json")
    result = build(
        project, {**ECOMMERCE, "T005": (13, 12, ["carol"])}, overlaps=[]
    )
    assert_reported(
        violations(project, result),
        r"^T005: carol is unavailable on 2025-07-21 \(day 16\)",
    )


def test_messages_come_in_family_order() -> None:
    # One rule of four families broken at once; the messages follow
    # FAMILIES: per-task identity (B's crashed days), the overlap list
    # (A -> B overlaps 1 day but none is listed), skills (bob has no qa
    # on D) and the makespan.  Nothing else breaks: bob works B [2,5) then
    # D [5,7), alice only A, and the cost is recomputed by build().
    result = build(
        tiny(), {**GOOD, "D": (5, 2, ["carol", "bob"])}, overlaps=[]
    )
    result = edit_task(result, "B", crashed=0)
    result.makespan = 6
    assert violations(tiny(), result) == [
        "B: crashed 0 != 1 (duration 4 - scheduled 3)",
        "B: overlap A -> B of 1 day is missing from result.overlaps",
        "D: bob qualifies for none of the needs (qa >= 3 x2)",
        "makespan is 6 but the latest finish is 7",
    ]


def test_messages_of_one_task_stay_together() -> None:
    # Identity, window and date rules run task by task: all of D's come
    # before E's.  D moved to [4,5) (1 day instead of 2, no crash option)
    # starts Fri 07-11 (day 4), before its earliest start Mon 07-14
    # (day 5), and keeps GOOD's dates (Mon 07-14 .. Tue 07-15); E keeps
    # day 3 (Thu 07-10) but claims Wed 07-09.  (The later families then
    # also report D's FF link and the costs: f_D 5 < f_B 5 + 1.)
    result = edit_task(good(), "D", start=4, duration=1, finish=5)
    result = edit_task(result, "E", start_date=date(2025, 7, 9))
    assert violations(tiny(), result)[:6] == [
        "D: duration 1 != the task's duration 2 (no crash option)",
        "D: crashed 0 != 1 (duration 2 - scheduled 1)",
        "D: starts on 2025-07-11 (day 4), before its earliest_start "
        "2025-07-14 (day 5)",
        "D: start_date 2025-07-14 is not the date of day 4 (2025-07-11)",
        "D: finish_date 2025-07-15 is not the date of day 4 (2025-07-11)",
        "E: start_date 2025-07-09 is not the date of day 3 (2025-07-10)",
    ]
