"""Real servers on loopback for the delivery tests: an SMTP server
(aiosmtpd) whose answers a test scripts, raw TCP servers that drop the
connection or never answer, and an HTTP receiver (``http.server`` in a
thread) that records every request.  Plus a store holding the small
project (people with e-mail addresses) and its checked plan.

The small project (tests/conftest.py): Mon 2025-06-02 start, holiday
Mon 06-09.  A (3 days) needs backend >= 3: only alice; B (2 days) needs
frontend >= 4: only bob; so A is 06-02..06-04 with alice, B 06-05..06-06
with bob, M on Tue 06-10 (after the holiday).
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

import plansat
from plansat.check import violations
from plansat.models import Project, Result
from plansat.store import Store
from tests.conftest import small_project

EMAILS = {"alice": "alice@example.com", "bob": "Bob@Example.com"}


def team_project(**overrides: Any) -> Project:
    """The small project with e-mail addresses and names."""
    data = small_project(**overrides)
    for p in data["people"]:
        p["email"] = EMAILS[p["id"]]
        p["name"] = p["id"].title()
    return Project.model_validate(data)


def solved(project: Project) -> Result:
    """A real solve of ``project``, checked by the independent checker."""
    result = plansat.solve(project, time_limit=5, workers=1)
    assert result.status.has_solution, result.explanation
    assert violations(project, result) == []
    return result


@pytest.fixture
def team() -> Project:
    return team_project()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "plansat.db") as st:
        yield st


@pytest.fixture
def shop(store: Store, team: Project) -> str:
    """The project stored as ``shop`` with its plan saved."""
    store.create_project(team, "shop")
    store.save_plan("shop", solved(team))
    return "shop"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


# -- SMTP ------------------------------------------------------------------


@dataclass
class Mailbox:
    """What the SMTP server received, and its scripted answers (``None``:
    accept; a string: that SMTP reply) for the next messages."""

    messages: list[EmailMessage] = field(default_factory=list)
    script: list[str | None] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any,  # noqa: N802
                          envelope: Any) -> str:
        answer = self.script.pop(0) if self.script else None
        if answer is not None:
            return answer
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        return "250 OK"

    def ids(self) -> list[str]:
        return [str(m["Message-ID"]) for m in self.messages]


@dataclass
class SmtpServer:
    port: int
    mailbox: Mailbox

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}?from=pm@example.com"


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """aiosmtpd on 127.0.0.1; login accepted as pm / s3cret (without
    TLS, loopback only)."""
    box = Mailbox()

    def check(server: Any, session: Any, envelope: Any, mechanism: str,
              data: Any) -> Any:
        from aiosmtpd.smtp import AuthResult, LoginPassword

        ok = (isinstance(data, LoginPassword)
              and (data.login, data.password) == (b"pm", b"s3cret"))
        if ok:
            box.logins.append((data.login.decode(), mechanism))
        return AuthResult(success=ok)

    port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port,
                            authenticator=check, auth_require_tls=False)
    controller.start()
    try:
        yield SmtpServer(port, box)
    finally:
        controller.stop()


class RawServer:
    """A TCP server on loopback that accepts and then either closes the
    connection at once (``drop``) or says nothing until stopped."""

    def __init__(self, drop: bool) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.sock.getsockname()[1])
        self.drop = drop
        self.accepted = 0
        self.held: list[socket.socket] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            if self.drop:
                conn.close()
            else:
                self.held.append(conn)

    def close(self) -> None:
        self.sock.close()
        for conn in self.held:
            conn.close()


@pytest.fixture
def raw_server() -> Iterator[Callable[[bool], RawServer]]:
    made: list[RawServer] = []

    def make(drop: bool) -> RawServer:
        made.append(RawServer(drop))
        return made[-1]

    yield make
    for server in made:
        server.close()


# -- HTTP ------------------------------------------------------------------


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Receiver:
    """The requests received, and the scripted answers: a status code,
    or ``"slow"`` (answer after :attr:`delay` seconds)."""

    port: int
    requests: list[Received] = field(default_factory=list)
    script: list[int | str] = field(default_factory=list)
    delay: float = 0.6
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str = "/hook", fmt: str = "json") -> str:
        return f"webhook+http://127.0.0.1:{self.port}{path}?format={fmt}"

    def keys(self) -> list[str]:
        return [r.headers["Idempotency-Key"] for r in self.requests]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    rec = Receiver(0)
    stop = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            with rec.lock:
                answer = rec.script.pop(0) if rec.script else 200
            if answer == "slow":
                stop.wait(rec.delay)
                answer = 200
            if answer == 200:
                with rec.lock:
                    rec.requests.append(Received(
                        self.path, dict(self.headers.items()), body))
            self.send_response(int(answer))
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    rec.port = int(server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield rec
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
