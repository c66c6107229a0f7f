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
from typing import Any

from pydantic import (
    Field,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

from plansat.models.calendar import WorkCalendar, merge_ranges, vacation_ranges
from plansat.models.delivery import Feature, Release
from plansat.models.entities import (  # noqa: F401 (re-exported)
    CALENDAR_MARGIN,
    MAX_DURATION,
    MAX_LAG,
    MAX_MONEY,
    Calendar,
    Crash,
    DateRange,
    Days,
    Dependency,
    DependencyType,
    Estimate,
    Id,
    Mode,
    Money,
    Need,
    Percent,
    Person,
    Resource,
    Task,
    Weekday,
    _Model,
)
from plansat.models.errors import ProjectError, mpp_message
from plansat.models.progress import Progress, Risk, Wbs  # noqa: F401


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
    status_date: date | None = None
    risks: list[Risk] = Field(default_factory=list)
    features: list[Feature] = Field(default_factory=list)
    releases: list[Release] = Field(default_factory=list)
    splittable: bool = False

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
            raise ProjectError([f"{source}: not valid JSON (line "
                                f"{exc.lineno}, column {exc.colno}: "
                                f"{exc.msg})"]) from None
        except UnicodeDecodeError as exc:
            raise ProjectError([f"{source}: not valid JSON (not UTF-8/16/32 "
                                f"text: {exc.reason})"]) from None
        except RecursionError:
            raise ProjectError([f"{source}: not valid JSON (nested too "
                                "deeply)"]) from None
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
            raise ProjectError([f"<root>: a project is a JSON object, not "
                                f"{type(data).__name__}"])
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
        mpp = mpp_message(path)
        if mpp is not None:
            raise ProjectError([mpp])
        try:
            text = path.read_bytes()
        except OSError as exc:
            raise ProjectError([f"{path}: {exc.strerror}"]) from None
        return cls.from_json(text, source=str(path))

    # -- derived views ------------------------------------------------------

    @cached_property
    def work_calendar(self) -> WorkCalendar:
        """The working-day axis of this project (its ``holidays`` and
        its ``region``'s public holidays are not on it)."""
        from plansat.models.person_calendar import holidays_of

        return WorkCalendar(
            self.start,
            self.calendar.workdays,
            holidays_of(self.calendar, self.start),
        )

    def splits(self, task: Task) -> bool:
        """Whether ``task`` pauses on its people's days off (its own
        ``splittable``, else the project's)."""
        if task.splittable is None:
            return self.splittable
        return task.splittable

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

    @cached_property
    def needs_people(self) -> bool:
        """Whether some mode of some task needs people."""
        return any(m.needs for t in self.tasks for m in t.alternatives)

    def _repr_html_(self) -> str:
        """The project's figures and its critical-path Gantt, as HTML, for
        Jupyter (:mod:`plansat.charts.notebook`)."""
        from plansat.charts.notebook import project_html

        return project_html(self)

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
        return [p for p in self.people if p.level(need.skill) >= need.level
                and p.availability >= task.allocation]

    def extra_people(self, task: Task) -> list[str]:
        """Pinned people whose skills meet none of ``task``'s needs.

        They work on the task besides the people filling its need slots
        (pinned people who do meet a need fill one of its slots).
        """
        return [pid for pid in task.assigned if pid in self.person_index
                and not any(self.person(pid).level(n.skill) >= n.level
                            for n in task.needs)]

    @cached_property
    def blocked_cache(self) -> dict[str, tuple[range, ...]]:
        """Memo of :meth:`blocked_days` by person id."""
        return {}

    def blocked_days(self, person: Person) -> list[range]:
        """Working-day ranges on which ``person`` is unavailable: their
        vacations and, with a calendar of their own, the grid days it
        doesn't work (up to :attr:`crude_horizon` +
        :data:`CALENDAR_MARGIN`; see :mod:`plansat.models.person_calendar`).

        The ranges are sorted, disjoint and not touching: overlapping,
        nested and adjacent vacations are merged into one range, and a
        vacation that covers no working day (a weekend, a holiday, days
        before the start) is left out.  Consumers may therefore add up
        their lengths and index them (``vacation:{person}:{k}`` names the
        ``k``-th merged range).  Computed once per person id.

        Parameters
        ----------
        person
            A person of this project.

        Returns
        -------
        list of range
            The merged ranges of working-day indices (a fresh list; the
            caller may change it).

        Notes
        -----
        Thu 06-04..Sat 06-06 and Fri 06-05..Wed 06-10 are days 3-4 and
        4-7 of a project starting Mon 2026-06-01: ``[range(3, 8)]``
        (tests/models/test_vacations.py, "overlapping").
        """
        if person.id not in self.blocked_cache:
            self.blocked_cache[person.id] = self._blocked(person)
        return list(self.blocked_cache[person.id])

    def _blocked(self, person: Person) -> tuple[range, ...]:
        ranges = vacation_ranges(self.work_calendar, person)
        if person.calendar is not None:
            ranges += self._off_days(person.calendar)
        return merge_ranges(ranges)

    def resource_days_off(self, resource: Resource) -> list[range]:
        """Grid days ``resource``'s own calendar doesn't work (sorted,
        disjoint ranges; none without a calendar)."""
        if resource.calendar is None:
            return []
        return list(self._off_days(resource.calendar))

    def task_days_off(self, task: Task) -> list[range]:
        """Grid days ``task``'s own calendar doesn't work (sorted,
        disjoint ranges; none without a calendar): the task works on
        none of them, as if it held a resource with that calendar."""
        if task.calendar is None:
            return []
        return list(self._off_days(task.calendar))

    @cached_property
    def off_cache(self) -> dict[str, list[range]]:
        """Memo of the days off of each calendar (by its JSON)."""
        return {}

    def _off_days(self, calendar: Calendar) -> list[range]:
        from plansat.models.person_calendar import off_days

        key = calendar.model_dump_json()
        if key not in self.off_cache:
            reach = self.crude_horizon + CALENDAR_MARGIN
            self.off_cache[key] = off_days(self.work_calendar, calendar,
                                           reach)
        return self.off_cache[key]

    @cached_property
    def crude_horizon(self) -> int:
        """A finish day no schedule built in precedence order needs to
        pass.

        Every task can run after all others have finished, all vacations
        are over and all earliest starts have passed: the latest earliest
        start or vacation end, plus the longest duration of every task,
        plus every positive lag, plus one.  With people's own calendars
        the work part is stretched (see :func:`~plansat.models.
        person_calendar.stretch`).  Validation keeps it
        :data:`CALENDAR_MARGIN` working days inside the calendar.
        """
        late = [self.earliest_start_index(t) for t in self.tasks]
        for person in self.people:
            late += [r.stop for r in vacation_ranges(self.work_calendar,
                                                      person)]
        if self.time_now is not None:
            late.append(self.time_now)
        work = sum(t.max_duration for t in self.tasks)
        lags = sum(max(d.lag, 0) for t in self.tasks for d in t.after)
        own = [p.calendar for p in self.people if p.calendar is not None]
        own += [r.calendar for r in self.resources if r.calendar is not None]
        own += [t.calendar for t in self.tasks if t.calendar is not None]
        if own:
            from plansat.models.person_calendar import stretch

            work = stretch(self.work_calendar, own, work + lags, self.tasks)
            lags = 0
        return max(late, default=0) + work + lags + 1

    @property
    def time_now(self) -> int | None:
        """AT: the working-day index of the status date (days before it
        are history, work from it on is forecast), or ``None`` without a
        status date."""
        if self.status_date is None:
            return None
        return self.work_calendar.index_on_or_after(self.status_date)

    def day_of(self, day: date) -> int:
        """Working-day index of the working day on or after ``day``."""
        return self.work_calendar.index_on_or_after(day)

    def at(self, status_date: date) -> Project:
        """This project reported on ``status_date`` (validated again:
        progress after the new date is an error); itself when the date is
        already its status date.

        Raises
        ------
        ProjectError
            When the progress doesn't hold at ``status_date``.
        """
        if status_date == self.status_date:
            return self
        data = self.model_dump(mode="json", exclude_none=True)
        data["status_date"] = status_date.isoformat()
        return Project.from_data(data)

    def actual_span(self, task: Task) -> tuple[int, int | None] | None:
        """Working days ``[start, finish)`` of the work done on ``task``:
        the actual start's working day and, for a finished task, the day
        after its actual finish's; ``finish`` is ``None`` while in
        progress, and the whole span ``None`` before the task started.  A
        milestone reported on date ``d`` is at the working day after the
        last one on or before ``d`` (MS Project's date, the end of the
        day it happened: :meth:`WorkCalendar.milestone_day`)."""
        pr = task.progress
        if pr is None or pr.actual_start is None:
            return None
        cal = self.work_calendar
        if task.duration == 0:
            day = cal.milestone_day(pr.actual_start)
            return day, (None if pr.actual_finish is None else day)
        start = cal.index_on_or_after(pr.actual_start)
        if pr.actual_finish is None:
            return start, None
        return start, max(cal.index_on_or_before(pr.actual_finish) + 1,
                          start)

    def earliest_start_index(self, task: Task) -> int:
        """First working day ``task`` may start on."""
        if task.earliest_start is None:
            return 0
        return self.work_calendar.index_on_or_after(task.earliest_start)

    def successors(self) -> dict[str, list[tuple[str, Dependency]]]:
        """For each task id, the tasks that depend on it and the link."""
        succ: dict[str, list[tuple[str, Dependency]]] = {
            t.id: [] for t in self.tasks
        }
        for t in self.tasks:
            for dep in t.after:
                succ[dep.task].append((t.id, dep))
        return succ
