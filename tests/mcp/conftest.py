"""Fixtures of the MCP server tests: a server on a fresh store file, an
in-process client, the kickoff's eight-task network, and a check that
every plan a tool stored keeps the project's rules.

The tests need the ``mcp`` extra (in ``dev``); without it they are
skipped.  Async tests run on the anyio pytest plugin (asyncio).
"""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("mcp.server.mcpserver", reason="needs plansat[mcp]")

from mcp import Client

from plansat.check import violations
from plansat.mcp.limits import Limits
from plansat.mcp.server import ServerConfig, build_server
from plansat.store import Store

#: The kickoff's eight tasks (DESIGN.md, "The e-commerce example"):
#: critical path T001-T002-T003-T004-T006-T007-T008 = 5+8+6+15+8+10+3 =
#: 55 working days; T005 (after T002, 12 days) may start on day 13 and
#: must end by day 34, when T006 starts: 34 - 13 - 12 = 9 days of float.
KICKOFF: dict[str, Any] = {
    "name": "Kickoff",
    "start": "2025-06-26",
    "tasks": [
        {"id": "T001", "name": "Requirements Analysis", "duration": 5},
        {"id": "T002", "name": "System Design", "duration": 8,
         "after": ["T001"]},
        {"id": "T003", "name": "Database Design", "duration": 6,
         "after": ["T002"]},
        {"id": "T004", "name": "Backend Development", "duration": 15,
         "after": ["T003"]},
        {"id": "T005", "name": "Frontend Development", "duration": 12,
         "after": ["T002"]},
        {"id": "T006", "name": "API Integration", "duration": 8,
         "after": ["T004", "T005"]},
        {"id": "T007", "name": "Testing", "duration": 10,
         "after": ["T006"]},
        {"id": "T008", "name": "Deployment", "duration": 3,
         "after": ["T007"]},
    ],
}

Call = Callable[..., Awaitable[dict[str, Any]]]


@pytest.fixture
def anyio_backend() -> str:
    """Run the async tests on asyncio."""
    return "asyncio"


@pytest.fixture
def kickoff() -> dict[str, Any]:
    """A fresh copy of :data:`KICKOFF`."""
    return copy.deepcopy(KICKOFF)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """The store file of the test."""
    return tmp_path / "plansat.db"


@pytest.fixture
def make_server(store_path: Path) -> Callable[..., Any]:
    """``make_server(**config)``: a server on the test's store file."""

    def make(**fields: Any) -> Any:
        fields.setdefault("store", store_path)
        fields.setdefault("limits", Limits(max_time_limit=30))
        return build_server(ServerConfig(**fields))

    return make


@pytest.fixture
async def client(make_server: Callable[..., Any]) -> AsyncIterator[Client]:
    """An in-process client of a server with every tool."""
    async with Client(make_server()) as c:
        yield c


async def call_tool(c: Client, tool: str, /, **args: Any) -> dict[str, Any]:
    """Call a tool that must succeed; its structured content."""
    result = await c.call_tool(tool, args)
    text = "\n".join(getattr(block, "text", "") for block in result.content)
    assert not result.is_error, text
    assert result.structured_content is not None
    out: dict[str, Any] = result.structured_content
    assert out["success"] is True and out["message"]
    return out


async def tool_error(c: Client, tool: str, /, **args: Any) -> str:
    """Call a tool that must fail; the error text (never a traceback)."""
    result = await c.call_tool(tool, args)
    assert result.is_error
    text = "\n".join(getattr(block, "text", "") for block in result.content)
    assert "Traceback" not in text
    return text


@pytest.fixture
def call(client: Client) -> Call:
    """``await call(tool, **args)`` on the in-process client."""

    async def run(tool: str, /, **args: Any) -> dict[str, Any]:
        return await call_tool(client, tool, **args)

    return run


@pytest.fixture
def error(client: Client) -> Callable[..., Awaitable[str]]:
    """``await error(tool, **args)``: the error text of a failing call."""

    async def run(tool: str, /, **args: Any) -> str:
        return await tool_error(client, tool, **args)

    return run


@pytest.fixture
def call_on() -> Callable[..., Awaitable[dict[str, Any]]]:
    """``await call_on(client, tool, **args)`` for a client of one's
    own."""
    return call_tool


@pytest.fixture
def error_on() -> Callable[..., Awaitable[str]]:
    """``await error_on(client, tool, **args)``: the error text."""
    return tool_error


@pytest.fixture
def assert_clean(store_path: Path) -> Callable[[str], None]:
    """``assert_clean(project_id)``: every latest plan of each kind and
    every baseline the tools stored keeps the rules of the project
    revision it was solved from (the independent checker)."""

    def check(project_id: str) -> None:
        with Store.open(store_path) as store:
            found = [p for kind in ("solve", "replan")
                     if (p := store.latest_plan(project_id, kind))]
            assert found, "no plan stored"
            for plan in found:
                project = store.get_project(project_id, plan.revision)
                assert violations(project.project, plan.result) == []
            for base in store.list_baselines(project_id):
                project = store.get_project(project_id, base.revision)
                assert violations(project.project, base.result) == []

    return check
