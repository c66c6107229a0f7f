"""The exact time–cost trade-off (``plansat.analysis.tradeoff``).

Every network here starts on Monday 2025-06-02 with a Mon-Fri calendar and
no holidays, so working day ``k`` is the ``k % 5``-th weekday of week
``k // 5``: day 9 = Fri 13 June, day 11 = Tue 17 June, day 14 = Fri 20
June.

The textbook crashing network (no people, no resources, overhead 350/day)::

            +-- B 6 (->4 @100) -- D 4 (->3 @250) --+
    A 3 ----+                                       +-- F 2 (->1 @500)
    (->2 @300)                                      |
            +-- C 5 (->3 @150) -- E 3 (no crash) ---+

Upper path A-B-D-F = 3+6+4+2 = 15 (critical), lower path A-C-E-F =
3+5+3+2 = 13 (2 days of float).  With crash days a, b, c, d, f the plan
finishes by D when 15-a-b-d-f <= D and 13-a-c-f <= D; the direct cost is
300a + 100b + 150c + 250d + 500f.

- D=15: nothing to crash: 0.
- D=14: the upper path needs 1 day; cheapest critical task B (100): B-1,
  cost 100.  Unique (D 250, A 300, F 500 are dearer).
- D=13: one more day on the upper path, B again (its 2nd and last day):
  B-2, cost 200.  The lower path (13) is now critical too.  Unique.
- D=12: both paths are critical.  Crash both (B is used up, so D 250 +
  C 150 = 400 per day) or the common task A (300 per day) or F (500):
  A-1, B-2, cost 500.  (A=0 needs c>=1 or f>=1: best B2 D1 C1 = 600.)
  Unique.
- D=11: A and B are used up; both paths again: D 250 + C 150 = 400 per
  day beats F 500: A-1, B-2, C-1, D-1, cost 900.  (With F instead of
  C+D: 300+200+500 = 1000; without A: at least 1100.)  Unique.
- D=10: the upper path has nothing left but F (500): A-1, B-2, C-1, D-1,
  F-1, cost 1400; the lower path is 13-1-1-1 = 10.  Unique.
- D=9 is impossible: the upper path can lose at most 1+2+1+1 = 5 days.

So the curve is 10: 1400, 11: 900, 12: 500, 13: 200, 14: 100, 15: 0
(marginal costs 500, 400, 300, 100, 100), and with overhead 350/day and
no labour or resources the total cost is 350 D + direct: 10: 4900, 11:
4750, 12: 4700, 13: 4750, 14: 5000, 15: 5250; the least total cost is at
12 days (4700).  Each point's cost rises strictly as D shrinks, so the
cheapest plan for D finishes exactly on day D.
"""

from __future__ import annotations

import copy
import itertools
from datetime import date
from typing import Any

import pytest

from plansat.analysis.tradeoff import TradeoffCurve, TradeoffPoint, tradeoff
from plansat.check import recompute_cost, violations
from plansat.models import Overlap, Project, Result, SolveStatus
from tests.helpers import START, solved

TEXTBOOK: dict[str, Any] = {
    "name": "Textbook crashing",
    "start": START,
    "calendar": {"workdays": ["Mon", "Tue", "Wed", "Thu", "Fri"]},
    "overhead_per_day": 350,
    "tasks": [
        {
            "id": "A",
            "duration": 3,
            "crash": {"duration": 2, "cost_per_day": 300},
        },
        {
            "id": "B",
            "duration": 6,
            "after": ["A"],
            "crash": {"duration": 4, "cost_per_day": 100},
        },
        {
            "id": "C",
            "duration": 5,
            "after": ["A"],
            "crash": {"duration": 3, "cost_per_day": 150},
        },
        {
            "id": "D",
            "duration": 4,
            "after": ["B"],
            "crash": {"duration": 3, "cost_per_day": 250},
        },
        {"id": "E", "duration": 3, "after": ["C"]},
        {
            "id": "F",
            "duration": 2,
            "after": ["D", "E"],
            "crash": {"duration": 1, "cost_per_day": 500},
        },
    ],
}

