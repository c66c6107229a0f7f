"""Schema versions: reading and recording a store's version, and
applying the migrations of :mod:`plansat.store.schema` in one
transaction (SQLite: ``PRAGMA user_version`` and ``application_id``;
PostgreSQL: the table ``plansat_schema`` under an advisory lock).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from plansat.store.dialect import SQLITE, Connection
from plansat.store.errors import StoreError

__all__ = ["APPLICATION_ID", "Migration", "migrate", "schema_version"]

log = logging.getLogger(__name__)

#: ``PRAGMA application_id`` of a plansat store (the bytes ``plns``).
APPLICATION_ID = int.from_bytes(b"plns", "big")


#: PostgreSQL's record of the schema version (SQLite: ``PRAGMA
#: user_version``) and of the application that owns the database.
_PG_META = (
    "CREATE TABLE IF NOT EXISTS plansat_schema ("
    "application INTEGER NOT NULL, version INTEGER NOT NULL)"
)



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
        (``executescript`` would commit it), in SQLite's spelling.
    postgres
        The statements for PostgreSQL when a translation of
        ``statements`` won't do (``None``: translate them).
    """

    version: int
    summary: str
    statements: tuple[str, ...]
    postgres: tuple[str, ...] | None = None

    def for_dialect(self, conn: Connection) -> tuple[str, ...]:
        """The statements to run on ``conn``'s database."""
        if conn.dialect.postgres and self.postgres is not None:
            return self.postgres
        return tuple(conn.dialect.ddl(s) for s in self.statements)


def _wrap(conn: Connection | sqlite3.Connection) -> Connection:
    return conn if isinstance(conn, Connection) else Connection(
        conn, SQLITE)


def schema_version(conn: Connection | sqlite3.Connection) -> int:
    """The schema version of the database behind ``conn``."""
    db = _wrap(conn)
    if not db.dialect.postgres:
        return int(db.execute("PRAGMA user_version").fetchone()[0])
    exists = db.execute(
        "SELECT to_regclass('plansat_schema') IS NOT NULL AS e"
    ).fetchone()[0]
    if not exists:
        return 0
    row = db.execute("SELECT version FROM plansat_schema").fetchone()
    return 0 if row is None else int(row[0])


def _foreign_tables(db: Connection) -> int:
    if db.dialect.postgres:
        sql = ("SELECT count(*) FROM information_schema.tables WHERE "
               "table_schema = current_schema() AND table_name != "
               "'plansat_schema'")
    else:
        sql = "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
    return int(db.execute(sql).fetchone()[0])


def _application(db: Connection) -> int:
    if not db.dialect.postgres:
        return int(db.execute("PRAGMA application_id").fetchone()[0])
    if schema_version(db) == 0:
        return 0
    return int(db.execute(
        "SELECT application FROM plansat_schema").fetchone()[0])


def _check_owner(db: Connection, version: int, source: str) -> None:
    """Refuse a database that some other program wrote."""
    app = _application(db)
    if app not in (0, APPLICATION_ID):
        raise StoreError(
            f"{source}: not a plansat store (application_id {app})"
        )
    if version == 0:
        tables = _foreign_tables(db)
        if tables:
            raise StoreError(
                f"{source}: not a plansat store (a database with "
                f"{tables} table(s) of its own and no schema version)"
            )


def _set_version(db: Connection, version: int, first: bool) -> None:
    if not db.dialect.postgres:
        if first:
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {version:d}")
        return
    db.execute(_PG_META)
    db.execute("DELETE FROM plansat_schema")
    db.execute("INSERT INTO plansat_schema (application, version) "
               "VALUES (?, ?)", (APPLICATION_ID, version))


def _begin(db: Connection) -> None:
    if db.dialect.postgres:
        db.execute("BEGIN")
        # one migrator at a time, even before plansat_schema exists
        db.execute("SELECT pg_advisory_xact_lock(?)", (APPLICATION_ID,))
    else:
        db.execute("BEGIN IMMEDIATE")


def migrate(
    conn: Connection | sqlite3.Connection,
    target: int | None = None,
    *,
    migrations: Sequence[Migration],
    source: str = "store",
) -> list[int]:
    """Bring the database behind ``conn`` up to ``target``.

    Parameters
    ----------
    conn
        A connection in autocommit mode (``isolation_level=None``; a
        PostgreSQL one wrapped in a
        :class:`~plansat.store.dialect.Connection`).
    target
        The version to reach (default: the last migration's).  Tests use
        an older one to build a store as an older plansat wrote it.
    migrations
        The ordered migrations (:data:`plansat.store.schema.MIGRATIONS`:
        :func:`plansat.store.schema.migrate` passes them).
    source
        How errors name the database (its path or address).

    Returns
    -------
    list of int
        The versions applied, in order (empty when already current).

    Raises
    ------
    StoreError
        When the database belongs to another program, its version is
        newer than ``migrations`` know, or a migration fails (nothing of
        it stays: the database keeps its old version).
    """
    db = _wrap(conn)
    last = migrations[-1].version if migrations else 0
    target = last if target is None else target
    _begin(db)
    try:
        current = schema_version(db)
        if current > last:
            raise StoreError(
                f"{source}: schema version {current} is newer than this "
                f"plansat knows ({last}); upgrade plansat"
            )
        _check_owner(db, current, source)
        applied = _apply(db, current, target, migrations, source)
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    for version in applied:
        log.info("%s: migrated to schema version %d", source, version)
    return applied


def _apply(
    db: Connection,
    current: int,
    target: int,
    migrations: Sequence[Migration],
    source: str,
) -> list[int]:
    """Run the migrations after ``current`` up to ``target`` (inside the
    caller's transaction) and record the new version."""
    applied: list[int] = []
    errors: tuple[type[Exception], ...] = (sqlite3.Error, *_pg_errors())
    for step in migrations:
        if not current < step.version <= target:
            continue
        try:
            for statement in step.for_dialect(db):
                db.execute(statement)
        except errors as exc:
            raise StoreError(
                f"{source}: migration to schema version {step.version} "
                f"({step.summary}) failed: {exc}"
            ) from exc
        applied.append(step.version)
    if applied:
        _set_version(db, applied[-1], current == 0)
    return applied


def _pg_errors() -> tuple[type[Exception], ...]:
    """psycopg's base error when it is installed."""
    try:
        import psycopg
    except ImportError:
        return ()
    error: Any = psycopg.Error
    return (error,)
