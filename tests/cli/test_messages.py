"""The five common mistakes each get a message that says what to write
instead (issue 30): a date in another format, random bytes where MS
Project XML should be, XML that isn't MS Project's, XML cut short, and an
``.mpp`` file given to any command that reads a project."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from plansat.cli import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "ecommerce.json"

SAVE = "save it from MS Project as XML (File › Save As › XML)"
LOOKS = ("MS Project XML is text that starts with <?xml ...?> and holds "
         "one <Project> element")


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def errors(done: Result) -> list[str]:
    assert done.exit_code == 2, done.output
    assert "Traceback" not in done.output
    return [line for line in done.stderr.splitlines() if line]


@pytest.mark.parametrize(
    ("field", "value", "shown"),
    [
        ("start", "06/02/2025", "'06/02/2025'"),
        ("start", "2025-6-2", "'2025-6-2'"),
        ("deadline", "31.12.2025", "'31.12.2025'"),
        ("start", 20250602, "20250602"),
    ],
)
def test_a_date_in_another_format(
    tmp_path: Path, field: str, value: object, shown: str
) -> None:
    data = {"start": "2025-06-02", "tasks": [{"id": "A", "duration": 1}]}
    data[field] = value
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data))
    assert errors(run("validate", path)) == [
        f"error: {field}: expected a date as YYYY-MM-DD (e.g. 2025-06-02), "
        f"got {shown}"
    ]


def test_a_date_that_does_not_exist(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("start: 2025-06-02\ncalendar:\n  holidays: [2025-02-30]"
                    "\ntasks:\n  - {id: A, duration: 1}\n")
    assert errors(run("validate", path)) == [
        f"error: {path}:3: calendar.holidays[0]: expected a date as "
        "YYYY-MM-DD (e.g. 2025-06-02), got '2025-02-30' (day value is "
        "outside expected range)"
    ]


def test_random_bytes_are_not_xml(tmp_path: Path) -> None:
    path = tmp_path / "plan.xml"
    path.write_bytes(b"\x00\xff" + os.urandom(64))
    assert errors(run("import", path)) == [
        f"error: {path}: not XML (it starts with binary data); {LOOKS}"
    ]


def test_xml_that_is_not_ms_project(tmp_path: Path) -> None:
    path = tmp_path / "plan.xml"
    path.write_text("<?xml version='1.0'?>\n<html><body/></html>\n")
    assert errors(run("validate", path)) == [
        f"error: {path}: not an MS Project XML (MSPDI) file: the root "
        "element is <html>, expected <Project "
        'xmlns="http://schemas.microsoft.com/project"> '
        f"({SAVE})"
    ]


def test_xml_cut_short(tmp_path: Path) -> None:
    whole = tmp_path / "whole.xml"
    assert run("export", EXAMPLE, "-o", whole).exit_code == 0
    data = whole.read_bytes()
    lines = data[: len(data) // 2].decode().splitlines()
    path = tmp_path / "plan.xml"
    path.write_text("\n".join(lines[:-1]) + "\n")  # ends after a line
    assert errors(run("cpm", path)) == [
        f"error: {path}: the XML ends early (line {len(lines)}, column 0: "
        "no element found): the file looks truncated; is it complete?"
    ]


def test_an_mpp_under_an_xml_name(tmp_path: Path) -> None:
    path = tmp_path / "plan.xml"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(500))
    assert errors(run("import", path)) == [
        f"error: {path}: an MS Project binary file (.mpp), not XML; {SAVE}"
    ]


#: Every command that reads a project, {mpp} where the project goes.
READERS = [
    ["validate", "{mpp}"],
    ["cpm", "{mpp}"],
    ["solve", "{mpp}"],
    ["check", "{mpp}", "{mpp}"],
    ["crash", "{mpp}"],
    ["report", "{mpp}", "--html", "{tmp}/r.html"],
    ["status", "{mpp}", "--baseline", "{mpp}"],
    ["replan", "{mpp}"],
    ["risk", "{mpp}"],
    ["whatif", "{mpp}", "--delay", "A:1"],
    ["drivers", "{mpp}", "--result", "{mpp}"],
    ["explain", "{mpp}", "--result", "{mpp}"],
    ["blockers", "{mpp}"],
    ["releases", "{mpp}"],
    ["import", "{mpp}"],
    ["export", "{mpp}", "-o", "{tmp}/x.xml"],
    ["store", "--store", "{tmp}/s.db", "import", "{mpp}"],
]


@pytest.mark.parametrize("args", READERS, ids=[a[0] for a in READERS])
def test_an_mpp_anywhere(tmp_path: Path, args: list[str]) -> None:
    mpp = tmp_path / "plan.mpp"
    mpp.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(500))
    filled = [a.format(mpp=mpp, tmp=tmp_path) for a in args]
    assert errors(run(*filled)) == [
        f"error: {mpp}: an MS Project binary file (.mpp); plansat reads MS "
        f"Project XML: {SAVE}"
    ]


def test_an_mpp_in_a_batch(tmp_path: Path) -> None:
    mpp = tmp_path / "plan.mpp"
    mpp.write_bytes(bytes(10))
    done = run("batch", mpp, "--out", tmp_path / "out")
    assert done.exit_code == 0, done.output
    summary = (tmp_path / "out" / "summary.csv").read_text(encoding="utf-8")
    assert f"{mpp}: an MS Project binary file (.mpp)" in summary
    assert SAVE in summary
