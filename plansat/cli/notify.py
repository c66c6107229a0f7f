"""``plansat notify``: delivery channels, queueing, previews, the
dispatcher and the outbox (see docs/notifications.md).

``channel add|list|remove`` configure where messages go; ``queue`` and
``preview`` render the messages ``send_notifications`` renders (queued,
or only shown); ``send`` runs the dispatcher once or ``--watch``;
``list`` shows the outbox (``--failed``: the dead letters).  The store
is ``--store PATH`` (an option of the group), else ``$PLANSAT_STORE``.
Bad input (an unknown project, a refused recipient or URL, a rate
limit) prints one ``error:`` line and exits with 2.  Secrets come from
``$PLANSAT_SMTP_PASSWORD`` / ``--password-file`` and
``$PLANSAT_WEBHOOK_SECRET``; no command prints them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click

from plansat.cli.files import echo_json
from plansat.cli.options import EXIT_BAD_INPUT, FILE, debug_option
from plansat.cli.options import format_option as _format_option

if TYPE_CHECKING:
    from plansat.mcp.schemas import NotificationResult, NotificationType
    from plansat.store import ProjectStore

__all__ = ["notify"]

_PATH_KEY = "plansat.notify.store"
_TYPES = ("status_update", "milestone", "alert", "custom")


class _NotifyGroup(click.Group):
    """Reports bad input (store, URL, recipient, rate limit) as one
    ``error:`` line with exit status 2."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the sub-command; expected errors are bad input."""
        from plansat.models import ProjectError
        from plansat.store.errors import StoreError

        try:
            return super().invoke(ctx)
        except (StoreError, ValueError, ProjectError, OSError) as exc:
            click.echo(f"error: {exc}", err=True)
            raise click.exceptions.Exit(EXIT_BAD_INPUT) from None


def _open() -> ProjectStore:
    from plansat.store import open_store

    return open_store(click.get_current_context().meta.get(_PATH_KEY))


@click.group(cls=_NotifyGroup)
@click.option("--store", "path", default=None, metavar="ADDRESS",
              help="The store: a SQLite file or postgresql://user@host/db "
                   "(default: $PLANSAT_STORE, else plansat.db in the "
                   "user's data directory).")
@debug_option
@click.pass_context
def notify(ctx: click.Context, path: str | None) -> None:
    """Deliver the outbox: e-mail, chat webhooks, calendars.

    \b
    Example:
      plansat notify channel add mail 'smtp://127.0.0.1:8025?from=pm@example.com'
      plansat notify preview shop --to bob
      plansat notify queue shop --type status_update
      plansat notify send
      plansat notify list --failed
    """
    if path is not None:
        ctx.meta[_PATH_KEY] = path


@notify.group()
def channel() -> None:
    """Add, list and remove delivery channels."""


@channel.command("add")
@click.argument("name")
@click.argument("url")
@click.option("--project", "project_id", default=None, metavar="ID",
              help="Serve this project only (default: every project).")
@click.option("--allow", multiple=True, metavar="ADDRESS",
              help="An address besides the project's people that may be "
                   "addressed (repeatable).")
def channel_add(name: str, url: str, project_id: str | None,
                allow: tuple[str, ...]) -> None:
    """Add (or replace) channel NAME sending to URL.

    \b
    URL is one of
      smtp://[user@]host[:port][?starttls=1&from=ADDRESS]
      smtps://[user@]host[:port][?from=ADDRESS]
      webhook+https://host/path[?format=json|slack|teams]
      webhook+http://127.0.0.1:PORT/path (loopback only)
    The SMTP password is read from $PLANSAT_SMTP_PASSWORD (or
    --password-file of `send`), never stored.
    """
    from plansat.notify import parse_channel

    conf = parse_channel(url)
    for address in allow:
        if "@" not in address:
            raise click.BadParameter(f"{address!r} is no e-mail address",
                                     param_hint="--allow")
    with _open() as st:
        record = st.add_channel(name, url, project_id=project_id,
                                allow=allow)
    click.echo(f"channel {record.name}: {conf.kind} "
               f"{conf.endpoint or conf.host}"
               + (f" (project {project_id})" if project_id else ""))


@channel.command("list")
@_format_option("table", "json")
def channel_list(fmt: str) -> None:
    """List the channels: name, URL, project, allowed addresses."""
    with _open() as st:
        rows = st.list_channels()
    if fmt == "json":
        echo_json([r.model_dump(mode="json") for r in rows])
        return
    if not rows:
        click.echo("no channels (plansat notify channel add)", err=True)
    for r in rows:
        extra = f" allow={','.join(r.allow)}" if r.allow else ""
        click.echo(f"{r.name}\t{r.url}\t{r.project_id or '*'}{extra}")


@channel.command("remove")
@click.argument("name")
def channel_remove(name: str) -> None:
    """Remove channel NAME (its queued messages then fail and retry)."""
    with _open() as st:
        st.remove_channel(name)
    click.echo(f"removed channel {name}")


