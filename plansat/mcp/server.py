"""The plansat MCP server: tools, resources and prompts over the
analyses and the project store.

:func:`build_server` makes an :class:`~mcp.server.mcpserver.MCPServer`
whose lifespan opens the store (shared by the server's sessions, closed
with the last one); :func:`serve` runs it over stdio (nothing but
protocol on standard output: the SDK moves file descriptor 1 aside, and
logs go to standard error) or the SDK's streamable HTTP (127.0.0.1
unless a bearer token is given).  Over HTTP the server is stateless:
every request is a session of its own and everything that matters is in
the store, so several servers on one PostgreSQL store serve the same
projects behind a proxy.

Examples
--------
In-process, as the tests do::

    from mcp import Client
    from plansat.mcp.server import ServerConfig, build_server

    server = build_server(ServerConfig(store="plansat.db"))
    async with Client(server) as client:
        result = await client.call_tool("list_projects", {})
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from mcp.server.mcpserver import MCPServer
from mcp.types import ToolAnnotations

from plansat import __version__
from plansat.mcp.auth import BearerAuth, check_binding
from plansat.mcp.limits import Limits
from plansat.mcp.offload import MIN_TASKS, Offload
from plansat.mcp.portfolios import PORTFOLIO_TOOLS
from plansat.mcp.prompts import register_prompts
from plansat.mcp.protocol import StrictServer
from plansat.mcp.resources import register_resources
from plansat.mcp.runtime import AppState, SharedStore, ToolSpec
from plansat.mcp.standard_tools import STANDARD_TOOLS
from plansat.mcp.stored_tools import STORED_TOOLS

__all__ = [
    "ALL_TOOLS",
    "INSTRUCTIONS",
    "ServerConfig",
    "build_server",
    "select_tools",
    "serve",
]

log = logging.getLogger(__name__)

#: Every tool, the common six first.
ALL_TOOLS: tuple[ToolSpec, ...] = (STANDARD_TOOLS + STORED_TOOLS
                                   + PORTFOLIO_TOOLS)

#: What the assistant is told about the server.
INSTRUCTIONS = (
    "plansat plans projects exactly (OR-Tools CP-SAT): schedules, "
    "skill-matched assignments, critical paths, costs, progress and "
    "risk. Projects persist in a store: create_project (with the full "
    "project JSON when you have it), then generate_timeline; "
    "list_projects finds earlier ones. Every figure is computed and "
    "checked: quote it, don't estimate."
)


@dataclass(frozen=True)
class ServerConfig:
    """How to build a server.

    Attributes
    ----------
    store
        The store file (``None``: ``$PLANSAT_STORE``, else the user's
        data directory).
    read_only
        Hide every tool that writes to the store.
    tools
        Allow-list of tool names (``None``: all of them).
    limits
        Project size, time limit and request size limits.
    dask
        A Dask scheduler address for large projects' solves and Monte
        Carlo runs (``None``: a local process pool).
    offload_tasks
        Projects with this many tasks or more are solved off the
        request path (on the pool or the cluster).
    """

    store: str | Path | None = None
    read_only: bool = False
    tools: Sequence[str] | None = None
    limits: Limits = field(default_factory=Limits)
    dask: str | None = None
    offload_tasks: int = MIN_TASKS

    def shared(self) -> SharedStore:
        """The server's store, limits and executor, not yet open."""
        offload = Offload(self.dask, min_tasks=self.offload_tasks)
        return SharedStore(self.store, self.limits, self.read_only,
                           offload)


def select_tools(
    read_only: bool = False, allow: Sequence[str] | None = None
) -> list[ToolSpec]:
    """The tools a server offers: those in ``allow`` (all by default),
    without the writing ones when ``read_only``.

    Raises
    ------
    ValueError
        When ``allow`` names a tool that doesn't exist.
    """
    names = [t.name for t in ALL_TOOLS]
    unknown = sorted(set(allow or ()) - set(names))
    if unknown:
        raise ValueError(f"unknown tool(s): {', '.join(unknown)} (the tools "
                         f"are {', '.join(names)})")
    return [t for t in ALL_TOOLS
            if (allow is None or t.name in allow)
            and not (read_only and t.writes)]


def build_server(
    config: ServerConfig | None = None, shared: SharedStore | None = None
) -> MCPServer[AppState]:
    """The MCP server with its tools, resources and prompts.

    Parameters
    ----------
    config
        How to build it.
    shared
        The store and executor (default: ``config.shared()``).

    Raises
    ------
    ValueError
        On an unknown tool name in ``config.tools``.
    """
    config = config or ServerConfig()
    tools = select_tools(config.read_only, config.tools)
    shared = shared or config.shared()

    @asynccontextmanager
    async def lifespan(_: MCPServer[AppState]) -> AsyncIterator[AppState]:
        async with shared.session() as state:
            yield state

    server = StrictServer(
        "plansat", title="plansat", version=__version__,
        instructions=INSTRUCTIONS, lifespan=lifespan, log_level="WARNING",
    )
    for spec in tools:
        server.add_strict_tool(
            spec.fn, name=spec.name, description=spec.description,
            annotations=ToolAnnotations(
                read_only_hint=not spec.writes, destructive_hint=False,
                idempotent_hint=spec.idempotent, open_world_hint=False,
            ),
        )
    register_resources(server, shared)
    register_prompts(server)
    log.info("plansat MCP server: %d tools%s", len(tools),
             " (read-only)" if config.read_only else "")
    return server


def serve(
    config: ServerConfig,
    transport: Literal["stdio", "http"] = "stdio",
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | Mapping[str, str] | None = None,
) -> None:
    """Run the server until it is stopped.

    Parameters
    ----------
    token
        HTTP: the bearer token, or tokens mapped to their holders'
        identities (:func:`plansat.mcp.auth.parse_tokens`).

    Raises
    ------
    TokenRequiredError
        For HTTP on a non-loopback ``host`` without ``token``.
    """
    if transport == "http":
        check_binding(host, token)
    shared = config.shared()
    server = build_server(config, shared)
    if transport == "stdio":
        server.run("stdio")
        return
    import uvicorn

    app = server.streamable_http_app(
        host=host, stateless_http=True,
        max_request_body_size=config.limits.max_request_bytes)
    asgi = BearerAuth(app, token) if token else app
    log.info("plansat MCP server on http://%s:%d/mcp%s", host, port,
             " (bearer token required)" if token else "")
    with shared.held():  # one store (pool) for every request's session
        uvicorn.Server(uvicorn.Config(asgi, host=host, port=port,
                                      log_level="warning")).run()
