"""A schedule in solver terms, and the crude horizon every model starts
from.

:class:`Plan` is what heuristics and CP-SAT produce and what
:mod:`plansat.schedule.evaluate` turns into a :class:`~plansat.models.Result`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from plansat.models import Project


@dataclass
class Plan:
    """A schedule in solver terms.

    Attributes
    ----------
    start, duration
        Working-day start and duration per task id: the task occupies
        ``[start, start + duration)``.
    worked
        Split tasks only (see :meth:`Project.splits
        <plansat.models.Project.splits>`): the days worked, when fewer
        than ``duration`` (the span, pauses included).
    people
        Per task id, per need, the people filling its slots; pinned people
        beyond the needs form one more group at the end.
    overlap
        Overlap days per FS link ``(predecessor, successor)`` (> 0 only).
    mode
        Chosen mode per multi-mode task.
    """

    start: dict[str, int] = field(default_factory=dict)
    duration: dict[str, int] = field(default_factory=dict)
    people: dict[str, list[list[str]]] = field(default_factory=dict)
    overlap: dict[tuple[str, str], int] = field(default_factory=dict)
    mode: dict[str, int] = field(default_factory=dict)
    worked: dict[str, int] = field(default_factory=dict)

    def work(self, task_id: str) -> int:
        """Days worked on ``task_id`` (its duration unless it splits)."""
        return self.worked.get(task_id, self.duration[task_id])

    def mode_of(self, task_id: str) -> int | None:
        """Chosen mode index (``None`` for a single-mode task)."""
        return self.mode.get(task_id)

    @property
    def makespan(self) -> int:
        """Latest finish of the plan."""
        return max(
            (self.start[t] + self.duration[t] for t in self.start), default=0
        )

    def finish(self, task_id: str) -> int:
        """Finish day of ``task_id``."""
        return self.start[task_id] + self.duration[task_id]


def crude_horizon(project: Project) -> int:
    """A finish day no schedule built in precedence order needs to pass
    (:attr:`plansat.models.Project.crude_horizon`, the one formula that
    validation keeps inside the calendar)."""
    return project.crude_horizon
