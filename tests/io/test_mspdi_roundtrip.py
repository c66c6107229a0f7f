"""Round trips through MS Project XML of what a user would lose if the
writer or the reader dropped it: priorities, milestones, levelled plans
and baselines (issue 24)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest

from plansat import Result, critical_path
from plansat.io.mspdi import parse_mspdi, read_mspdi, to_mspdi
from tests.helpers import make, solved
from tests.helpers.mspdi_files import DATA, NS, mspdi, task

Q = f"{{{NS}}}"
needs_data = pytest.mark.skipif(not DATA.is_dir(),
                                reason=f"no MSPDI samples at {DATA}")


def task_nodes(xml: str) -> dict[str, ET.Element]:
    """The written tasks by name (the project summary left out)."""
    root = ET.fromstring(xml)
    return {t.findtext(f"{Q}Name") or "": t for t in root.iter(f"{Q}Task")
            if t.findtext(f"{Q}UID") != "0"}


# -- priority -----------------------------------------------------------------


def test_priority_is_written_and_read_back() -> None:
    project = make([
        {"id": "A", "name": "Urgent", "duration": 2, "priority": 900},
        {"id": "B", "name": "Later", "duration": 1, "priority": 100},
        {"id": "C", "name": "Plain", "duration": 1},
    ])
    xml = to_mspdi(project).xml
    nodes = task_nodes(xml)
    assert {n: nodes[n].findtext(f"{Q}Priority") for n in nodes} == {
        "Urgent": "900", "Later": "100", "Plain": "500"}
    back = parse_mspdi(xml.encode()).project
    assert [t.priority for t in back.tasks] == [900, 100, 500]


def test_ms_project_priorities_are_read() -> None:
    body = (task(1, "Ship", extra="<Priority>1000</Priority>")
            + task(2, "Polish", extra="<Priority>100</Priority>"))
    imported = parse_mspdi(mspdi(body))
    assert [t.priority for t in imported.project.tasks] == [1000, 100]
    assert imported.warnings == []


def test_priority_out_of_range_is_clamped_with_a_warning() -> None:
    imported = parse_mspdi(mspdi(task(1, "X",
                                      extra="<Priority>1200</Priority>")))
    assert imported.project.tasks[0].priority == 1000
    assert any("priority 1200" in w for w in imported.warnings)


@needs_data
def test_sample_file_priorities_reach_the_priority_objective() -> None:
    imported = read_mspdi(DATA / "sample1.xml")
    found = {t.priority for t in imported.project.tasks}
    assert {600, 1000} <= found


def test_priority_objective_uses_imported_priorities() -> None:
    """One person, two 2-day tasks: the priority objective puts the task
    MS Project marked 900 first (900·2 + 100·4 = 2200 < 100·2 + 900·4)."""
    body = (task(1, "Low", hours=16, extra="<Priority>100</Priority>")
            + task(2, "High", hours=16, extra="<Priority>900</Priority>"))
    project = parse_mspdi(mspdi(body)).project
    data = project.model_dump(mode="json", exclude_defaults=True)
    data["people"] = [{"id": "ann"}]
    for t in data["tasks"]:
        t["assigned"] = ["ann"]
    project = type(project).model_validate(data)
    result = solved(project, "priority")
    rows = {r.name: r for r in result.tasks}
    assert (rows["High"].finish, rows["Low"].finish) == (2, 4)
    assert result.objective_value == 900 * 2 + 100 * 4


# -- currency -----------------------------------------------------------------


def test_currency_code_is_written_before_the_calendar() -> None:
    """Microsoft's schema has CurrencyCode between CurrencySymbol and
    CalendarUID; MS Project's default is USD."""
    project = make([{"id": "A", "duration": 1}])
    root = ET.fromstring(to_mspdi(project).xml)
    names = [c.tag.removeprefix(Q) for c in root]
    assert root.findtext(f"{Q}CurrencyCode") == "USD"
    assert names.index("CurrencyCode") == names.index("CalendarUID") - 1
    eur = ET.fromstring(to_mspdi(project, currency="EUR").xml)
    assert eur.findtext(f"{Q}CurrencyCode") == "EUR"


