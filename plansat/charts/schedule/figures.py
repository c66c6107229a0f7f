"""The plotly figures of the HTML report, by id.

:func:`build_figures` builds every chart the page shows; the builders
live in :mod:`plansat.charts.schedule.gantt`,
:mod:`plansat.charts.schedule.daily` and
:mod:`plansat.charts.schedule.curve` and are re-exported here.  plotly is
imported only when a figure is built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plansat.charts.schedule.curve import curve_figure
from plansat.charts.schedule.daily import load_figure, usage_figure
from plansat.charts.schedule.gantt import gantt_figure
from plansat.charts.schedule.gantt_data import gantt_bars
from plansat.charts.schedule.tables import curve_points
from plansat.charts.series import person_load_series, resource_usage_series
from plansat.charts.timeline import nominal_cpm
from plansat.models import Project, Result
from plansat.schedule.cpm import CpmReport

if TYPE_CHECKING:
    import plotly.graph_objects as go

    from plansat.models.tradeoff import TradeoffCurve

__all__ = [
    "build_figures",
    "curve_figure",
    "gantt_figure",
    "load_figure",
    "usage_figure",
]


def build_figures(
    project: Project,
    result: Result,
    curve: TradeoffCurve | None = None,
    cpm: CpmReport | None = None,
) -> dict[str, go.Figure]:
    """The report's plotly figures by id.

    Parameters
    ----------
    project, result
        The project and its result.
    curve
        Optional time-cost curve (from
        :func:`plansat.analysis.tradeoff.tradeoff`).
    cpm
        The nominal CPM report (computed when not given).

    Returns
    -------
    dict of str to plotly.graph_objects.Figure
        ``gantt``, ``load`` (with people) and ``resources`` (with pooled
        resources) when the result has a schedule; ``curve`` given a
        curve with points.
    """
    figures: dict[str, go.Figure] = {}
    if result.status.has_solution and result.tasks:
        cpm = cpm if cpm is not None else nominal_cpm(project)
        figures["gantt"] = gantt_figure(
            project, gantt_bars(project, result, cpm)
        )
        loads = person_load_series(project, result)
        if loads:
            figures["load"] = load_figure(loads)
        usage = resource_usage_series(project, result)
        if usage:
            figures["resources"] = usage_figure(usage)
    points = curve_points(curve)
    if points:
        figures["curve"] = curve_figure(points)
    return figures
