"""The JSON contracts of plansat (pydantic v2); no solver imports here."""

from plansat.models.calendar import WorkCalendar
from plansat.models.errors import ProjectError
from plansat.models.project import (
    Calendar,
    Crash,
    DateRange,
    Dependency,
    Estimate,
    Mode,
    Need,
    Person,
    Project,
    Resource,
    Task,
)
from plansat.models.result import (
    CostBreakdown,
    Overlap,
    PersonLoad,
    Result,
    SolveStatus,
    TaskResult,
)

__all__ = [
    "Calendar",
    "CostBreakdown",
    "Crash",
    "DateRange",
    "Dependency",
    "Estimate",
    "Mode",
    "Need",
    "Overlap",
    "Person",
    "PersonLoad",
    "Project",
    "ProjectError",
    "Resource",
    "Result",
    "SolveStatus",
    "Task",
    "TaskResult",
    "WorkCalendar",
]
