"""The store's file: corrupt rows name their table and key, WAL and
foreign keys, files that aren't plansat stores, closing, and where the
file lives (``--store``, ``$PLANSAT_STORE``, the data directory)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from plansat.models import Project, Result
from plansat.store import Store, StoreError, data_dir, resolve_path
from tests.helpers.postgres import rows_of

PROGRESS = Path(__file__).resolve().parents[2] / "examples" / (
    "ecommerce-progress.json")


def sql(store: Store, query: str) -> list[tuple[object, ...]]:
    """Rows of ``query`` read by a connection of its own."""
    with sqlite3.connect(store.path) as conn:
        return [tuple(r) for r in conn.execute(query).fetchall()]


CORRUPT = [
    ("UPDATE revisions SET body = '{\"name\": 1'", "get_project",
     "revisions shop@1: the stored project is invalid"),
    ("UPDATE revisions SET body = '{\"start\": \"2025-01-01\"}'",
     "get_project", r"revisions shop@1: .*tasks: required field"),
    ("UPDATE baselines SET result = '[]'", "get_baseline",
     "baselines shop/0: the stored result is invalid"),
    ("UPDATE plans SET options = '[1'", "latest_plan",
     "plans 1: the stored JSON is invalid"),
    ("UPDATE plans SET options = '[1]'", "latest_plan",
     "plans 1: the stored JSON is not an object"),
    ("UPDATE snapshots SET body = 'x'", "list_snapshots",
     "snapshots 1: the stored project is invalid"),
]


@pytest.mark.parametrize(("update", "method", "message"), CORRUPT)
def test_corrupt_rows_name_table_and_key(
    store: Store,
    ecommerce: Project,
    solved_example: Result,
    update: str,
    method: str,
    message: str,
) -> None:
    store.create_project(ecommerce, "shop")
    store.set_baseline("shop", solved_example)
    store.save_plan("shop", solved_example, "solve")
    store.add_snapshot("shop", Project.from_file(PROGRESS))
    rows_of(store, update)
    with pytest.raises(StoreError, match=message):
        getattr(store, method)("shop")


def test_file_is_wal_with_foreign_keys(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.db")
    assert sql(store, "PRAGMA journal_mode") == [("wal",)]
    assert store._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    store.close()


def test_foreign_files_are_refused(tmp_path: Path) -> None:
    text = tmp_path / "notes.db"
    text.write_text("not a database")
    with pytest.raises(StoreError, match=r"notes\.db: file is not a database"):
        Store.open(text)
    assert text.read_text() == "not a database"
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(StoreError, match="not a plansat store"):
        Store.open(other)
    with pytest.raises(StoreError, match="cannot open"):
        Store.open(text / "below-a-file.db")


def test_closed_store_raises_store_error(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.db")
    store.close()
    with pytest.raises(StoreError):
        store.list_projects()


def test_memory_store(ecommerce: Project) -> None:
    with Store.open(":memory:") as store:
        store.create_project(ecommerce, "shop")
        assert [p.id for p in store.list_projects()] == ["shop"]


def test_location_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANSAT_STORE", str(tmp_path / "env.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert resolve_path(tmp_path / "given.db") == tmp_path / "given.db"
    assert resolve_path() == tmp_path / "env.db"
    monkeypatch.delenv("PLANSAT_STORE")
    expected = data_dir() / "plansat.db"
    assert resolve_path() == expected
    with Store.open() as store:
        assert store.path == expected
    assert expected.is_file()
    monkeypatch.setenv("HOME", str(tmp_path))
    assert resolve_path("~/a.db") == tmp_path / "a.db"


@pytest.mark.parametrize(
    ("env", "platform", "expected"),
    [
        ({"HOME": "/h", "XDG_DATA_HOME": "/x"}, "linux", "/x/plansat"),
        ({"HOME": "/h"}, "linux", "/h/.local/share/plansat"),
        ({"HOME": "/h", "XDG_DATA_HOME": "rel"}, "linux",
         "/h/.local/share/plansat"),
        ({"HOME": "/h"}, "darwin",
         "/h/Library/Application Support/plansat"),
        ({"HOME": "/h", "LOCALAPPDATA": "/l"}, "win32", "/l/plansat"),
        ({"HOME": "/h"}, "win32", "/h/AppData/Local/plansat"),
    ],
)
def test_data_dir_per_platform(
    env: dict[str, str], platform: str, expected: str
) -> None:
    assert data_dir(env, platform).as_posix() == expected
