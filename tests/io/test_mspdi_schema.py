"""Every element the MSPDI writer emits, checked against the published
schema: the children it may have, their order, the ones required, and
the enumerated values (issue 24).

The tables below are written out here, not imported from
:mod:`plansat.io.mspdi.schema`, so that a change to the writer's order
can't pass unseen.  Source: Microsoft's MSPDI schema (``mspdi_pj12.xsd``
and its successors) as MPXJ carries it in the JAXB fragment of
``org/mpxj/mspdi/schema/Project.java`` (joniles/mpxj, commit 49f8026):
each complex type is an ``xsd:sequence``; an element without
``minOccurs="0"`` is required.  Only the elements plansat writes are
listed, in the schema's relative order; the files MS Project 2002-2019
saved agree (``test_mspdi_write``'s sample test).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from plansat.io.mspdi import to_mspdi
from tests.helpers import solved
from tests.helpers.mspdi_files import NS
from tests.io.test_mspdi_write import rich_project

Q = f"{{{NS}}}"

#: type -> (children plansat writes, in schema order; required ones).
SCHEMA: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {
    "Project": ((
        "SaveVersion", "Name", "Title", "ScheduleFromStart", "StartDate",
        "FinishDate", "CurrencyDigits", "CurrencyCode", "CalendarUID",
        "DefaultStartTime", "DefaultFinishTime", "MinutesPerDay",
        "MinutesPerWeek", "DaysPerMonth", "DurationFormat", "WorkFormat",
        "StatusDate", "NewTasksAreManual", "ExtendedAttributes",
        "Calendars", "Tasks", "Resources", "Assignments"),
        frozenset({"SaveVersion", "CurrencyCode"})),
    "FieldDefinition": (("FieldID", "FieldName", "Alias"), frozenset()),
    "Calendar": ((
        "UID", "Name", "IsBaseCalendar", "IsBaselineCalendar",
        "BaseCalendarUID", "WeekDays", "Exceptions"), frozenset({"UID"})),
    "WeekDay": (("DayType", "DayWorking", "TimePeriod", "WorkingTimes"),
                frozenset({"DayType"})),
    "WorkingTime": (("FromTime", "ToTime"), frozenset()),
    "TimePeriod": (("FromDate", "ToDate"), frozenset()),
    "Exception": ((
        "EnteredByOccurrences", "TimePeriod", "Occurrences", "Name", "Type",
        "DayWorking"), frozenset()),
    "Task": ((
        "UID", "ID", "Name", "Active", "Manual", "Type", "IsNull", "WBS",
        "OutlineNumber", "OutlineLevel", "Priority", "Start", "Finish",
        "Duration", "DurationFormat", "Estimated", "Milestone", "Summary",
        "PercentComplete", "ActualStart", "ActualFinish", "ActualCost",
        "RemainingDuration", "ConstraintType", "CalendarUID",
        "ConstraintDate", "Deadline", "LevelingDelay",
        "LevelingDelayFormat", "PredecessorLink", "ExtendedAttribute",
        "Baseline"), frozenset({"UID"})),
    "PredecessorLink": ((
        "PredecessorUID", "Type", "CrossProject", "LinkLag", "LagFormat"),
        frozenset()),
    "FieldValue": (("FieldID", "Value"), frozenset()),
    "Baseline": ((
        "Number", "Start", "Finish", "Duration", "DurationFormat"),
        frozenset()),
    "Resource": ((
        "UID", "ID", "Name", "Type", "IsNull", "MaxUnits", "StandardRate",
        "StandardRateFormat", "CalendarUID", "ExtendedAttribute"),
        frozenset({"UID"})),
    "Assignment": ((
        "UID", "TaskUID", "ResourceUID", "Finish", "Start", "Units",
        "Work"), frozenset({"UID"})),
}
#: Children that may repeat.
REPEATED = {"PredecessorLink", "ExtendedAttribute", "Baseline"}
#: The schema's duration-format codes (DurationFormat, LagFormat,
#: LevelingDelayFormat) and other enumerations plansat writes.
FORMATS = {*map(str, range(3, 13)), "19", "20", "21",
           *map(str, range(35, 45)), "51", "52", "53"}
ENUMS = {("Resource", "Type"): {"0", "1"},
         ("Project", "WorkFormat"): {"1", "2", "3", "4", "5"},
         ("PredecessorLink", "Type"): {"0", "1", "2", "3"},
         ("Task", "ConstraintType"): {str(k) for k in range(8)},
         ("WeekDay", "DayType"): {str(k) for k in range(8)}}


def kind_of(element: ET.Element, parent: ET.Element | None) -> str | None:
    """The schema type of ``element`` (custom fields by their place)."""
    tag = element.tag.removeprefix(Q)
    if tag == "ExtendedAttribute":
        owner = parent.tag.removeprefix(Q) if parent is not None else ""
        return "FieldDefinition" if owner == "ExtendedAttributes" else (
            "FieldValue")
    return tag if tag in SCHEMA else None


def everything_written() -> ET.Element:
    """A project with every feature the writer carries: WBS groups,
    every link type, a lead, a milestone, constraints, a deadline,
    progress, people with a vacation, a holiday, a pool, skills, a
    solved plan with a wait (leveling delay), a baseline, a priority."""
    project = rich_project()
    data = project.model_dump(mode="json", exclude_defaults=True)
    data["tasks"][1]["priority"] = 800
    data["tasks"].append({"id": "W", "duration": 1, "assigned": ["ann"],
                          "allocation": 50,
                          "name": "Wait for ann"})
    project = type(project).model_validate(data)
    plan = solved(project)
    return ET.fromstring(to_mspdi(project, plan, baseline=plan,
                                  baseline_number=1).xml)


def test_every_written_element_follows_the_published_schema() -> None:
    root = everything_written()
    seen = follows_schema(root)
    assert seen == set(SCHEMA), set(SCHEMA) - seen
    code = root.findtext(f"{Q}CurrencyCode")
    assert code is not None and len(code) <= 3


def test_own_calendars_of_people_and_pools_follow_the_schema() -> None:
    """A Mon-Thu person with a holiday, a two-week pattern, a pool open
    Mon-Wed: their calendars (weekdays, exceptions) and the pool's
    CalendarUID in the schema's order."""
    from tests.helpers import make

    project = make(
        [{"id": "A", "duration": 3, "assigned": ["pat"]},
         {"id": "B", "duration": 2, "assigned": ["rot"], "uses": {"rig": 1}}],
        people=[{"id": "pat", "calendar": {
                    "workdays": ["Mon", "Tue", "Wed", "Thu"],
                    "holidays": ["2025-06-03"]}},
                {"id": "rot", "calendar": {
                    "weeks": [["Mon", "Tue"], ["Wed", "Thu", "Fri"]]}}],
        resources=[{"id": "rig", "capacity": 1, "calendar": {
            "workdays": ["Mon", "Tue", "Wed"]}}],
    )
    root = ET.fromstring(to_mspdi(project, solved(project)).xml)
    assert {"Calendar", "WeekDay", "Exception",
            "Resource"} <= follows_schema(root)
    names = {c.findtext(f"{Q}Name"): c for c in root.iter(f"{Q}Calendar")}
    assert set(names) == {"Standard", "pat", "rot", "rig"}
    rig = next(r for r in root.iter(f"{Q}Resource")
               if r.findtext(f"{Q}Name") == "rig")
    assert rig.findtext(f"{Q}CalendarUID") == names["rig"].findtext(
        f"{Q}UID")


