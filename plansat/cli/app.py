"""The ``plansat`` command line: a thin click layer over the Python API.

Each command reads its input, calls one library function and renders the
answer; no planning logic lives here.  The commands live by concern:
:mod:`plansat.cli.inspect` (``validate``, ``schema``, ``cpm``,
``check``), :mod:`plansat.cli.solve`, :mod:`plansat.cli.crash`,
:mod:`plansat.cli.report` and :mod:`plansat.cli.batch`.  Importing the
command line imports neither OR-Tools nor pandas; the commands that solve
import them when they run.

Exit status (docs/exit-codes.md)
--------------------------------
0
    Clean: success, also when the reader of standard output stops early
    (``plansat cpm FILE | head``).
1
    Violations found: ``check``'s schedule breaks the project's rules.
2
    Bad input or usage: a file that can't be read or breaks the
    contract, an unknown option, a bad value.
3
    No schedule: the solve found none (INFEASIBLE, UNKNOWN or
    MODEL_INVALID).
4
    Internal error (a bug): one line on stderr; ``--debug`` shows the
    traceback.
130
    Stopped by the user (Ctrl-C, or "no" to a confirmation).
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NoReturn

import click

from plansat import __version__
from plansat.cli.options import (
    DEBUG_KEY,
    EXIT_ABORTED,
    EXIT_BAD_INPUT,
    EXIT_INTERNAL,
    EXIT_OK,
    debug_option,
)
from plansat.models import ProjectError

__all__ = ["PlansatGroup", "StdoutClosedError", "cli", "main"]


class StdoutClosedError(Exception):
    """Standard output was closed by its reader (a broken pipe).

    Raised by :class:`PlansatGroup` instead of click's own handling
    (which exits with 1) so that :func:`main` can exit quietly with 0.
    """


@contextmanager
def _pipe_guard() -> Iterator[None]:
    """Turn a broken standard output into :class:`StdoutClosedError`."""
    try:
        yield
    except (BrokenPipeError, SystemExit) as exc:
        from plansat.cli.files import is_broken_pipe

        if is_broken_pipe(exc):
            raise StdoutClosedError from None
        raise


class PlansatGroup(click.Group):
    """A click group that turns exceptions into plansat's exit codes.

    :class:`~plansat.models.ProjectError` prints one ``error: ...`` line
    per broken rule and exits with 2; a run the user stopped exits with
    130; any other unexpected exception prints one ``internal error:
    ...`` line (or the traceback with ``--debug``) and exits with 4.
    Click's own exceptions pass through.
    A broken standard output raises :class:`StdoutClosedError` (see
    :func:`main`).
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Parse the group's options (``--help`` and ``--version`` print
        here)."""
        with _pipe_guard():
            return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the sub-command and map its exceptions to exit codes."""
        from plansat.cli.files import command_outputs

        try:
            with _pipe_guard(), command_outputs():
                return super().invoke(ctx)
        except (
            click.ClickException,
            click.exceptions.Exit,
            StdoutClosedError,
        ):
            raise
        except (click.Abort, KeyboardInterrupt):
            click.echo("Aborted!", err=True)
            raise click.exceptions.Exit(EXIT_ABORTED) from None
        except ProjectError as exc:
            for line in exc.errors:
                click.echo(f"error: {line}", err=True)
            raise click.exceptions.Exit(EXIT_BAD_INPUT) from None
        except Exception as exc:
            if ctx.meta.get(DEBUG_KEY):
                click.echo(traceback.format_exc(), err=True, nl=False)
            else:
                first = str(exc).strip().splitlines()
                detail = f": {first[0]}" if first else ""
                click.echo(
                    f"internal error: {type(exc).__name__}{detail} "
                    "(rerun with --debug to see the traceback)",
                    err=True,
                )
            raise click.exceptions.Exit(EXIT_INTERNAL) from None


@click.group(
    cls=PlansatGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, "--version", prog_name="plansat")
@debug_option
def cli() -> None:
    """Exact project planning with OR-Tools CP-SAT.

    Schedules tasks with dependencies, skilled people, pooled resources and
    calendars; reports critical paths, costs and assignments.

    \b
    Example:
      plansat validate examples/ecommerce.json
      plansat cpm examples/ecommerce.json
      plansat solve examples/ecommerce.json --objective cost --out result.json
      plansat check examples/ecommerce.json result.json

    \b
    Exit status: 0 clean, 1 violations found (check), 2 bad input or
    usage, 3 no schedule, 4 internal error (rerun with --debug),
    130 stopped by the user.
    """


def _register() -> None:
    """Add the commands: plan, execute, exchange (their modules import
    nothing heavy; each command imports what it needs when it runs)."""
    from plansat.cli.batch import batch
    from plansat.cli.crash import crash
    from plansat.cli.help_text import use_help_formatter
    from plansat.cli.impact import blockers, drivers, explain, whatif
    from plansat.cli.inspect import check, cpm, schema, validate
    from plansat.cli.interchange import export, import_
    from plansat.cli.mcp import mcp_command
    from plansat.cli.notify import notify
    from plansat.cli.portfolio import portfolio
    from plansat.cli.releases import releases
    from plansat.cli.replan import replan
    from plansat.cli.report import report
    from plansat.cli.risk import risk
    from plansat.cli.solve import solve
    from plansat.cli.starter import new
    from plansat.cli.status import status
    from plansat.cli.store import store

    for command in (
        new, validate, schema, cpm, solve, check, crash, report, batch,
        status, replan, risk, whatif, drivers, explain, blockers, releases,
        import_, export, store, mcp_command, portfolio, notify,
    ):
        cli.add_command(command)
    use_help_formatter(cli)


_register()


def _silence_stdout() -> None:
    """Send whatever is still written to standard output to the null
    device (the idiom of the Python docs' note on SIGPIPE), so that
    flushing it at exit can't fail again."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives till exit
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def _flush_stdout() -> bool:
    """Flush standard output; ``False`` when it has no reader left."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        return False
    except (AttributeError, OSError, ValueError):
        pass
    return True


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Run the ``plansat`` command line and exit with its status.

    When the reader of standard output goes away (``plansat cpm FILE |
    head``) the command stops quietly and exits with 0.

    Parameters
    ----------
    argv
        Arguments without the program name (default: ``sys.argv[1:]``).
    """
    args = list(argv) if argv is not None else None
    try:
        cli.main(args=args, prog_name="plansat")
    except StdoutClosedError:
        _silence_stdout()
        sys.exit(EXIT_OK)
    except SystemExit as exc:
        from plansat.cli.files import is_broken_pipe

        if is_broken_pipe(exc):
            _silence_stdout()
            sys.exit(EXIT_OK)
        if not _flush_stdout():
            _silence_stdout()
        raise
    # click's standalone mode always exits; this is for type checkers.
    sys.exit(EXIT_OK)  # pragma: no cover
