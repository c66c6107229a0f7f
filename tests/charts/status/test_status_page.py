"""The status page (:mod:`plansat.charts.status.page`) on the hand-checked
chain of ``test_status_figures``, its names made hostile.

A (3 days, alice at 100/day) -> B (2 days, bob at 50/day), overhead 20 per
day, from Mon 2025-06-02.  Baseline: A days 0-2 (2-4 June), B days 3-4
(5-6 June), cost 3 × 120 + 2 × 70 = 500.  On Thu 5 June (AT 3) A is half
done; the re-plan runs A's remaining 2 days on days 3-4 (5-6 June) and B
on days 5-6 (9-10 June): the finish slips 2 working days, from 6 to
10 June, and the cost at completion is 360 spent + 2 × 120 + 2 × 70 = 740.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plansat import format as fmt
from plansat.analysis.tracking.replan import replan
from plansat.analysis.tracking.status import status
from plansat.charts.status.page import render_status_html, write_status_html
from plansat.check import violations
from plansat.models import Project, Result
from plansat.models.status import StatusReport
from tests.helpers import make, solved
from tests.helpers.pages import HOSTILE, assert_escaped, row_of

pytest.importorskip("plotly")


def chain(progress: dict[str, object] | None = None) -> Project:
    a: dict[str, object] = {"id": "A", "name": HOSTILE, "duration": 3,
                            "needs": [{"skill": "x"}]}
    if progress:
        a["progress"] = progress
    return make(
        [a, {"id": "B", "name": "Bé", "duration": 2, "after": ["A"],
             "needs": [{"skill": "y"}]}],
        name=HOSTILE,
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


def test_the_page_shows_the_hand_derived_figures(
    case: tuple[Project, Result, Result, StatusReport],
) -> None:
    project, base, forecast, report = case
    page = render_status_html(project, report, base, forecast)
    # task rows: id, name, state, baseline start/finish, actual start,
    # forecast finish, done, slip, PV, EV, AC
    a, b = row_of(page, "A"), row_of(page, "B")
    assert a[1] == HOSTILE
    assert a[3:8] == ["2025-06-02", "2025-06-04", "2025-06-02",
                      "2025-06-06", "50%"]
    assert b[1] == "Bé"
    assert b[3:5] == ["2025-06-05", "2025-06-06"]
    assert b[6:9] == ["2025-06-10", "0%", "+2"]
    for card in ("2025-06-05", "2025-06-06", "2025-06-10", "+2",
                 fmt.money(500), fmt.money(740)):
        assert f'">{card}</div></div>' in page, card
    assert_escaped(page)


def test_written_page_is_the_rendered_page(
    case: tuple[Project, Result, Result, StatusReport], tmp_path: Path
) -> None:
    project, base, forecast, report = case
    path = write_status_html(project, report, base, forecast,
                             tmp_path / "status.html")
    assert path.read_text(encoding="utf-8") == render_status_html(
        project, report, base, forecast)
    assert [p.name for p in tmp_path.iterdir()] == ["status.html"]
