"""The what-if changes to the team: an absence, a person removed or
added, a pool's capacity (see :mod:`plansat.analysis.impact.changes`,
which reads, applies and re-exports them)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from pydantic import ValidationError

from plansat.analysis.impact.change_kinds import (
    Change,
    ChangeError,
    date_errors,
    person_data,
)
from plansat.models import Person, Project, ProjectError

__all__ = [
    "AddPerson",
    "Capacity",
    "RemovePerson",
    "Unavailable",
    "removal_start",
]

@dataclass(frozen=True)
class Unavailable(Change):
    """Person ``person`` is away from ``start`` to ``end`` (inclusive)."""

    kind: ClassVar[str] = "unavailable"
    person: str
    start: date
    end: date

    @property
    def value(self) -> str:
        return f"{self.person}:{self.start}:{self.end}"

    def describe(self, project: Project) -> str:
        return f"{self.person} is away {self.start} to {self.end}"

    def errors(self, project: Project) -> list[str]:
        if self.person not in project.person_index:
            return [f"no person '{self.person}' in the project"]
        if self.end < self.start:
            return [f"the end {self.end} is before the start {self.start}"]
        # the end may pass the horizon: the absence extends it (its end
        # counts in the changed project's crude horizon), by at most the
        # horizon's length again (further is a typo, not a what-if)
        return (date_errors(project, self.start)
                or date_errors(project, self.end, project.crude_horizon))

    def edit(self, data: dict[str, Any], project: Project) -> None:
        person = person_data(data, project, self.person)
        person.setdefault("unavailable", []).append(
            {"start": self.start.isoformat(), "end": self.end.isoformat()})


def removal_start(project: Project, start: date | None) -> date:
    """The day a removed person leaves: ``start``, else the status date,
    else the project start."""
    return start or project.status_date or project.start


@dataclass(frozen=True)
class RemovePerson(Change):
    """Person ``person`` leaves the project on ``start``."""

    kind: ClassVar[str] = "remove-person"
    person: str
    start: date | None = None

    @property
    def value(self) -> str:
        return self.person + (f":{self.start}" if self.start else "")

    def describe(self, project: Project) -> str:
        day = removal_start(project, self.start)
        return f"{self.person} leaves the project on {day}"

    def errors(self, project: Project) -> list[str]:
        if self.person not in project.person_index:
            return [f"no person '{self.person}' in the project"]
        return date_errors(project, removal_start(project, self.start))

    def edit(self, data: dict[str, Any], project: Project) -> None:
        cal = project.work_calendar
        first = removal_start(project, self.start)
        end = cal.date_of(cal.index_on_or_after(first)
                          + project.crude_horizon)
        person = person_data(data, project, self.person)
        person.setdefault("unavailable", []).append(
            {"start": first.isoformat(), "end": end.isoformat()})
        for t in data["tasks"]:
            if not t.get("progress") and self.person in (
                t.get("assigned") or []
            ):
                t["assigned"] = [p for p in t["assigned"]
                                 if p != self.person]


@dataclass(frozen=True)
class AddPerson(Change):
    """One more person (the ``people`` contract as a dict)."""

    kind: ClassVar[str] = "add-person"
    person: dict[str, Any] = field(hash=False)
    source: str | None = None

    @property
    def value(self) -> str:
        return self.source or str(self.person.get("id", "?"))

    @classmethod
    def from_file(cls, path: str | Path) -> AddPerson:
        """A person from a JSON file.

        Raises
        ------
        ChangeError
            When the file can't be read or is not JSON.
        """
        spec = f"--add-person {path}"
        try:
            data = json.loads(Path(path).read_bytes())
        except OSError as exc:
            raise ChangeError([f"{spec}: {exc.strerror or exc}"]) from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ChangeError([f"{spec}: not valid JSON ({exc})"]) from None
        if not isinstance(data, dict):
            raise ChangeError(
                [f"{spec}: a person is a JSON object, not "
                 f"{type(data).__name__}"])
        return cls(data, str(path))

    def describe(self, project: Project) -> str:
        skills = ", ".join(f"{s} {v}" for s, v in
                           (self.person.get("skills") or {}).items())
        pid = self.person.get("id", "?")
        return f"one more person: {pid}" + (f" ({skills})" if skills else "")

    def errors(self, project: Project) -> list[str]:
        try:
            person = Person.model_validate(self.person)
        except ValidationError as exc:
            return ProjectError.from_validation_error(exc).errors
        if person.id in project.person_index:
            return [f"a person '{person.id}' is already in the project"]
        return []

    def edit(self, data: dict[str, Any], project: Project) -> None:
        data["people"].append(dict(self.person))


@dataclass(frozen=True)
class Capacity(Change):
    """Resource ``resource`` has ``units`` units."""

    kind: ClassVar[str] = "capacity"
    resource: str
    units: int

    @property
    def value(self) -> str:
        return f"{self.resource}:{self.units}"

    def describe(self, project: Project) -> str:
        was = project.resources[project.resource_index[self.resource]]
        return (f"{self.resource} has {self.units} unit(s) (was "
                f"{was.capacity})")

    def errors(self, project: Project) -> list[str]:
        out = []
        if self.resource not in project.resource_index:
            out.append(f"no resource '{self.resource}' in the project")
        if self.units < 1:
            out.append(f"a capacity must be >= 1 (got {self.units})")
        return out

    def edit(self, data: dict[str, Any], project: Project) -> None:
        index = project.resource_index[self.resource]
        data["resources"][index]["capacity"] = self.units

