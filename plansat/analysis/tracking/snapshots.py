"""Status reports over time: one per progress snapshot, and their trend.

A snapshot is the project file as it stood on one status date (its
``status_date`` and task ``progress``).  :func:`status_history` reports
each against the same baseline, in status-date order, and
:func:`trend` draws the line through them: SPI, CPI, SPI(t), the
forecast finish and the EAC per status date (``plansat status
--history``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from plansat.analysis.tracking.status import status
from plansat.models import Project, Result
from plansat.models.status import StatusReport, TrendPoint

if TYPE_CHECKING:
    from plansat.options import SolveOptions

__all__ = ["status_history", "trend", "with_trend"]


def _project(item: Project | str | Path) -> Project:
    if isinstance(item, Project):
        return item
    return Project.from_file(item)


def status_history(
    snapshots: Iterable[Project | str | Path],
    baseline: Result,
    *,
    options: SolveOptions | None = None,
) -> list[StatusReport]:
    """One status report per snapshot, sorted by status date.

    Parameters
    ----------
    snapshots
        Projects, or paths of project JSON files, each with a
        ``status_date`` and its progress on that date.
    baseline
        The baseline every snapshot is compared with.
    options
        How to solve each snapshot's re-plan.

    Returns
    -------
    list of StatusReport
        Sorted by status date (snapshots with the same date keep their
        order).

    Raises
    ------
    ProjectError
        When a file can't be read, a snapshot has no status date, or the
        baseline doesn't fit a snapshot.
    """
    reports = [
        status(_project(item), baseline, options=options)
        for item in snapshots
    ]
    return sorted(reports, key=lambda r: r.status_date)


def trend(reports: Sequence[StatusReport]) -> list[TrendPoint]:
    """The trend through ``reports``, one point per report in status-date
    order: percent complete, SPI, CPI, SPI(t), the forecast finish and
    its slip, and the EAC (the re-plan's, else BAC/CPI).

    Examples
    --------
    >>> from datetime import date
    >>> r = StatusReport(status_date=date(2025, 8, 1), time_now=25,
    ...                  percent_complete=40)
    >>> [p.percent_complete for p in trend([r])]
    [40.0]
    """
    out = []
    for r in sorted(reports, key=lambda r: r.status_date):
        e = r.evm
        out.append(TrendPoint(
            status_date=r.status_date,
            time_now=r.time_now,
            percent_complete=r.percent_complete,
            spi=e.spi,
            cpi=e.cpi,
            spi_t=e.spi_t,
            forecast_finish=r.forecast_finish,
            slip_days=r.slip_days,
            eac=e.eac.replan if e.eac.replan is not None else e.eac.cpi,
        ))
    return out


def with_trend(
    report: StatusReport, history: Sequence[StatusReport]
) -> StatusReport:
    """``report`` with the trend through ``history`` and itself (it
    replaces a report of ``history`` with the same status date)."""
    points = [h for h in history if h.status_date != report.status_date]
    return report.model_copy(update={"trend": trend([*points, report])})