#: duration -> (direct cost, crashed days per task), derived above.
TEXTBOOK_CURVE: dict[int, tuple[float, dict[str, int]]] = {
    10: (1400, {"A": 1, "B": 2, "C": 1, "D": 1, "F": 1}),
    11: (900, {"A": 1, "B": 2, "C": 1, "D": 1}),
    12: (500, {"A": 1, "B": 2}),
    13: (200, {"B": 2}),
    14: (100, {"B": 1}),
    15: (0, {}),
}

#: A(10) -> B(6), FS with up to 3 days of overlap at 200/day, and a
#: parallel C(14).  Normal: A-B = 16.  Overlapping B by 1 day (200)
#: gives 15, by 2 days (400) gives 14; a 3rd day would not help because
#: C (14) is then critical.  No crash options.
FAST_TRACK: dict[str, Any] = {
    "name": "Fast-tracking",
    "start": START,
    "overhead_per_day": 100,
    "tasks": [
        {"id": "A", "duration": 10},
        {
            "id": "B",
            "duration": 6,
            "after": [
                {
                    "task": "A",
                    "type": "FS",
                    "max_overlap": 3,
                    "overlap_cost_per_day": 200,
                }
            ],
        },
        {"id": "C", "duration": 14},
    ],
}

#: X(3) and Y(4) have no link, but both need the one developer: the
#: critical path is 4 days, the people-feasible plan 3 + 4 = 7.
ONE_PERSON: dict[str, Any] = {
    "name": "One developer",
    "start": START,
    "people": [{"id": "solo", "skills": {"dev": 3}, "rate": 100}],
    "tasks": [
        {"id": "X", "duration": 3, "needs": [{"skill": "dev"}]},
        {"id": "Y", "duration": 4, "needs": [{"skill": "dev"}]},
    ],
}


def run(project: Project, **kwargs: Any) -> TradeoffCurve:
    """``tradeoff`` with the small limits of the test suite."""
    return tradeoff(project, time_limit=5.0, workers=1, **kwargs)


def build(data: dict[str, Any], **overrides: Any) -> Project:
    fresh = copy.deepcopy(data)
    fresh.update(overrides)
    return Project.model_validate(fresh)


@pytest.fixture(scope="module")
def textbook() -> Project:
    return build(TEXTBOOK)


@pytest.fixture(scope="module")
def textbook_curve(textbook: Project) -> TradeoffCurve:
    return run(textbook)


@pytest.fixture(scope="module")
def fast_track_curve() -> TradeoffCurve:
    return run(build(FAST_TRACK))


@pytest.fixture(scope="module")
def ecommerce_curve(ecommerce: Project) -> TradeoffCurve:
    return run(ecommerce)


# -- independent checks of one point -----------------------------------------


def fixed_project(project: Project, point: TradeoffPoint) -> Project:
    """``project`` with the point's decisions frozen in: crashed tasks get
    their shorter duration (and no crash option), overlapped FS links a
    lead of the overlapped days (and no overlap option), no deadline."""
    data = project.model_dump(mode="json")
    data["deadline"] = None
    leads = {(o.predecessor, o.successor): o.days for o in point.overlaps}
    for task in data["tasks"]:
        task["duration"] -= point.crashed.get(task["id"], 0)
        task["crash"] = None
        for dep in task["after"]:
            dep["lag"] -= leads.get((dep["task"], task["id"]), 0)
            dep["max_overlap"] = 0
            dep["overlap_cost_per_day"] = 0
    return Project.model_validate(data)


def fs_overlaps(project: Project, result: Result) -> list[Overlap]:
    """The FS overlaps a schedule makes on ``project``'s links."""
    sched = {t.id: t for t in result.tasks}
    found = []
    for task in project.tasks:
        for dep in task.after:
            if dep.type != "FS":
                continue
            days = sched[dep.task].finish + dep.lag - sched[task.id].start
            if days > 0:
                found.append(
                    Overlap(
                        predecessor=dep.task,
                        successor=task.id,
                        days=days,
                        cost=days * dep.overlap_cost_per_day,
                    )
                )
    return found


