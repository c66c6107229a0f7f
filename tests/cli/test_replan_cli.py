"""``plansat replan`` end to end: a baseline from ``plansat solve``, a
progress file, the re-plan in JSON, checked by the independent checker."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from plansat import Project, Result
from plansat.check import violations
from plansat.cli import cli

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ecommerce.json"


def progress_file(tmp_path: Path, **extra: Any) -> Path:
    """The example at status date Mon 2025-07-21: T001 done (26 Jun to
    3 Jul, a day late), T002 60 % done since 7 Jul."""
    data = json.loads(EXAMPLE.read_text())
    data["status_date"] = "2025-07-21"
    data.update(extra)
    for t in data["tasks"]:
        if t["id"] == "T001":
            t["progress"] = {"actual_start": "2025-06-26",
                             "actual_finish": "2025-07-03"}
        if t["id"] == "T002":
            t["progress"] = {"actual_start": "2025-07-07",
                             "percent_complete": 60}
    path = tmp_path / "progress.json"
    path.write_text(json.dumps(data))
    return path


@pytest.fixture
def baseline(tmp_path: Path) -> Path:
    out = tmp_path / "baseline.json"
    run = CliRunner().invoke(cli, ["solve", str(EXAMPLE), "--time-limit",
                                   "10", "--workers", "1", "--out",
                                   str(out)])
    assert run.exit_code == 0, run.output
    return out


def test_replan_json_is_checker_clean(tmp_path: Path, baseline: Path) -> None:
    path = progress_file(tmp_path)
    out = tmp_path / "replan.json"
    run = CliRunner().invoke(cli, [
        "replan", str(path), "--baseline", str(baseline), "--time-limit",
        "10", "--workers", "1", "--format", "json", "--out", str(out)])
    assert run.exit_code == 0, run.output
    result = Result.from_file(out)
    project = Project.from_file(path)
    assert violations(project, result) == []
    assert result.replan is not None
    assert result.replan.time_now == 16  # 21 Jul: 16 working days in
    states = {t.id: t.state for t in result.tasks}
    assert states["T001"] == "done" and states["T002"] == "in_progress"
    # T002: 8 days at 60 % leaves ceil(3.2) = 4 days from day 16.
    t002 = result.task("T002")
    assert (t002.start, t002.duration) == (16, 4)
    # the JSON, whichever side of it the "wrote ..." line is
    text = run.output[run.output.index("{"):run.output.rindex("}") + 1]
    assert json.loads(text)["replan"]["logic"] == "retained"


def test_table_shows_the_changes(tmp_path: Path, baseline: Path) -> None:
    run = CliRunner().invoke(cli, [
        "replan", str(progress_file(tmp_path)), "--baseline",
        str(baseline), "--time-limit", "10", "--workers", "1"])
    assert run.exit_code == 0, run.output
    assert "Re-plan at 2025-07-21 (day 16, retained logic)" in run.output
    assert "spent (actual)" in run.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--logic", "sideways"], "Invalid value for '--logic'"),
        (["--stability", "some"], "Invalid value for '--stability'"),
        (["--reassign-weight", "-1"], "Invalid value for '--reassign-w"),
        (["--status-date", "21/07/2025"], "Invalid value for '--status-d"),
        (["--time-limit", "0"], "Invalid value for '--time-limit'"),
    ],
)
def test_bad_options_exit_2(
    tmp_path: Path, args: list[str], message: str
) -> None:
    run = CliRunner().invoke(cli, ["replan", str(progress_file(tmp_path)),
                                   *args])
    assert run.exit_code == 2
    assert message in run.output


def test_no_status_date_exits_2() -> None:
    run = CliRunner().invoke(cli, ["replan", str(EXAMPLE)])
    assert run.exit_code == 2
    assert "needs a status date" in run.output


def test_bad_progress_exits_2(tmp_path: Path) -> None:
    path = progress_file(tmp_path, status_date="2025-07-01")
    run = CliRunner().invoke(cli, ["replan", str(path)])
    assert run.exit_code == 2
    assert "tasks[0].progress.actual_finish: 2025-07-03 is after the " \
        "status date 2025-07-01" in run.output
