"""``plansat status`` end to end on the example: a baseline from
``plansat solve``, ``examples/ecommerce-progress.json``, every format,
the HTML page, a history of snapshots and bad inputs.

The numbers, by hand, at the status date Fri 2025-08-01 (AT 25): the
baseline (52 days, BAC 116,710) has T001 0-5, T002 5-13, T003 12-18, T004
18-33, T005 21-33, T006 33-41, T007 41-49 (crashed to 8), T008 49-52.
T001-T003 are done (T003 two days late), T004 is 20 % done with 12 days
left (started 2 days late), T005 40 % done.  The re-plan runs T004 to day
37, T006 37-45, T007 45-53, T008 53-56: finish Mon 15 Sep, 4 days late.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from plansat.analysis.tracking.replan import replan
from plansat.check import violations
from plansat.cli import cli
from plansat.models import Project
from plansat.models import Result as PlanResult
from plansat.models.status import TaskStatus

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "ecommerce.json"
PROGRESS = ROOT / "examples" / "ecommerce-progress.json"
FAST = ("--time-limit", "10", "--workers", "1")


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("status") / "baseline.json"
    done = run("solve", EXAMPLE, *FAST, "--out", out)
    assert done.exit_code == 0, done.output
    return out


@pytest.fixture(scope="module")
def report(baseline: Path) -> dict[str, Any]:
    done = run("status", PROGRESS, "--baseline", baseline, *FAST,
               "--format", "json")
    assert done.exit_code == 0, done.output
    data: dict[str, Any] = json.loads(done.stdout)
    return data


def snapshot(tmp_path: Path) -> Path:
    """The example on Fri 11 July (AT 10): T001 done, T002 half done."""
    data = json.loads(PROGRESS.read_text())
    data["status_date"] = "2025-07-11"
    for t in data["tasks"]:
        t.pop("progress", None)
    data["tasks"][0]["progress"] = {
        "actual_start": "2025-06-26", "actual_finish": "2025-07-02",
        "percent_complete": 100}
    data["tasks"][1]["progress"] = {"actual_start": "2025-07-03",
                                    "percent_complete": 50}
    path = tmp_path / "week3.json"
    path.write_text(json.dumps(data))
    return path


def test_the_forecast_is_a_checker_clean_replan(baseline: Path) -> None:
    project = Project.from_file(PROGRESS)
    forecast = replan(project, PlanResult.from_file(baseline),
                      time_limit=10, workers=1)
    assert violations(project, forecast) == []
    assert forecast.makespan == 56


def test_json_has_the_design_keys_and_numbers(
    report: dict[str, Any],
) -> None:
    assert {"status_date", "time_now", "percent_complete",
            "baseline_finish", "forecast_finish", "slip_days", "evm",
            "tasks", "milestones", "warnings"} <= set(report)
    evm = report["evm"]
    assert {"bac", "pv", "ev", "ac", "sv", "cv", "spi", "cpi", "eac",
            "etc", "vac", "tcpi_bac", "tcpi_eac", "es", "sv_t", "spi_t",
            "ieac_t", "tspi"} <= set(evm)
    assert set(evm["eac"]) == {"cpi", "atypical", "cpi_spi", "replan"}
    assert {"id", "state", "baseline_start", "baseline_finish",
            "actual_start", "forecast_finish", "percent_complete",
            "slip_days", "pv", "ev", "ac"} <= set(report["tasks"][0])
    assert report["time_now"] == 25
    assert report["baseline_finish"] == "2025-09-09"
    assert report["forecast_finish"] == "2025-09-15"
    assert report["slip_days"] == 4
    assert evm["bac"] == 116710
    # overhead 25 × 1000 + T001 3,200 + T002 6,400 + T003 4,720 + T004
    # 7 days × 1,520 + T005 4 days × 650
    assert evm["pv"] == 52560
    # actual: T001 5 × 640, T002 9 × 800, T003 6 × 720, T004 reported
    # 8,200, T005 4 × 650, overhead 25 × 1000
    assert evm["ac"] == 50520
    # budgets 64,710; earned 3,200 + 6,400 + 4,720 + 22,800 × 0.2 +
    # 7,800 × 0.4 = 22,000
    assert report["percent_complete"] == pytest.approx(
        100 * 22000 / 64710, abs=1e-6)
    assert evm["ev"] == pytest.approx(116710 * 22000 / 64710, abs=1e-6)
    # actual 25,520 + the rest 43,230 + overhead 56 × 1000
    assert evm["eac"]["replan"] == 124750
    assert evm["etc"] == 124750 - 50520
    states = {t["id"]: (t["state"], t["slip_days"]) for t in report["tasks"]}
    assert states == {
        "T001": ("done", 0), "T002": ("done", 1), "T003": ("done", 2),
        "T004": ("in_progress", 4), "T005": ("in_progress", 0),
        "T006": ("not_started", 4), "T007": ("not_started", 4),
        "T008": ("not_started", 4),
    }
    assert report["warnings"] == []


def test_table(baseline: Path) -> None:
    done = run("status", PROGRESS, "--baseline", baseline, *FAST)
    assert done.exit_code == 0, done.output
    out = done.stdout
    assert "status date      2025-08-01 (working day 25)" in out
    assert "forecast finish  2025-09-15 (56 working days, re-plan)" in out
    assert "slip             +4 working days" in out
    assert "Earned value and earned schedule" in out
    assert "│ EAC (re-plan)  │    124,750 │" in out
    assert "│ T004 │ in progress │" in out


def test_csv_rows(baseline: Path) -> None:
    done = run("status", PROGRESS, "--baseline", baseline, *FAST,
               "--format", "csv")
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert list(rows[0]) == list(TaskStatus.model_fields)
    assert [r["id"] for r in rows] == [f"T00{k}" for k in range(1, 9)]
    t004 = rows[3]
    assert (t004["state"], t004["slip_days"], t004["people"]) == (
        "in_progress", "4", "bob, david")
    assert float(t004["ac"]) == 8200


def test_status_date_option(baseline: Path) -> None:
    done = run("status", PROGRESS, "--baseline", baseline, *FAST,
               "--status-date", "2025-08-04", "--format", "json")
    assert done.exit_code == 0, done.output
    data = json.loads(done.stdout)
    assert (data["status_date"], data["time_now"]) == ("2025-08-04", 26)


def test_html_page(baseline: Path, tmp_path: Path) -> None:
    page = tmp_path / "status.html"
    done = run("status", PROGRESS, "--baseline", baseline, *FAST,
               "--html", page)
    assert done.exit_code == 0, done.output
    assert f"wrote {page}" in done.stderr
    text = page.read_text()
    assert "E-commerce Platform — status on 2025-08-01" in text
    assert "Forecast (re-plan)" in text and "PV (baseline)" in text
    assert "status date 2025-08-01" in text
    assert "<script src=" not in text  # plotly.js embedded, no CDN


def test_history_trend(baseline: Path, tmp_path: Path) -> None:
    early = snapshot(tmp_path)
    done = run("status", PROGRESS, "--baseline", baseline, *FAST,
               "--history", early, "--format", "json")
    assert done.exit_code == 0, done.output
    trend = json.loads(done.stdout)["trend"]
    assert [p["status_date"] for p in trend] == ["2025-07-11", "2025-08-01"]
    assert trend[1]["slip_days"] == 4 and trend[1]["eac"] == 124750
    assert trend[0]["time_now"] == 10
    table = run("status", PROGRESS, "--baseline", baseline, *FAST,
                "--history", early, "--html", tmp_path / "t.html")
    assert table.exit_code == 0, table.output
    assert "Trend" in table.stdout and "2025-07-11" in table.stdout
    assert "Indices per status date" in (tmp_path / "t.html").read_text()


def test_history_files_after_the_option(
    baseline: Path, tmp_path: Path
) -> None:
    early = snapshot(tmp_path)
    # the same snapshot twice (after --history) and csv: the trend rows
    done = run("status", PROGRESS, "--baseline", baseline, *FAST,
               "--history", early, early, "--format", "csv")
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [r["status_date"] for r in rows] == [
        "2025-07-11", "2025-07-11", "2025-08-01"]
    assert "spi_t" in rows[0]


def test_extra_files_need_history(baseline: Path) -> None:
    done = run("status", PROGRESS, PROGRESS, "--baseline", baseline)
    assert done.exit_code == 2
    assert "snapshots go after --history" in done.stderr


def _broken(tmp_path: Path, change: dict[str, Any]) -> Path:
    data = json.loads(PROGRESS.read_text())
    if "status_date" in change:
        data["status_date"] = change["status_date"]
        if change["status_date"] is None:
            del data["status_date"]
    for t in data["tasks"]:
        if t["id"] in change:
            t["progress"] = change[t["id"]]
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data))
    return path


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"T006": {"actual_start": "2025-08-05"}},
         "error: tasks[5].progress.actual_start: 2025-08-05 is after the "
         "status date 2025-08-01"),
        ({"T004": {"actual_start": "2025-07-25", "percent_complete": 100}},
         "error: tasks[3].progress: 100 % complete needs an actual_finish"),
        ({"T004": {"actual_start": "2025-07-25",
                   "actual_finish": "2025-07-24"}},
         "error: tasks[3].progress: actual_finish 2025-07-24 is before "
         "actual_start 2025-07-25"),
        ({"T004": {"actual_start": "2025-07-25", "people": ["mallory"]}},
         "error: tasks[3].progress.people[0]: unknown person 'mallory'"),
        ({"T001": {"actual_start": "2025-06-26",
                   "actual_finish": "2025-07-02", "remaining": 3}},
         "error: tasks[0].progress: a finished task has no remaining work "
         "(got remaining 3)"),
        ({"status_date": None},
         "error: tasks[0].progress: progress needs the project's "
         "status_date"),
    ],
    ids=["after-status-date", "100-without-finish", "finish-before-start",
         "unknown-person", "remaining-when-done", "no-status-date"],
)
def test_bad_progress_exits_2(
    baseline: Path, tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    done = run("status", _broken(tmp_path, change), "--baseline", baseline)
    assert done.exit_code == 2, done.output
    assert message in done.stderr
    assert "Traceback" not in done.output


def test_bad_status_date_and_baseline_exit_2(
    baseline: Path, tmp_path: Path
) -> None:
    early = run("status", PROGRESS, "--baseline", baseline,
                "--status-date", "2025-07-20")
    assert early.exit_code == 2
    assert ("error: tasks[2].progress.actual_finish: 2025-07-24 is after "
            "the status date 2025-07-20") in early.stderr
    assert run("status", EXAMPLE, "--baseline", baseline).stderr == (
        "error: status_date: a status report needs a status date (set the "
        "project's status_date or pass --status-date)\n")
    not_a_result = run("status", PROGRESS, "--baseline", PROGRESS)
    assert not_a_result.exit_code == 2
    assert not_a_result.stderr == (
        f"error: {PROGRESS}: not a result file (it has no 'status'; a "
        "result is what plansat solve --out writes)\n")
    missing = run("status", PROGRESS, "--baseline", tmp_path / "nope.json")
    assert missing.exit_code == 2
    assert "No such file or directory" in missing.stderr


def test_missing_report_extra_is_one_error_line_and_exit_2(
    baseline: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without plotly the page can't be drawn: one "error:" line naming
    # the option, the install hint once, exit status 2 (not a traceback,
    # not an internal error).
    import plansat.charts.status.page as page

    def no_plotly(*args: object, **kwargs: object) -> None:
        raise ImportError(
            "the HTML status page needs plotly: pip install "
            "'plansat[report]'")

    monkeypatch.setattr(page, "write_status_html", no_plotly)
    done = run("status", PROGRESS, "--baseline", baseline, *FAST,
               "--html", tmp_path / "status.html")
    assert done.exit_code == 2, done.output
    lines = [x for x in done.stderr.splitlines() if x.startswith("error:")]
    assert lines == ["error: --html: the HTML status page needs plotly: "
                     "pip install 'plansat[report]'"]
