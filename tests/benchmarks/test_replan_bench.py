"""Smoke run of ``benchmarks.replan`` on a tiny generated project.

The full run (1,000 tasks, 60 s per solve) stays out of CI; this checks
that the made-up progress is a valid progress project, that every solve
of the benchmark is checker-clean and that the re-plan finds a schedule.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.generate import generate_data
from benchmarks.replan import COLUMNS, main, progress_data, run
from plansat import solve
from plansat.models import Project


def test_rows_are_checker_clean_and_the_replan_has_a_schedule() -> None:
    rows = run(n_tasks=30, n_people=3, share=0.4, time_limit=3, workers=1)
    assert [r["run"] for r in rows] == [
        "baseline",
        "fresh",
        "replan",
        "replan_no_baseline",
    ]
    assert all(set(r) == set(COLUMNS) for r in rows)
    assert all(r["violations"] == 0 for r in rows)
    assert rows[0]["done"] > 0 and rows[0]["not_started"] > 0
    by_run = {r["run"]: r for r in rows}
    for name in ("replan", "replan_no_baseline"):
        assert by_run[name]["status"] in ("OPTIMAL", "FEASIBLE")
        assert by_run[name]["makespan"] is not None
    assert by_run["replan"]["moved"] is not None
    assert by_run["replan_no_baseline"]["moved"] is None
    assert by_run["fresh"]["runtime_vs_fresh"] == 1.0


def test_progress_cuts_the_baseline_at_the_share() -> None:
    data = generate_data(40, 4, seed=1)
    project = Project.from_data(data)
    baseline = solve(project, time_limit=2, workers=1, seed=1)
    moved, cut = progress_data(data, project, baseline, 0.4)
    progressed = Project.from_data(moved)  # valid progress
    assert 0.4 <= cut.work_done < 0.6
    assert cut.done + cut.in_progress + cut.not_started == 40
    started = [t for t in progressed.tasks if t.progress is not None]
    assert len(started) == cut.done + cut.in_progress
    assert progressed.status_date is not None
    for t in started:
        pr = t.progress
        assert pr is not None and pr.actual_start is not None
        assert pr.actual_start < progressed.status_date
        if pr.actual_finish is not None:
            assert pr.actual_finish < progressed.status_date


def test_cli_writes_the_csv(tmp_path: Path) -> None:
    out = tmp_path / "replan.csv"
    code = main(
        ["--tasks", "20", "--people", "3", "--time-limit", "2",
         "--workers", "1", "--out", str(out)]
    )  # fmt: skip
    assert code == 0
    lines = out.read_text().splitlines()
    assert lines[0].split(",") == list(COLUMNS)
    assert len(lines) == 5
