"""The status report on tiny projects, every number derived by hand.

The chain: A (3 days, alice at 100/day) -> B (2 days, bob at 50/day plus
the rig at 10/day), overhead 20 per day, starting Mon 2025-06-02 (days
0..4 are 2..6 June, day 5 is Mon 9 June, day 6 Tue 10 June).  Its
baseline is A on days 0-2, B on days 3-4: cumulative PV 120, 240, 360,
440, 520 (BAC 520); the task budgets are A 300 and B 120.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from plansat.analysis.tracking.replan import replan
from plansat.analysis.tracking.snapshots import (
    status_history,
    trend,
    with_trend,
)
from plansat.analysis.tracking.status import percent_complete, status
from plansat.check import violations
from plansat.models import Project, ProjectError, Result, SolveStatus
from tests.helpers import make, solved

PEOPLE = [
    {"id": "alice", "skills": {"x": 1}, "rate": 100},
    {"id": "bob", "skills": {"y": 1}, "rate": 50},
]


def chain(
    a: dict[str, Any] | None = None,
    b: dict[str, Any] | None = None,
    status_date: str | None = None,
    milestone: bool = False,
) -> Project:
    """The chain with progress ``a`` and ``b`` at ``status_date``."""
    tasks: list[dict[str, Any]] = [
        {"id": "A", "duration": 3, "needs": [{"skill": "x"}]},
        {"id": "B", "duration": 2, "after": ["A"],
         "needs": [{"skill": "y"}], "uses": {"rig": 1}},
    ]
    if milestone:
        tasks.append({"id": "M", "name": "Go live", "duration": 0,
                      "after": ["B"], "deadline": "2025-06-20"})
    for task, progress in zip(tasks, (a, b), strict=False):
        if progress is not None:
            task["progress"] = progress
    extra = {"status_date": status_date} if status_date else {}
    return make(tasks, people=PEOPLE, overhead_per_day=20,
                resources=[{"id": "rig", "capacity": 1, "rate": 10}],
                **extra)


@pytest.fixture(scope="module")
def baseline() -> Result:
    base = solved(chain())
    assert [(t.id, t.start, t.finish) for t in base.tasks] == [
        ("A", 0, 3), ("B", 3, 5)]
    assert base.cost.total == 520
    return base


def forecast_of(project: Project, baseline: Result) -> Result:
    """The re-plan, checked by the independent checker."""
    result = replan(project, baseline, time_limit=5, workers=1)
    assert result.status == SolveStatus.OPTIMAL
    assert violations(project, result) == []
    return result


def test_task_in_progress_and_late(baseline: Result) -> None:
    # Thu 5 June (AT 3): A started on day 0, 50 % done -> 2 days left
    # (ceil(3 × 0.5)); B waits.
    project = chain(a={"actual_start": "2025-06-02",
                       "percent_complete": 50}, status_date="2025-06-05")
    forecast = forecast_of(project, baseline)
    r = status(project, baseline, forecast=forecast)
    assert r.time_now == 3
    # 300 × 0.5 of 420 budgeted
    assert r.percent_complete == pytest.approx(100 * 150 / 420, abs=1e-6)
    # A runs days 3-4 more, B days 5-6: finishes day 7, Tue 10 June
    assert (r.forecast_makespan, r.slip_days) == (7, 2)
    assert r.forecast_finish == date(2025, 6, 10)
    assert r.baseline_finish == date(2025, 6, 6)
    e = r.evm
    assert e.bac == 520 and e.pv == 360  # days 0-2
    assert e.ev == pytest.approx(520 * 150 / 420, abs=1e-6)  # 185.714286
    assert e.ac == 360  # A: 3 days × 100, overhead 3 × 20
    assert e.spi == pytest.approx(185.714286 / 360, abs=1e-6)
    assert e.cpi == pytest.approx(185.714286 / 360, abs=1e-6)
    # actual 300 + A's 2 days 200 + B's 2 × 60 + overhead 7 × 20
    assert e.eac.replan == 760 and e.eac_basis == "replan"
    assert e.etc == 400 and e.vac == -240
    # C = 1 (PV_1 = 120 <= 185.71 < 240): ES = 1 + 65.714/120
    assert e.es == pytest.approx(1.547619, abs=1e-6)
    assert e.spi_t == pytest.approx(1.547619 / 3, abs=1e-6)
    a, b = r.tasks
    assert (a.state, a.slip_days, a.pv, a.ev, a.ac) == (
        "in_progress", 2, 300, 150, 300)
    assert a.actual_start == a.forecast_start == date(2025, 6, 2)
    assert a.forecast_finish == date(2025, 6, 6)  # day 4
    assert (b.state, b.slip_days, b.pv, b.ev, b.ac) == (
        "not_started", 2, 0, 0, 0)
    assert (b.forecast_start, b.forecast_finish) == (
        date(2025, 6, 9), date(2025, 6, 10))
    assert r.warnings == [
        "A is still in progress; the baseline finished it on 2025-06-04"
    ]


def test_every_task_done_late(baseline: Result) -> None:
    # A on days 0-3 (4 days), B on days 4-5; reported on Fri 13 June
    # (AT 9), three days after the finish.
    project = chain(
        a={"actual_start": "2025-06-02", "actual_finish": "2025-06-05",
           "percent_complete": 100},
        b={"actual_start": "2025-06-06", "actual_finish": "2025-06-09",
           "percent_complete": 100},
        status_date="2025-06-13",
    )
    r = status(project, baseline)  # no re-plan needed
    assert r.time_now == 9
    assert r.percent_complete == 100
    assert r.forecast_finish == date(2025, 6, 9)  # the actual finish
    assert (r.forecast_makespan, r.slip_days) == (6, 1)
    e = r.evm
    assert e.at == 6  # measured at the actual finish, not at AT 9
    assert e.ev == e.bac == e.pv == 520
    # A 4 × 100, B 2 × (50 + 10), overhead 6 × 20
    assert e.ac == 640 and e.eac.replan == 640
    assert e.spi == 1.0
    assert e.es == 5  # EV = BAC: ES = PD
    assert e.spi_t == pytest.approx(5 / 6, abs=1e-6)
    assert e.spi_t < 1
    assert e.sv_t == -1 and e.ieac_t == pytest.approx(6)
    assert [t.slip_days for t in r.tasks] == [1, 1]
    # the re-plan of a finished project agrees
    forecast = forecast_of(project, baseline)
    assert forecast.makespan == 6
    again = status(project, baseline, forecast=forecast)
    assert again.evm == r.evm and again.tasks == r.tasks


def test_no_progress_forecast_is_the_baseline(baseline: Result) -> None:
    project = chain(status_date="2025-06-02")  # AT 0: nothing happened
    forecast = forecast_of(project, baseline)
    assert [(t.start, t.people) for t in forecast.tasks] == [
        (t.start, t.people) for t in baseline.tasks]
    r = status(project, baseline)
    assert r.forecast_finish == r.baseline_finish == date(2025, 6, 6)
    assert r.slip_days == 0 and r.percent_complete == 0
    e = r.evm
    assert (e.pv, e.ev, e.ac, e.es) == (0, 0, 0, 0)
    assert e.spi is None and e.cpi is None and e.spi_t is None
    assert e.eac.replan == 520  # the baseline's cost
    assert e.eac.atypical == 520 and e.tcpi_bac == 1
    assert [t.state for t in r.tasks] == ["not_started"] * 2
    assert r.warnings == []


def test_reported_cost_and_people_override_the_rates(
    baseline: Result,
) -> None:
    # A done with a reported cost of 350; B done by alice, not bob:
    # 2 days × 100 + the rig 2 × 10 = 220.
    project = chain(
        a={"actual_start": "2025-06-02", "actual_finish": "2025-06-04",
           "percent_complete": 100, "actual_cost": 350},
        b={"actual_start": "2025-06-05", "actual_finish": "2025-06-06",
           "percent_complete": 100, "people": ["alice"]},
        status_date="2025-06-09",
    )
    r = status(project, baseline)
    assert [t.ac for t in r.tasks] == [350, 220]
    assert r.tasks[1].people == ["alice"]
    assert r.evm.ac == 350 + 220 + 5 * 20  # finished on day 5
    assert r.slip_days == 0 and r.evm.spi_t == 1


def test_out_of_sequence_and_late_start_warnings(baseline: Result) -> None:
    # B started on Wed 4 June while A (not started at all) was pending
    project = chain(b={"actual_start": "2025-06-04",
                       "percent_complete": 50}, status_date="2025-06-06")
    r = status(project, baseline, forecast=forecast_of(project, baseline))
    assert r.warnings[0] == (
        "B started on 2025-06-04 before A finished (FS link): out of "
        "sequence"
    )
    assert "A has not started; the baseline started it on 2025-06-02" in (
        r.warnings)


def test_status_date_argument_overrides_the_project(
    baseline: Result,
) -> None:
    project = chain(a={"actual_start": "2025-06-02",
                       "percent_complete": 50}, status_date="2025-06-05")
    forecast = forecast_of(project, baseline)
    r = status(project, baseline, date(2025, 6, 4), forecast=forecast)
    assert (r.status_date, r.time_now) == (date(2025, 6, 4), 2)
    assert r.evm.pv == 240
    done = chain(a={"actual_start": "2025-06-02",
                    "actual_finish": "2025-06-04",
                    "percent_complete": 100}, status_date="2025-06-05")
    with pytest.raises(ProjectError, match=(
        r"tasks\[0\]\.progress\.actual_finish: 2025-06-04 is after the "
        r"status date 2025-06-03"
    )):
        status(done, baseline, date(2025, 6, 3))


def test_bad_baselines_and_missing_status_date(baseline: Result) -> None:
    with pytest.raises(ProjectError, match="needs a status date"):
        status(chain(), baseline)
    with pytest.raises(ProjectError, match="INFEASIBLE has no schedule"):
        status(chain(status_date="2025-06-02"),
               Result(status=SolveStatus.INFEASIBLE))
    partial = baseline.model_copy(update={"tasks": baseline.tasks[:1]})
    with pytest.raises(ProjectError, match="baseline: no task 'B'"):
        status(chain(status_date="2025-06-02"), partial)


def test_milestones_and_frame() -> None:
    project = chain(milestone=True)
    base = solved(project)
    # M at day 5 (Mon 9 June) is dated as MS Project dates it, the end
    # of day 4, Fri 6 June; the forecast at day 6, Mon 9 June.
    assert base.task("M").start == 5
    late = chain(a={"actual_start": "2025-06-03", "percent_complete": 0},
                 status_date="2025-06-03", milestone=True)
    r = status(late, base, forecast=forecast_of(late, base))
    (m,) = r.milestones
    assert (m.id, m.name, m.state) == ("M", "Go live", "not_started")
    assert m.baseline == date(2025, 6, 6)
    assert m.forecast == date(2025, 6, 9) and m.slip_days == 1
    assert m.deadline == date(2025, 6, 20)
    frame = r.to_frame()
    assert list(frame["id"]) == ["A", "B", "M"]
    assert list(frame["slip_days"]) == [1, 1, 1]
    assert frame.loc[0, "people"] == "alice"


def test_percent_complete_by_duration_without_costs() -> None:
    # no rates: A (3 days) done, B (1 day) not -> 3 of 4 days
    tasks = [{"id": "A", "duration": 3},
             {"id": "B", "duration": 1, "after": ["A"]}]
    base = solved(make(tasks))
    tasks[0]["progress"] = {"actual_start": "2025-06-02",
                            "actual_finish": "2025-06-04",
                            "percent_complete": 100}
    project = make(tasks, status_date="2025-06-05")
    assert percent_complete(project, base) == 0.75


def test_history_and_trend(baseline: Result) -> None:
    early = chain(a={"actual_start": "2025-06-02", "percent_complete": 50},
                  status_date="2025-06-05")
    late = chain(
        a={"actual_start": "2025-06-02", "actual_finish": "2025-06-05",
           "percent_complete": 100},
        b={"actual_start": "2025-06-06", "actual_finish": "2025-06-09",
           "percent_complete": 100},
        status_date="2025-06-10",
    )
    reports = status_history([late, early], baseline,
                             options=None)  # sorted by date
    assert [r.status_date for r in reports] == [
        date(2025, 6, 5), date(2025, 6, 10)]
    points = trend(reports)
    assert [p.slip_days for p in points] == [2, 1]
    assert [p.percent_complete for p in points] == pytest.approx(
        [100 * 150 / 420, 100])
    assert points[1].spi == 1 and points[1].spi_t == pytest.approx(5 / 6,
                                                                  abs=1e-6)
    assert [p.eac for p in points] == [760, 640]
    current = with_trend(reports[1], reports[:1])
    assert current.trend == points
    assert list(current.trend_frame()["slip_days"]) == [2, 1]
