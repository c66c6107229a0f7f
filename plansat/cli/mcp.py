"""``plansat mcp``: run the MCP server for AI assistants.

Stdio by default (what an assistant's MCP configuration starts: nothing
but protocol on standard output, logs on standard error); ``--transport
http`` serves the SDK's streamable HTTP on ``http://HOST:PORT/mcp``,
127.0.0.1 unless ``--token`` is given.  The MCP SDK is imported when the
command runs, so the rest of the command line works without the ``mcp``
extra; without it the command prints one ``error:`` line and exits with
2.  A bad option, an unknown tool name or a store that can't be opened
also exit with 2 before anything is served.
"""

from __future__ import annotations

import importlib
import logging
import sys
from typing import Literal

import click

from plansat.cli.options import EXIT_BAD_INPUT, debug_option

__all__ = ["mcp_command", "parse_tools"]

log = logging.getLogger(__name__)

#: Where the install hint points.
INSTALL = "pip install 'plansat[mcp]'"


def _fail(message: str) -> click.exceptions.Exit:
    click.echo(f"error: {message}", err=True)
    return click.exceptions.Exit(EXIT_BAD_INPUT)


def parse_tools(text: str | None) -> tuple[str, ...] | None:
    """``--tools a,b`` as names (``None``: every tool).

    Examples
    --------
    >>> parse_tools("list_projects, get_project")
    ('list_projects', 'get_project')
    >>> parse_tools(None) is None
    True
    """
    if text is None:
        return None
    return tuple(name.strip() for name in text.split(",") if name.strip())


def _sdk_missing() -> str | None:
    """Why the MCP SDK can't be used, or ``None`` when it can."""
    try:
        importlib.import_module("mcp.server.mcpserver")
    except ImportError as exc:
        return (f"plansat mcp needs the MCP SDK 2.x ({exc.name or exc} "
                f"is missing): {INSTALL}")
    return None


def _needs_distributed() -> None:
    """Refuse ``--dask`` without Dask installed."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise ValueError("--dask needs Dask: pip install "
                         "'plansat[dask]'") from None


def _logging() -> None:
    """Logs on standard error (standard output carries the protocol)."""
    logging.basicConfig(
        stream=sys.stderr, level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


@click.command("mcp")
@click.option("--transport", type=click.Choice(["stdio", "http"]),
              default="stdio", show_default=True,
              help="stdio for an assistant's MCP configuration; http for "
                   "the SDK's streamable HTTP on http://HOST:PORT/mcp.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="HTTP address; anything but loopback needs --token.")
@click.option("--http", "http", is_flag=True,
              help="Short for --transport http.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000,
              show_default=True, help="HTTP port.")
@click.option("--store", "store_path", default=None, metavar="ADDRESS",
              help="The store: a SQLite file or postgresql://user@host/db "
                   "(default: $PLANSAT_STORE, else plansat.db in the "
                   "user's data directory).")
@click.option("--read-only", is_flag=True,
              help="Hide every tool that writes to the store.")
@click.option("--tools", "tools_text", default=None, metavar="A,B,...",
              help="Offer only these tools (comma-separated names).")
@click.option("--token", "tokens", multiple=True,
              envvar="PLANSAT_MCP_TOKEN", metavar="[NAME=]TOKEN",
              help="Bearer token every HTTP request must carry; repeat "
                   "for several holders, NAME=TOKEN recording NAME as the "
                   "author of what its requests write (default: "
                   "$PLANSAT_MCP_TOKEN, space-separated).")
@click.option("--dask", default=None, metavar="ADDRESS",
              help="Solve large projects on this Dask scheduler "
                   "(tcp://host:8786) instead of a local process pool.")
@click.option("--offload-tasks", type=click.IntRange(min=1), default=200,
              show_default=True, metavar="N",
              help="Solve projects of N tasks or more (and their Monte "
                   "Carlo runs) on the pool or the Dask cluster.")
@debug_option
def mcp_command(
    transport: Literal["stdio", "http"],
    http: bool,
    host: str,
    port: int,
    store_path: str | None,
    read_only: bool,
    tools_text: str | None,
    tokens: tuple[str, ...],
    dask: str | None,
    offload_tasks: int,
) -> None:
    """Serve plansat's tools, resources and prompts over MCP.

    \b
    Example (an assistant's MCP configuration runs this):
      plansat mcp --store ~/plans/plansat.db

    \b
    Limits (environment): PLANSAT_MCP_MAX_TASKS, PLANSAT_MCP_MAX_PEOPLE,
    PLANSAT_MCP_MAX_TIME_LIMIT, PLANSAT_MCP_MAX_REQUEST_BYTES;
    PLANSAT_MCP_WORKERS (CP-SAT workers per solve, 1: reproducible).
    """
    missing = _sdk_missing()
    if missing is not None:
        raise _fail(missing)
    from plansat.mcp.auth import (
        TokenRequiredError,
        check_binding,
        parse_tokens,
    )
    from plansat.mcp.limits import Limits
    from plansat.mcp.server import ServerConfig, select_tools, serve
    from plansat.store import StoreError, open_store

    allow = parse_tools(tools_text)
    transport = "http" if http else transport
    try:
        token = parse_tokens(tokens)
        config = ServerConfig(store=store_path, read_only=read_only,
                              tools=allow, limits=Limits.from_env(),
                              dask=dask, offload_tasks=offload_tasks)
        offered = select_tools(read_only, allow)
        if transport == "http":
            check_binding(host, token)
        open_store(store_path).close()  # refuse a bad store up front
        if dask is not None:
            _needs_distributed()
    except (ValueError, TokenRequiredError, StoreError) as exc:
        raise _fail(str(exc)) from None
    if not offered:
        raise _fail("no tools left to offer (check --tools and "
                    "--read-only)")
    _logging()
    if token and transport == "stdio":
        log.warning("--token applies to --transport http only; ignored")
    log.info("plansat mcp (%s): %s", transport,
             ", ".join(t.name for t in offered))
    serve(config, transport, host, port,
          token if transport == "http" and token else None)