@pytest.mark.parametrize("code", ["usd", "EURO", "", "€"])
def test_a_currency_that_is_no_iso_code_is_refused(code: str) -> None:
    from plansat.models import ProjectError

    with pytest.raises(ProjectError, match="ISO 4217"):
        to_mspdi(make([{"id": "A", "duration": 1}]), currency=code)


# -- levelled plans -----------------------------------------------------------


def test_a_levelled_plan_goes_out_as_leveling_delay_not_constraints() -> None:
    """ann does A (2 days) and B (3 days); C (1 day) follows A.  The
    critical path alone gives 3 days (A, C | B); ann's plan is A 0-2,
    B 2-5, C 2-3: makespan 5 (B first would give 6).  B waits 2 days for
    ann: a leveling delay of 2 days (9600 tenths of a minute), and the
    re-imported project still has a critical path of 3 days."""
    project = make(
        [{"id": "A", "duration": 2, "assigned": ["ann"]},
         {"id": "B", "duration": 3, "assigned": ["ann"]},
         {"id": "C", "duration": 1, "after": ["A"]}],
        people=[{"id": "ann"}])
    plan = solved(project)
    assert plan.makespan == 5
    assert (plan.task("B").start, plan.task("C").start) == (2, 2)
    xml = to_mspdi(project, plan).xml
    nodes = task_nodes(xml)
    assert nodes["B"].findtext(f"{Q}LevelingDelay") == "9600"
    assert all(n.findtext(f"{Q}ConstraintType") == "0"
               for n in nodes.values())
    assert nodes["B"].findtext(f"{Q}Start") == "2025-06-04T08:00:00"
    imported = parse_mspdi(xml.encode())
    before, after = critical_path(project), critical_path(imported.project)
    assert (after.duration, after.critical_paths) == (
        before.duration, before.critical_paths) == (3, [["A", "C"], ["B"]])
    assert [w for w in imported.warnings if "leveling delay" in w] == [
        "project: leveling delay on 1 task(s) (UID 2) left out: plansat "
        "levels the project itself when it solves"]


def test_a_plan_without_waits_has_no_leveling_delay() -> None:
    project = make([{"id": "A", "duration": 2},
                    {"id": "B", "duration": 1, "after": ["A"]}])
    xml = to_mspdi(project, solved(project)).xml
    assert "LevelingDelay" not in xml


# -- baselines ----------------------------------------------------------------


def baseline(number: int, start: str, finish: str, hours: int) -> str:
    return (f"<Baseline><Number>{number}</Number><Start>{start}</Start>"
            f"<Finish>{finish}</Finish><Duration>PT{hours}H0M0S</Duration>"
            "</Baseline>")


def test_a_baseline_before_the_project_start_keeps_its_dates() -> None:
    """The project starts Mon 2 Jun 2025; baseline 1 was saved a week
    before: task 1 on Tue 27-Wed 28 May, task 2 (after 1) Thu 29-Fri 30
    May.  The project starts on 27 May (day 0) so that the baseline keeps
    its dates, and task 1 can't start before 2 Jun (day 4): the critical
    path is as before, 4 days from day 4."""
    from tests.helpers.mspdi_files import link

    body = (
        task(1, "Dig", hours=16, tail=baseline(
            1, "2025-05-27T08:00:00", "2025-05-28T17:00:00", 16))
        + task(2, "Pour", hours=16, links=link(1), tail=baseline(
            1, "2025-05-29T08:00:00", "2025-05-30T17:00:00", 16)))
    imported = parse_mspdi(mspdi(body), baseline=1)
    base = imported.baseline
    assert base is not None
    assert [(t.start, t.finish, str(t.start_date), str(t.finish_date))
            for t in base.tasks] == [
        (0, 2, "2025-05-27", "2025-05-28"),
        (2, 4, "2025-05-29", "2025-05-30")]
    project = imported.project
    assert str(project.start) == "2025-05-27"
    assert str(project.task("1").earliest_start) == "2025-06-02"
    report = critical_path(project)
    assert [(t.es, t.ef) for t in report.tasks] == [(4, 6), (6, 8)]
    assert any("baseline 1 starts on 2025-05-27, before the project "
               "start 2025-06-02" in w for w in imported.warnings)
    # baseline 0 is not before the start: the project is left alone
    plain = parse_mspdi(mspdi(body), baseline=0)
    assert str(plain.project.start) == "2025-06-02"


