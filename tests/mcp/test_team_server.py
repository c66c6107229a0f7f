"""The team set-up: two ``plansat mcp --http`` servers on one PostgreSQL
store, each with the same tokens, driven by the MCP SDK's client at the
same time.  Stale revisions are refused, no update is lost (revisions
and contents counted), every revision names its writer's identity, and
killing one server in the middle of a stream of writes loses nothing."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import anyio
import httpx2
import pytest
from mcp import Client
from mcp.client.streamable_http import streamable_http_client

from plansat.models import Project
from plansat.store import open_store
from tests.helpers.postgres import PostgresServer

pytestmark = pytest.mark.anyio

ROOT = Path(__file__).resolve().parents[2]
TOKENS = {"alice": "alice-t0k3n", "bob": "bob-t0k3n"}
ROUNDS = 8
BOUND = 120


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    for name in ("PLANSAT_STORE", "PLANSAT_MCP_TOKEN"):
        env.pop(name, None)
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait_for(port: int, proc: subprocess.Popen[bytes]) -> None:
    for _ in range(600):
        try:
            socket.create_connection(("127.0.0.1", port), 0.5).close()
            return
        except OSError:
            if proc.poll() is not None:
                err = proc.communicate(timeout=5)[1]
                pytest.fail(f"the server didn't start: {err!r}")
            time.sleep(0.1)
    pytest.fail("the server didn't start in time")


@contextmanager
def team_servers(address: str, count: int = 2) -> Iterator[list[tuple[
        str, subprocess.Popen[bytes]]]]:
    """``count`` servers ``plansat mcp --http --store ADDRESS --token
    alice=... --token bob=...``, each on a free loopback port (started
    side by side): their URLs and processes."""
    tokens = [a for who, t in TOKENS.items() for a in ("--token",
                                                        f"{who}={t}")]
    started: list[tuple[int, subprocess.Popen[bytes]]] = []
    try:
        for _ in range(count):
            port = _free_port()
            started.append((port, subprocess.Popen(
                [sys.executable, "-m", "plansat.cli", "mcp", "--http",
                 "--port", str(port), "--store", address, *tokens],
                env=_env(), cwd=ROOT, stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE)))
        for port, proc in started:
            _wait_for(port, proc)
        yield [(f"http://127.0.0.1:{port}/mcp", proc)
               for port, proc in started]
    finally:
        for _, proc in started:
            if proc.poll() is None:
                proc.terminate()
        for _, proc in started:
            try:
                proc.communicate(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.communicate()


def connect(url: str, who: str) -> Client:
    """An SDK client sending ``who``'s bearer token."""
    http = httpx2.AsyncClient(
        headers={"Authorization": f"Bearer {TOKENS[who]}"},
        trust_env=False, timeout=httpx2.Timeout(30, read=120))
    return Client(streamable_http_client(url, http_client=http))


async def ok(c: Client, tool: str, **args: Any) -> dict[str, Any]:
    result = await c.call_tool(tool, args)
    assert not result.is_error, result.content
    assert result.structured_content is not None
    return result.structured_content


def _text(result: Any) -> str:
    return "\n".join(getattr(b, "text", "") for b in result.content)


@pytest.fixture
def shared_store(postgres_server: PostgresServer, kickoff: dict) -> str:
    """A PostgreSQL store holding project ``shop``, written by alice."""
    address = postgres_server.fresh()
    with open_store(address) as store:
        store.create_project(Project.model_validate(kickoff), "shop",
                             author="alice")
    return address


async def _writer(c: Client, who: str, log: list[tuple[str, int, int,
                                                      int | None]]) -> None:
    """ROUNDS read-modify-write attempts: read the revision, patch the
    name to ``who-i`` and T004's duration, write against that revision."""
    for i in range(ROUNDS):
        got = await ok(c, "get_project", project_id="shop")
        read = got["revision"]
        result = await c.call_tool("update_project", {
            "project_id": "shop", "expected_revision": read,
            "patch": {"name": f"{who}-{i}",
                      "tasks": {"T004": {"duration": 10 + i}}}})
        if result.is_error:
            assert f"not {read}: reload it and retry" in _text(result)
            log.append((who, i, read, None))
        else:
            assert result.structured_content is not None
            wrote = result.structured_content["revision"]
            assert wrote == read + 1
            log.append((who, i, read, wrote))


