"""The six tools of the common project-management MCP server, with its
names, parameters and defaults, so an assistant set up for that server
works unchanged; new parameters are optional.

Each tool validates its arguments (the SDK refuses a bad enum or type
with ``is_error``), then runs its work in a worker thread
(:func:`plansat.mcp.runtime.call`); the work lives in
:mod:`plansat.mcp.planning`, :mod:`~plansat.mcp.assigning`,
:mod:`~plansat.mcp.tracking`, :mod:`~plansat.mcp.blocking` and
:mod:`~plansat.mcp.notify`.
"""

from __future__ import annotations

from functools import partial
from typing import Annotated, Any

from mcp.server.mcpserver import Context
from pydantic import Field

from plansat.mcp import assigning, blocking, notify, planning, tracking
from plansat.mcp.inputs import NewTask, ProgressInput
from plansat.mcp.runtime import ToolSpec, call
from plansat.mcp.schemas import (
    AssignResult,
    BlockersResult,
    Commitment,
    CreateProjectResult,
    Focus,
    NotificationResult,
    NotificationType,
    Scope,
    Strategy,
    Threshold,
    TimelineResult,
    TrackResult,
)

__all__ = [
    "STANDARD_TOOLS",
    "assign_tasks",
    "create_project",
    "generate_timeline",
    "identify_blockers",
    "send_notifications",
    "track_progress",
]

ProjectId = Annotated[str, Field(min_length=1, max_length=100,
                                 description="Project id.")]
TimeLimit = Annotated[float, Field(gt=0, description="Solver seconds.")]


async def create_project(
    ctx: Context,
    name: Annotated[str, Field(min_length=1, max_length=200,
                               description="Project name.")],
    description: Annotated[str, Field(max_length=10_000,
                                      description="Goals and scope.")] = "",
    team_size: Annotated[int, Field(
        ge=1, le=10_000,
        description="Expected team size (skeleton only).")] = 5,
    duration_weeks: Annotated[int, Field(
        ge=1, le=520, description="Skeleton deadline in weeks.")] = 12,
    project: Annotated[dict[str, Any] | None, Field(
        description="Full plansat project JSON (start, tasks, people, "
                    "links...).")] = None,
) -> CreateProjectResult:
    """Store a new project (see :func:`plansat.mcp.planning.create`)."""
    return await call(ctx, lambda state, _: planning.create(
        state, name, description, team_size, duration_weeks, project))


async def generate_timeline(
    ctx: Context,
    project_id: ProjectId,
    optimization_focus: Annotated[Focus, Field(
        description="time | cost | resources (even load) | risk.")] = "time",
    include_buffer: Annotated[bool, Field(
        description="Add a project buffer up to the committed "
                    "P-level's finish.")] = True,
    time_limit: TimeLimit = 10,
    commitment: Annotated[Commitment, Field(
        description="The Monte Carlo percentile the committed finish "
                    "stands for: p50 | p80 | p90 | p95.")] = "p80",
) -> TimelineResult:
    """Solve and store the plan (see :func:`plansat.mcp.planning.
    timeline`)."""
    return await call(ctx, partial(
        planning.timeline, project_id=project_id, focus=optimization_focus,
        include_buffer=include_buffer, time_limit=time_limit,
        commitment=commitment,
    ), seconds=time_limit, stage="solving")


async def assign_tasks(
    ctx: Context,
    project_id: ProjectId,
    tasks: Annotated[list[NewTask] | None, Field(
        description="Tasks to add first.")] = None,
    assignment_strategy: Annotated[Strategy, Field(
        description="balanced | skill_based (earliest finish) | "
                    "priority_first.")] = "balanced",
    time_limit: TimeLimit = 10,
) -> AssignResult:
    """Add tasks and assign people (see :func:`plansat.mcp.assigning.
    assign`)."""
    return await call(ctx, partial(
        assigning.assign, project_id=project_id, tasks=tasks,
        strategy=assignment_strategy, time_limit=time_limit,
    ), seconds=time_limit, stage="assigning")


