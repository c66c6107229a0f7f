"""``plansat portfolio solve|admit`` end to end on the shipped example
and on bad input; ``plansat schema --contract portfolio``."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from plansat import Project
from plansat import Result as PlanResult
from plansat.check import violations
from plansat.cli import cli
from plansat.models.portfolio import Portfolio

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "portfolio" / "portfolio.json"
NEW = ROOT / "examples" / "portfolio" / "analytics.json"
FAST = ("--time-limit", "10", "--workers", "1")


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_solve_json_has_the_contract_keys(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    res = run("portfolio", "solve", EXAMPLE, *FAST, "--format", "json",
              "--out", out)
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text())
    assert {"status", "objective", "objective_value", "bound", "gap",
            "projects"} <= set(data)
    assert data["objective"] == "weighted"
    names = [p["name"] for p in data["projects"]]
    assert names == Portfolio.from_file(EXAMPLE).names
    pf = Portfolio.from_file(EXAMPLE)
    for entry, row in zip(pf.projects, data["projects"], strict=True):
        assert {"makespan", "finish_date", "standalone_makespan",
                "sharing_cost_days", "limited_by", "result"} <= set(row)
        result = PlanResult.model_validate(row["result"])
        project = entry.loaded
        if entry.deadline is not None:  # the portfolio's deadline holds
            project = Project.model_validate({
                **project.model_dump(mode="json", exclude_none=True),
                "deadline": entry.deadline.isoformat()})
        assert violations(project, result) == []
    assert data["objective_value"] <= data["heuristic"]["objective_value"]


def test_solve_table_shows_the_sharing_cost() -> None:
    res = run("portfolio", "solve", EXAMPLE, *FAST, "--objective",
              "priority")
    assert res.exit_code == 0, res.output
    assert "sharing cost" in res.output and "Web shop" in res.output


def test_admit_json_has_the_earliest_finish_and_curve() -> None:
    res = run("portfolio", "admit", EXAMPLE, NEW, *FAST, "--format",
              "json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert set(data["earliest_finish"]) == {"date", "makespan"}
    assert data["curve"][0]["total_delay"] == 0
    assert data["curve"][0]["makespan"] == data["earliest_finish"][
        "makespan"]
    delays = [p["total_delay"] for p in data["curve"]]
    spans = [p["makespan"] for p in data["curve"]]
    assert delays == sorted(delays) and spans == sorted(spans, reverse=True)


def test_bad_input_exits_2_with_paths(tmp_path: Path) -> None:
    bad = tmp_path / "pf.json"
    bad.write_text(json.dumps({"projects": [{"file": "nowhere.json"}],
                               "colour": 1}))
    res = run("portfolio", "solve", bad)
    assert res.exit_code == 2
    assert "error: colour: unknown field" in res.output
    bad.write_text(json.dumps({"projects": [{"file": "nowhere.json"}]}))
    res = run("portfolio", "solve", bad)
    assert res.exit_code == 2
    assert "error: projects[0].file → " in res.output
    res = run("portfolio", "admit", EXAMPLE, tmp_path / "none.json")
    assert res.exit_code == 2


def test_schema_of_the_portfolio_contract() -> None:
    res = run("schema", "--contract", "portfolio")
    assert res.exit_code == 0
    schema = json.loads(res.output)
    assert "projects" in schema["properties"]
    assert "Project" in schema["$defs"]


def test_html_page_has_the_lanes_loads_and_check(tmp_path: Path) -> None:
    page = tmp_path / "pf.html"
    res = run("portfolio", "solve", EXAMPLE, *FAST, "--html", page)
    assert res.exit_code == 0, res.output
    text = page.read_text()
    for part in ("portfolio-gantt", "portfolio-load", "Sharing cost",
                 "People across projects", "keeps every rule"):
        assert part in text
    for name in Portfolio.from_file(EXAMPLE).names:
        assert name in text
