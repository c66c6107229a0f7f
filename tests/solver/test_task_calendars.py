"""A task's own calendar (``tasks[].calendar``): the task works only
the grid days it works, as if it held a resource with that calendar.

START is Monday 2025-06-02 on the default Mon-Fri grid: days 0-4 are
Mon 2 - Fri 6 Jun, days 5-9 Mon 9 - Fri 13 Jun.  Every solve and every
plan goes through the independent checker.
"""

from __future__ import annotations

from typing import Any

import pytest

from plansat import Project
from plansat.heuristics.constructive import constructive_schedule
from plansat.models import ProjectError
from plansat.schedule.cpm import critical_path
from plansat.schedule.segments import segments, task_blocks
from tests.helpers import START, make, solved
from tests.heuristics.test_heuristic import as_result, non_deadline_violations

#: No Wednesdays: day 2 (Wed 4 Jun) and day 7 (Wed 11 Jun) are off.
NO_WED = {"workdays": ["Mon", "Tue", "Thu", "Fri"]}


def three_days(split: bool, **more: Any) -> Project:
    """A: 3 days from Monday on, its own calendar off on Wednesdays."""
    return make([{"id": "A", "duration": 3, "splittable": split,
                  "calendar": NO_WED, **more}])


def test_task_days_off_are_its_calendars() -> None:
    p = three_days(False)
    off = p.task_days_off(p.task("A"))
    assert off[:2] == [range(2, 3), range(7, 8)]
    assert task_blocks(p, [], (), stop=8, task=p.task("A")) == [
        (2, 3), (7, 8)]
    assert make([{"id": "B", "duration": 1}]).task_days_off(
        make([{"id": "B", "duration": 1}]).task("B")) == []


def test_a_task_that_does_not_split_waits_for_thursday() -> None:
    # Mon-Tue (days 0-1) are only 2 days before its Wednesday off (day
    # 2): 3 days in a row first fit Thu 5, Fri 6, Mon 9 Jun = days
    # [3, 6).  Makespan 6 is optimal (no start at 0, 1 or 2 fits).
    r = solved(three_days(False))
    a = r.tasks[0]
    assert (a.start, a.finish, a.duration) == (3, 6, 3)
    assert r.makespan == 6


def test_a_splittable_task_pauses_over_wednesday() -> None:
    # Works Mon 2, Tue 3 (days 0-1), pauses Wed 4 (day 2), works Thu 5
    # (day 3): span [0, 4), 3 days worked, makespan 4 (optimal: 3 worked
    # days from day 0 can't end before day 4).
    r = solved(three_days(True))
    a = r.tasks[0]
    assert (a.start, a.finish, a.duration) == (0, 4, 3)
    assert [tuple(s) for s in a.segments or []] == [(0, 2), (3, 4)]
    assert r.makespan == 4
    p = three_days(True)
    assert segments(p, 0, 4, [], (), p.task("A")) == [(0, 2), (3, 4)]


def test_a_task_calendar_and_a_person_s_add_up() -> None:
    # pat works Mon-Wed only; A (2 days, no Wednesdays, pat) can only
    # run on Mon-Tue: days [0, 2).  B (2 days, after A, pat) then can't
    # take Wed 4 + Thu 5 (pat is off Thu), so Mon 9 - Tue 10 Jun, days
    # [5, 7): makespan 7.
    p = make(
        [{"id": "A", "duration": 2, "needs": [{"skill": "dev"}],
          "calendar": NO_WED},
         {"id": "B", "duration": 2, "needs": [{"skill": "dev"}],
          "after": ["A"]}],
        people=[{"id": "pat", "skills": {"dev": 1},
                 "calendar": {"workdays": ["Mon", "Tue", "Wed"]}}],
    )
    r = solved(p)
    t = {x.id: x for x in r.tasks}
    assert (t["A"].start, t["A"].finish) == (0, 2)
    assert (t["B"].start, t["B"].finish) == (5, 7)


@pytest.mark.parametrize(("split", "span"), [(False, (3, 6)),
                                             (True, (0, 4))])
def test_the_serial_schedule_follows_the_task_s_calendar(
    split: bool, span: tuple[int, int]
) -> None:
    # The same two cases as the solver's above.
    p = three_days(split)
    plan = constructive_schedule(p)
    result = as_result(p, plan)
    assert non_deadline_violations(p, result) == []
    a = result.tasks[0]
    assert (a.start, a.finish) == span


