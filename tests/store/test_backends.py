"""What both back ends share beyond the operations: the interface,
schema versions and migrations, racing creators, atomic blocks,
revision authors, moving a whole store between back ends
(``plansat store copy``) and the dialect's translations."""

from __future__ import annotations

import threading
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from plansat.cli import cli
from plansat.models import Project, Result
from plansat.store import (
    SCHEMA_VERSION,
    Conflict,
    NewMessage,
    ProjectStore,
    StoreError,
    acting_as,
    open_store,
)
from plansat.store.dialect import POSTGRES, SQLITE
from plansat.store.location import redact
from plansat.store.portfolios import PortfolioMember
from plansat.store.postgres import PostgresStore
from plansat.store.schema import MIGRATIONS, TABLES, Migration
from plansat.store.transfer import copy_store
from tests.helpers.postgres import PostgresServer, rows_of

PROGRESS = Path(__file__).resolve().parents[2] / "examples" / (
    "ecommerce-progress.json")


def renamed(project: Project, name: str) -> Project:
    return Project.model_validate(
        {**project.model_dump(mode="json"), "name": name})


def test_both_back_ends_implement_the_interface(
    store: ProjectStore,
) -> None:
    assert isinstance(store, ProjectStore)
    assert store.migrated == [m.version for m in MIGRATIONS]


def test_reopening_applies_no_migration(address: str) -> None:
    open_store(address).close()
    with open_store(address) as again:
        assert again.migrated == []
    version = ("SELECT version FROM plansat_schema"
               if address.startswith("postgresql") else
               "PRAGMA user_version")
    with open_store(address) as st:
        assert rows_of(st, version) == [(SCHEMA_VERSION,)]


def test_every_table_is_copied(store: ProjectStore) -> None:
    """TABLES names every table of the schema (a new table must be
    copied too)."""
    if isinstance(store, PostgresStore):
        query = ("SELECT table_name FROM information_schema.tables WHERE "
                 "table_schema = current_schema() AND table_name != "
                 "'plansat_schema'")
    else:
        query = ("SELECT name FROM sqlite_master WHERE type = 'table' AND "
                 "name NOT LIKE 'sqlite_%'")
    assert {r[0] for r in rows_of(store, query)} == set(TABLES)


def test_postgres_newer_and_foreign_schemas_are_refused(
    postgres_server: PostgresServer,
) -> None:
    newer = postgres_server.fresh()
    open_store(newer).close()
    with psycopg.connect(newer, autocommit=True) as conn:
        conn.execute("UPDATE plansat_schema SET version = 99")
    with pytest.raises(StoreError, match="schema version 99 is newer"):
        open_store(newer)
    foreign = postgres_server.fresh()
    with psycopg.connect(foreign, autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id int)")
    with pytest.raises(StoreError, match="not a plansat store"):
        open_store(foreign)


def test_postgres_failed_migration_changes_nothing(
    postgres_server: PostgresServer,
) -> None:
    from plansat.store.dialect import Connection
    from plansat.store.schema import migrate, schema_version

    address = postgres_server.fresh()
    open_store(address).close()
    broken = Migration(SCHEMA_VERSION + 1, "fails half-way",
                       ("CREATE TABLE extra (x TEXT)",
                        "ALTER TABLE nowhere ADD COLUMN y TEXT"))
    with psycopg.connect(address, autocommit=True) as raw:
        conn = Connection(raw, POSTGRES)
        with pytest.raises(StoreError, match=r"failed: .*nowhere"):
            migrate(conn, migrations=(*MIGRATIONS, broken))
        assert schema_version(conn) == SCHEMA_VERSION
        assert conn.execute(
            "SELECT to_regclass('extra') IS NULL").fetchone()[0]