def replay(project: Project, point: TradeoffPoint) -> Result:
    """Rebuild a schedule with the point's crashing and overlaps through
    :func:`tests.helpers.solved` and check it, on the original project,
    with the independent checker.

    The point's own plan is a witness that the frozen project can finish
    by ``point.makespan``, so the fastest frozen schedule does too; its
    direct cost can't exceed the point's (overlaps only shrink), and it
    can't be below it either when the point is optimal for its duration.
    """
    fixed = fixed_project(project, point)
    fastest = solved(fixed)
    assert fastest.makespan is not None
    assert fastest.makespan <= point.makespan <= point.duration

    original = project.model_copy(update={"deadline": None})
    tasks = [
        tr.model_copy(
            update={"crashed": original.task(tr.id).duration - tr.duration}
        )
        for tr in fastest.tasks
    ]
    draft = fastest.model_copy(
        update={"tasks": tasks, "overlaps": fs_overlaps(original, fastest)}
    )
    back = draft.model_copy(update={"cost": recompute_cost(original, draft)})
    assert violations(original, back) == []
    assert {t.id: t.crashed for t in back.tasks if t.crashed} == point.crashed
    if point.status == SolveStatus.OPTIMAL:
        direct = back.cost.crash + back.cost.overlap
        assert direct == pytest.approx(point.direct_cost)
    return back


def assert_fields_agree(project: Project, point: TradeoffPoint) -> None:
    """The point's figures agree with each other and with the project."""
    cal = project.work_calendar
    crash = 0.0
    for tid, days in point.crashed.items():
        task = project.task(tid)
        assert task.crash is not None
        assert 0 < days <= task.duration - task.crash.duration
        crash += days * task.crash.cost_per_day
    overlap = 0.0
    for o in point.overlaps:
        dep = next(
            d
            for d in project.task(o.successor).after
            if d.task == o.predecessor
        )
        assert dep.type == "FS"
        assert 0 < o.days <= dep.max_overlap
        assert o.cost == pytest.approx(o.days * dep.overlap_cost_per_day)
        overlap += o.cost
    assert point.crash_cost == pytest.approx(crash)
    assert point.overlap_cost == pytest.approx(overlap)
    assert point.direct_cost == pytest.approx(crash + overlap)
    assert point.makespan <= point.duration
    assert point.finish_date == cal.date_of(point.makespan - 1)
    overhead = project.overhead_per_day * point.makespan
    assert point.total_cost >= point.direct_cost + overhead - 1e-6


def assert_monotone(curve: TradeoffCurve) -> None:
    """Durations rise from the shortest to the normal one, direct costs
    fall to 0, and one point, the least total cost, is marked best."""
    durations = [p.duration for p in curve.points]
    costs = [p.direct_cost for p in curve.points]
    assert curve.shortest_duration <= curve.normal_duration
    assert durations == sorted(set(durations))
    assert durations[0] == curve.shortest_duration
    assert durations[-1] == curve.normal_duration
    assert all(a >= b for a, b in itertools.pairwise(costs))
    assert curve.points[-1].direct_cost == 0
    assert sum(p.best for p in curve.points) == 1
    best = curve.best()
    assert best.total_cost == min(p.total_cost for p in curve.points)


# -- 1. the textbook network ------------------------------------------------


def test_textbook_curve_matches_hand_derivation(
    textbook_curve: TradeoffCurve,
) -> None:
    curve = textbook_curve
    assert curve.normal_duration == 15
    assert curve.shortest_duration == 10
    assert curve.cpm_duration == 15
    assert [p.duration for p in curve.points] == list(range(10, 16))
    for p in curve.points:
        cost, crashed = TEXTBOOK_CURVE[p.duration]
        assert p.status == SolveStatus.OPTIMAL
        assert p.direct_cost == pytest.approx(cost), p.duration
        assert p.crash_cost == pytest.approx(cost)
        assert p.overlap_cost == 0
        assert p.overlaps == []
        assert p.crashed == crashed, p.duration
        # strictly rising costs: the cheapest plan finishes on day D
        assert p.makespan == p.duration
        # no labour, no resources: total = direct + 350 per day
        assert p.total_cost == pytest.approx(cost + 350 * p.duration)
    assert [p.finish_date for p in curve.points] == [
        date(2025, 6, 13),
        date(2025, 6, 16),
        date(2025, 6, 17),
        date(2025, 6, 18),
        date(2025, 6, 19),
        date(2025, 6, 20),
    ]


