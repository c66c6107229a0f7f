"""Reading the inputs and writing the outputs of the commands.

Every reader raises :class:`~plansat.models.ProjectError` (the group
reports it with exit status 2, one ``error:`` line per broken rule, each
naming the file or the JSON path); every writer raises
:class:`click.BadParameter` naming the option of the file it could not
write.  Written files are announced on stderr as ``wrote FILE``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from pydantic import ValidationError

from plansat.cli.options import EXIT_BAD_INPUT
from plansat.models import Project, ProjectError, Result
from plansat.models.errors import json_path
from plansat.models.tradeoff import TradeoffCurve

__all__ = [
    "echo_json",
    "missing_extra",
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


def write_text(path: Path, text: str, option: str) -> None:
    """Write ``text`` to ``path`` and announce it on stderr.

    Raises
    ------
    click.BadParameter
        When the file can't be written (names ``option``).
    """
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise click.BadParameter(
            f"cannot write {path}: {exc.strerror or exc}", param_hint=option
        ) from None
    click.echo(f"wrote {path}", err=True)


def write_outputs(
    project: Project,
    result: Result,
    html: Path | None = None,
    png: Path | None = None,
    curve: TradeoffCurve | None = None,
) -> None:
    """Write the HTML report and/or the Gantt PNG, announcing each file.

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
            write(path)
        except ImportError as exc:
            raise missing_extra(option, exc) from None
        except OSError as exc:
            raise click.BadParameter(
                f"cannot write {path}: {exc.strerror or exc}",
                param_hint=option,
            ) from None
        click.echo(f"wrote {path}", err=True)


def missing_extra(option: str, exc: ImportError) -> click.exceptions.Exit:
    """Say on stderr that writing ``option`` needs the ``report`` extra
    (one ``error:`` line, the install hint once) and return the exit
    with status 2 to raise."""
    hint = "pip install 'plansat[report]'"
    text = str(exc) if hint in str(exc) else f"{exc} ({hint})"
    click.echo(f"error: {option}: {text}", err=True)
    return click.exceptions.Exit(EXIT_BAD_INPUT)
