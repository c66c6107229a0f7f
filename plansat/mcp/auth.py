"""A bearer token for the HTTP transport.

``plansat mcp --transport http`` binds to 127.0.0.1 by default; binding
to any other address (reachable from other machines) requires
``--token``.  :class:`BearerAuth` wraps the SDK's ASGI application and
checks ``Authorization: Bearer <token>`` on every request (in
constant time); an HTTP request without a right token gets ``401``
and never reaches the MCP session.  Only the server's lifespan events
pass without one.

Several tokens may be given, each with the identity of its holder
(``--token ann=TOKEN``, :func:`parse_tokens`): the identity goes into
the request's ASGI scope (:data:`IDENTITY`) and the server records it
as the author of every revision the request writes.

A plain ASGI middleware: it imports neither Starlette nor the MCP SDK.
"""

from __future__ import annotations

import hmac
import json
import logging
import re
from collections.abc import (
    Awaitable,
    Callable,
    Mapping,
    MutableMapping,
    Sequence,
)
from typing import Any

from plansat.notify.addresses import is_loopback

__all__ = [
    "IDENTITY",
    "BearerAuth",
    "TokenRequiredError",
    "check_binding",
    "parse_tokens",
]

#: The ASGI scope key holding the identity of the request's token.
IDENTITY = "plansat.identity"

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


class TokenRequiredError(ValueError):
    """The HTTP server would be reachable from other machines without a
    token."""


def check_binding(
    host: str, token: str | Mapping[str, str] | None
) -> None:
    """Refuse to serve on a non-loopback ``host`` without a token.

    Raises
    ------
    TokenRequiredError
        When ``host`` is not a loopback address and ``token`` is empty
        (no token, or no tokens).
    """
    if not is_loopback(host) and not token:
        raise TokenRequiredError(
            f"--host {host} makes the server reachable from other "
            "machines: give --token (or $PLANSAT_MCP_TOKEN) too"
        )


def parse_tokens(values: Sequence[str]) -> dict[str, str]:
    """Tokens with the identities of their holders: ``NAME=TOKEN``, or a
    bare ``TOKEN`` (identity ``""``; so is a token whose only ``=`` are
    its base64 padding, ``c2VjcmV0==``).

    Raises
    ------
    ValueError
        For an empty token, or one token given twice.

    Examples
    --------
    >>> parse_tokens(["ann=t0k3n", "s3cret"])
    {'t0k3n': 'ann', 's3cret': ''}
    """
    tokens: dict[str, str] = {}
    for value in values:
        name, sep, token = value.partition("=")
        if not sep or not token.strip("=") or not _NAME.fullmatch(name):
            name, token = "", value
        if not token:
            raise ValueError("a bearer token can't be empty")
        if token in tokens:
            raise ValueError(f"the token of {name or 'a holder'} is "
                             "given twice")
        tokens[token] = name
    return tokens


_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,99}")


class BearerAuth:
    """ASGI middleware: HTTP requests need ``Authorization: Bearer
    <token>``.

    Parameters
    ----------
    app
        The ASGI application to protect.
    tokens
        The expected token (non-empty), or tokens mapped to the
        identities of their holders (see :func:`parse_tokens`).
    """

    def __init__(self, app: App, tokens: str | Mapping[str, str]) -> None:
        known = {tokens: ""} if isinstance(tokens, str) else dict(tokens)
        if not known or not all(known):
            raise ValueError("the bearer token can't be empty")
        self.app = app
        self._tokens = [(t.encode(), who) for t, who in known.items()]

    def _identity(self, scope: Scope) -> str | None:
        """The identity of the request's token (``None``: no right
        token).  Every token is compared, in constant time each."""
        for name, value in scope.get("headers") or []:
            if name.lower() != b"authorization":
                continue
            scheme, _, given = bytes(value).partition(b" ")
            if scheme.lower() != b"bearer":
                return None
            found = None
            for token, who in self._tokens:
                if hmac.compare_digest(given.strip(), token):
                    found = who
            return found
        return None

    async def __call__(self, scope: Scope, receive: Receive,
                       send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.app(scope, receive, send)
            return
        who = self._identity(scope)
        if who is not None:
            scope[IDENTITY] = who
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
