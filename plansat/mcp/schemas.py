"""What the six common tools return: pydantic models, so every tool has
an output schema and structured content.

Every result has ``success``, ``project_id`` and ``message`` (a one-line
summary with the key figures).  Times are working-day indices from the
project start (``start``, ``finish``: a task occupies ``[start,
finish)``) next to calendar dates (``finish_date``: the task's last
working day); money is in the project's unit.  A failed call is an
``is_error`` result with the reason instead.

The reports plansat's analyses already define (``Evm``,
``TaskStatus``, ``Blocker``, ...) are embedded as they are.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from plansat.models import SolveStatus
from plansat.models.impact import Baseline, Blocker, SkillGain
from plansat.models.result import CostBreakdown, TaskResult
from plansat.models.status import Evm, MilestoneStatus, TaskStatus

__all__ = [
    "AssignResult",
    "AssignedPerson",
    "Assignment",
    "BlockersResult",
    "BufferTask",
    "CreateProjectResult",
    "GanttBar",
    "KeyMetrics",
    "MilestoneRow",
    "Notification",
    "NotificationResult",
    "ProjectInfo",
    "RiskOutlook",
    "TaskRow",
    "TimelineResult",
    "ToolResult",
    "TrackResult",
    "Utilisation",
]

Focus = Literal["time", "cost", "resources", "risk"]
#: The Monte Carlo percentile a committed finish stands for (P50 at
#: least: a commitment with less than an even chance is no commitment).
Commitment = Literal["p50", "p80", "p90", "p95"]
Strategy = Literal["balanced", "skill_based", "priority_first"]
Scope = Literal["all", "critical_path", "resource_conflicts"]
Threshold = Literal["low", "medium", "high"]
NotificationType = Literal["status_update", "milestone", "alert", "custom"]
StatusLabel = Literal[
    "not_started", "on_track", "at_risk", "behind", "off_track",
    "complete", "no_plan",
]


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ToolResult(_Out):
    """The keys every tool result has.  ``success`` is false when a call
    that makes a plan found none (its ``status`` has no schedule:
    INFEASIBLE, UNKNOWN, ...): the answer then explains why."""

    success: bool = True
    project_id: str | None = None
    message: str

    @model_validator(mode="after")
    def _no_plan_no_success(self) -> ToolResult:
        status = getattr(self, "status", None)
        if isinstance(status, SolveStatus) and not status.has_solution:
            self.success = False
        return self


class ProjectInfo(_Out):
    """A stored project in figures (``cpm_*``: the critical-path method
    on the links alone, no people or resources)."""

    project_id: str
    name: str
    description: str = ""
    revision: int
    start: date
    deadline: date | None = None
    status_date: date | None = None
    tasks: int
    people: int
    resources: int
    links: int
    milestones: int
    cpm_duration: int
    cpm_finish: date
    cpm_critical_path: list[str] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)


class CreateProjectResult(ToolResult):
    """``create_project``: the new project at revision 1."""

    revision: int
    summary: ProjectInfo


class TaskRow(TaskResult):
    """One task of a schedule: the result's row
    (:class:`~plansat.models.result.TaskResult`) with what an assistant
    needs beside it.  ``critical``: float 0; ``predecessors`` and
    ``successors``: the linked tasks' ids; ``priority``: the task's."""

    critical: bool = False
    predecessors: list[str] = Field(default_factory=list)
    successors: list[str] = Field(default_factory=list)
    priority: int = 500


class RiskOutlook(_Out):
    """Monte Carlo finish of the plan (three-point estimates and risk
    events): percentiles in working days and dates, and the chance of
    meeting the project deadline (``None`` without one)."""

    iterations: int
    p50: int
    p80: int
    p95: int
    p50_date: date
    p80_date: date
    p95_date: date
    mean: float
    deadline: date | None = None
    deadline_probability: float | None = None


class BufferTask(_Out):
    """The project buffer: the working days from the plan's finish to
    the committed P-level's finish (default P80) of the Monte Carlo.  It
    pushes the committed finish; no task is stretched."""

    id: str = "BUFFER"
    name: str = "Project buffer (to the P80 finish)"
    start: int
    finish: int
    duration: int
    start_date: date
    finish_date: date


class MilestoneRow(_Out):
    """A date worth watching: a zero-duration task, the finish, the
    buffered finish or the deadline (``slack_days``: working days to
    spare, negative when missed)."""

    id: str
    name: str | None = None
    kind: Literal["milestone", "finish", "buffered_finish", "deadline"]
    date: date
    slack_days: int | None = None


class GanttBar(_Out):
    """A bar of the Gantt chart, first to last working day."""

    id: str
    name: str | None = None
    kind: Literal["task", "milestone", "buffer"]
    start: date
    finish: date
    critical: bool = False
    people: list[str] = Field(default_factory=list)


class TimelineResult(ToolResult):
    """``generate_timeline``: the stored plan."""

    revision: int
    plan_id: int | None = None
    optimization_focus: Focus
    objective: str
    status: SolveStatus
    objective_value: float | None = None
    bound: float | None = None
    gap: float | None = None
    makespan: int | None = None
    start_date: date
    finish_date: date | None = None
    committed_finish: date | None = None
    commitment_level: str | None = None
    deadline: date | None = None
    deadline_met: bool | None = None
    critical_path: list[str] = Field(default_factory=list)
    critical_path_start: str | None = None
    schedule: list[TaskRow] = Field(default_factory=list)
    buffer: BufferTask | None = None
    risk: RiskOutlook | None = None
    cost: CostBreakdown = Field(default_factory=CostBreakdown)
    milestones: list[MilestoneRow] = Field(default_factory=list)
    gantt: list[GanttBar] = Field(default_factory=list)
    explanation: str | None = None
    conflicts: list[str] = Field(default_factory=list)
    violations: list[str] = Field(default_factory=list)
    runtime: float = 0.0


class AssignedPerson(_Out):
    """A person on a task, the need they fill and their level in it
    (``skill`` ``None``: pinned beyond the needs)."""

    id: str
    name: str | None = None
    skill: str | None = None
    level: int | None = None
    required_level: int | None = None


class Assignment(_Out):
    """Who works on a task, and when."""

    task_id: str
    task_name: str | None = None
    priority: int = 500
    start_date: date
    finish_date: date
    people: list[AssignedPerson] = Field(default_factory=list)


class Utilisation(_Out):
    """A person's load over the plan: busy days × allocation ÷ available
    working days (vacations and availability counted)."""

    person: str
    name: str | None = None
    load: float
    busy_days: float
    available_days: float
    tasks: list[str] = Field(default_factory=list)


class AssignResult(ToolResult):
    """``assign_tasks``: the skill-matched assignment of the stored
    plan."""

    revision: int
    plan_id: int | None = None
    assignment_strategy: Strategy
    objective: str
    status: SolveStatus
    makespan: int | None = None
    finish_date: date | None = None
    tasks_added: list[str] = Field(default_factory=list)
    assignments: list[Assignment] = Field(default_factory=list)
    utilisation: list[Utilisation] = Field(default_factory=list)
    over_utilised: list[str] = Field(default_factory=list)
    under_utilised: list[str] = Field(default_factory=list)
    idle: list[str] = Field(default_factory=list)
    conflicts: list[str] = Field(default_factory=list)
    explanation: str | None = None
    violations: list[str] = Field(default_factory=list)


class KeyMetrics(_Out):
    """The headline earned-value figures (all of them in ``evm`` with
    ``detailed_metrics``)."""

    bac: float
    pv: float
    ev: float
    ac: float
    spi: float | None = None
    cpi: float | None = None
    spi_t: float | None = None
    eac: float | None = None
    vac: float | None = None


class TrackResult(ToolResult):
    """``track_progress``: the status against the baseline, the
    re-plan's forecast and, with predictions, the Monte Carlo outlook."""

    revision: int
    recorded: bool = False
    snapshot_id: int | None = None
    baseline: int | None = None
    plan_id: int | None = None
    status_date: date | None = None
    status_label: StatusLabel
    status_reason: str
    percent_complete: float = 0
    baseline_finish: date | None = None
    forecast_finish: date | None = None
    slip_days: int | None = None
    baseline_makespan: int | None = None
    forecast_makespan: int | None = None
    metrics: KeyMetrics | None = None
    evm: Evm | None = None
    predictions: RiskOutlook | None = None
    late_tasks: list[str] = Field(default_factory=list)
    tasks: list[TaskStatus] = Field(default_factory=list)
    milestones: list[MilestoneStatus] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class BlockersResult(ToolResult):
    """``identify_blockers``: ranked blockers with computed impact;
    ``baseline`` is the plan they are measured against (after a status
    date: the re-plan at that date)."""

    scope: Scope
    severity_threshold: Threshold
    plan_status: SolveStatus
    baseline: Baseline | None = None
    counts: dict[str, int] = Field(default_factory=dict)
    blockers: list[Blocker] = Field(default_factory=list)
    skills: list[SkillGain] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    runtime: float = 0.0


class Notification(_Out):
    """A message in the outbox and, when delivered, where and when.

    ``status``: ``held`` (no channel carries it: kept in the outbox),
    ``pending`` (a dispatcher will send it), ``sending``, ``delivered``
    or ``dead`` (failed too often; ``last_error`` says why).
    ``channel`` is the channel's name (``"outbox"`` when held),
    ``address`` the e-mail address (empty for a webhook).
    """

    id: int
    recipient: str
    subject: str
    body: str
    created: datetime
    delivered: bool = False
    channel: str = "outbox"
    status: str = "held"
    address: str = ""
    key: str = ""
    attempts: int = 0
    last_error: str = ""
    delivered_at: datetime | None = None


class NotificationResult(ToolResult):
    """``send_notifications``: the messages put into the outbox and, with
    ``deliver``, what was delivered where.  ``delivered`` is true when
    every message was delivered; ``channel`` lists the channels that
    carry them (``"outbox"``: none)."""

    notification_type: NotificationType
    delivered: bool = False
    channel: str = "outbox"
    notes: list[str] = Field(default_factory=list)
    messages: list[Notification] = Field(default_factory=list)
