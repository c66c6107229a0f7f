"""Reports of a solved project: an HTML page and a Gantt PNG.

:func:`write_html` writes one self-contained HTML file (plotly.js
embedded, no CDN) with a summary, an interactive Gantt chart, per-person
load, pooled-resource usage, the critical-path table and, optionally, a
time-cost curve.  :func:`write_png` draws the Gantt chart with matplotlib
for slides.  The numbers behind every chart come from
:mod:`plansat.charts.schedule.data` (pure functions, no plotting); the look
(colours, fonts, CSS) from :mod:`plansat.charts.theme`.

plotly and matplotlib are optional (``pip install 'plansat[report]'``);
they are imported only when a report is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from plansat.charts.schedule.data import CRITICAL_DEFINITION
from plansat.models import Project, Result

if TYPE_CHECKING:
    from plansat.models.tradeoff import TradeoffCurve

__all__ = ["CRITICAL_DEFINITION", "write_html", "write_png"]


def write_html(
    project: Project,
    result: Result,
    path: str | Path,
    curve: TradeoffCurve | None = None,
) -> Path:
    """Write the self-contained HTML report of ``result`` to ``path``.

    See :func:`plansat.charts.schedule.page.write_html` (``curve``: the
    :class:`~plansat.models.tradeoff.TradeoffCurve` of
    :func:`plansat.analysis.tradeoff.tradeoff`; its ``OPTIMAL`` points
    are drawn as proven).

    Examples
    --------
    ::

        import plansat
        from plansat import charts

        project = plansat.Project.from_file("examples/ecommerce.json")
        charts.write_html(project, plansat.solve(project), "report.html")
    """
    from plansat.charts.schedule import page

    return page.write_html(project, result, path, curve=curve)


def write_png(project: Project, result: Result, path: str | Path) -> Path:
    """Write the Gantt chart of ``result`` to ``path`` as a PNG.

    See :func:`plansat.charts.schedule.png.write_png`.
    """
    from plansat.charts.schedule import png

    return png.write_png(project, result, path)
