"""The project store: projects with their revision history, and what is
kept with them (:mod:`plansat.store.artifacts`), in one SQLite file
(:class:`Store`) or a PostgreSQL database
(:class:`~plansat.store.postgres.PostgresStore`), behind one
interface (:class:`~plansat.store.interface.ProjectStore`).

Optimistic concurrency: every project has a revision, 1 when created
and one more per update.  :meth:`Store.update_project` takes the
revision the caller read; if the project has moved on since, the write is
refused with :class:`~plansat.store.errors.Conflict` (expected against
actual revision) and nothing is written, so no update is ever lost.
Every revision stays readable (``get_project(id, revision=n)``).

Thread safety: a :class:`Store` may be shared by threads; it holds one
connection (``check_same_thread=False``) behind a lock, so its calls run
one at a time.  Several stores, in one process or several, may open the
same file: SQLite's locks order their writes (WAL lets readers go on
meanwhile) and revisions catch stale ones.
"""

from __future__ import annotations

import logging
import os
import secrets
from datetime import datetime
from pathlib import Path

from plansat.models import Project
from plansat.store.artifacts import Artifacts
from plansat.store.authors import current_author
from plansat.store.base import decode_project, encode_project, now
from plansat.store.dialect import Connection, Row
from plansat.store.errors import Conflict, NotFound
from plansat.store.ids import check_id, slug
from plansat.store.location import resolve_path
from plansat.store.outbox import Outbox
from plansat.store.portfolios import Portfolios
from plansat.store.records import (
    ProjectRecord,
    ProjectSummary,
    RevisionRecord,
)
from plansat.store.sqlite import SqliteBase

__all__ = ["Projects", "Store"]

log = logging.getLogger(__name__)


def _summary(row: Row) -> ProjectSummary:
    return ProjectSummary(
        id=row["id"],
        name=row["name"],
        description=row["description"],
        revision=row["revision"],
        created=datetime.fromisoformat(row["created"]),
        updated=datetime.fromisoformat(row["updated"]),
    )


