"""The PostgreSQL back end: a shared store for several servers
(``pip install 'plansat[postgres]'``: psycopg 3 and its pool).

A :class:`PostgresBase` holds a ``psycopg_pool.ConnectionPool``; every
store call borrows one connection for one transaction and gives it
back, so threads (and other processes, and other machines) run their
calls side by side.  Writes run at ``READ COMMITTED`` and lock the
project row they are about to change (``SELECT ... FOR UPDATE``, see
:meth:`~plansat.store.base.StoreBase._current`) before checking its
revision: the check and the write are one step for every client of the
database, as ``BEGIN IMMEDIATE`` makes them on SQLite.  Reads run at
``REPEATABLE READ, READ ONLY``: their queries see one snapshot.  Outbox
claims pick their row with ``FOR UPDATE SKIP LOCKED``.

Statements go through psycopg's client-side binding
(``ClientCursor``): the store's SQL, written in SQLite's spelling, keeps
its meaning (``? IS NULL`` needs no parameter types).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from plansat.store.base import StoreBase
from plansat.store.dialect import POSTGRES, Connection
from plansat.store.errors import StoreError
from plansat.store.location import redact
from plansat.store.schema import migrate
from plansat.store.store import Projects

__all__ = ["PostgresBase", "PostgresStore", "rows"]

log = logging.getLogger(__name__)

class PgRow(tuple[Any, ...]):
    """A row by position or by column name, as ``sqlite3.Row``."""

    _index: dict[str, int]

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        """The column names."""
        return list(self._index)


def rows(cursor: Any) -> Callable[[Sequence[Any]], PgRow]:
    """psycopg row factory making :class:`PgRow` rows."""
    names = [c.name for c in cursor.description or ()]
    index = {name: i for i, name in enumerate(names)}
    kind = type("Row", (PgRow,), {"_index": index})

    def make(values: Sequence[Any]) -> PgRow:
        row: PgRow = kind(values)
        return row

    return make


def _import() -> tuple[Any, Any]:
    try:
        import psycopg
        import psycopg_pool
    except ImportError:
        raise StoreError(
            "a PostgreSQL store needs psycopg: pip install "
            "'plansat[postgres]'"
        ) from None
    return psycopg, psycopg_pool


class PostgresBase(StoreBase):
    """The connection pool and the transactions of a PostgreSQL store.

    Parameters
    ----------
    address
        ``postgresql://user:password@host:port/database`` (libpq's URI
        form; ``?host=/run/postgresql`` for a unix socket).
    timeout
        Seconds to wait for a connection, and for another transaction's
        row lock, before failing with
        :class:`~plansat.store.errors.StoreError`.
    pool_size
        Most connections held open at once.
    """

    dialect = POSTGRES

    def __init__(self, address: str, *, timeout: float = 30.0,
                 pool_size: int = 8) -> None:
        psycopg, psycopg_pool = _import()
        self.address = address
        self.path = redact(address)
        self._errors: tuple[type[Exception], ...] = (
            psycopg.Error, psycopg_pool.PoolTimeout)
        self._local = threading.local()
        lock_ms = int(timeout * 1000)

        def configure(conn: Any) -> None:
            conn.execute(f"SET lock_timeout = {lock_ms}")

        options = {"autocommit": True, "row_factory": rows,
                   "cursor_factory": psycopg.ClientCursor}
        self.migrated = self._migrate(psycopg, options, timeout)
        try:
            self._pool = psycopg_pool.ConnectionPool(
                address, min_size=1, max_size=pool_size, timeout=timeout,
                kwargs=options, configure=configure, open=False,
                name="plansat",
            )
            self._pool.open(wait=True, timeout=timeout)
        except self._errors as exc:
            raise StoreError(
                f"{self.path}: cannot open the store: {exc}") from exc
        log.debug("opened store %s", self.path)

    def _migrate(self, psycopg: Any, options: dict[str, Any],
                 timeout: float) -> list[int]:
        """Connect once (failing fast, with the server's reason) and
        bring the schema up to date."""
        try:
            with psycopg.connect(self.address, **options,
                                 connect_timeout=max(1, int(timeout))) as raw:
                return migrate(Connection(raw, POSTGRES), source=self.path)
        except self._errors as exc:
            reason = str(exc).strip().splitlines()[0]
            raise StoreError(
                f"{self.path}: cannot open the store: {reason}") from exc

    def close(self) -> None:
        """Close the pool (later calls raise ``StoreError``)."""
        self._pool.close()

    @contextmanager
    def _errors_named(self) -> Iterator[None]:
        try:
            yield
        except self._errors as exc:
            raise StoreError(f"{self.path}: {exc}") from exc

    @contextmanager
    def _transaction(self, write: bool) -> Iterator[Connection]:
        open_conn: Connection | None = getattr(self._local, "conn", None)
        if open_conn is not None:  # inside atomic(): its transaction
            yield open_conn
            return
        if self._pool.closed:
            raise StoreError(f"{self.path}: the store is closed")
        with (self._errors_named(), self._pool.connection() as raw,
              raw.transaction()):
            if not write:
                raw.execute("SET TRANSACTION ISOLATION LEVEL "
                            "REPEATABLE READ, READ ONLY")
                yield Connection(raw, POSTGRES)
                return
            conn = Connection(raw, POSTGRES, writing=True)
            self._local.conn = conn
            try:
                yield conn
            finally:
                self._local.conn = None



class PostgresStore(Projects, PostgresBase):
    """Projects, revisions, baselines, snapshots, plans and messages in a
    PostgreSQL database, shared by every server that opens it: the
    operations and guarantees of :class:`~plansat.store.Store`.

    Examples
    --------
    ``PostgresStore("postgresql://plansat@db.example/plansat")``, or
    :func:`plansat.store.open_store` with that address.
    """
