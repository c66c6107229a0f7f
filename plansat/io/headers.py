"""The columns of a spreadsheet task list, by the names people and tools
give them.

A header is matched case-, space- and punctuation-insensitively against
the synonyms MS Project, Smartsheet, Excel's project templates and the
CSV exports of Jira and Asana write.  A header plansat knows but does not
read (dates, status, notes: plansat computes dates itself) is listed once
in the warnings; any other header is a warning naming the nearest known
one (``Predecesors``: did you mean ``Predecessors``?).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

__all__ = ["COLUMNS", "IGNORED", "Layout", "match_headers", "norm"]

#: Column -> the header names that mean it (as written; matched after
#: :func:`norm`).
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("ID", "Task ID", "Unique ID", "UID", "#", "Row ID", "Issue key",
           "Key", "Task No", "Task Number", "Activity ID"),
    "name": ("Name", "Task Name", "Task", "Title", "Summary", "Activity",
             "Activity Name", "Task Title"),
    "duration": ("Duration", "Days", "Duration (days)", "Duration Days",
                 "Work Days", "Working Days", "Hours", "Duration (hours)",
                 "Estimated Hours", "Original Estimate"),
    "predecessors": ("Predecessors", "Predecessor", "After", "Depends On",
                     "Dependencies", "Dependency", "Blocked By",
                     "Blocked By (Dependencies)",
                     "Inward issue link (Blocks)"),
    "needs": ("Needs", "Skills", "Skill"),
    "resources": ("Resources", "Resource Names", "Resource Name",
                  "Resource", "People", "Assigned", "Assigned To",
                  "Assignee", "Assignees", "Owner", "Team Member"),
    "wbs": ("WBS", "Outline Number", "WBS Code", "WBS Number"),
    "priority": ("Priority",),
}
#: The unit of a bare number, for the duration synonyms that carry one
#: (Jira's original estimate is in seconds).
UNITS = {"hours": "h", "durationhours": "h", "estimatedhours": "h",
         "originalestimate": "s"}
#: Columns that may repeat (Jira writes one column per link or
#: assignee); their cells are joined.
REPEATED = frozenset({"predecessors", "resources"})
#: Headers plansat knows and leaves out (it computes dates itself).
IGNORED = (
    "Start", "Finish", "Start Date", "End Date", "Finish Date", "Due Date",
    "Due", "End", "% Complete", "Percent Complete", "Status", "Notes",
    "Comments", "Outline Level", "Created", "Updated", "Resolved",
    "Issue Type", "Issue id", "Parent", "Parent id", "Reporter", "Type",
    "Section/Column", "Projects", "Completed At", "Created At",
    "Last Modified", "Tags", "Labels", "Work", "Cost", "Baseline Start",
    "Baseline Finish", "Actual Start", "Actual Finish", "Milestone",
    "Remaining Duration", "Sprint", "Progress", "Indicators",
    "Outward issue link (Blocks)", "Description", "Total Float",
    "Free Float", "Float", "Total Slack", "Free Slack", "Critical",
)
REQUIRED = ("duration",)


def norm(header: str) -> str:
    """A header without case, spaces and punctuation (``%`` and ``#``
    kept).

    Examples
    --------
    >>> norm("Resource_Names")
    'resourcenames'
    >>> norm(" % Complete")
    '%complete'
    """
    return re.sub(r"[^\w%#]|_", "", header).lower()


_KNOWN = {norm(h): key for key, names in COLUMNS.items() for h in names}
_IGNORED = {norm(h): h for h in IGNORED}


@dataclass
class Layout:
    """Where each column is.

    Attributes
    ----------
    columns
        Column -> the indices of the cells it reads (several for the
        repeated ones).
    units
        The unit of a bare duration number.
    warnings
        Headers left out, unknown or repeated.
    """

    columns: dict[str, list[int]] = field(default_factory=dict)
    units: str = "d"
    warnings: list[str] = field(default_factory=list)


def match_headers(header: list[str]) -> Layout:
    """The layout of a header row.

    Raises
    ------
    ValueError
        When neither an id nor a name column, or no duration column, is
        found (the message lists the header).
    """
    layout = Layout()
    left_out: list[str] = []
    for i, text in enumerate(header):
        key = _KNOWN.get(norm(text))
        if not text.strip():
            continue
        if key is None:
            if norm(text) in _IGNORED:
                left_out.append(text.strip())
            else:
                layout.warnings.append(_unknown(text))
            continue
        if key in layout.columns and key not in REPEATED:
            layout.warnings.append(
                f"column '{text.strip()}' repeats the {key} column; only "
                "the first is read")
            continue
        layout.columns.setdefault(key, []).append(i)
        if key == "duration":
            layout.units = UNITS.get(norm(text), "d")
    if left_out:
        layout.warnings.append(
            f"{len(left_out)} column(s) not read ({', '.join(left_out)}): "
            "plansat has no field for them and computes dates itself")
    missing = [k for k in REQUIRED if k not in layout.columns]
    if "id" not in layout.columns and "name" not in layout.columns:
        missing.insert(0, "id (or name)")
    if missing:
        shown = ", ".join(h.strip() for h in header if h.strip()) or "none"
        raise ValueError(
            f"no {' and no '.join(missing)} column (the header has: "
            f"{shown}; e.g. {', '.join(COLUMNS['duration'][:3])})")
    return layout


def _unknown(text: str) -> str:
    names = [h for hs in COLUMNS.values() for h in hs]
    close = difflib.get_close_matches(norm(text), [norm(h) for h in names],
                                      n=1, cutoff=0.6)
    hint = ""
    if close:
        nearest = next(h for h in names if norm(h) == close[0])
        hint = f" (did you mean '{nearest}'?)"
    return f"column '{text.strip()}' is not one plansat reads; left out{hint}"