class Projects(Artifacts, Portfolios, Outbox):
    """The project operations, written once for every back end."""

    # -- projects ----------------------------------------------------------

    def create_project(
        self,
        project: Project,
        project_id: str | None = None,
        *,
        description: str = "",
        author: str | None = None,
    ) -> ProjectRecord:
        """Store a new project at revision 1.

        Parameters
        ----------
        project
            The validated project.
        project_id
            Its id; by default the slug of its name and six random hex
            digits (``e-commerce-platform-3f9a1c``, see
            :mod:`plansat.store.ids`).
        description
            Free text kept with the project (not versioned).
        author
            Who writes it (default:
            :func:`~plansat.store.authors.current_author`).

        Raises
        ------
        Conflict
            When ``project_id`` is taken (``expected`` is ``None``).
        ValueError
            When ``project_id`` is not a valid id (see :func:`check_id`).
        ProjectError
            When ``project`` breaks a rule (it was changed without
            validation, e.g. by ``model_copy``).
        """
        if project_id is not None:
            check_id(project_id)
        body, project = encode_project(project)
        stamp = now()
        who = current_author() if author is None else author
        with self._write() as conn:
            pid = project_id or self._free_id(conn, project.name)
            # ON CONFLICT: a racing creator of the same id waits for the
            # other's commit and then inserts nothing
            made = conn.execute(
                "INSERT INTO projects (id, name, description, revision, "
                "created, updated) VALUES (?, ?, ?, 1, ?, ?) "
                "ON CONFLICT (id) DO NOTHING RETURNING id",
                (pid, project.name, description, stamp, stamp),
            ).fetchone()
            if made is None:
                raise Conflict(pid, None, self._current(conn, pid))
            conn.execute(
                "INSERT INTO revisions (project_id, revision, created, "
                "name, body, author) VALUES (?, 1, ?, ?, ?, ?)",
                (pid, stamp, project.name, body, who),
            )
        log.info("%s: created project %s", self.path, pid)
        created = datetime.fromisoformat(stamp)
        return ProjectRecord(
            id=pid, name=project.name, description=description, revision=1,
            created=created, updated=created, project=project,
        )

    @staticmethod
    def _free_id(conn: Connection, name: str) -> str:
        """A new id from ``name`` that no project has."""
        base = slug(name)
        while True:
            pid = f"{base}-{secrets.token_hex(3)}"
            taken = conn.execute(
                "SELECT 1 FROM projects WHERE id = ?", (pid,)
            ).fetchone()
            if taken is None:
                return pid

    def get_project(
        self, project_id: str, revision: int | None = None
    ) -> ProjectRecord:
        """A project at ``revision`` (default: the current one).

        For an older revision, ``name``, ``revision``, ``updated`` and
        ``project`` are that revision's.

        Raises
        ------
        NotFound
            For an unknown project or revision.
        StoreError
            When the stored JSON is no valid project.
        """
        with self._read() as conn:
            rev = self._revision(conn, project_id, revision)
            row = conn.execute(
                "SELECT p.id, p.description, p.created, r.revision, r.name, "
                "r.created AS updated, r.body FROM projects p JOIN "
                "revisions r ON r.project_id = p.id "
                "WHERE p.id = ? AND r.revision = ?",
                (project_id, rev),
            ).fetchone()
        if row is None:  # a revision row missing: the file was edited
            raise NotFound(
                f"project {project_id} has no revision {rev} stored",
                project_id,
            )
        key = f"{project_id}@{rev}"
        return ProjectRecord(
            **_summary(row).model_dump(),
            project=decode_project(row["body"], "revisions", key),
        )

    def list_projects(self) -> list[ProjectSummary]:
        """Every project (its current revision, without the body), by
        id."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT id, name, description, revision, created, updated "
                "FROM projects ORDER BY id"
            ).fetchall()
        return [_summary(row) for row in rows]

    def list_revisions(self, project_id: str) -> list[RevisionRecord]:
        """A project's revision history, oldest first.

        Raises
        ------
        NotFound
            For an unknown project.
        """
        rows = self._project_rows(
            "SELECT project_id, revision, created, name, author FROM "
            "revisions "
            "WHERE project_id = ? ORDER BY revision",
            project_id,
        )
        return [
            RevisionRecord(
                project_id=row["project_id"],
                revision=row["revision"],
                created=datetime.fromisoformat(row["created"]),
                name=row["name"],
                author=row["author"],
            )
            for row in rows
        ]

    def update_project(
        self,
        project_id: str,
        project: Project,
        expected_revision: int,
        *,
        description: str | None = None,
        author: str | None = None,
    ) -> ProjectRecord:
        """Write a new revision of a project.

        Parameters
        ----------
        project_id
            The project.
        project
            Its new content.
        expected_revision
            The revision the caller read and changed.
        description
            A new description (default: keep it).
        author
            Who writes it (default:
            :func:`~plansat.store.authors.current_author`).

        Returns
        -------
        ProjectRecord
            At revision ``expected_revision + 1``.

        Raises
        ------
        Conflict
            When the project is no longer at ``expected_revision``;
            nothing is written.
        NotFound
            For an unknown project.
        ProjectError
            When ``project`` breaks a rule (see :meth:`create_project`).
        """
        body, project = encode_project(project)
        stamp = now()
        who = current_author() if author is None else author
        with self._write() as conn:
            current = self._current(conn, project_id)
            if current != expected_revision:
                raise Conflict(project_id, expected_revision, current)
            new = current + 1
            conn.execute(
                "UPDATE projects SET name = ?, revision = ?, updated = ?, "
                "description = coalesce(?, description) "
                "WHERE id = ? AND revision = ?",
                (project.name, new, stamp, description, project_id,
                 current),
            )
            conn.execute(
                "INSERT INTO revisions (project_id, revision, created, "
                "name, body, author) VALUES (?, ?, ?, ?, ?, ?)",
                (project_id, new, stamp, project.name, body, who),
            )
            row = conn.execute(
                "SELECT * FROM projects WHERE id = ?", (project_id,)
            ).fetchone()
        log.info("%s: project %s at revision %d", self.path, project_id, new)
        return ProjectRecord(**_summary(row).model_dump(), project=project)

    def delete_project(
        self, project_id: str, expected_revision: int | None = None
    ) -> None:
        """Delete a project with its revisions, baselines, snapshots,
        plans and messages.

        Raises
        ------
        Conflict
            When ``expected_revision`` is given and is not the current
            one.
        NotFound
            For an unknown project.
        """
        with self._write() as conn:
            current = self._current(conn, project_id)
            if expected_revision is not None and current != (
                expected_revision
            ):
                raise Conflict(project_id, expected_revision, current)
            conn.execute("DELETE FROM projects WHERE id = ?", (project_id,))
        log.info("%s: deleted project %s", self.path, project_id)

    # -- plain JSON --------------------------------------------------------

    def export_project(
        self, project_id: str, revision: int | None = None
    ) -> str:
        """The project as plain project JSON (what ``plansat validate``
        reads; default values left out, two-space indent, a final
        newline), for files kept in git.

        Raises
        ------
        NotFound
            For an unknown project or revision.
        """
        project = self.get_project(project_id, revision).project
        return project.model_dump_json(indent=2, exclude_defaults=True) + "\n"

    def import_project(
        self,
        source: str | os.PathLike[str],
        project_id: str | None = None,
        *,
        expected_revision: int | None = None,
    ) -> ProjectRecord:
        """Store a project from plain project JSON.

        Parameters
        ----------
        source
            A JSON file, or the JSON text itself (a string starting with
            ``{``).
        project_id
            The id (default: a new one from the project's name).
        expected_revision
            When given, the project ``project_id`` exists at this
            revision and the import becomes its next revision (the way
            back from an exported file edited in git).

        Raises
        ------
        ProjectError
            When the file can't be read or the JSON is no valid project
            (one message per broken rule, with its JSON path).
        Conflict, NotFound, ValueError
            As :meth:`create_project` and :meth:`update_project`.
        """
        if isinstance(source, str) and source.lstrip().startswith("{"):
            project = Project.from_json(source)
        else:
            project = Project.from_file(Path(source))
        if expected_revision is None:
            return self.create_project(project, project_id)
        if project_id is None:
            raise ValueError("updating by import needs the project id")
        return self.update_project(project_id, project, expected_revision)


class Store(Projects, SqliteBase):
    """Projects, revisions, baselines, snapshots, plans and messages in
    one SQLite file (WAL mode, foreign keys on, schema migrated on
    open).

    Open one with :meth:`open` (which finds the file) or
    ``Store(path)``; use it as a context manager to close it.

    Examples
    --------
    >>> from plansat.models import Project
    >>> project = Project.model_validate(
    ...     {"name": "Shop", "start": "2025-06-02",
    ...      "tasks": [{"id": "A", "duration": 3}]})
    >>> with Store.open(":memory:") as store:
    ...     record = store.create_project(project, "shop")
    ...     record = store.update_project("shop", project, 1)
    ...     [p.revision for p in store.list_projects()]
    [2]
    """

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str] | None = None,
        *,
        timeout: float = 30.0,
    ) -> Store:
        """Open the store at ``path``, else ``$PLANSAT_STORE``, else
        ``plansat.db`` in the user's data directory (see
        :func:`plansat.store.location.resolve_path`).

        Raises
        ------
        StoreError
            When the file can't be opened, isn't a plansat store, or has
            a newer schema than this plansat.
        """
        return cls(resolve_path(path), timeout=timeout)
