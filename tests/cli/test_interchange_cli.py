"""``plansat import`` and ``plansat export``, ``solve --mspdi``, and every
command reading ``.xml`` files: warnings printed, files written, bad
files refused with exit status 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from plansat.cli import cli
from tests.helpers.mspdi_files import DATA, NS, link, mspdi, task

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "ecommerce.json"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def plan_xml(tmp_path: Path) -> Path:
    path = tmp_path / "plan.xml"
    path.write_bytes(mspdi(
        task(1, "Design", 12)
        + task(2, "Build", 16, links=link(1, lag=2400, fmt=5))
        + task(3, "Ship", 0, extra="<Milestone>1</Milestone>",
               links=link(2))))
    return path


def test_import_prints_the_warnings_and_writes_the_project(
    plan_xml: Path, tmp_path: Path
) -> None:
    out = tmp_path / "project.json"
    code, stdout, stderr = run("import", plan_xml, "-o", out)
    assert code == 0, stderr
    assert stdout == ""
    assert stderr.splitlines() == [
        "warning: task UID 1 (Design): duration 1.5 working days "
        "(PT12H0M0S) rounded up to 2",
        "warning: task UID 2 (Build): lag of the link from UID 1, 0.5 "
        "working days, rounded up to 1",
        f"imported 3 tasks, 0 people, 0 pooled resources from {plan_xml} "
        "(2 warnings)",
        f"wrote {out}",
    ]
    data = json.loads(out.read_text())
    assert [t["id"] for t in data["tasks"]] == ["1", "2", "3"]
    code, stdout, _ = run("cpm", out, "--format", "json")
    assert code == 0 and json.loads(stdout)["duration"] == 5


def test_import_to_stdout_and_the_baseline(tmp_path: Path) -> None:
    base = ("<Baseline><Number>1</Number><Start>2025-06-02T08:00:00</Start>"
            "<Finish>2025-06-03T17:00:00</Finish></Baseline>")
    path = tmp_path / "plan.xml"
    path.write_bytes(mspdi(task(1, "A", 16, tail=base)))
    baseline = tmp_path / "baseline.json"
    code, stdout, stderr = run("import", path, "--baseline", "1",
                               "--baseline-out", baseline)
    assert code == 0, stderr
    assert json.loads(stdout)["tasks"] == [
        {"id": "1", "name": "A", "duration": 2}]
    assert json.loads(baseline.read_text())["tasks"][0]["finish"] == 2
    code, _, stderr = run("import", path, "--baseline-out", baseline)
    assert code == 2
    assert "no baseline 0 for every task" in stderr


def test_every_command_reads_xml(plan_xml: Path) -> None:
    code, stdout, stderr = run("validate", plan_xml)
    assert code == 0, stderr
    code, stdout, stderr = run("solve", plan_xml, "--format", "json",
                               "--time-limit", "5", "--workers", "1")
    assert code == 0, stderr
    assert json.loads(stdout)["makespan"] == 5


def test_export_and_solve_write_mspdi(tmp_path: Path) -> None:
    result = tmp_path / "result.json"
    solved_xml, plan = tmp_path / "solved.xml", tmp_path / "plan.xml"
    code, _, stderr = run("solve", EXAMPLE, "--out", result, "--mspdi",
                          solved_xml, "--time-limit", "10", "--workers",
                          "1", "--format", "json")
    assert code == 0, stderr
    assert f"wrote {solved_xml}" in stderr
    code, _, stderr = run("export", EXAMPLE, "--result", result,
                          "--baseline", result, "-o", plan)
    assert code == 0, stderr
    assert "warning: not in MSPDI: three-point estimates" in stderr
    root = ET.parse(plan).getroot()
    q = f"{{{NS}}}"

    def dates(tree: ET.Element) -> dict[str | None, tuple[str | None, ...]]:
        return {t.findtext(f"{q}UID"): (t.findtext(f"{q}Start"),
                                       t.findtext(f"{q}Finish"))
                for t in tree.iter(f"{q}Task")}

    # solve --mspdi and export --result write the same plan
    assert dates(root) == dates(ET.parse(solved_xml).getroot())
    assert len(root.findall(f"{q}Tasks/{q}Task/{q}Baseline")) == 8
    assert root.tag == f"{{{NS}}}Project"
    assert len(root.findall(f"{{{NS}}}Tasks/{{{NS}}}Task")) == 9
    reimported = tmp_path / "back.json"
    code, _, stderr = run("import", plan, "-o", reimported)
    assert code == 0, stderr
    code, stdout, _ = run("solve", reimported, "--format", "json",
                          "--time-limit", "10", "--workers", "1")
    assert json.loads(stdout)["makespan"] == json.loads(
        result.read_text())["makespan"]


class _Monday(date):
    """``date`` whose today is Mon 4 Jan 2027 (a task list's start)."""

    @classmethod
    def today(cls) -> _Monday:
        return cls(2027, 1, 4)


def test_a_milestone_has_one_date_everywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 24: the terminal's "finishes" line, the schedule table, the
    CSV, the HTML report and MSPDI's <Start> gave three dates for one
    milestone.  From Mon 4 Jan 2027: Build days 0-2 (Mon-Wed), Test days
    3-4 (Thu 7 - Fri 8), Go live at day 5, dated as MS Project dates it
    at the end of day 4, when Test finishes: Fri 8 Jan everywhere
    (17:00 in MSPDI), and nothing on Mon 11 Jan (the date of day 5)."""
    import plansat.io.tasklist as tasklist

    monkeypatch.setattr(tasklist, "date", _Monday)
    tasks = tmp_path / "tasks.csv"
    tasks.write_text("ID,Name,Duration,Predecessors\n"
                     "1,Build,3 days,\n2,Test,2 days,1\n"
                     "3,Go live,0 days,2\n")
    xml, csv, html = (tmp_path / n for n in ("out.xml", "out.csv",
                                              "out.html"))
    code, stdout, stderr = run("solve", tasks, "--mspdi", xml, "--csv",
                               csv, "--html", html, "--workers", "1")
    assert code == 0, stderr
    lines = stdout.splitlines()
    assert [ln.split() for ln in lines if ln.startswith("finishes")] == [
        ["finishes", "2027-01-08"]]
    (row,) = [ln for ln in lines if "Go live" in ln]
    assert [c.strip() for c in row.split("│")][1:5] == [
        "3", "Go live", "2027-01-08", "2027-01-08"]
    (go,) = [r for r in csv.read_text().splitlines()
             if r.startswith("3,")]
    assert go.split(",")[:7] == ["3", "Go live", "5", "5", "0",
                                 "2027-01-08", "2027-01-08"]
    q = f"{{{NS}}}"
    (node,) = [t for t in ET.parse(xml).getroot().iter(f"{q}Task")
               if t.findtext(f"{q}Name") == "Go live"]
    assert (node.findtext(f"{q}Start"), node.findtext(f"{q}Finish")) == (
        "2027-01-08T17:00:00", "2027-01-08T17:00:00")
    page = html.read_text()
    assert "2027-01-08" in page and "2027-01-11" not in page


BOMB = (b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<Project xmlns="http://schemas.microsoft.com/project">'
        b"<Name>&b;</Name></Project>")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (BOMB, "refused: the file declares a document type"),
        (mspdi(task(1, "A"))[:200], "the XML ends early"),
        (b"<note><to>you</to></note>", "not an MS Project XML"),
        (mspdi(task(1, "A") + task(2, "B", links=link(7))),
         "PredecessorLink to UID 7, which is not a task of the file"),
    ],
)
@pytest.mark.parametrize("command", ["import", "validate", "cpm"])
def test_bad_xml_files_exit_with_2(
    tmp_path: Path, data: bytes, message: str, command: str
) -> None:
    path = tmp_path / "bad.xml"
    path.write_bytes(data)
    code, _, stderr = run(command, path)
    assert code == 2
    assert stderr.startswith(f"error: {path}: ")
    assert message in stderr


def test_export_refuses_a_result_of_another_project(tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"status": "OPTIMAL", "tasks": [
        {"id": "X", "start": 0, "finish": 1, "duration": 1,
         "start_date": "2025-06-26", "finish_date": "2025-06-26"}]}))
    code, _, stderr = run("export", EXAMPLE, "--result", other, "-o",
                          tmp_path / "p.xml")
    assert code == 2
    assert "error: result: no task 'T001' of the project" in stderr


@pytest.mark.skipif(not DATA.is_dir(), reason=f"no MSPDI samples at {DATA}")
def test_import_of_a_file_ms_project_saved(tmp_path: Path) -> None:
    code, stdout, stderr = run("import", DATA / "sample.xml")
    assert code == 0, stderr
    # Second Task is 50 day shifts and 50 night shifts (MS Project's
    # 800 hours): 50 days in plansat, without a warning (see
    # tests/io/test_mspdi_shifts.py); the costs per use still warn.
    assert "Start and Finish span" not in stderr
    assert "warning: resource UID 1 (First Resource): cost per use left " \
        "out" in stderr
    tasks = json.loads(stdout)["tasks"]
    assert len(tasks) == 16
    assert next(t for t in tasks if t["id"] == "2")["duration"] == 50


def test_import_and_export_stay_light(tmp_path: Path, plan_xml: Path) -> None:
    """Neither command imports OR-Tools or pandas (fresh interpreter)."""
    code = (
        "import sys, plansat.cli\n"
        "for args in (['import', sys.argv[1], '-o', sys.argv[2]],\n"
        "             ['export', sys.argv[2], '-o', sys.argv[3]]):\n"
        "    sys.argv = ['plansat', *args]\n"
        "    try:\n"
        "        plansat.cli.main()\n"
        "    except SystemExit as exc:\n"
        "        assert exc.code in (0, None), exc.code\n"
        "heavy = sorted(m for m in sys.modules\n"
        "               if m.split('.')[0] in ('ortools', 'pandas'))\n"
        "print(heavy)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", code, str(plan_xml),
         str(tmp_path / "p.json"), str(tmp_path / "p.xml")],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


# -- atomic writes (issue 24) -------------------------------------------------


def test_a_failing_import_leaves_no_file_behind(
    plan_xml: Path, tmp_path: Path
) -> None:
    """The file has no baseline: --baseline-out fails with exit 2, and
    the project JSON, though it was complete, is not left behind."""
    out, base = tmp_path / "a.json", tmp_path / "b.json"
    code, _, stderr = run("import", plan_xml, "-o", out,
                          "--baseline-out", base)
    assert code == 2
    assert "no baseline 0" in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.xml"]
    assert "wrote" not in stderr


def test_a_failing_solve_keeps_the_old_file_whole(tmp_path: Path) -> None:
    """--out is staged, --png can't be written (no such folder): the
    old result file is untouched and no temporary is left."""
    out = tmp_path / "result.json"
    out.write_text("old")
    code, _, stderr = run(
        "solve", EXAMPLE, "--time-limit", "2", "--out", out,
        "--png", tmp_path / "missing" / "gantt.png")
    assert code == 2, stderr
    assert "cannot write" in stderr
    assert out.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["result.json"]


def test_a_good_command_writes_every_file(tmp_path: Path) -> None:
    out, xml = tmp_path / "result.json", tmp_path / "plan.xml"
    code, _, stderr = run("solve", EXAMPLE, "--time-limit", "2", "--out",
                          out, "--mspdi", xml)
    assert code == 0, stderr
    assert json.loads(out.read_text())["status"] in ("OPTIMAL", "FEASIBLE")
    assert xml.read_text().startswith("<?xml")
    assert f"wrote {out}" in stderr and f"wrote {xml}" in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "plan.xml", "result.json"]
    assert oct(out.stat().st_mode & 0o777) == oct(
        0o666 & ~current_umask())


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_export_to_xlsx_writes_a_workbook(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    result, book = tmp_path / "result.json", tmp_path / "plan.xlsx"
    code, _, stderr = run("solve", EXAMPLE, "--time-limit", "2", "--out",
                          result)
    assert code == 0, stderr
    code, _, stderr = run("export", EXAMPLE, "--result", result,
                          "--baseline", result, "--to", "xlsx", "-o", book)
    assert code == 0, stderr
    assert f"wrote {book}" in stderr
    import openpyxl

    sheets = openpyxl.load_workbook(book).sheetnames
    assert sheets == ["Tasks", "People", "Critical path", "Status"]
    code, _, stderr = run("import", book, "--start", "2025-01-06", "-o",
                          tmp_path / "back.json")
    assert code == 0, stderr
    back = json.loads((tmp_path / "back.json").read_text())
    original = json.loads(EXAMPLE.read_text())
    assert [t["id"] for t in back["tasks"]] == [
        t["id"] for t in original["tasks"]]


def test_export_to_xlsx_needs_a_result(tmp_path: Path) -> None:
    code, _, stderr = run("export", EXAMPLE, "--to", "xlsx", "-o",
                          tmp_path / "plan.xlsx")
    assert code == 2
    assert "--to xlsx needs --result" in stderr
    assert list(tmp_path.iterdir()) == []
