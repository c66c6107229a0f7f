"""Structured tool arguments: tasks to add (``assign_tasks``) and
progress to record (``track_progress``), as pydantic models so the
tools' input schemas say exactly what is accepted.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from plansat.models.progress import Progress

__all__ = ["HOURS_PER_DAY", "PRIORITY_NAMES", "NewTask", "ProgressInput"]

#: Working hours in a working day (``effort_hours`` → duration).
HOURS_PER_DAY = 8

#: Named priorities of the common server, as MS Project's levels.
PRIORITY_NAMES: dict[str, int] = {"low": 400, "medium": 500, "high": 600}


class NewTask(BaseModel):
    """A task to add to a project."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(
        None, min_length=1, max_length=200,
        description="Task id (default: next free T###).")
    name: str | None = None
    effort_hours: float | None = Field(
        None, gt=0, le=8_000_000,
        description="Working hours, 8 a day: duration = ceil(h / 8) days.")
    duration: int | None = Field(
        None, ge=0, le=100_000,
        description="Working days (instead of effort_hours).")
    priority: Annotated[int, Field(ge=0, le=1000)] | Literal[
        "low", "medium", "high"] = Field(
        500, description="0-1000 (500 normal) or low/medium/high.")
    required_skills: list[str] = Field(
        default_factory=list,
        description="One person per entry: 'skill' or 'skill:level'.")
    dependencies: list[str] = Field(
        default_factory=list,
        description="Ids of tasks that must finish first.")

    def days(self) -> int:
        """The task's duration in working days.

        Raises
        ------
        ValueError
            When neither ``effort_hours`` nor ``duration`` is given.
        """
        if self.duration is not None:
            return self.duration
        if self.effort_hours is None:
            raise ValueError(
                f"task {self.id or self.name or '?'}: give effort_hours "
                "or duration")
        return math.ceil(round(self.effort_hours / HOURS_PER_DAY, 9))

    def level(self) -> int:
        """The priority as a number (0-1000)."""
        if isinstance(self.priority, str):
            return PRIORITY_NAMES[self.priority]
        return self.priority

    def needs(self) -> list[dict[str, Any]]:
        """The ``needs`` of the contract, one person per skill entry.

        Raises
        ------
        ValueError
            On a level that isn't a whole number from 1 to 10.
        """
        out = []
        for entry in self.required_skills:
            skill, _, level = entry.partition(":")
            need: dict[str, Any] = {"skill": skill.strip()}
            if level.strip():
                try:
                    need["level"] = int(level)
                except ValueError:
                    raise ValueError(
                        f"required skill {entry!r}: the level after ':' "
                        "must be a whole number") from None
            out.append(need)
        return out

    def to_task(self, task_id: str) -> dict[str, Any]:
        """The task as project JSON."""
        data: dict[str, Any] = {"id": task_id, "duration": self.days(),
                                "priority": self.level()}
        if self.name:
            data["name"] = self.name
        if self.required_skills:
            data["needs"] = self.needs()
        if self.dependencies:
            data["after"] = list(self.dependencies)
        return data


class ProgressInput(BaseModel):
    """Progress to record: the status date and, per task id, its
    ``progress`` (actual_start, actual_finish, percent_complete,
    remaining, actual_cost, people)."""

    model_config = ConfigDict(extra="forbid")

    status_date: date = Field(description="Data date (YYYY-MM-DD).")
    tasks: dict[str, Progress] = Field(
        default_factory=dict,
        description="Task id -> progress; replaces that task's progress.")
