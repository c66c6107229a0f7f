"""Moving a whole store, with its history, to another one (``plansat
store copy SRC DST``): SQLite to PostgreSQL when a team outgrows one
machine, or back for an offline copy.

Every row of every table is copied as it is (ids, revision numbers,
times, authors and message states included) inside one write
transaction of the destination, which must hold no project yet; both
stores are at the current schema version (opening them migrated them).
The source is read in one read transaction: a consistent snapshot even
while servers write to it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from plansat.store.base import StoreBase
from plansat.store.errors import StoreError
from plansat.store.schema import TABLES

__all__ = ["Copied", "copy_store"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Copied:
    """What :func:`copy_store` moved: rows per table."""

    rows: dict[str, int]

    def __str__(self) -> str:
        return ", ".join(f"{n} {table}" for table, n in self.rows.items())


def copy_store(source: StoreBase, target: StoreBase) -> Copied:
    """Copy every row of ``source`` into the empty store ``target``.

    Raises
    ------
    StoreError
        When ``target`` already holds projects (nothing is copied), or
        a database fails (nothing of the copy stays).
    """
    with source._read() as src:
        tables = {t: src.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
                  for t in TABLES}
    counts: dict[str, int] = {}
    with target._write() as dst:
        held = dst.execute("SELECT count(*) FROM projects").fetchone()[0]
        if held:
            raise StoreError(
                f"{target.path}: the destination holds {held} "
                "project(s); copy into an empty store")
        for table, rows in tables.items():
            for row in rows:
                names = list(row.keys())
                dst.execute(
                    f"INSERT INTO {table} ({', '.join(names)}) VALUES "
                    f"({', '.join('?' * len(names))})",
                    tuple(row[n] for n in names),
                )
            renumber = target.dialect.renumber(table)
            if renumber:
                dst.execute(renumber)
            counts[table] = len(rows)
    log.info("copied %s from %s to %s", counts, source.path, target.path)
    return Copied(counts)
