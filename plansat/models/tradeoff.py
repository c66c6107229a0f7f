"""The time–cost trade-off report (output contract of ``plansat crash``).

Computed by :func:`plansat.analysis.tradeoff.tradeoff`.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from plansat.models.result import CostBreakdown, Overlap, Result, SolveStatus


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TradeoffPoint(_Model):
    """The cheapest plan that finishes within ``duration`` working days.

    ``direct_cost`` is the cost of speed: ``crash_cost + overlap_cost +
    mode_cost`` (the fixed costs of the chosen modes), the same quantity
    the levers report and the ``time`` objective's tie-break minimises.
    """

    duration: int
    makespan: int
    finish_date: date
    direct_cost: float
    crash_cost: float
    overlap_cost: float
    mode_cost: float = 0.0
    total_cost: float
    status: SolveStatus
    crashed: dict[str, int] = Field(default_factory=dict)
    overlaps: list[Overlap] = Field(default_factory=list)
    best: bool = False


class Lever(_Model):
    """What one way of shortening the project achieves.

    For ``people and resources``, ``days_saved`` is the critical-path
    length minus the normal resource-feasible duration: zero or negative,
    the delay that people, skills, vacations and pools add.
    """

    name: str
    duration: int | None = None
    days_saved: int | None = None
    direct_cost: float | None = None  # crash + overlap + mode costs
    status: SolveStatus


class Cheapest(_Model):
    """The plan of least total cost at any duration (``objective="cost"``):
    it may spend more on crashing than the curve's point of the same
    duration when that saves labour, resources or overhead."""

    duration: int
    total_cost: float
    status: SolveStatus


class DeadlineAnswer(_Model):
    """The cheapest plan meeting a deadline, or how far off it is."""

    deadline: date
    duration: int
    met: bool
    point: TradeoffPoint | None = None
    short_by: int = 0
    message: str


class TradeoffCurve(_Model):
    """Time–cost trade-off of a project.

    Attributes
    ----------
    normal_duration, shortest_duration
        Working days without any lever, and with all of them.
    cpm_duration
        Critical-path length ignoring people and resources.
    points
        One point per duration, shortest first; ``best`` marks the least
        total cost among them.
    cheapest
        The least total cost overall, from a ``cost`` solve.
    levers
        Fast-tracking only, crashing only, both, and the resource effect.
    unsolved
        Durations for which no plan was found within the time limit
        (left out of ``points``; raise the limit).
    """

    normal_duration: int
    shortest_duration: int
    cpm_duration: int
    points: list[TradeoffPoint]
    levers: list[Lever]
    cheapest: Cheapest | None = None
    deadline: DeadlineAnswer | None = None
    runtime: float = 0.0
    unsolved: list[int] = Field(default_factory=list)

    def _repr_html_(self) -> str:
        """The time-cost curve and its points, as HTML, for
        Jupyter (:mod:`plansat.charts.notebook`)."""
        from plansat.charts.notebook import curve_html

        return curve_html(self)

    def best(self) -> TradeoffPoint | None:
        """The point with the least total cost (``None`` without
        points)."""
        return next((p for p in self.points if p.best), None)


def direct_cost(cost: CostBreakdown) -> float:
    """The direct cost of speed in a cost breakdown: crashing, overlapping
    and the fixed costs of the chosen modes — the same sum as the CP-SAT
    term :func:`plansat.solver.objectives.acceleration_cost`, the levers'
    ``direct_cost`` and the points' ``direct_cost``."""
    return round(cost.crash + cost.overlap + cost.modes, 6)


class NoScheduleError(Exception):
    """The project has no schedule at all; ``result`` says why."""

    def __init__(self, result: Result) -> None:
        super().__init__(result.explanation or result.status.value)
        self.result = result
