"""The store's tables and their ordered migrations.

The schema version lives in SQLite's ``PRAGMA user_version`` (on
PostgreSQL: the table ``plansat_schema``): 0 for an empty database,
then the version of the last migration applied.  Opening a store runs
:func:`migrate`, which applies the missing migrations in order, all of
them in one transaction together with the new version (SQLite: ``BEGIN
IMMEDIATE``; PostgreSQL: under a transaction-scoped advisory lock, its
schema changes being transactional too): a failed migration leaves the
database as it was, and two processes opening a new store at once
migrate it once.  Both back ends run the same migrations; a statement
is written in SQLite's spelling and translated
(:meth:`plansat.store.dialect.Dialect.ddl`), or a migration gives its
PostgreSQL statements itself.

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
were never meant to be sent.  Version 5 records who
wrote each revision (the identity of the MCP server's token,
``--author`` on the command line).  Version 6 adds the store's
``settings`` (name, value): the notification rate limits
(:meth:`plansat.store.outbox.Outbox.set_rate_limits`).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence

from plansat.store import versions
from plansat.store.dialect import Connection
from plansat.store.versions import APPLICATION_ID, Migration, schema_version

__all__ = [
    "APPLICATION_ID",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "TABLES",
    "Migration",
    "migrate",
    "schema_version",
]

log = logging.getLogger(__name__)



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

_V5 = Migration(
    5,
    "revision authors",
    (
        "ALTER TABLE revisions ADD COLUMN author TEXT NOT NULL "
        "DEFAULT ''",
    ),
)

_V6 = Migration(
    6,
    "store settings (the notification rate limits)",
    (
        """CREATE TABLE settings (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )""",
    ),
)

#: Every migration, in order; ``MIGRATIONS[i].version == i + 1``.
MIGRATIONS: tuple[Migration, ...] = (_V1, _V2, _V3, _V4, _V5, _V6)

#: Every table of the schema, each after the tables it refers to (the
#: order :func:`plansat.store.transfer.copy_store` copies them in).
TABLES: tuple[str, ...] = (
    "projects", "revisions", "baselines", "snapshots", "plans", "outbox",
    "portfolios", "channels", "settings",
)

#: The schema version this plansat writes.
SCHEMA_VERSION = MIGRATIONS[-1].version


def migrate(
    conn: Connection | sqlite3.Connection,
    target: int | None = None,
    *,
    migrations: Sequence[Migration] = MIGRATIONS,
    source: str = "store",
) -> list[int]:
    """Bring the database behind ``conn`` up to ``target`` through
    ``migrations`` (default: every one of this plansat,
    :data:`MIGRATIONS`); see :func:`plansat.store.versions.migrate`."""
    return versions.migrate(conn, target, migrations=migrations,
                            source=source)