def test_cpm_dates_with_a_task_calendar() -> None:
    # X (2 days) -> A (3 days, no Wednesdays, not splittable).  X runs
    # days [0, 2); A may start on day 2 (Wed), its day off: 3 days in a
    # row from Thu 5 Jun, days [3, 6).  Duration 6; A critical, X may
    # slip 1 day (finish by A's late start 3).  Splittable, A works Thu,
    # Fri, Mon: [3, 6) as well here since day 2 is off.
    p = make([{"id": "X", "duration": 2},
              {"id": "A", "duration": 3, "after": ["X"],
               "calendar": NO_WED}])
    report = critical_path(p)
    t = {x.id: x for x in report.tasks}
    assert report.duration == 6
    assert (t["A"].es, t["A"].ef, t["A"].total_float) == (3, 6, 0)
    assert (t["X"].es, t["X"].ef, t["X"].ls, t["X"].lf) == (0, 2, 1, 3)


@pytest.mark.parametrize(
    ("calendar", "match"),
    [
        ({"workdays": ["Sat"]},
         r"tasks\[0\]\.calendar: A works none of the project's"),
        ({"workdays": ["Mon", "Mon"]},
         r"tasks\[0\]\.calendar\.workdays.*a weekday is listed twice"),
        ({"region": {"country": "XX"}},
         r"tasks\[0\]\.calendar\.region.*unknown region"),
        ({"weeks": [[], []]},
         r"tasks\[0\]\.calendar\.weeks.*no working day"),
    ],
)
def test_bad_task_calendars(calendar: dict[str, Any], match: str) -> None:
    with pytest.raises(ProjectError, match=match):
        Project.from_data({"start": START, "tasks": [
            {"id": "A", "duration": 2, "calendar": calendar}]})


@pytest.mark.parametrize(
    ("split", "x_days", "span"),
    [
        # X takes days [0, 2): A may start on Wed (day 2), its day off.
        (False, 2, (3, 6)),  # in a row: Thu, Fri, Mon
        (True, 2, (3, 6)),  # from its first day on: Thu, Fri, Mon
        # X takes day 0 only: A may start on Tue (day 1).
        (False, 1, (3, 6)),  # Tue alone is too short: Thu, Fri, Mon
        (True, 1, (1, 5)),  # Tue, (Wed off), Thu, Fri
    ],
)
def test_monte_carlo_s_fixed_order_evaluation(
    split: bool, x_days: int, span: tuple[int, int]
) -> None:
    from plansat.models import SolveStatus
    from plansat.schedule.evaluate import build_result
    from plansat.schedule.partial_order import build_network, plan_tasks
    from plansat.schedule.plan import Plan
    from plansat.schedule.sampling import evaluate_one

    p = make([{"id": "X", "duration": 2},
              {"id": "A", "duration": 3, "after": ["X"], "splittable": split,
               "calendar": NO_WED}])
    plan = Plan(start={"X": 0, "A": 3}, duration={"X": 2, "A": 3},
                people={"X": [], "A": []})
    result = build_result(p, plan, SolveStatus.FEASIBLE, "time", None,
                          None, 0.0)
    net = build_network(p, result, "plan", plan_tasks(p, result))
    starts, finishes = evaluate_one(net, [x_days, 3])
    assert (starts[1], finishes[1]) == span


def test_schedule_float_keeps_a_task_off_its_own_days() -> None:
    # X [0, 2) -> A [3, 6) (no Wednesdays, in a row); D (8 days) makes
    # the makespan 8.  A by day 8: [5, 8) takes in Wed 11 Jun (day 7),
    # so its latest start is 4 (Fri, Mon, Tue): float 1, not 8 - 6 = 2;
    # X may finish by 4: float 2.
    from plansat.schedule.floats import schedule_float
    from plansat.schedule.plan import Plan

    p = make([{"id": "X", "duration": 2},
              {"id": "A", "duration": 3, "after": ["X"], "calendar": NO_WED},
              {"id": "D", "duration": 8}])
    plan = Plan(start={"X": 0, "A": 3, "D": 0},
                duration={"X": 2, "A": 3, "D": 8},
                people={"X": [], "A": [], "D": []})
    floats = schedule_float(p, plan)
    assert (floats["X"], floats["A"], floats["D"]) == (2, 1, 0)


def test_the_gantt_shades_the_task_s_own_days_off() -> None:
    # Split A works Mon 2 - Tue 3 and Thu 5 Jun: its pause is Wed 4 Jun
    # (end exclusive: Thu 5), its own day off, shaded on its row.
    from datetime import date

    from plansat.charts.schedule.gantt_data import gantt_bars

    p = three_days(True)
    bar = gantt_bars(p, solved(p))[0]
    assert bar.pauses == ((date(2025, 6, 4), date(2025, 6, 5)),)
    assert bar.days_off == ((date(2025, 6, 4), date(2025, 6, 5)),)
