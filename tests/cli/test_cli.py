"""The ``plansat`` command line, driven through click's CliRunner.

click >= 8.2 keeps stderr apart: ``result.stdout`` holds only standard
output, ``result.stderr`` only standard error and ``result.output`` both,
interleaved as a terminal would show them.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import plansat.schedule.cpm
import plansat.solver.solve
from plansat.check import violations
from plansat.cli import cli, main
from plansat.models import Project
from plansat.models import Result as PlanResult
from plansat.options import SolveOptions

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "ecommerce.json"

#: The e-commerce critical path (DESIGN.md): all tasks but T005.
CRITICAL = ["T001", "T002", "T003", "T004", "T006", "T007", "T008"]


def run(*args: str | Path) -> Result:
    """Invoke ``plansat ARGS`` in-process."""
    return CliRunner().invoke(cli, [str(a) for a in args])


def write(tmp_path: Path, content: str, name: str = "p.json") -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def assert_clean_failure(result: Result, code: int) -> None:
    """Exit ``code``, no traceback anywhere."""
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output


# -- group ---------------------------------------------------------------


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert "plansat" in result.stdout
    assert plansat.__version__ in result.stdout


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["validate"],
        ["schema"],
        ["cpm"],
        ["solve"],
        ["check"],
        ["crash"],
        ["report"],
        ["batch"],
    ],
)
def test_help_of_every_command_has_an_example(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0, result.output
    assert "Example:" in result.stdout
    assert "plansat " in result.stdout.split("Example:")[1]


def test_solve_help_documents_exit_status_3() -> None:
    text = " ".join(run("solve", "--help").stdout.split())
    assert "status 3" in text
    for status in ("INFEASIBLE", "UNKNOWN", "MODEL_INVALID"):
        assert status in text


@pytest.mark.parametrize(
    "args",
    [
        ["nosuchcommand"],
        ["validate"],  # missing FILE
        ["cpm", str(EXAMPLE), "--format", "xml"],
        ["solve", str(EXAMPLE), "--objective", "fast"],
        ["solve", str(EXAMPLE), "--time-limit", "0"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert_clean_failure(run(*args), 2)


# -- validate ------------------------------------------------------------


def test_validate_ok() -> None:
    # 8 tasks; links: T002..T005 one each, T006 two, T007, T008 one: 8.
    result = run("validate", EXAMPLE)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "ok: E-commerce Platform: 8 tasks, 5 people, 1 resources, "
        "8 dependencies, starts 2025-06-26\n"
    )
    assert result.stderr == ""


def test_validate_ok_json() -> None:
    result = run("validate", EXAMPLE, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data == {
        "ok": True,
        "summary": {
            "name": "E-commerce Platform",
            "tasks": 8,
            "people": 5,
            "resources": 1,
            "dependencies": 8,
            "start": "2025-06-26",
        },
    }


BAD_PROJECTS = [
    pytest.param(
        '{"start": "2025-06-02", "tasks": [{"id": "A", "duration": 1,'
        ' "colour": "red"}]}',
        r"error: tasks\[0\]\.colour: unknown field",
        id="unknown-field",
    ),
    pytest.param(
        '{"start": "2025-06-02", "tasks": [{"id": "A", "duration": 1,'
        ' "after": ["Z"]}]}',
        r"error: tasks\[0\]\.after\[0\]: unknown task 'Z'",
        id="unknown-predecessor",
    ),
    pytest.param(
        '{"start": "2025-06-02", "tasks": [{"id": "A", "duration": -1}]}',
        r"error: tasks\[0\]\.duration:",
        id="negative-duration",
    ),
    pytest.param(
        '{"start": "2025-06-02", "tasks": [',
        r"error: .*p\.json: not valid JSON",
        id="not-json",
    ),
    pytest.param(
        "[1, 2]",
        r"error: <root>: a project is a JSON object",
        id="json-array",
    ),
]


@pytest.mark.parametrize(("content", "pattern"), BAD_PROJECTS)
def test_validate_bad_project_exits_2(
    tmp_path: Path, content: str, pattern: str
) -> None:
    result = run("validate", write(tmp_path, content))
    assert_clean_failure(result, 2)
    assert result.stdout == ""
    assert all(
        line.startswith("error: ") for line in result.stderr.splitlines()
    )
    assert re.search(pattern, result.stderr), result.stderr


def test_validate_reports_every_error(tmp_path: Path) -> None:
    # Two broken rules in one file -> two "error:" lines.
    content = (
        '{"start": "2025-06-02", "tasks": [{"id": "A", "duration": 1,'
        ' "after": ["Z"]}, {"id": "B", "duration": 1, "uses": {"r": 1}}]}'
    )
    result = run("validate", write(tmp_path, content))
    assert_clean_failure(result, 2)
    assert len(result.stderr.splitlines()) == 2


def test_validate_bad_project_json(tmp_path: Path) -> None:
    path = write(tmp_path, '{"start": "2025-06-02", "tasks": []}')
    result = run("validate", path, "--format", "json")
    assert_clean_failure(result, 2)
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert data["errors"] and data["errors"][0].startswith("tasks")


def test_validate_missing_file(tmp_path: Path) -> None:
    result = run("validate", tmp_path / "nope.json")
    assert_clean_failure(result, 2)
    assert "nope.json" in result.stderr
    assert "No such file" in result.stderr


def test_main_exits_with_the_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["validate", str(EXAMPLE)])
    assert exc.value.code == 0
    assert capsys.readouterr().out.startswith("ok: E-commerce Platform")
    with pytest.raises(SystemExit) as exc:
        main(["validate", str(write(tmp_path, "{"))])
    assert exc.value.code == 2
    assert "error: " in capsys.readouterr().err


# -- schema --------------------------------------------------------------


def test_schema_is_json_schema_of_a_project() -> None:
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert "tasks" in schema["properties"]
    assert "start" in schema["required"]


# -- cpm -----------------------------------------------------------------


def test_cpm_json() -> None:
    result = run("cpm", EXAMPLE, "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    # 5 + 8 + 6 + 15 + 8 + 10 + 3 = 55 along T001-T002-T003-T004-T006-...
    assert report["duration"] == 55
    assert report["critical_paths"] == [CRITICAL]
    floats = {t["id"]: t["total_float"] for t in report["tasks"]}
    # T005 may start after T002 (day 13) and must end before T006 (day
    # 34): 34 - 12 - 13 = 9 days of float.
    assert floats["T005"] == 9
    assert "T005" not in report["critical_paths"][0]


def test_cpm_near_critical() -> None:
    result = run("cpm", EXAMPLE, "--format", "json", "--near-critical", "9")
    assert json.loads(result.stdout)["near_critical"] == ["T005"]
    result = run("cpm", EXAMPLE, "--format", "json", "--near-critical", "8")
    assert json.loads(result.stdout)["near_critical"] == []


def test_cpm_table() -> None:
    result = run("cpm", EXAMPLE)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Duration: 55 working days, finishes " in out
    assert "Critical path: " + " → ".join(CRITICAL) in out
    for task_id in ["T001", "T005", "T008"]:
        assert task_id in out


def test_cpm_table_marks_near_critical() -> None:
    out = run("cpm", EXAMPLE, "--near-critical", "9").stdout
    assert "Near-critical (~): T005" in out


def test_cpm_csv() -> None:
    result = run("cpm", EXAMPLE, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert "id" in rows[0]
    assert len(rows) == 1 + 8
    assert [r[rows[0].index("id")] for r in rows[1:]] == [
        f"T00{i}" for i in range(1, 9)
    ]


# -- internal errors -----------------------------------------------------


def _boom(*_args: Any, **_kwargs: Any) -> Any:
    raise RuntimeError("boom")


def test_internal_error_exits_1_without_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(plansat.schedule.cpm, "critical_path", _boom)
    result = run("cpm", EXAMPLE)
    assert_clean_failure(result, 4)
    assert result.stderr.startswith("internal error: RuntimeError: boom")
    assert "--debug" in result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    "args",
    [["--debug", "cpm", str(EXAMPLE)], ["cpm", str(EXAMPLE), "--debug"]],
)
def test_debug_shows_the_traceback(
    monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.setattr(plansat.schedule.cpm, "critical_path", _boom)
    result = run(*args)
    assert result.exit_code == 4
    assert "Traceback" in result.stderr
    assert "RuntimeError: boom" in result.stderr


# -- solve with a stand-in solver (rendering and exit codes) --------------


def _fake_result(project: Project) -> PlanResult:
    """A hand-made schedule of the first three e-commerce tasks, with a
    crash, an overlap and loads, to exercise every table."""
    cal = project.work_calendar
    rows = [("T001", 0, 5, ["alice"]), ("T002", 5, 11, ["bob"])]
    rows.append(("T003", 9, 15, ["david"]))
    tasks = [
        {
            "id": tid,
            "name": project.task(tid).name,
            "start": s,
            "finish": f,
            "duration": f - s,
            "start_date": cal.start_date(s),
            "finish_date": cal.finish_date(s, f),
            "people": people,
            "crashed": 2 if tid == "T002" else 0,
            "total_float": 0,
        }
        for tid, s, f, people in rows
    ]
    return PlanResult.model_validate(
        {
            "status": "FEASIBLE",
            "objective": "cost",
            "objective_value": 123456.5,
            "bound": 120000,
            "gap": 0.0279,
            "runtime": 1.5,
            "makespan": 15,
            "finish_date": cal.finish_date(0, 15),
            "cost": {"labour": 23456.5, "overhead": 100000, "total": 123456.5},
            "tasks": tasks,
            "overlaps": [
                {
                    "predecessor": "T002",
                    "successor": "T003",
                    "days": 2,
                    "cost": 800,
                }
            ],
            "loads": [
                {
                    "person": "alice",
                    "busy_days": 5,
                    "available_days": 15,
                    "load": 5 / 15,
                }
            ],
        }
    )


def _fake_solve(
    result: Callable[[Project], PlanResult], seen: dict[str, Any]
) -> Callable[..., PlanResult]:
    def solve(
        project: Project, options: SolveOptions | None = None, **kwargs: Any
    ) -> PlanResult:
        seen.update(kwargs, options=options)
        return result(project)

    return solve


def test_solve_passes_options_and_renders_every_table(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: dict[str, Any] = {}
    monkeypatch.setattr(
        plansat.solver.solve, "solve", _fake_solve(_fake_result, seen)
    )
    result = run(
        "solve", EXAMPLE, "--objective", "cost", "--time-limit", "3",
        "--workers", "2", "--seed", "7", "--slack", "1",
        "--strategy", "plain",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert seen == {
        "options": SolveOptions(
            objective="cost", time_limit=3.0, workers=2, seed=7, slack=1,
            strategy="plain",
        ),
        "progress": None,  # not a terminal: no live status
    }  # fmt: skip
    out = result.stdout
    for text in [
        "FEASIBLE",
        "123,456.50",  # total with thousands separators
        "100,000",  # overhead
        "2.8%",  # gap
        "Schedule",
        "crashed",
        "Overlaps",
        "Utilisation",
        "33.3%",  # alice: 5 busy of 15 available days
        "Skill match",
        "analysis>=3 ×1",
        "alice (5)",
    ]:
        assert text in out, text


def test_solve_refuses_an_unknown_strategy() -> None:
    result = run("solve", EXAMPLE, "--strategy", "fastest")
    assert result.exit_code == 2
    assert "Invalid value for '--strategy'" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("status", ["INFEASIBLE", "UNKNOWN", "MODEL_INVALID"])
def test_solve_without_schedule_exits_3(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, status: str
) -> None:
    def infeasible(_project: Project) -> PlanResult:
        return PlanResult.model_validate(
            {
                "status": status,
                "explanation": "deadline 2025-07-01 is too early",
                "conflicts": ["T008 deadline"],
            }
        )

    monkeypatch.setattr(
        plansat.solver.solve, "solve", _fake_solve(infeasible, {})
    )
    result = run("solve", EXAMPLE)
    assert_clean_failure(result, 3)
    assert status in result.stdout
    assert "deadline 2025-07-01 is too early" in result.stdout
    assert "T008 deadline" in result.stdout

    out = tmp_path / "r.json"
    result = run("solve", EXAMPLE, "--format", "json", "--out", out)
    assert_clean_failure(result, 3)
    assert json.loads(result.stdout)["status"] == status
    assert json.loads(out.read_text())["status"] == status


# -- solve and check with the real solver ----------------------------------


@pytest.fixture(scope="module")
def solved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One real solve of the example, written with --out and --csv."""
    folder = tmp_path_factory.mktemp("solve")
    out, table = folder / "result.json", folder / "schedule.csv"
    result = run(
        "solve", EXAMPLE, "--format", "json", "--time-limit", "10",
        "--out", out, "--csv", table,
    )  # fmt: skip
    return {"run": result, "out": out, "csv": table}


