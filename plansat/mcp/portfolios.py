"""The portfolio tools: ``save_portfolio`` (a named set of stored
projects with weights, priorities and deadlines), ``plan_portfolio``
(the joint plan, as ``plansat portfolio solve``) and ``admit_project``
(can the portfolio take on a stored project? as ``plansat portfolio
admit``).  The answers are the Python API's, on the store's projects.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Annotated

from mcp.server.mcpserver import Context
from pydantic import BaseModel, ConfigDict, Field

from plansat.analysis.portfolio import admit, plan_portfolio
from plansat.mcp.plans import options
from plansat.mcp.runtime import AppState, Reporter, ToolSpec, call
from plansat.mcp.schemas import ToolResult
from plansat.mcp.standard_tools import ProjectId, TimeLimit
from plansat.models import Project
from plansat.models.portfolio import Portfolio
from plansat.models.portfolio_report import (
    AdmitReport,
    Hold,
    PortfolioObjective,
    PortfolioPlan,
)
from plansat.options import SolveOptions
from plansat.store.portfolios import PortfolioMember

__all__ = ["PORTFOLIO_TOOLS", "admit_off", "admit_project", "plan_off",
           "plan_portfolio_tool", "save_portfolio"]

PortfolioId = Annotated[str, Field(min_length=1, max_length=100,
                                   description="The portfolio's id.")]


class Member(BaseModel):
    """A stored project in a portfolio."""

    model_config = ConfigDict(extra="forbid")

    project_id: str = Field(min_length=1, max_length=100)
    weight: float = Field(default=1.0, gt=0, le=1e6)
    priority: int | None = Field(default=None, ge=1)
    deadline: date | None = None
    earliest_start: date | None = None


class SavePortfolioResult(ToolResult):
    """``save_portfolio``: the stored portfolio."""

    portfolio_id: str
    projects: list[str]


class PlanPortfolioResult(ToolResult):
    """``plan_portfolio``: the joint plan (``success`` false without
    one)."""

    portfolio_id: str
    plan: PortfolioPlan


class AdmitProjectResult(ToolResult):
    """``admit_project``: the earliest finish and the trade-off curve
    (``success`` false without a plan)."""

    portfolio_id: str
    report: AdmitReport


def _save(state: AppState, reporter: Reporter, portfolio_id: str,
          projects: list[Member], name: str | None
          ) -> SavePortfolioResult:
    members = [PortfolioMember(**m.model_dump()) for m in projects]
    record = state.store.save_portfolio(portfolio_id, members, name=name)
    state.store.load_portfolio(portfolio_id)  # the rules hold together
    ids = [m.project_id for m in record.projects]
    return SavePortfolioResult(
        portfolio_id=record.id, projects=ids,
        message=f"saved portfolio {record.id} ({record.name}): "
                f"{', '.join(ids)}")


def _plan(state: AppState, reporter: Reporter, portfolio_id: str,
          objective: PortfolioObjective, time_limit: float
          ) -> PlanPortfolioResult:
    pf = state.store.load_portfolio(portfolio_id)
    state.limits.check_counts(
        tasks=sum(len(e.loaded.tasks) for e in pf.projects),
        people=len({p.id for e in pf.projects for p in e.loaded.people}))
    opts = options("time", state.limits.time_limit(time_limit),
                   state.limits.workers)
    reporter.stage = "planning the portfolio"
    tasks = sum(len(e.loaded.tasks) for e in pf.projects)
    offload = getattr(reporter, "offload", None)
    if offload is not None and offload.wanted(tasks):
        reporter.stage = (f"planning the portfolio ({tasks} tasks) on "
                          f"{offload.where}")
        plan = offload.run(reporter.cancel, plan_off, pf, opts, objective)
    else:
        plan = plan_portfolio(pf, opts, objective=objective,
                              progress=reporter)
    rows = "; ".join(
        f"{p.name} {p.finish_date} ({p.makespan} days, +"
        f"{p.sharing_cost_days} for sharing)" for p in plan.projects)
    return PlanPortfolioResult(
        portfolio_id=portfolio_id, plan=plan,
        success=plan.status.has_solution,
        message=(f"{plan.status} {objective} {plan.objective_value} "
                 f"(bound {plan.bound}; priority-order heuristic "
                 f"{plan.heuristic.objective_value}); {rows}"
                 + (f"; {plan.explanation}" if plan.explanation else "")))


def plan_off(pf: Portfolio, opts: SolveOptions,
             objective: PortfolioObjective) -> PortfolioPlan:
    """:func:`plan_portfolio` as an executor runs it (a large portfolio:
    :mod:`plansat.mcp.offload`)."""
    return plan_portfolio(pf, opts, objective=objective)


def admit_off(pf: Portfolio, new: Project, opts: SolveOptions, hold: Hold,
              points: int) -> AdmitReport:
    """:func:`admit` as an executor runs it."""
    return admit(pf, new, opts, hold=hold, points=points)


def _admit(state: AppState, reporter: Reporter, portfolio_id: str,
           project_id: str, hold: Hold, points: int, time_limit: float
           ) -> AdmitProjectResult:
    pf = state.store.load_portfolio(portfolio_id)
    new = state.store.get_project(project_id).project
    opts = options("time", state.limits.time_limit(time_limit),
                   state.limits.workers)
    reporter.stage = "admitting the project"
    tasks = sum(len(e.loaded.tasks) for e in pf.projects) + len(new.tasks)
    offload = getattr(reporter, "offload", None)
    if offload is not None and offload.wanted(tasks):
        reporter.stage = (f"admitting the project ({tasks} tasks) on "
                          f"{offload.where}")
        report = offload.run(reporter.cancel, admit_off, pf, new, opts,
                             hold, points)
    else:
        report = admit(pf, new, opts, hold=hold, points=points)
    if report.earliest_finish is None:
        text = f"{report.status}: {report.explanation}"
    else:
        e = report.earliest_finish
        text = (f"earliest finish {e.date} ({e.makespan} working days, "
                f"alone {report.standalone_makespan}) with nothing "
                f"committed slipping past its {hold}; curve: " + "; ".join(
                    f"{p.makespan} days at {p.total_delay} days of delay"
                    for p in report.curve))
    return AdmitProjectResult(portfolio_id=portfolio_id,
                              project_id=project_id, report=report,
                              success=report.earliest_finish is not None,
                              message=text)


async def save_portfolio(
    ctx: Context,
    portfolio_id: PortfolioId,
    projects: Annotated[list[Member], Field(
        min_length=1, max_length=200,
        description="The stored projects, each with its weight, "
                    "priority (1 first), deadline, earliest_start.")],
    name: Annotated[str | None, Field(max_length=200)] = None,
) -> SavePortfolioResult:
    """Create or replace a portfolio of stored projects."""
    return await call(ctx, partial(_save, portfolio_id=portfolio_id,
                                   projects=projects, name=name))


async def plan_portfolio_tool(
    ctx: Context,
    portfolio_id: PortfolioId,
    objective: PortfolioObjective = "weighted",
    time_limit: TimeLimit = 20,
) -> PlanPortfolioResult:
    """Plan a stored portfolio's projects together."""
    return await call(ctx, partial(
        _plan, portfolio_id=portfolio_id, objective=objective,
        time_limit=time_limit), seconds=time_limit,
        stage="planning the portfolio")


