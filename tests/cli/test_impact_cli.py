"""``plansat whatif``, ``plansat drivers`` and ``plansat blockers`` end to
end: JSON keys, the example's numbers, drivers, bad input (exit 2)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from plansat import Project, Result
from plansat.analysis.impact.changes import Unavailable, apply
from plansat.check import violations
from plansat.cli import cli

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ecommerce.json"
FAST = ["--time-limit", "20", "--workers", "1"]


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("plan") / "plan.json"
    done = run("solve", str(EXAMPLE), *FAST, "--out", str(out))
    assert done.exit_code == 0, done.output
    return out


def write(tmp_path: Path, name: str, data: dict[str, Any]) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return path


def test_whatif_json_and_the_input_file_unchanged(
    tmp_path: Path, plan: Path
) -> None:
    before = EXAMPLE.read_bytes()
    out = tmp_path / "recovered.json"
    done = run("whatif", str(EXAMPLE), "--result", str(plan),
               "--unavailable", "bob:2025-07-28:2025-08-01", *FAST,
               "--format", "json", "--out", str(out))
    assert done.exit_code == 0, done.output
    assert EXAMPLE.read_bytes() == before
    data = json.loads(done.stdout)
    assert set(data["baseline"]) >= {"makespan", "finish_date", "cost"}
    assert set(data["propagated"]) >= {"makespan", "delay", "moved"}
    assert set(data["recovered"]) >= {"status", "makespan", "delay",
                                      "cost_delta", "changes"}
    # bob is on T004 (from 23 Jul): it can't start before 4 Aug, 8
    # working days later, and everything after it moves with it
    assert data["baseline"]["makespan"] == 52
    assert data["propagated"]["delay"] == 8
    assert data["recovered"]["status"] == "OPTIMAL"
    assert data["recovered"]["delay"] < data["propagated"]["delay"]
    away = Unavailable("bob", date(2025, 7, 28), date(2025, 8, 1))
    changed = apply(Project.from_file(EXAMPLE), [away])
    assert violations(changed, Result.from_file(out)) == []


def test_whatif_table_and_solving_first(tmp_path: Path) -> None:
    person = write(tmp_path, "dev.json", {
        "id": "dev2", "name": "One more backend developer",
        "skills": {"backend": 5}, "rate": 720})
    done = run("whatif", str(EXAMPLE), "--add-person", str(person),
               "--delay", "T004:5", *FAST)
    assert done.exit_code == 0, done.output
    assert "propagated (nobody re-plans)" in done.output
    assert "one more person: dev2 (backend 5)" in done.output
    assert "T004 (Backend Development) finishes 5 working day(s) later" in (
        done.output)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--delay", "T999:2"], "--delay T999:2: no task 'T999'"),
        (["--delay", "T004:-3"], "a delay can't be negative"),
        (["--unavailable", "zed:2025-07-01:2025-07-02"],
         "no person 'zed' in the project"),
        (["--unavailable", "bob:2024-07-01:2024-07-02"],
         "2024-07-01 is before the project start 2025-06-26"),
        (["--remove-person", "bob:2031-01-01"],
         "after the end of the project's horizon"),
        (["--capacity", "gpu:2"], "no resource 'gpu'"),
        (["--delay", "T004"], "expected TASK:DAYS"),
        (["--add-person", "missing.json"], "missing.json: No such file"),
        ([], "give at least one change"),
    ],
)
def test_whatif_bad_changes(args: list[str], message: str) -> None:
    done = run("whatif", str(EXAMPLE), *args, *FAST)
    assert done.exit_code == 2
    assert message in done.output
    assert "Traceback" not in done.output


FS_FF: dict[str, Any] = {
    # A(2) -FS-> C, B(5) -FF-> C, C lasts 2: the FS link allows day 2,
    # the FF link finish >= 5, start >= 3: only FF binds.  X (3) and Y
    # (2) both need p, the only person: one after the other.
    "start": "2025-06-02",
    "people": [{"id": "p", "skills": {"s": 1}}],
    "tasks": [
        {"id": "A", "duration": 2},
        {"id": "B", "duration": 5},
        {"id": "C", "duration": 2,
         "after": ["A", {"task": "B", "type": "FF"}]},
        {"id": "X", "duration": 3, "needs": [{"skill": "s"}]},
        {"id": "Y", "duration": 2, "needs": [{"skill": "s"}]},
    ],
}


@pytest.fixture
def drivers_case(tmp_path: Path) -> tuple[Path, Path]:
    project = write(tmp_path, "links.json", FS_FF)
    out = tmp_path / "plan.json"
    done = run("solve", str(project), *FAST, "--out", str(out))
    assert done.exit_code == 0, done.output
    assert violations(Project.from_file(project),
                      Result.from_file(out)) == []
    return project, out


def test_drivers_only_the_ff_link_drives(
    drivers_case: tuple[Path, Path],
) -> None:
    project, plan = drivers_case
    done = run("drivers", str(project), "--result", str(plan), "C",
               "--format", "json")
    assert done.exit_code == 0, done.output
    data = json.loads(done.stdout)
    assert (data["start"], data["start_date"]) == (3, "2025-06-05")
    assert [(d["kind"], d["task"], d["detail"]) for d in data["drivers"]
            ] == [("link", "B", "FF")]
    assert [p["task"] for p in data["path"]] == ["C", "B"]
    table = run("drivers", str(project), "--result", str(plan), "C")
    assert "its finish follows B's finish (FF link)" in table.output


def test_drivers_names_the_person_previous_task(
    drivers_case: tuple[Path, Path],
) -> None:
    project, plan = drivers_case
    rows = {t.id: t for t in Result.from_file(plan).tasks}
    first, second = sorted(("X", "Y"), key=lambda t: rows[t].start)
    done = run("drivers", str(project), "--result", str(plan), second,
               "--format", "json")
    assert done.exit_code == 0, done.output
    [driver] = json.loads(done.stdout)["drivers"]
    assert (driver["kind"], driver["task"], driver["detail"]) == (
        "person", first, "p")
    assert driver["sentence"] == f"p finishes {first} the day before"
    every = run("drivers", str(project), "--result", str(plan),
                "--format", "json")
    assert [t["task"] for t in json.loads(every.stdout)["tasks"]] == [
        "A", "B", "C", "X", "Y"]


def test_drivers_bad_input(drivers_case: tuple[Path, Path]) -> None:
    project, plan = drivers_case
    done = run("drivers", str(project), "--result", str(plan), "Z")
    assert done.exit_code == 2 and "no task 'Z' in the result" in (
        done.output)
    other = run("drivers", str(EXAMPLE), "--result", str(plan), "C")
    assert other.exit_code == 2
    assert "not a schedule of this project" in other.output


def test_explain_is_the_hidden_old_name_of_drivers(
    drivers_case: tuple[Path, Path],
) -> None:
    """Scripts that call ``plansat explain`` get the same answer; the
    help lists ``drivers`` only ("explain" is the solver's word for why
    there is no schedule)."""
    project, plan = drivers_case
    args = [str(project), "--result", str(plan), "C", "--format", "json"]
    old, new = run("explain", *args), run("drivers", *args)
    assert old.exit_code == new.exit_code == 0, old.output
    assert json.loads(old.stdout) == json.loads(new.stdout)
    listed = run("--help").output
    assert "  drivers " in listed and "  explain " not in listed


def test_blockers_on_the_example(plan: Path) -> None:
    done = run("blockers", str(EXAMPLE), "--result", str(plan), *FAST,
               "--format", "json")
    assert done.exit_code == 0, done.output
    data = json.loads(done.stdout)
    keys = {"id", "category", "severity", "title", "tasks", "people",
            "milestones", "impact_days", "impact_cost", "resolutions"}
    assert data["blockers"] and all(keys <= set(b)
                                    for b in data["blockers"])
    ids = [b["id"] for b in data["blockers"]]
    assert "skill-frontend" in ids and "spof-bob" in ids
    severities = [b["severity"] for b in data["blockers"]]
    order = {"high": 0, "medium": 1, "low": 2}
    assert severities == sorted(severities, key=order.__getitem__)
    high = run("blockers", str(EXAMPLE), "--result", str(plan), *FAST,
               "--min-severity", "high", "--format", "json")
    assert all(b["severity"] == "high"
               for b in json.loads(high.stdout)["blockers"])
    table = run("blockers", str(EXAMPLE), "--result", str(plan), *FAST)
    assert "What one more person buys" in table.output


def test_blockers_of_another_project_plan(
    drivers_case: tuple[Path, Path],
) -> None:
    _, plan = drivers_case
    done = run("blockers", str(EXAMPLE), "--result", str(plan), *FAST)
    assert done.exit_code == 2
    assert "the result is not a schedule of this project" in done.output
    other = run("whatif", str(EXAMPLE), "--result", str(plan),
                "--delay", "T004:1", *FAST)
    assert other.exit_code == 2
    assert "not a schedule of this project" in other.output


def test_blockers_bad_thresholds() -> None:
    done = run("blockers", str(EXAMPLE), "--medium-days", "5",
               "--high-days", "2")
    assert done.exit_code == 2
    assert "must not exceed --high-days" in done.output
