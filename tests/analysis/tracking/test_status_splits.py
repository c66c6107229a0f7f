"""The status report of a split task worked by a part-timer.

START is Monday 2025-06-02 (days 0-4 are 2-6 Jun, days 5-9 9-13 Jun,
days 10-14 16-20 Jun).  pat (640 a day) works Monday to Wednesday.
B (5 days, splittable, may start Wed 4 Jun) works days 2, 5, 6, 7 and
10: baseline span [2, 11), finish date Mon 16 Jun, budget 5 x 640 =
3,200.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from plansat.analysis.tracking.replan import replan
from plansat.analysis.tracking.status import status
from plansat.check import violations
from plansat.models import Project
from tests.helpers import make, solved

PAT = {"id": "pat", "skills": {"dev": 1}, "rate": 640,
       "calendar": {"workdays": ["Mon", "Tue", "Wed"]}}


def project(progress: dict[str, Any] | None = None,
            status_date: str | None = None) -> Project:
    task: dict[str, Any] = {
        "id": "B", "duration": 5, "needs": [{"skill": "dev"}],
        "splittable": True, "earliest_start": "2025-06-04"}
    if progress is not None:
        task["progress"] = progress
    extra = {"status_date": status_date} if status_date else {}
    return make([task], people=[PAT], **extra)


def test_baseline_of_the_split_task() -> None:
    b = solved(project()).tasks[0]
    assert (b.start, b.finish, b.duration) == (2, 11, 5)
    assert b.segments == [(2, 3), (5, 8), (10, 11)]


def test_status_of_a_split_task_on_plan_after_a_pause() -> None:
    # Status date Tue 10 Jun (day 6): B has worked Wed 4 and Mon 9 Jun
    # (days 2 and 5; not the Thursday and Friday between): 40 % done.
    # PV before day 6: days 2 and 5, 2 x 640 = 1,280; EV = 3,200 x 40 %
    # = 1,280; AC = 2 days x 640 = 1,280.  Forecast: the 3 days left
    # run days 6, 7 and 10 (Tue-Wed 10-11 Jun, pause, Mon 16 Jun):
    # finish day 11, Mon 16 Jun, no slip.
    baseline = solved(project())
    p = project({"actual_start": "2025-06-04", "percent_complete": 40,
                 "people": ["pat"]}, "2025-06-10")
    forecast = replan(p, baseline)
    assert violations(p, forecast) == []
    # the re-plan's row is the work left: days 6-7 and 10
    b = forecast.tasks[0]
    assert (b.start, b.finish, b.duration) == (6, 11, 3)
    assert b.segments == [(6, 8), (10, 11)]
    report = status(p, baseline, forecast=forecast)
    row = report.tasks[0]
    assert row.state == "in_progress"
    assert (row.pv, row.ev, row.ac) == (1280, 1280, 1280)
    assert row.forecast_finish == date(2025, 6, 16)
    assert row.slip_days == 0
    assert report.slip_days == 0
    assert report.evm.spi == 1


def test_status_of_a_split_task_behind_plan() -> None:
    # Same date, only 20 % done (1 day): 4 days left from day 6 run
    # days 6, 7, 10 and 11: finish day 12, Tue 17 Jun, one working day
    # late.  EV 640 against PV 1,280: SPI 0.5.  The re-plan the forecast
    # comes from passes the checker.
    baseline = solved(project())
    p = project({"actual_start": "2025-06-04", "percent_complete": 20,
                 "people": ["pat"]}, "2025-06-10")
    forecast = replan(p, baseline)
    assert violations(p, forecast) == []
    report = status(p, baseline, forecast=forecast)
    row = report.tasks[0]
    assert row.forecast_finish == date(2025, 6, 17)
    assert row.slip_days == 1
    assert report.evm.spi == 0.5
