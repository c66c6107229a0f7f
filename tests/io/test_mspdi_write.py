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
    "LevelingDelay", "LevelingDelayFormat", "PredecessorLink",
    "ExtendedAttribute", "Baseline",
]
PROJECT_SEQUENCE = [
    "SaveVersion", "Name", "Title", "ScheduleFromStart", "StartDate",
    "FinishDate", "CurrencyDigits", "CurrencyCode", "CalendarUID",
    "DefaultStartTime", "DefaultFinishTime",
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
        "ConstraintDate", "Deadline", "LevelingDelay",
        "LevelingDelayFormat", "PredecessorLink")]
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
    imported = parse_mspdi(exported.xml.encode(), "plan.xml")
    back = imported.project
    again = solved(back)
    assert again.makespan == plan.makespan
    # The levelled plan travels as leveling delays, not as constraints:
    # the project's own critical path is unchanged (issue 24), but for
    # the overlaps the plan took (leads in MS Project) and its crashed
    # durations.
    # The import pins each task's people (its assignments); the critical
    # path follows pinned people's vacations, so the reference pins them
    # too.
    data = ecommerce.model_dump(mode="json", exclude_defaults=True)
    for task in data["tasks"]:
        task["duration"] = plan.task(task["id"]).duration
        task["assigned"] = back.task(task["id"]).assigned
        task.pop("crash", None)
        for dep in task.get("after", []):
            dep.pop("max_overlap", None)
            dep.pop("overlap_cost_per_day", None)
            dep["lag"] = dep.get("lag", 0) - sum(
                o.days for o in plan.overlaps
                if (o.predecessor, o.successor) == (dep["task"], task["id"]))
    fast = Project.model_validate(data)
    before, after = critical_path(fast), critical_path(back)
    assert after.duration == before.duration
    assert after.critical_paths == before.critical_paths
    assert all(t.earliest_start == ecommerce.task(t.id).earliest_start
               for t in back.tasks)
    assert any("leveling delay" in w for w in imported.warnings)
    # MS Project recomputes the dates on opening: they are the plan's.
    assert ms_project_starts(exported.xml, ecommerce) == {
        ecommerce_uid(exported.xml, t.id): t.start for t in plan.tasks}
    for row in plan.tasks:
        assert back.task(row.id).assigned == row.people
    assert any("fast-tracking" in w for w in exported.warnings)


def ecommerce_uid(xml: str, task_id: str) -> str:
    """The UID the writer gave ``task_id`` (its plansat id field, else
    the UID is the id)."""
    root = ET.fromstring(xml)
    for t in root.iter(f"{Q}Task"):
        ids = [a.findtext(f"{Q}Value") for a in t.iter(
            f"{Q}ExtendedAttribute")]
        if task_id in ids or t.findtext(f"{Q}UID") == task_id:
            return t.findtext(f"{Q}UID") or ""
    raise KeyError(task_id)


def ms_project_starts(xml: str, project: Project) -> dict[str, int]:
    """Start day per task UID as MS Project schedules the file: each
    task as early as its links (lags in tenths of a minute, 4800 a day),
    its start-no-earlier-than and the project start allow, plus its
    leveling delay; durations of 8 working hours a day.  Written apart
    from the writer, in the file's own terms."""
    root = ET.fromstring(xml)
    rows = {t.findtext(f"{Q}UID"): t for t in root.iter(f"{Q}Task")
            if t.findtext(f"{Q}Summary") == "0"}

    def days(text: str | None) -> int:
        hours = int((text or "PT0H").removeprefix("PT").split("H")[0])
        return hours // 8

    start: dict[str, int] = {}

    def visit(uid: str) -> int:
        if uid in start:
            return start[uid]
        t = rows[uid]
        dur = days(t.findtext(f"{Q}Duration"))
        bound = 0
        if t.findtext(f"{Q}ConstraintType") == "4":
            day = date.fromisoformat(
                (t.findtext(f"{Q}ConstraintDate") or "")[:10])
            bound = project.work_calendar.index_on_or_after(day)
        for link in t.findall(f"{Q}PredecessorLink"):
            pred = link.findtext(f"{Q}PredecessorUID") or ""
            kind = link.findtext(f"{Q}Type")
            lag = int(link.findtext(f"{Q}LinkLag") or 0) // 4800
            ps = visit(pred)
            pf = ps + days(rows[pred].findtext(f"{Q}Duration"))
            bound = max(bound, {"1": pf + lag, "3": ps + lag,
                                "0": pf + lag - dur,
                                "2": ps + lag - dur}[kind or "1"])
        delay = int(t.findtext(f"{Q}LevelingDelay") or 0) // 4800
        start[uid] = bound + delay
        return start[uid]

    return {uid: visit(uid) for uid in rows}


def test_overlaps_become_leads_and_delays_leveling_delays() -> None:
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
    # B waits 4 days for ann: a leveling delay of 4 days, no constraint
    assert tasks["B"].findtext(f"{Q}ConstraintType") == "0"
    assert tasks["B"].findtext(f"{Q}ConstraintDate") is None
    assert tasks["B"].findtext(f"{Q}LevelingDelay") == str(4 * 4800)
    assert tasks["B"].findtext(f"{Q}LevelingDelayFormat") == "7"
    assert tasks["A"].findtext(f"{Q}ConstraintType") == "0"
    assert tasks["A"].findtext(f"{Q}LevelingDelay") is None
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
