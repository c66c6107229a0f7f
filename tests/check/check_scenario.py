"""The schedules the checker's tests share (imported by bare name, like
``tests/solver/random_rcpsp.py``).

- TINY: six tasks covering every link type, crashing, fast-tracking,
  pinned people, a resource, windows and a vacation, with a valid
  schedule GOOD and its cost and loads worked out by hand;
- MODES: a multi-mode task and a non-renewable budget;
- VACATIONS: people whose vacation ranges overlap, touch, nest or cover
  only a weekend.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from plansat.check import recompute_cost, violations
from plansat.check._common import Check, Schedule
from plansat.models import (
    CostBreakdown,
    Overlap,
    PersonLoad,
    Project,
    Result,
    SolveStatus,
    TaskResult,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# Working days of the tiny project (Mon-Fri, holiday Wed 2025-07-16):
#   day 0 Mon 07-07, 1 Tue 07-08, 2 Wed 07-09, 3 Thu 07-10, 4 Fri 07-11,
#   5 Mon 07-14, 6 Tue 07-15, 7 Thu 07-17, 8 Fri 07-18, 9 Mon 07-21,
#   ..., 17 Thu 07-31 (project deadline: finish <= 18), 18 Fri 08-01.
# alice's vacation 07-17..07-18 blocks days 7 and 8; D's deadline 07-18
# allows finish <= 9; D's earliest_start 07-14 is day 5.
TINY: dict[str, Any] = {
    "name": "tiny",
    "start": "2025-07-07",
    "calendar": {"holidays": ["2025-07-16"]},
    "deadline": "2025-07-31",
    "overhead_per_day": 20,
    "people": [
        {
            "id": "alice",
            "skills": {"analysis": 4, "qa": 3},
            "rate": 100,
            "unavailable": [{"start": "2025-07-17", "end": "2025-07-18"}],
        },
        {"id": "bob", "skills": {"backend": 4}, "rate": 200},
        {
            "id": "carol",
            "skills": {"analysis": 3, "backend": 2, "qa": 4},
            "rate": 150,
            "availability": 50,
        },
        {"id": "dave", "skills": {"qa": 5}, "rate": 120},
    ],
    "resources": [{"id": "rig", "capacity": 1, "rate": 10}],
    "tasks": [
        {
            "id": "A",
            "duration": 3,
            "needs": [{"skill": "analysis", "level": 3}],
            "uses": {"rig": 1},
        },
        {
            "id": "B",
            "duration": 4,
            "after": [
                {
                    "task": "A",
                    "max_overlap": 1,
                    "overlap_cost_per_day": 50,
                }
            ],
            "needs": [{"skill": "backend", "level": 3}],
            "assigned": ["bob"],
            "crash": {"duration": 2, "cost_per_day": 100},
        },
        {
            "id": "C",
            "duration": 2,
            "allocation": 50,
            "after": [{"task": "A", "type": "SS", "lag": 1}],
            "needs": [{"skill": "qa", "level": 2}],
        },
        {
            "id": "D",
            "duration": 2,
            "allocation": 50,
            "after": [
                {"task": "B", "type": "FF", "lag": 1},
                {"task": "C", "type": "SF", "lag": 2},
            ],
            "needs": [{"skill": "qa", "level": 3, "count": 2}],
            "assigned": ["carol"],
            "uses": {"rig": 1},
            "earliest_start": "2025-07-14",
            "deadline": "2025-07-18",
        },
        {"id": "E", "duration": 1, "uses": {"rig": 1}},
        {"id": "M", "duration": 0, "after": ["D"]},
    ],
}

Plan = dict[str, tuple[int, int, list[str]]]

# A valid schedule: (start, duration, people) per task.
#   A [0,3) alice; B crashed to 3 days, [2,5) bob, overlapping A by 1 day
#   (max_overlap 1); C [1,3) carol at 50% (SS: 1 >= 0 + 1); D [5,7) alice
#   and carol at 50% (FF: 7 >= 5 + 1; SF: 7 >= 1 + 2); E [3,4) uses the
#   rig between A [0,3) and D [5,7); milestone M at 7 (FS: 7 >= 7),
#   dated Tue 07-15 as MS Project dates it: the end of day 6, when D
#   finishes (not Thu 07-17, the date of day 7).
GOOD: Plan = {
    "A": (0, 3, ["alice"]),
    "B": (2, 3, ["bob"]),
    "C": (1, 2, ["carol"]),
    "D": (5, 2, ["alice", "carol"]),
    "E": (3, 1, []),
    "M": (7, 0, []),
}
GOOD_OVERLAPS = [Overlap(predecessor="A", successor="B", days=1, cost=50)]

# Cost of GOOD, by hand (makespan 7):
#   labour    = alice A 100*3*1.0 + bob B 200*3*1.0 + carol C 150*2*0.5
#               + alice D 100*2*0.5 + carol D 150*2*0.5
#             = 300 + 600 + 150 + 100 + 150 = 1300
#   resources = rig 10 * (A 3 + D 2 + E 1) days * 1 unit = 60
#   crash     = B 1 day saved * 100 = 100
#   overlap   = A -> B 1 day * 50 = 50
#   overhead  = 20 * 7 = 140
#   total     = 1300 + 60 + 100 + 50 + 140 = 1650
GOOD_COST = CostBreakdown(
    labour=1300, resources=60, crash=100, overlap=50, overhead=140, total=1650
)

# Loads of GOOD over the horizon [0, 7) (alice's vacation is outside it):
#   alice busy 3*1.0 + 2*0.5 = 4, available 7 * 1.0 = 7
#   bob   busy 3,                 available 7
#   carol busy 2*0.5 + 2*0.5 = 2, available 7 * 0.5 = 3.5
#   dave  busy 0,                 available 7
GOOD_LOADS = [
    PersonLoad(person="alice", busy_days=4, available_days=7, load=4 / 7),
    PersonLoad(person="bob", busy_days=3, available_days=7, load=3 / 7),
    PersonLoad(person="carol", busy_days=2, available_days=3.5, load=2 / 3.5),
    PersonLoad(person="dave", busy_days=0, available_days=7, load=0),
]


def tiny(**changes: Any) -> Project:
    """TINY with top-level keys replaced."""
    return Project.model_validate({**TINY, **changes})


def build(
    project: Project,
    plan: Plan,
    *,
    overlaps: list[Overlap] | None = None,
    cost: CostBreakdown | None = None,
    loads: list[PersonLoad] | None = None,
    modes: dict[str, int] | None = None,
) -> Result:
    """A result for ``plan`` with dates derived from the calendar.

    ``crashed``, makespan and finish_date follow from the plan; the cost is
    ``recompute_cost`` unless given (so a broken plan breaks only what the
    test is about).  ``modes`` gives the mode index of multi-mode tasks
    (which are never crashed).
    """
    cal = project.work_calendar
    modes = modes or {}
    tasks = [
        TaskResult(
            id=tid,
            start=start,
            finish=start + duration,
            duration=duration,
            start_date=cal.start_date(start, start + duration),
            finish_date=cal.finish_date(start, start + duration),
            people=list(people),
            mode=modes.get(tid),
            crashed=0
            if project.task(tid).modes
            else project.task(tid).duration - duration,
        )
        for tid, (start, duration, people) in plan.items()
    ]
    makespan = max((t.finish for t in tasks), default=0)
    result = Result(
        status=SolveStatus.FEASIBLE,
        makespan=makespan,
        finish_date=cal.date_of(max(makespan - 1, 0)),
        tasks=tasks,
        overlaps=GOOD_OVERLAPS if overlaps is None else overlaps,
        loads=loads or [],
    )
    result.cost = cost if cost is not None else recompute_cost(project, result)
    return result


def good() -> Result:
    """GOOD with its hand-worked cost and loads."""
    return build(tiny(), GOOD, cost=GOOD_COST, loads=GOOD_LOADS)


def replan(**changes: tuple[int, int, list[str]]) -> Result:
    """GOOD with some tasks re-planned (dates and cost recomputed)."""
    return build(tiny(), {**GOOD, **changes})


def edit_task(result: Result, tid: str, **fields: Any) -> Result:
    """``result`` with fields of task ``tid`` overwritten as given."""
    result.tasks = [
        t.model_copy(update=fields) if t.id == tid else t for t in result.tasks
    ]
    return result


def edit(**fields: Any) -> Result:
    """GOOD with result-level fields overwritten as given."""
    return good().model_copy(update=fields)


def assert_reported(found: list[str], pattern: str) -> None:
    assert any(re.search(pattern, v) for v in found), (
        f"no violation matches {pattern!r}; got {found}"
    )


def unknown_task() -> Result:
    """GOOD with a copy of E under the unknown id Z."""
    result = good()
    result.tasks = [
        *result.tasks,
        result.task("E").model_copy(update={"id": "Z"}),
    ]
    return result


def duplicate_e() -> Result:
    """GOOD with E listed twice."""
    result = good()
    result.tasks = [*result.tasks, result.task("E")]
    return result


def missing_e() -> Result:
    """GOOD without E."""
    result = good()
    result.tasks = [t for t in result.tasks if t.id != "E"]
    return result


# -- multi-mode tasks and a non-renewable budget ------------------------------

# Mon-Fri from Mon 2025-07-07: day 0 Mon 07-07 ... 4 Fri 07-11, 5 Mon 07-14.
# P runs in mode 0 (4 days, one builder, 2 units of cash) or mode 1 (2
# days, two builders, 4 units of cash, 300 fixed); S takes 2 units of
# cash, so mode 1 breaks the budget of 5 (4 + 2 = 6).  Q uses the crane.
MODES: dict[str, Any] = {
    "start": "2025-07-07",
    "overhead_per_day": 5,
    "people": [
        {"id": "ann", "skills": {"build": 3}, "rate": 100},
        {"id": "ben", "skills": {"build": 1}, "rate": 50},
    ],
    "resources": [
        {"id": "crane", "capacity": 1, "rate": 10},
        {"id": "cash", "capacity": 5, "rate": 2, "renewable": False},
    ],
    "tasks": [
        {
            "id": "P",
            "modes": [
                {
                    "duration": 4,
                    "needs": [{"skill": "build"}],
                    "uses": {"cash": 2},
                },
                {
                    "duration": 2,
                    "cost": 300,
                    "needs": [{"skill": "build", "count": 2}],
                    "uses": {"cash": 4},
                },
            ],
        },
        {
            "id": "Q",
            "duration": 2,
            "after": ["P"],
            "needs": [{"skill": "build"}],
            "uses": {"crane": 1},
        },
        {"id": "S", "duration": 1, "uses": {"cash": 2}},
    ],
}

#: P in mode 0 [0,4) by ann, Q [4,6) by ben, S [0,1).
MODES_GOOD: Plan = {
    "P": (0, 4, ["ann"]),
    "Q": (4, 2, ["ben"]),
    "S": (0, 1, []),
}

#: P in mode 1 [0,2) by ann and ben, Q [2,4) by ben, S [0,1): over budget.
MODES_FAST: Plan = {
    "P": (0, 2, ["ann", "ben"]),
    "Q": (2, 2, ["ben"]),
    "S": (0, 1, []),
}


def modes_project() -> Project:
    """The MODES project."""
    return Project.model_validate(MODES)


def modes_result(
    plan: Plan | None = None, mode: int | None = 0, **fields: Any
) -> Result:
    """A result of MODES for ``plan`` (default MODES_GOOD) with P in
    ``mode``; ``fields`` then edit P's entry."""
    project = modes_project()
    modes = {} if mode is None else {"P": mode}
    result = build(project, plan or MODES_GOOD, overlaps=[], modes=modes)
    return edit_task(result, "P", **fields) if fields else result