def test_textbook_best_point_is_least_total_cost(
    textbook_curve: TradeoffCurve,
) -> None:
    best = textbook_curve.best()
    assert [p.duration for p in textbook_curve.points if p.best] == [12]
    assert best.duration == 12
    assert best.total_cost == pytest.approx(4700)
    assert best.crashed == {"A": 1, "B": 2}


def test_textbook_levers(textbook_curve: TradeoffCurve) -> None:
    levers = {lv.name: lv for lv in textbook_curve.levers}
    assert list(levers) == [
        "fast-tracking",
        "crashing",
        "both",
        "people and resources",
    ]
    assert all(lv.status == SolveStatus.OPTIMAL for lv in levers.values())
    # no link may overlap: fast-tracking alone changes nothing
    assert (
        levers["fast-tracking"].duration,
        levers["fast-tracking"].days_saved,
        levers["fast-tracking"].direct_cost,
    ) == (15, 0, 0)
    assert (
        levers["crashing"].duration,
        levers["crashing"].days_saved,
        levers["crashing"].direct_cost,
    ) == (10, 5, 1400)
    assert (
        levers["both"].duration,
        levers["both"].days_saved,
        levers["both"].direct_cost,
    ) == (10, 5, 1400)
    # no people, no resources: they add no delay
    assert levers["people and resources"].days_saved == 0


# -- 2. monotone curves -------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["textbook_curve", "fast_track_curve", "ecommerce_curve"]
)
def test_curve_is_monotone(name: str, request: pytest.FixtureRequest) -> None:
    assert_monotone(request.getfixturevalue(name))


# -- 3. every point is a real, checker-clean plan ----------------------------


def test_textbook_points_are_consistent_and_replayable(
    textbook: Project, textbook_curve: TradeoffCurve
) -> None:
    for point in textbook_curve.points:
        assert_fields_agree(textbook, point)
        back = replay(textbook, point)
        # no resources: the frozen decisions finish exactly on day D
        assert back.makespan == point.makespan == point.duration


def test_fast_track_points_are_consistent_and_replayable(
    fast_track_curve: TradeoffCurve,
) -> None:
    project = build(FAST_TRACK)
    for point in fast_track_curve.points:
        assert_fields_agree(project, point)
        back = replay(project, point)
        # no people or resources: the frozen overlaps finish on day D
        # (16 - overlapped days, C's 14 being the floor)
        assert back.makespan == point.makespan == point.duration


def test_ecommerce_points_are_consistent_and_replayable(
    ecommerce: Project, ecommerce_curve: TradeoffCurve
) -> None:
    for point in ecommerce_curve.points:
        assert_fields_agree(ecommerce, point)
        back = replay(ecommerce, point)
        # the total cost is the least at that direct cost: no cheaper
        # than this replayed plan with the same direct cost
        assert point.total_cost <= back.cost.total + 1e-6


# -- 4. fast-tracking ---------------------------------------------------------


def test_fast_tracking_saves_two_days_until_c_is_critical(
    fast_track_curve: TradeoffCurve,
) -> None:
    curve = fast_track_curve
    assert (curve.normal_duration, curve.shortest_duration) == (16, 14)
    assert curve.cpm_duration == 16
    got = [
        (
            p.duration,
            p.direct_cost,
            p.overlap_cost,
            p.crash_cost,
            [(o.predecessor, o.successor, o.days) for o in p.overlaps],
            p.crashed,
            p.status,
        )
        for p in curve.points
    ]
    assert got == [
        (14, 400, 400, 0, [("A", "B", 2)], {}, SolveStatus.OPTIMAL),
        (15, 200, 200, 0, [("A", "B", 1)], {}, SolveStatus.OPTIMAL),
        (16, 0, 0, 0, [], {}, SolveStatus.OPTIMAL),
    ]
    # total = direct + 100/day: 1800, 1700, 1600 -> normal is best
    assert [p.total_cost for p in curve.points] == pytest.approx(
        [1800, 1700, 1600]
    )
    assert curve.best().duration == 16

    levers = {lv.name: lv for lv in curve.levers}
    fast = levers["fast-tracking"]
    assert (fast.duration, fast.days_saved, fast.direct_cost) == (14, 2, 400)
    crash = levers["crashing"]  # no crash option anywhere
    assert (crash.duration, crash.days_saved, crash.direct_cost) == (16, 0, 0)
    both = levers["both"]
    assert (both.duration, both.days_saved, both.direct_cost) == (14, 2, 400)


