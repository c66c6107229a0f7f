"""Opening a store by its address: a file for SQLite, a
``postgresql://`` address for PostgreSQL."""

from __future__ import annotations

import os

from plansat.store.interface import ProjectStore
from plansat.store.location import is_postgres, resolve_path
from plansat.store.postgres import PostgresStore
from plansat.store.store import Store

__all__ = ["open_store"]


def open_store(
    address: str | os.PathLike[str] | None = None,
    *,
    timeout: float = 30.0,
) -> ProjectStore:
    """Open the store at ``address`` (``--store``), else
    ``$PLANSAT_STORE``, else ``plansat.db`` in the user's data directory.

    Parameters
    ----------
    address
        A SQLite file, ``":memory:"``, or
        ``postgresql://user:password@host:port/database``.
    timeout
        Seconds a write waits for another writer before failing.

    Raises
    ------
    StoreError
        When the store can't be opened, isn't a plansat store, has a
        newer schema than this plansat, or (PostgreSQL) psycopg is not
        installed.
    """
    where = resolve_path(address)
    if is_postgres(where):
        return PostgresStore(str(where), timeout=timeout)
    return Store(where, timeout=timeout)
