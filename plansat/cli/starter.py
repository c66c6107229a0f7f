"""``plansat new``: write a starter project for a user to edit.

The starter is small, valid and commented (:mod:`plansat.io.starter`);
with ``--from`` it is the project of a task list (``.csv`` or ``.xlsx``,
read by :mod:`plansat.io.tasklist` as ``plansat import`` does).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from plansat.cli.files import write_text
from plansat.cli.options import FILE, debug_option

__all__ = ["new"]

#: The format of the file written, by its extension.
_FORMATS = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}


@click.command("new")
@click.argument("file", type=FILE, default=Path("project.yaml"),
                required=False)
@click.option("--from", "source", type=FILE, default=None,
              metavar="TASKS.csv",
              help="Start from a task list (.csv or .xlsx with the "
              "columns plansat import reads: name, duration, "
              "predecessors, resources...) instead of the example.")
@click.option("--start", type=click.DateTime(["%Y-%m-%d"]), default=None,
              metavar="YYYY-MM-DD",
              help="The project start (default: next Monday).")
@click.option("--force", is_flag=True,
              help="Overwrite FILE when it exists.")
@debug_option
def new(file: Path, source: Path | None, start: datetime | None,
        force: bool) -> None:
    """Write a starter project to FILE (default: project.yaml).

    FILE ending in .yaml or .yml gets commented YAML, .json gets JSON.
    Without --from it holds an example of two people and four tasks
    that solves as it is: edit the names, people and tasks.

    \b
    Example:
      plansat new
      plansat new plan.json --start 2026-03-02
      plansat new plan.yaml --from examples/launch-msproject.csv
    """
    from plansat.io.starter import next_monday, project_text, starter_text

    fmt = _FORMATS.get(file.suffix.lower())
    if fmt is None:
        raise click.BadParameter(
            f"{file}: name it .yaml, .yml or .json (the format of the "
            "file written)", param_hint="FILE")
    if file.exists() and not force:
        raise click.BadParameter(
            f"{file} exists; give another name, or --force to overwrite "
            "it", param_hint="FILE")
    day = start.date() if start is not None else next_monday()
    if source is None:
        text = starter_text(day, fmt, file=str(file))
    else:
        from plansat.io.tasklist import load_tasklist

        listed = load_tasklist(source, start=day)
        for line in listed.warnings:
            click.echo(f"warning: {line}", err=True)
        header = (f"A plansat project from {source.name}: edit it, then\n"
                  f"  plansat validate {file}\n  plansat solve {file}\n"
                  "Every field: `plansat schema` or docs/contract.md.")
        text = project_text(listed.project, fmt, header)
    write_text(file, text, "FILE")
