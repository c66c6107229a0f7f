"""The SQLite back end: one file, WAL mode, standard library only.

One SQLite connection per store object, opened with
``check_same_thread=False`` and guarded by a re-entrant lock: a store may
be shared by threads (the MCP server's workers), and each call holds the
lock from its first statement to its commit, so calls of one store never
interleave.  Writes run in ``BEGIN IMMEDIATE`` transactions: the write
lock of the file is taken before anything is read, so other store
objects and other processes on the same file wait (up to ``timeout``
seconds) instead of reading a revision that is about to change.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from plansat.store.base import StoreBase
from plansat.store.dialect import SQLITE, Connection
from plansat.store.errors import StoreError
from plansat.store.location import MEMORY, is_postgres, redact
from plansat.store.schema import migrate

__all__ = ["SqliteBase"]

log = logging.getLogger(__name__)


def _connect(
    path: Path | str, timeout: float
) -> tuple[sqlite3.Connection, list[int]]:
    """Open ``path``: WAL, foreign keys on, schema migrated (the
    versions applied)."""
    source = str(path)
    if is_postgres(source):
        raise StoreError(f"{redact(source)}: a PostgreSQL address; open "
                         "it with plansat.store.open_store")
    try:
        if path != MEMORY:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(
            source,
            timeout=timeout,
            isolation_level=None,
            check_same_thread=False,
        )
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"{source}: cannot open the store: {exc}") from exc
    try:
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal" and path != MEMORY:
            log.warning("%s: journal mode is %s, not WAL", source, mode)
        conn.execute("PRAGMA synchronous = NORMAL")
        applied = migrate(conn, source=source)
    except sqlite3.Error as exc:
        conn.close()
        raise StoreError(f"{source}: {exc}") from exc
    except BaseException:
        conn.close()
        raise
    return conn, applied


class SqliteBase(StoreBase):
    """The connection, the lock and the transactions of a SQLite store.

    Parameters
    ----------
    path
        The database file (created with its directory when missing), or
        ``":memory:"``.
    timeout
        Seconds a write waits for another writer's lock before failing
        with :class:`~plansat.store.errors.StoreError`.
    """

    dialect = SQLITE

    def __init__(self, path: Path | str, *, timeout: float = 30.0) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._conn, self.migrated = _connect(path, timeout)
        self._depth = 0  # open write transactions (atomic() nests calls)
        self._writer = Connection(self._conn, SQLITE, writing=True)
        self._reader = Connection(self._conn, SQLITE)
        log.debug("opened store %s", path)

    def close(self) -> None:
        """Close the connection (later calls raise ``StoreError``)."""
        with self._lock:
            self._conn.close()

    @contextmanager
    def _sqlite_errors(self) -> Iterator[None]:
        """Turn SQLite's errors into :class:`StoreError` naming the file,
        leaving no transaction open behind them."""
        try:
            yield
        except sqlite3.Error as exc:
            try:
                if self._conn.in_transaction:
                    self._conn.rollback()
            except sqlite3.Error:
                pass
            raise StoreError(f"{self.path}: {exc}") from exc

    @contextmanager
    def _transaction(self, write: bool) -> Iterator[Connection]:
        with self._lock:
            if self._depth:
                yield self._writer
                return
            with self._sqlite_errors():
                if write:
                    with self._conn:
                        self._conn.execute("BEGIN IMMEDIATE")
                        self._depth += 1
                        try:
                            yield self._writer
                        finally:
                            self._depth -= 1
                    return
                self._conn.execute("BEGIN")
                try:
                    yield self._reader
                finally:
                    self._conn.execute("ROLLBACK")
