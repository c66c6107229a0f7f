"""The schedule report's page (:mod:`plansat.charts.schedule.page`) on a
hand-solved chain, with hostile names.

A (2 days) -> B (1 day), both needing skill x, which only ann (100 a day)
has; from Mon 2025-06-02.  The optimum: A on days 0-1 (2-3 June), B on
day 2 (4 June), makespan 3, labour 3 × 100 = 300; both tasks critical
(no float), and the critical path is A, B.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plansat import charts
from plansat import format as fmt
from plansat.charts.schedule.page import render_html
from plansat.models import Project, Result
from tests.helpers import make, solved
from tests.helpers.pages import HOSTILE, assert_escaped, row_of

pytest.importorskip("plotly")

NEED = [{"skill": "x"}]


@pytest.fixture(scope="module")
def case() -> tuple[Project, Result]:
    project = make(
        [{"id": "A", "name": HOSTILE, "duration": 2, "needs": NEED},
         {"id": "B", "name": "Bé", "duration": 1, "after": ["A"],
          "needs": NEED}],
        name=HOSTILE,
        people=[{"id": "ann", "name": HOSTILE, "skills": {"x": 1},
                 "rate": 100}],
    )
    result = solved(project)  # OPTIMAL, checked independently
    assert result.makespan == 3
    return project, result


def test_the_page_shows_the_schedule(case: tuple[Project, Result]) -> None:
    project, result = case
    page = render_html(project, result)
    # critical-path rows: id, name, start, finish, days, people, ES, EF,
    # LS, LF, CPM float, CPM critical, schedule float, critical
    a, b = row_of(page, "A"), row_of(page, "B")
    assert a[:6] == ["A", HOSTILE, "2025-06-02", "2025-06-03", "2", "ann"]
    assert b[:6] == ["B", "Bé", "2025-06-04", "2025-06-04", "1", "ann"]
    assert a[6:10] == ["0", "2", "0", "2"] and b[6:10] == ["2", "3", "2", "3"]
    for card in ("2025-06-02", "2025-06-04", fmt.days(3), fmt.money(300)):
        assert f">{card}</div></div>" in page, card
    assert "keeps every rule of the project" in page
    assert "<h2>Load per person</h2>" in page
    assert_escaped(page)


def test_write_html_writes_the_rendered_page(
    case: tuple[Project, Result], tmp_path: Path
) -> None:
    project, result = case
    path = charts.write_html(project, result, tmp_path / "report.html")
    assert path.read_text(encoding="utf-8") == render_html(project, result)
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]
