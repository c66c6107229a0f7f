"""The project contract: what ``plansat`` reads (see DESIGN.md).

Every model is frozen and forbids unknown fields.  Field-level rules live
on the fields; rules that span the project (references, cycles, skills that
no one has) live in :mod:`plansat.models.rules` and run when a
:class:`Project` is built, so an invalid project never exists.
"""

from __future__ import annotations

import gc
import json
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from plansat.models.calendar import WorkCalendar
from plansat.models.errors import ProjectError

Id = Annotated[str, Field(min_length=1, max_length=200)]
Money = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Percent = Annotated[int, Field(ge=1, le=100)]
Weekday = Literal["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
DependencyType = Literal["FS", "SS", "FF", "SF"]

#: Largest lag, in working days, that a dependency may have (about 20
#: years); anything longer is a typo, not a plan.
MAX_LAG = 5000


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DateRange(_Model):
    """An inclusive range of dates, e.g. a vacation."""

    start: date
    end: date

    @model_validator(mode="after")
    def _ordered(self) -> DateRange:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


def _mon_to_fri() -> list[Weekday]:
    return ["Mon", "Tue", "Wed", "Thu", "Fri"]


class Calendar(_Model):
    """Working weekdays and holidays of the project."""

    workdays: list[Weekday] = Field(default_factory=_mon_to_fri, min_length=1)
    holidays: list[date] = Field(default_factory=list)

    @field_validator("workdays")
    @classmethod
    def _unique_days(cls, days: list[str]) -> list[str]:
        if len(set(days)) != len(days):
            raise ValueError("a weekday is listed twice")
        return days


class Person(_Model):
    """Someone who can work on tasks.

    ``skills`` maps a skill name to a level (1 = novice ... 5 = expert);
    ``availability`` is the percentage of each working day they can give;
    ``rate`` is the cost of one full day.
    """

    id: Id
    name: str | None = None
    skills: dict[str, Annotated[int, Field(ge=1, le=10)]] = Field(
        default_factory=dict
    )
    rate: Money = 0
    availability: Percent = 100
    unavailable: list[DateRange] = Field(default_factory=list)

    def level(self, skill: str) -> int:
        """Level in ``skill`` (0 when the person lacks it)."""
        return self.skills.get(skill, 0)


class Resource(_Model):
    """A pooled resource: ``capacity`` units, ``rate`` per unit and day.

    A non-renewable resource (``renewable: false``, e.g. a budget or a
    stock of material) is consumed: the units of all tasks add up to at
    most ``capacity`` over the whole project, and ``rate`` is per unit.
    """

    id: Id
    name: str | None = None
    capacity: Annotated[int, Field(ge=1)]
    rate: Money = 0
    renewable: bool = True


class Need(_Model):
    """``count`` distinct people with ``skill`` at ``level`` or above."""

    skill: Annotated[str, Field(min_length=1)]
    level: Annotated[int, Field(ge=1, le=10)] = 1
    count: Annotated[int, Field(ge=1, le=100)] = 1


class Crash(_Model):
    """The task may be shortened to ``duration`` at ``cost_per_day`` per
    day saved."""

    duration: Annotated[int, Field(ge=1)]
    cost_per_day: Money = 0


class Estimate(_Model):
    """Three-point estimate in working days (for Monte Carlo analyses)."""

    optimistic: Annotated[int, Field(ge=0)]
    likely: Annotated[int, Field(ge=0)]
    pessimistic: Annotated[int, Field(ge=0)]

    @model_validator(mode="after")
    def _ordered(self) -> Estimate:
        if not self.optimistic <= self.likely <= self.pessimistic:
            raise ValueError(
                "needs optimistic <= likely <= pessimistic, got "
                f"{self.optimistic}, {self.likely}, {self.pessimistic}"
            )
        return self


class Dependency(_Model):
    """A link from predecessor ``task`` to the task that lists it.

    FS: ``s_j >= f_i + lag - overlap`` with ``0 <= overlap <=
    max_overlap`` paid at ``overlap_cost_per_day``; SS: ``s_j >= s_i +
    lag``; FF: ``f_j >= f_i + lag``; SF: ``f_j >= s_i + lag``.
    """

    task: Id
    type: DependencyType = "FS"
    lag: Annotated[int, Field(ge=-MAX_LAG, le=MAX_LAG)] = 0
    max_overlap: Annotated[int, Field(ge=0)] = 0
    overlap_cost_per_day: Money = 0

    @model_validator(mode="after")
    def _overlap_only_on_fs(self) -> Dependency:
        if self.max_overlap and self.type != "FS":
            raise ValueError(
                f"max_overlap applies to FS links only, not {self.type}"
            )
        return self


class Mode(_Model):
    """One way of doing a task: its duration, a fixed cost, the people it
    needs and the pooled units it uses."""

    name: str | None = None
    duration: Annotated[int, Field(ge=0)]
    cost: Money = 0
    needs: list[Need] = Field(default_factory=list)
    uses: dict[str, Annotated[int, Field(ge=1)]] = Field(default_factory=dict)

    @property
    def slots(self) -> int:
        """Number of people this mode needs."""
        return sum(n.count for n in self.needs)


class Task(_Model):
    """A piece of work of ``duration`` working days (0 = milestone).

    A task either gives ``duration``, ``needs`` and ``uses`` itself, or
    lists alternative ``modes`` (the solver picks one); ``duration`` then
    defaults to the first mode's, which the critical-path report uses.
    """

    id: Id
    name: str | None = None
    duration: Annotated[int, Field(ge=0)]
    after: list[Dependency] = Field(default_factory=list)
    needs: list[Need] = Field(default_factory=list)
    uses: dict[str, Annotated[int, Field(ge=1)]] = Field(default_factory=dict)
    allocation: Percent = 100
    earliest_start: date | None = None
    deadline: date | None = None
    estimate: Estimate | None = None
    assigned: list[str] = Field(default_factory=list)
    crash: Crash | None = None
    modes: list[Mode] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _duration_from_modes(cls, data: Any) -> Any:
        if (
            isinstance(data, dict)
            and "duration" not in data
            and isinstance(data.get("modes"), list)
            and data["modes"]
            and isinstance(data["modes"][0], dict)
            and "duration" in data["modes"][0]
        ):
            return {**data, "duration": data["modes"][0]["duration"]}
        return data

    @model_validator(mode="after")
    def _modes_alone(self) -> Task:
        if not self.modes:
            return self
        if self.duration != self.modes[0].duration:
            raise ValueError(
                f"duration {self.duration} differs from the first mode's "
                f"{self.modes[0].duration}; leave it out with modes"
            )
        clashes = [
            f for f in ("needs", "uses", "crash", "assigned")
            if getattr(self, f)
        ]
        if clashes:
            raise ValueError(
                f"with modes, give needs and uses inside each mode; "
                f"{', '.join(clashes)} can't be combined with modes "
                "(crashing is a shorter mode)"
            )
        return self

    @field_validator("after", mode="before")
    @classmethod
    def _plain_ids_are_fs(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [{"task": v} if isinstance(v, str) else v for v in value]
        return value

    @cached_property
    def alternatives(self) -> list[Mode]:
        """The task's modes; one made of its own fields when it has none."""
        if self.modes:
            return list(self.modes)
        return [Mode(duration=self.duration, needs=self.needs,
                     uses=self.uses)]

    @property
    def min_duration(self) -> int:
        """Shortest duration allowed (crashed fully, or quickest mode)."""
        if self.crash:
            return self.crash.duration
        return min(m.duration for m in self.alternatives)

    @property
    def max_duration(self) -> int:
        """Longest duration any choice gives."""
        return max(m.duration for m in self.alternatives)

    @property
    def slots(self) -> int:
        """Number of people the task needs (its first mode's)."""
        return self.alternatives[0].slots

    def mode(self, index: int | None) -> Mode:
        """The mode at ``index`` (``None`` for a single-mode task)."""
        return self.alternatives[index or 0]


class Project(_Model):
    """A project: tasks, people, pooled resources, calendar and costs.

    Build one with :meth:`from_file`, :meth:`from_json` or
    ``Project.model_validate(dict)``; invalid input raises
    :class:`~plansat.models.errors.ProjectError` (from the two
    constructors) or pydantic's ``ValidationError``.
    """

    name: str = "Project"
    start: date
    calendar: Calendar = Field(default_factory=Calendar)
    deadline: date | None = None
    overhead_per_day: Money = 0
    people: list[Person] = Field(default_factory=list)
    resources: list[Resource] = Field(default_factory=list)
    tasks: list[Task] = Field(min_length=1)

    @model_validator(mode="after")
    def _project_rules(self) -> Project:
        from plansat.models.rules import project_errors

        errors = project_errors(self)
        if errors:
            raise PydanticCustomError(
                "project_rules",
                "{detail}",
                {"detail": "\n".join(errors), "errors": errors},
            )
        return self

    # -- construction -------------------------------------------------------

    @classmethod
    def from_json(cls, text: str | bytes, source: str = "<json>") -> Project:
        """Parse and validate project JSON text.

        Raises
        ------
        ProjectError
            With one message per broken rule, each naming its JSON path.
        """
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ProjectError(
                [
                    f"{source}: not valid JSON (line {exc.lineno}, column "
                    f"{exc.colno}: {exc.msg})"
                ]
            ) from None
        except UnicodeDecodeError as exc:
            raise ProjectError(
                [
                    f"{source}: not valid JSON (not UTF-8/16/32 text: "
                    f"{exc.reason})"
                ]
            ) from None
        except RecursionError:
            raise ProjectError(
                [f"{source}: not valid JSON (nested too deeply)"]
            ) from None
        return cls.from_data(data)

    @classmethod
    def from_data(cls, data: Any) -> Project:
        """Validate a decoded JSON value into a project.

        Raises
        ------
        ProjectError
            With one message per broken rule, each naming its JSON path.
        """
        if not isinstance(data, dict):
            raise ProjectError(
                [
                    f"<root>: a project is a JSON object, not "
                    f"{type(data).__name__}"
                ]
            )
        paused = gc.isenabled()
        gc.disable()  # big projects: collections would walk the whole tree
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            raise ProjectError.from_validation_error(exc) from None
        finally:
            if paused:
                gc.enable()

    @classmethod
    def from_file(cls, path: str | Path) -> Project:
        """Read and validate a project JSON file.

        Raises
        ------
        ProjectError
            When the file is missing, is not JSON, or breaks a rule.
        """
        path = Path(path)
        try:
            text = path.read_bytes()
        except OSError as exc:
            raise ProjectError([f"{path}: {exc.strerror}"]) from None
        return cls.from_json(text, source=str(path))

    # -- derived views ------------------------------------------------------

    @cached_property
    def work_calendar(self) -> WorkCalendar:
        """The working-day axis of this project."""
        return WorkCalendar(
            self.start, self.calendar.workdays, self.calendar.holidays
        )

    @cached_property
    def task_index(self) -> dict[str, int]:
        """Position of each task id in :attr:`tasks`."""
        return {t.id: i for i, t in enumerate(self.tasks)}

    @cached_property
    def person_index(self) -> dict[str, int]:
        """Position of each person id in :attr:`people`."""
        return {p.id: i for i, p in enumerate(self.people)}

    @cached_property
    def resource_index(self) -> dict[str, int]:
        """Position of each resource id in :attr:`resources`."""
        return {r.id: i for i, r in enumerate(self.resources)}

    def task(self, task_id: str) -> Task:
        """The task with id ``task_id``."""
        return self.tasks[self.task_index[task_id]]

    def person(self, person_id: str) -> Person:
        """The person with id ``person_id``."""
        return self.people[self.person_index[person_id]]

    @cached_property
    def qualified_cache(self) -> dict[tuple[str, int, int], list[Person]]:
        """Memo of :meth:`qualified` by (skill, level, allocation)."""
        return {}

    def qualified(self, task: Task, need: Need) -> list[Person]:
        """People who can fill a slot of ``need`` on ``task``: skilled
        enough and available enough for the task's allocation."""
        key = (need.skill, need.level, task.allocation)
        if key not in self.qualified_cache:
            self.qualified_cache[key] = self._qualified(task, need)
        return self.qualified_cache[key]

    def _qualified(self, task: Task, need: Need) -> list[Person]:
        return [
            p
            for p in self.people
            if p.level(need.skill) >= need.level
            and p.availability >= task.allocation
        ]

    def extra_people(self, task: Task) -> list[str]:
        """Pinned people whose skills meet none of ``task``'s needs.

        They work on the task besides the people filling its need slots
        (pinned people who do meet a need fill one of its slots).
        """
        return [
            pid
            for pid in task.assigned
            if pid in self.person_index
            and not any(
                self.person(pid).level(n.skill) >= n.level
                for n in task.needs
            )
        ]

    def blocked_days(self, person: Person) -> list[range]:
        """Working-day ranges on which ``person`` is unavailable."""
        cal = self.work_calendar
        ranges = [cal.days_between(u.start, u.end) for u in person.unavailable]
        return [r for r in ranges if len(r)]

    def earliest_start_index(self, task: Task) -> int:
        """First working day ``task`` may start on."""
        if task.earliest_start is None:
            return 0
        return self.work_calendar.index_on_or_after(task.earliest_start)

    def due_bound(
        self, task: Task, due: date, duration: int | None = None
    ) -> int:
        """Latest ``finish`` of ``task`` that meets the date ``due``.

        A task with work ends on the date of day ``finish - 1``; a
        milestone (``duration`` 0; default: the task's duration) happens
        on the date of day ``finish`` (= its start).
        """
        bound = self.work_calendar.finish_bound(due)
        days = task.duration if duration is None else duration
        return bound if days > 0 else bound - 1

    def finish_bound(
        self, task: Task, duration: int | None = None
    ) -> int | None:
        """Latest ``finish`` allowed by the task's and the project's
        deadlines (``None`` when neither is set), for a run of
        ``duration`` days (default: the task's duration)."""
        bounds = [
            self.due_bound(task, d, duration)
            for d in (task.deadline, self.deadline)
            if d is not None
        ]
        return min(bounds) if bounds else None

    def successors(self) -> dict[str, list[tuple[str, Dependency]]]:
        """For each task id, the tasks that depend on it and the link."""
        succ: dict[str, list[tuple[str, Dependency]]] = {
            t.id: [] for t in self.tasks
        }
        for t in self.tasks:
            for dep in t.after:
                succ[dep.task].append((t.id, dep))
        return succ
