"""``plansat new``: a starter project that validates, solves and checks
clean, in YAML or JSON, or from a task-list CSV."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from plansat.cli import cli
from plansat.io import read
from plansat.io.starter import next_monday
from tests.helpers import solved

ROOT = Path(__file__).resolve().parents[2]
TASKS_CSV = ROOT / "examples" / "launch-msproject.csv"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.mark.parametrize("name", ["project.yaml", "p.yml", "p.json"])
def test_the_starter_validates_and_solves(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    done = run("new", path, "--start", "2026-01-05")
    assert done.exit_code == 0, done.output
    assert done.stderr == f"wrote {path}\n"
    if name != "p.json":
        assert path.read_text().startswith("# A plansat project")
    project = read(path)
    assert project.start == date(2026, 1, 5)
    assert run("validate", path).exit_code == 0
    # spec 5 days (ann), then build 10 days: only ben has backend >= 3
    # and he is off days 10-14 (the third week), which a 10-day build
    # from day 5 would cover, so it runs days 15-24; test 4 days (25-28);
    # the launch milestone on day 29: makespan 29, proved optimal.
    result = solved(project)
    assert result.makespan == 29


def test_the_starter_from_a_task_list(tmp_path: Path) -> None:
    path = tmp_path / "launch.yaml"
    done = run("new", path, "--from", TASKS_CSV, "--start", "2025-06-02")
    assert done.exit_code == 0, done.output
    assert "warning:" in done.stderr  # what the list couldn't say
    text = path.read_text()
    assert text.startswith("# A plansat project from launch-msproject.csv")
    project = read(path)
    assert [t.name for t in project.tasks][:2] == [
        "Plan the launch", "Build the site"]
    assert project == read(TASKS_CSV).model_copy(
        update={"start": project.start})
    result = solved(project)
    assert result.makespan is not None


def test_the_default_name_and_no_overwrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("new").exit_code == 0
    first = (tmp_path / "project.yaml").read_text()
    start = next_monday().isoformat()
    assert f"start: {start}" in first
    again = run("new")
    assert again.exit_code == 2
    assert "project.yaml exists; give another name, or --force" in (
        again.stderr)
    assert (tmp_path / "project.yaml").read_text() == first
    assert run("new", "--force").exit_code == 0


def test_an_unknown_extension_is_refused(tmp_path: Path) -> None:
    done = run("new", tmp_path / "p.txt")
    assert done.exit_code == 2
    assert "name it .yaml, .yml or .json" in done.stderr
    assert not (tmp_path / "p.txt").exists()


def test_next_monday() -> None:
    assert next_monday(date(2026, 12, 7)) == date(2026, 12, 14)  # Monday
    assert next_monday(date(2026, 12, 13)) == date(2026, 12, 14)  # Sunday
