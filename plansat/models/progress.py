"""The execution contract: progress on tasks and risk events.

A project with a ``status_date`` and task ``progress`` is being executed:
work before the status date is history (DESIGN.md, "Execution").  The
field-level rules live here; rules that need the whole project (dates
against the status date, people who exist, tasks a risk hits) live in
:mod:`plansat.models.rules`.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Annotated

from pydantic import Field, model_validator

from plansat.models.base import Days, Estimate, Id, Money, _Model

#: A WBS outline path such as ``"2.1"`` or ``"2.1.3"``.
Wbs = Annotated[
    str, Field(min_length=1, max_length=100, pattern=r"^\d+(\.\d+)*$")
]


class Progress(_Model):
    """What happened on a task up to the project's ``status_date``.

    Attributes
    ----------
    actual_start, actual_finish
        Dates work started and ended (a task with ``actual_finish`` is
        done).  Both on or before the status date.
    percent_complete
        Share of the work done, 0-100 (100 only with ``actual_finish``).
    remaining
        Working days of work left; overrides the percentage for
        forecasting, while the percentage (when given) still drives the
        earned value (default ``duration × (1 − percent_complete/100)``,
        rounded up).
    actual_cost
        Money spent so far (default: actual days × rates).
    people
        Who worked on it (default: the plan's people).
    """

    actual_start: date | None = None
    actual_finish: date | None = None
    percent_complete: Annotated[float, Field(ge=0, le=100)] = 0
    remaining: Days | None = None
    actual_cost: Money | None = None
    people: list[Id] | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Progress:
        if self.actual_finish is not None and self.actual_start is None:
            raise ValueError("actual_finish needs an actual_start")
        if (self.actual_finish is not None and self.actual_start is not None
                and self.actual_finish < self.actual_start):
            raise ValueError(
                f"actual_finish {self.actual_finish} is before "
                f"actual_start {self.actual_start}"
            )
        if self.percent_complete >= 100 and self.actual_finish is None:
            raise ValueError("100 % complete needs an actual_finish")
        if self.actual_finish is not None and self.remaining:
            raise ValueError(
                f"a finished task has no remaining work (got remaining "
                f"{self.remaining})"
            )
        if self.actual_start is None and (
            self.percent_complete > 0 or self.remaining is not None
        ):
            raise ValueError(
                "percent_complete or remaining needs an actual_start"
            )
        return self

    @property
    def done(self) -> bool:
        """Whether the task is finished."""
        return self.actual_finish is not None

    @property
    def started(self) -> bool:
        """Whether work on the task has started."""
        return self.actual_start is not None

    def remaining_days(self, duration: int) -> int:
        """Working days left of a task planned at ``duration`` days.

        ``remaining`` when given, 0 when done, else ``duration × (1 −
        percent_complete/100)`` rounded up.

        Examples
        --------
        >>> Progress(actual_start="2025-06-02",
        ...          percent_complete=40).remaining_days(5)
        3
        """
        if self.done:
            return 0
        if self.remaining is not None:
            return self.remaining
        left = duration * (1 - self.percent_complete / 100)
        return max(0, math.ceil(round(left, 9)))

    def disagreement(self, duration: int) -> str | None:
        """Why ``percent_complete`` and ``remaining`` don't add up to
        ``duration`` working days, when both are given and they don't
        (at least a day apart), else ``None``.

        Examples
        --------
        >>> Progress(actual_start="2025-06-02", percent_complete=20,
        ...          remaining=12).disagreement(12)
        '20 % done with 12 day(s) left makes 15 day(s), not 12'
        """
        if self.done or self.remaining is None or not self.percent_complete:
            return None
        left = duration * (1 - self.percent_complete / 100)
        if abs(left - self.remaining) < 1:
            return None
        total = self.remaining / (1 - self.percent_complete / 100)
        return (f"{self.percent_complete:g} % done with {self.remaining} "
                f"day(s) left makes {total:g} day(s), not {duration}")

    def fraction_done(self, duration: int) -> float:
        """Share of the work done, 0-1: 1 when finished, else the
        percentage as reported; from ``remaining`` (against
        ``duration``) only when no percentage is (``remaining`` drives
        the forecast, :meth:`remaining_days`, not the earned value)."""
        if self.done:
            return 1.0
        if self.percent_complete > 0:
            return self.percent_complete / 100
        if self.remaining is not None and duration > 0:
            return max(0.0, min(1.0, 1 - self.remaining / duration))
        return self.percent_complete / 100


class Risk(_Model):
    """A risk event: with ``probability`` it delays each task it hits by a
    three-point ``delay`` (working days)."""

    id: Id
    name: str | None = None
    probability: Annotated[float, Field(ge=0, le=1)]
    delay: Estimate
    tasks: list[Id] = Field(min_length=1)
