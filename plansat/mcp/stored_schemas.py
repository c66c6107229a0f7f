"""What the tools on stored projects return (``list_projects``,
``get_project``, ``update_project``, ``set_baseline``, ``replan``, ``what_if``,
``plan_releases``, ``crash_options``, ``check_plan``); see
:mod:`plansat.mcp.schemas` for the conventions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import Field

from plansat.mcp.schemas import ProjectInfo, TaskRow, ToolResult, _Out
from plansat.models import SolveStatus
from plansat.models.delivery import ReleasePlan
from plansat.models.impact import WhatIf
from plansat.models.result import CostBreakdown
from plansat.models.tradeoff import TradeoffCurve

__all__ = [
    "BaselineResult",
    "BaselineRow",
    "CheckResult",
    "CrashResult",
    "GetProjectResult",
    "ListProjectsResult",
    "PlanRow",
    "ProjectRow",
    "ReleasesResult",
    "ReplanResult",
    "RevisionRow",
    "UpdateProjectResult",
    "WhatIfResult",
]


class ProjectRow(_Out):
    """A stored project, without its body."""

    id: str
    name: str
    description: str = ""
    revision: int
    updated: datetime


class ListProjectsResult(ToolResult):
    """``list_projects``."""

    projects: list[ProjectRow] = Field(default_factory=list)


class BaselineRow(_Out):
    """A numbered baseline."""

    number: int
    revision: int
    created: datetime
    status: SolveStatus
    makespan: int | None = None
    finish_date: date | None = None
    cost: float
    note: str = ""


class PlanRow(_Out):
    """A stored plan (``current``: solved from the current revision)."""

    id: int
    kind: str
    revision: int
    current: bool
    created: datetime
    status: SolveStatus
    objective: str
    makespan: int | None = None
    finish_date: date | None = None
    cost: float


class RevisionRow(_Out):
    """One revision of the history: when, and who wrote it (the
    identity of the writer's token; ``""`` when none was given)."""

    revision: int
    created: datetime
    name: str
    author: str = ""


class GetProjectResult(ToolResult):
    """``get_project``: the project JSON and what is stored with it."""

    revision: int
    summary: ProjectInfo
    project: dict[str, Any]
    revisions: int
    history: list[RevisionRow] = Field(default_factory=list)
    baselines: list[BaselineRow] = Field(default_factory=list)
    latest_plan: PlanRow | None = None


class UpdateProjectResult(ToolResult):
    """``update_project``: the new revision."""

    revision: int
    previous_revision: int
    summary: ProjectInfo
    changed: list[str] = Field(default_factory=list)


class BaselineResult(ToolResult):
    """``set_baseline``: the baseline saved."""

    baseline: BaselineRow


class ReplanResult(ToolResult):
    """``replan``: the least-change re-plan from the status date."""

    revision: int
    plan_id: int | None = None
    baseline: int | None = None
    status: SolveStatus
    objective: str
    status_date: date | None = None
    makespan: int | None = None
    finish_date: date | None = None
    baseline_finish: date | None = None
    slip_days: int | None = None
    moved: int = 0
    reassigned: int = 0
    change: float | None = None
    cost: CostBreakdown = Field(default_factory=CostBreakdown)
    schedule: list[TaskRow] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    explanation: str | None = None
    violations: list[str] = Field(default_factory=list)


class WhatIfResult(ToolResult):
    """``what_if``: the plan, the change propagated through it (nobody
    re-plans) and the optimal recovery."""

    whatif: WhatIf


class ReleasesResult(ToolResult):
    """``plan_releases``: the value-maximising release plan."""

    plan: ReleasePlan


class CrashResult(ToolResult):
    """``crash_options``: the exact time-cost trade-off curve."""

    curve: TradeoffCurve


class CheckResult(ToolResult):
    """``check_plan``: what the independent checker finds."""

    ok: bool
    plan_id: int | None = None
    plan_kind: str | None = None
    plan_revision: int | None = None
    violations: list[str] = Field(default_factory=list)
