"""A static Gantt chart as PNG (for slides), drawn with matplotlib.

Uses matplotlib's object API with the Agg canvas directly: no pyplot
state, no GUI backend, no browser.  Same colours and the same data
(:func:`plansat.charts.schedule.gantt_data.gantt_bars`) as the HTML report.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from plansat.charts.output import write_file
from plansat.charts.schedule.gantt_data import GanttBar, gantt_bars
from plansat.charts.theme import COLORS
from plansat.models import Project, Result

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["gantt_png_figure", "write_png"]



def _title(project: Project, result: Result) -> str:
    """``<project> — <status>, N working days, finishes <date>``."""
    title = f"{project.name} — {result.status}"
    if result.makespan is not None and result.finish_date is not None:
        title += (
            f", {result.makespan} working days, finishes "
            f"{result.finish_date.isoformat()}"
        )
    return title


def _draw_bars(ax: Axes, bars: Sequence[GanttBar]) -> None:
    """Task bars (critical in red; a split task as its segments) over
    their people's days off in grey, float bars and milestone
    diamonds."""
    import matplotlib.dates as mdates

    for b in bars:
        y = b.row
        color = COLORS["critical"] if b.critical else COLORS["task"]
        if b.milestone:  # at the end of its date
            ax.scatter(
                [mdates.date2num(b.end)],
                [y],
                marker="D",
                s=70,
                color=color,
                edgecolors=COLORS["milestone"],
                zorder=3,
            )
            continue
        end = mdates.date2num(b.end)
        if b.days_off:
            ax.broken_barh(
                [(mdates.date2num(a), mdates.date2num(z) - mdates.date2num(a))
                 for a, z in b.days_off],
                (y - 0.3, 0.6), color=COLORS["vacation"], alpha=0.45,
                zorder=1)
        for first, stop in b.segments or ((b.start_date, b.end),):
            a = mdates.date2num(first)
            ax.barh(y, mdates.date2num(stop) - a, left=a, height=0.6,
                    color=color, zorder=2)
        if b.float_end is not None:
            ax.barh(
                y,
                mdates.date2num(b.float_end) - end,
                left=end,
                height=0.6,
                color=COLORS["float"],
                edgecolor=COLORS["task"],
                linewidth=0.6,
                zorder=2,
            )


def _style_axes(ax: Axes, bars: Sequence[GanttBar]) -> None:
    """Task labels on the y axis (first on top), concise dates on x."""
    import matplotlib.dates as mdates

    ax.set_yticks(range(len(bars)), [b.label for b in bars], fontsize=9)
    ax.set_ylim(len(bars) - 0.5, -0.5)  # first task on top
    locator = mdates.AutoDateLocator(minticks=4, maxticks=12)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.grid(axis="x", color="#dddddd", linewidth=0.6, zorder=0)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _legend_handles(
    project: Project, bars: Sequence[GanttBar]
) -> list[Artist]:
    """Legend entries for what the chart shows."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[Artist] = [
        Patch(color=COLORS["critical"], label="critical task"),
        Patch(color=COLORS["task"], label="task"),
    ]
    if any(b.days_off for b in bars):
        handles.append(
            Patch(color=COLORS["vacation"], alpha=0.45,
                  label="days off (its people)")
        )
    if any(b.float_end is not None for b in bars):
        handles.append(
            Patch(
                facecolor=COLORS["float"],
                edgecolor=COLORS["task"],
                label="total float",
            )
        )
    if any(b.milestone for b in bars):
        handles.append(
            Line2D(
                [],
                [],
                marker="D",
                linestyle="",
                color=COLORS["milestone"],
                label="milestone",
            )
        )
    if project.deadline is not None:
        handles.append(
            Line2D(
                [],
                [],
                color=COLORS["deadline"],
                linestyle="--",
                label=f"deadline {project.deadline.isoformat()}",
            )
        )
    return handles


def gantt_png_figure(
    project: Project, result: Result, dpi: int = 150
) -> Figure:
    """The Gantt chart as a matplotlib figure (Agg canvas attached).

    Parameters
    ----------
    project, result
        The project and its result; without a schedule the figure only
        says so (status and explanation).
    dpi
        Resolution (the figure is 12 inches wide).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ImportError
        When matplotlib is not installed.
    """
    try:
        import matplotlib.dates as mdates
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError as exc:  # pragma: no cover - depends on the env
        raise ImportError(
            "the PNG chart needs matplotlib: pip install 'plansat[report]'"
        ) from exc

    bars = gantt_bars(project, result) if result.status.has_solution else []
    rows = max(len(bars), 1)
    fig = Figure(figsize=(12, 1.6 + 0.38 * rows), dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.set_title(_title(project, result), loc="left", fontsize=12)
    if not bars:
        ax.axis("off")
        ax.text(
            0.5,
            0.5,
            f"No schedule ({result.status})\n{result.explanation or ''}",
            ha="center",
            va="center",
            wrap=True,
        )
        return fig
    _draw_bars(ax, bars)
    if project.deadline is not None:
        ax.axvline(
            mdates.date2num(project.deadline + timedelta(1)),
            color=COLORS["deadline"],
            linestyle="--",
            linewidth=1,
        )
    _style_axes(ax, bars)
    handles = _legend_handles(project, bars)
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.06 - 0.5 / rows),
        ncol=len(handles),
        frameon=False,
        fontsize=9,
    )
    fig.tight_layout()
    return fig


def write_png(
    project: Project, result: Result, path: str | Path, dpi: int = 150
) -> Path:
    """Write the Gantt chart of ``result`` as a PNG file.

    Parameters
    ----------
    project
        The project that was solved.
    result
        Its result; without a schedule the image says so.
    path
        The ``.png`` file to write (overwritten).
    dpi
        Resolution (the figure is 12 inches wide).

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    OSError
        When the file can't be written.
    ImportError
        When matplotlib is not installed.
    """
    fig = gantt_png_figure(project, result, dpi=dpi)
    image = io.BytesIO()
    fig.savefig(image, format="png", dpi=dpi, bbox_inches="tight")
    return write_file(path, image.getvalue(), "Gantt PNG")
