"""Notebook views: the ``_repr_html_`` of plansat's objects (a summary
and a small inline SVG chart, no script, a few kilobytes).

See :mod:`plansat.charts.notebook.views`; the models call these lazily.
"""

from plansat.charts.notebook.views import (
    curve_html,
    project_html,
    release_html,
    result_html,
    risk_html,
    status_html,
)

__all__ = [
    "curve_html",
    "project_html",
    "release_html",
    "result_html",
    "risk_html",
    "status_html",
]