# -- 5. people and resources --------------------------------------------------


def test_people_lever_is_the_delay_one_person_adds() -> None:
    project = build(ONE_PERSON)
    curve = run(project)
    assert curve.cpm_duration == 4
    assert curve.normal_duration == curve.shortest_duration == 7
    lever = next(
        lv for lv in curve.levers if lv.name == "people and resources"
    )
    assert lever.days_saved == curve.cpm_duration - curve.normal_duration
    assert lever.days_saved == -3
    assert lever.duration == 7
    # one point, no lever to pull: labour only (solo 7 days x 100)
    [point] = curve.points
    assert (point.duration, point.makespan, point.direct_cost) == (7, 7, 0)
    assert point.total_cost == pytest.approx(700)
    assert point.best
    replay(project, point)


# -- 6. points=N --------------------------------------------------------------


@pytest.mark.parametrize("count", [2, 3, 4, 6, 10])
def test_points_are_evenly_spread_with_both_ends(
    textbook: Project, count: int
) -> None:
    curve = run(textbook, points=count)
    durations = [p.duration for p in curve.points]
    # 10..15 holds 6 durations
    assert len(durations) == min(count, 6)
    assert durations[0] == 10 and durations[-1] == 15
    assert durations == sorted(set(durations))
    gaps = [b - a for a, b in itertools.pairwise(durations)]
    assert max(gaps) - min(gaps) <= 1
    for p in curve.points:
        assert p.direct_cost == pytest.approx(TEXTBOOK_CURVE[p.duration][0])
    assert sum(p.best for p in curve.points) == 1


def test_one_point_is_the_shortest(textbook: Project) -> None:
    curve = run(textbook, points=1)
    assert [p.duration for p in curve.points] == [10]
    assert curve.points[0].best


# -- 7. deadlines -------------------------------------------------------------


@pytest.mark.parametrize(
    ("deadline", "allowed", "cost"),
    [
        (date(2025, 6, 17), 12, 500),  # Tue, day 11: the best point
        (date(2025, 6, 13), 10, 1400),  # Fri, day 9: the shortest plan
        (date(2025, 6, 15), 10, 1400),  # Sunday: counts as Fri 13 June
        (date(2025, 6, 19), 14, 100),
    ],
)
def test_deadline_that_can_be_met(
    textbook: Project, deadline: date, allowed: int, cost: float
) -> None:
    answer = run(textbook, deadline=deadline).deadline
    assert answer is not None
    assert answer.deadline == deadline
    assert answer.met
    assert answer.short_by == 0
    assert answer.duration == allowed
    assert answer.point is not None
    assert answer.point.duration == allowed
    assert answer.point.direct_cost == pytest.approx(cost)
    assert answer.point.crashed == TEXTBOOK_CURVE[allowed][1]
    assert answer.point.finish_date <= deadline
    assert str(deadline) in answer.message
    assert "is met" in answer.message


def test_deadline_between_spread_points_is_solved(textbook: Project) -> None:
    # points=2 draws only 10 and 15; 17 June allows 12 days -> 500
    curve = run(textbook, points=2, deadline=date(2025, 6, 17))
    assert [p.duration for p in curve.points] == [10, 15]
    answer = curve.deadline
    assert answer is not None and answer.met and answer.point is not None
    assert answer.point.duration == 12
    assert answer.point.direct_cost == pytest.approx(500)
    assert answer.point.crashed == {"A": 1, "B": 2}


@pytest.mark.parametrize(
    ("deadline", "allowed", "short"),
    [
        (date(2025, 6, 12), 9, 1),  # Thu, day 8: one day short of 10
        (date(2025, 6, 6), 5, 5),
        (date(2025, 5, 30), 0, 10),  # before the start
    ],
)
def test_deadline_that_cannot_be_met(
    textbook: Project, deadline: date, allowed: int, short: int
) -> None:
    answer = run(textbook, deadline=deadline).deadline
    assert answer is not None
    assert not answer.met
    assert answer.point is None
    assert answer.duration == allowed
    assert answer.short_by == short == 10 - allowed
    assert "can't be met" in answer.message
    assert f"{short} working day" in answer.message
    assert "10 working days" in answer.message


