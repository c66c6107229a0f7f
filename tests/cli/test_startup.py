"""The commands that don't solve start fast: they never import OR-Tools,
pandas, plotly or matplotlib.

Each check runs in a fresh Python (the test process has imported
everything already) through :func:`plansat.cli.main` with ``sys.argv``
set, as the console script does, and reports the heavy modules it ended
up with.  No timing: what is imported is what costs the time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from plansat.check import violations
from plansat.models import Project

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "ecommerce.json"

#: Packages that take most of a second to import.
HEAVY = ("ortools", "pandas", "plotly", "matplotlib")

CHILD = """
import json, sys

import plansat.cli

runs, report = json.loads(sys.argv[1]), sys.argv[2]
heavy = set(json.loads(sys.argv[3]))

def loaded():
    return sorted(m for m in sys.modules if m.split(".")[0] in heavy)

answer = {"import": loaded(), "runs": []}
for args in runs:
    sys.argv = ["plansat", *args]
    try:
        plansat.cli.main()
    except SystemExit as exc:
        code = exc.code
    else:
        code = 0
    answer["runs"].append({"args": args, "code": code, "heavy": loaded()})
with open(report, "w", encoding="utf-8") as f:
    json.dump(answer, f)
"""


def run_child(tmp_path: Path, runs: list[list[str]]) -> dict[str, object]:
    """Import the command line and run ``runs`` in a fresh Python."""
    report = tmp_path / "modules.json"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT), *filter(None, [env.get("PYTHONPATH")])]
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            CHILD,
            json.dumps(runs),
            str(report),
            json.dumps(HEAVY),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    answer: dict[str, object] = json.loads(report.read_text())
    return answer


@pytest.fixture(scope="module")
def result_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A solved result of the example, made here (not in the child)."""
    from plansat.solver.solve import solve

    project = Project.from_file(EXAMPLE)
    result = solve(project, time_limit=5, workers=1)
    assert result.status.has_solution
    assert violations(project, result) == []
    path = tmp_path_factory.mktemp("startup") / "result.json"
    path.write_text(result.model_dump_json(), encoding="utf-8")
    return path


def test_importing_the_command_line_is_light(tmp_path: Path) -> None:
    answer = run_child(tmp_path, [])
    assert answer["import"] == []


def test_commands_that_do_not_solve_stay_light(
    tmp_path: Path, result_file: Path
) -> None:
    runs = [
        ["validate", str(EXAMPLE)],
        ["validate", str(EXAMPLE), "--format", "json"],
        ["cpm", str(EXAMPLE)],
        ["cpm", str(EXAMPLE), "--format", "json"],
        ["schema"],
        ["check", str(EXAMPLE), str(result_file)],
        ["--help"],
        ["--version"],
        *([name, "--help"] for name in (
            "solve", "crash", "report", "batch", "status", "replan", "risk",
            "whatif", "drivers", "explain", "blockers", "releases", "import",
            "export", "store", "mcp",
        )),
    ]
    answer = run_child(tmp_path, runs)
    assert answer["import"] == []
    for run in answer["runs"]:  # type: ignore[attr-defined]
        assert run["code"] in (0, None), run
        assert run["heavy"] == [], run["args"]