# -- vacations that overlap, touch, nest or cover a weekend only --------------

# Mon-Fri from Mon 2026-06-01, no holidays:
#   Mon 06-01 0   Mon 06-08 5   Mon 06-15 10
#   Tue 06-02 1   Tue 06-09 6   Tue 06-16 11
#   Wed 06-03 2   Wed 06-10 7
#   Thu 06-04 3   Thu 06-11 8
#   Fri 06-05 4   Fri 06-12 9
# olive: Thu 06-04..Sat 06-06 = days 3-4 and Fri 06-05..Wed 06-10 = days
#        4-7 overlap on day 4: days 3-7 blocked, 5 days (not 2 + 4 = 6).
# tom:   06-02..06-03 = days 1-2 and 06-04..06-05 = days 3-4 touch:
#        days 1-4, 4 days.
# nina:  06-01..06-12 = days 0-9 holds 06-03..06-04 = days 2-3: 10 days
#        (not 10 + 2 = 12).
# wes:   Sat 06-06..Sun 06-07 and Sat 06-13..Sun 06-14: no working day.
# hal:   olive's vacations at 50% availability.
# free:  no vacation.
VACATIONS: dict[str, Any] = {
    "start": "2026-06-01",
    "people": [
        {
            "id": "olive",
            "skills": {"x": 1},
            "unavailable": [
                {"start": "2026-06-04", "end": "2026-06-06"},
                {"start": "2026-06-05", "end": "2026-06-10"},
            ],
        },
        {
            "id": "tom",
            "skills": {"x": 1},
            "unavailable": [
                {"start": "2026-06-02", "end": "2026-06-03"},
                {"start": "2026-06-04", "end": "2026-06-05"},
            ],
        },
        {
            "id": "nina",
            "skills": {"x": 1},
            "unavailable": [
                {"start": "2026-06-01", "end": "2026-06-12"},
                {"start": "2026-06-03", "end": "2026-06-04"},
            ],
        },
        {
            "id": "wes",
            "skills": {"x": 1},
            "unavailable": [
                {"start": "2026-06-06", "end": "2026-06-07"},
                {"start": "2026-06-13", "end": "2026-06-14"},
            ],
        },
        {
            "id": "hal",
            "skills": {"x": 1},
            "availability": 50,
            "unavailable": [
                {"start": "2026-06-04", "end": "2026-06-06"},
                {"start": "2026-06-05", "end": "2026-06-10"},
            ],
        },
        {"id": "free", "skills": {"x": 1}},
    ],
    "tasks": [
        {
            "id": "T",
            "duration": 12,
            "allocation": 50,
            "needs": [{"skill": "x"}],
        }
    ],
}


