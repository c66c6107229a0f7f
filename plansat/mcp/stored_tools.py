"""The tools on stored projects beyond the six standard ones: the store
(``list_projects``, ``get_project``, ``update_project``,
``set_baseline``) and the analyses
(``replan``, ``what_if``, ``plan_releases``, ``crash_options``,
``check_plan``).  Their work lives in :mod:`plansat.mcp.stored`.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Annotated, Any

from mcp.server.mcpserver import Context
from pydantic import Field

from plansat.mcp import stored
from plansat.mcp.runtime import ToolSpec, call
from plansat.mcp.standard_tools import ProjectId, TimeLimit
from plansat.mcp.stored_schemas import (
    BaselineResult,
    CheckResult,
    CrashResult,
    GetProjectResult,
    ListProjectsResult,
    ReleasesResult,
    ReplanResult,
    UpdateProjectResult,
    WhatIfResult,
)
from plansat.models.result import Logic, Objective, Stability

__all__ = [
    "STORED_TOOLS",
    "check_plan",
    "crash_options",
    "get_project",
    "list_projects",
    "plan_releases",
    "replan",
    "set_baseline",
    "update_project",
    "what_if",
]


async def list_projects(ctx: Context) -> ListProjectsResult:
    """Every stored project."""
    return await call(ctx, stored.listing)


async def get_project(
    ctx: Context,
    project_id: ProjectId,
    revision: Annotated[int | None, Field(
        ge=1, description="Default: the current one.")] = None,
) -> GetProjectResult:
    """A stored project."""
    return await call(ctx, partial(stored.get, project_id=project_id,
                                   revision=revision))


async def update_project(
    ctx: Context,
    project_id: ProjectId,
    expected_revision: Annotated[int, Field(
        ge=1, description="The revision you read (get_project).")],
    patch: Annotated[dict[str, Any], Field(
        description="JSON merge patch; tasks/people/resources by id: "
                    '{"tasks": {"T4": {"duration": 9}, "T9": {...}, '
                    '"T2": null}}; links are a task\'s "after".')],
    description: Annotated[str | None, Field(max_length=10_000)] = None,
) -> UpdateProjectResult:
    """Patch a project into its next revision."""
    return await call(ctx, partial(
        stored.update, project_id=project_id,
        expected_revision=expected_revision, patch=patch,
        description=description))


async def set_baseline(
    ctx: Context,
    project_id: ProjectId,
    note: Annotated[str, Field(max_length=1000)] = "",
    time_limit: TimeLimit = 10,
) -> BaselineResult:
    """Save the current plan as the next baseline."""
    return await call(ctx, partial(
        stored.baseline, project_id=project_id, note=note,
        time_limit=time_limit), seconds=time_limit, stage="baselining")


async def replan(
    ctx: Context,
    project_id: ProjectId,
    objective: Annotated[Objective, Field(
        description="time | balance | cost | value | priority.")] = "time",
    logic: Annotated[Logic, Field(
        description="Out-of-sequence work: retained | override.")
    ] = "retained",
    stability: Annotated[Stability, Field(
        description="Kept close to the baseline: none | starts | people "
                    "| both.")] = "both",
    time_limit: TimeLimit = 10,
) -> ReplanResult:
    """Re-plan the rest of the project from its status date."""
    return await call(ctx, partial(
        stored.replan_project, project_id=project_id, objective=objective,
        logic=logic, stability=stability, time_limit=time_limit,
    ), seconds=time_limit, stage="re-planning")


async def what_if(
    ctx: Context,
    project_id: ProjectId,
    changes: Annotated[list[str], Field(
        max_length=100,
        description="e.g. 'delay T004:5', 'duration T2:9', 'unavailable "
                    "bob:2025-07-21:2025-07-25', 'remove-person eva', "
                    "'capacity staging:2', 'deadline 2025-10-01', "
                    "'need T6:qa:3'.")],
    add_people: Annotated[list[dict[str, Any]], Field(
        max_length=100, description="People to add (project JSON).")
    ] = [],  # noqa: B006 - never mutated
    time_limit: TimeLimit = 10,
) -> WhatIfResult:
    """The impact of changes on the current plan."""
    return await call(ctx, partial(
        stored.whatif, project_id=project_id, changes=list(changes),
        add_people=list(add_people), time_limit=time_limit,
    ), seconds=time_limit, stage="what-if")


async def plan_releases(
    ctx: Context,
    project_id: ProjectId,
    time_limit: TimeLimit = 10,
) -> ReleasesResult:
    """The release plan that ships the most value earliest."""
    return await call(ctx, partial(
        stored.releases, project_id=project_id, time_limit=time_limit,
    ), seconds=time_limit, stage="planning releases")


async def crash_options(
    ctx: Context,
    project_id: ProjectId,
    points: Annotated[int | None, Field(
        ge=2, le=200, description="Durations on the curve (default: "
                                  "all).")] = None,
    deadline: Annotated[date | None, Field(
        description="Cheapest plan meeting this date.")] = None,
    time_limit: TimeLimit = 20,
) -> CrashResult:
    """The time-cost trade-off curve."""
    return await call(ctx, partial(
        stored.crash, project_id=project_id, points=points,
        deadline=deadline, time_limit=time_limit,
    ), seconds=time_limit, stage="crashing")


async def check_plan(
    ctx: Context,
    project_id: ProjectId,
    plan: Annotated[dict[str, Any] | None, Field(
        description="A plan (Result JSON); default: the stored one.")
    ] = None,
) -> CheckResult:
    """Check a plan with the independent checker."""
    return await call(ctx, partial(stored.check, project_id=project_id,
                                   plan=plan))


#: The further tools as the server registers them.
STORED_TOOLS: tuple[ToolSpec, ...] = (
    ToolSpec(list_projects, "List the stored projects (id, name, "
             "revision).", writes=False, idempotent=True),
    ToolSpec(get_project, "A stored project's JSON, summary, baselines "
             "and latest plan.", writes=False, idempotent=True),
    ToolSpec(update_project, (
        "Change a project (tasks, people, links, dates...) with a JSON "
        "merge patch; refused unless the project is still at "
        "expected_revision."), writes=True),
    ToolSpec(set_baseline, "Save the current plan as the next numbered "
             "baseline (what progress is tracked against).", writes=True),
    ToolSpec(replan, (
        "Re-plan the remaining work from the status date (history frozen) "
        "with the least change from the baseline; stores the plan."),
        writes=True),
    ToolSpec(what_if, (
        "What a change does to the current plan: propagated as is, and "
        "optimally re-planned with the cheapest recovery. Nothing is "
        "stored."), writes=False, idempotent=True),
    ToolSpec(plan_releases, (
        "Plan which features ship in which release to ship the most value "
        "earliest (needs features and releases). Nothing is stored."),
        writes=False, idempotent=True),
    ToolSpec(crash_options, (
        "The exact time-cost trade-off: the cheapest crashing/"
        "fast-tracking for each duration, and for a deadline. Nothing is "
        "stored."), writes=False, idempotent=True),
    ToolSpec(check_plan, (
        "Check a plan (default: the stored one) with the independent "
        "checker: links, skills, vacations, capacities, deadlines, costs."),
        writes=False, idempotent=True),
)
