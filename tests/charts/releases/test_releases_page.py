"""The release page (:mod:`plansat.charts.releases.page`) on the hand-solved
instance of ``tests/analysis/test_releases.py``, its names made hostile.

One developer; FA (value 50, task A of 3 days), FB (30, B of 2 days), FC
(20, C of 4 days); r1 on Fri 6 June (day 4, weight 7), r2 on Mon 16 June
(day 10, weight 1).  Only 4 days of work fit before r1: shipping FA there
gives 50 × 7 + (30 + 20) × 1 = 400, the optimum (FB first: 280, FC
first: 220).  So r1 ships FA (value 50), r2 ships FB and FC (cumulative
100).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plansat import format as fmt
from plansat.analysis.releases import plan_releases, sweep, with_releases
from plansat.charts.releases.page import (
    render_releases_html,
    write_releases_html,
)
from plansat.check import violations
from plansat.models import Project, SolveStatus
from plansat.models.delivery import ReleasePlan
from tests.helpers import make
from tests.helpers.pages import HOSTILE, assert_escaped, row_of

pytest.importorskip("plotly")

NEED = [{"skill": "dev"}]


@pytest.fixture(scope="module")
def case() -> tuple[Project, ReleasePlan]:
    project = make(
        [{"id": "A", "duration": 3, "needs": NEED},
         {"id": "B", "duration": 2, "needs": NEED},
         {"id": "C", "duration": 4, "needs": NEED}],
        name=HOSTILE,
        people=[{"id": "dev", "skills": {"dev": 1}}],
        features=[{"id": "FA", "name": HOSTILE, "value": 50, "tasks": ["A"]},
                  {"id": "FB", "value": 30, "tasks": ["B"]},
                  {"id": "FC", "value": 20, "tasks": ["C"]}],
        releases=[{"id": "r1", "name": HOSTILE, "date": "2025-06-06"},
                  {"id": "r2", "date": "2025-06-16"}],
    )
    plan = plan_releases(project, time_limit=5, workers=1)
    assert violations(with_releases(project, None, None), plan.result) == []
    assert plan.status == SolveStatus.OPTIMAL and plan.value == 400
    return project, plan


def test_the_page_shows_what_ships_when(
    case: tuple[Project, ReleasePlan],
) -> None:
    project, plan = case
    page = render_releases_html(project, plan)
    # release rows: id, name, date, weight, features, tasks, value, cum.
    r1, r2 = row_of(page, "r1"), row_of(page, "r2")
    assert r1 == [
        "r1", HOSTILE, "2025-06-06", fmt.number(7), "FA", "A",
        fmt.number(50), fmt.number(50)]
    assert r2[2:5] == ["2025-06-16", fmt.number(1), "FB, FC"]
    assert r2[6:] == [fmt.number(50), fmt.number(100)]
    # feature rows: id, name, value, tasks, work done, ships in, ...
    fa, fb, fc = (row_of(page, f) for f in ("FA", "FB", "FC"))
    assert (fa[1], fa[5], fb[5], fc[5]) == (HOSTILE, "r1", "r2", "r2")
    assert f">{fmt.number(400)}</div></div>" in page
    assert_escaped(page)


def test_written_page_with_a_sweep(
    case: tuple[Project, ReleasePlan], tmp_path: Path
) -> None:
    """Moving r1 one working day later (Mon 9 June, day 5) fits A and B
    before it: (50 + 30) × 6 + 20 × 1 = 500, and the page charts it."""
    project, plan = case
    swept = sweep(project, "r1", span=1, time_limit=5, workers=1)
    later = {p.shift: p for p in swept.points}[1]
    assert later.value == 500 and later.features == ["FA", "FB"]
    path = write_releases_html(project, plan, tmp_path / "rel.html", swept)
    text = path.read_text(encoding="utf-8")
    assert text == render_releases_html(project, plan, swept)
    assert "<h2>Moving release r1</h2>" in text
    assert row_of(text, "+1")[1:4] == [
        "2025-06-09", fmt.number(80), "FA, FB"]
    assert [p.name for p in tmp_path.iterdir()] == ["rel.html"]