plan_portfolio_tool.__name__ = "plan_portfolio"


async def admit_project(
    ctx: Context,
    portfolio_id: PortfolioId,
    project_id: ProjectId,
    hold: Hold = "plan",
    points: Annotated[int, Field(ge=1, le=20)] = 5,
    time_limit: TimeLimit = 30,
) -> AdmitProjectResult:
    """Can the portfolio take on a stored project?"""
    return await call(ctx, partial(
        _admit, portfolio_id=portfolio_id, project_id=project_id,
        hold=hold, points=points, time_limit=time_limit),
        seconds=time_limit, stage="admitting the project")


#: The portfolio tools.
PORTFOLIO_TOOLS: tuple[ToolSpec, ...] = (
    ToolSpec(save_portfolio, "Create or replace a portfolio: stored "
             "projects sharing people, with weights, priorities and "
             "deadlines.", writes=True, idempotent=True),
    ToolSpec(plan_portfolio_tool, (
        "Plan a stored portfolio's projects together (shared people's "
        "capacity across projects): each project's finish, its finish "
        "alone, the days sharing costs it and who causes that; "
        "objective weighted (default), tardiness, makespan, cost or "
        "priority."), writes=False),
    ToolSpec(admit_project, (
        "Can a stored portfolio take on a stored project? Its earliest "
        "finish with nothing committed slipping, and the trade-off "
        "between its finish and the committed projects' total delay."),
        writes=False),
)
