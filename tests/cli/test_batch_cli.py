"""``plansat batch`` through click's CliRunner (the command on its own, so
the test does not depend on its registration in the group).

The small project of ``conftest.py`` takes 5 working days (2-6 June 2025)
and costs 2,320 (alice 3 x 500 + bob 2 x 400 + rig 2 x 10).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner, Result

import plansat.batch
from plansat.batch import BatchItem
from plansat.check import violations
from plansat.cli.batch import (
    batch,
    expand_inputs,
    output_names,
    progress_bar,
)
from plansat.models import Project
from plansat.models import Result as PlanResult
from plansat.options import SolveOptions

MakeProject = Callable[..., dict[str, Any]]


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(batch, [str(a) for a in args])


def write(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = data if isinstance(data, str) else json.dumps(data)
    path.write_text(text, encoding="utf-8")
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text())))


def test_batch_writes_results_and_summary(
    tmp_path: Path, make_project: MakeProject
) -> None:
    src = tmp_path / "projects"
    good = write(src / "good.json", make_project())
    write(src / "broken.json", "{not json")
    write(src / "late.json", make_project(deadline="2025-06-03"))
    write(src / "sub" / "good.json", make_project(name="Nested"))
    out = tmp_path / "out"

    result = run(
        src / "*.json",
        src / "sub",
        "--out",
        out,
        "--jobs",
        "2",
        "--time-limit",
        "5",
        "--objective",
        "cost",
    )

    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    # globs are sorted; the directory adds its *.json; stems made unique
    rows = read_csv(out / "summary.csv")
    assert [Path(r["source"]).name for r in rows] == [
        "broken.json",
        "good.json",
        "late.json",
        "good.json",
    ]
    assert [r["output"] for r in rows] == [
        "broken.json",
        "good.json",
        "late.json",
        "good-2.json",
    ]
    assert [r["status"] for r in rows] == [
        "ERROR",
        "OPTIMAL",
        "INFEASIBLE",
        "OPTIMAL",
    ]
    assert sorted(p.name for p in out.iterdir()) == [
        "broken.json",
        "good-2.json",
        "good.json",
        "late.json",
        "summary.csv",
    ]
    assert "not valid JSON" in rows[0]["error"]
    assert rows[2]["error"]
    assert float(rows[1]["objective_value"]) == 2320
    assert float(rows[1]["total_cost"]) == 2320
    assert rows[1]["makespan"] == "5"
    assert rows[1]["finish_date"] == "2025-06-06"

    project = Project.from_file(good)
    for name in ("good.json", "good-2.json"):
        solved = PlanResult.from_file(out / name)
        assert solved.objective == "cost"
        assert violations(project, solved) == []
    late = PlanResult.from_file(out / "late.json")
    assert late.status == "INFEASIBLE" and late.explanation
    error = json.loads((out / "broken.json").read_text())
    assert error["status"] == "ERROR"
    assert "not valid JSON" in error["error"]

    assert "4 projects: 2 with a schedule, 1 without, 1 error" in (
        result.stdout
    )
    assert "OPTIMAL" in result.stdout and "INFEASIBLE" in result.stdout
    # stderr is no terminal here: no progress bar, only the file note
    assert result.stderr == f"wrote 4 result(s) and {out / 'summary.csv'}\n"


def test_missing_file_is_a_row_not_a_failure(
    tmp_path: Path, make_project: MakeProject
) -> None:
    good = write(tmp_path / "a.json", make_project())
    result = run(
        good, tmp_path / "nope.json", "--out", tmp_path / "out", "--jobs", "1"
    )
    assert result.exit_code == 0, result.output
    rows = read_csv(tmp_path / "out" / "summary.csv")
    assert [r["status"] for r in rows] == ["OPTIMAL", "ERROR"]
    assert "No such file" in rows[1]["error"]


@pytest.mark.parametrize(
    "args",
    [
        ["NOTHING/*.json"],
        [],
    ],
)
def test_no_input_is_misuse(tmp_path: Path, args: list[str]) -> None:
    args = [str(tmp_path / a) for a in args]
    result = run(*args, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "no project file matched" in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--objective", "fastest", "Invalid value for '--objective'"),
        ("--jobs", "0", "Invalid value for '--jobs'"),
        ("--time-limit", "0", "Invalid value for '--time-limit'"),
        ("--workers", "0", "Invalid value for '--workers'"),
        ("--slack", "-1", "Invalid value for '--slack'"),
        ("--strategy", "nope", "Invalid value for '--strategy'"),
    ],
)
def test_bad_options_exit_2(
    tmp_path: Path, option: str, value: str, message: str
) -> None:
    result = run(tmp_path / "x.json", "--out", tmp_path, option, value)
    assert result.exit_code == 2
    assert message in result.output


def test_options_reach_the_engine_as_one_solve_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, Any] = {}

    def solve_many(
        paths: list[Path], options: SolveOptions, **kwargs: Any
    ) -> list[BatchItem]:
        seen.update(kwargs, options=options)
        return [_item(i, str(path)) for i, path in enumerate(paths)]

    monkeypatch.setattr(plansat.batch, "solve_many", solve_many)
    result = run(
        tmp_path / "x.json", "--out", tmp_path / "out", "--jobs", "3",
        "--objective", "balance", "--time-limit", "4", "--workers", "2",
        "--seed", "5", "--slack", "1", "--strategy", "plain",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert seen == {
        "options": SolveOptions(
            objective="balance", time_limit=4, workers=2, seed=5, slack=1,
            strategy="plain",
        ),
        "executor": None,
        "jobs": 3,
        "progress": None,  # stderr is no terminal
    }  # fmt: skip


def _item(index: int, source: str) -> BatchItem:
    return BatchItem(
        index=index, source=source, objective="time", ok=False,
        result=None, error="boom", runtime=0.1,
    )  # fmt: skip


def test_progress_bar_on_a_terminal() -> None:
    from rich.console import Console

    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=100)
    with progress_bar(2, console) as progress:
        assert progress is not None
        progress(_item(1, "b.json"), 1, 2)
        progress(_item(0, "a.json"), 2, 2)
    text = screen.getvalue()
    assert "solving" in text
    assert "2/2" in text
    assert "a.json: ERROR" in text


def test_no_progress_bar_off_a_terminal() -> None:
    from rich.console import Console

    screen = io.StringIO()
    with progress_bar(2, Console(file=screen)) as progress:
        assert progress is None
    assert screen.getvalue() == ""


def test_out_is_required(tmp_path: Path) -> None:
    result = run(tmp_path / "x.json")
    assert result.exit_code == 2
    assert "--out" in result.output


class FakeClient:
    """Stands in for ``distributed.Client``: runs the solves on threads."""

    instances: ClassVar[list[FakeClient]] = []

    def __init__(self, address: str, timeout: str) -> None:
        if address == "tcp://127.0.0.1:1":
            raise OSError(f"Timed out trying to connect to {address}")
        self.address, self.closed = address, False
        self.pool = ThreadPoolExecutor(1)
        FakeClient.instances.append(self)

    def get_executor(self) -> ThreadPoolExecutor:
        return self.pool

    def close(self) -> None:
        self.closed = True
        self.pool.shutdown()


@pytest.fixture
def fake_dask(monkeypatch: pytest.MonkeyPatch) -> type[FakeClient]:
    distributed = pytest.importorskip(
        "distributed", reason="dask[distributed] is not installed"
    )
    FakeClient.instances = []
    monkeypatch.setattr(distributed, "Client", FakeClient)
    return FakeClient


def test_scheduler_runs_on_the_client_executor(
    tmp_path: Path, make_project: MakeProject, fake_dask: type[FakeClient]
) -> None:
    good = write(tmp_path / "a.json", make_project())
    result = run(
        good, "--out", tmp_path / "out", "--scheduler", "tcp://sched:8786"
    )
    assert result.exit_code == 0, result.output
    (client,) = fake_dask.instances
    assert client.address == "tcp://sched:8786"
    assert client.closed
    rows = read_csv(tmp_path / "out" / "summary.csv")
    assert [r["status"] for r in rows] == ["OPTIMAL"]


def test_unreachable_scheduler_is_bad_input(
    tmp_path: Path, make_project: MakeProject, fake_dask: type[FakeClient]
) -> None:
    good = write(tmp_path / "a.json", make_project())
    result = run(
        good, "--out", tmp_path / "out", "--scheduler", "tcp://127.0.0.1:1"
    )
    assert result.exit_code == 2, result.output
    assert "cannot connect to tcp://127.0.0.1:1" in result.output
    assert not fake_dask.instances


def test_scheduler_without_dask_says_how_to_install(
    tmp_path: Path, make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails
    good = write(tmp_path / "a.json", make_project())
    result = run(
        good, "--out", tmp_path / "out", "--scheduler", "tcp://sched:8786"
    )
    assert result.exit_code == 2, result.output
    assert "pip install 'dask[distributed]'" in result.output


@pytest.mark.parametrize(
    ("paths", "names"),
    [
        (
            ["a/x.json", "b/x.json", "c/x.json"],
            ["x.json", "x-2.json", "x-3.json"],
        ),
        (["x.json", "y.txt"], ["x.json", "y.json"]),
        (["summary.json"], ["summary.json"]),
    ],
)
def test_output_names_are_unique(
    tmp_path: Path, paths: list[str], names: list[str]
) -> None:
    inputs = [tmp_path / p for p in paths]
    assert output_names(inputs, tmp_path / "out") == names


def test_output_never_overwrites_an_input(tmp_path: Path) -> None:
    inputs = [tmp_path / "x.json"]
    # writing the results next to the inputs: x.json is taken
    assert output_names(inputs, tmp_path) == ["x-2.json"]


def test_expand_inputs_dedups_and_sorts(tmp_path: Path) -> None:
    for name in ("b.json", "a.json", "c.txt"):
        write(tmp_path / name, "{}")
    found = expand_inputs(
        [str(tmp_path / "*.json"), str(tmp_path / "a.json"), str(tmp_path)]
    )
    assert [p.name for p in found] == ["a.json", "b.json"]
