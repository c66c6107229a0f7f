"""Task lists as MS Project, Smartsheet and Jira write them: headers by
their synonyms, MS Project's duration and link notations, resources with
units, and every approximation in a warning (issue 24)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plansat import critical_path
from plansat.io.notation import parse_amount, parse_link_items
from plansat.io.tasklist import load_tasklist
from plansat.models import ProjectError

START = date(2025, 6, 2)  # a Monday
FIXTURES = Path(__file__).parent / "fixtures"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "tasks.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "days", "estimated"),
    [("5 days", 5, False), ("2 wks", 10, False), ("3 hrs", 0.375, False),
     ("6 days?", 6, True), ("1 mon", 20, False), ("30 mins", 0.0625, False),
     ("4h", 0.5, False), ("2w", 10, False), ("0", 0, False),
     ("1,5 days", 1.5, False)],
)
def test_ms_project_durations(text: str, days: float,
                              estimated: bool) -> None:
    amount = parse_amount(text)
    assert (amount.days, amount.estimated) == (days, estimated)


@pytest.mark.parametrize(
    ("text", "links"),
    [("1FS+3 days", [("1", "FS", 3.0, None)]),
     ("2SS-25%", [("2", "SS", 0.0, -25.0)]),
     ("4FF", [("4", "FF", 0.0, None)]),
     ("2FS -1d, 3", [("2", "FS", -1.0, None), ("3", "FS", 0.0, None)]),
     ("3SF+1 wk", [("3", "SF", 5.0, None)])],
)
def test_ms_project_links(text: str, links: list[tuple]) -> None:
    found = parse_link_items(text, {"1", "2", "3", "4"})
    assert [(k.task, k.type, k.lag.days, k.lag.percent)
            for k in found] == links


def project_of(name: str):  # type: ignore[no-untyped-def]
    return load_tasklist(FIXTURES / name, start=START)


@pytest.mark.parametrize("name", ["msproject.csv", "smartsheet.csv"])
def test_ms_project_and_smartsheet_lists(name: str) -> None:
    """1 Plan 5d [0,5); 2 Build 10d after 1 [5,15); 3 Copy 3d 1SS+2
    [2,5); 4 Test 4d after 2 with a 1-day lead and after 3: [14,18);
    5 Go live FF after 4: at 18."""
    imported = project_of(name)
    project = imported.project
    assert [t.name for t in project.tasks][:2] == ["Plan the launch",
                                                     "Build the site"]
    assert [t.duration for t in project.tasks] == [5, 10, 3, 4, 0]
    assert [(d.task, d.type, d.lag) for d in project.task("4").after] == [
        ("2", "FS", -1), ("3", "FS", 0)]
    report = critical_path(project)
    assert report.duration == 18
    assert [(t.es, t.ef) for t in report.tasks] == [
        (0, 5), (5, 15), (2, 5), (14, 18), (18, 18)]
    assert [p.id for p in project.people] == ["Alice", "Bob", "Carol"]
    assert project.task("2").assigned == (
        ["Bob", "Alice"] if name == "msproject.csv" else ["Bob"])
    assert any("not read" in w and "Start" in w for w in imported.warnings)


def test_ms_project_units_and_estimates_are_kept_or_listed() -> None:
    imported = project_of("msproject.csv")
    project = imported.project
    assert project.task("3").allocation == 50
    assert project.task("2").allocation == 100
    assert any("different units" in w for w in imported.warnings)
    assert "1 duration(s) marked estimated (?) read as given (id 3)" in (
        imported.warnings)


def test_a_jira_export() -> None:
    """Original estimates in seconds (28800 a day): 5, 10, 3, 4, 0 days;
    links from the inward "Blocks" columns: 2 and 3 after 1, 4 after 2
    and 3, 5 after 4: 1 [0,5), 2 [5,15), 3 [5,8), 4 [15,19), 5 at 19."""
    imported = project_of("jira.csv")
    project = imported.project
    assert [t.id for t in project.tasks] == [f"WEB-{k}" for k in range(1, 6)]
    assert [t.duration for t in project.tasks] == [5, 10, 3, 4, 0]
    assert [d.task for d in project.task("WEB-4").after] == ["WEB-2",
                                                              "WEB-3"]
    assert critical_path(project).duration == 19
    assert [t.priority for t in project.tasks] == [700, 500, 500, 900, 500]
    assert [p.id for p in project.people] == ["Alice", "Bob", "Carol"]
    assert any("Issue id" in w for w in imported.warnings)


def test_a_misspelt_header_is_a_warning_naming_the_nearest(
    tmp_path: Path,
) -> None:
    imported = load_tasklist(write(
        tmp_path, "ID,Duration,Predecesors,Assigned To\n1,1,,Ann\n"
        "2,1,1,Ann\n"), start=START)
    assert ("column 'Predecesors' is not one plansat reads; left out "
            "(did you mean 'Predecessors'?)") in imported.warnings
    assert imported.project.task("2").assigned == ["Ann"]


@pytest.mark.parametrize(
    ("header", "key"),
    [("predecessors", "PREDECESSORS"), ("Resource Names", "resource_names"),
     ("Task Name", "  task   name "), ("Duration", "DURATION (DAYS)")],
)
def test_headers_ignore_case_and_spaces(header: str, key: str) -> None:
    from plansat.io.headers import match_headers

    a = match_headers(["ID", "Duration", header]).columns
    b = match_headers(["ID", "Duration", key]).columns
    assert a == b


def test_fractional_durations_and_lags_warn_per_task(tmp_path: Path) -> None:
    imported = load_tasklist(write(
        tmp_path, "ID,Duration,Predecessors\n1,1.5d,\n2,4h,1FS-0.5d\n"
        "3,2,1SS+50%\n"), start=START)
    project = imported.project
    assert [t.duration for t in project.tasks] == [2, 1, 2]
    assert [d.lag for d in project.task("2").after] == [0]
    assert [d.lag for d in project.task("3").after] == [1]
    w = imported.warnings
    assert "row 2 (id 1): duration '1.5d' is 1.5 working days; rounded up " \
        "to 2" in w
    assert "row 3 (id 2): duration '4h' is 0.5 working days; rounded up " \
        "to 1" in w
    assert ("row 3 (id 2): lag of the link from 1, -0.5 days (-0.5 "
            "working days), rounded to 0") in w
    assert ("row 4 (id 3): lag of the link from 1, 50% of 2 days (1 "
            "working days), rounded to 1") not in w  # whole: no warning


def test_a_bad_row_does_not_make_its_successors_fail(tmp_path: Path) -> None:
    path = write(tmp_path, "ID,Duration,Predecessors\n1,two,\n2,1,1\n")
    with pytest.raises(ProjectError) as info:
        load_tasklist(path, start=START)
    assert info.value.errors == [
        f"{path}: row 2: (id 1) column duration: 'two' is not a duration "
        "like 5, 5d, 5 days, 2 wks, 3 hrs or 6 days?"]


def test_a_bad_link_type_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "ID,Duration,Predecessors\n1,1,\n2,1,1XX\n")
    with pytest.raises(ProjectError, match=r"row 3: \(id 2\) column "
                       r"predecessors: '1XX': link type 'XX' is not FS, "
                       "SS, FF or SF"):
        load_tasklist(path, start=START)


@pytest.mark.parametrize(
    ("text", "message"),
    [("Duration,Notes\n1,x\n", r"no id \(or name\) column"),
     ("ID,Name\n1,A\n", "no duration column"),
     ("ID,Duration\n1,1\n1,2\n", "row 3: id 1 repeats row 2")],
)
def test_missing_columns_and_repeated_ids(
    tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(ProjectError, match=message):
        load_tasklist(write(tmp_path, text), start=START)


# -- property: what plansat writes, the reader reads back ---------------------


IDS = st.sampled_from(["1", "2", "T-3", "WEB-4", "ab"])
LINKS = st.lists(
    st.tuples(IDS, st.sampled_from(["FS", "SS", "FF", "SF"]),
              st.integers(-20, 20)),
    max_size=4, unique_by=lambda k: k[0])
UNITS = {"days": 1, "wks": 5, "hrs": 1 / 8, "mons": 20}


@settings(deadline=None)  # the first example imports the workbook module
@given(LINKS)
def test_links_as_the_workbook_writes_them_read_back(
    links: list[tuple[str, str, int]],
) -> None:
    from plansat.io.tasklist import parse_links
    from plansat.io.workbook import _links

    project = make_links(links)
    text = _links(project, "Z")
    ids = {"1", "2", "T-3", "WEB-4", "ab"}
    assert [(d["task"], d["type"], d["lag"]) for d in parse_links(
        text, ids)] == [(t, k, lag) for t, k, lag in links]


def make_links(links: list[tuple[str, str, int]]):  # type: ignore[no-untyped-def]
    from tests.helpers import make

    tasks = [{"id": i, "duration": 30} for i in
             ("1", "2", "T-3", "WEB-4", "ab")]
    tasks.append({"id": "Z", "duration": 30, "after": [
        {"task": t, "type": k, "lag": lag} for t, k, lag in links]})
    return make(tasks)


@given(st.integers(0, 400), st.sampled_from(sorted(UNITS)),
       st.booleans())
def test_whole_ms_project_durations_read_exactly(
    n: int, unit: str, estimated: bool
) -> None:
    text = f"{n} {unit}{'?' if estimated else ''}"
    amount = parse_amount(text)
    assert amount.days == pytest.approx(n * UNITS[unit])
    assert amount.estimated is estimated
