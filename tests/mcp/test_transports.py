"""Real transports: ``plansat mcp`` as a stdio subprocess and as a
streamable-HTTP server on 127.0.0.1 (a free port), each session calling
one tool within a time bound; the bearer token; the command's refusals
(no token off loopback, no SDK)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import anyio
import httpx2
import pytest
from click.testing import CliRunner
from mcp import Client, StdioServerParameters
from mcp.client.streamable_http import streamable_http_client

from plansat.cli import cli
from plansat.models import Project
from plansat.store import Store

pytestmark = pytest.mark.anyio

ROOT = Path(__file__).resolve().parents[2]

#: Seconds a whole session may take (start-up included).
BOUND = 60


def _env() -> dict[str, str]:
    """The environment of a subprocess: this checkout first on the path,
    no store from the caller's environment."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    env.pop("PLANSAT_STORE", None)
    env.pop("PLANSAT_MCP_TOKEN", None)
    return env


def _command(store: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "plansat.cli", "mcp", "--store",
            str(store), *args]


@pytest.fixture
def stored(store_path: Path, kickoff: dict) -> str:
    """A project already in the store file."""
    with Store.open(store_path) as store:
        return store.create_project(Project.model_validate(kickoff),
                                    "shop").id


async def test_a_stdio_session(store_path: Path, stored: str) -> None:
    params = StdioServerParameters(
        command=sys.executable, args=_command(store_path)[1:], env=_env(),
        cwd=str(ROOT))
    with anyio.fail_after(BOUND):
        async with Client(params) as c:
            result = await c.call_tool("list_projects", {})
    assert not result.is_error
    assert result.structured_content is not None
    assert [p["id"] for p in result.structured_content["projects"]] == [
        stored]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def _http_server(store: Path, *args: str) -> Iterator[str]:
    """``plansat mcp --transport http`` on a free port; its URL."""
    port = _free_port()
    proc = subprocess.Popen(
        _command(store, "--transport", "http", "--port", str(port), *args),
        env=_env(), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + BOUND
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), 0.5).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    _, err = proc.communicate(timeout=5)
                    pytest.fail(f"the HTTP server didn't start: {err!r}")
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/mcp"
    finally:
        proc.terminate()
        try:
            out, _ = proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
        assert out == b""  # nothing but logs, and those on stderr


def _transport(url: str, token: str | None = None) -> Any:
    """The SDK's streamable-HTTP client transport, with the SDK's
    timeouts, ignoring proxy settings of the environment."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    client = httpx2.AsyncClient(headers=headers, trust_env=False,
                                timeout=httpx2.Timeout(30, read=300))
    return streamable_http_client(url, http_client=client)


async def test_a_streamable_http_session(store_path: Path,
                                         stored: str) -> None:
    with _http_server(store_path) as url, anyio.fail_after(BOUND):
        async with Client(_transport(url)) as c:
            result = await c.call_tool("get_project",
                                       {"project_id": stored})
    assert not result.is_error
    assert result.structured_content is not None
    assert result.structured_content["summary"]["tasks"] == 8


def _post(url: str, headers: dict[str, str]) -> int:
    request = urllib.request.Request(url, data=b"{}", headers={
        "Content-Type": "application/json", **headers})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


async def test_http_with_a_token(store_path: Path, stored: str) -> None:
    with _http_server(store_path, "--token", "s3cret") as url:
        assert _post(url, {}) == 401
        assert _post(url, {"Authorization": "Bearer wrong"}) == 401
        with anyio.fail_after(BOUND):
            async with Client(_transport(url, "s3cret")) as c:
                result = await c.call_tool("list_projects", {})
        assert not result.is_error


def test_http_off_loopback_needs_a_token(store_path: Path) -> None:
    run = CliRunner().invoke(cli, [
        "mcp", "--transport", "http", "--host", "0.0.0.0",
        "--store", str(store_path)], env={"PLANSAT_MCP_TOKEN": None})
    assert run.exit_code == 2
    assert "give --token" in run.output


def test_without_the_sdk_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, store_path: Path
) -> None:
    # A module set to None in sys.modules can't be imported: as if the
    # extra were not installed.
    monkeypatch.setitem(sys.modules, "mcp.server.mcpserver", None)
    run = CliRunner().invoke(cli, ["mcp", "--store", str(store_path)])
    assert run.exit_code == 2
    [line] = run.output.strip().splitlines()
    assert line.startswith("error: plansat mcp needs the MCP SDK 2.x")
    assert line.endswith("pip install 'plansat[mcp]'")
    assert not store_path.exists()  # nothing was opened


def test_a_bad_store_is_refused_up_front(tmp_path: Path) -> None:
    bad = tmp_path / "not-a-store.db"
    bad.write_text("hello")
    run = CliRunner().invoke(cli, ["mcp", "--store", str(bad)])
    assert run.exit_code == 2
    assert run.output.startswith("error: ")
