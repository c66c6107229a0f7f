"""``plansat store``: the projects kept in the store.

``list``, ``show``, ``export``, ``import``, ``delete``, ``baselines``,
``path``, ``migrate`` and ``copy``, each a thin call of the store
(:func:`plansat.store.open_store`).  The store is ``--store ADDRESS``
(an option of the group: a SQLite file or ``postgresql://...``), else
``$PLANSAT_STORE``, else ``plansat.db`` in the user's data directory.
An unknown id, a stale revision or a store that can't be opened prints
one ``error:`` line and exits with 2, as bad input does.

The store is imported when a command runs, not with the command line.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from plansat.cli.files import echo_json, read_project, write_text
from plansat.cli.options import EXIT_BAD_INPUT, FILE, debug_option
from plansat.cli.options import format_option as _format_option

if TYPE_CHECKING:
    from plansat.store import ProjectStore

__all__ = ["store"]

_PATH_KEY = "plansat.store.path"


class _StoreGroup(click.Group):
    """Reports the store's errors as one line with exit status 2."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the sub-command; a ``StoreError`` is bad input."""
        from plansat.store.errors import StoreError

        try:
            return super().invoke(ctx)
        except StoreError as exc:
            click.echo(f"error: {exc}", err=True)
            raise click.exceptions.Exit(EXIT_BAD_INPUT) from None


def _open() -> ProjectStore:
    """The store chosen by ``--store`` / ``$PLANSAT_STORE`` / default."""
    from plansat.store import open_store

    path = click.get_current_context().meta.get(_PATH_KEY)
    return open_store(path)


