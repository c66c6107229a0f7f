"""The base of every contract: the model configuration, the value types
and the limits on numbers, and the three-point estimate."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Id = Annotated[str, Field(min_length=1, max_length=200)]
#: Largest amount of money a rate or price may take: the solver prices in
#: integer units of 1/10,000 and CP-SAT's integers are 64-bit, so larger
#: prices times days would overflow the cost objective.
MAX_MONEY = 1e9

Money = Annotated[float, Field(ge=0, le=MAX_MONEY, allow_inf_nan=False)]
Percent = Annotated[int, Field(ge=1, le=100)]
Weekday = Literal["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
DependencyType = Literal["FS", "SS", "FF", "SF"]

#: Largest lag, in working days, that a dependency may have (about 20
#: years); anything longer is a typo, not a plan.
MAX_LAG = 5000

#: Longest duration, in working days, of a task, a mode, a crashed task,
#: an overlap or an estimate (about 400 years of Mon-Fri); anything longer
#: is a typo, not a plan.
MAX_DURATION = 100_000

#: Working days the calendar must still have after the crude horizon
#: (see :attr:`Project.crude_horizon`), so that every day a schedule or
#: a report may name has a date before ``date.max`` (9999-12-31).
CALENDAR_MARGIN = 1000

Days = Annotated[int, Field(ge=0, le=MAX_DURATION)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Estimate(_Model):
    """Three-point estimate in working days (for Monte Carlo analyses)."""

    optimistic: Days
    likely: Days
    pessimistic: Days

    @model_validator(mode="after")
    def _ordered(self) -> Estimate:
        if not self.optimistic <= self.likely <= self.pessimistic:
            raise ValueError(
                "needs optimistic <= likely <= pessimistic, got "
                f"{self.optimistic}, {self.likely}, {self.pessimistic}"
            )
        return self
