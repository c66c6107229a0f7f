"""Exit codes and the options several commands share.

The solve options of every solving command come from one place:
:func:`solve_options` adds one click option per field of
:class:`plansat.options.SolveOptions` (:data:`plansat.options.SOLVE_FIELDS`)
and :func:`options_from` turns the parsed values back into one
:class:`~plansat.options.SolveOptions`.  Each value is checked by
:class:`~plansat.options.SolveOptions` itself, so the command line and the
Python API accept and refuse the same values.

This module imports neither OR-Tools nor pandas.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from plansat.options import OBJECTIVES, SOLVE_FIELDS, SolveOptions
from plansat.solver.search.names import NAMES

__all__ = [
    "DEBUG_KEY",
    "EXIT_ABORTED",
    "EXIT_BAD_INPUT",
    "EXIT_INTERNAL",
    "EXIT_NO_SCHEDULE",
    "EXIT_OK",
    "EXIT_VIOLATIONS",
    "FILE",
    "debug_option",
    "format_option",
    "options_from",
    "solve_options",
]

#: Exit status by the convention of checkers and linters
#: (docs/exit-codes.md): 0 clean, 1 violations found (``check``), 2 bad
#: input or usage, 3 no schedule; then 4 for an internal error (a bug)
#: and 130 for a run the user stopped (Ctrl-C, or "no" to a question).
EXIT_OK, EXIT_VIOLATIONS, EXIT_BAD_INPUT, EXIT_NO_SCHEDULE = 0, 1, 2, 3
EXIT_INTERNAL, EXIT_ABORTED = 4, 130

DEBUG_KEY = "plansat.debug"

#: A file argument or option (existence is checked when it is read, so
#: the error names the file the way the readers do).
FILE = click.Path(dir_okay=False, path_type=Path)

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


#: What each ``--format`` value prints (``csv`` is described per command).
_FORMATS = {
    "table": "table: tables for people",
    "json": "json: one JSON document for programs (stdout then holds only "
    "the JSON)",
}


def format_option(*choices: str, csv: str | None = None) -> Callable[[F], F]:
    """``--format`` among ``choices`` (the first is the default), its help
    saying what each value prints; ``csv`` says what the CSV rows are
    (required when ``"csv"`` is a choice)."""
    if "csv" in choices and csv is None:
        raise ValueError("format_option: say what --format csv writes")
    meaning = {**_FORMATS, "csv": f"csv: {csv}"}
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help="; ".join(meaning[c] for c in choices) + ".",
    )


# -- solve options ---------------------------------------------------------


@dataclass(frozen=True)
class _Spec:
    """How one :class:`~plansat.options.SolveOptions` field looks on the
    command line (its default comes from the dataclass)."""

    type: click.ParamType | type
    help: str
    metavar: str | None = None


_SPECS: dict[str, _Spec] = {
    "objective": _Spec(
        click.Choice(OBJECTIVES),
        "time: earliest finish; balance: even load within the fastest "
        "finish plus --slack; cost: cheapest schedule; value: the most "
        "feature value earliest (plansat releases); priority: "
        "high-priority tasks first.",
    ),
    "time_limit": _Spec(
        float,
        "Seconds for the whole run, every phase included (> 0).",
        "S",
    ),
    "workers": _Spec(
        int, "Solver threads (default: the machine's cores).", "N"
    ),
    "seed": _Spec(
        int,
        "Random seed of the solver (with --workers 1 the same seed "
        "gives the same answer).",
        "N",
    ),
    "slack": _Spec(
        int,
        "balance: working days the finish may exceed the fastest one.",
        "D",
    ),
    "strategy": _Spec(
        click.Choice(list(NAMES)),
        "Solver configuration: default: the tuned search (use this); "
        "plain: the textbook model alone; v1: the engine of the first "
        "releases; the others are the benchmark suite's variants: "
        "+hint, +makespan_interval, +disjunctive, +tails, +workforce, "
        "+genetic, +delays and +small_lb_search add one piece to plain; "
        "+lns, -restarts, +pooled_bound, +push_start, +probing_off, "
        "-plain_first, +sub_lns and +restarts_sub_lns change one piece "
        "of default.",
        "NAME",
    ),
}

_missing = set(SOLVE_FIELDS) ^ set(_SPECS)
if _missing:  # pragma: no cover - caught by the tests at import time
    raise RuntimeError(
        "plansat.cli.options: no command-line spec for solve option(s) "
        + ", ".join(sorted(_missing))
    )

_DEFAULTS = SolveOptions()


def option_name(field: str) -> str:
    """The command-line name of a solve option.

    Examples
    --------
    >>> option_name("time_limit")
    '--time-limit'
    """
    return "--" + field.replace("_", "-")


def _check(
    ctx: click.Context, param: click.Parameter, value: Any
) -> Any:
    """Validate one value with :class:`~plansat.options.SolveOptions`."""
    if value is None or param.name is None:
        return value
    try:
        SolveOptions.of(None, **{param.name: value})
    except (TypeError, ValueError) as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from None
    return value


def solve_options(
    func: F | None = None,
    *,
    exclude: Iterable[str] = (),
    help: Mapping[str, str] | None = None,
) -> Any:
    """Add one option per solve option (``--objective``, ``--time-limit``,
    ``--workers``, ``--seed``, ``--slack``, ``--strategy``) to a command.

    Use as ``@solve_options`` or ``@solve_options(exclude=(...))``; read
    the values back with :func:`options_from`.

    Parameters
    ----------
    func
        The command function (when used without parentheses).
    exclude
        Fields the command does not take (e.g. ``("objective",)``); they
        keep their :class:`~plansat.options.SolveOptions` default.
    help
        Help texts replacing the standard ones, by field name.

    Raises
    ------
    ValueError
        When ``exclude`` or ``help`` name an unknown field.
    """
    skip = set(exclude)
    texts = dict(help or {})
    unknown = (skip | set(texts)) - set(SOLVE_FIELDS)
    if unknown:
        raise ValueError(
            f"unknown solve option(s): {', '.join(sorted(unknown))}"
        )

    def decorate(f: F) -> F:
        # click lists options in the order they are applied, outermost
        # first: apply in reverse to list them in SOLVE_FIELDS order.
        for name in reversed(SOLVE_FIELDS):
            if name in skip:
                continue
            spec = _SPECS[name]
            default = getattr(_DEFAULTS, name)
            f = click.option(
                option_name(name),
                name,
                type=spec.type,
                default=default,
                show_default=default is not None,
                metavar=spec.metavar,
                callback=_check,
                help=texts.get(name, spec.help),
            )(f)
        return f

    return decorate(func) if func is not None else decorate


def options_from(kwargs: dict[str, Any]) -> SolveOptions:
    """Pop the solve options out of a command's ``kwargs``.

    Fields missing from ``kwargs`` (excluded from the command) keep their
    defaults.

    Examples
    --------
    >>> kwargs = {"time_limit": 3.0, "seed": 7, "out": None}
    >>> options = options_from(kwargs)
    >>> options.time_limit, options.seed, kwargs
    (3.0, 7, {'out': None})
    """
    values = {n: kwargs.pop(n) for n in SOLVE_FIELDS if n in kwargs}
    return SolveOptions(**values)
