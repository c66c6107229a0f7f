"""The outbox as a dispatcher sees it, and the delivery channels.

A transactional outbox: a message is a row written in the same
transaction as the state change it reports (:meth:`Artifacts.save_plan`,
:meth:`Artifacts.set_baseline` and :meth:`Artifacts.add_snapshot` take
``messages``), or queued on its
own (:meth:`Outbox.queue_messages`, rate-limited).  A dispatcher then

1. claims the next due message with one conditional ``UPDATE`` inside a
   write transaction (:meth:`Outbox.claim_message`; SQLite: ``BEGIN
   IMMEDIATE``; PostgreSQL: the row picked ``FOR UPDATE SKIP LOCKED``):
   the row moves from ``pending`` to ``sending`` with the dispatcher's
   name and a lease, so two dispatchers never hold the same message;
2. sends it with its idempotency key;
3. records the outcome (:meth:`Outbox.mark_delivered`,
   :meth:`Outbox.mark_failed`), again only while it holds the claim.

A dispatcher that dies between 2 and 3 leaves a ``sending`` row whose
lease runs out; the next claim takes it again and re-sends it with the
same key (at-least-once; the receiver de-duplicates by the key).
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from plansat.store.base import StoreBase, now
from plansat.store.dialect import Connection, Row
from plansat.store.errors import NotFound, StoreError
from plansat.store.records import ChannelRecord, NewMessage, OutboxMessage

__all__ = [
    "Outbox",
    "RateLimitError",
    "RateLimits",
    "insert_messages",
    "message_record",
    "new_key",
]


class RateLimitError(StoreError):
    """Queueing would exceed a rate limit; nothing was queued."""


@dataclass(frozen=True)
class RateLimits:
    """How many messages may be queued within ``window``: per recipient
    and for the whole store (the defaults; a store keeps its own:
    :meth:`Outbox.set_rate_limits`)."""

    per_recipient: int = 20
    per_store: int = 500
    window: timedelta = timedelta(hours=1)

    def __post_init__(self) -> None:
        if self.per_recipient < 1 or self.per_store < 1:
            raise ValueError(
                "rate limits must allow at least 1 message (got "
                f"per_recipient={self.per_recipient}, "
                f"per_store={self.per_store})")
        if self.window <= timedelta(0):
            raise ValueError(f"the rate limits' window must be positive "
                             f"(got {self.window})")


#: The ``settings`` rows of the rate limits.
_LIMITS = ("notify.per_recipient", "notify.per_store",
           "notify.window_seconds")


def _limits(conn: Connection) -> RateLimits:
    rows = dict(conn.execute(
        f"SELECT name, value FROM settings WHERE name IN "
        f"({', '.join('?' * len(_LIMITS))})", _LIMITS).fetchall())
    default = RateLimits()
    return RateLimits(
        int(rows.get(_LIMITS[0], default.per_recipient)),
        int(rows.get(_LIMITS[1], default.per_store)),
        timedelta(seconds=float(rows.get(
            _LIMITS[2], default.window.total_seconds()))))


def new_key() -> str:
    """A fresh idempotency key (32 hex digits)."""
    return secrets.token_hex(16)


def insert_messages(
    conn: Connection,
    project_id: str,
    messages: Iterable[NewMessage],
    stamp: str,
) -> list[int]:
    """Insert ``messages`` inside the caller's transaction; those with a
    channel are ``pending``, the others ``held``; one whose ``key`` the
    outbox already holds is left out.  Returns the ids of those
    written."""
    ids = []
    for m in messages:
        row = conn.execute(
            "INSERT INTO outbox (project_id, created, kind, recipient, "
            "subject, body, channel, key, address, html, ics, status) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (key) DO NOTHING RETURNING id",
            (project_id, stamp, m.kind, m.recipient, m.subject, m.body,
             m.channel or "outbox", m.key or new_key(), m.address, m.html,
             m.ics, "held" if m.channel is None else "pending"),
        ).fetchone()
        if row is not None:
            ids.append(int(row[0]))
    return ids


def _stamp(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def message_record(row: Row) -> OutboxMessage:
    """An outbox row as a record."""
    return OutboxMessage(
        id=row["id"], project_id=row["project_id"],
        created=datetime.fromisoformat(row["created"]), kind=row["kind"],
        recipient=row["recipient"], subject=row["subject"],
        body=row["body"], delivered=bool(row["delivered"]),
        channel=row["channel"], key=row["key"], address=row["address"],
        html=row["html"], ics=row["ics"], status=row["status"],
        attempts=row["attempts"], last_error=row["last_error"],
        next_attempt=_stamp(row["next_attempt"]),
        delivered_at=_stamp(row["delivered_at"]),
    )


def _channel(row: Row) -> ChannelRecord:
    return ChannelRecord(
        name=row["name"], url=row["url"], project_id=row["project_id"],
        allow=json.loads(row["allow"]),
        created=datetime.fromisoformat(row["created"]),
    )


class Outbox(StoreBase):
    """Channels, queueing with rate limits, claims and outcomes."""

    # -- channels ----------------------------------------------------------

    def add_channel(
        self,
        name: str,
        url: str,
        *,
        project_id: str | None = None,
        allow: Sequence[str] = (),
    ) -> ChannelRecord:
        """Add (or replace) the channel ``name``; the caller checked the
        URL (:func:`plansat.notify.addresses.parse_channel`).

        Raises
        ------
        NotFound
            For an unknown ``project_id``.
        """
        with self._write() as conn:
            if project_id is not None:
                self._current(conn, project_id)
            conn.execute(
                "INSERT OR REPLACE INTO channels (name, url, project_id, "
                "allow, created) VALUES (?, ?, ?, ?, ?)",
                (name, url, project_id, json.dumps(list(allow)), now()),
            )
            row = conn.execute(
                "SELECT * FROM channels WHERE name = ?", (name,)
            ).fetchone()
        return _channel(row)

    def list_channels(
        self, project_id: str | None = None
    ) -> list[ChannelRecord]:
        """The channels (serving ``project_id`` when given), by name."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT * FROM channels WHERE ? IS NULL OR project_id IS "
                "NULL OR project_id = ? ORDER BY name",
                (project_id, project_id),
            ).fetchall()
        return [_channel(row) for row in rows]

    def remove_channel(self, name: str) -> None:
        """Remove a channel; its queued messages stay and fail.

        Raises
        ------
        NotFound
            When there is no such channel.
        """
        with self._write() as conn:
            cursor = conn.execute(
                "DELETE FROM channels WHERE name = ?", (name,))
            if cursor.rowcount == 0:
                raise NotFound(f"no channel {name!r}", name)

    # -- rate limits -------------------------------------------------------

    def rate_limits(self) -> RateLimits:
        """The store's rate limits (:class:`RateLimits`' defaults where
        none was set)."""
        with self._read() as conn:
            return _limits(conn)

    def set_rate_limits(
        self,
        per_recipient: int | None = None,
        per_store: int | None = None,
        window: timedelta | None = None,
    ) -> RateLimits:
        """Change the store's rate limits (``None``: keep that one).

        Raises
        ------
        ValueError
            For a limit below 1 or a window that is not positive.
        """
        with self._write() as conn:
            old = _limits(conn)
            new = RateLimits(
                old.per_recipient if per_recipient is None
                else per_recipient,
                old.per_store if per_store is None else per_store,
                old.window if window is None else window)
            for name, value in zip(_LIMITS, (
                    new.per_recipient, new.per_store,
                    new.window.total_seconds()), strict=True):
                conn.execute("INSERT OR REPLACE INTO settings (name, "
                             "value) VALUES (?, ?)", (name, str(value)))
        return new

    # -- queueing ----------------------------------------------------------

    def queue_messages(
        self,
        project_id: str,
        messages: Sequence[NewMessage],
        limits: RateLimits | None = None,
    ) -> list[OutboxMessage]:
        """Queue ``messages`` in one transaction, within ``limits``
        (default: the store's, :meth:`rate_limits`).

        Raises
        ------
        RateLimitError
            When a recipient or the store would exceed its limit; nothing
            is queued.
        NotFound
            For an unknown project.
        """
        stamp = now()
        with self._write() as conn:
            self._current(conn, project_id)
            limits = limits or _limits(conn)
            since = (datetime.fromisoformat(stamp)
                     - limits.window).isoformat(timespec="microseconds")
            _check_rates(conn, messages, limits, since)
            ids = insert_messages(conn, project_id, messages, stamp)
            rows = [conn.execute("SELECT * FROM outbox WHERE id = ?",
                                 (i,)).fetchone() for i in ids]
        return [message_record(row) for row in rows]

    # -- dispatching -------------------------------------------------------

    def claim_message(
        self,
        worker: str,
        at: datetime,
        lease: timedelta,
        ids: Sequence[int] | None = None,
    ) -> OutboxMessage | None:
        """Claim the oldest due message for ``worker`` until
        ``at + lease``: a ``pending`` one whose next attempt is due, or
        a ``sending`` one whose lease ran out (its dispatcher died).
        Counts the attempt.  ``ids`` restricts the choice.

        Returns ``None`` when nothing is due.
        """
        t = at.isoformat(timespec="microseconds")
        until = (at + lease).isoformat(timespec="microseconds")
        among = "" if ids is None else (
            f" AND id IN ({','.join(str(int(i)) for i in ids) or 'NULL'})")
        with self._write() as conn:
            row = conn.execute(
                "UPDATE outbox SET status = 'sending', claimed_by = ?, "
                "claimed_until = ?, attempts = attempts + 1 WHERE id = ("
                "SELECT id FROM outbox WHERE ((status = 'pending' AND "
                "(next_attempt IS NULL OR next_attempt <= ?)) OR (status = "
                f"'sending' AND claimed_until <= ?)){among} ORDER BY id "
                f"LIMIT 1{conn.dialect.skip_locked}) RETURNING *",
                (worker, until, t, t),
            ).fetchone()
        return None if row is None else message_record(row)

    def mark_delivered(self, message_id: int, worker: str,
                       at: datetime) -> bool:
        """Record a delivery; ``False`` when ``worker`` no longer holds
        the claim (another dispatcher took it over)."""
        with self._write() as conn:
            cursor = conn.execute(
                "UPDATE outbox SET status = 'delivered', delivered = 1, "
                "delivered_at = ?, last_error = '', claimed_by = NULL, "
                "claimed_until = NULL WHERE id = ? AND claimed_by = ? AND "
                "status = 'sending'",
                (at.isoformat(timespec="microseconds"), message_id, worker),
            )
        return cursor.rowcount == 1

    def mark_failed(self, message_id: int, worker: str, error: str,
                    retry_at: datetime | None) -> bool:
        """Record a failed attempt: due again at ``retry_at``, or dead
        when ``retry_at`` is ``None``.  ``False`` as
        :meth:`mark_delivered`."""
        status = "dead" if retry_at is None else "pending"
        when = None if retry_at is None else retry_at.isoformat(
            timespec="microseconds")
        with self._write() as conn:
            cursor = conn.execute(
                "UPDATE outbox SET status = ?, last_error = ?, "
                "next_attempt = ?, claimed_by = NULL, claimed_until = NULL "
                "WHERE id = ? AND claimed_by = ? AND status = 'sending'",
                (status, error[:2000], when, message_id, worker),
            )
        return cursor.rowcount == 1

    def outbox(
        self,
        project_id: str | None = None,
        statuses: Sequence[str] | None = None,
        ids: Sequence[int] | None = None,
    ) -> list[OutboxMessage]:
        """Messages of every project (or ``project_id``), oldest first,
        with one of ``statuses`` / ``ids`` when given."""
        sql = "SELECT * FROM outbox WHERE (? IS NULL OR project_id = ?)"
        args: list[object] = [project_id, project_id]
        for column, values in (("status", statuses), ("id", ids)):
            if values is not None:
                sql += f" AND {column} IN ({','.join('?' * len(values))})"
                args += list(values)
        with self._read() as conn:
            rows = conn.execute(sql + " ORDER BY id", args).fetchall()
        return [message_record(row) for row in rows]

    def plan_count(self, project_id: str) -> int:
        """How many plans the project has stored (the iCalendar
        ``SEQUENCE`` of its events)."""
        with self._read() as conn:
            return int(conn.execute(
                "SELECT count(*) FROM plans WHERE project_id = ?",
                (project_id,)).fetchone()[0])


def _check_rates(conn: Connection, messages: Sequence[NewMessage],
                 limits: RateLimits, since: str) -> None:
    """Raise :class:`RateLimitError` when ``messages`` would exceed a
    limit counted over the rows created after ``since``."""
    total = conn.execute(
        "SELECT count(*) FROM outbox WHERE created > ? AND status != "
        "'held'", (since,)).fetchone()[0]
    queued = [m for m in messages if m.channel is not None]
    if total + len(queued) > limits.per_store:
        raise RateLimitError(
            f"rate limit: the store may queue {limits.per_store} messages "
            f"per {limits.window}; {total} already queued")
    per: dict[str, int] = {}
    for m in queued:
        per[m.recipient] = per.get(m.recipient, 0) + 1
    for who, count in per.items():
        done = conn.execute(
            "SELECT count(*) FROM outbox WHERE created > ? AND status != "
            "'held' AND recipient = ?", (since, who)).fetchone()[0]
        if done + count > limits.per_recipient:
            raise RateLimitError(
                f"rate limit: {who} may get {limits.per_recipient} "
                f"messages per {limits.window}; {done} already queued")
