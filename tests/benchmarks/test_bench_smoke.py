"""Smoke run of the benchmark suite: a few j30 instances, known optima.

The long runs stay out of CI (``python -m benchmarks run``); this checks
the runner, the reader, both strategies and the best-known bounds end to
end.  Skips when ``../shared/data`` is absent.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from benchmarks.report import load, summary
from benchmarks.runner import run_all, run_one
from benchmarks.sets import DATA, SETS, select

pytestmark = pytest.mark.skipif(
    not (DATA / "psplib" / "j30").exists(),
    reason="benchmark data ../shared/data is absent",
)

#: Easy j30 instances and their optima (psplib/solutions/j30_bounds.csv).
KNOWN = {"j301_1.sm": 43, "j301_2.sm": 47, "j3010_1.sm": 42}


@pytest.mark.parametrize(
    "strategy", ["plain", "default", "heuristic", "genetic"]
)
def test_known_j30_optima(strategy: str) -> None:
    for name, optimum in KNOWN.items():
        row = run_one("j30", str(DATA / "psplib/j30" / name), strategy,
                      time_limit=10, workers=1)
        assert row.error == ""
        assert row.best_ub == optimum
        assert row.violations == 0
        if strategy in ("heuristic", "genetic"):
            assert row.objective is not None and row.objective >= optimum
        else:
            assert row.status == "OPTIMAL"
            assert row.objective == optimum


def test_sample_is_spread_and_deterministic() -> None:
    files = SETS["j30"].files()
    first = select(files, sample=6)
    assert first == select(files, sample=6)
    classes = {f.stem.rsplit("_", 1)[0] for f in first}
    assert len(classes) == 6  # one instance from each of 6 classes


def test_run_all_writes_rows_and_report(tmp_path: Path) -> None:
    files = [DATA / "psplib/j30" / name for name in KNOWN]
    out = tmp_path / "rows.csv"
    rows = list(run_all("j30", files, ["plain", "default"], 10, 1, 1, out))
    assert len(rows) == 6
    with open(out, newline="") as handle:
        assert len(list(csv.DictReader(handle))) == 6
    table = summary(load([out]))
    assert set(table["strategy"]) == {"plain", "default"}
    assert (table["optimal"] == 3).all()
    assert (table["mean gap to UB %"] == 0).all()