# -- no stray message ---------------------------------------------------------


def test_export_of_a_project_with_many_critical_paths_says_nothing(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Six layers of two 1-day tasks, each after both of the layer
    before: 2**6 = 64 critical paths, more than the 50 the critical-path
    report lists.  The export uses the dates only and logs nothing."""
    tasks = [{"id": f"L{k}{s}", "duration": 1,
              "after": [f"L{k - 1}a", f"L{k - 1}b"] if k > 1 else []}
             for k in range(1, 7) for s in "ab"]
    project = make(tasks)
    with caplog.at_level("WARNING"):
        to_mspdi(project)
    assert caplog.records == []
    with caplog.at_level("WARNING"):  # the report itself still says it
        critical_path(project)
    assert any("critical paths" in r.getMessage() for r in caplog.records)


# -- what is left out is said -------------------------------------------------


def test_custom_fields_other_baselines_and_costs_are_listed() -> None:
    """Two tasks with a Text5 and a Number1 value (defined with an alias
    for Text5), baselines 0 and 2 with a cost: the import keeps baseline
    0's dates and says what it left out, by kind and count."""
    head = ("<ExtendedAttributes><ExtendedAttribute><FieldID>188743747"
            "</FieldID><FieldName>Text5</FieldName><Alias>Owner</Alias>"
            "</ExtendedAttribute></ExtendedAttributes>")
    value = ("<ExtendedAttribute><FieldID>{}</FieldID><Value>x</Value>"
             "</ExtendedAttribute>")
    base = ("<Baseline><Number>{}</Number><Start>2025-06-02T08:00:00</Start>"
            "<Finish>2025-06-02T17:00:00</Finish><Cost>5000</Cost>"
            "</Baseline>")
    body = "".join(
        task(uid, f"T{uid}", tail=value.format(188743747)
             + value.format(188743767) + base.format(0) + base.format(2))
        for uid in (1, 2))
    imported = parse_mspdi(mspdi(body, head=head))
    assert imported.baseline is not None
    assert ("project: 4 custom-field value(s) left out (plansat has no "
            "custom fields): Owner (2 task value(s)), field 188743767 (2 "
            "task value(s))") in imported.warnings
    assert ("project: baselines left out: 2 (2 task(s)); only baseline 0 "
            "is read (plansat import --baseline N reads another)"
            ) in imported.warnings
    assert ("project: 2 baseline cost(s) of baseline 0 left out (a plansat "
            "baseline is dates)") in imported.warnings


def test_many_custom_fields_are_named_up_to_eight() -> None:
    """Ten task custom fields (Text1..Text10 by FieldID 188743731 + k),
    one value each: eight are named, the other two counted."""
    value = ("<ExtendedAttribute><FieldID>{}</FieldID><Value>x</Value>"
             "</ExtendedAttribute>")
    body = task(1, "T1", tail="".join(value.format(188743731 + k)
                                      for k in range(10)))
    imported = parse_mspdi(mspdi(body))
    note = next(w for w in imported.warnings if "custom-field" in w)
    assert note.startswith("project: 10 custom-field value(s) left out")
    assert note.count("task value(s)") == 8
    assert note.endswith(" and 2 more fields")


def test_a_plansat_file_has_nothing_left_out() -> None:
    project = make([{"id": "A", "duration": 1,
                     "needs": [{"skill": "qa"}]}],
                   people=[{"id": "ann", "skills": {"qa": 1}}])
    plan = solved(project)
    imported = parse_mspdi(to_mspdi(project, plan, plan).xml.encode())
    assert imported.warnings == []


@needs_data
@pytest.mark.parametrize(
    ("name", "said"),
    [("task-costs-project2016-mspdi.xml", "Cost1 (1 task value(s)), "
      "Cost2 (1 task value(s))"),
     ("task-flags-project2019-mspdi.xml", "Flag1 (1 task value(s)), "
      "Flag2"),
     ("task-numbers-project2010-mspdi.xml", "Number1 (1 task value(s))"),
     ("task-baselines-project2016-mspdi.xml", "baselines left out: 1 (8 "
      "task(s))"),
     ("task-baselines-project2016-mspdi.xml", "1 baseline cost(s) and 1 "
      "baseline work value(s) of baseline 0 left out")],
)
def test_sample_files_say_what_they_drop(name: str, said: str) -> None:
    warnings = read_mspdi(DATA / name).warnings
    assert any(said in w for w in warnings), warnings


def test_an_mpp_file_gets_the_save_as_xml_hint(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from plansat.io import read
    from plansat.models import ProjectError

    path = tmp_path / "plan.mpp"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ProjectError, match=r"save it from MS Project as "
                       r"XML \(File › Save As › XML\)"):
        read(path)


# -- milestones ---------------------------------------------------------------


def test_milestones_round_trip_to_the_same_working_day() -> None:
    """A (3 days, Mon 2 - Wed 4 Jun) then milestone M (day 3) and a
    milestone S at the project start (day 0).  MS Project places M at
    the end of A's last day (Wed 17:00) and S at Mon 08:00; read back,
    both are milestones on the same working days, and a deadline of
    Thu 5 Jun on M is kept."""
    project = make([
        {"id": "S", "duration": 0},
        {"id": "A", "duration": 3, "after": ["S"]},
        {"id": "M", "duration": 0, "after": ["A"],
         "deadline": "2025-06-05"},
    ])
    plan = solved(project)
    assert plan.task("M").start == 3
    xml = to_mspdi(project, plan).xml
    nodes = task_nodes(xml)
    assert nodes["M"].findtext(f"{Q}Start") == "2025-06-04T17:00:00"
    assert nodes["M"].findtext(f"{Q}Milestone") == "1"
    assert nodes["S"].findtext(f"{Q}Start") == "2025-06-02T08:00:00"
    back = parse_mspdi(xml.encode())
    assert back.warnings == []
    report = critical_path(back.project)
    assert [(t.id, t.es, t.ef) for t in report.tasks] == [
        ("S", 0, 0), ("A", 0, 3), ("M", 3, 3)]
    assert back.project.task("M").duration == 0
    assert str(back.project.task("M").deadline) == "2025-06-05"


#: Mon 2 Jun 2025 on, holiday Thu 5 Jun: days 0 Mon 2, 1 Tue 3, 2 Wed 4,
#: 3 Fri 6, 4 Mon 9, 5 Tue 10.
MILESTONES = [
    {"id": "S", "duration": 0},
    {"id": "A", "duration": 3, "after": ["S"]},
    {"id": "M", "duration": 0, "after": ["A"], "deadline": "2025-06-04"},
    {"id": "B", "duration": 2, "after": ["M"]},
    {"id": "E", "duration": 0, "after": ["B"]},
]


def test_a_solved_plan_keeps_its_milestones_through_ms_project() -> None:
    """S at day 0 is dated Mon 2 Jun (08:00 in MS Project, nothing before
    it); A [0,3) Mon-Wed; M at day 3 is dated as MS Project dates it,
    the end of day 2, Wed 4 Jun 17:00 (its deadline, met); B [3,5) Fri 6
    - Mon 9 (the holiday skipped); E at day 5 is dated Mon 9 Jun 17:00.
    Written and read back, the plan solves to the same days and dates,
    and M's deadline is still the day it happens."""
    project = make(MILESTONES, calendar={"holidays": ["2025-06-05"]})
    plan = solved(project)
    want = {"S": (0, date(2025, 6, 2)), "M": (3, date(2025, 6, 4)),
            "E": (5, date(2025, 6, 9))}

    def milestones(result: Result) -> dict[str, tuple[int, date]]:
        rows = {k: result.task(k) for k in want}
        assert all(r.start_date == r.finish_date for r in rows.values())
        return {k: (r.start, r.finish_date) for k, r in rows.items()}

    assert milestones(plan) == want
    assert plan.finish_date == date(2025, 6, 9)
    nodes = task_nodes(to_mspdi(project, plan).xml)
    assert {k: (nodes[k].findtext(f"{Q}Start"),
                nodes[k].findtext(f"{Q}Finish")) for k in want} == {
        "S": ("2025-06-02T08:00:00", "2025-06-02T08:00:00"),
        "M": ("2025-06-04T17:00:00", "2025-06-04T17:00:00"),
        "E": ("2025-06-09T17:00:00", "2025-06-09T17:00:00"),
    }
    assert nodes["M"].findtext(f"{Q}Deadline") == "2025-06-04T17:00:00"
    back = parse_mspdi(to_mspdi(project, plan).xml.encode())
    assert back.warnings == []
    assert str(back.project.task("M").deadline) == "2025-06-04"
    assert milestones(solved(back.project)) == want
    report = critical_path(back.project)
    assert {k: (report.task(k).es, report.task(k).finish_date)
            for k in want} == want


def test_a_milestone_reported_done_keeps_its_day_and_date() -> None:
    """A done Mon 2 - Wed 4 Jun, M reported done on Wed 4 Jun (its date,
    the end of A's last day), status date Fri 6 Jun: M is at day 3,
    after A's [0,3).  MS Project gets M's actuals at Wed 17:00; read
    back, M is done on Wed 4 Jun, at day 3 again."""
    tasks = [dict(t) for t in MILESTONES]
    tasks[1]["progress"] = {"actual_start": "2025-06-02",
                            "actual_finish": "2025-06-04"}
    tasks[2]["progress"] = {"actual_start": "2025-06-04",
                            "actual_finish": "2025-06-04"}
    project = make(tasks, calendar={"holidays": ["2025-06-05"]},
                   status_date="2025-06-06")
    assert project.actual_span(project.task("M")) == (3, 3)
    nodes = task_nodes(to_mspdi(project).xml)
    assert (nodes["M"].findtext(f"{Q}ActualStart"),
            nodes["M"].findtext(f"{Q}ActualFinish")) == (
        "2025-06-04T17:00:00", "2025-06-04T17:00:00")
    back = parse_mspdi(to_mspdi(project).xml.encode()).project
    pr = back.task("M").progress
    assert pr is not None
    assert (pr.actual_start, pr.actual_finish) == (date(2025, 6, 4),
                                                   date(2025, 6, 4))
    assert back.actual_span(back.task("M")) == (3, 3)


@needs_data
@pytest.mark.parametrize("name", ["sample.xml", "sample1.xml"])
def test_sample_milestones_keep_the_dates_ms_project_saved(
    name: str,
) -> None:
    """MS Project saved the milestone "Third task" (UID 3) at the project
    start, Tue 7 Jan 2003 08:00: day 0, dated Tue 7 Jan in the critical
    path and in a solved plan.  sample1.xml gives it a deadline of Tue 18
    Mar 08:00, the end of Mon 17 Mar in working time: read as Mon 17 Mar
    and written back at its end, 17:00."""
    imported = read_mspdi(DATA / name)
    project = imported.project
    tid = next(k for k, uid in imported.uids.items() if uid == 3)
    assert project.task(tid).duration == 0
    row = critical_path(project).task(tid)
    assert (row.es, row.start_date, row.finish_date) == (
        0, date(2003, 1, 7), date(2003, 1, 7))
    if name == "sample.xml":  # sample1.xml has a deadline none can meet
        plan = solved(project)
        assert (plan.task(tid).start, plan.task(tid).finish_date) == (
            0, date(2003, 1, 7))
    else:
        assert project.task(tid).deadline == date(2003, 3, 17)
        node = task_nodes(to_mspdi(project).xml)["Third task"]
        assert node.findtext(f"{Q}Deadline") == "2003-03-17T17:00:00"
        assert node.findtext(f"{Q}Start") == "2003-01-07T08:00:00"
