"""``plansat risk`` through click's CliRunner on the whole group.

The plan is solved here once (and checked) and passed with --result;
one test lets the command solve and compares.  The e-commerce example's
time-optimal plan takes 52 working days and finishes Tue 9 September
2025 (T007 crashed by 2, T002->T003 overlapped by 1).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from plansat.check import violations
from plansat.cli import cli
from plansat.models import Project
from plansat.solver.solve import solve

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "ecommerce.json"
RISKS = ROOT / "examples" / "ecommerce-risks.json"
FAST = ("--time-limit", "5", "--workers", "1")


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, ["risk", *map(str, args)])


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = Project.from_file(EXAMPLE)
    result = solve(project, time_limit=5, workers=1)
    assert violations(project, result) == [] and result.makespan == 52
    path = tmp_path_factory.mktemp("risk") / "plan.json"
    path.write_text(result.model_dump_json(), encoding="utf-8")
    return path


def test_table_shows_percentiles_and_the_cpm_comparison(plan: Path) -> None:
    out = run(EXAMPLE, "--result", plan, "--iterations", "2000")
    assert out.exit_code == 0, out.output
    text = out.output
    assert "plan: 52 working days, finishes 2025-09-09" in text
    assert "plan (people, resources)" in text
    assert "critical path only" in text
    for key in ("P10", "P50", "P80", "P90", "P95", "mean ± std",
                "by 2025-10-31", "P80 standard error"):
        assert key in text, key
    assert "People on the critical chain" in text
    assert "Traceback" not in text


def test_json_has_the_issues_keys(plan: Path) -> None:
    out = run(EXAMPLE, "--result", plan, "--iterations", "2000",
              "--seed", "3", "--format", "json")
    assert out.exit_code == 0, out.output
    data: dict[str, Any] = json.loads(out.output)
    assert (data["iterations"], data["seed"], data["distribution"]) == (
        2000, 3, "pert")
    keys = {"mean", "std", "p10", "p50", "p80", "p90", "p95"}
    assert keys <= set(data["finish"])
    assert set(data["finish_dates"]) == keys - {"mean", "std"}
    assert 0 <= data["deadline_probability"] <= 1
    assert keys <= set(data["cpm_only"]["finish"])
    assert {"id", "criticality", "cruciality", "ssi"} <= set(data["tasks"][0])
    assert {"id", "criticality"} <= set(data["people"][0])
    # the plan never finishes before the plan's own 52 days in the P10
    assert data["finish"]["p10"] >= 50 and data["finish"]["p95"] <= 70


def test_same_seed_same_json_and_solving_gives_the_same_plan(
    plan: Path,
) -> None:
    args = ("--iterations", "1000", "--format", "json")
    first = run(EXAMPLE, "--result", plan, *args)
    assert first.exit_code == 0, first.output
    assert run(EXAMPLE, "--result", plan, *args).output == first.output
    solved_here = run(EXAMPLE, *FAST, *args)  # solves the same plan
    assert solved_here.exit_code == 0, solved_here.output
    assert json.loads(solved_here.output) == json.loads(first.output)


def test_enumeration_through_the_command(tmp_path: Path) -> None:
    # one person, A and B uniform on whole days {2..6}: finish = A + B,
    # P50 8 and P80 10; the critical path alone says 5 and 6 (see
    # tests/analysis/test_risk.py for the enumeration)
    est = {"optimistic": 2, "likely": 4, "pessimistic": 6}
    project = {
        "start": "2025-06-02",
        "people": [{"id": "ann", "skills": {"x": 1}}],
        "tasks": [{"id": k, "duration": 4, "needs": [{"skill": "x"}],
                   "estimate": est} for k in ("A", "B")],
    }
    path = tmp_path / "two.json"
    path.write_text(json.dumps(project), encoding="utf-8")
    p = Project.from_file(path)
    result = solve(p, time_limit=5, workers=1)
    assert violations(p, result) == []
    plan = tmp_path / "plan.json"
    plan.write_text(result.model_dump_json(), encoding="utf-8")
    out = run(path, "--result", plan, "--distribution", "uniform_int",
              "--format", "json")
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert (data["finish"]["p50"], data["finish"]["p80"]) == (8, 10)
    assert (data["cpm_only"]["finish"]["p50"],
            data["cpm_only"]["finish"]["p80"]) == (5, 6)
    assert [t["criticality"] for t in data["tasks"]] == [1.0, 1.0]


def test_html_page(plan: Path, tmp_path: Path) -> None:
    pytest.importorskip("plotly")
    page = tmp_path / "risk.html"
    out = run(RISKS, "--result", plan, "--iterations", "2000",
              "--correlation", "0.5", "--html", page)
    assert out.exit_code == 0, out.output
    text = page.read_text(encoding="utf-8")
    assert "schedule risk" in text and 'id="finish"' in text
    assert 'id="tornado"' in text and "Risk events" in text
    assert "deadline 2025-09-19" in text  # the marked deadline
    assert 'src="https://cdn.plot.ly' not in text  # self-contained
    assert "Payment provider sandbox late" in out.output


def write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


BASE: dict[str, Any] = {
    "start": "2025-06-02",
    "tasks": [{"id": "A", "duration": 3,
               "estimate": {"optimistic": 2, "likely": 3,
                            "pessimistic": 5}}],
}
RISK = {"id": "R1", "probability": 0.3, "tasks": ["A"],
        "delay": {"optimistic": 1, "likely": 2, "pessimistic": 3}}


@pytest.mark.parametrize(
    ("data", "args", "message"),
    [
        ({**BASE, "tasks": [{"id": "A", "duration": 3, "estimate": {
            "optimistic": 4, "likely": 3, "pessimistic": 5}}]}, (),
         "error: tasks[0].estimate: needs optimistic <= likely <= "
         "pessimistic, got 4, 3, 5"),
        ({**BASE, "risks": [{**RISK, "tasks": ["NOPE"]}]}, (),
         "error: risks[0].tasks[0]: unknown task 'NOPE'"),
        ({**BASE, "risks": [{**RISK, "probability": 1.5}]}, (),
         "error: risks[0].probability: Input should be less than or "
         "equal to 1"),
        (BASE, ("--iterations", "0"), "--iterations"),
        (BASE, ("--correlation", "2"), "--correlation"),
        (BASE, ("--distribution", "normal"), "--distribution"),
    ],
)
def test_bad_inputs_exit_2(
    tmp_path: Path, data: dict[str, Any], args: tuple[str, ...],
    message: str,
) -> None:
    out = run(write(tmp_path, data), *FAST, *args)
    assert out.exit_code == 2, out.output
    assert message in out.output
    assert "Traceback" not in out.output


def test_missing_result_file_exits_2(tmp_path: Path) -> None:
    out = run(EXAMPLE, "--result", tmp_path / "none.json")
    assert out.exit_code == 2 and "none.json" in out.output


def test_no_schedule_exits_3(tmp_path: Path) -> None:
    data = {"start": "2025-06-02", "deadline": "2025-06-03",
            "tasks": [{"id": "A", "duration": 9}]}
    out = run(write(tmp_path, data), *FAST)
    assert out.exit_code == 3, out.output
    assert "no schedule to simulate" in out.output


def test_help_stays_light(tmp_path: Path) -> None:
    """``plansat risk --help`` imports neither numpy, OR-Tools, pandas
    nor plotly (a fresh Python; the test process has them all)."""
    code = (
        "import sys, plansat.cli\n"
        "sys.argv = ['plansat', 'risk', '--help']\n"
        "try:\n    plansat.cli.main()\nexcept SystemExit:\n    pass\n"
        "heavy = {'numpy', 'ortools', 'pandas', 'plotly', 'matplotlib'}\n"
        "print(sorted(m for m in sys.modules "
        "if m.split('.')[0] in heavy))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "--until-stable" in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "[]"