def test_deadline_later_than_normal_costs_nothing(textbook: Project) -> None:
    # Mon 30 June is day 20: 21 days allowed, the normal 15 suffice
    answer = run(textbook, deadline=date(2025, 6, 30)).deadline
    assert answer is not None and answer.met and answer.point is not None
    assert answer.duration == 21
    assert answer.point.direct_cost == 0
    assert answer.point.crashed == {}
    assert answer.point.makespan == 15
    assert answer.point.total_cost == pytest.approx(15 * 350)


def test_project_deadline_is_the_question_not_a_constraint() -> None:
    # 12 June can't be met (10 days at best), yet the curve is drawn
    project = build(TEXTBOOK, deadline="2025-06-12")
    curve = run(project)
    assert (curve.shortest_duration, curve.normal_duration) == (10, 15)
    assert [p.duration for p in curve.points] == list(range(10, 16))
    assert curve.deadline is not None
    assert curve.deadline.deadline == date(2025, 6, 12)
    assert not curve.deadline.met
    assert curve.deadline.short_by == 1


def test_no_deadline_no_answer(textbook_curve: TradeoffCurve) -> None:
    assert textbook_curve.deadline is None


# -- 8. the e-commerce example ------------------------------------------------


def test_ecommerce_curve(ecommerce_curve: TradeoffCurve) -> None:
    # Day 0 is Thu 26 June; 4 July is a holiday, so carol's vacation
    # (Mon 21 - Fri 25 July) is working days 16-20.  Only carol has
    # frontend >= 4, so she does T005 (12 days, after T002).  T002 ends
    # on day 11 at the earliest (T001 5 + T002 crashed to 6), too late
    # to fit 12 days before day 16, so T005 runs on days 21-32 and
    # finishes at 33 whatever we pay.  T006 (after T005, and sharing the
    # single staging environment with it) can't start before 33:
    #   33 + T006 8 + T007 crashed to 8 + T008 3 = 52 (shortest).
    # Normal: T001-T002-T003-T004 end at 5+8+6+15 = 34 > 33, so
    #   34 + 8 + 10 + 3 = 55.
    # Hand-derived direct costs: 54 days: overlap T002->T003 by 1 day
    # (400) lets T004 end at 33 (cheaper than T007 700, T002 900, T004
    # 1200); 53: + T007 -1 (700) = 1100; 52: + T007 -2 = 1800.  The
    # overlap can't help beyond 1 day: T006 waits for T005 at 33.
    curve = ecommerce_curve
    assert curve.normal_duration == 55
    assert curve.shortest_duration == 52
    assert curve.cpm_duration == 55
    assert [p.duration for p in curve.points] == [52, 53, 54, 55]
    assert all(p.status == SolveStatus.OPTIMAL for p in curve.points)
    assert [p.direct_cost for p in curve.points] == pytest.approx(
        [1800, 1100, 400, 0]
    )
    assert [p.crashed for p in curve.points] == [
        {"T007": 2},
        {"T007": 1},
        {},
        {},
    ]
    assert curve.points[-1].finish_date == date(2025, 9, 12)
    levers = {lv.name: lv for lv in curve.levers}
    # fast-tracking alone: T002->T003 by 1 day, 55 -> 54 for 400
    assert (
        levers["fast-tracking"].days_saved,
        levers["fast-tracking"].direct_cost,
    ) == (1, 400)
    # crashing alone: T002 -1 (900, cheaper than T004's 1200) + T007 -2
    assert (levers["crashing"].days_saved, levers["crashing"].direct_cost) == (
        3,
        2300,
    )
    assert (levers["both"].days_saved, levers["both"].direct_cost) == (
        3,
        1800,
    )
    assert levers["people and resources"].days_saved == 0
    # the project's deadline (31 Oct) is answered: met at no direct cost
    assert curve.deadline is not None
    assert curve.deadline.deadline == date(2025, 10, 31)
    assert curve.deadline.met
    assert curve.deadline.point is not None
    assert curve.deadline.point.direct_cost == 0
    assert curve.deadline.point.makespan == 55
