"""Batch solving: many projects over any concurrent.futures.Executor.

Importing this package loads neither the solver (OR-Tools) nor pandas:
workers import the solver when they solve, :func:`batch_summary` imports
pandas when it runs.
"""

from plansat.batch.items import ERROR, BatchInput, BatchItem, solve_payload
from plansat.batch.run import iter_solve_many, solve_many
from plansat.batch.summary import SUMMARY_COLUMNS, batch_summary

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