def test_solve_json_is_a_valid_schedule(solved: dict[str, Any]) -> None:
    result = solved["run"]
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)  # stdout holds only the JSON
    assert data["status"] in ("OPTIMAL", "FEASIBLE")
    project = Project.from_file(EXAMPLE)
    schedule = PlanResult.model_validate(data)
    assert violations(project, schedule) == []
    assert len(schedule.tasks) == 8


def test_solve_writes_out_and_csv(solved: dict[str, Any]) -> None:
    written = PlanResult.from_file(solved["out"])
    assert written == PlanResult.model_validate_json(solved["run"].stdout)
    rows = list(csv.DictReader(io.StringIO(solved["csv"].read_text())))
    assert [r["id"] for r in rows] == [t.id for t in written.tasks]
    assert "wrote" in solved["run"].stderr


def test_solve_table_shows_status() -> None:
    result = run("solve", EXAMPLE, "--time-limit", "10")
    assert result.exit_code == 0, result.output
    assert "Schedule" in result.stdout
    assert "OPTIMAL" in result.stdout or "FEASIBLE" in result.stdout


def test_check_valid_result(solved: dict[str, Any]) -> None:
    result = run("check", EXAMPLE, solved["out"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "ok: no violations\n"


def test_check_tampered_result(solved: dict[str, Any], tmp_path: Path) -> None:
    data = json.loads(solved["out"].read_text())
    # Start T002 on day 0, before its predecessor T001 (5 days) finishes.
    for task in data["tasks"]:
        if task["id"] == "T002":
            task["finish"] -= task["start"]
            task["start"] = 0
    tampered = write(tmp_path, json.dumps(data), "tampered.json")
    result = run("check", EXAMPLE, tampered)
    assert_clean_failure(result, 1)
    assert "violation: " in result.stdout
    assert "T002" in result.stdout

    result = run("check", EXAMPLE, tampered, "--format", "json")
    assert_clean_failure(result, 1)
    report = json.loads(result.stdout)
    assert report["ok"] is False and report["violations"]


def test_check_bad_result_file(tmp_path: Path) -> None:
    result = run("check", EXAMPLE, write(tmp_path, "{", "r.json"))
    assert_clean_failure(result, 2)
    assert "not valid JSON" in result.stderr


def test_solve_real_infeasible_exits_3(tmp_path: Path) -> None:
    # A then B, 5 working days each, but the deadline is the first
    # Friday: 10 days can't fit into 5 -> INFEASIBLE, no schedule.
    project = (
        '{"start": "2025-06-02", "deadline": "2025-06-06", "tasks": ['
        '{"id": "A", "duration": 5}, '
        '{"id": "B", "duration": 5, "after": ["A"]}]}'
    )
    result = run("solve", write(tmp_path, project), "--time-limit", "5")
    assert_clean_failure(result, 3)
    assert "INFEASIBLE" in result.stdout
    assert "No schedule" in result.stdout