def _check_id(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> str | None:
    from plansat.store.ids import check_id

    if value is None:
        return None
    try:
        return check_id(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _when(stamp: datetime) -> str:
    """A stored UTC time to the minute: ``2025-06-26 09:30 UTC``."""
    return stamp.strftime("%Y-%m-%d %H:%M UTC")


_REVISION = click.option(
    "--revision", type=click.IntRange(min=1), default=None, metavar="N",
    help="A revision of the project (default: the current one).",
)


@click.group(cls=_StoreGroup)
@click.option(
    "--store", "path", default=None, metavar="ADDRESS",
    help="The store: a SQLite file or postgresql://user@host/db "
         "(default: $PLANSAT_STORE, else plansat.db in the user's data "
         "directory).",
)
@debug_option
@click.pass_context
def store(ctx: click.Context, path: str | None) -> None:
    """Projects kept in a store (SQLite or PostgreSQL), with their
    revisions and baselines.

    \b
    Example:
      plansat store import examples/ecommerce.json --id shop
      plansat store list
      plansat store show shop
      plansat store export shop -o shop.json
      plansat store --store team.db delete shop --yes
      plansat store copy team.db postgresql://plansat@db/plansat
    """
    if path is not None:
        ctx.meta[_PATH_KEY] = path


@store.command("path")
def path_command() -> None:
    """Print the store the other commands use (file or address)."""
    from plansat.store import resolve_path
    from plansat.store.location import redact

    path = click.get_current_context().meta.get(_PATH_KEY)
    click.echo(redact(str(resolve_path(path))))


@store.command("list")
@_format_option("table", "json")
def list_command(fmt: str) -> None:
    """List the stored projects: id, name, revision, last change."""
    with _open() as st:
        projects = st.list_projects()
        where = st.path
    if fmt == "json":
        echo_json([p.model_dump(mode="json") for p in projects])
        return
    if not projects:
        click.echo(f"no projects in {where}", err=True)
        return
    from rich.table import Table

    from plansat.cli.render import make_console

    table = Table(title=f"Projects in {where}")
    for column in ("ID", "Name", "Revision", "Updated"):
        table.add_column(column, justify="right" if column == "Revision"
                         else "left")
    for p in projects:
        table.add_row(p.id, p.name, str(p.revision), _when(p.updated))
    make_console().print(table)


@store.command()
@click.argument("project_id", metavar="ID")
@_REVISION
@_format_option("table", "json")
def show(project_id: str, revision: int | None, fmt: str) -> None:
    """Show a stored project: what it holds and its history."""
    with _open() as st:
        record = st.get_project(project_id, revision)
        if fmt == "json":
            echo_json(record.model_dump(mode="json"))
            return
        history = st.list_revisions(project_id)
        baselines = st.list_baselines(project_id)
        snapshots = st.list_snapshots(project_id)
        plan = st.latest_plan(project_id)
    from plansat import format as fmt_
    from plansat.cli.render import project_summary

    summary = project_summary(record.project)
    current = history[-1].revision
    lines = [
        f"{record.id}: {record.name}",
        *([record.description] if record.description else []),
        f"revision {record.revision} of {current}, written "
        f"{_when(record.updated)} (created {_when(record.created)})",
        f"{summary['tasks']} tasks, {summary['people']} people, "
        f"{summary['resources']} resources, {summary['dependencies']} "
        f"dependencies, starts {summary['start']}",
        f"baselines: {len(baselines)}, progress snapshots: "
        f"{len(snapshots)}",
    ]
    if plan is not None:
        lines.append(
            f"latest plan: {plan.kind} of revision {plan.revision}, "
            f"{plan.result.status}, {fmt_.days(plan.result.makespan)}, "
            f"saved {_when(plan.created)}"
        )
    lines.append("revisions:")
    lines.extend(
        f"  {h.revision:>3}  {_when(h.created)}  {h.name}"
        + (f"  by {h.author}" if h.author else "") for h in history
    )
    for line in lines:
        click.echo(line)


@store.command()
@click.argument("project_id", metavar="ID")
@_REVISION
@click.option("-o", "--out", type=FILE, default=None,
              help="Write the JSON to this file (default: stdout).")
def export(project_id: str, revision: int | None, out: Path | None) -> None:
    """Write a stored project as plain project JSON (for git, or for
    any plansat command)."""
    with _open() as st:
        text = st.export_project(project_id, revision)
    if out is None:
        click.echo(text, nl=False)
    else:
        write_text(out, text, "--out")


@store.command("import")
@click.argument("file", type=FILE)
@click.option("--id", "project_id", default=None, callback=_check_id,
              help="The project's id (default: its name's slug and six "
                   "random hex digits).")
@click.option("--revision", type=click.IntRange(min=1), default=None,
              metavar="N",
              help="Update project --id, which must be at revision N, "
                   "instead of creating a project.")
@click.option("--author", default=None, metavar="NAME",
              help="Who writes the revision (kept in its history).")
def import_command(
    file: Path, project_id: str | None, revision: int | None,
    author: str | None,
) -> None:
    """Store the project in FILE (JSON, or a benchmark format) as a new
    project, or as the next revision of --id with --revision."""
    if revision is not None and project_id is None:
        raise click.UsageError("--revision needs --id")
    project = read_project(file)
    with _open() as st:
        if revision is None:
            record = st.create_project(project, project_id, author=author)
        else:
            assert project_id is not None
            record = st.update_project(project_id, project, revision,
                                       author=author)
    click.echo(f"{record.id} revision {record.revision}: {record.name}")


@store.command()
@click.argument("project_id", metavar="ID")
@click.option("--yes", is_flag=True,
              help="Don't ask for confirmation.")
def delete(project_id: str, yes: bool) -> None:
    """Delete a project with its revisions, baselines, snapshots, plans
    and messages."""
    with _open() as st:
        current = st.list_revisions(project_id)[-1]
        if not yes:
            click.confirm(
                f"Delete {project_id} ({current.name}, revision "
                f"{current.revision}) and everything stored with it?",
                abort=True, err=True,
            )
        st.delete_project(project_id, expected_revision=current.revision)
    click.echo(f"deleted {project_id}")


@store.command()
@click.argument("project_id", metavar="ID")
@_format_option("table", "json")
def baselines(project_id: str, fmt: str) -> None:
    """List a project's numbered baselines."""
    with _open() as st:
        records = st.list_baselines(project_id)
    if fmt == "json":
        echo_json([b.model_dump(mode="json") for b in records])
        return
    if not records:
        click.echo(f"{project_id} has no baselines", err=True)
        return
    from rich.table import Table

    from plansat import format as fmt_
    from plansat.cli.render import make_console

    table = Table(title=f"Baselines of {project_id}")
    for column in ("#", "Saved", "Revision", "Status", "Days",
                   "Finish", "Cost", "Note"):
        table.add_column(column, justify="right" if column in (
            "#", "Revision", "Days", "Cost") else "left")
    for b in records:
        r = b.result
        table.add_row(
            str(b.number), _when(b.created), str(b.revision), r.status,
            fmt_.number(r.makespan), fmt_.iso(r.finish_date),
            fmt_.money(r.cost.total), b.note,
        )
    make_console().print(table)


@store.command()
def migrate() -> None:
    """Bring the store to this plansat's schema version (opening it
    does; this says what was done)."""
    from plansat.store import SCHEMA_VERSION

    with _open() as st:
        where, applied = st.path, st.migrated
    if applied:
        steps = ", ".join(str(v) for v in applied)
        click.echo(f"{where}: migrated to schema version "
                   f"{SCHEMA_VERSION} (applied {steps})")
    else:
        click.echo(f"{where}: at schema version {SCHEMA_VERSION}")


@store.command("copy")
@click.argument("source", metavar="SRC")
@click.argument("target", metavar="DST")
def copy_command(source: str, target: str) -> None:
    """Copy the whole store SRC, with its history, into the empty store
    DST (each a SQLite file or a postgresql:// address)."""
    from plansat.store import open_store
    from plansat.store.transfer import copy_store

    with open_store(source) as src, open_store(target) as dst:
        copied = copy_store(src, dst)  # type: ignore[arg-type]
        click.echo(f"copied {copied} from {src.path} to {dst.path}")