def vacations_project() -> Project:
    """The VACATIONS project."""
    return Project.model_validate(VACATIONS)


def vacations_result(worker: str = "free") -> Result:
    """T over days 0-11 (makespan 12) worked by ``worker``."""
    return build(vacations_project(), {"T": (0, 12, [worker])}, overlaps=[])


# -- running one family -------------------------------------------------------


def run_family(
    checks: tuple[Check, ...], project: Project, result: Result
) -> list[str]:
    """The messages of ``checks`` alone on ``result``."""
    out: list[str] = []
    schedule = Schedule.of(project, result)
    for check in checks:
        check(schedule, out)
    return out


def assert_caught(
    checks: tuple[Check, ...], project: Project, result: Result, match: str
) -> list[str]:
    """``checks`` alone report a message matching ``match``, and
    :func:`violations` reports exactly the same matching messages (so
    the family is the one that catches it).  Returns the matches."""
    found = run_family(checks, project, result)
    hits = [m for m in found if re.search(match, m)]
    assert hits, f"no message matches {match!r}; the family said {found}"
    everything = violations(project, result)
    assert [m for m in everything if re.search(match, m)] == hits, everything
    return hits


#: A row of a family's table: (test id, (project, broken result), match).
Case = tuple[str, Callable[[], tuple[Project, Result]], str]
