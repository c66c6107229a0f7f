"""The MSPDI writer: element order, round trips through the reader, and
the solved plan as MS Project will show it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from typing import Any

import pytest

from plansat import Project, Result, critical_path
from plansat.io.mspdi import parse_mspdi, read_mspdi, to_mspdi
from plansat.io.mspdi.schema import ORDERS
from plansat.models import ProjectError
from tests.helpers import make, solved
from tests.helpers.mspdi_files import DATA, NS

Q = f"{{{NS}}}"

#: The Task children the writer emits for a linked, constrained task with
#: progress and a baseline, in the order of Microsoft's schema pages
#: (written out here so that a change to schema.py can't pass unseen).
TASK_SEQUENCE = [
    "UID", "ID", "Name", "Active", "Manual", "Type", "IsNull", "WBS",
    "OutlineNumber", "OutlineLevel", "Priority", "Start", "Finish",
    "Duration", "DurationFormat", "Estimated", "Milestone", "Summary",
    "PercentComplete", "ActualStart", "RemainingDuration",
    "ConstraintType", "CalendarUID", "ConstraintDate", "Deadline",
    "PredecessorLink", "ExtendedAttribute", "Baseline",
]
PROJECT_SEQUENCE = [
    "SaveVersion", "Name", "Title", "ScheduleFromStart", "StartDate",
    "FinishDate", "CurrencyDigits", "CurrencyCode", "CalendarUID", "DefaultStartTime", "DefaultFinishTime",
    "MinutesPerDay", "MinutesPerWeek", "DaysPerMonth", "DurationFormat",
    "WorkFormat", "StatusDate", "NewTasksAreManual", "ExtendedAttributes",
    "Calendars", "Tasks", "Resources", "Assignments",
]


def rich_project() -> Project:
    """WBS groups, every link type, a lead, a milestone, an earliest
    start, a deadline, progress, people with a vacation, a pool."""
    return make(
        [
            {"id": "A", "name": "Dig", "duration": 3, "wbs": "1.1",
             "needs": [{"skill": "dig", "level": 2}], "allocation": 50,
             "progress": {"actual_start": "2025-06-02",
                          "percent_complete": 50, "remaining": 2}},
            {"id": "B", "name": "Pour", "duration": 2, "wbs": "1.2",
             "after": [{"task": "A", "type": "SS", "lag": 1}],
             "uses": {"mixer": 1}, "deadline": "2025-06-20"},
            {"id": "C", "name": "Cure", "duration": 4, "wbs": "2.1",
             "after": [{"task": "B", "type": "FF", "lag": 2},
                       {"task": "A", "lag": -5}],
             "earliest_start": "2025-06-04", "assigned": ["ann"],
             "allocation": 50},
            {"id": "D", "name": "Check", "duration": 1, "wbs": "2.2",
             "after": [{"task": "C", "type": "SF", "lag": 1}]},
            {"id": "M", "name": "Done", "duration": 0, "wbs": "3",
             "after": ["C", "D"]},
        ],
        name="Site",
        calendar={"holidays": ["2025-06-09"]},
        status_date="2025-06-03",
        people=[{"id": "ann", "name": "Ann", "rate": 480,
                 "skills": {"dig": 3}, "availability": 50,
                 "unavailable": [{"start": "2025-06-16",
                                  "end": "2025-06-17"}]}],
        resources=[{"id": "mixer", "capacity": 2, "rate": 30}],
    )


def children(element: ET.Element) -> list[str]:
    return [c.tag.removeprefix(Q) for c in element]


def check_order(element: ET.Element, kind: str) -> None:
    order = ORDERS[kind]
    names = children(element)
    positions = [order.index(n) for n in names]
    assert positions == sorted(positions), (kind, names)


def test_elements_follow_the_schema_order() -> None:
    project = rich_project()
    result = solved(project)
    xml = to_mspdi(project, result, baseline=result).xml
    root = ET.fromstring(xml)
    assert children(root) == PROJECT_SEQUENCE
    kinds = {"Task": "Task", "PredecessorLink": "PredecessorLink",
             "Resource": "Resource", "Assignment": "Assignment",
             "Calendar": "Calendar", "WeekDay": "WeekDay",
             "Exception": "Exception", "Baseline": "Baseline"}
    seen = set()
    for element in root.iter():
        kind = kinds.get(element.tag.removeprefix(Q))
        if kind is not None:
            check_order(element, kind)
            seen.add(kind)
    assert seen == set(kinds.values())
    task_a = next(t for t in root.iter(f"{Q}Task")
                  if t.findtext(f"{Q}Name") == "Dig")
    assert list(dict.fromkeys(children(task_a))) == [
        n for n in TASK_SEQUENCE if n not in (
        "ConstraintDate", "Deadline", "PredecessorLink")]
    cure = next(t for t in root.iter(f"{Q}Task")
                if t.findtext(f"{Q}Name") == "Cure")
    names = list(dict.fromkeys(children(cure)))
    assert names == [n for n in TASK_SEQUENCE if n in names]
    assert names.count("PredecessorLink") == 0 or "ConstraintDate" in names


@pytest.mark.skipif(not DATA.is_dir(), reason=f"no MSPDI samples at {DATA}")
def test_schema_orders_agree_with_the_files_ms_project_saved() -> None:
    """Within every element of the files MS Project 2002-2019 saved, the
    children the schema module lists come in its order."""
    where = {"Project": ".", "Task": "Tasks/Task",
             "PredecessorLink": "Tasks/Task/PredecessorLink",
             "Resource": "Resources/Resource",
             "Assignment": "Assignments/Assignment",
             "Calendar": "Calendars/Calendar",
             "WeekDay": "Calendars/Calendar/WeekDays/WeekDay",
             "Exception": "Calendars/Calendar/Exceptions/Exception",
             "Baseline": "Tasks/Task/Baseline"}
    files = sorted(DATA.glob("*-project20*-mspdi.xml"))
    assert files
    checked = 0
    for path in files:
        root = ET.parse(path).getroot()
        for kind, sub in where.items():
            found = [root] if sub == "." else root.findall(
                "/".join(Q + p for p in sub.split("/")))
            for element in found:
                order = ORDERS[kind]
                names = [n for n in children(element) if n in order]
                assert [order.index(n) for n in names] == sorted(
                    order.index(n) for n in names), (path.name, kind, names)
                checked += 1
    assert checked > 1000


# -- round trips --------------------------------------------------------------


def comparable(project: Project) -> dict[str, Any]:
    data = project.model_dump(mode="json", exclude_defaults=True)
    for task in data["tasks"]:
        task.get("progress", {}).pop("people", None)
    return data


def test_export_then_import_gives_the_same_project() -> None:
    project = rich_project()
    exported = to_mspdi(project)
    imported = parse_mspdi(exported.xml.encode(), "plan.xml")
    assert imported.warnings == []
    back = imported.project
    assert comparable(back) == comparable(project)
    # UIDs are stable: exporting the imported project gives the same file.
    assert to_mspdi(back).xml == exported.xml


def test_baseline_and_progress_round_trip() -> None:
    project = rich_project()
    plan = solved(project)
    imported = parse_mspdi(
        to_mspdi(project, baseline=plan, baseline_number=3).xml.encode(),
        "plan.xml", baseline=3)
    base = imported.baseline
    assert base is not None
    assert [(t.id, t.start, t.finish) for t in base.tasks] == [
        (t.id, t.start, t.finish) for t in plan.tasks]
    assert imported.project.task("A").progress == project.task("A").progress
    assert parse_mspdi(to_mspdi(project, baseline=plan).xml.encode(),
                       "p.xml", baseline=3).baseline is None


def test_ecommerce_with_its_plan_re_imports_to_the_same_makespan(
    ecommerce: Project,
) -> None:
    plan = solved(ecommerce)
    exported = to_mspdi(ecommerce, plan)
    back = parse_mspdi(exported.xml.encode(), "plan.xml").project
    again = solved(back)
    assert again.makespan == plan.makespan
    # MS Project recomputes the dates on opening: they are the plan's.
    report = critical_path(back)
    for row in plan.tasks:
        assert (report.task(row.id).es, report.task(row.id).ef) == (
            row.start, row.finish), row.id
        assert back.task(row.id).assigned == row.people
    assert any("fast-tracking" in w for w in exported.warnings)


def test_overlaps_become_leads_and_delays_become_constraints() -> None:
    # ann does A (0-4) then B (4-7); C (5 days) meets 7 only by
    # starting 2 days before A ends.
    project = make(
        [{"id": "A", "duration": 4, "assigned": ["ann"]},
         {"id": "B", "duration": 3, "assigned": ["ann"]},
         {"id": "C", "duration": 5,
          "after": [{"task": "A", "max_overlap": 2,
                     "overlap_cost_per_day": 1}]}],
        people=[{"id": "ann"}])
    plan = solved(project)
    assert plan.makespan == 7
    root = ET.fromstring(to_mspdi(project, plan).xml)
    tasks = {t.findtext(f"{Q}Name"): t for t in root.iter(f"{Q}Task")}
    assert tasks["B"].findtext(f"{Q}ConstraintType") == "4"
    assert tasks["B"].findtext(f"{Q}ConstraintDate") == "2025-06-06T08:00:00"
    assert tasks["A"].findtext(f"{Q}ConstraintType") == "0"
    overlap = plan.task("A").finish - plan.task("C").start
    assert overlap == 2
    lag = tasks["C"].find(f"{Q}PredecessorLink/{Q}LinkLag")
    assert lag is not None and lag.text == str(-2 * 4800)


@pytest.mark.skipif(not DATA.is_dir(), reason=f"no MSPDI samples at {DATA}")
def test_a_file_from_ms_project_goes_back_with_its_uids() -> None:
    path = DATA / "mspdinulltasks.xml"
    imported = read_mspdi(path)
    root = ET.fromstring(to_mspdi(imported.project).xml)
    written = {t.findtext(f"{Q}Name"): t.findtext(f"{Q}UID")
               for t in root.iter(f"{Q}Task")}
    for tid, uid in imported.uids.items():
        assert written[imported.project.task(tid).name] == str(uid)


@pytest.mark.parametrize(
    ("plan", "message"),
    [(Result(status="INFEASIBLE"), "result: status INFEASIBLE has no "
      "schedule"),
     (Result(status="OPTIMAL", tasks=[{
         "id": "X", "start": 0, "finish": 1, "duration": 1,
         "start_date": date(2025, 6, 2), "finish_date": date(2025, 6, 2)}]),
      "result: no task 'A' of the project")],
)
def test_plans_of_other_projects_are_refused(
    plan: Result, message: str
) -> None:
    with pytest.raises(ProjectError, match=message):
        to_mspdi(make([{"id": "A", "duration": 1}]), plan)


def test_holidays_and_vacations_are_written_both_ways() -> None:
    root = ET.fromstring(to_mspdi(rich_project()).xml)
    names = [c.findtext(f"{Q}Name") for c in root.iter(f"{Q}Calendar")]
    assert names == ["Standard", "Ann"]
    dated = [w for w in root.iter(f"{Q}WeekDay")
             if w.findtext(f"{Q}DayType") == "0"]
    assert [w.findtext(f"{Q}TimePeriod/{Q}FromDate") for w in dated] == [
        "2025-06-09T00:00:00", "2025-06-16T00:00:00"]
    assert len(list(root.iter(f"{Q}Exception"))) == 2
