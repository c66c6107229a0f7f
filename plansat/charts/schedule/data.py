"""The numbers behind each chart of the report, without any plotting.

Every function here takes a :class:`~plansat.models.Project` and a
:class:`~plansat.models.Result` and returns plain frozen dataclasses that
the HTML report (:mod:`plansat.charts.schedule.page`) and the PNG
(:mod:`plansat.charts.schedule.png`) draw.  Nothing is taken on trust from the
chart libraries, so the tests check these values against hand-computed
ones.  This module gathers them from where they live:

- :mod:`plansat.charts.timeline`: tasks, length, floats, reading order;
- :mod:`plansat.charts.schedule.gantt_data`: the Gantt bars;
- :mod:`plansat.charts.series`: daily load per person and usage per
  pooled resource;
- :mod:`plansat.charts.schedule.tables`: summary, critical-path rows, time-cost
  curve.

Critical tasks
--------------
One definition is used everywhere (see :data:`CRITICAL_DEFINITION`): a
task is critical when its total float *in the schedule* is 0 or less —
it cannot finish later without delaying the project's finish, taking
into account the dependencies and the order of the tasks that share a
person or a single-unit resource.  The float is the result's
``TaskResult.total_float``; a hand-made result without floats gets them
from :func:`plansat.schedule.floats.schedule_float`, the same computation
the solver uses.  The nominal CPM flag (:func:`plansat.critical_path`,
no people, no resources) is shown next to it for reference only.
"""

from __future__ import annotations

from plansat.charts.schedule.gantt_data import GanttBar, gantt_bars
from plansat.charts.schedule.tables import (
    CriticalRow,
    CurvePoint,
    Summary,
    critical_rows,
    curve_points,
    summary,
)
from plansat.charts.series import (
    LoadSeries,
    UsageSeries,
    person_load_series,
    resource_usage_series,
)
from plansat.charts.timeline import horizon, schedule_floats, task_order

__all__ = [
    "CRITICAL_DEFINITION",
    "CriticalRow",
    "CurvePoint",
    "GanttBar",
    "LoadSeries",
    "Summary",
    "UsageSeries",
    "critical_rows",
    "curve_points",
    "gantt_bars",
    "horizon",
    "person_load_series",
    "resource_usage_series",
    "schedule_floats",
    "summary",
    "task_order",
]

#: How the report decides that a task is critical (shown in the report).
CRITICAL_DEFINITION = (
    "A task is critical when its total float in this schedule is 0: it "
    "cannot finish any later without delaying the project's finish, "
    "given its dependencies and the order of the tasks that share its "
    "people or single-unit resources. The CPM column is the nominal "
    "critical path (dependencies only, no people or resources), for "
    "reference."
)
