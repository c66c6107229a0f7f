"""Spreadsheet task lists: the predecessor notation (``3FS+2d``), the
columns matched case-insensitively, and the errors naming the file, row
and column."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from plansat import critical_path
from plansat.io import read
from plansat.io.tasklist import parse_links, read_tasklist
from plansat.models import ProjectError

START = date(2025, 6, 2)  # a Monday

LIST = """\
ID,Task Name,Duration,Predecessors,Skills,Resource Names
1,Design,3d,,architecture>=3,Ann
2,Build,1w,1FS+2d,"backend>=4 x2","Bob, Cy"
3,Docs,2,1SS,,"Ann, Bob"
4,Test,2,"2FF-1d, 3SF+1d",qa,Ann
5,Review,1,4FS-2d,,
6,Release,0,"5, 2FF",,
"""


def write(tmp_path: Path, text: str, name: str = "tasks.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("3FS+2d", [("3", "FS", 2)]),
        ("4SS", [("4", "SS", 0)]),
        ("5FF-1d", [("5", "FF", -1)]),
        ("6sf+1w", [("6", "SF", 5)]),
        ("7", [("7", "FS", 0)]),
        ("T1FS+4h; T2 SS - 2 d", [("T1", "FS", 1), ("T2", "SS", -2)]),
        ("T-1", [("T", "FS", -1)]),
        ("8FS-1.5d", [("8", "FS", -1)]),
        ("", []),
    ],
)
def test_the_predecessor_notation(
    text: str, links: list[tuple[str, str, int]]
) -> None:
    assert [(d["task"], d["type"], d["lag"]) for d in parse_links(text)] \
        == links


def test_a_task_list_reads_every_link_type_and_lag(tmp_path: Path) -> None:
    project = read_tasklist(write(tmp_path, LIST), start=START)
    after = {t.id: [(d.task, d.type, d.lag) for d in t.after]
             for t in project.tasks}
    assert after == {
        "1": [], "2": [("1", "FS", 2)], "3": [("1", "SS", 0)],
        "4": [("2", "FF", -1), ("3", "SF", 1)], "5": [("4", "FS", -2)],
        "6": [("5", "FS", 0), ("2", "FF", 0)],
    }
    assert [t.duration for t in project.tasks] == [3, 5, 2, 2, 1, 0]
    assert project.task("2").needs[0].count == 2
    assert project.task("3").assigned == ["Ann", "Bob"]
    assert [(p.id, p.skills) for p in project.people] == [
        ("Ann", {"architecture": 3, "qa": 1}), ("Bob", {"backend": 4}),
        ("Cy", {"backend": 4})]
    report = critical_path(project)
    # 1 on [0, 3); 2 starts 2 days after: [5, 10); 4 finishes a day
    # before 2: [7, 9); 5 starts 2 days before 4 ends: [7, 8).
    assert [(report.task(i).es, report.task(i).ef) for i in "245"] == [
        (5, 10), (7, 9), (7, 8)]


def test_an_id_with_a_dash_is_a_link_to_it() -> None:
    assert parse_links("T-1, T-2SS", {"T-1", "T-2"}) == [
        {"task": "T-1", "type": "FS", "lag": 0},
        {"task": "T-2", "type": "SS", "lag": 0}]


def test_semicolons_and_a_byte_order_mark(tmp_path: Path) -> None:
    text = "\ufeffid;DURATION;predecessors\na;2;\nb;1;aSS+1d\n"
    project = read_tasklist(write(tmp_path, text), start=START)
    assert project.task("b").after[0].type == "SS"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id,name\n1,A\n", r"no duration column \(the header has: id, "
         "name; e.g. Duration, Days, Duration \\(days\\)\\)"),
        ("Duration,Notes\n1,x\n", r"no id \(or name\) column"),
        ("id,duration,predecessors\n1,2,\n2,1,9FS\n",
         r"row 3 \(id 2\): predecessor '9' is not a task of the list"),
        ("id,duration\n1,two days\n",
         r"row 2: \(id 1\) column duration: 'two days' is not a duration"),
        ("id,duration,predecessors\n1,1,\n2,1,1FS+two\n",
         "row 3: \\(id 2\\) column predecessors: '1FS\\+two': lag 'two' "
         "is not like 2d"),
        ("id,duration,skills\n1,1,qa>=3\n",
         "tasks\\[0\\].needs\\[0\\]: task 1 needs 1 person with qa >= 3; "
         "no one qualifies"),
        ("id,duration,predecessors\n1,1,2\n2,1,1\n",
         "dependency cycle"),
        ("", "no header row"),
    ],
)
def test_bad_lists_name_the_file_row_and_column(
    tmp_path: Path, text: str, message: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ProjectError, match=f"^{path}: {message}"):
        read_tasklist(path, start=START)


def test_read_dispatches_csv(tmp_path: Path) -> None:
    project = read(write(tmp_path, "id,duration\nA,1\n"))
    assert project.start == date.today()


def test_xlsx_lists_through_pandas(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [["Id", "Name", "Duration", "Predecessors"],
                [1, "Design", 3, None], [2, "Build", "2w", "1FS+1d"]]:
        sheet.append(row)
    path = tmp_path / "tasks.xlsx"
    book.save(path)
    project = read_tasklist(path, start=START)
    assert [(t.id, t.duration) for t in project.tasks] == [("1", 3),
                                                           ("2", 10)]
    assert project.task("2").after[0].lag == 1
