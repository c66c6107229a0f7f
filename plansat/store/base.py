"""What every store back end shares: transactions, the nesting of
:meth:`StoreBase.atomic`, the lookups each operation starts with, and
turning stored text back into contracts.

A back end (:class:`plansat.store.sqlite.SqliteBase`,
:class:`plansat.store.postgres.PostgresBase`) provides
:meth:`StoreBase._transaction`: one transaction on one
:class:`~plansat.store.dialect.Connection`, committed when the block
ends and rolled back on an exception.  The operations
(:mod:`plansat.store.store`, :mod:`plansat.store.artifacts`) are written
once against :meth:`StoreBase._write` and :meth:`StoreBase._read`.

Guarantees both back ends give: a write is one transaction (a refused
or failed write leaves nothing); the project row is locked before its
revision is checked (SQLite: ``BEGIN IMMEDIATE`` takes the file's write
lock; PostgreSQL: ``SELECT ... FOR UPDATE``), so a stale revision is
always refused; a read sees one state of the store.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from typing import Any, Self

from pydantic import ValidationError

from plansat.models import Project, ProjectError, Result
from plansat.store.dialect import Connection, Dialect, Row
from plansat.store.errors import NotFound, StoreError

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


class StoreBase:
    """The transactions of a store and the lookups its operations share.

    Attributes
    ----------
    path
        Where the store is (a file, ``":memory:"`` or a PostgreSQL
        address without its password), for messages.
    dialect
        How the back end spells SQL.
    migrated
        The schema versions that opening the store applied.
    """

    path: Any
    dialect: Dialect
    migrated: list[int]

    # -- lifetime ----------------------------------------------------------

    def close(self) -> None:
        """Close the connections (later calls raise ``StoreError``)."""
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self.path)!r})"

    # -- transactions ------------------------------------------------------

    def _transaction(
        self, write: bool
    ) -> AbstractContextManager[Connection]:
        """One transaction (a write one, or a read one that sees one
        state of the store), nested into the enclosing :meth:`atomic`
        block of this thread if there is one."""
        raise NotImplementedError

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction: all of it is committed or none.  Inside
        :meth:`atomic` it is part of the enclosing transaction."""
        with self._transaction(True) as conn:
            yield conn

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        """One read transaction: its queries see one state of the store
        (inside :meth:`atomic`, the enclosing transaction's)."""
        with self._transaction(False) as conn:
            yield conn

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """Make the store calls inside one write transaction: they are
        all committed when the block ends, or none of them (an exception,
        a killed process) -- e.g. a progress report's baseline, revision
        and snapshot."""
        with self._write():
            yield

    # -- shared lookups ----------------------------------------------------

    def _project_rows(
        self, sql: str, project_id: str, *args: object, one: bool = False
    ) -> list[Row]:
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
    def _current(conn: Connection, project_id: str) -> int:
        """The current revision of a project; in a write transaction its
        row stays locked until the transaction ends.

        Raises
        ------
        NotFound
            When there is no project ``project_id``.
        """
        row = conn.execute(
            "SELECT revision FROM projects WHERE id = ?" + conn.row_lock,
            (project_id,),
        ).fetchone()
        if row is None:
            raise NotFound(f"no project {project_id}", project_id)
        return int(row[0])

    @classmethod
    def _revision(
        cls,
        conn: Connection,
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
