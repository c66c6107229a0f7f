"""A bearer token for the HTTP transport.

``plansat mcp --transport http`` binds to 127.0.0.1 by default; binding
to any other address (reachable from other machines) requires
``--token``.  :class:`BearerAuth` wraps the SDK's ASGI application and
checks ``Authorization: Bearer <token>`` on every request (in
constant time); an HTTP request without the right token gets ``401``
and never reaches the MCP session.  Only the server's lifespan events
pass without one.

A plain ASGI middleware: it imports neither Starlette nor the MCP SDK.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

__all__ = ["BearerAuth", "TokenRequiredError", "check_binding", "is_loopback"]

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


class TokenRequiredError(ValueError):
    """The HTTP server would be reachable from other machines without a
    token."""


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine.

    Examples
    --------
    >>> is_loopback("127.0.0.1"), is_loopback("localhost")
    (True, True)
    >>> is_loopback("0.0.0.0"), is_loopback("::")
    (False, False)
    """
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything


def check_binding(host: str, token: str | None) -> None:
    """Refuse to serve on a non-loopback ``host`` without a token.

    Raises
    ------
    TokenRequiredError
        When ``host`` is not a loopback address and ``token`` is empty.
    """
    if not is_loopback(host) and not token:
        raise TokenRequiredError(
            f"--host {host} makes the server reachable from other "
            "machines: give --token (or $PLANSAT_MCP_TOKEN) too"
        )


class BearerAuth:
    """ASGI middleware: HTTP requests need ``Authorization: Bearer
    <token>``.

    Parameters
    ----------
    app
        The ASGI application to protect.
    token
        The expected token (non-empty).
    """

    def __init__(self, app: App, token: str) -> None:
        if not token:
            raise ValueError("the bearer token can't be empty")
        self.app = app
        self._token = token.encode()

    def _authorised(self, scope: Scope) -> bool:
        for name, value in scope.get("headers") or []:
            if name.lower() != b"authorization":
                continue
            scheme, _, given = bytes(value).partition(b" ")
            if scheme.lower() == b"bearer":
                return hmac.compare_digest(given.strip(), self._token)
        return False

    async def __call__(self, scope: Scope, receive: Receive,
                       send: Send) -> None:
        if scope["type"] == "lifespan" or self._authorised(scope):
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":  # a websocket: close it
            await send({"type": "websocket.close", "code": 1008})
            return
        client = scope.get("client") or ("?", 0)
        log.warning("refused an HTTP request from %s: missing or wrong "
                    "bearer token", client[0])
        body = json.dumps({"error": "unauthorized",
                           "message": "a valid bearer token is required"})
        await send({
            "type": "http.response.start",
            "status": 401,
            "headers": [
                (b"content-type", b"application/json"),
                (b"www-authenticate", b'Bearer realm="plansat"'),
            ],
        })
        await send({"type": "http.response.body", "body": body.encode()})
