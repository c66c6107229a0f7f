"""Smoke run of ``benchmarks.impact`` on a tiny generated project.

The full run (300 tasks, 20 people, 30 s) stays out of CI; this checks
that both scenarios run, that the recovered plans are checker-clean and
that the table has one row per scenario.
"""

from __future__ import annotations

from benchmarks.impact import COLUMNS, run, table


def test_both_scenarios_run_and_are_checker_clean() -> None:
    rows = run(n_tasks=30, n_people=4, time_limit=3, workers=1, repeat=1)
    assert [r["scenario"] for r in rows] == ["delay", "absence"]
    assert all(set(r) == set(COLUMNS) for r in rows)
    assert all(r["violations"] == 0 for r in rows)
    assert all(r["propagated_delay"] is not None for r in rows)
    assert all(r["recovered_status"] in ("OPTIMAL", "FEASIBLE")
               for r in rows)
    assert len(table(rows).splitlines()) == 2 + len(rows)
