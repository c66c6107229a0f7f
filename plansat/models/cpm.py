"""The critical-path report (output contract of ``plansat cpm``).

Computed by :func:`plansat.schedule.cpm.critical_path`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, PrivateAttr

if TYPE_CHECKING:
    import pandas as pd

#: Most critical paths a report lists.
MAX_PATHS = 50


class CpmTask(BaseModel):
    """Early and late dates and floats of one task.

    Attributes
    ----------
    id, name
        The task's id and name.
    es, ef
        Early start and finish (working days, ``ef = es + duration``).
    ls, lf
        Late start and finish; may be negative under a tight deadline.
    total_float
        ``ls - es``: how far the task can slip without delaying the
        project end bound (negative when a deadline can't be met).
    free_float
        How far the task can slip without delaying any successor's early
        dates (nor the project end bound or its own deadline).
    critical
        Whether the task has the least total float (and it is ``<= 0``).
    start_date, finish_date
        Calendar dates of working day ``es`` and ``ef - 1`` (``es`` for a
        milestone).
    """

    model_config = ConfigDict(extra="forbid")

    id: str
    name: str | None = None
    es: int
    ef: int
    ls: int
    lf: int
    total_float: int
    free_float: int
    critical: bool
    start_date: date
    finish_date: date


class CpmReport(BaseModel):
    """Result of :func:`critical_path`.

    Attributes
    ----------
    duration
        Project duration in working days (largest early finish).
    finish_date
        Date of the project's last working day (day ``duration - 1``).
    critical_paths
        Chains of critical tasks linked by driving links, each a list of
        task ids in order (at most :data:`MAX_PATHS`).
    near_critical
        Ids of non-critical tasks whose total float is at most the
        ``near_critical`` threshold asked for.
    tasks
        One :class:`CpmTask` per task, in project order.
    """

    model_config = ConfigDict(extra="forbid")

    duration: int
    finish_date: date
    critical_paths: list[list[str]]
    near_critical: list[str]
    tasks: list[CpmTask]

    _index: dict[str, int] | None = PrivateAttr(default=None)

    def task(self, task_id: str) -> CpmTask:
        """The analysed task with id ``task_id``.

        Raises
        ------
        KeyError
            When no task has that id.
        """
        if self._index is None:
            self._index = {t.id: k for k, t in enumerate(self.tasks)}
        return self.tasks[self._index[task_id]]

    @property
    def critical(self) -> list[str]:
        """Ids of the critical tasks, in project order."""
        return [t.id for t in self.tasks if t.critical]

    def to_frame(self) -> pd.DataFrame:
        """The analysis as a DataFrame, one row per task."""
        import pandas as pd

        columns = list(CpmTask.model_fields)
        return pd.DataFrame(
            [t.model_dump() for t in self.tasks], columns=columns
        )
