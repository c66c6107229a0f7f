"""The result contract: what ``plansat solve`` writes (see DESIGN.md)."""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from plansat.models.errors import ProjectError, mpp_message

if TYPE_CHECKING:
    import pandas as pd

    from plansat.models.project import Project

Objective = Literal["time", "balance", "cost", "value", "priority"]


class SolveStatus(StrEnum):
    """How a solve ended.  OPTIMAL only when the optimum is proven."""

    OPTIMAL = "OPTIMAL"
    FEASIBLE = "FEASIBLE"
    INFEASIBLE = "INFEASIBLE"
    UNKNOWN = "UNKNOWN"
    MODEL_INVALID = "MODEL_INVALID"

    @property
    def has_solution(self) -> bool:
        """Whether a schedule comes with this status."""
        return self in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CostBreakdown(_Model):
    """Cost of a schedule by component (currency units).

    ``modes`` sums the fixed costs of the chosen task modes.  In a
    re-plan (:attr:`Result.replan`), ``actual`` is the cost incurred
    before the status date (each task's ``actual_cost``, else its actual
    days × rates) and the other parts price the remaining work; ``total``
    adds them all up.
    """

    actual: float = 0
    labour: float = 0
    resources: float = 0
    modes: float = 0
    crash: float = 0
    overlap: float = 0
    overhead: float = 0
    total: float = 0


TaskState = Literal["done", "in_progress", "not_started"]


class TaskResult(_Model):
    """One scheduled task.

    ``start``/``finish`` are working-day indices (``[start, finish)``);
    ``crashed`` is the number of days the task was shortened by; ``mode``
    the index of the chosen mode of a task with ``modes``.

    In a re-plan (:attr:`Result.replan`) every task has a ``state``: a
    ``done`` task sits at its actual dates with the people who worked it;
    an ``in_progress`` task's row is its remaining work (``start`` is when
    the rest resumes, on or after the status date, ``duration`` the days
    left) and ``actual_start`` the day work began; a ``not_started`` task
    starts on or after the status date.  ``baseline_start`` and
    ``delta_start`` compare with the baseline, ``reassigned`` counts the
    baseline's people no longer on the task.  ``release`` is the release
    the task's feature ships in (for a task in several features, the
    earliest of their releases).  ``segments`` lists the ``[start,
    finish)`` runs of days a split task works, when it pauses.
    """

    id: str
    name: str | None = None
    start: int
    finish: int
    duration: int
    start_date: date
    finish_date: date
    people: list[str] = Field(default_factory=list)
    crashed: int = 0
    total_float: int | None = None
    mode: int | None = None
    state: TaskState | None = None
    actual_start: int | None = None
    baseline_start: int | None = None
    delta_start: int | None = None
    reassigned: int | None = None
    release: str | None = None
    segments: list[tuple[int, int]] | None = None


class FeatureShip(_Model):
    """Where a feature ships: ``release`` (``None``: in no release),
    its ``value``, the release's ``weight`` (0 when unscheduled) and
    ``finish``, the latest finish of its tasks."""

    id: str
    release: str | None = None
    value: float = 0
    weight: float = 0
    finish: int | None = None


class Overlap(_Model):
    """A fast-tracked FS link: ``successor`` starts ``days`` before
    ``predecessor`` finishes (beyond the link's lag)."""

    predecessor: str
    successor: str
    days: int
    cost: float = 0


class PersonLoad(_Model):
    """How busy one person is over the schedule's horizon.

    ``busy_days`` sums task days × allocation; ``available_days`` is the
    working days up to the makespan (or ``Result.load_horizon`` when set,
    as for ``balance``: the time optimum + slack) minus vacation days, ×
    availability; ``load`` is their ratio.
    """

    person: str
    busy_days: float
    available_days: float
    load: float


Logic = Literal["retained", "override"]
Stability = Literal["none", "starts", "people", "both"]


