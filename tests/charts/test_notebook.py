"""The notebook views: every ``_repr_html_`` renders its figures and an
inline chart, escapes names from the file, and stays small."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import plansat
from plansat.charts.notebook.svg import MAX_ROWS, Bar, gantt_svg, table_html
from plansat.check import violations
from plansat.models import Project

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

HOSTILE = '<script>alert("x")</script>&'
HOSTILE_PROJECT = '"><img src=x onerror=alert(1)>'

#: The plotly page is megabytes; a notebook view stays under this.
MAX_BYTES = 24_000


def _hostile(name: str) -> Project:
    """An example with its first task and itself named to inject
    markup."""
    data: dict[str, Any] = json.loads((EXAMPLES / name).read_text())
    data["name"] = HOSTILE_PROJECT
    data["tasks"][0]["name"] = HOSTILE
    return Project.from_data(data)


@pytest.fixture(scope="module")
def views() -> dict[str, Any]:
    """One object of each kind, from the examples (solved, checked)."""
    project = _hostile("ecommerce.json")
    result = plansat.solve(project, time_limit=10, workers=1)
    assert violations(project, result) == []
    progress = _hostile("ecommerce-progress.json")
    report = plansat.status(progress, result,
                            options=plansat.SolveOptions(time_limit=10,
                                                         workers=1))
    risk = plansat.simulate(project, result, iterations=300, seed=1)
    releases_project = _hostile("ecommerce-releases.json")
    plan = plansat.plan_releases(
        releases_project, plansat.SolveOptions(time_limit=10, workers=1))
    assert violations(releases_project, plan.result) == []
    curve = plansat.tradeoff(project,
                             plansat.SolveOptions(time_limit=20, workers=1),
                             points=3)
    return {"project": project, "result": result, "status": report,
            "risk": risk, "releases": plan, "curve": curve}


KINDS = ["project", "result", "status", "risk", "releases", "curve"]


@pytest.mark.parametrize("kind", KINDS)
def test_each_view_is_small_escaped_and_has_a_chart(
    views: dict[str, Any], kind: str
) -> None:
    html = views[kind]._repr_html_()
    assert html.startswith("<div") and html.endswith("</div>")
    assert "<svg" in html
    assert len(html.encode()) < MAX_BYTES
    assert "<script" not in html and "<img" not in html
    if kind != "curve":  # the curve names no task
        assert "&lt;script&gt;alert(&quot;x&quot;)" in html  # a task


def test_project_view(views: dict[str, Any]) -> None:
    project = views["project"]
    html = project._repr_html_()
    cpm = plansat.critical_path(project)
    assert f"{cpm.duration} working days" in html
    assert str(cpm.finish_date) in html
    assert html.count("<rect") == sum(t.ef > t.es for t in cpm.tasks)
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in html


def test_result_view(views: dict[str, Any]) -> None:
    result = views["result"]
    html = result._repr_html_()
    for text in ("OPTIMAL", f"{result.makespan} working days",
                 str(result.finish_date), f"{result.cost.total:,.0f}"):
        assert text in html, text
    assert html.count("<rect") == sum(t.finish > t.start
                                      for t in result.tasks)


def test_status_view(views: dict[str, Any]) -> None:
    report = views["status"]
    html = report._repr_html_()
    assert str(report.status_date) in html
    assert f"{report.percent_complete:.0f} %" in html
    assert str(report.forecast_finish) in html


def test_risk_view(views: dict[str, Any]) -> None:
    risk = views["risk"]
    html = risk._repr_html_()
    for pct in ("p50", "p80", "p90"):
        assert str(getattr(risk.finish_dates, pct)) in html
    bars = re.findall(r"<rect[^>]*><title>(\d+): (\d+) samples", html)
    assert [(int(d), int(c)) for d, c in bars] == [
        (b.days, b.count) for b in risk.histogram]
    assert "stroke-dasharray" in html  # the P80 line


def test_release_view(views: dict[str, Any]) -> None:
    plan = views["releases"]
    html = plan._repr_html_()
    for row in plan.releases:
        assert f"<td style=\"padding:1px 8px;text-align:left\">{row.id}" \
            in html
    assert plansat.format.number(plan.shipped_value) in html


def test_curve_view(views: dict[str, Any]) -> None:
    curve = views["curve"]
    html = curve._repr_html_()
    assert html.count("<circle") == len(curve.points)
    assert f"{curve.normal_duration} working days" in html


def test_long_lists_are_cut() -> None:
    bars = [Bar(f"T{i}", i, i + 1) for i in range(MAX_ROWS + 7)]
    svg = gantt_svg(bars)
    assert svg.count("<rect") == MAX_ROWS
    assert "… and 7 more" in svg
    table = table_html([(i,) for i in range(MAX_ROWS + 1)])
    assert table.count("<tr>") == MAX_ROWS and "… and 1 more" in table


def test_milestones_are_diamonds() -> None:
    svg = gantt_svg([Bar("go", 3, 3), Bar("work", 0, 3)])
    assert svg.count("<path") == 1 and svg.count("<rect") == 1
