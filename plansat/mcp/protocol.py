"""The MCP server class of plansat: the SDK's, strict about its input.

- **Arguments**: a tool call naming an argument the tool doesn't have
  (``optimisation_focus`` for ``optimization_focus``) is refused with the
  names it takes, instead of running with the default; the tools' input
  schemas say ``additionalProperties: false``.
- **stdio**: a line that is not a JSON-RPC message gets a JSON-RPC
  parse error (-32700, id null) back, instead of no reply at all (the
  client would wait for its timeout).
"""

from __future__ import annotations

import difflib
import inspect
import logging
from collections.abc import Callable
from typing import Any

import anyio
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.server.stdio import stdio_server
from mcp.shared.message import SessionMessage
from mcp.types import PARSE_ERROR, ErrorData, JSONRPCError

__all__ = ["StrictServer", "parameters"]

log = logging.getLogger(__name__)


def parameters(fn: Callable[..., Any]) -> frozenset[str]:
    """The argument names a tool function takes (its context aside)."""
    return frozenset(
        name for name, p in inspect.signature(fn).parameters.items()
        if name != "ctx" and p.kind not in (p.VAR_POSITIONAL,
                                            p.VAR_KEYWORD))


class StrictServer(MCPServer[Any]):
    """:class:`mcp.server.mcpserver.MCPServer` refusing unknown tool
    arguments and answering unparsable stdio lines (see the module
    docs).  Register tools with :meth:`add_strict_tool`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.known: dict[str, frozenset[str]] = {}

    def add_strict_tool(self, fn: Callable[..., Any], name: str,
                        **kwargs: Any) -> None:
        """:meth:`add_tool`, remembering the arguments ``fn`` takes."""
        self.add_tool(fn, name=name, **kwargs)
        self.known[name] = parameters(fn)

    async def list_tools(self) -> list[Any]:
        """The tools, each input schema closed to other arguments."""
        tools = await super().list_tools()
        for tool in tools:
            if tool.name in self.known:
                tool.input_schema["additionalProperties"] = False
        return tools

    async def call_tool(
        self, name: str, arguments: dict[str, Any],
        context: Context[Any, Any] | None = None,
    ) -> Any:
        """Refuse an argument the tool doesn't take, then call it."""
        known = self.known.get(name)
        if known is not None:
            unknown = sorted(set(arguments) - known)
            if unknown:
                raise ToolError(_unknown(name, unknown, known))
        return await super().call_tool(name, arguments, context)

    async def run_stdio_async(self) -> None:
        """Serve over stdio, answering a line that doesn't parse."""
        async with stdio_server() as (read_stream, write_stream):
            send, receive = anyio.create_memory_object_stream[
                SessionMessage | Exception](0)

            async def sift() -> None:
                async with send:
                    async for item in read_stream:
                        if isinstance(item, Exception):
                            log.warning("unparsable stdio line: %s", item)
                            await write_stream.send(_parse_error(item))
                            continue
                        await send.send(item)

            async with anyio.create_task_group() as tg:
                tg.start_soon(sift)
                await self._lowlevel_server.run(
                    receive, write_stream,
                    self._lowlevel_server.create_initialization_options(),
                )


def _unknown(tool: str, unknown: list[str], known: frozenset[str]) -> str:
    """The message refusing ``unknown`` arguments of ``tool``."""
    parts = []
    for arg in unknown:
        near = difflib.get_close_matches(arg, sorted(known), n=1)
        parts.append(f"'{arg}'" + (f" (did you mean '{near[0]}'?)"
                                   if near else ""))
    return (f"{tool}: unknown argument(s) {', '.join(parts)}; it takes "
            f"{', '.join(sorted(known))}")


def _parse_error(exc: Exception) -> SessionMessage:
    first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return SessionMessage(JSONRPCError(
        jsonrpc="2.0", id=None,
        error=ErrorData(code=PARSE_ERROR,
                        message=f"Parse error: {first}")))
