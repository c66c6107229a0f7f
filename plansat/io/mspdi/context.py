"""What every part of an MSPDI import shares: the file's settings, its
calendars and clock, the warnings, and plansat's own custom fields.

MS Project has no skills, skill needs or plansat ids, so the writer keeps
them in text custom fields named (aliased) ``plansat id``, ``plansat
needs``, ``plansat skills`` and ``plansat kind``; the reader finds them by
that alias, whatever field they sit in, so a file edited in MS Project
keeps them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from plansat.io.mspdi.calendar import CalendarData, Calendars
from plansat.io.mspdi.clock import Clock
from plansat.io.mspdi.parse import Node, Notes

#: Custom-field aliases plansat writes, with the MS Project field each
#: goes in (Text1-Text3 of tasks and of resources).
ID_FIELD = "plansat id"
NEEDS_FIELD = "plansat needs"
SKILLS_FIELD = "plansat skills"
KIND_FIELD = "plansat kind"
TASK_FIELDS = {ID_FIELD: (188743731, "Text1"),
               NEEDS_FIELD: (188743734, "Text2")}
RESOURCE_FIELDS = {ID_FIELD: (205520904, "Text1"),
                   SKILLS_FIELD: (205520905, "Text2"),
                   KIND_FIELD: (205520926, "Text3")}

_NEED = re.compile(
    r"^\s*(?P<skill>[^,>=:]+?)\s*(?:>=\s*(?P<level>\d+))?"
    r"\s*(?:[x×]\s*(?P<count>\d+))?\s*$"
)
_SKILL = re.compile(r"^\s*(?P<skill>[^,:]+?)\s*:\s*(?P<level>\d+)\s*$")


@dataclass
class Stretch:
    """A task whose MS Project dates span ``span`` working days of the
    project's grid from day ``first``, for a duration of ``days``."""

    first: int
    span: int
    days: int
    label: str
    start: datetime
    finish: datetime
    #: MS Project's ``Duration``, in working minutes.
    minutes: float


@dataclass
class Context:
    """The state of one import."""

    source: str
    notes: Notes
    minutes_per_day: int
    calendars: Calendars
    calendar: CalendarData
    clock: Clock
    #: ``(entity, alias): FieldID`` of the file's custom fields.
    fields: dict[tuple[str, str], str] = field(default_factory=dict)
    #: The file's ``StartDate`` when the project starts earlier for a
    #: baseline's sake (else ``None``).
    anchor: date | None = None
    #: Tasks whose Start and Finish span another number of working days
    #: than their duration, by UID, settled by
    #: :func:`plansat.io.mspdi.splits.settle_spans` once people are read.
    stretched: dict[int, Stretch] = field(default_factory=dict)

    def custom(self, node: Node, alias: str, entity: str = "task"
               ) -> str | None:
        """Value of the ``entity`` custom field aliased ``alias`` on
        ``node``."""
        field_id = self.fields.get((entity, alias))
        if field_id is None:
            return None
        for attr in node.children("ExtendedAttribute"):
            if attr.text("FieldID") == field_id:
                return attr.text("Value")
        return None


#: The entity a custom field belongs to, by the top byte of its FieldID
#: (task fields are 0x0B4xxxxx, resource fields 0x0C4xxxxx).
_ENTITIES = {0x0B: "task", 0x0C: "resource"}


def custom_fields(root: Node) -> dict[tuple[str, str], str]:
    """``{(entity, alias in lower case): FieldID}`` of the file's custom
    fields."""
    out = {}
    for attr in root.items("ExtendedAttributes", "ExtendedAttribute"):
        alias, field_id = attr.text("Alias"), attr.text("FieldID")
        if not (alias and field_id and field_id.isdigit()):
            continue
        entity = _ENTITIES.get(int(field_id) >> 24)
        if entity is not None:
            out[entity, alias.strip().lower()] = field_id
    return out


_ALLOCATION = re.compile(r"@\s*(\d+)\s*%")


def split_allocation(text: str) -> tuple[str, int | None]:
    """The needs text without its ``@50%`` allocation, and the
    allocation.

    Examples
    --------
    >>> split_allocation("dig>=2, @50%")
    ('dig>=2, ', 50)
    """
    match = _ALLOCATION.search(text)
    if match is None:
        return text, None
    return text[:match.start()] + text[match.end():], int(match[1])


def parse_needs(text: str) -> list[dict[str, Any]]:
    """Needs written as ``skill>=level xcount`` items, comma-separated.

    Raises
    ------
    ValueError
        On an item that doesn't read.

    Examples
    --------
    >>> parse_needs("backend>=4 x2, qa")
    [{'skill': 'backend', 'level': 4, 'count': 2}, {'skill': 'qa'}]
    """
    out = []
    for item in filter(str.strip, text.split(",")):
        match = _NEED.match(item)
        if match is None:
            raise ValueError(f"'{item.strip()}' is not skill>=level xcount")
        need: dict[str, Any] = {"skill": match["skill"]}
        if match["level"]:
            need["level"] = int(match["level"])
        if match["count"]:
            need["count"] = int(match["count"])
        out.append(need)
    return out


def format_needs(needs: list[dict[str, Any]]) -> str:
    """The inverse of :func:`parse_needs`.

    Examples
    --------
    >>> format_needs([{"skill": "qa", "level": 3, "count": 2}])
    'qa>=3 x2'
    """
    parts = []
    for need in needs:
        text = str(need["skill"])
        if need.get("level", 1) != 1:
            text += f">={need['level']}"
        if need.get("count", 1) != 1:
            text += f" x{need['count']}"
        parts.append(text)
    return ", ".join(parts)


def parse_skills(text: str) -> dict[str, int]:
    """Skills written as ``skill: level`` items, comma-separated.

    Raises
    ------
    ValueError
        On an item that doesn't read.

    Examples
    --------
    >>> parse_skills("analysis: 5, qa: 3")
    {'analysis': 5, 'qa': 3}
    """
    out = {}
    for item in filter(str.strip, text.split(",")):
        match = _SKILL.match(item)
        if match is None:
            raise ValueError(f"'{item.strip()}' is not skill: level")
        out[match["skill"]] = int(match["level"])
    return out


def format_skills(skills: dict[str, int]) -> str:
    """The inverse of :func:`parse_skills`."""
    return ", ".join(f"{k}: {v}" for k, v in skills.items())
