"""What the store keeps per project besides its revisions: numbered
baselines, progress snapshots, solved plans and the outbox.

Each belongs to a project; baselines, snapshots and plans also name the
project revision they were made from, and go with the project when it is
deleted.  :class:`~plansat.store.Store` inherits these methods.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from plansat.models import Project, Result
from plansat.store.base import (
    StoreBase,
    decode_object,
    decode_project,
    decode_result,
    encode_project,
    now,
)
from plansat.store.dialect import Row
from plansat.store.errors import NotFound
from plansat.store.outbox import insert_messages, message_record, new_key
from plansat.store.records import (
    BaselineRecord,
    NewMessage,
    OutboxMessage,
    PlanRecord,
    SnapshotRecord,
)

__all__ = ["Artifacts"]


def _baseline(row: Row) -> BaselineRecord:
    key = f"{row['project_id']}/{row['number']}"
    return BaselineRecord(
        project_id=row["project_id"],
        number=row["number"],
        revision=row["revision"],
        created=datetime.fromisoformat(row["created"]),
        result=decode_result(row["result"], "baselines", key),
        note=row["note"],
    )


def _snapshot(
    row: Row, project: Project | None = None
) -> SnapshotRecord:
    if project is None:
        project = decode_project(row["body"], "snapshots", str(row["id"]))
    return SnapshotRecord(
        id=row["id"],
        project_id=row["project_id"],
        revision=row["revision"],
        status_date=date.fromisoformat(row["status_date"]),
        created=datetime.fromisoformat(row["created"]),
        project=project,
    )


def _plan(row: Row) -> PlanRecord:
    key = str(row["id"])
    return PlanRecord(
        id=row["id"],
        project_id=row["project_id"],
        revision=row["revision"],
        created=datetime.fromisoformat(row["created"]),
        kind=row["kind"],
        options=decode_object(row["options"], "plans", key),
        result=decode_result(row["result"], "plans", key),
    )


class Artifacts(StoreBase):
    """Baselines, snapshots, plans and messages of the stored projects."""

    # -- baselines ---------------------------------------------------------

    def set_baseline(
        self,
        project_id: str,
        result: Result,
        note: str = "",
        *,
        revision: int | None = None,
        messages: Sequence[NewMessage] = (),
    ) -> BaselineRecord:
        """Save ``result`` as the project's next baseline.

        Parameters
        ----------
        project_id
            The project.
        result
            The result to keep (typically a solve of the project).
        note
            Free text kept with it.
        revision
            The project revision the result was solved from (default:
            the current one).
        messages
            Outbox messages written in the same transaction (the
            transactional outbox: they exist if and only if the baseline
            does).

        Returns
        -------
        BaselineRecord
            Numbered 0 for the project's first baseline, then 1, 2, ...

        Raises
        ------
        NotFound
            For an unknown project or revision.
        """
        body = result.model_dump_json()
        stamp = now()
        with self._write() as conn:
            rev = self._revision(conn, project_id, revision)
            number = conn.execute(
                "SELECT coalesce(max(number) + 1, 0) FROM baselines "
                "WHERE project_id = ?",
                (project_id,),
            ).fetchone()[0]
            conn.execute(
                "INSERT INTO baselines (project_id, number, revision, "
                "created, note, result) VALUES (?, ?, ?, ?, ?, ?)",
                (project_id, number, rev, stamp, note, body),
            )
            insert_messages(conn, project_id, messages, stamp)
            row = conn.execute(
                "SELECT * FROM baselines WHERE project_id = ? AND "
                "number = ?",
                (project_id, number),
            ).fetchone()
        return _baseline(row)

    def get_baseline(
        self, project_id: str, number: int | None = None
    ) -> BaselineRecord:
        """Baseline ``number`` of a project (default: the latest).

        Raises
        ------
        NotFound
            For an unknown project, or when the baseline doesn't exist.
        """
        rows = self._project_rows(
            "SELECT * FROM baselines WHERE project_id = ? AND "
            "(? IS NULL OR number = ?) ORDER BY number DESC LIMIT 1",
            project_id, number, number, one=True,
        )
        if not rows:
            which = "baseline" if number is None else f"baseline {number}"
            raise NotFound(
                f"project {project_id} has no {which}", project_id
            )
        return _baseline(rows[0])

    def list_baselines(self, project_id: str) -> list[BaselineRecord]:
        """Every baseline of a project, by number.

        Raises
        ------
        NotFound
            For an unknown project.
        """
        rows = self._project_rows(
            "SELECT * FROM baselines WHERE project_id = ? ORDER BY number",
            project_id,
        )
        return [_baseline(row) for row in rows]

    # -- progress snapshots ------------------------------------------------

    def add_snapshot(
        self, project_id: str, project: Project, *,
        messages: Sequence[NewMessage] = (),
    ) -> SnapshotRecord:
        """Record a progress snapshot: ``project`` with its
        ``status_date`` and task ``progress``.

        The snapshot is kept apart from the revision history (it doesn't
        change the project); it notes the project's current revision.
        ``messages`` (what the progress reveals: a blocker raised, a
        milestone now likely late) go into the outbox in the same
        transaction.

        Raises
        ------
        ValueError
            When ``project`` has no ``status_date``.
        ProjectError
            When ``project`` breaks a rule (it was changed without
            validation, e.g. by ``model_copy``).
        NotFound
            For an unknown project.
        """
        if project.status_date is None:
            raise ValueError(
                "a progress snapshot needs the project's status_date"
            )
        day = project.status_date.isoformat()
        body, project = encode_project(project)
        stamp = now()
        with self._write() as conn:
            rev = self._current(conn, project_id)
            cursor = conn.execute(
                "INSERT INTO snapshots (project_id, revision, status_date, "
                "created, body) VALUES (?, ?, ?, ?, ?)",
                (project_id, rev, day, stamp, body),
            )
            insert_messages(conn, project_id, messages, stamp)
            row = conn.execute(
                "SELECT * FROM snapshots WHERE id = ?", (cursor.lastrowid,)
            ).fetchone()
        return _snapshot(row, project)

    def list_snapshots(self, project_id: str) -> list[SnapshotRecord]:
        """A project's snapshots by status date (then as recorded).

        Raises
        ------
        NotFound
            For an unknown project.
        """
        rows = self._project_rows(
            "SELECT * FROM snapshots WHERE project_id = ? "
            "ORDER BY status_date, id",
            project_id,
        )
        return [_snapshot(row) for row in rows]

    # -- solved plans ------------------------------------------------------

    def save_plan(
        self,
        project_id: str,
        result: Result,
        kind: str = "solve",
        options: Mapping[str, Any] | None = None,
        *,
        revision: int | None = None,
        messages: Sequence[NewMessage] = (),
    ) -> PlanRecord:
        """Keep a solved plan of a project.

        Parameters
        ----------
        project_id
            The project.
        result
            The plan.
        kind
            What made it: ``"solve"``, ``"replan"``, ...
        options
            The options it was solved with (JSON-serialisable values).
        revision
            The project revision it was solved from (default: the current
            one).
        messages
            Outbox messages written in the same transaction (what
            changed, for the people it concerns).

        Raises
        ------
        NotFound
            For an unknown project or revision.
        TypeError
            When ``options`` can't be written as JSON.
        """
        opts = json.dumps(dict(options or {}), sort_keys=True)
        body = result.model_dump_json()
        stamp = now()
        with self._write() as conn:
            rev = self._revision(conn, project_id, revision)
            cursor = conn.execute(
                "INSERT INTO plans (project_id, revision, created, kind, "
                "options, result) VALUES (?, ?, ?, ?, ?, ?)",
                (project_id, rev, stamp, kind, opts, body),
            )
            insert_messages(conn, project_id, messages, stamp)
            row = conn.execute(
                "SELECT * FROM plans WHERE id = ?", (cursor.lastrowid,)
            ).fetchone()
        return _plan(row)

    def latest_plan(
        self, project_id: str, kind: str | None = None
    ) -> PlanRecord | None:
        """The plan saved last for a project (of ``kind`` if given), or
        ``None`` when there is none.  Compare its ``revision`` with the
        project's to know whether it is still current.

        Raises
        ------
        NotFound
            For an unknown project.
        """
        rows = self._project_rows(
            "SELECT * FROM plans WHERE project_id = ? AND "
            "(? IS NULL OR kind = ?) ORDER BY id DESC LIMIT 1",
            project_id, kind, kind, one=True,
        )
        return _plan(rows[0]) if rows else None

    # -- outbox ------------------------------------------------------------

    def add_message(
        self,
        project_id: str,
        kind: str,
        recipient: str,
        subject: str,
        body: str,
    ) -> OutboxMessage:
        """Put a rendered message into the outbox, ``held`` (nothing is
        sent; :meth:`queue_messages` queues messages for delivery).

        Raises
        ------
        NotFound
            For an unknown project.
        """
        with self._write() as conn:
            self._current(conn, project_id)
            cursor = conn.execute(
                "INSERT INTO outbox (project_id, created, kind, recipient, "
                "subject, body, key) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (project_id, now(), kind, recipient, subject, body,
                 new_key()),
            )
            row = conn.execute(
                "SELECT * FROM outbox WHERE id = ?", (cursor.lastrowid,)
            ).fetchone()
        return message_record(row)

    def list_messages(self, project_id: str) -> list[OutboxMessage]:
        """A project's messages, oldest first.

        Raises
        ------
        NotFound
            For an unknown project.
        """
        rows = self._project_rows(
            "SELECT * FROM outbox WHERE project_id = ? ORDER BY id",
            project_id,
        )
        return [message_record(row) for row in rows]
