"""The MSPDI reader: hand-written files for each rule, then the files MS
Project 2002-2019 saved (../shared/data/mspdi, skipped when absent).

The hand-written projects start on Monday 2 June 2025 with the standard
calendar: working days 0..4 are 2..6 June, day 5 is Monday 9 June.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from plansat import critical_path
from plansat.io import read
from plansat.io.mspdi import parse_mspdi, read_mspdi
from plansat.io.mspdi.calendar import Calendars
from plansat.io.mspdi.durations import kind, parse_duration, round_up
from plansat.io.mspdi.parse import Notes, parse_root
from plansat.models import ProjectError
from tests.helpers.mspdi_files import DATA, link, mspdi, task

needs_data = pytest.mark.skipif(
    not DATA.is_dir(), reason=f"MSPDI samples not found at {DATA}"
)


def load(data: bytes, baseline: int = 0):  # type: ignore[no-untyped-def]
    return parse_mspdi(data, source="test.xml", baseline=baseline)


# -- numbers of time ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("PT8H0M0S", 480), ("PT0H0M0S", 0), ("PT1H30M0S", 90),
     ("P1DT2H", 1560), ("-PT4H0M0S", -240), ("PT71H1M0S", 4261),
     ("PT0H0M30S", 0.5)],
)
def test_xsd_durations_read_as_minutes(text: str, minutes: float) -> None:
    assert parse_duration(text) == pytest.approx(minutes)


@pytest.mark.parametrize("text", ["8h", "PT", "P", "PTXH", "T8H", ""])
def test_bad_xsd_durations_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="is not an xsd:duration"):
        parse_duration(text)


@pytest.mark.parametrize(
    ("code", "expected"),
    [(7, "working"), (39, "working"), (53, "working"), (9, "working"),
     (8, "elapsed"), (40, "elapsed"), (4, "elapsed"), (19, "percent"),
     (51, "percent"), (None, "working")],
)
def test_format_codes(code: int | None, expected: str) -> None:
    assert kind(code) == expected


def test_rounding_up_ignores_a_hair_over_a_whole_day() -> None:
    assert [round_up(x) for x in (1.0, 1.0000001, 1.01, 0.2)] == [1, 1, 2, 1]


# -- tasks, outline, durations -----------------------------------------------


def test_summary_rows_become_wbs_and_blank_rows_are_skipped() -> None:
    data = mspdi(
        task(1, "Phase", 16, outline="1", extra="<Summary>1</Summary>")
        + task(2, "Design", 8, level=2, outline="1.1")
        + task(3, "", 8, level=2, outline="1.2")  # a blank row
        + task(4, "Build", 8, level=2, outline="1.3", links=link(2))
        + task(5, "Ship", 0, outline="2", extra="<Milestone>1</Milestone>",
               links=link(1))
    )
    imported = load(data)
    project = imported.project
    assert [t.id for t in project.tasks] == ["2", "4", "5"]
    assert [t.wbs for t in project.tasks] == ["1.1", "1.3", "2"]
    assert project.task("5").duration == 0
    # FS from the summary: the milestone waits for each of its tasks.
    assert sorted(d.task for d in project.task("5").after) == ["2", "4"]
    assert imported.uids == {"2": 2, "4": 4, "5": 5}
    assert imported.warnings == []


def test_links_into_a_summary_reach_every_task_under_it() -> None:
    data = mspdi(
        task(1, "Start")
        + task(2, "Group", 16, outline="2", links=link(1, lag=4800))
        + task(3, "A", level=2, outline="2.1")
        + task(4, "B", level=2, outline="2.2")
    )
    project = load(data).project
    for tid in ("3", "4"):
        (dep,) = project.task(tid).after
        assert (dep.task, dep.type, dep.lag) == ("1", "FS", 1)
    report = critical_path(project)
    assert report.task("3").es == report.task("4").es == 2


@pytest.mark.parametrize(
    ("kind_code", "pred_is_summary", "warned"),
    [(3, True, "SS link from summary UID 1 applied to each"),
     (0, False, "FF link into a summary applied to each")],
)
def test_summary_links_plansat_approximates_are_reported(
    kind_code: int, pred_is_summary: bool, warned: str
) -> None:
    group = (task(1, "Group", 16, outline="1")
             + task(2, "A", level=2, outline="1.1")
             + task(3, "B", level=2, outline="1.2"))
    if pred_is_summary:
        data = mspdi(group + task(4, "After", outline="2",
                                  links=link(1, kind_code)))
    else:
        data = mspdi(task(4, "Before", outline="1") + group.replace(
            "<OutlineNumber>1", "<OutlineNumber>2").replace(
            "<DurationFormat>7</DurationFormat></Task>",
            f"<DurationFormat>7</DurationFormat>{link(4, kind_code)}</Task>",
            1))
    imported = load(data)
    assert any(warned in w for w in imported.warnings), imported.warnings


def test_fractional_and_elapsed_durations_are_rounded_up_with_warnings(
) -> None:
    data = mspdi(
        task(1, "Half", 12)
        + task(2, "Elapsed", 24 * 7, extra="")
        .replace("<DurationFormat>7", "<DurationFormat>8")
    )
    imported = load(data)
    assert [t.duration for t in imported.project.tasks] == [2, 5]
    assert imported.warnings == [
        "task UID 1 (Half): duration 1.5 working days (PT12H0M0S) rounded "
        "up to 2",
        "task UID 2 (Elapsed): elapsed duration of 7 calendar days read as "
        "5 working days",
    ]


@pytest.mark.parametrize(
    ("lag", "fmt", "days", "warned"),
    [(0, 7, 0, None), (4800, 7, 1, None), (9600, 7, 2, None),
     (24000, 9, 5, None), (48000, 9, 10, None), (-4800, 7, -1, None),
     (2400, 5, 1, "0.5 working days, rounded up to 1"),
     (100800, 8, 5, "7 elapsed days, read as 5 working days"),
     (50, 19, 1, "50% of its predecessor, read as 1 working days")],
)
def test_lags_in_tenths_of_a_minute(
    lag: int, fmt: int, days: int, warned: str | None
) -> None:
    data = mspdi(task(1, "A", 16) + task(2, "B", links=link(1, 1, lag, fmt)))
    imported = load(data)
    (dep,) = imported.project.task("2").after
    assert dep.lag == days
    if warned is None:
        assert imported.warnings == []
    else:
        assert any(warned in w for w in imported.warnings), imported.warnings


def test_a_lead_longer_than_the_predecessor_is_accepted() -> None:
    data = mspdi(task(1, "A", 8) + task(2, "B", 8, links=link(1, 1, -14400)))
    project = load(data).project
    assert project.task("2").after[0].lag == -3
    assert critical_path(project).task("2").es == 0  # not before day 0


@pytest.mark.parametrize(
    ("ctype", "field", "expected", "warned"),
    [(4, "earliest_start", date(2025, 6, 4), None),
     (2, "earliest_start", date(2025, 6, 4), "kept as start no earlier"),
     (7, "deadline", date(2025, 6, 4), None),
     (3, "deadline", date(2025, 6, 4), "kept as finish no later"),
     (5, "deadline", date(2025, 6, 5), "kept as a deadline 2 days later"),
     (6, "earliest_start", date(2025, 6, 3),
      "kept as an earliest start 2 days before"),
     (1, "deadline", None, "not kept")],
)
def test_constraints(
    ctype: int, field: str, expected: date | None, warned: str | None
) -> None:
    moment = "2025-06-04T17:00:00" if ctype in (3, 6, 7) else (
        "2025-06-04T08:00:00")
    extra = (f"<ConstraintType>{ctype}</ConstraintType>"
             f"<ConstraintDate>{moment}</ConstraintDate>")
    imported = load(mspdi(task(1, "A", 16, extra=extra)))
    assert getattr(imported.project.task("1"), field) == expected
    if warned:
        assert any(warned in w for w in imported.warnings), imported.warnings
    else:
        assert imported.warnings == []


def test_deadline_of_a_milestone_at_the_end_of_a_day() -> None:
    extra = ("<Milestone>1</Milestone>"
             "<Deadline>2025-06-03T17:00:00</Deadline>")
    data = mspdi(task(1, "A", 16) + task(2, "M", 0, extra=extra,
                                         links=link(1)))
    project = load(data).project
    # The milestone sits at the end of day 1 (= start of day 2): in time.
    assert critical_path(project).task("2").total_float == 0


# -- calendars ----------------------------------------------------------------


def test_calendar_exceptions_become_holidays_and_working_ones_warn() -> None:
    holiday = ("<WeekDay><DayType>0</DayType><DayWorking>0</DayWorking>"
               "<TimePeriod><FromDate>2025-06-05T00:00:00</FromDate>"
               "<ToDate>2025-06-06T23:59:00</ToDate></TimePeriod></WeekDay>"
               "<WeekDay><DayType>0</DayType><DayWorking>1</DayWorking>"
               "<TimePeriod><FromDate>2025-06-07T00:00:00</FromDate>"
               "<ToDate>2025-06-07T23:59:00</ToDate></TimePeriod></WeekDay>")
    data = mspdi(task(1, "A", 32)).replace(
        b"</WeekDays>", holiday.encode() + b"</WeekDays>")
    imported = load(data)
    assert imported.project.calendar.holidays == [date(2025, 6, 5),
                                                  date(2025, 6, 6)]
    # Mon-Wed, then Thu and Fri off: the fourth day is Monday 9 June.
    assert critical_path(imported.project).task("1").finish_date == date(
        2025, 6, 9)
    assert imported.warnings == [
        "project: calendar 'Standard' has working time by exception on "
        "2025-06-07; plansat keeps its usual weekdays there"
    ]


@needs_data
@pytest.mark.parametrize("version", ["2007", "2010", "2016"])
def test_recurring_exceptions_expand_as_ms_project_lists_them(
    version: str,
) -> None:
    """MS Project writes each exception twice: as a rule (Exceptions) and
    as the dates it covers (WeekDay entries of DayType 0).  Without the
    dates, the daily and weekly rules give the same days."""
    path = DATA / f"calendar-recurring-exceptions-project{version}-mspdi.xml"
    root = parse_root(path.read_bytes())
    listed = Calendars(root, Notes(), 480).get(1)
    week = root.child("Calendars").children("Calendar")[0].child("WeekDays")
    for day in week.children("WeekDay"):
        if day.int("DayType") == 0:
            week.element.remove(day.element)
    notes = Notes()
    expanded = Calendars(root, notes, 480).get(1)
    rules = [e for e in expanded.exceptions if not e.working]
    assert rules, "no exception expanded"
    daily_weekly = {d for e in rules for d in e.dates()}
    listed_days = {d for e in listed.exceptions if not e.working
                   for d in e.dates()}
    # Every day the daily/weekly rules give is one MS Project listed, and
    # they cover every listed day of 2000-2001 (the daily/weekly years).
    assert daily_weekly <= listed_days
    assert {d for d in listed_days if d.year <= 2001} <= daily_weekly
    assert any("monthly or yearly" in w for w in notes)


# -- resources, assignments, progress, baselines ------------------------------


def test_resources_assignments_progress_and_baseline() -> None:
    resources = (
        "<Resource><UID>1</UID><ID>1</ID><Name>Ann</Name><Type>1</Type>"
        "<MaxUnits>0.5</MaxUnits><StandardRate>50</StandardRate>"
        "</Resource>"
        "<Resource><UID>2</UID><ID>2</ID><Name>Testers</Name><Type>1</Type>"
        "<MaxUnits>3</MaxUnits></Resource>"
        "<Resource><UID>3</UID><ID>3</ID><Name>Concrete</Name><Type>0</Type>"
        "<StandardRate>4</StandardRate></Resource>"
        "<Resource><UID>4</UID><ID>4</ID><Name>Fees</Name><Type>2</Type>"
        "</Resource>")
    assignments = "".join(
        f"<Assignment><UID>{k}</UID><TaskUID>{t}</TaskUID>"
        f"<ResourceUID>{r}</ResourceUID><Units>{u}</Units></Assignment>"
        for k, (t, r, u) in enumerate(
            [(1, 1, 0.5), (2, 2, 2), (2, 3, 10), (2, -65535, 1)]))
    progress = ("<PercentComplete>100</PercentComplete>"
                "<ActualStart>2025-06-02T08:00:00</ActualStart>"
                "<ActualFinish>2025-06-03T17:00:00</ActualFinish>"
                "<ActualCost>80000</ActualCost>")
    base = ("<Baseline><Number>0</Number><Start>2025-06-02T08:00:00</Start>"
            "<Finish>2025-06-03T17:00:00</Finish></Baseline>")
    base2 = base.replace("06-02T08", "06-04T08").replace("06-03T17",
                                                         "06-05T17")
    data = mspdi(
        task(1, "Dig", 16, extra=progress, tail=base)
        + task(2, "Pour", 16, links=link(1), tail=base2),
        resources, assignments, head="<StatusDate>2025-06-04T17:00:00"
        "</StatusDate>")
    imported = load(data)
    p = imported.project
    (ann,) = p.people
    assert (ann.id, ann.availability, ann.rate) == ("1", 50, 400)
    assert [(r.id, r.capacity, r.renewable) for r in p.resources] == [
        ("2", 3, True), ("3", 10, False)]
    assert (p.task("1").assigned, p.task("1").allocation) == (["1"], 50)
    assert p.task("2").uses == {"2": 2, "3": 10}
    progress_read = p.task("1").progress
    assert progress_read is not None
    assert (progress_read.actual_start, progress_read.actual_finish,
            progress_read.actual_cost) == (date(2025, 6, 2),
                                           date(2025, 6, 3), 800)
    assert p.status_date == date(2025, 6, 4)
    baseline = imported.baseline
    assert baseline is not None
    assert [(t.id, t.start, t.finish) for t in baseline.tasks] == [
        ("1", 0, 2), ("2", 2, 4)]
    assert any("cost resource left out" in w for w in imported.warnings)
    assert any("pooled resource of 3 units" in w for w in imported.warnings)


# -- files that are not (valid) MSPDI ----------------------------------------

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]>
<Project xmlns="http://schemas.microsoft.com/project"><Name>&lol3;</Name>
</Project>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE p [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<Project xmlns="http://schemas.microsoft.com/project"><Name>&secret;</Name>
</Project>"""


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (BOMB, "refused: the file declares a document type"),
        (EXTERNAL, "refused: the file declares a document type"),
        (mspdi(task(1, "A"))[:300], r"the XML ends early \(line 2"),
        (b'{"name": "json"}', r"not XML \(it starts with '\{\"name"),
        (b"<html><body/></html>", "not an MS Project XML .* <html>"),
        (mspdi(task(1, "A") + task(2, "B", links=link(99))),
         "task UID 2 \\(B\\): PredecessorLink to UID 99, which is not a "
         "task of the file"),
        (mspdi(task(1, "A", extra="<ConstraintDate>soon</ConstraintDate>")),
         "task UID 1 \\(A\\): <ConstraintDate> 'soon' is not a date"),
        (mspdi(task(1, "A").replace("PT8H0M0S", "eight hours")),
         "task UID 1 \\(A\\): <Duration> 'eight hours' is not an xsd"),
        (mspdi(""), "the file has no tasks"),
        (mspdi(task(1, "A", links=link(2)) + task(2, "B", links=link(1))),
         "dependency cycle: 1 -> 2 -> 1"),
    ],
)
def test_bad_files_are_refused_naming_the_file(
    data: bytes, message: str
) -> None:
    with pytest.raises(ProjectError, match="^test.xml: " + message):
        load(data)


