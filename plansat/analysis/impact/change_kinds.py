"""The what-if change kinds: each checks itself against a project and
edits the project's JSON (see :mod:`plansat.analysis.impact.changes`, which
reads, applies and re-exports them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from plansat.models import Project, ProjectError
from plansat.models.base import MAX_DURATION

__all__ = [
    "Change",
    "ChangeError",
    "Deadline",
    "Delay",
    "Duration",
    "NeedLevel",
    "date_errors",
    "person_data",
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


def person_data(data: dict[str, Any], project: Project, pid: str) -> Any:
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


def _horizon_end(project: Project, beyond: int = 0) -> date:
    """The last date a schedule of ``project`` may need, plus
    ``beyond`` working days."""
    return project.work_calendar.date_of(project.crude_horizon + beyond)


def date_errors(project: Project, day: date, beyond: int = 0) -> list[str]:
    """A date before the project (or its status date) or more than
    ``beyond`` working days past its horizon (a change that extends the
    horizon, as an absence's end does, may reach past it)."""
    first = project.status_date or project.start
    if day < first:
        what = "status date" if project.status_date else "project start"
        return [f"{day} is before the {what} {first}"]
    end = _horizon_end(project)
    if day > _horizon_end(project, beyond):
        more = f"more than {beyond} working days " if beyond else ""
        return [f"{day} is {more}after the end of the project's horizon "
                f"{end}"]
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
