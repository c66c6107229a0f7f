"""Issue 23, item 5: ``percent_complete`` drives the earned value,
``remaining`` the forecast, and when they disagree with the baseline's
duration the status report says so.

One task A of 10 days, one person at 100 a day (BAC 1,000), started on
Monday 2 June 2025; status date Friday 6 June (day 4).  Reported: 20 %
done, 12 days left.
"""

from __future__ import annotations

from plansat import Project
from plansat.analysis.tracking.status import status
from plansat.check import violations
from plansat.options import SolveOptions
from tests.helpers import START, solved

OPTS = SolveOptions(time_limit=5, workers=1)

PEOPLE = [{"id": "a", "skills": {"x": 1}, "rate": 100}]


def project(**progress: object) -> Project:
    return Project.from_data({
        "start": START, "people": PEOPLE, "status_date": "2025-06-06",
        "tasks": [{"id": "A", "duration": 10, "assigned": ["a"],
                   "progress": {"actual_start": "2025-06-02",
                                **progress}}]})


def test_percent_drives_ev_and_remaining_the_forecast() -> None:
    plain = Project.from_data({
        "start": START, "people": PEOPLE,
        "tasks": [{"id": "A", "duration": 10, "assigned": ["a"]}]})
    base = solved(plain)
    p = project(percent_complete=20, remaining=12)
    report = status(p, base, options=OPTS)
    # EV = 20 % of BAC 1,000 = 200 (not 1 - 12/10 clipped to 0)
    assert report.evm.bac == 1000
    assert report.evm.ev == 200
    assert report.percent_complete == 20
    # forecast: 4 days worked (0-3), 12 left from day 4: finish day 16
    assert report.forecast_makespan == 16
    assert any("A: 20 % done with 12 day(s) left makes 15 day(s), not "
               "10" in w for w in report.warnings), report.warnings


def test_agreeing_progress_gives_no_warning() -> None:
    plain = Project.from_data({
        "start": START, "people": PEOPLE,
        "tasks": [{"id": "A", "duration": 10, "assigned": ["a"]}]})
    base = solved(plain)
    p = project(percent_complete=40, remaining=6)
    report = status(p, base, options=OPTS)
    assert report.evm.ev == 400
    assert not any("makes" in w for w in report.warnings)
    assert report.forecast_makespan == 10
    # only remaining: EV from it, 1 - 6/10
    report = status(project(remaining=6), base, options=OPTS)
    assert report.evm.ev == 400


def test_the_forecast_is_a_clean_replan() -> None:
    from plansat.analysis.tracking.replan import replan

    p = project(percent_complete=20, remaining=12)
    r = replan(p, None, OPTS)
    assert violations(p, r) == []
    assert r.makespan == 16
