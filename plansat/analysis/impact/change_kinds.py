"""The what-if change kinds: each checks itself against a project and
edits the project's JSON (see :mod:`plansat.analysis.impact.changes`, which
reads, applies and re-exports them)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from pydantic import ValidationError

from plansat.models import Person, Project, ProjectError
from plansat.models.base import MAX_DURATION

__all__ = [
    "AddPerson",
    "Capacity",
    "Change",
    "ChangeError",
    "Deadline",
    "Delay",
    "Duration",
    "NeedLevel",
    "RemovePerson",
    "Unavailable",
    "removal_start",
]


class ChangeError(ProjectError):
    """Changes that can't be applied: one line per broken rule."""


@dataclass(frozen=True)
class Change:
    """One what-if change (see the module docs for the kinds)."""

    kind: ClassVar[str] = ""

    @property
    def spec(self) -> str:
        """The change as written on the command line."""
        return f"--{self.kind} {self.value}"

    @property
    def value(self) -> str:
        """The option's value, e.g. ``T004:5``."""
        raise NotImplementedError

    def describe(self, project: Project) -> str:
        """The change in words."""
        raise NotImplementedError

    def errors(self, project: Project) -> list[str]:
        """The rules this change breaks on ``project`` (without the
        prefix)."""
        raise NotImplementedError

    def edit(self, data: dict[str, Any], project: Project) -> None:
        """Apply the change to the project's JSON ``data``."""
        raise NotImplementedError


def _task(data: dict[str, Any], project: Project, tid: str) -> Any:
    return data["tasks"][project.task_index[tid]]


def _person(data: dict[str, Any], project: Project, pid: str) -> Any:
    return data["people"][project.person_index[pid]]


def _name(project: Project, tid: str) -> str:
    name = project.task(tid).name
    return f"{tid} ({name})" if name else tid


def _task_errors(project: Project, tid: str, verb: str) -> list[str]:
    """Unknown or finished task."""
    if tid not in project.task_index:
        return [f"no task '{tid}' in the project"]
    progress = project.task(tid).progress
    if progress is not None and progress.done:
        return [f"{tid} is done: its {verb} can't change any more"]
    return []


def _horizon_end(project: Project) -> date:
    """The last date a schedule of ``project`` may need."""
    return project.work_calendar.date_of(project.crude_horizon)


def _date_errors(project: Project, day: date) -> list[str]:
    """A date before the project (or its status date) or past its
    horizon."""
    first = project.status_date or project.start
    if day < first:
        what = "status date" if project.status_date else "project start"
        return [f"{day} is before the {what} {first}"]
    end = _horizon_end(project)
    if day > end:
        return [f"{day} is after the end of the project's horizon {end}"]
    return []


def _shift_estimate(task: dict[str, Any], days: int) -> None:
    est = task.get("estimate")
    if est:
        for key in ("optimistic", "likely", "pessimistic"):
            est[key] = max(0, est[key] + days)


@dataclass(frozen=True)
class Delay(Change):
    """Task ``task`` finishes ``days`` working days later than planned."""

    kind: ClassVar[str] = "delay"
    task: str
    days: int

    @property
    def value(self) -> str:
        return f"{self.task}:{self.days}"

    def describe(self, project: Project) -> str:
        return (f"{_name(project, self.task)} finishes {self.days} working "
                "day(s) later")

    def errors(self, project: Project) -> list[str]:
        out = _task_errors(project, self.task, "finish")
        if self.days < 0:
            out.append(f"a delay can't be negative (got {self.days}); use "
                       "--duration to shorten a task")
        elif self.days > MAX_DURATION:
            out.append(f"a delay of {self.days} days is too long")
        return out

    def edit(self, data: dict[str, Any], project: Project) -> None:
        t, k = _task(data, project, self.task), self.days
        t["duration"] += k
        for mode in t.get("modes") or []:
            mode["duration"] += k
        if t.get("crash"):
            t["crash"]["duration"] += k
        _shift_estimate(t, k)
        progress = t.get("progress")
        if progress and progress.get("remaining") is not None:
            progress["remaining"] += k