def test_racing_creators_of_one_id(address: str, ecommerce: Project) -> None:
    """Six stores create project ``shop`` at once: one succeeds, the
    others get a Conflict, and revision 1 is the winner's."""
    stores = [open_store(address) for _ in range(6)]
    start = threading.Barrier(len(stores))
    won: list[str] = []
    lost: list[Conflict] = []

    def create(k: int) -> None:
        start.wait()
        try:
            stores[k].create_project(renamed(ecommerce, f"w{k}"), "shop")
            won.append(f"w{k}")
        except Conflict as exc:
            lost.append(exc)

    threads = [threading.Thread(target=create, args=(k,))
               for k in range(len(stores))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(won) == 1 and len(lost) == 5
    assert all(c.expected is None and c.actual == 1 for c in lost)
    assert stores[0].get_project("shop").name == won[0]
    assert len(stores[0].list_revisions("shop")) == 1
    for st in stores:
        st.close()


def test_atomic_block_writes_all_or_nothing(
    store: ProjectStore, ecommerce: Project, solved_example: Result
) -> None:
    store.create_project(ecommerce, "shop")
    with store.atomic():
        store.update_project("shop", renamed(ecommerce, "Two"), 1)
        store.set_baseline("shop", solved_example)
    with pytest.raises(RuntimeError, match="boom"), store.atomic():
        store.update_project("shop", renamed(ecommerce, "Three"), 2)
        store.save_plan("shop", solved_example)
        raise RuntimeError("boom")
    assert store.get_project("shop").revision == 2
    assert store.latest_plan("shop") is None
    assert len(store.list_baselines("shop")) == 1


def test_revisions_record_their_author(
    store: ProjectStore, ecommerce: Project
) -> None:
    with acting_as("ann"):
        store.create_project(ecommerce, "shop")
        store.update_project("shop", renamed(ecommerce, "B"), 1)
    store.update_project("shop", renamed(ecommerce, "C"), 2, author="bob")
    store.update_project("shop", renamed(ecommerce, "D"), 3)
    assert [r.author for r in store.list_revisions("shop")] == [
        "ann", "ann", "bob", ""]


def _fill(store: ProjectStore, ecommerce: Project, result: Result) -> None:
    store.create_project(ecommerce, "shop", description="kept",
                         author="ann")
    store.update_project("shop", renamed(ecommerce, "Shop 2"), 1,
                         author="bob")
    store.set_baseline("shop", result, note="kick-off")
    store.add_snapshot("shop", Project.from_file(PROGRESS))
    store.save_plan("shop", result, "solve", {"time_limit": 5})
    store.add_message("shop", "status", "alice", "Status", "on track")
    store.create_project(ecommerce, "other")
    store.delete_project("other")  # ids of the rows it had stay used
    store.create_project(ecommerce, "third")
    store.save_plan("third", result, "replan")
    store.add_channel("hook", "https://hooks.example/plansat",
                      project_id="shop", allow=["ops@example.com"])
    store.queue_messages("shop", [NewMessage(
        kind="status_update", recipient="bob", subject="s", body="b",
        channel="hook")])
    store.save_portfolio("both", [
        PortfolioMember(project_id="shop", weight=2.0, priority=1),
        PortfolioMember(project_id="third")], name="Both")


def _contents(store: ProjectStore) -> list[object]:
    out: list[object] = [p.model_dump() for p in store.list_projects()]
    out += [p.model_dump() for p in store.list_portfolios()]
    out += [c.model_dump() for c in store.list_channels()]
    out += [m.model_dump() for m in store.outbox()]
    for p in store.list_projects():
        out += [r.model_dump() for r in store.list_revisions(p.id)]
        out += [b.model_dump() for b in store.list_baselines(p.id)]
        out += [s.model_dump() for s in store.list_snapshots(p.id)]
        out += [m.model_dump() for m in store.list_messages(p.id)]
        plan = store.latest_plan(p.id)
        out.append(None if plan is None else plan.model_dump())
    return out


def test_copy_moves_a_whole_store_both_ways(
    tmp_path: Path, postgres_server: PostgresServer, ecommerce: Project,
    solved_example: Result,
) -> None:
    lite = open_store(str(tmp_path / "a.db"))
    _fill(lite, ecommerce, solved_example)
    pg = open_store(postgres_server.fresh())
    copied = copy_store(lite, pg)  # type: ignore[arg-type]
    assert copied.rows["revisions"] == 3 and copied.rows["plans"] == 2
    assert copied.rows["portfolios"] == copied.rows["channels"] == 1
    assert copied.rows["outbox"] == 2
    assert _contents(pg) == _contents(lite)
    back = open_store(str(tmp_path / "b.db"))
    copy_store(pg, back)  # type: ignore[arg-type]
    assert _contents(back) == _contents(lite)
    # the copies go on numbering after the copied ids
    for st in (lite, pg, back):
        assert st.save_plan("shop", solved_example).id == 3
    with pytest.raises(StoreError, match="holds 2 project"):
        copy_store(lite, pg)  # type: ignore[arg-type]
    for st in (lite, pg, back):
        st.close()


def test_cli_migrate_and_copy(
    tmp_path: Path, postgres_server: PostgresServer, ecommerce: Project
) -> None:
    db = tmp_path / "team.db"
    target = postgres_server.fresh()
    run = CliRunner().invoke(cli, ["store", "--store", str(db), "migrate"])
    assert run.exit_code == 0, run.output
    applied = ", ".join(str(m.version) for m in MIGRATIONS)
    assert run.stdout == (f"{db}: migrated to schema version "
                          f"{SCHEMA_VERSION} (applied {applied})\n")
    run = CliRunner().invoke(cli, ["store", "--store", str(db), "migrate"])
    assert run.stdout == f"{db}: at schema version {SCHEMA_VERSION}\n"
    with open_store(str(db)) as st:
        st.create_project(ecommerce, "shop", author="ann")
    run = CliRunner().invoke(cli, ["store", "copy", str(db), target])
    assert run.exit_code == 0, run.output
    assert run.stdout.startswith("copied 1 projects, 1 revisions, ")
    run = CliRunner().invoke(cli, ["store", "--store", target, "show",
                                   "shop"])
    assert run.exit_code == 0, run.output
    assert "by ann" in run.stdout
    run = CliRunner().invoke(cli, ["store", "copy", str(db), target])
    assert run.exit_code == 2
    assert "holds 1 project(s)" in run.stderr


def test_unreachable_postgres_is_one_error_line(tmp_path: Path) -> None:
    address = "postgresql://nobody:secret@127.0.0.1:9/none?connect_timeout=1"
    run = CliRunner().invoke(cli, ["store", "--store", address, "list"])
    assert run.exit_code == 2
    assert run.stderr.startswith("error: postgresql://nobody:***@")
    assert "secret" not in run.stderr


def test_closed_postgres_store_raises_store_error(
    postgres_server: PostgresServer,
) -> None:
    store = open_store(postgres_server.fresh())
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.list_projects()


SPELLINGS = [
    ("SELECT * FROM plans WHERE id = ?", "SELECT * FROM plans WHERE id = %s"),
    ("SELECT '5%' || ?", "SELECT '5%%' || %s"),
    ("INSERT INTO plans (a, b) VALUES (?, ?)",
     "INSERT INTO plans (a, b) VALUES (%s, %s) RETURNING id"),
    ("INSERT INTO revisions (a) VALUES (?)",
     "INSERT INTO revisions (a) VALUES (%s)"),
    ("INSERT OR REPLACE INTO projects (id, name) VALUES (?, ?)",
     "INSERT INTO projects (id, name) VALUES (%s, %s) "
     "ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name"),
]


@pytest.mark.parametrize(("sqlite", "postgres"), SPELLINGS)
def test_dialect_spellings(sqlite: str, postgres: str) -> None:
    assert SQLITE.sql(sqlite) == sqlite
    assert POSTGRES.sql(sqlite) == postgres


def test_dialect_schema_spelling() -> None:
    ddl = "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, n TEXT)"
    assert POSTGRES.ddl(ddl) == (
        "CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY "
        'PRIMARY KEY, n TEXT COLLATE "C")')
    assert redact("postgresql://a@h/d") == "postgresql://a@h/d"


def test_postgres_store_of_version_2_migrates_with_its_rows(
    postgres_server: PostgresServer, ecommerce: Project
) -> None:
    """A PostgreSQL store as a plansat at schema 2 left it (a project, a
    revision, two messages) opens at the current version with them."""
    from plansat.store.dialect import Connection
    from plansat.store.schema import migrate

    address = postgres_server.fresh()
    stamp = "2025-06-01T09:00:00.000000+00:00"
    with psycopg.connect(address, autocommit=True,
                         cursor_factory=psycopg.ClientCursor) as raw:
        conn = Connection(raw, POSTGRES)
        assert migrate(conn, target=2) == [1, 2]
        conn.execute("INSERT INTO projects (id, name, revision, created, "
                     "updated) VALUES ('shop', 'Shop', 1, ?, ?)",
                     (stamp, stamp))
        conn.execute("INSERT INTO revisions (project_id, revision, "
                     "created, name, body) VALUES ('shop', 1, ?, 'Shop', ?)",
                     (stamp, ecommerce.model_dump_json()))
        for _ in range(2):
            conn.execute("INSERT INTO outbox (project_id, created, kind, "
                         "recipient, subject, body) VALUES ('shop', ?, "
                         "'alert', 'bob', 's', 'b')", (stamp,))
    with open_store(address) as store:
        assert store.migrated == [m.version for m in MIGRATIONS[2:]]
        assert store.get_project("shop").project == ecommerce
        assert [r.author for r in store.list_revisions("shop")] == [""]
        messages = store.list_messages("shop")
        assert [m.recipient for m in messages] == ["bob", "bob"]
        assert store.create_project(ecommerce).revision == 1
