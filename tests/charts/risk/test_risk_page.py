"""The schedule-risk page (:mod:`plansat.charts.risk.page`): it shows the
report's figures, every task, and hostile names only escaped.

A (3 days, estimate 2/3/6) -> B (2 days, fixed) from Mon 2025-06-02,
deadline Mon 9 June (working day 5).  A chain: in every sample both tasks
are on the one path to the finish, so both are 100 % critical, and the
finish lies between 2 + 2 = 4 and 6 + 2 = 8 working days.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from plansat import format as fmt
from plansat.analysis.risk.simulation import simulate
from plansat.charts.risk.page import render_risk_html, write_risk_html
from plansat.models import Project
from plansat.models.risk import RiskReport
from tests.helpers import make, solved
from tests.helpers.pages import HOSTILE, assert_escaped, row_of

pytest.importorskip("plotly")


@pytest.fixture(scope="module")
def case() -> tuple[Project, RiskReport]:
    project = make(
        [{"id": "A", "name": HOSTILE, "duration": 3,
          "estimate": {"optimistic": 2, "likely": 3, "pessimistic": 6}},
         {"id": "B", "name": "Bé", "duration": 2, "after": ["A"]}],
        name=HOSTILE, deadline="2025-06-09",
    )
    report = simulate(project, solved(project), iterations=400, seed=1)
    assert 4 <= report.finish.min <= report.finish.max <= 8
    assert [t.criticality for t in report.tasks] == [1.0, 1.0]
    return project, report


def test_the_page_shows_the_report(case: tuple[Project, RiskReport]) -> None:
    project, report = case
    page = render_risk_html(project, report)
    d = report.finish_dates
    assert date(2025, 6, 5) <= d.p50 <= d.p80 <= d.p95 <= date(2025, 6, 12)
    for card in ("400", fmt.iso(d.p50), fmt.iso(d.p80), fmt.iso(d.p95),
                 fmt.percent(report.deadline_probability)):
        assert f">{card}</div></div>" in page, card
    assert ">By 2025-06-09</div>" in page
    # the percentile table: days and dates of the plan and of the CPM
    p80 = row_of(page, "P80")
    assert p80[1:3] == [str(report.finish.p80), fmt.iso(d.p80)]
    a, b = row_of(page, "A"), row_of(page, "B")
    assert (a[1], a[2]) == (HOSTILE, fmt.percent(1.0))
    assert (b[1], b[2]) == ("Bé", fmt.percent(1.0))
    assert_escaped(page)


def test_written_page_is_the_rendered_page(
    case: tuple[Project, RiskReport], tmp_path: Path
) -> None:
    project, report = case
    path = write_risk_html(project, report, tmp_path / "risk.html",
                           title="Risk of <A>")
    text = path.read_text(encoding="utf-8")
    assert text == render_risk_html(project, report, "Risk of <A>")
    assert "<title>Risk of &lt;A&gt;</title>" in text
    assert [p.name for p in tmp_path.iterdir()] == ["risk.html"]
