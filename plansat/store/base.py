"""The connection under a :class:`~plansat.store.Store`: opening,
transactions, locking, and turning stored text back into contracts.

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

import json
import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from pydantic import ValidationError

from plansat.models import Project, ProjectError, Result
from plansat.store.errors import NotFound, StoreError
from plansat.store.location import MEMORY
from plansat.store.schema import migrate

__all__ = [
    "StoreBase",
    "decode_object",
    "decode_project",
    "decode_result",
    "encode_project",
    "now",
]

log = logging.getLogger(__name__)


def now() -> str:
    """The current UTC time as stored (ISO 8601, microseconds)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _connect(path: Path | str, timeout: float) -> sqlite3.Connection:
    """Open ``path``: WAL, foreign keys on, schema migrated."""
    source = str(path)
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
        migrate(conn, source=source)
    except sqlite3.Error as exc:
        conn.close()
        raise StoreError(f"{source}: {exc}") from exc
    except BaseException:
        conn.close()
        raise
    return conn


class StoreBase:
    """The connection, the lock and the transactions of a store.

    Parameters
    ----------
    path
        The database file (created with its directory when missing), or
        ``":memory:"``.
    timeout
        Seconds a write waits for another writer's lock before failing
        with :class:`~plansat.store.errors.StoreError`.
    """

    def __init__(self, path: Path | str, *, timeout: float = 30.0) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._conn = _connect(path, timeout)
        self._depth = 0  # open write transactions (atomic() nests calls)
        log.debug("opened store %s", path)

    # -- lifetime ----------------------------------------------------------

    def close(self) -> None:
        """Close the connection (later calls raise ``StoreError``)."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self.path)!r})"

    # -- transactions ------------------------------------------------------

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
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it is committed or none.  Inside
        :meth:`atomic` it is part of the enclosing transaction."""
        with self._lock:
            if self._depth:
                yield self._conn
                return
            with self._sqlite_errors(), self._conn:
                self._conn.execute("BEGIN IMMEDIATE")
                self._depth += 1
                try:
                    yield self._conn
                finally:
                    self._depth -= 1

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """Make the store calls inside one write transaction: they are
        all committed when the block ends, or none of them (an exception,
        a killed process) -- e.g. a progress report's baseline, revision
        and snapshot.  The file's write lock is held throughout."""
        with self._write():
            yield

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """One read transaction: its queries see one state of the file
        (inside :meth:`atomic`, the enclosing transaction's)."""
        with self._lock:
            if self._depth:
                yield self._conn
                return
        with self._lock, self._sqlite_errors():
            self._conn.execute("BEGIN")
            try:
                yield self._conn
            finally:
                self._conn.execute("ROLLBACK")

    # -- shared lookups ----------------------------------------------------

    def _project_rows(
        self, sql: str, project_id: str, *args: object, one: bool = False
    ) -> list[sqlite3.Row]:
        """The rows ``sql`` selects for a project that exists (``sql``'s
        first parameter is the project id, ``args`` the rest), read in one
        transaction; at most the first with ``one``.

        Raises
        ------
        NotFound
            When there is no project ``project_id``.
        """
        with self._read() as conn:
            self._current(conn, project_id)
            cursor = conn.execute(sql, (project_id, *args))
            if one:
                row = cursor.fetchone()
                return [] if row is None else [row]
            return list(cursor.fetchall())

    @staticmethod
    def _current(conn: sqlite3.Connection, project_id: str) -> int:
        """The current revision of a project.

        Raises
        ------
        NotFound
            When there is no project ``project_id``.
        """
        row = conn.execute(
            "SELECT revision FROM projects WHERE id = ?", (project_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"no project {project_id}", project_id)
        return int(row[0])

    @classmethod
    def _revision(
        cls,
        conn: sqlite3.Connection,
        project_id: str,
        revision: int | None,
    ) -> int:
        """``revision`` checked to exist (default: the current one)."""
        current = cls._current(conn, project_id)
        if revision is None:
            return current
        if not 1 <= revision <= current:
            raise NotFound(
                f"project {project_id} has no revision {revision} "
                f"(revisions 1 to {current})",
                project_id,
            )
        return revision


# -- decoding what was stored ---------------------------------------------


def _reason(exc: ValidationError) -> str:
    lines = ProjectError.from_validation_error(exc).errors
    more = f" (and {len(lines) - 1} more)" if len(lines) > 1 else ""
    return f"{lines[0] if lines else exc}{more}"


def encode_project(project: Project) -> tuple[str, Project]:
    """The JSON text to store for ``project``, and the project read back
    from it.

    Reading it back proves that what is stored is a valid project (a
    project changed with ``model_copy(update=...)`` skipped validation).

    Raises
    ------
    ProjectError
        When the project breaks a rule (one line per broken rule).
    """
    body = project.model_dump_json()
    try:
        return body, Project.model_validate_json(body)
    except ValidationError as exc:
        raise ProjectError.from_validation_error(exc) from None


def decode_project(text: str, table: str, key: str) -> Project:
    """A project stored as JSON text in ``table`` under ``key``.

    Raises
    ------
    StoreError
        Naming the table and the key when the text is no valid project.
    """
    try:
        return Project.model_validate_json(text)
    except ValidationError as exc:
        raise StoreError(
            f"{table} {key}: the stored project is invalid: {_reason(exc)}"
        ) from None


def decode_result(text: str, table: str, key: str) -> Result:
    """A result stored as JSON text (see :func:`decode_project`)."""
    try:
        return Result.model_validate_json(text)
    except ValidationError as exc:
        raise StoreError(
            f"{table} {key}: the stored result is invalid: {_reason(exc)}"
        ) from None


def decode_object(text: str, table: str, key: str) -> dict[str, Any]:
    """A JSON object stored as text (see :func:`decode_project`)."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StoreError(
            f"{table} {key}: the stored JSON is invalid: {exc}"
        ) from None
    if not isinstance(value, dict):
        raise StoreError(f"{table} {key}: the stored JSON is not an object")
    return value
