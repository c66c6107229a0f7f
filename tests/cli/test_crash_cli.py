"""``plansat crash`` through click's CliRunner on the whole ``plansat`` group.

The e-commerce example (see tests/solver/test_tradeoff.py for the hand
derivation): normal 55 working days, shortest 52; direct costs 52: 1,800,
53: 1,100, 54: 400, 55: 0; the least total cost is at 52 days.  Day 0 is
Thu 26 June 2025 (holidays 4 July and 1 September), so Fri 5 September
is working day 49: a deadline that allows 50 days, 2 too few.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from plansat.cli import cli

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ecommerce.json"
FAST = ("--time-limit", "5", "--workers", "1")


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, ["crash", *FAST, *map(str, args)])


def test_table_shows_curve_levers_and_deadline() -> None:
    result = run(EXAMPLE)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Time–cost trade-off" in out
    assert "least total cost" in out
    # the best point (52 days) carries the marker
    [best] = [line for line in out.splitlines() if "least total cost" in line]
    assert "52" in best and "2025-09-09" in best and "1,800" in best
    assert "T007 -2d" in best and "T002→T003 overlap 1d" in best
    assert "normal plan" in out
    # the levers table
    assert "Levers (normal plan: 55 days; critical path alone: 55 days)" in (
        out
    )
    for name in ("fast-tracking", "crashing", "both", "people and resources"):
        assert name in out
    [crashing] = [line for line in out.splitlines() if "│ crashing " in line]
    assert "52" in crashing and "2,300" in crashing
    # the project's own deadline (31 October) is answered
    assert "2025-10-31 is met" in out
    assert "Traceback" not in out


def test_json_output_parses() -> None:
    result = run(EXAMPLE, "--format", "json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    assert data["normal_duration"] == 55
    assert data["shortest_duration"] == 52
    assert [p["duration"] for p in data["points"]] == [52, 53, 54, 55]
    assert [p["direct_cost"] for p in data["points"]] == [1800, 1100, 400, 0]
    assert [p["best"] for p in data["points"]] == [True, False, False, False]
    assert all(p["status"] == "OPTIMAL" for p in data["points"])
    assert [lv["name"] for lv in data["levers"]] == [
        "fast-tracking",
        "crashing",
        "both",
        "people and resources",
    ]
    assert data["deadline"]["met"] is True


def test_csv_has_header_and_one_row_per_point() -> None:
    result = run(EXAMPLE, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == 4
    assert list(rows[0]) == [
        "duration",
        "makespan",
        "finish_date",
        "direct_cost",
        "crash_cost",
        "overlap_cost",
        "total_cost",
        "status",
        "best",
        "crashed",
        "overlaps",
    ]
    assert [int(r["duration"]) for r in rows] == [52, 53, 54, 55]
    assert [float(r["direct_cost"]) for r in rows] == [1800, 1100, 400, 0]
    assert json.loads(rows[0]["crashed"]) == {"T007": 2}
    assert json.loads(rows[0]["overlaps"]) == [
        {"predecessor": "T002", "successor": "T003", "days": 1, "cost": 400.0},
    ]
    assert json.loads(rows[-1]["crashed"]) == {}
    assert [r["best"] for r in rows] == ["True", "False", "False", "False"]


def test_deadline_that_cannot_be_met() -> None:
    result = run(EXAMPLE, "--deadline", "2025-09-05")
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())  # undo any wrapping
    assert "2025-09-05 can't be met" in text
    assert "52 working days" in text
    assert "2 working days too many" in text


def test_deadline_that_can_be_met() -> None:
    # Wed 10 September is day 52: 53 days allowed -> the 1,100 plan
    result = run(EXAMPLE, "--deadline", "2025-09-10", "--format", "json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)["deadline"]
    assert answer["met"] is True
    assert answer["duration"] == 53
    assert answer["point"]["direct_cost"] == 1100
    assert answer["point"]["finish_date"] == "2025-09-10"


def test_points_option_keeps_both_ends() -> None:
    result = run(EXAMPLE, "--points", "2", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [p["duration"] for p in data["points"]] == [52, 55]
    assert [p["direct_cost"] for p in data["points"]] == [1800, 0]


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (("--points", "0"), "--points"),
        (("--deadline", "05/09/2025"), "--deadline"),
        (("--format", "xml"), "--format"),
        (("--time-limit", "0"), "--time-limit"),
    ],
)
def test_bad_options_exit_2(args: tuple[str, ...], match: str) -> None:
    result = run(EXAMPLE, *args)
    assert result.exit_code == 2
    assert match in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (None, "No such file"),
        ("{not json", "not valid JSON"),
        ('{"start": "2025-06-02", "tasks": []}', "tasks"),
        (
            '{"start": "2025-06-02", "tasks": [{"id": "A", "duration": 2,'
            ' "crash": {"duration": 1}, "colour": "red"}]}',
            "colour",
        ),
    ],
)
def test_bad_file_exits_2_without_traceback(
    tmp_path: Path, content: str | None, match: str
) -> None:
    path = tmp_path / "project.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = run(path)
    assert result.exit_code == 2, result.output
    assert "error:" in result.output
    assert match in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_help_shows_an_example() -> None:
    result = CliRunner().invoke(cli, ["crash", "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert "plansat crash examples/ecommerce.json" in result.output
    for option in ("--deadline", "--points", "--format", "--time-limit"):
        assert option in result.output


#: A(4) with crash down to 2 at 100/day, and a task deadline of Wed 4
#: June (day 2): only the crashed plan (3 or 2 days) meets it.
NEEDS_CRASHING: dict[str, Any] = {
    "start": "2025-06-02",
    "tasks": [
        {
            "id": "A",
            "duration": 4,
            "deadline": "2025-06-04",
            "crash": {"duration": 2, "cost_per_day": 100},
        },
    ],
}


def test_task_deadline_met_only_by_crashing_is_not_an_internal_error(
    tmp_path: Path,
) -> None:
    # A (4 days, crashable to 2 at 100/day) must end by Wed 4 Jun, day 2,
    # so finish <= 3: the cheapest plan crashes 1 day (3 days, 100); the
    # shortest crashes 2 (2 days, 200). The uncrashed plan is infeasible.
    path = tmp_path / "needs_crashing.json"
    path.write_text(json.dumps(NEEDS_CRASHING), encoding="utf-8")
    result = run(path, "--format", "json")
    assert result.exit_code == 0, result.output
    curve = json.loads(result.stdout)
    assert [(p["duration"], p["direct_cost"]) for p in curve["points"]] == [
        (2, 200.0), (3, 100.0)
    ]
    assert curve["normal_duration"] == 3


def test_project_without_any_schedule_exits_3(tmp_path: Path) -> None:
    # Even fully crashed, A takes 2 days: a deadline of Mon 2 Jun (finish
    # <= 1) can't be met; the explanation names the deadline.
    data = json.loads(json.dumps(NEEDS_CRASHING))
    data["tasks"][0]["deadline"] = "2025-06-02"
    path = tmp_path / "impossible.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = run(path)
    assert result.exit_code == 3, result.output
    assert "A must finish by its deadline 2025-06-02" in result.output


# -- the curve in the HTML report --------------------------------------------

_CURVE_ROW = re.compile(
    r'<tr><td class="n">(\d+)</td>.*?<td>(optimal|best found)</td></tr>'
)


@pytest.fixture(scope="module")
def curve_and_result(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, Path]:
    """``plansat crash --format json > curve.json`` and a solved result."""
    folder = tmp_path_factory.mktemp("report")
    done = run(EXAMPLE, "--format", "json")
    assert done.exit_code == 0, done.output
    curve = folder / "curve.json"
    curve.write_text(done.stdout, encoding="utf-8")
    solved = CliRunner().invoke(
        cli,
        ["solve", str(EXAMPLE), *FAST, "--format", "json",
         "--out", str(folder / "result.json")],
    )  # fmt: skip
    assert solved.exit_code == 0, solved.output
    return curve, folder / "result.json"


def report(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, ["report", *map(str, args)])


def test_report_shows_the_crash_curve_with_proven_points(
    curve_and_result: tuple[Path, Path], tmp_path: Path
) -> None:
    pytest.importorskip("plotly")
    curve_file, result_file = curve_and_result
    # one point the solver did not prove: the report must say so
    data = json.loads(curve_file.read_text())
    data["points"][1]["status"] = "FEASIBLE"
    edited = tmp_path / "curve.json"
    edited.write_text(json.dumps(data), encoding="utf-8")
    html = tmp_path / "out.html"
    done = report(
        EXAMPLE, "--result", result_file, "--curve", edited, "--html", html
    )
    assert done.exit_code == 0, done.output
    text = html.read_text(encoding="utf-8")
    assert "Time–cost curve" in text
    rows = {int(d): note for d, note in _CURVE_ROW.findall(text)}
    assert rows == {
        p["duration"]: "optimal" if p["status"] == "OPTIMAL" else "best found"
        for p in data["points"]
    }
    assert rows[data["points"][1]["duration"]] == "best found"
    assert "optimal" in rows.values()


@pytest.mark.parametrize(
    ("content", "match"),
    [
        ("{not json", "not valid JSON"),
        ("[]", "not a time-cost curve"),
        ('{"status": "OPTIMAL"}', "not a time-cost curve"),
        (None, "No such file"),
    ],
)
def test_report_refuses_what_is_not_a_curve(
    curve_and_result: tuple[Path, Path],
    tmp_path: Path,
    content: str | None,
    match: str,
) -> None:
    _, result_file = curve_and_result
    bad = tmp_path / "bad_curve.json"
    if content is not None:
        bad.write_text(content, encoding="utf-8")
    done = report(
        EXAMPLE, "--result", result_file, "--curve", bad,
        "--html", tmp_path / "out.html",
    )  # fmt: skip
    assert done.exit_code == 2, done.output
    assert "Traceback" not in done.output
    [line] = done.stderr.splitlines()  # one clear line
    assert line.startswith(f"error: {bad}: ")
    assert match in line
    assert not (tmp_path / "out.html").exists()


def test_report_refuses_a_result_given_as_curve(
    curve_and_result: tuple[Path, Path], tmp_path: Path
) -> None:
    _, result_file = curve_and_result
    done = report(
        EXAMPLE, "--result", result_file, "--curve", result_file,
        "--html", tmp_path / "out.html",
    )  # fmt: skip
    assert done.exit_code == 2, done.output
    assert f"error: {result_file}: not a time-cost curve" in done.stderr
    assert "plansat crash --format json" in done.stderr