class ReplanInfo(_Model):
    """How a re-plan treated the project's progress.

    Attributes
    ----------
    status_date, time_now
        The data date and its working-day index (AT): work before it is
        history.
    logic
        ``retained``: the rest of an out-of-sequence task still waits for
        its unfinished predecessors; ``override``: those links are
        dropped.
    stability
        What the least-change phase kept close to the baseline.
    moved
        Unstarted tasks whose start differs from the baseline's.
    reassigned
        Baseline people no longer on their unstarted tasks, summed.
    changed
        Unstarted tasks whose start or people differ from the
        baseline's (the first thing the least change minimises).
    change
        The least change's second tier reached: Σ |start − baseline
        start| over unstarted tasks + ``reassign_weight`` × reassigned.
    reassign_weight
        Days of start shift one reassigned person counts as in that tier
        (0 by default).
    warnings
        Out-of-sequence progress, deadlines already passed, and the like.
    unpriced
        Finished tasks whose labour is missing from ``cost.actual``
        (nobody says who worked them): the cost is incomplete.
    """

    status_date: date
    time_now: int
    logic: Logic = "retained"
    stability: Stability = "both"
    moved: int = 0
    reassigned: int = 0
    changed: int = 0
    change: float | None = None
    reassign_weight: int = 0
    warnings: list[str] = Field(default_factory=list)
    unpriced: list[str] = Field(default_factory=list)


class Result(_Model):
    """Outcome of a solve: status, bounds, schedule and costs.

    ``schedule_from`` is ``None`` when the schedule is CP-SAT's, else the
    heuristic whose plan the solve reported instead (``"constructive"``
    or ``"genetic"``: CP-SAT found nothing in time, or nothing as
    short); ``solver`` is a log of the search (strategy, phases, bounds),
    for people, not for control flow.
    """

    status: SolveStatus
    objective: Objective = "time"
    objective_value: float | None = None
    bound: float | None = None
    gap: float | None = None
    runtime: float = 0.0
    makespan: int | None = None
    finish_date: date | None = None
    cost: CostBreakdown = Field(default_factory=CostBreakdown)
    tasks: list[TaskResult] = Field(default_factory=list)
    overlaps: list[Overlap] = Field(default_factory=list)
    loads: list[PersonLoad] = Field(default_factory=list)
    load_horizon: int | None = None
    explanation: str | None = None
    conflicts: list[str] = Field(default_factory=list)
    solver: dict[str, Any] = Field(default_factory=dict)
    schedule_from: str | None = None
    replan: ReplanInfo | None = None
    features: list[FeatureShip] = Field(default_factory=list)

    @classmethod
    def from_file(cls, path: str | Path) -> Result:
        """Read a result JSON file.

        Raises
        ------
        ProjectError
            When the file is missing, not JSON or not a result.
        """
        path = Path(path)
        mpp = mpp_message(path)
        if mpp is not None:
            raise ProjectError([mpp])
        try:
            data = json.loads(path.read_bytes())
        except OSError as exc:
            raise ProjectError([f"{path}: {exc.strerror}"]) from None
        except json.JSONDecodeError as exc:
            raise ProjectError(
                [f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})"]
            ) from None
        if isinstance(data, dict) and "status" not in data:
            raise ProjectError([
                f"{path}: not a result file (it has no 'status'; a result "
                "is what plansat solve --out writes)"
            ])
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            raise ProjectError.from_validation_error(
                exc, "result", str(path)
            ) from None

    def _repr_html_(self) -> str:
        """The solve's figures and the Gantt of its schedule, as HTML, for
        Jupyter (:mod:`plansat.charts.notebook`)."""
        from plansat.charts.notebook import result_html

        return result_html(self)

    def task(self, task_id: str) -> TaskResult:
        """The scheduled task with id ``task_id``."""
        for t in self.tasks:
            if t.id == task_id:
                return t
        raise KeyError(task_id)

    def to_excel(
        self,
        path: str | Path,
        project: Project,
        baseline: Result | None = None,
    ) -> Path:
        """Write this plan of ``project`` as an Excel workbook: Tasks
        (real dates, WBS, people, float, critical), People (daily load,
        overloads), Critical path and, with a ``baseline``, Status
        sheets (see :mod:`plansat.io.workbook`; needs openpyxl, extra
        ``io``).  The Tasks sheet reads back as a task list."""
        from plansat.io.workbook import write_workbook

        return write_workbook(project, self, path, baseline)

    def to_frame(self) -> pd.DataFrame:
        """The schedule as a DataFrame, one row per task."""
        import pandas as pd

        columns = list(TaskResult.model_fields)
        rows = [t.model_dump() for t in self.tasks]
        frame = pd.DataFrame(rows, columns=columns)
        frame["people"] = [", ".join(r["people"]) for r in rows]
        return frame