def _compose(project_id: str, kind: str, to: str, message: str,
             time_limit: float, dry_run: bool) -> NotificationResult:
    try:
        from plansat.mcp.notify import notify as render
        from plansat.mcp.runtime import AppState, Reporter
    except ImportError as exc:
        raise click.UsageError(
            f"rendering messages needs plansat[mcp] ({exc.name} is "
            "missing)") from None
    recipients = [r.strip() for r in to.split(",") if r.strip()]
    with _open() as st:
        return render(AppState(st), Reporter(), project_id,
                      cast("NotificationType", kind), recipients, message,
                      time_limit, dry_run=dry_run)


def _compose_options(fn: Any) -> Any:
    for option in reversed((
        click.argument("project_id", metavar="PROJECT_ID"),
        click.option("--type", "kind", type=click.Choice(_TYPES),
                     default="status_update", show_default=True,
                     help="status_update: status, blockers, milestones, "
                          "next tasks; milestone: next milestones and "
                          "those likely late; alert: the worst first; "
                          "custom: --message first, then next tasks."),
        click.option("--to", default="", metavar="A,B",
                     help="Recipients: person ids, names or e-mails "
                          "(default: every person)."),
        click.option("--message", default="", metavar="TEXT",
                     help="Text to put first (required for custom)."),
        click.option("--time-limit", type=click.FloatRange(0.1, 600),
                     default=10.0, show_default=True,
                     help="Seconds for a solve when no plan is stored."),
        _format_option("table", "json"),
    )):
        fn = option(fn)
    return fn


def _show(result: NotificationResult, fmt: str, full: bool) -> None:
    if fmt == "json":
        echo_json(result.model_dump(mode="json"))
        return
    for m in result.messages:
        to = f"{m.recipient} <{m.address}>" if m.address else m.recipient
        click.echo(f"--- {m.status}: {to} on {m.channel}"
                   + (f" (#{m.id})" if m.id else ""))
        click.echo(f"Subject: {m.subject}")
        if full:
            click.echo(f"\n{m.body}\n")
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(result.message, err=True)


@notify.command()
@_compose_options
def queue(project_id: str, kind: str, to: str, message: str,
          time_limit: float, fmt: str) -> None:
    """Queue messages for PROJECT_ID (what send_notifications does)."""
    _show(_compose(project_id, kind, to, message, time_limit, False), fmt,
          False)


@notify.command()
@_compose_options
def preview(project_id: str, kind: str, to: str, message: str,
            time_limit: float, fmt: str) -> None:
    """Show what queue would send to whom on which channel (nothing is
    stored)."""
    _show(_compose(project_id, kind, to, message, time_limit, True), fmt,
          True)


@notify.command()
@click.option("--watch", is_flag=True,
              help="Keep delivering until interrupted.")
@click.option("--interval", type=click.FloatRange(0.05, 3600),
              default=30.0, show_default=True,
              help="Seconds between two passes with --watch.")
@click.option("--password-file", type=FILE, default=None,
              help="Read the SMTP password from this file's first line "
                   "(default: $PLANSAT_SMTP_PASSWORD).")
@click.option("--timeout", type=click.FloatRange(0.1, 300), default=10.0,
              show_default=True, help="Seconds per message and channel.")
def send(watch: bool, interval: float, password_file: Path | None,
         timeout: float) -> None:
    """Deliver the due messages (the dispatcher): once, or --watch."""
    import threading

    from plansat.notify import Dispatcher, Secrets

    secrets = Secrets.load(password_file)
    with _open() as st:
        dispatcher = Dispatcher(st, secrets, timeout=timeout)
        if not watch:
            report = dispatcher.run_once()
        else:
            stop = threading.Event()
            try:
                report = dispatcher.watch(interval, stop)
            except KeyboardInterrupt:
                stop.set()
                return
        left = len(st.outbox(statuses=("pending", "sending")))
    click.echo(f"delivered {len(report.delivered)}, retrying "
               f"{len(report.retrying)}, dead {len(report.dead)}; "
               f"{left} waiting")


@notify.command("list")
@click.option("--project", "project_id", default=None, metavar="ID")
@click.option("--failed", is_flag=True,
              help="Only the dead letters and the messages retrying.")
@_format_option("table", "json")
def list_command(project_id: str | None, failed: bool, fmt: str) -> None:
    """List the outbox: status, attempts, channel, recipient, subject."""
    with _open() as st:
        rows = st.outbox(project_id)
    if failed:
        rows = [m for m in rows if m.status == "dead" or m.last_error]
    if fmt == "json":
        keep = ("html", "ics", "body")
        click.echo(json.dumps(
            [m.model_dump(mode="json", exclude=set(keep)) for m in rows],
            indent=2))
        return
    for m in rows:
        when = (f" at {m.delivered_at:%Y-%m-%d %H:%M:%S}"
                if m.delivered_at else "")
        error = f"\n    last error: {m.last_error}" if m.last_error else ""
        click.echo(f"#{m.id} {m.status}{when} ({m.attempts} attempt(s)) "
                   f"{m.recipient} on {m.channel}: {m.subject}{error}")
    if not rows:
        click.echo("no messages", err=True)