async def test_two_servers_lose_no_update(shared_store: str) -> None:
    log: list[tuple[str, int, int, int | None]] = []
    with (team_servers(shared_store) as [(url_a, _), (url_b, _)],
          anyio.fail_after(BOUND)):
        async with connect(url_a, "alice") as a, connect(url_b, "bob") as b:
            async with anyio.create_task_group() as tg:
                tg.start_soon(_writer, a, "alice", log)
                tg.start_soon(_writer, b, "bob", log)
            # a write against a revision read long ago is refused
            stale = await b.call_tool("update_project", {
                "project_id": "shop", "expected_revision": 1,
                "patch": {"name": "late"}})
            assert stale.is_error
            assert "not 1: reload it and retry" in _text(stale)
            final = await ok(a, "get_project", project_id="shop")
            contents = {r: await ok(b, "get_project", project_id="shop",
                                    revision=r)
                        for r in range(1, final["revision"] + 1)}
    wins = [(who, i, wrote) for who, i, _, wrote in log if wrote]
    assert len(log) == 2 * ROUNDS
    # every win wrote its own revision, and nothing else was written
    assert sorted(w for *_, w in wins) == list(range(2, len(wins) + 2))
    assert final["revision"] == len(wins) + 1
    authors = {h["revision"]: h["author"] for h in final["history"]}
    assert authors[1] == "alice"
    for who, i, wrote in wins:
        project = contents[wrote]["project"]
        assert project["name"] == f"{who}-{i}"
        t004 = next(t for t in project["tasks"] if t["id"] == "T004")
        assert t004["duration"] == 10 + i
        assert authors[wrote] == who


async def test_killing_a_server_mid_write_loses_nothing(
    shared_store: str,
) -> None:
    acked: list[tuple[int, int]] = []  # (revision, duration)
    with (team_servers(shared_store) as [(url_a, proc_a), (url_b, _)],
          anyio.fail_after(BOUND)):

        async def write_until_killed() -> None:
            try:
                async with connect(url_a, "alice") as a:
                    rev = (await ok(a, "get_project",
                                    project_id="shop"))["revision"]
                    for i in range(1000):
                        out = await ok(a, "update_project",
                                       project_id="shop",
                                       expected_revision=rev,
                                       patch={"tasks": {"T004": {
                                           "duration": 20 + i}}})
                        rev = out["revision"]
                        acked.append((rev, 20 + i))
            except Exception:  # the server died under the call
                return

        async with anyio.create_task_group() as tg:
            tg.start_soon(write_until_killed)
            while len(acked) < 3:
                await anyio.sleep(0.01)
            proc_a.send_signal(signal.SIGKILL)
        async with connect(url_b, "bob") as b:
            final = await ok(b, "get_project", project_id="shop")
            last = final["revision"]
            # the write under way when the server died: whole or absent
            assert last in (len(acked) + 1, len(acked) + 2)
            for rev, duration in acked:
                got = await ok(b, "get_project", project_id="shop",
                               revision=rev)
                t004 = next(t for t in got["project"]["tasks"]
                            if t["id"] == "T004")
                assert t004["duration"] == duration
            for rev in range(1, last + 1):  # every revision reads back
                await ok(b, "get_project", project_id="shop", revision=rev)
            assert [h["revision"] for h in final["history"]] == list(
                range(1, last + 1))
            after = await ok(b, "update_project", project_id="shop",
                             expected_revision=last,
                             patch={"name": "after the crash"})
            assert after["revision"] == last + 1
    assert len(acked) >= 3
