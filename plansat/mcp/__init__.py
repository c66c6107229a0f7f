"""The plansat MCP server: every plansat capability for AI assistants,
over the project store (``pip install 'plansat[mcp]'``; ``plansat
mcp``).

- :mod:`plansat.mcp.server`: :func:`~plansat.mcp.server.build_server`
  and :func:`~plansat.mcp.server.serve`;
- :mod:`plansat.mcp.standard_tools`: the six tools of the common
  project-management server (same names, parameters and defaults);
- :mod:`plansat.mcp.stored_tools`: the store and the further analyses;
- :mod:`plansat.mcp.schemas`, :mod:`plansat.mcp.stored_schemas`: what the
  tools return;
- :mod:`plansat.mcp.resources`, :mod:`plansat.mcp.prompts`;
- :mod:`plansat.mcp.limits`, :mod:`plansat.mcp.auth`: safety.

Importing this package doesn't import the MCP SDK; its modules do
(except ``limits`` and ``auth``).  See docs/mcp.md.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__all__ = ["ServerConfig", "build_server", "serve"]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(
            f"module 'plansat.mcp' has no attribute {name!r}")
    value = getattr(importlib.import_module("plansat.mcp.server"), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from plansat.mcp.server import ServerConfig, build_server, serve
