"""Exit codes and the options several commands share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

#: Exit status for success, internal errors, bad input and no schedule.
EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT, EXIT_NO_SCHEDULE = 0, 1, 2, 3

DEBUG_KEY = "plansat.debug"

F = TypeVar("F", bound=Callable[..., Any])


def _set_debug(
    ctx: click.Context, _param: click.Parameter, value: bool
) -> None:
    if value:
        ctx.meta[DEBUG_KEY] = True


def debug_option(func: F) -> F:
    """Add ``--debug`` (show tracebacks of internal errors) to a command.

    The flag is accepted both before and after the sub-command name.
    """
    return click.option(
        "--debug",
        is_flag=True,
        expose_value=False,
        is_eager=True,
        callback=_set_debug,
        help="Show the full traceback of internal errors.",
    )(func)


def objective_option(help: str) -> Callable[[F], F]:
    """``--objective time|balance|cost`` (default time)."""
    return click.option(
        "--objective",
        type=click.Choice(["time", "balance", "cost"]),
        default="time",
        show_default=True,
        help=help,
    )


def time_limit_option(help: str) -> Callable[[F], F]:
    """``--time-limit S`` (default 10 seconds)."""
    return click.option(
        "--time-limit",
        type=click.FloatRange(min=0, min_open=True),
        default=10.0,
        show_default=True,
        metavar="S",
        help=help,
    )


def workers_option(func: F) -> F:
    """``--workers N``: CP-SAT threads (default: the solver's choice)."""
    return click.option(
        "--workers",
        type=click.IntRange(min=1),
        default=None,
        metavar="N",
        help="Solver threads (default: the solver's choice).",
    )(func)


def seed_option(help: str) -> Callable[[F], F]:
    """``--seed N`` (default 0)."""
    return click.option(
        "--seed",
        type=int,
        default=0,
        show_default=True,
        metavar="N",
        help=help,
    )


def slack_option(func: F) -> F:
    """``--slack D`` for ``balance``."""
    return click.option(
        "--slack",
        type=click.IntRange(min=0),
        default=0,
        show_default=True,
        metavar="D",
        help="balance: days the finish may exceed the fastest one.",
    )(func)