def test_missing_file_is_a_project_error(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="No such file"):
        read_mspdi(tmp_path / "absent.xml")


def test_read_dispatches_xml_to_the_mspdi_reader(tmp_path: Path) -> None:
    path = tmp_path / "plan.xml"
    path.write_bytes(mspdi(task(1, "A", 16) + task(2, "B", links=link(1))))
    project = read(path)
    assert critical_path(project).duration == 3


# -- files MS Project saved ---------------------------------------------------

#: Successor name -> (type, lag in days) in the task-links files: pairs
#: "Task 1" -> "Task 2" with these links, in UID order 2, 4, ..., 16.
LINKS = [("FS", 0), ("FS", 1), ("FS", 2), ("FS", 5), ("FS", 10),
         ("SF", 2), ("SS", 2), ("FF", 2)]


@needs_data
@pytest.mark.parametrize("version", ["2003", "2007", "2010", "2016", "2019"])
def test_task_links_files_read_every_type_and_lag(version: str) -> None:
    imported = read_mspdi(DATA / f"task-links-project{version}-mspdi.xml")
    found = []
    for uid in range(2, 17, 2):
        (dep,) = imported.project.task(str(uid)).after
        assert dep.task == str(uid - 1)
        found.append((dep.type, dep.lag))
    assert found == LINKS
    assert not any("lag" in w for w in imported.warnings)


@needs_data
def test_null_tasks_file_skips_blank_rows() -> None:
    imported = read_mspdi(DATA / "mspdinulltasks.xml")
    assert [(t.id, t.wbs) for t in imported.project.tasks] == [
        ("3", "1.1"), ("4", "1.2"), ("8", "2.1")]


@needs_data
def test_relations_file_reads_all_four_link_types() -> None:
    project = read_mspdi(DATA / "mspdirelations.xml").project
    types = [(d.task, d.type, d.lag) for t in project.tasks for d in t.after]
    assert types == [("1", "FS", 0), ("2", "SS", 1), ("3", "FF", 0),
                     ("4", "SF", 0)]