def follows_schema(root: ET.Element) -> set[str]:
    """Check every element of ``root`` against :data:`SCHEMA`; the kinds
    seen."""
    seen: set[str] = set()
    parents = {child: parent for parent in root.iter() for child in parent}
    for element in root.iter():
        kind = kind_of(element, parents.get(element))
        if kind is None:
            continue
        seen.add(kind)
        order, required = SCHEMA[kind]
        names = [c.tag.removeprefix(Q) for c in element]
        unknown = [n for n in names if n not in order]
        assert not unknown, (kind, unknown)
        positions = [order.index(n) for n in names]
        assert positions == sorted(positions), (kind, names)
        repeated = {n for n in names if names.count(n) > 1}
        assert repeated <= REPEATED, (kind, repeated)
        assert required <= set(names), (kind, required - set(names))
        for child in element:
            name = child.tag.removeprefix(Q)
            if name in ("DurationFormat", "LagFormat",
                        "LevelingDelayFormat"):
                assert child.text in FORMATS, (kind, name, child.text)
            allowed = ENUMS.get((kind, name))
            if allowed is not None:
                assert child.text in allowed, (kind, name, child.text)
    return seen


def test_a_bare_project_has_the_required_elements_too() -> None:
    """The smallest export (one task, nothing else) still carries the
    required SaveVersion, CurrencyCode and the UIDs."""
    from tests.helpers import make

    root = ET.fromstring(to_mspdi(make([{"id": "A", "duration": 1}])).xml)
    assert root.findtext(f"{Q}SaveVersion") is not None
    assert root.findtext(f"{Q}CurrencyCode") == "USD"
    for kind in ("Task", "Calendar"):
        for element in root.iter(f"{Q}{kind}"):
            assert element.findtext(f"{Q}UID") is not None
