"""The capacity family alone: people, vacations, renewable pools, budgets.

Each model is the variables registry of a tiny project plus
``capacity.add`` only (and ``windows.add`` where a solve needs the
makespan); instead of the skills family, a solve puts q on the tasks
directly (``works == 1``).  The projects
start on Monday 2 Jun 2025, Mon-Fri: days 0..4 are 2..6 Jun, days 5..9
are 9..13 Jun.  Every optimum is derived by hand.
"""

from __future__ import annotations

from typing import Any

import pytest

from plansat.solver.constraints import capacity, windows
from plansat.solver.strengthenings import NONE, Strengthenings
from plansat.solver.variables import Variables
from tests.helpers import make
from tests.helpers.cpsat import Constraint, kinds, minimize, posted

HORIZON = 20
QA = [{"skill": "qa"}]


def qa_tasks(*durations: int, allocation: int = 100) -> list[dict[str, Any]]:
    """Independent tasks T0, T1, ... of ``durations`` needing qa."""
    return [
        {"id": f"T{k}", "duration": d, "needs": QA, "allocation": allocation}
        for k, d in enumerate(durations)
    ]


def on_all(v: Variables, pid: str) -> None:
    """Put ``pid`` on every task they qualify for."""
    for task_id in v.tasks_of[pid]:
        v.model.add(v.works[task_id, pid] == 1)


def intervals_of(constraint: Constraint) -> list[int]:
    """The interval indices a no-overlap or cumulative constrains."""
    if constraint.has_no_overlap():
        return list(constraint.no_overlap.intervals)
    return list(constraint.cumulative.intervals)


# -- people ---------------------------------------------------------------


def test_full_time_tasks_of_one_person_share_a_no_overlap() -> None:
    # q qualifies for T0 and T1; 100 + 100 > q's 100: no two at once.
    p = make(qa_tasks(3, 4), people=[{"id": "q", "skills": {"qa": 1}}])
    v = Variables.create(p, HORIZON)
    [c] = posted(capacity.add, v)
    assert c.has_no_overlap()
    assert intervals_of(c) == [
        v.person_interval["T0", "q"].index,
        v.person_interval["T1", "q"].index,
    ]


@pytest.mark.parametrize(
    ("tasks", "expected"),
    [
        # two half-time tasks fit in 100%: nothing to post
        (2, []),
        # three: 150 > 100 but any two fit (50 + 50): a cumulative
        (3, ["cumulative"]),
    ],
)
def test_part_time_tasks_share_a_cumulative(
    tasks: int, expected: list[str]
) -> None:
    p = make(qa_tasks(*[2] * tasks, allocation=50),
             people=[{"id": "q", "skills": {"qa": 1}}])
    v = Variables.create(p, HORIZON)
    constraints = posted(capacity.add, v)
    assert kinds(constraints) == expected
    if expected:
        assert constraints[0].cumulative.capacity.offset == 100


def test_one_persons_tasks_run_in_sequence() -> None:
    # q does T0 (3) and T1 (4) one after the other: makespan 3 + 4 = 7.
    p = make(qa_tasks(3, 4), people=[{"id": "q", "skills": {"qa": 1}}])
    v = Variables.create(p, HORIZON)
    on_all(v, "q")
    capacity.add(v, NONE)
    windows.add(v, NONE)
    assert minimize(v.model, v.makespan).objective_value == 7


def test_a_vacation_becomes_a_fixed_interval() -> None:
    # q is away Mon 9 .. Fri 13 Jun = days 5-9: a fixed interval [5, 10)
    # in q's no-overlap, beside q's one task.
    p = make(
        qa_tasks(3),
        people=[{"id": "q", "skills": {"qa": 1},
                 "unavailable": [{"start": "2025-06-09",
                                  "end": "2025-06-13"}]}],
    )
    v = Variables.create(p, HORIZON)
    block, limit = posted(capacity.add, v)
    assert block.name == "vacation[q,0]"
    iv = block.interval
    assert (iv.start.offset, iv.size.offset, iv.end.offset) == (5, 5, 10)
    assert list(iv.start.vars) == list(iv.size.vars) == []  # fixed
    assert list(block.enforcement_literal) == []  # always on
    assert limit.has_no_overlap()
    assert len(intervals_of(limit)) == 2


def test_a_vacation_makes_the_task_wait() -> None:
    # T0 (3 days) needs q, who is away Mon 2 .. Wed 4 Jun (days 0-2):
    # T0 starts on day 3 at the earliest and ends at 6.
    p = make(
        qa_tasks(3),
        people=[{"id": "q", "skills": {"qa": 1},
                 "unavailable": [{"start": "2025-06-02",
                                  "end": "2025-06-04"}]}],
    )
    v = Variables.create(p, HORIZON)
    on_all(v, "q")
    capacity.add(v, NONE)
    solver = minimize(v.model, v.end["T0"])
    assert solver.value(v.start["T0"]) == 3
    assert solver.objective_value == 6


def test_a_vacation_beyond_the_horizon_is_left_out() -> None:
    # Away from Mon 16 Jun = day 10, past a horizon of 10 days.
    p = make(
        qa_tasks(3),
        people=[{"id": "q", "skills": {"qa": 1},
                 "unavailable": [{"start": "2025-06-16",
                                  "end": "2025-06-20"}]}],
    )
    assert posted(capacity.add, Variables.create(p, 10)) == []


