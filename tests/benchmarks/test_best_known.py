"""The best-known record for generated projects: it keeps the shortest
checker-clean plan and the highest bound, refuses stale projects, and
its recorded plans pass the checker again."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest

import benchmarks.best_known as bk_module


@pytest.fixture
def bk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator:
    """The module with its record moved into ``tmp_path``."""
    monkeypatch.setenv("PLANSAT_BEST_KNOWN", str(tmp_path / "bk"))
    yield importlib.reload(bk_module)
    monkeypatch.delenv("PLANSAT_BEST_KNOWN")
    importlib.reload(bk_module)


HOW = {"strategy": "default", "time_limit": 2, "workers": 1,
       "command": "test"}


def test_a_real_run_enters_the_record_and_checks_again(
    bk, tmp_path: Path
) -> None:
    out = tmp_path / "r.json.gz"
    row = bk.solve_one(30, 0, "default", 2.0, 1, out)
    assert row["violations"] == 0
    assert row["makespan"] is not None
    news = bk.offer(row, out, HOW)
    assert news and news[0] == f"makespan None -> {row['makespan']}"
    assert bk.best(30, 0)[0] == row["makespan"]
    # The stored plan passes the independent checker again.
    assert bk.check() == [
        f"30/0: makespan {row['makespan']}: checker clean"
    ]
    assert f"| {row['makespan']} | default, 2 s × 1" in bk.table()


def test_only_better_plans_and_higher_bounds_replace_the_record(
    bk, tmp_path: Path
) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text("{}")
    base = {"tasks": 10, "seed": 1, "fingerprint": "f", "violations": 0}
    assert bk.offer({**base, "makespan": 20, "bound": 15}, plan, HOW) == [
        "makespan None -> 20", "bound None -> 15"]
    # Longer plan, lower bound: nothing changes.
    assert bk.offer({**base, "makespan": 21, "bound": 14}, plan, HOW) == []
    # A shorter plan with violations never enters.
    assert bk.offer({**base, "makespan": 18, "bound": 15,
                     "violations": 2}, plan, HOW) == []
    # A shorter clean plan and a higher bound do.
    assert bk.offer({**base, "makespan": 19, "bound": 16}, plan, HOW) == [
        "makespan 20 -> 19", "bound 15 -> 16"]
    assert bk.best(10, 1) == (19, 16)


def test_a_changed_generator_is_refused(bk, tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text("{}")
    row = {"tasks": 10, "seed": 1, "fingerprint": "old", "violations": 0,
           "makespan": 20, "bound": 15}
    bk.offer(row, plan, HOW)
    with pytest.raises(ValueError, match="generated project changed"):
        bk.offer({**row, "fingerprint": "new"}, plan, HOW)
