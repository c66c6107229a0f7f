"""The MSPDI schema's element order, for the elements plansat reads and
writes.

Every complex type of the schema (``mspdi_pj12.xsd`` and its successors)
is an ``xsd:sequence``: its children must come in one order, and MS
Project silently drops elements written out of it.  Each tuple below is
that order for a subset of a type's children (Microsoft's "Elements and
XML Structure" pages for Project 2007, checked against the files MS
Project 2002-2019 saved); :func:`ordered` builds children in it.  Where
later versions moved an element (``IsPublished``, ``MaterialLabel``) it
is left out: plansat writes neither; where the saved files disagree with
the 2007 pages (``Month`` before ``MonthItem`` in an exception), the files
win.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from xml.etree.ElementTree import Element, SubElement

NAMESPACE = "http://schemas.microsoft.com/project"

PROJECT = (
    "SaveVersion", "BuildNumber", "Name", "GUID", "Title", "Subject",
    "Category", "Company", "Manager", "Author", "CreationDate", "Revision",
    "LastSaved", "ScheduleFromStart", "StartDate", "FinishDate",
    "FYStartDate", "CriticalSlackLimit", "CurrencyDigits",
    "CurrencySymbol", "CurrencyCode", "CurrencySymbolPosition",
    "CalendarUID", "DefaultStartTime", "DefaultFinishTime",
    "MinutesPerDay", "MinutesPerWeek", "DaysPerMonth", "DefaultTaskType",
    "DefaultFixedCostAccrual", "DefaultStandardRate",
    "DefaultOvertimeRate", "DurationFormat", "WorkFormat",
    "EditableActualCosts", "HonorConstraints", "EarnedValueMethod",
    "InsertedProjectsLikeSummary", "MultipleCriticalPaths",
    "NewTasksEffortDriven", "NewTasksEstimated", "SplitsInProgressTasks",
    "SpreadActualCost", "SpreadPercentComplete", "TaskUpdatesResource",
    "FiscalYearStart", "WeekStartDay", "MoveCompletedEndsBack",
    "MoveRemainingStartsBack", "MoveRemainingStartsForward",
    "MoveCompletedEndsForward", "BaselineForEarnedValue",
    "AutoAddNewResourcesAndTasks", "StatusDate", "CurrentDate",
    "MicrosoftProjectServerURL", "Autolink", "NewTaskStartDate",
    "NewTasksAreManual", "DefaultTaskEVMethod", "ProjectExternallyEdited",
    "ExtendedCreationDate", "ActualsInSync", "RemoveFileProperties",
    "AdminProject", "Views", "Filters", "Groups", "Tables", "Maps",
    "Reports", "Drawings", "DataLinks", "VBAProjects", "OutlineCodes",
    "WBSMasks", "ExtendedAttributes", "Calendars", "Tasks", "Resources",
    "Assignments",
)

#: A custom field's definition (``Project/ExtendedAttributes``).
FIELD = (
    "FieldID", "FieldName", "CFType", "Guid", "ElemType",
    "MaxMultiValues", "UserDef", "Alias", "SecondaryPID", "AutoRollDown",
)

CALENDAR = (
    "UID", "GUID", "Name", "IsBaseCalendar", "IsBaselineCalendar",
    "BaseCalendarUID", "WeekDays", "Exceptions", "WorkWeeks",
)
WEEKDAY = ("DayType", "DayWorking", "TimePeriod", "WorkingTimes")
TIME_PERIOD = ("FromDate", "ToDate")
WORKING_TIME = ("FromTime", "ToTime")
EXCEPTION = (
    "EnteredByOccurrences", "TimePeriod", "Occurrences", "Name", "Type",
    "Period", "DaysOfWeek", "Month", "MonthItem", "MonthPosition",
    "MonthDay", "DayWorking", "WorkingTimes",
)

TASK = (
    "UID", "GUID", "ID", "Name", "Active", "Manual", "Type", "IsNull",
    "CreateDate", "Contact", "WBS", "WBSLevel", "OutlineNumber",
    "OutlineLevel", "Priority", "Start", "Finish", "Duration",
    "ManualStart", "ManualFinish", "ManualDuration", "DurationFormat",
    "Work", "Stop", "Resume", "ResumeValid", "EffortDriven", "Recurring",
    "OverAllocated", "Estimated", "Milestone", "Summary",
    "DisplayAsSummary", "Critical", "IsSubproject",
    "IsSubprojectReadOnly", "SubprojectName", "ExternalTask",
    "ExternalTaskProject", "EarlyStart", "EarlyFinish", "LateStart",
    "LateFinish", "StartVariance", "FinishVariance", "WorkVariance",
    "FreeSlack", "TotalSlack", "StartSlack", "FinishSlack", "FixedCost",
    "FixedCostAccrual", "PercentComplete", "PercentWorkComplete", "Cost",
    "OvertimeCost", "OvertimeWork", "ActualStart", "ActualFinish",
    "ActualDuration", "ActualCost", "ActualOvertimeCost", "ActualWork",
    "ActualOvertimeWork", "RegularWork", "RemainingDuration",
    "RemainingCost", "RemainingWork", "RemainingOvertimeCost",
    "RemainingOvertimeWork", "ACWP", "CV", "ConstraintType",
    "CalendarUID", "ConstraintDate", "Deadline", "LevelAssignments",
    "LevelingCanSplit", "LevelingDelay", "LevelingDelayFormat",
    "PreLeveledStart", "PreLeveledFinish", "Hyperlink",
    "HyperlinkAddress", "HyperlinkSubAddress", "IgnoreResourceCalendar",
    "Notes", "HideBar", "Rollup", "BCWS", "BCWP",
    "PhysicalPercentComplete", "EarnedValueMethod", "PredecessorLink",
    "ActualWorkProtected", "ActualOvertimeWorkProtected",
    "ExtendedAttribute", "Baseline", "TimephasedData",
)
PREDECESSOR_LINK = (
    "PredecessorUID", "Type", "CrossProject", "CrossProjectName",
    "LinkLag", "LagFormat",
)
#: A task's ``Baseline``.
BASELINE = (
    "TimephasedData", "Number", "Interim", "Start", "Finish", "Duration",
    "DurationFormat", "EstimatedDuration", "Work", "Cost", "BCWS", "BCWP",
    "FixedCost",
)
#: A value of a custom field on a task or resource.
FIELD_VALUE = ("FieldID", "Value", "ValueGUID", "DurationFormat")

RESOURCE = (
    "UID", "GUID", "ID", "Name", "Type", "IsNull", "Initials", "Group",
    "WorkGroup", "EmailAddress", "MaxUnits", "PeakUnits", "OverAllocated",
    "AvailableFrom", "AvailableTo", "Start", "Finish", "CanLevel",
    "AccrueAt", "Work", "RegularWork", "OvertimeWork", "ActualWork",
    "RemainingWork", "ActualOvertimeWork", "RemainingOvertimeWork",
    "PercentWorkComplete", "StandardRate", "StandardRateFormat", "Cost",
    "OvertimeRate", "OvertimeRateFormat", "OvertimeCost", "CostPerUse",
    "ActualCost", "ActualOvertimeCost", "RemainingCost",
    "RemainingOvertimeCost", "WorkVariance", "CostVariance", "SV", "CV",
    "ACWP", "CalendarUID", "Notes", "BCWS", "BCWP", "IsGeneric",
    "IsInactive", "IsEnterprise", "BookingType", "ActualWorkProtected",
    "ActualOvertimeWorkProtected", "CreationDate", "IsCostResource",
    "IsBudget", "ExtendedAttribute",
)

ASSIGNMENT = (
    "UID", "GUID", "TaskUID", "ResourceUID", "PercentWorkComplete",
    "ActualCost", "ActualFinish", "ActualOvertimeCost",
    "ActualOvertimeWork", "ActualStart", "ActualWork", "ACWP",
    "Confirmed", "Cost", "CostRateTable", "RateScale", "CostVariance",
    "CV", "Delay", "Finish", "FinishVariance", "WorkVariance",
    "HasFixedRateUnits", "FixedMaterial", "LevelingDelay",
    "LevelingDelayFormat", "LinkedFields", "Milestone", "Notes",
    "Overallocated", "OvertimeCost", "OvertimeWork", "RegularWork",
    "RemainingCost", "RemainingOvertimeCost", "RemainingOvertimeWork",
    "RemainingWork", "ResponsePending", "Start", "Stop", "Resume",
    "StartVariance", "Units", "UpdateNeeded", "VAC", "Work",
    "WorkContour", "BCWS", "BCWP", "BookingType", "CreationDate",
    "BudgetCost", "BudgetWork", "ExtendedAttribute", "Baseline",
    "TimephasedData",
)

#: Element order by the (local) name of the parent type.
ORDERS: dict[str, tuple[str, ...]] = {
    "Project": PROJECT,
    "Calendar": CALENDAR,
    "WeekDay": WEEKDAY,
    "TimePeriod": TIME_PERIOD,
    "WorkingTime": WORKING_TIME,
    "Exception": EXCEPTION,
    "Task": TASK,
    "PredecessorLink": PREDECESSOR_LINK,
    "Baseline": BASELINE,
    "Resource": RESOURCE,
    "Assignment": ASSIGNMENT,
    "FieldDefinition": FIELD,
    "FieldValue": FIELD_VALUE,
}

#: Children that may repeat (written in the order given).
REPEATED = frozenset({"PredecessorLink", "ExtendedAttribute", "Baseline"})

Value = str | int | float | Element | list[Any] | None


def ordered(
    parent: Element, tag: str, kind: str, fields: Mapping[str, Value]
) -> Element:
    """Add element ``tag`` under ``parent`` with ``fields`` as children in
    the schema order of ``kind``.

    A value is text (``None`` leaves the child out), an element built
    beforehand (appended as it is), or a list of elements for a repeated
    child.

    Raises
    ------
    KeyError
        When a field is not in the order of ``kind`` (a bug in the
        writer, not in the data).
    """
    order = ORDERS[kind]
    unknown = [name for name in fields if name not in order]
    if unknown:
        raise KeyError(f"{kind} has no element {unknown[0]} in its order")
    node = SubElement(parent, tag)
    for name in sorted(fields, key=order.index):
        value = fields[name]
        if value is None:
            continue
        if isinstance(value, list):
            node.extend(value)
        elif isinstance(value, Element):
            node.append(value)
        else:
            SubElement(node, name).text = _text(value)
    return node


def _text(value: str | int | float) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".") or "0"
    return str(value)
