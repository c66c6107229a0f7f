"""Per-token identities: ``--token NAME=TOKEN`` parsing and the identity
a request's token carries into the ASGI scope (the revisions written
under it: test_team_server.py)."""

from __future__ import annotations

from typing import Any

import anyio
import pytest

from plansat.mcp.auth import IDENTITY, BearerAuth, parse_tokens

BAD = [
    ([""], "can't be empty"),
    (["ann=x", "bob=x"], "given twice"),
]


@pytest.mark.parametrize(("values", "message"), BAD)
def test_bad_tokens_are_refused(values: list[str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_tokens(values)


def test_a_token_with_padding_is_a_bare_token() -> None:
    # base64 padding is no NAME=TOKEN: the name part would be the token
    assert parse_tokens(["c2VjcmV0=="]) == {"c2VjcmV0==": ""}
    assert parse_tokens(["ann="]) == {"ann=": ""}
    assert parse_tokens(["ann=a=b"]) == {"a=b": "ann"}


async def _asgi(auth: BearerAuth, header: bytes | None) -> tuple[int, Any]:
    seen: dict[str, Any] = {}

    async def app(scope: Any, receive: Any, send: Any) -> None:
        seen["identity"] = scope.get(IDENTITY)
        await send({"type": "http.response.start", "status": 200,
                    "headers": []})

    auth.app = app
    headers = [] if header is None else [(b"authorization", header)]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b""}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await auth({"type": "http", "headers": headers, "client": ("x", 1)},
               receive, send)
    return sent[0]["status"], seen.get("identity")


@pytest.mark.parametrize(("header", "status", "who"), [
    (b"Bearer ann-secret", 200, "ann"),
    (b"Bearer bob-secret", 200, "bob"),
    (b"Bearer plain", 200, ""),
    (b"Bearer nope", 401, None),
    (b"Basic ann-secret", 401, None),
    (None, 401, None),
])
def test_each_token_carries_its_holder(
    header: bytes | None, status: int, who: str | None
) -> None:
    tokens = parse_tokens(["ann=ann-secret", "bob=bob-secret", "plain"])
    auth = BearerAuth(lambda *a: None, tokens)  # type: ignore[arg-type]
    assert anyio.run(_asgi, auth, header) == (status, who)
