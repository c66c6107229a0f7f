"""A batch as a table: one row per item (pandas is imported on use)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from plansat.batch.items import BatchItem

if TYPE_CHECKING:
    import pandas as pd

#: Columns of :func:`batch_summary`, in order.
SUMMARY_COLUMNS = [
    "index",
    "source",
    "status",
    "objective",
    "objective_value",
    "bound",
    "gap",
    "makespan",
    "finish_date",
    "total_cost",
    "runtime",
    "error",
]


def batch_summary(items: Iterable[BatchItem]) -> pd.DataFrame:
    """One row per item: status, objective, bound, gap, finish, cost.

    Parameters
    ----------
    items
        Items of :func:`~plansat.batch.solve_many` or
        :func:`~plansat.batch.iter_solve_many`, in any order.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SUMMARY_COLUMNS`, rows by ``index``.  ``status``
        is ``"ERROR"`` for items without a result and ``error`` holds the
        reason on one line (lines joined with ``"; "``).
    """
    import pandas as pd

    rows = [_row(item) for item in sorted(items, key=lambda it: it.index)]
    frame = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    frame["makespan"] = frame["makespan"].astype("Int64")
    return frame


def _row(item: BatchItem) -> dict[str, Any]:
    """The summary row of one item."""
    r = item.result
    has = r is not None and r.status.has_solution
    return {
        "index": item.index,
        "source": item.source,
        "status": item.status,
        "objective": item.objective,
        "objective_value": r.objective_value if r else None,
        "bound": r.bound if r else None,
        "gap": r.gap if r else None,
        "makespan": r.makespan if r else None,
        "finish_date": (
            r.finish_date.isoformat() if r and r.finish_date else None
        ),
        "total_cost": r.cost.total if r and has else None,
        "runtime": round(item.runtime, 3),
        "error": "; ".join(item.error.splitlines()) if item.error else None,
    }
