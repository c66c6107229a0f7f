"""Reading the inputs and writing the outputs of the commands.

Every reader raises :class:`~plansat.models.ProjectError` (the group
reports it with exit status 2, one ``error:`` line per broken rule, each
naming the file or the JSON path); every writer raises
:class:`click.BadParameter` naming the option of the file it could not
write.

Writes are atomic and all-or-nothing per command: every file goes to a
temporary beside its target (:class:`plansat.atomic.Staging`), and
:func:`command_outputs`, around each command, renames them all into
place, announcing each on stderr as ``wrote FILE``, only when the command
succeeds (or ends with "no schedule", whose result files are its
answer).  A command that fails leaves no new file behind.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

import click
from pydantic import ValidationError

from plansat.atomic import Staging
from plansat.cli.options import EXIT_BAD_INPUT, EXIT_NO_SCHEDULE, EXIT_OK
from plansat.models import Project, ProjectError, Result
from plansat.models.errors import json_path
from plansat.models.tradeoff import TradeoffCurve

__all__ = [
    "command_outputs",
    "echo_json",
    "missing_extra",
    "output_path",
    "read_curve",
    "read_project",
    "read_result",
    "write_outputs",
    "write_text",
]


def read_project(path: Path) -> Project:
    """A project from JSON or a benchmark format (by extension)."""
    from plansat.io import read

    return read(path)


def read_result(path: Path) -> Result:
    """A result written by ``plansat solve --out`` (or ``--format json``)."""
    return Result.from_file(path)


def read_curve(path: Path) -> TradeoffCurve:
    """A time-cost curve written by ``plansat crash --format json``.

    Raises
    ------
    ProjectError
        One line naming the file: it can't be read, isn't JSON, or isn't
        a curve (with the JSON path of the first thing wrong).
    """
    try:
        text = path.read_bytes()
    except OSError as exc:
        raise ProjectError([f"{path}: {exc.strerror or exc}"]) from None
    try:
        return TradeoffCurve.model_validate_json(text)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        first = errors[0]
        if first["type"] == "json_invalid":
            reason = f"not valid JSON ({first['msg']})"
        else:
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            reason = (
                "not a time-cost curve from `plansat crash --format json`: "
                f"{json_path(first['loc'])}: {first['msg']}{more}"
            )
        raise ProjectError([f"{path}: {reason}"]) from None


def echo_json(data: Any) -> None:
    """Print ``data`` as indented JSON on stdout."""
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


_STAGING: ContextVar[Staging | None] = ContextVar("plansat_outputs",
                                                  default=None)


@contextmanager
def command_outputs() -> Iterator[None]:
    """Stage the files written inside the block; rename them into place
    and announce them when it ends well (normally, with the exit status
    of "no schedule", or with standard output closed under it: ``| head``
    never loses a file), remove them otherwise."""
    staging = Staging()
    token = _STAGING.set(staging)
    quiet = _QUIET.set(frozenset())
    try:
        yield
    except click.exceptions.Exit as exc:
        if exc.exit_code in (EXIT_OK, EXIT_NO_SCHEDULE):
            _commit(staging)
        else:
            staging.discard()
        raise
    except BaseException as exc:
        if is_broken_pipe(exc):  # the command ran; only its reader left
            _commit(staging)
        else:
            staging.discard()
        raise
    else:
        _commit(staging)
    finally:
        _STAGING.reset(token)
        _QUIET.reset(quiet)


def is_broken_pipe(exc: BaseException) -> bool:
    """Whether ``exc`` means that standard output has no reader left:
    a :class:`BrokenPipeError`, or the ``SystemExit`` rich's console
    raises while handling one (``Console.on_broken_pipe``)."""
    if isinstance(exc, BrokenPipeError):
        return True
    return isinstance(exc, SystemExit) and isinstance(
        exc.__context__, BrokenPipeError
    )


#: Staged files not to announce (a batch announces its own count).
_QUIET: ContextVar[frozenset[Path]] = ContextVar("plansat_quiet",
                                                 default=frozenset())


def _commit(staging: Staging) -> None:
    quiet = _QUIET.get()
    for path in staging.commit():
        if path not in quiet:
            click.echo(f"wrote {path}", err=True)


def output_path(path: Path, option: str) -> Path:
    """Where a writer should put the file for ``path``: a temporary beside
    it, renamed into place when the command succeeds (``path`` itself
    outside a command).

    Raises
    ------
    click.BadParameter
        When the folder can't hold a new file (names ``option``).
    """
    staging = _STAGING.get()
    if staging is None:
        return path
    try:
        return staging.path(path)
    except OSError as exc:
        raise click.BadParameter(
            f"cannot write {path}: {exc.strerror or exc}", param_hint=option
        ) from None


def write_text(path: Path, text: str, option: str,
               announce: bool = True) -> None:
    """Write ``text`` to ``path`` (atomically, when the command succeeds;
    see :func:`command_outputs`); ``announce=False`` leaves out its
    ``wrote FILE`` line.

    Raises
    ------
    click.BadParameter
        When the file can't be written (names ``option``).
    """
    try:
        if _STAGING.get() is None:
            from plansat.atomic import write_atomic

            write_atomic(path, text)
            if announce:
                click.echo(f"wrote {path}", err=True)
        else:
            output_path(path, option).write_text(text, encoding="utf-8")
            if not announce:
                _QUIET.set(_QUIET.get() | {path})
    except OSError as exc:
        raise click.BadParameter(
            f"cannot write {path}: {exc.strerror or exc}", param_hint=option
        ) from None


def write_outputs(
    project: Project,
    result: Result,
    html: Path | None = None,
    png: Path | None = None,
    curve: TradeoffCurve | None = None,
) -> None:
    """Write the HTML report and/or the Gantt PNG (staged, see
    :func:`command_outputs`).

    Parameters
    ----------
    project, result
        The project and its result (with or without a schedule).
    html, png
        Files to write (skipped when ``None``).
    curve
        Optional time-cost curve for the HTML report (from ``plansat
        crash --format json``; see :func:`plansat.charts.write_html`).

    Raises
    ------
    click.BadParameter
        When a file can't be written (names ``--html`` or ``--png``).
    click.ClickException
        When plotly or matplotlib is missing.
    """
    from plansat import charts

    jobs = [
        (
            html,
            "--html",
            lambda p: charts.write_html(project, result, p, curve=curve),
        ),
        (png, "--png", lambda p: charts.write_png(project, result, p)),
    ]
    for path, option, write in jobs:
        if path is None:
            continue
        try:
            write(output_path(path, option))
        except ImportError as exc:
            raise missing_extra(option, exc) from None
        except OSError as exc:
            raise click.BadParameter(
                f"cannot write {path}: {exc.strerror or exc}",
                param_hint=option,
            ) from None


def missing_extra(option: str, exc: ImportError) -> click.exceptions.Exit:
    """Say on stderr that writing ``option`` needs the ``report`` extra
    (one ``error:`` line, the install hint once) and return the exit
    with status 2 to raise."""
    hint = "pip install 'plansat[report]'"
    text = str(exc) if hint in str(exc) else f"{exc} ({hint})"
    click.echo(f"error: {option}: {text}", err=True)
    return click.exceptions.Exit(EXIT_BAD_INPUT)
