"""The store's tables and their ordered migrations.

The schema version lives in SQLite's ``PRAGMA user_version``: 0 for an
empty file, then the version of the last migration applied.  Opening a
store runs :func:`migrate`, which applies the missing migrations in
order, all of them in one ``BEGIN IMMEDIATE`` transaction together with
the new ``user_version``: a failed migration leaves the file as it was,
and two processes opening a new store at once migrate it once.

A migration is appended, never edited: version ``n`` is what every store
at version ``n`` has, so a store written by an older plansat opens in a
newer one.  A store at a version newer than :data:`SCHEMA_VERSION` is
refused (this plansat can't know what the newer tables mean).

Version 1 holds the projects with their revision history, numbered
baselines, progress snapshots, solved plans and the outbox; version 2
adds a free-text description to projects (the MCP server's
``create_project(description=...)``) and the indexes of the
per-project lookups; version 3 adds the portfolios
(:mod:`plansat.store.portfolios`); version 4 makes the outbox a
transactional outbox that a dispatcher delivers (idempotency key,
address, HTML and iCalendar parts, status, attempts, last error, next
attempt, delivery time, claim) and adds the delivery ``channels`` (see
docs/notifications.md).  Messages of older stores stay ``held``: they
were never meant to be sent.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from plansat.store.errors import StoreError

__all__ = [
    "APPLICATION_ID",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "Migration",
    "migrate",
    "schema_version",
]

log = logging.getLogger(__name__)

#: ``PRAGMA application_id`` of a plansat store (the bytes ``plns``).
APPLICATION_ID = int.from_bytes(b"plns", "big")


@dataclass(frozen=True)
class Migration:
    """One step of the schema: the statements that take a store from
    ``version - 1`` to ``version``.

    Attributes
    ----------
    version
        The ``user_version`` after this migration.
    summary
        What it changes, for logs and errors.
    statements
        SQL statements run one by one inside the migration transaction
        (``executescript`` would commit it).
    """

    version: int
    summary: str
    statements: tuple[str, ...]


_V1 = Migration(
    1,
    "projects, revisions, baselines, snapshots, plans, outbox",
    (
        """CREATE TABLE projects (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            revision INTEGER NOT NULL CHECK (revision >= 1),
            created TEXT NOT NULL,
            updated TEXT NOT NULL
        )""",
        """CREATE TABLE revisions (
            project_id TEXT NOT NULL
                REFERENCES projects (id) ON DELETE CASCADE,
            revision INTEGER NOT NULL,
            created TEXT NOT NULL,
            name TEXT NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (project_id, revision)
        )""",
        """CREATE TABLE baselines (
            project_id TEXT NOT NULL,
            number INTEGER NOT NULL CHECK (number >= 0),
            revision INTEGER NOT NULL,
            created TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            result TEXT NOT NULL,
            PRIMARY KEY (project_id, number),
            FOREIGN KEY (project_id, revision)
                REFERENCES revisions (project_id, revision)
                ON DELETE CASCADE
        )""",
        """CREATE TABLE snapshots (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            project_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            status_date TEXT NOT NULL,
            created TEXT NOT NULL,
            body TEXT NOT NULL,
            FOREIGN KEY (project_id, revision)
                REFERENCES revisions (project_id, revision)
                ON DELETE CASCADE
        )""",
        """CREATE TABLE plans (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            project_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            created TEXT NOT NULL,
            kind TEXT NOT NULL,
            options TEXT NOT NULL DEFAULT '{}',
            result TEXT NOT NULL,
            FOREIGN KEY (project_id, revision)
                REFERENCES revisions (project_id, revision)
                ON DELETE CASCADE
        )""",
        """CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            project_id TEXT NOT NULL
                REFERENCES projects (id) ON DELETE CASCADE,
            created TEXT NOT NULL,
            kind TEXT NOT NULL,
            recipient TEXT NOT NULL,
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            delivered INTEGER NOT NULL DEFAULT 0,
            channel TEXT NOT NULL DEFAULT 'outbox'
        )""",
    ),
)

_V2 = Migration(
    2,
    "project descriptions, per-project lookup indexes",
    (
        "ALTER TABLE projects ADD COLUMN description TEXT NOT NULL "
        "DEFAULT ''",
        "CREATE INDEX plans_by_project ON plans (project_id, kind, id)",
        "CREATE INDEX snapshots_by_project "
        "ON snapshots (project_id, status_date, id)",
        "CREATE INDEX outbox_by_project ON outbox (project_id, id)",
    ),
)

_V3 = Migration(
    3,
    "portfolios (named sets of stored projects)",
    (
        """CREATE TABLE portfolios (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            body TEXT NOT NULL
        )""",
    ),
)

_V4 = Migration(
    4,
    "delivery: outbox status, attempts, claims; channels",
    (
        "ALTER TABLE outbox ADD COLUMN key TEXT",
        "UPDATE outbox SET key = lower(hex(randomblob(16)))",
        "CREATE UNIQUE INDEX outbox_by_key ON outbox (key)",
        "ALTER TABLE outbox ADD COLUMN address TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE outbox ADD COLUMN html TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE outbox ADD COLUMN ics TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE outbox ADD COLUMN status TEXT NOT NULL DEFAULT 'held'",
        "ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE outbox ADD COLUMN last_error TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE outbox ADD COLUMN next_attempt TEXT",
        "ALTER TABLE outbox ADD COLUMN delivered_at TEXT",
        "ALTER TABLE outbox ADD COLUMN claimed_by TEXT",
        "ALTER TABLE outbox ADD COLUMN claimed_until TEXT",
        "UPDATE outbox SET status = 'delivered' WHERE delivered = 1",
        "CREATE INDEX outbox_due ON outbox (status, next_attempt, id)",
        """CREATE TABLE channels (
            name TEXT PRIMARY KEY,
            url TEXT NOT NULL,
            project_id TEXT REFERENCES projects (id) ON DELETE CASCADE,
            allow TEXT NOT NULL DEFAULT '[]',
            created TEXT NOT NULL
        )""",
    ),
)

#: Every migration, in order; ``MIGRATIONS[i].version == i + 1``.
MIGRATIONS: tuple[Migration, ...] = (_V1, _V2, _V3, _V4)

#: The schema version this plansat writes.
SCHEMA_VERSION = MIGRATIONS[-1].version


def schema_version(conn: sqlite3.Connection) -> int:
    """The ``PRAGMA user_version`` of the database behind ``conn``."""
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def _check_owner(conn: sqlite3.Connection, version: int, source: str) -> None:
    """Refuse a database that some other program wrote."""
    app = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if app not in (0, APPLICATION_ID):
        raise StoreError(
            f"{source}: not a plansat store (SQLite application_id {app})"
        )
    if version == 0:
        tables = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
        ).fetchone()[0]
        if tables:
            raise StoreError(
                f"{source}: not a plansat store (an SQLite database with "
                f"{tables} table(s) of its own and no schema version)"
            )


def migrate(
    conn: sqlite3.Connection,
    target: int | None = None,
    *,
    migrations: Sequence[Migration] = MIGRATIONS,
    source: str = "store",
) -> list[int]:
    """Bring the database behind ``conn`` up to ``target``.

    Parameters
    ----------
    conn
        A connection in autocommit mode (``isolation_level=None``).
    target
        The version to reach (default: the last migration's).  Tests use
        an older one to build a store as an older plansat wrote it.
    migrations
        The ordered migrations (default :data:`MIGRATIONS`).
    source
        How errors name the database (its path).

    Returns
    -------
    list of int
        The versions applied, in order (empty when already current).

    Raises
    ------
    StoreError
        When the file belongs to another program, its version is newer
        than ``migrations`` know, or a migration fails (nothing of it
        stays: the file keeps its old version).
    """
    last = migrations[-1].version if migrations else 0
    target = last if target is None else target
    conn.execute("BEGIN IMMEDIATE")
    try:
        current = schema_version(conn)
        if current > last:
            raise StoreError(
                f"{source}: schema version {current} is newer than this "
                f"plansat knows ({last}); upgrade plansat"
            )
        _check_owner(conn, current, source)
        applied = _apply(conn, current, target, migrations, source)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    for version in applied:
        log.info("%s: migrated to schema version %d", source, version)
    return applied


def _apply(
    conn: sqlite3.Connection,
    current: int,
    target: int,
    migrations: Sequence[Migration],
    source: str,
) -> list[int]:
    """Run the migrations after ``current`` up to ``target`` (inside the
    caller's transaction) and set ``user_version``."""
    applied: list[int] = []
    for step in migrations:
        if not current < step.version <= target:
            continue
        try:
            for statement in step.statements:
                conn.execute(statement)
        except sqlite3.Error as exc:
            raise StoreError(
                f"{source}: migration to schema version {step.version} "
                f"({step.summary}) failed: {exc}"
            ) from exc
        applied.append(step.version)
    if applied:
        if current == 0:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {applied[-1]:d}")
    return applied
