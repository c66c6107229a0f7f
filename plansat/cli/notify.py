"""``plansat notify``: delivery channels, queueing, previews, the
dispatcher and the outbox (see docs/notifications.md).

``channel add|list|remove`` configure where messages go and ``config``
the store's rate limits; ``queue`` and
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
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from plansat.cli.files import echo_json
from plansat.cli.options import EXIT_BAD_INPUT, FILE, debug_option
from plansat.cli.options import format_option as _format_option

if TYPE_CHECKING:
    from plansat.notify.outgoing import Outcome
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


#: Seconds per unit of a ``--window``.
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _window(text: str | None) -> timedelta | None:
    """``90s``, ``30m``, ``1h``, ``2d`` or seconds as a duration."""
    if text is None:
        return None
    unit = text[-1:].lower()
    number = text[:-1] if unit in _UNITS else text
    try:
        value = float(number) * _UNITS.get(unit, 1)
    except ValueError:
        raise click.BadParameter(
            f"{text!r} is not a duration (e.g. 90s, 30m, 1h, 2d)",
            param_hint="--window") from None
    return timedelta(seconds=value)


@notify.command()
@click.option("--per-recipient", type=int, default=None, metavar="N",
              help="Messages one recipient may get per window.")
@click.option("--per-store", type=int, default=None, metavar="N",
              help="Messages the whole store may queue per window.")
@click.option("--window", default=None, metavar="DURATION",
              help="The window the limits count over: 90s, 30m, 1h, 2d.")
@_format_option("table", "json")
def config(per_recipient: int | None, per_store: int | None,
           window: str | None, fmt: str) -> None:
    """Show the store's rate limits; change those given (kept in the
    store; defaults 20 per recipient and 500 per store an hour)."""
    span = _window(window)
    with _open() as st:
        if (per_recipient, per_store, span) == (None, None, None):
            limits = st.rate_limits()
        else:
            limits = st.set_rate_limits(per_recipient, per_store, span)
    if fmt == "json":
        echo_json({"per_recipient": limits.per_recipient,
                   "per_store": limits.per_store,
                   "window_seconds": limits.window.total_seconds()})
        return
    click.echo(f"per recipient\t{limits.per_recipient}\n"
               f"per store\t{limits.per_store}\n"
               f"window\t{limits.window}")


def _compose(project_id: str, kind: str, to: str, message: str,
             time_limit: float, dry_run: bool) -> Outcome:
    """Render (and, without ``dry_run``, queue) the messages: the
    renderer is :mod:`plansat.notify` (no MCP server needed)."""
    from plansat.notify.outgoing import outgoing
    from plansat.notify.sources import StoreSources
    from plansat.options import SolveOptions

    recipients = [r.strip() for r in to.split(",") if r.strip()]
    opts = SolveOptions(objective="time", time_limit=time_limit)
    with _open() as st:
        return outgoing(st, StoreSources(st, opts), project_id, kind,
                        recipients, message, dry_run=dry_run)


#: The fields of a message in ``--format json`` (those of the MCP
#: tool's answer).
_FIELDS = {"id", "recipient", "subject", "body", "created", "delivered",
           "channel", "status", "address", "key", "attempts",
           "last_error", "delivered_at"}


def _as_json(project_id: str, out: Outcome) -> dict[str, Any]:
    from plansat.notify.outgoing import summary

    messages = [m.model_dump(mode="json", include=_FIELDS)
                for m in out.messages]
    for m in messages if out.preview else ():
        m["status"] = "preview"
    return {"project_id": project_id, "notification_type": out.kind,
            "message": summary(out, False), "delivered": out.delivered,
            "channel": out.channels, "notes": out.notes,
            "messages": messages}


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


def _show(project_id: str, out: Outcome, fmt: str, full: bool) -> None:
    from plansat.notify.outgoing import summary

    if fmt == "json":
        echo_json(_as_json(project_id, out))
        return
    for m in out.messages:
        to = f"{m.recipient} <{m.address}>" if m.address else m.recipient
        click.echo(f"--- {'preview' if out.preview else m.status}: {to} "
                   f"on {m.channel}" + (f" (#{m.id})" if m.id else ""))
        click.echo(f"Subject: {m.subject}")
        if full:
            click.echo(f"\n{m.body}\n")
    for note in out.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(summary(out, False), err=True)


@notify.command()
@_compose_options
def queue(project_id: str, kind: str, to: str, message: str,
          time_limit: float, fmt: str) -> None:
    """Queue messages for PROJECT_ID (what send_notifications does)."""
    _show(project_id,
          _compose(project_id, kind, to, message, time_limit, False), fmt,
          False)


@notify.command()
@_compose_options
def preview(project_id: str, kind: str, to: str, message: str,
            time_limit: float, fmt: str) -> None:
    """Show what queue would send to whom on which channel (nothing is
    stored)."""
    _show(project_id,
          _compose(project_id, kind, to, message, time_limit, True), fmt,
          True)


@contextmanager
def _stopped_by_signals() -> Iterator[threading.Event]:
    """An event that SIGINT and SIGTERM set (instead of raising in the
    middle of a delivery), the previous handlers restored after."""
    stop = threading.Event()
    signals = (signal.SIGINT, signal.SIGTERM)
    before = {s: signal.signal(s, lambda *_: stop.set()) for s in signals}
    try:
        yield stop
    finally:
        for s, handler in before.items():
            signal.signal(s, handler)


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
    """Deliver the due messages (the dispatcher): once, or --watch until
    Ctrl-C or SIGTERM, which stop it after the pass in progress; then it
    prints the totals and exits with 0."""
    from plansat.notify import Dispatcher, Secrets

    secrets = Secrets.load(password_file)
    with _open() as st:
        dispatcher = Dispatcher(st, secrets, timeout=timeout)
        if not watch:
            report = dispatcher.run_once()
        else:
            with _stopped_by_signals() as stop:
                report = dispatcher.watch(interval, stop)
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
