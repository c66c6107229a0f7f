"""The plan's policy with people's own calendars: a task that doesn't
split moves past its people's days off, a split task pauses over them
(Monte Carlo's fixed-order evaluation and left-justification).

START is Monday 2025-06-02: days 0-4 are 2-6 Jun, days 5-9 9-13 Jun.
A (fay, 2 days) -> B (pat, Mon-Wed): pat is off days 3-4, 8-9, ...
"""

from __future__ import annotations

import numpy as np
import pytest

from plansat.check import violations
from plansat.models import Project, Result, SolveStatus
from plansat.schedule.evaluate import build_result
from plansat.schedule.justify import left_justify
from plansat.schedule.partial_order import build_network, plan_tasks
from plansat.schedule.plan import Plan
from plansat.schedule.sampling import critical, evaluate, evaluate_one
from tests.helpers import make
from tests.solver.test_calendars import MON_WED, chain


def late_plan(split: bool) -> Plan:
    # B on days [5, 8) (Mon 9 - Wed 11 Jun): valid either way.
    return Plan(start={"A": 0, "B": 5}, duration={"A": 2, "B": 3},
                people={"A": [["fay"]], "B": [["pat"]]})


@pytest.mark.parametrize(
    ("split", "b_days", "span"),
    [
        # B after A (day 2): Wed, pause Thu-Fri, Mon, Tue, Wed...
        (True, 3, (2, 7)),
        (True, 4, (2, 8)),
        (True, 1, (2, 3)),
        # without splits: three days in a row first on Mon 9 Jun
        (False, 3, (5, 8)),
        (False, 1, (2, 3)),
        (False, 2, (5, 7)),  # Wed 4 Jun then Thu off: Mon 9 Jun
    ],
)
def test_fixed_order_evaluation(
    split: bool, b_days: int, span: tuple[int, int]
) -> None:
    p = chain(split)
    result = build_result(p, late_plan(split), SolveStatus.FEASIBLE,
                          "time", None, None, 0.0)
    net = build_network(p, result, "plan", plan_tasks(p, result))
    starts, finishes = evaluate_one(net, [2, b_days])
    assert (starts[1], finishes[1]) == span
    ev = evaluate(net, np.array([[2, 2], [b_days, b_days]]))
    assert (int(ev.start[1, 0]), int(ev.finish[1, 1])) == span


def test_left_justify_moves_a_split_task_into_its_pauses() -> None:
    # B split moves from [5, 8) to [2, 7): works Wed 4, Mon 9, Tue 10.
    p = chain(split=True)
    plan = left_justify(p, late_plan(True))
    assert (plan.start["B"], plan.finish("B"), plan.work("B")) == (2, 7, 3)
    result = build_result(p, plan, SolveStatus.FEASIBLE, "time", None,
                          None, 0.0)
    assert violations(p, result) == []


def test_left_justify_keeps_an_unsplit_task_off_days_off() -> None:
    p = chain(split=False)
    plan = left_justify(p, late_plan(False))
    assert (plan.start["B"], plan.finish("B")) == (5, 8)



@pytest.mark.parametrize(
    ("split", "b_start", "b_span", "b_float"),
    [
        # B split on days 2, 5, 6 ([2, 7)); by day 9 it could run days
        # 5, 6, 7 (pat is off days 8-9): latest start 5, float 3 (the
        # span alone would say 9 - 7 = 2).
        (True, 2, 5, 3),
        # B in a row on days [5, 8): [6, 9) would cover Thu 12 Jun (day
        # 8, pat's day off): latest start 5, float 0 (not 9 - 8 = 1).
        (False, 5, 3, 0),
    ],
)
def test_schedule_float_keeps_tasks_off_days_off(
    split: bool, b_start: int, b_span: int, b_float: int
) -> None:
    # A (fay, days [0, 2)) -> B (pat, Mon-Wed); D (9 days, nobody) makes
    # the makespan 9.  A's float: up to B's latest start 5, so 3.
    from plansat.schedule.floats import schedule_float

    p = make(
        [
            {"id": "A", "duration": 2, "needs": [{"skill": "a"}]},
            {"id": "B", "duration": 3, "needs": [{"skill": "b"}],
             "after": ["A"], "splittable": split},
            {"id": "D", "duration": 9},
        ],
        people=[{"id": "fay", "skills": {"a": 1}},
                {"id": "pat", "skills": {"b": 1}, "calendar": MON_WED}],
    )
    plan = Plan(start={"A": 0, "B": b_start, "D": 0},
                duration={"A": 2, "B": b_span, "D": 9},
                people={"A": [["fay"]], "B": [["pat"]], "D": []},
                worked={"B": 3} if b_span != 3 else {})
    floats = schedule_float(p, plan)
    assert (floats["A"], floats["B"], floats["D"]) == (3, b_float, 0)