# -- renewable pools --------------------------------------------------------


def rig_tasks(cap: int, *units: int) -> Variables:
    """Independent 2-day tasks using ``units`` of a rig of ``cap``."""
    p = make(
        [{"id": f"T{k}", "duration": 2, "uses": {"rig": u}}
         for k, u in enumerate(units)],
        resources=[{"id": "rig", "capacity": cap}],
    )
    return Variables.create(p, HORIZON)


@pytest.mark.parametrize(
    ("cap", "units", "expected", "makespan"),
    [
        # one rig: no-overlap, 2 + 2 = 4
        (1, (1, 1), ["no_overlap"], 4),
        # 1 + 1 <= 2: never over capacity, nothing posted, in parallel: 2
        (2, (1, 1), [], 2),
        # 2 + 2 > 3 but 1 + 2 fits: a cumulative; the two 2-unit tasks
        # run apart, the 1-unit one beside either: 2 + 2 = 4
        (3, (2, 2, 1), ["cumulative"], 4),
    ],
)
def test_renewable_pool(
    cap: int, units: tuple[int, ...], expected: list[str], makespan: int
) -> None:
    v = rig_tasks(cap, *units)
    assert kinds(posted(capacity.add, v)) == expected
    windows.add(v, NONE)
    assert minimize(v.model, v.makespan).objective_value == makespan


def test_makespan_interval_fills_every_capacity_after_the_end() -> None:
    # With makespan_interval, even a lone user gets a no-overlap with the
    # interval [makespan, horizon) taking the rig's full capacity.
    v = rig_tasks(1, 1)
    assert posted(capacity.add, v) == []
    w = rig_tasks(1, 1)
    tail = posted(capacity.add, w, Strengthenings(makespan_interval=True))
    assert kinds(tail) == ["interval", "no_overlap"]
    assert tail[0].name == "after_end"


# -- non-renewable budgets ------------------------------------------------

#: Two independent tasks, each fast (1 day, 2 units of cash) or slow
#: (3 days, 1 unit).
EITHER: list[dict[str, Any]] = [
    {"duration": 1, "uses": {"cash": 2}},
    {"duration": 3, "uses": {"cash": 1}},
]


def budget(cap: int) -> Variables:
    p = make(
        [{"id": t, "modes": EITHER} for t in "AB"],
        resources=[{"id": "cash", "capacity": cap, "renewable": False}],
    )
    return Variables.create(p, HORIZON)


def test_a_budget_is_one_linear_constraint() -> None:
    assert kinds(posted(capacity.add, budget(3))) == ["linear"]


@pytest.mark.parametrize(
    ("cap", "days"),
    [
        (2, 6),  # 1 + 1 units: both slow, 3 + 3
        (3, 4),  # 2 + 1: one fast, 1 + 3
        (4, 2),  # 2 + 2: both fast, 1 + 1
    ],
)
def test_the_budget_decides_the_modes(cap: int, days: int) -> None:
    # The least total duration the budget allows (see the comments).
    v = budget(cap)
    capacity.add(v, NONE)
    solver = minimize(v.model, sum(v.duration.values()))
    assert solver.objective_value == days


def test_a_budget_no_mode_choice_can_exceed_posts_nothing() -> None:
    # One single-mode task using 2 of 5 units: the sum is a constant.
    p = make([{"id": "A", "duration": 2, "uses": {"cash": 2}}],
             resources=[{"id": "cash", "capacity": 5,
                         "renewable": False}])
    assert posted(capacity.add, Variables.create(p, HORIZON)) == []


# -- loads booked by tasks outside the model ----------------------------------


@pytest.mark.parametrize(("allocation", "start"), [
    # q is booked at 50 % on days 0-3: a full-time task waits for day 4,
    (100, 4),
    # a half-time one runs beside the booking from day 0.
    (50, 0),
])
def test_a_booked_load_shares_the_persons_day(allocation: int,
                                              start: int) -> None:
    p = make(qa_tasks(2, allocation=allocation),
             people=[{"id": "q", "skills": {"qa": 1}}])
    v = Variables.create(p, HORIZON, booked={"person:q": [(0, 4, 50)]})
    on_all(v, "q")
    capacity.add(v, NONE)
    solver = minimize(v.model, v.start["T0"])
    assert solver.value(v.start["T0"]) == start


def test_a_booked_load_takes_its_units_of_a_pool() -> None:
    # A rig of 3 with 2 units booked on days 1-4 and 3 on days 6-7: a
    # 2-day task using 2 units fits on days 4-5 at the earliest (day 0
    # alone is too short; days 1-3 leave one unit; 6-7 none), a 1-unit
    # one from day 0. Bookings past the horizon are dropped.
    v = rig_tasks(3, 2, 1)
    v.booked = {"resource:rig": [(1, 4, 2), (6, 8, 3), (HORIZON, 30, 3)]}
    posted_ = posted(capacity.add, v)
    assert kinds(posted_)[-1] == "cumulative"
    assert len(intervals_of(posted_[-1])) == 2 + 2
    solver = minimize(v.model, v.start["T0"] + v.start["T1"])
    assert (solver.value(v.start["T0"]), solver.value(v.start["T1"])) == (
        4, 0)
