"""The portfolio reports: the joint plan (``plansat portfolio solve``)
and the admission of a new project (``plansat portfolio admit``).

Computed by :mod:`plansat.analysis.portfolio`.  Makespans are working
days from each project's own start; ``grid_*`` values are working days
from the portfolio's first start (day 0 of the shared grid).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from plansat.models.result import Result, SolveStatus

#: The objectives a portfolio can be planned for.
PortfolioObjective = Literal["weighted", "tardiness", "makespan", "cost",
                             "priority"]

#: What a committed project may not slip past when a new one is admitted.
Hold = Literal["plan", "deadline"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ProjectOutcome(_Model):
    """One project in the joint plan.

    ``standalone_makespan`` is its plan alone with every person to
    itself (``standalone_status`` says whether that is a proven
    optimum); ``sharing_cost_days`` the working days the sharing costs
    it (its makespan minus the stand-alone one); ``limited_by`` the
    people of its team who work on other projects' tasks while it runs,
    most days first (who the sharing costs it).  ``result`` is the usual
    result contract for the project on its own (checker-clean).
    """

    name: str
    weight: float
    priority: int | None = None
    deadline: date | None = None
    makespan: int | None = None
    finish_date: date | None = None
    grid_finish: int | None = None
    tardiness_days: int | None = None
    standalone_makespan: int | None = None
    standalone_status: SolveStatus | None = None
    sharing_cost_days: int | None = None
    limited_by: list[str] = Field(default_factory=list)
    result: Result


class PortfolioLoad(_Model):
    """A person's work across the portfolio: busy days (days ×
    allocation) per project and in all, available days on the grid up
    to the portfolio's makespan (vacations out, × availability), their
    ratio, and the dates on which their allocations add up above their
    availability (none in a valid plan)."""

    person: str
    projects: dict[str, float] = Field(default_factory=dict)
    busy_days: float
    available_days: float
    load: float
    overloaded: list[date] = Field(default_factory=list)


class Reference(_Model):
    """The priority-order heuristic's plan (each project in priority
    order on the capacity the earlier ones left: pool levelling as MS
    Project and Primavera do it), valued on the chosen objective."""

    objective_value: float | None = None
    makespans: list[int] = Field(default_factory=list)
    meets_deadlines: bool = True


class PortfolioPlan(_Model):
    """The joint plan of a portfolio.

    ``objective_value`` and ``bound`` are in the objective's units
    (weighted working days, weighted days late, working days, money);
    for ``priority`` (lexicographic), those of the first project in
    priority order, with ``priority_finishes`` the whole vector.
    ``schedule_from`` names the heuristic whose plan was better than
    the search's in the time given (then reported, FEASIBLE): ``"priority
    heuristic"`` or ``"smith order"`` (the projects by weight per day
    alone, highest first); ``solver["first_plan"]`` the one the search
    started from.  ``violations`` is what the independent checker finds
    in the plan, project by project and across projects
    (:func:`~plansat.check.portfolio.portfolio_violations`): empty.
    """

    name: str
    status: SolveStatus
    objective: PortfolioObjective
    objective_value: float | None = None
    bound: float | None = None
    gap: float | None = None
    runtime: float = 0.0
    start: date
    makespan: int | None = None
    finish_date: date | None = None
    priority_finishes: list[int] = Field(default_factory=list)
    heuristic: Reference = Field(default_factory=Reference)
    schedule_from: str | None = None
    projects: list[ProjectOutcome] = Field(default_factory=list)
    people: list[PortfolioLoad] = Field(default_factory=list)
    violations: list[str] = Field(default_factory=list)
    explanation: str | None = None
    conflicts: list[str] = Field(default_factory=list)
    solver: dict[str, Any] = Field(default_factory=dict)


class Finish(_Model):
    """A finish: the date and the working days from the project's
    start."""

    date: date
    makespan: int


class CurvePoint(_Model):
    """One point of the admission trade-off: the new project finishes
    within ``makespan`` working days and the committed projects slip by
    ``total_delay`` working days in all (``delays`` per project), the
    least possible (``status`` OPTIMAL) or with its ``gap``.
    ``limited_by``: the new project's people who work on committed
    projects while it runs."""

    makespan: int
    finish_date: date
    total_delay: int
    status: SolveStatus
    bound: float | None = None
    gap: float | None = None
    delays: dict[str, int] = Field(default_factory=dict)
    limited_by: list[str] = Field(default_factory=list)


class AdmitReport(_Model):
    """Can we take this one on?

    ``earliest_finish`` is the new project's earliest finish with no
    committed project slipping past its finish in the current joint plan
    (``hold="plan"``) or past its deadline (``hold="deadline"``);
    ``standalone_makespan`` its finish alone; ``curve`` the trade-off
    between its finish and the committed projects' total delay.
    """

    project: str
    status: SolveStatus
    hold: Hold
    earliest_finish: Finish | None = None
    gap: float | None = None
    standalone_makespan: int | None = None
    committed: dict[str, int] = Field(default_factory=dict)
    limited_by: list[str] = Field(default_factory=list)
    curve: list[CurvePoint] = Field(default_factory=list)
    explanation: str | None = None
    runtime: float = 0.0
