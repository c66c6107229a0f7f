"""The status page's series and figures on a hand-checked chain.

A (3 days, alice at 100/day) -> B (2 days, bob at 50/day), overhead 20
per day, from Mon 2025-06-02.  Baseline: A days 0-2, B days 3-4, PV 120,
240, 360, 430, 500.  On Thu 5 June (AT 3) A is half done: the re-plan
runs A on days 3-4 and B on days 5-6.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from plansat.analysis.tracking.replan import replan
from plansat.analysis.tracking.status import status
from plansat.charts.status.figures import (
    s_curve_figure,
    s_curves,
    status_gantt_figure,
    trend_figure,
)
from plansat.charts.status.page import write_status_html
from plansat.check import violations
from plansat.models import Project, Result
from plansat.models.status import StatusReport
from tests.helpers import make, solved

pytest.importorskip("plotly")


def chain(progress: dict[str, object] | None = None) -> Project:
    a: dict[str, object] = {"id": "A", "duration": 3,
                            "needs": [{"skill": "x"}]}
    if progress:
        a["progress"] = progress
    return make(
        [a, {"id": "B", "duration": 2, "after": ["A"],
             "needs": [{"skill": "y"}]}],
        people=[{"id": "alice", "skills": {"x": 1}, "rate": 100},
                {"id": "bob", "skills": {"y": 1}, "rate": 50}],
        overhead_per_day=20,
        **({"status_date": "2025-06-05"} if progress else {}),
    )


@pytest.fixture(scope="module")
def case() -> tuple[Project, Result, Result, StatusReport]:
    base = solved(chain())
    project = chain({"actual_start": "2025-06-02", "percent_complete": 50})
    forecast = replan(project, base, time_limit=5, workers=1)
    assert violations(project, forecast) == []
    return project, base, forecast, status(project, base,
                                           forecast=forecast)


def test_s_curves(case: tuple[Project, Result, Result, StatusReport]) -> None:
    project, base, forecast, report = case
    curves = s_curves(project, report, base, forecast)
    assert curves.pv[0] == (date(2025, 6, 2), 0)
    assert [v for _, v in curves.pv] == [0, 120, 240, 360, 430, 500]
    # EV and AC from 0 on day 0 to their values at the status date
    assert curves.ev == [(date(2025, 6, 2), 0),
                         (date(2025, 6, 5), report.evm.ev)]
    assert curves.ac[-1] == (date(2025, 6, 5), 360)  # 300 + 3 × 20
    # the forecast: AC, + A's 2 days (120 each), + B's 2 days (70 each)
    assert [v for _, v in curves.forecast] == [360, 480, 600, 670, 740]
    assert curves.forecast[-1][1] == report.evm.eac.replan
    assert curves.forecast[-1][0] == date(2025, 6, 11)  # day 7


def test_figures_are_built(
    case: tuple[Project, Result, Result, StatusReport], tmp_path: Path
) -> None:
    project, base, forecast, report = case
    gantt = status_gantt_figure(project, report)
    names = [t.name for t in gantt.data]
    assert names == ["Baseline", "Actual", "Forecast (re-plan)"]
    actual = gantt.data[1]
    assert list(actual.base) == ["2025-06-02"]  # A: 2-4 June done
    assert list(actual.x) == [3 * 86_400_000]
    forecast_bars = gantt.data[2]
    assert list(forecast_bars.base) == ["2025-06-05", "2025-06-09"]
    curves = s_curves(project, report, base, forecast)
    s = s_curve_figure(curves, report, date(2025, 6, 5))
    assert [t.name for t in s.data] == [
        "PV (baseline)", "EV", "AC", "Forecast cost (re-plan)"]
    trend = trend_figure([])
    assert len(trend.data) == 4
    page = write_status_html(project, report, base, forecast,
                             tmp_path / "s.html", history=[report])
    text = page.read_text()
    assert "status on 2025-06-05" in text and "TSPI" in text


def test_milestone_diamonds_at_the_end_of_their_date() -> None:
    # S (milestone, nothing before it) at day 0, A(3) [0,3) Mon 2 - Wed
    # 4 Jun, M after A at day 3: dated Wed 4 Jun (the end of day 2, MS
    # Project's date), its diamond at the end of that day, Thu 5 Jun
    # 00:00, where A's bar ends; S's at the start of Mon 2 Jun.
    project = make([{"id": "S", "duration": 0},
                    {"id": "A", "duration": 3, "after": ["S"]},
                    {"id": "M", "duration": 0, "after": ["A"]}],
                   status_date="2025-06-02")
    base = solved(project)
    forecast = replan(project, base, time_limit=5, workers=1)
    report = status(project, base, forecast=forecast)
    assert {m.id: m.baseline for m in report.milestones} == {
        "S": date(2025, 6, 2), "M": date(2025, 6, 4)}
    gantt = status_gantt_figure(project, report)
    (bars,) = [t for t in gantt.data if t.name == "Baseline"]
    (diamonds,) = [t for t in gantt.data
                   if t.name == "Milestone (baseline)"]
    assert list(diamonds.x) == ["2025-06-02", "2025-06-05"]
    # baseline bars: S and M mark their date (one day), A runs from Mon
    # 2 Jun for 3 days, so it ends Thu 5 Jun 00:00, at M's diamond
    day = 86_400_000
    assert list(zip(bars.base, bars.x, strict=True)) == [
        ("2025-06-02", day), ("2025-06-02", 3 * day),
        ("2025-06-04", day)]
