"""A real PostgreSQL server for the tests: Debian's binaries run on a
temporary data directory, on a free loopback port, for one test session.

PostgreSQL refuses to run as root; when the tests run as root (CI), the
server runs as the ``postgres`` system user (``runuser``), on a data
directory that user owns.  Each test gets a schema of its own in the one
database (``search_path`` in its address), which is much faster than a
database per test.

Outside CI a machine without the binaries skips these tests with a
message; in CI (``CI=true``) that is a failure: the tests against the
shared back end must run there.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest

__all__ = [
    "PostgresServer",
    "find_bindir",
    "postgres_server",
    "rows_of",
]

_names = itertools.count()


def find_bindir() -> Path | None:
    """The directory of ``initdb`` and ``postgres``: ``$PG_BINDIR``, the
    PATH, or Debian's ``/usr/lib/postgresql/<version>/bin`` (newest)."""
    env = os.environ.get("PG_BINDIR")
    if env and (Path(env) / "initdb").exists():
        return Path(env)
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[-3].split(".")[0]),
    )
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PostgresServer:
    """A running server: its port, and a fresh schema per address."""

    port: int
    user: str = "plansat"
    database: str = "postgres"

    @property
    def base(self) -> str:
        """The address of the database (its ``public`` schema)."""
        return (f"postgresql://{self.user}@127.0.0.1:{self.port}/"
                f"{self.database}")

    def fresh(self) -> str:
        """The address of a new, empty schema of its own."""
        import psycopg

        name = f"t{os.getpid()}_{next(_names)}"
        with psycopg.connect(self.base, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {name}")
        return f"{self.base}?options={quote(f'-csearch_path={name}')}"


def _as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", "postgres", "--", *cmd]


def _start(bindir: Path, root: Path) -> tuple[subprocess.Popen[bytes], int]:
    data = root / "data"
    if os.geteuid() == 0:  # postgres refuses root: its own user runs it
        pw = pwd.getpwnam("postgres")
        os.chmod(root, 0o755)
        os.chown(root, pw.pw_uid, pw.pw_gid)
    subprocess.run(
        _as_server_user([str(bindir / "initdb"), "-D", str(data), "-U",
                         "plansat", "--auth=trust", "--no-sync",
                         "--encoding=UTF8", "--locale=C"]),
        check=True, capture_output=True,
    )
    port = _free_port()
    log = open(root / "server.log", "wb")  # noqa: SIM115 - lives on
    proc = subprocess.Popen(
        _as_server_user([
            str(bindir / "postgres"), "-D", str(data), "-p", str(port),
            "-k", str(root), "-c", "listen_addresses=127.0.0.1",
            "-c", "fsync=off", "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off", "-c", "max_connections=200",
        ]),
        stdout=log, stderr=subprocess.STDOUT,
    )
    return proc, port


def _stop(bindir: Path, root: Path, proc: subprocess.Popen[bytes]) -> None:
    subprocess.run(
        _as_server_user([str(bindir / "pg_ctl"), "stop", "-D",
                         str(root / "data"), "-m", "fast", "-w"]),
        capture_output=True, check=False, timeout=60,
    )
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _wait(proc: subprocess.Popen[bytes], port: int, root: Path) -> None:
    import psycopg

    for _ in range(300):
        if proc.poll() is not None:
            raise RuntimeError("postgres exited: "
                               + (root / "server.log").read_text())
        try:
            psycopg.connect(f"postgresql://plansat@127.0.0.1:{port}/"
                            "postgres", connect_timeout=2).close()
            return
        except psycopg.OperationalError:
            time.sleep(0.1)
    raise RuntimeError("postgres did not start: "
                       + (root / "server.log").read_text())


def rows_of(store: object, query: str, *args: object) -> list[tuple[
        object, ...]]:
    """Rows of ``query`` (SQLite's spelling) read from ``store``'s
    database by a connection of its own, whichever the back end."""
    from plansat.store.dialect import POSTGRES
    from plansat.store.postgres import PostgresStore

    if isinstance(store, PostgresStore):
        import psycopg

        with psycopg.connect(store.address,
                             cursor_factory=psycopg.ClientCursor) as conn:
            cur = conn.execute(POSTGRES.sql(query), args)
            if cur.description is None:
                return []
            return [tuple(r) for r in cur.fetchall()]
    import sqlite3

    with sqlite3.connect(store.path) as lite:
        return [tuple(r) for r in lite.execute(query, args).fetchall()]


def unavailable(reason: str) -> None:
    """Skip, or fail in CI."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"PostgreSQL is required in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server for the session (see the module)."""
    bindir = find_bindir()
    if bindir is None:
        unavailable("no PostgreSQL server binaries (apt-get install "
                    "postgresql, or set PG_BINDIR)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        unavailable("psycopg is not installed (pip install "
                    "'plansat[postgres]')")
    assert bindir is not None
    root = Path(tempfile.mkdtemp(prefix="plansat-pg-"))
    proc, port = _start(bindir, root)
    try:
        _wait(proc, port, root)
        yield PostgresServer(port)
    finally:
        _stop(bindir, root, proc)
        shutil.rmtree(root, ignore_errors=True)