def ff_chain() -> tuple[Project, Result]:
    """A (fay, 6 days) -FF-> B (pat, Mon-Wed, 2 days, splittable), and
    the plan A [0, 6), B working Wed 4 Jun (day 2) and Mon 9 Jun (day
    5): span [2, 6), finishing with A."""
    p = make(
        [
            {"id": "A", "duration": 6, "needs": [{"skill": "a"}]},
            {"id": "B", "duration": 2, "needs": [{"skill": "b"}],
             "after": [{"task": "A", "type": "FF"}], "splittable": True},
        ],
        people=[{"id": "fay", "skills": {"a": 1}},
                {"id": "pat", "skills": {"b": 1}, "calendar": MON_WED}],
    )
    plan = Plan(start={"A": 0, "B": 2}, duration={"A": 6, "B": 4},
                people={"A": [["fay"]], "B": [["pat"]]}, worked={"B": 2})
    result = build_result(p, plan, SolveStatus.FEASIBLE, "time", None,
                          None, 0.0)
    assert violations(p, result) == []
    return p, result


@pytest.mark.parametrize(
    ("a_days", "span"),
    [
        # A ends on day 6: B must end on day 6 or later, i.e. its last
        # day is pat's first working day on or after day 5 (Mon 9 Jun,
        # day 5); its other day is her working day before: Wed 4 Jun
        # (day 2).  B = [2, 6).  Starting B at 6 - 2 = 4 (the finish
        # bound less its days, as if it couldn't pause) would move it to
        # Mon 9 Jun and end it on day 7.
        (6, (2, 6)),
        # A ends on day 4 (a Friday): B's last day is again Mon 9 Jun
        # (pat is off Thu-Fri): [2, 6).
        (4, (2, 6)),
        # A ends on day 7: B's last day is Tue 10 Jun (day 6), its first
        # Mon 9 Jun: [5, 7).
        (7, (5, 7)),
        # A ends on day 2: B fits on Mon-Tue 2-3 Jun: [0, 2).
        (2, (0, 2)),
        # A ends on day 1: B could end then if it started on day -1;
        # the project's start holds it: [0, 2), not driven by A.
        (1, (0, 2)),
    ],
)
def test_finish_to_finish_bounds_a_split_task_by_its_finish(
    a_days: int, span: tuple[int, int]
) -> None:
    p, result = ff_chain()
    net = build_network(p, result, "plan", plan_tasks(p, result))
    starts, finishes = evaluate_one(net, [a_days, 2])
    assert (starts[1], finishes[1]) == span
    ev = evaluate(net, np.array([[a_days, 1], [2, 2]]))
    assert (int(ev.start[1, 0]), int(ev.finish[1, 0])) == span
    # A is critical when it drives B (B's start is the earliest from
    # which it ends on A's finish or later) or ends last itself; on day
    # 1 the project's start drives B instead.
    crit = critical(net, ev, np.array([[a_days, 1], [2, 2]]))
    assert bool(crit[0, 0]) == (a_days != 1)


def test_schedule_float_through_a_finish_to_finish_into_a_split_task(
) -> None:
    # A (fay, 3 days, [0, 3)) -FF-> B (pat, Mon-Wed, 2 days, split, on
    # days 2 and 5: span [2, 6)); D (10 days, nobody) makes the makespan
    # 10.  B's latest
    # start is day 6 (pat's last days before 10 are 6 and 7; she is off
    # 8-9), so B's late *finish* is 8, not 10.  A must end by then:
    # late start 5, float 5 (sliding A to [6, 9) would need B to end on
    # day 9 or later, i.e. on pat's Monday, day 10: B would end on 11).
    from plansat.schedule.floats import schedule_float

    p = make(
        [
            {"id": "A", "duration": 3, "needs": [{"skill": "a"}]},
            {"id": "B", "duration": 2, "needs": [{"skill": "b"}],
             "after": [{"task": "A", "type": "FF"}], "splittable": True},
            {"id": "D", "duration": 10},
        ],
        people=[{"id": "fay", "skills": {"a": 1}},
                {"id": "pat", "skills": {"b": 1}, "calendar": MON_WED}],
    )
    plan = Plan(start={"A": 0, "B": 2, "D": 0},
                duration={"A": 3, "B": 4, "D": 10},
                people={"A": [["fay"]], "B": [["pat"]], "D": []},
                worked={"B": 2})
    result = build_result(p, plan, SolveStatus.FEASIBLE, "time", None,
                          None, 0.0)
    assert violations(p, result) == []
    floats = schedule_float(p, plan)
    assert (floats["A"], floats["B"], floats["D"]) == (5, 4, 0)
