"""The entities a project is made of: people, resources, calendar, tasks,
their links, modes, needs and estimates, and the limits on their numbers.

Every model is frozen and forbids unknown fields; field-level rules live
on the fields.  :class:`~plansat.models.project.Project` assembles them.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import Annotated, Any

from pydantic import Field, field_validator, model_validator

from plansat.models.base import (  # noqa: F401 (re-exported)
    CALENDAR_MARGIN,
    MAX_DURATION,
    MAX_LAG,
    MAX_MONEY,
    Days,
    DependencyType,
    Estimate,
    Id,
    Money,
    Percent,
    Weekday,
    _Model,
)
from plansat.models.progress import Progress, Wbs


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


class Region(_Model):
    """Where public holidays come from: a country (ISO 3166-1 code, e.g.
    ``"DE"``) and optionally a subdivision (e.g. ``"BY"``), as the
    `holidays <https://pypi.org/project/holidays/>`_ package names them.
    """

    country: Annotated[str, Field(min_length=2, max_length=3)]
    subdivision: str | None = None

    @model_validator(mode="after")
    def _known(self) -> Region:
        from plansat.models.person_calendar import check_region

        check_region(self.country, self.subdivision)
        return self


class Calendar(_Model):
    """Working weekdays and holidays: the project's (the day grid) or a
    person's own.

    ``weeks`` (a person's calendar only) repeats a pattern of several
    weeks, each the list of its working weekdays; week 0 is the week
    (Monday to Sunday) of ``weeks_from`` (default: the project start).
    ``region`` adds that region's public holidays to ``holidays``.
    """

    workdays: list[Weekday] = Field(default_factory=_mon_to_fri, min_length=1)
    holidays: list[date] = Field(default_factory=list)
    weeks: list[list[Weekday]] | None = Field(
        default=None, min_length=1, max_length=8
    )
    weeks_from: date | None = None
    region: Region | None = None

    @field_validator("workdays")
    @classmethod
    def _unique_days(cls, days: list[str]) -> list[str]:
        if len(set(days)) != len(days):
            raise ValueError("a weekday is listed twice")
        return days

    @field_validator("weeks")
    @classmethod
    def _unique_week_days(
        cls, weeks: list[list[str]] | None
    ) -> list[list[str]] | None:
        for k, days in enumerate(weeks or []):
            if len(set(days)) != len(days):
                raise ValueError(f"week {k}: a weekday is listed twice")
        if weeks is not None and not any(weeks):
            raise ValueError("the weeks have no working day")
        return weeks


#: An e-mail address: one ``@``, no spaces, at most 254 characters.
Email = Annotated[
    str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254)
]


class Person(_Model):
    """Someone who can work on tasks.

    ``skills`` maps a skill name to a level (1 = novice ... 5 = expert);
    ``availability`` is the percentage of each working day they can give;
    ``rate`` is the cost of one full day; ``email`` is where
    notifications reach them (optional).
    """

    id: Id
    name: str | None = None
    email: Email | None = None
    skills: dict[str, Annotated[int, Field(ge=1, le=10)]] = Field(
        default_factory=dict
    )
    rate: Money = 0
    availability: Percent = 100
    unavailable: list[DateRange] = Field(default_factory=list)
    calendar: Calendar | None = None

    def level(self, skill: str) -> int:
        """Level in ``skill`` (0 when the person lacks it)."""
        return self.skills.get(skill, 0)


class Resource(_Model):
    """A pooled resource: ``capacity`` units, ``rate`` per unit and day.

    A non-renewable resource (``renewable: false``, e.g. money to spend
    or a stock of material) is consumed: the units of all tasks add up to at
    most ``capacity`` over the whole project, and ``rate`` is per unit.
    A renewable resource's own ``calendar`` takes days off the grid for
    it: no task holds it then (a splittable task pauses).
    """

    id: Id
    name: str | None = None
    capacity: Annotated[int, Field(ge=1)]
    rate: Money = 0
    renewable: bool = True
    calendar: Calendar | None = None


class Need(_Model):
    """``count`` distinct people with ``skill`` at ``level`` or above."""

    skill: Annotated[str, Field(min_length=1)]
    level: Annotated[int, Field(ge=1, le=10)] = 1
    count: Annotated[int, Field(ge=1, le=100)] = 1


class Crash(_Model):
    """The task may be shortened to ``duration`` at ``cost_per_day`` per
    day saved."""

    duration: Annotated[int, Field(ge=1, le=MAX_DURATION)]
    cost_per_day: Money = 0


class Dependency(_Model):
    """A link from predecessor ``task`` to the task that lists it.

    FS: ``s_j >= f_i + lag - overlap`` with ``0 <= overlap <=
    max_overlap`` paid at ``overlap_cost_per_day``; SS: ``s_j >= s_i +
    lag``; FF: ``f_j >= f_i + lag``; SF: ``f_j >= s_i + lag``.
    """

    task: Id
    type: DependencyType = "FS"
    lag: Annotated[int, Field(ge=-MAX_LAG, le=MAX_LAG)] = 0
    max_overlap: Days = 0
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
    duration: Days
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
    ``priority`` (0-1000, default 500, as in MS Project) weighs the task's
    finish in the ``priority`` objective.  A ``splittable`` task (default:
    the project's ``splittable``) pauses on its people's days off and
    resumes after them: its ``duration`` counts the days all its people
    work.  A task's own ``calendar`` (optional) lets it work only the
    grid days that calendar works, as if it held a resource with that
    calendar: a task that doesn't split can't span its own days off, a
    splittable one pauses on them.
    """

    id: Id
    name: str | None = None
    duration: Days
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
    wbs: Wbs | None = None
    progress: Progress | None = None
    priority: Annotated[int, Field(ge=0, le=1000)] = 500
    splittable: bool | None = None
    calendar: Calendar | None = None

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

    @model_validator(mode="after")
    def _splits_alone(self) -> Task:
        if self.splittable and (self.modes or self.crash):
            raise ValueError(
                "a splittable task can't have modes or a crash option "
                "(its span follows its people's calendar day by day)"
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