@dataclass(frozen=True)
class Duration(Change):
    """Task ``task`` takes ``days`` working days."""

    kind: ClassVar[str] = "duration"
    task: str
    days: int

    @property
    def value(self) -> str:
        return f"{self.task}:{self.days}"

    def describe(self, project: Project) -> str:
        was = project.task(self.task).duration
        return (f"{_name(project, self.task)} takes {self.days} working "
                f"day(s) (was {was})")

    def errors(self, project: Project) -> list[str]:
        out = _task_errors(project, self.task, "duration")
        if not out and project.task(self.task).modes:
            out.append(f"{self.task} has modes: give each mode's duration "
                       "in the project, or use --delay")
        if not 0 <= self.days <= MAX_DURATION:
            out.append(f"a duration must be 0 to {MAX_DURATION} working "
                       f"days (got {self.days})")
        return out

    def edit(self, data: dict[str, Any], project: Project) -> None:
        t = _task(data, project, self.task)
        old, new = t["duration"], self.days
        t["duration"] = new
        crash = t.get("crash")
        if crash:
            crashable = old - crash["duration"]
            if crashable > 0 and new - crashable >= 1:
                crash["duration"] = new - crashable
            else:
                t["crash"] = None
        _shift_estimate(t, new - old)
        progress = t.get("progress")
        if progress and progress.get("remaining") is not None:
            progress["remaining"] = max(0, progress["remaining"] + new - old)


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
        return (_date_errors(project, self.start)
                or _date_errors(project, self.end))

    def edit(self, data: dict[str, Any], project: Project) -> None:
        person = _person(data, project, self.person)
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
        return _date_errors(project, removal_start(project, self.start))

    def edit(self, data: dict[str, Any], project: Project) -> None:
        cal = project.work_calendar
        first = removal_start(project, self.start)
        end = cal.date_of(cal.index_on_or_after(first)
                          + project.crude_horizon)
        person = _person(data, project, self.person)
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


@dataclass(frozen=True)
class Deadline(Change):
    """The project deadline is ``day``."""

    kind: ClassVar[str] = "deadline"
    day: date

    @property
    def value(self) -> str:
        return str(self.day)

    def describe(self, project: Project) -> str:
        was = f" (was {project.deadline})" if project.deadline else ""
        return f"the project deadline is {self.day}{was}"

    def errors(self, project: Project) -> list[str]:
        if self.day < project.start:
            return [f"{self.day} is before the project start "
                    f"{project.start}"]
        return []

    def edit(self, data: dict[str, Any], project: Project) -> None:
        data["deadline"] = self.day.isoformat()


@dataclass(frozen=True)
class NeedLevel(Change):
    """Task ``task``'s need for ``skill`` asks for ``level``."""

    kind: ClassVar[str] = "need"
    task: str
    skill: str
    level: int

    @property
    def value(self) -> str:
        return f"{self.task}:{self.skill}:{self.level}"

    def _needs(self, project: Project) -> list[Any]:
        t = project.task(self.task)
        return [n for mode in t.alternatives for n in mode.needs
                if n.skill == self.skill]

    def describe(self, project: Project) -> str:
        was = sorted({n.level for n in self._needs(project)})
        return (f"{self.task} accepts {self.skill} >= {self.level} (was "
                f"{', '.join(map(str, was))})")

    def errors(self, project: Project) -> list[str]:
        out = _task_errors(project, self.task, "needs")
        if not out and not self._needs(project):
            out.append(f"{self.task} has no need for '{self.skill}'")
        if not 1 <= self.level <= 10:
            out.append(f"a level must be 1 to 10 (got {self.level})")
        return out

    def edit(self, data: dict[str, Any], project: Project) -> None:
        t = _task(data, project, self.task)
        for holder in [t, *(t.get("modes") or [])]:
            for need in holder.get("needs") or []:
                if need["skill"] == self.skill:
                    need["level"] = self.level
