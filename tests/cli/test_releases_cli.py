"""``plansat releases`` end to end: the table, JSON and HTML of the
e-commerce example, release dates and weights from the command line, the
sweep, the written schedule checked by ``plansat check``, and bad input.

The hand instance (tests/analysis/test_releases.py): one developer, FA
(50, 3 days), FB (30, 2 days), FC (20, 4 days), releases r1 Fri 6 Jun
2025 (day 4) and r2 Mon 16 Jun (day 10): FA ships in r1, value 50 × 7 +
50 = 400; with r1 on Mon 9 Jun (day 5), FA and FB: 80 × 6 + 20 = 500.
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
from plansat.models import Result as PlanResult

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "ecommerce-releases.json"
PLAIN = ROOT / "examples" / "ecommerce.json"
FAST = ("--time-limit", "20", "--workers", "2")

NEED = [{"skill": "dev"}]
HAND: dict[str, Any] = {
    "start": "2025-06-02",
    "people": [{"id": "dev", "skills": {"dev": 1}}],
    "tasks": [{"id": "A", "duration": 3, "needs": NEED},
              {"id": "B", "duration": 2, "needs": NEED},
              {"id": "C", "duration": 4, "needs": NEED}],
    "features": [{"id": "FA", "value": 50, "tasks": ["A"]},
                 {"id": "FB", "value": 30, "tasks": ["B"]},
                 {"id": "FC", "value": 20, "tasks": ["C"]}],
    "releases": [{"id": "r1", "name": "MVP", "date": "2025-06-06"},
                 {"id": "r2", "date": "2025-06-16"}],
}


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def hand(tmp_path: Path) -> Path:
    path = tmp_path / "hand.json"
    path.write_text(json.dumps(HAND))
    return path


@pytest.fixture(scope="module")
def example_json() -> dict[str, Any]:
    done = run("releases", EXAMPLE, *FAST, "--format", "json")
    assert done.exit_code == 0, done.output
    data: dict[str, Any] = json.loads(done.stdout)
    return data


def test_the_example_is_proven_optimal(example_json: dict[str, Any]) -> None:
    # Weekly releases Fri 12, 19, 26 Sep and 3 Oct: weights 16, 11, 6, 1.
    # The plan ships the MVP core and the enhanced experience in the MVP
    # (80 × 16), mobile in increment 2 (20 × 11), optimisation in
    # increment 3 (10 × 6): 1,280 + 220 + 60 = 1,560.
    plan = example_json
    assert plan["status"] == "OPTIMAL"
    assert plan["value"] == plan["bound"] == 1560
    assert [r["weight"] for r in plan["releases"]] == [16, 11, 6, 1]
    assert [r["features"] for r in plan["releases"]] == [
        ["mvp-core", "experience"], ["mobile"], ["optimisation"], []]
    assert [r["cumulative_value"] for r in plan["releases"]] == [
        80, 100, 110, 110]
    project = Project.from_file(EXAMPLE)
    result = PlanResult.model_validate(plan["result"])
    assert violations(project, result) == []


def test_table(hand: Path) -> None:
    done = run("releases", hand, "--workers", "1")
    assert done.exit_code == 0, done.output
    out = done.stdout
    assert "OPTIMAL" in out and "400 (Σ value × release weight)" in out
    assert "r1 (MVP)" in out and "FB, FC" in out
    assert "Features" in out and "ships in" in out


def test_release_dates_from_the_command_line(hand: Path) -> None:
    done = run("releases", hand, "--workers", "1", "--format", "json",
               "--releases", "2025-06-09,2025-06-16")
    assert done.exit_code == 0, done.output
    plan = json.loads(done.stdout)
    assert plan["value"] == 500
    assert [r["features"] for r in plan["releases"]] == [["FA", "FB"],
                                                         ["FC"]]


def test_weights_from_the_command_line(hand: Path) -> None:
    done = run("releases", hand, "--workers", "1", "--format", "json",
               "--weights", "2,1")
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["value"] == 150  # 50 × 2 + 50 × 1


def test_sweep(hand: Path) -> None:
    done = run("releases", hand, "--workers", "1", "--format", "json",
               "--sweep", "r1", "--span", "1")
    assert done.exit_code == 0, done.output
    swept = json.loads(done.stdout)
    assert swept["release"] == "r1"
    assert [(p["shift"], p["shipped"]) for p in swept["points"]] == [
        (-1, 50), (0, 50), (1, 80)]
    assert swept["base"]["value"] == 400
    table = run("releases", hand, "--workers", "1", "--sweep", "r1",
                "--span", "1")
    assert table.exit_code == 0, table.output
    assert "Moving release r1" in table.stdout


def test_html_and_out(hand: Path, tmp_path: Path) -> None:
    page, out = tmp_path / "releases.html", tmp_path / "result.json"
    done = run("releases", hand, "--workers", "1", "--html", page,
               "--out", out, "--sweep", "r1", "--span", "1")
    assert done.exit_code == 0, done.output
    text = page.read_text()
    for part in ("Release timeline", "Value shipped over time",
                 'id="timeline"', 'id="value"', 'id="sweep"',
                 "Moving release r1", "keeps every rule"):
        assert part in text, part
    checked = run("check", hand, out)
    assert checked.exit_code == 0, checked.output


def test_without_features_exit_2() -> None:
    done = run("releases", PLAIN, "--time-limit", "1")
    assert done.exit_code == 2
    assert "the project has no features" in done.output


def test_infeasible_exits_3(hand: Path, tmp_path: Path) -> None:
    data = json.loads(hand.read_text())
    data["features"][2]["must"] = True
    data["releases"] = [{"id": "r1", "date": "2025-06-05"}]  # day 3 < 4
    path = tmp_path / "must.json"
    path.write_text(json.dumps(data))
    done = run("releases", path, "--workers", "1")
    assert done.exit_code == 3
    assert "feature FC must ship by the last release r1" in done.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--releases", "2025-13-01"], "Invalid value for '--releases'"),
        (["--weights", "a,b"], "Invalid value for '--weights'"),
        (["--weights", "1,2"], "must not grow with the date"),
        (["--weights", "1"], "weights: 1 given for 2 release(s)"),
        (["--sweep", "r9"], "unknown release 'r9'"),
        (["--span", "-1", "--sweep", "r1"], "Invalid value for '--span'"),
        (["--objective", "time"], "No such option '--objective'"),
    ],
)
def test_bad_input_exit_2(hand: Path, args: list[str], message: str) -> None:
    done = run("releases", hand, "--time-limit", "2", *args)
    assert done.exit_code == 2, done.output
    assert message in done.output


def test_help_stays_light() -> None:
    # ``plansat releases --help`` imports neither OR-Tools nor plotly.
    code = (
        "import sys, plansat.cli\n"
        "sys.argv = ['plansat', 'releases', '--help']\n"
        "try:\n    plansat.cli.main()\nexcept SystemExit:\n    pass\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('ortools', 'pandas', 'plotly', 'matplotlib'))\n"
        "print('HEAVY', heavy)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=120)
    assert "--sweep RELEASE" in done.stdout
    assert "HEAVY []" in done.stdout
