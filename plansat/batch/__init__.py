"""Batch solving: many projects over any concurrent.futures.Executor."""

from plansat.batch.run import (
    ERROR,
    SUMMARY_COLUMNS,
    BatchInput,
    BatchItem,
    batch_summary,
    iter_solve_many,
    solve_many,
    solve_payload,
)

__all__ = [
    "ERROR",
    "SUMMARY_COLUMNS",
    "BatchInput",
    "BatchItem",
    "batch_summary",
    "iter_solve_many",
    "solve_many",
    "solve_payload",
]
