"""The status report contract: what ``plansat status`` prints as JSON.

A status report compares a project's progress (its ``status_date`` and
task ``progress``) with a baseline (a saved :class:`~plansat.models.Result`)
and with the forecast of the optimal re-plan (DESIGN.md, "Execution").
Times are working days from the project start; money is in the project's
unit.  A ratio that is undefined (a zero denominator) is ``None`` (JSON
``null``), never an infinity.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from plansat.models.result import TaskState

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Eac",
    "Evm",
    "MilestoneStatus",
    "StatusReport",
    "TaskStatus",
    "TrendPoint",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Eac(_Model):
    """The four estimates at completion.

    Attributes
    ----------
    cpi
        ``BAC / CPI``: the cost efficiency so far continues.
    atypical
        ``AC + (BAC − EV)``: the rest costs what the baseline says.
    cpi_spi
        ``AC + (BAC − EV) / (CPI · SPI)``: cost and schedule efficiency
        both weigh on the rest.
    replan
        Total cost of the optimal re-plan (``None`` without one).
    """

    cpi: float | None = None
    atypical: float | None = None
    cpi_spi: float | None = None
    replan: float | None = None


class Evm(_Model):
    """Earned value and earned schedule at the status date.

    The keys and formulas are DESIGN.md's ("Execution").  ``etc``,
    ``vac`` and ``tcpi_eac`` use the EAC named by ``eac_basis``: the
    re-plan's when there is one, else ``BAC / CPI``.  ``pd`` is the
    planned duration (the baseline's makespan) and ``at`` the actual time
    the earned schedule is measured at: the status date's working-day
    index, or the actual finish once every task is done.
    """

    bac: float = 0
    pv: float = 0
    ev: float = 0
    ac: float = 0
    sv: float = 0
    cv: float = 0
    spi: float | None = None
    cpi: float | None = None
    eac: Eac = Field(default_factory=Eac)
    etc: float | None = None
    vac: float | None = None
    tcpi_bac: float | None = None
    tcpi_eac: float | None = None
    es: float = 0
    sv_t: float = 0
    spi_t: float | None = None
    ieac_t: float | None = None
    tspi: float | None = None
    pd: int = 0
    at: float = 0
    eac_basis: str | None = None


class TaskStatus(_Model):
    """One task of the status report.

    Dates are calendar dates (a finish is the last working day); a
    ``forecast_*`` date is the actual one for a finished task and the
    re-plan's otherwise.  ``slip_days`` is the forecast finish minus the
    baseline finish in working days (positive: late).  ``pv``, ``ev`` and
    ``ac`` price the task's own work (labour, resources, mode, crashing,
    overlap); the project's overhead is in the EVM block only.
    """

    id: str
    name: str | None = None
    wbs: str | None = None
    state: TaskState
    baseline_start: date | None = None
    baseline_finish: date | None = None
    actual_start: date | None = None
    actual_finish: date | None = None
    forecast_start: date | None = None
    forecast_finish: date | None = None
    percent_complete: float = 0
    slip_days: int | None = None
    people: list[str] = Field(default_factory=list)
    pv: float = 0
    ev: float = 0
    ac: float = 0


class MilestoneStatus(_Model):
    """A milestone (a zero-duration task): baseline date, forecast (or
    actual) date, slip in working days, and its deadline if any."""

    id: str
    name: str | None = None
    state: TaskState
    baseline: date | None = None
    forecast: date | None = None
    slip_days: int | None = None
    deadline: date | None = None


class TrendPoint(_Model):
    """One status date of a history of snapshots (``plansat status
    --history``)."""

    status_date: date
    time_now: int
    percent_complete: float
    spi: float | None = None
    cpi: float | None = None
    spi_t: float | None = None
    forecast_finish: date | None = None
    slip_days: int | None = None
    eac: float | None = None


class StatusReport(_Model):
    """Progress against the baseline and the re-plan's forecast.

    Attributes
    ----------
    status_date, time_now
        The data date and its working-day index (AT).
    percent_complete
        Work done, 0-100, weighted by each task's baseline cost (by
        baseline duration when no task has a cost).
    baseline_finish, forecast_finish, slip_days
        The baseline's finish, the re-plan's (or the actual finish once
        everything is done) and the difference in working days.
    baseline_makespan, forecast_makespan
        The same finishes as working-day counts.
    evm
        Earned value and earned schedule (:class:`Evm`).
    tasks, milestones
        Per task and per milestone.
    warnings
        Out-of-sequence progress, tasks late to start, a baseline priced
        differently from the project, a re-plan without a schedule...
    trend
        With a history of snapshots, one point per status date.
    """

    project: str | None = None
    status_date: date
    time_now: int
    percent_complete: float
    baseline_finish: date | None = None
    forecast_finish: date | None = None
    slip_days: int | None = None
    baseline_makespan: int | None = None
    forecast_makespan: int | None = None
    evm: Evm = Field(default_factory=Evm)
    tasks: list[TaskStatus] = Field(default_factory=list)
    milestones: list[MilestoneStatus] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    trend: list[TrendPoint] = Field(default_factory=list)

    def _repr_html_(self) -> str:
        """Progress, forecast, earned value and the forecast Gantt, as
        HTML, for
        Jupyter (:mod:`plansat.charts.notebook`)."""
        from plansat.charts.notebook import status_html

        return status_html(self)

    def task(self, task_id: str) -> TaskStatus:
        """The row of task ``task_id``."""
        for t in self.tasks:
            if t.id == task_id:
                return t
        raise KeyError(task_id)

    def to_frame(self) -> pd.DataFrame:
        """The per-task rows as a DataFrame (``people`` joined by
        commas)."""
        import pandas as pd

        rows = [t.model_dump() for t in self.tasks]
        frame = pd.DataFrame(rows, columns=list(TaskStatus.model_fields))
        frame["people"] = [", ".join(r["people"]) for r in rows]
        return frame

    def trend_frame(self) -> pd.DataFrame:
        """The trend (:attr:`trend`) as a DataFrame, one row per status
        date."""
        import pandas as pd

        return pd.DataFrame(
            [p.model_dump() for p in self.trend],
            columns=list(TrendPoint.model_fields),
        )