async def track_progress(
    ctx: Context,
    project_id: ProjectId,
    include_predictions: Annotated[bool, Field(
        description="Monte Carlo P50/P80, deadline chance.")] = True,
    detailed_metrics: Annotated[bool, Field(
        description="Full EVM block and per-task rows.")] = False,
    progress: Annotated[ProgressInput | None, Field(
        description="Progress to record first.")] = None,
    time_limit: TimeLimit = 10,
) -> TrackResult:
    """Record progress and report the status (see
    :func:`plansat.mcp.tracking.track`)."""
    return await call(ctx, partial(
        tracking.track, project_id=project_id,
        include_predictions=include_predictions,
        detailed_metrics=detailed_metrics, progress=progress,
        time_limit=time_limit,
    ), seconds=time_limit, stage="tracking")


async def identify_blockers(
    ctx: Context,
    project_id: ProjectId,
    scope: Annotated[Scope, Field(
        description="all | critical_path | resource_conflicts.")] = "all",
    severity_threshold: Annotated[Threshold, Field(
        description="Lowest severity listed.")] = "medium",
    time_limit: TimeLimit = 10,
) -> BlockersResult:
    """Rank the plan's blockers (see :func:`plansat.mcp.blocking.find`)."""
    return await call(ctx, partial(
        blocking.find, project_id=project_id, scope=scope,
        threshold=severity_threshold, time_limit=time_limit,
    ), seconds=time_limit, stage="finding blockers")


async def send_notifications(
    ctx: Context,
    project_id: ProjectId,
    notification_type: Annotated[NotificationType, Field(
        description="status_update | milestone | alert | custom."
    )] = "status_update",
    recipients: Annotated[list[str], Field(
        max_length=500,
        description="Person ids, names or e-mails (default: every "
                    "person); other addresses only if a channel allows "
                    "them.",
    )] = [],  # noqa: B006 - the common server's default; never mutated
    custom_message: Annotated[str, Field(max_length=10_000)] = "",
    deliver: Annotated[bool, Field(
        description="Send now on the store's channels and report what "
                    "was delivered where (default: queue only).",
    )] = False,
    time_limit: TimeLimit = 10,
) -> NotificationResult:
    """Render messages into the outbox and, with ``deliver``, send them
    (see :func:`plansat.mcp.notify.notify`)."""
    return await call(ctx, partial(
        notify.notify, project_id=project_id, kind=notification_type,
        recipients=list(recipients), custom_message=custom_message,
        time_limit=time_limit, deliver=deliver,
    ), seconds=time_limit, stage="rendering")


#: The six common tools as the server registers them.
STANDARD_TOOLS: tuple[ToolSpec, ...] = (
    ToolSpec(create_project, (
        "Create and store a project. With `project` (plansat project "
        "JSON) it is validated and stored; without, a skeleton (kick-off "
        "milestone, deadline from duration_weeks) to fill in. Returns "
        "project_id and a critical-path summary."), writes=True),
    ToolSpec(generate_timeline, (
        "Solve the schedule with CP-SAT (proven optimal or bounded) and "
        "store it: per task dates, people, float, critical flag; critical "
        "path, cost, milestones, Gantt bars. Focus: time, cost, resources "
        "(even load) or risk (time + Monte Carlo). include_buffer adds a "
        "buffer after the last task up to the committed P-level's finish "
        "(commitment, default p80; never below p50)."), writes=True),
    ToolSpec(assign_tasks, (
        "Optionally add tasks (effort_hours, priority, required_skills, "
        "dependencies), then solve and store the skill-matched "
        "assignment: who fills each need at what level, loads, "
        "over/under-used people, conflicts."), writes=True),
    ToolSpec(track_progress, (
        "Record progress if given (status_date + per task actual_start, "
        "actual_finish, percent_complete, remaining), then report against "
        "the baseline: % complete, EVM, re-planned forecast, slip, status "
        "label; with predictions Monte Carlo P50/P80 and deadline "
        "chance."), writes=True),
    ToolSpec(identify_blockers, (
        "Rank what delays the current plan, each with computed impact "
        "(days, money) and resolutions: infeasibility, single points of "
        "failure, skill bottlenecks, deadline risk, late work."),
        writes=False, idempotent=True),
    ToolSpec(send_notifications, (
        "Render one message per recipient (default: every person) from "
        "the current plan, status, blockers and milestones; queue it in "
        "the outbox for the store's channels (e-mail, webhooks). With "
        "deliver=true it is sent now; each message says delivered, "
        "channel and delivered_at truthfully. Only the project's people "
        "can be addressed."), writes=True),
)
