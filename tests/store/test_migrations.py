"""The store's schema versions: ordered migrations, a store written at an
older version opens and migrates, newer and foreign files are refused,
and a failed migration leaves the file as it was."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from plansat.models import Project
from plansat.store import SCHEMA_VERSION, Store, StoreError
from plansat.store.schema import (
    APPLICATION_ID,
    MIGRATIONS,
    Migration,
    migrate,
    schema_version,
)


def connect(path: Path) -> sqlite3.Connection:
    """A connection as the store makes them (autocommit)."""
    return sqlite3.connect(path, isolation_level=None)


def older_store(path: Path, version: int) -> None:
    """A store file as a plansat at schema ``version`` left it."""
    conn = connect(path)
    try:
        assert migrate(conn, target=version) == list(range(1, version + 1))
    finally:
        conn.close()


def test_migrations_are_numbered_in_order() -> None:
    assert [m.version for m in MIGRATIONS] == list(
        range(1, len(MIGRATIONS) + 1)
    )
    assert MIGRATIONS[-1].version == SCHEMA_VERSION
    assert all(m.statements and m.summary for m in MIGRATIONS)


def test_new_store_is_at_the_current_version(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Store.open(path).close()
    conn = connect(path)
    assert schema_version(conn) == SCHEMA_VERSION
    app = conn.execute("PRAGMA application_id").fetchone()[0]
    assert app == APPLICATION_ID
    assert migrate(conn) == []  # reopening applies nothing
    conn.close()


def test_version_1_store_migrates_with_its_projects(
    tmp_path: Path, ecommerce: Project
) -> None:
    path = tmp_path / "v1.db"
    older_store(path, 1)
    conn = connect(path)
    # What a plansat at schema version 1 wrote for one project.
    stamp = "2025-06-01T09:00:00.000000+00:00"
    conn.execute(
        "INSERT INTO projects VALUES ('shop', ?, 1, ?, ?)",
        (ecommerce.name, stamp, stamp),
    )
    conn.execute(
        "INSERT INTO revisions VALUES ('shop', 1, ?, ?, ?)",
        (stamp, ecommerce.name, ecommerce.model_dump_json()),
    )
    conn.close()
    with Store.open(path) as store:
        record = store.get_project("shop")
        assert (record.revision, record.description) == (1, "")
        assert record.project == ecommerce
        assert str(record.created) == "2025-06-01 09:00:00+00:00"
        update = store.update_project("shop", ecommerce, 1, description="x")
        assert (update.revision, update.description) == (2, "x")
    conn = connect(path)
    assert schema_version(conn) == SCHEMA_VERSION
    indexes = {
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND "
            "name NOT LIKE 'sqlite_%'"
        )
    }
    assert indexes == {
        "plans_by_project", "snapshots_by_project", "outbox_by_project",
        "outbox_by_key", "outbox_due",
    }
    conn.close()


@pytest.mark.parametrize("version", range(SCHEMA_VERSION))
def test_every_older_version_reaches_the_current_one(
    tmp_path: Path, version: int
) -> None:
    path = tmp_path / f"v{version}.db"
    if version:
        older_store(path, version)
    conn = connect(path)
    applied = migrate(conn)
    assert applied == list(range(version + 1, SCHEMA_VERSION + 1))
    assert schema_version(conn) == SCHEMA_VERSION
    conn.close()


def test_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    Store.open(path).close()
    conn = connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer than this plansat"):
        Store.open(path)


def test_foreign_application_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "foreign.db"
    conn = connect(path)
    conn.execute("PRAGMA application_id = 42")
    conn.close()
    with pytest.raises(StoreError, match="application_id 42"):
        Store.open(path)


def test_failed_migration_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    older_store(path, SCHEMA_VERSION)
    broken = Migration(
        SCHEMA_VERSION + 1,
        "a step that fails half-way",
        ("CREATE TABLE extra (x)", "ALTER TABLE nowhere ADD COLUMN y"),
    )
    conn = connect(path)
    with pytest.raises(StoreError, match=r"failed: no such table: nowhere"):
        migrate(conn, migrations=(*MIGRATIONS, broken), source="broken.db")
    assert schema_version(conn) == SCHEMA_VERSION
    assert not conn.in_transaction
    tables = {r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "extra" not in tables
    conn.close()


def test_failed_first_migration_leaves_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "first.db"
    broken = Migration(1, "fails", ("CREATE TABLE a (x)", "SELECT nope"))
    conn = connect(path)
    with pytest.raises(StoreError, match="schema version 1"):
        migrate(conn, migrations=(broken,))
    assert schema_version(conn) == 0
    assert conn.execute("PRAGMA application_id").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone() == (
        0,
    )
    conn.close()
