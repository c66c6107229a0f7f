"""Delivery from a store shared by several servers: dispatchers racing
on one PostgreSQL store (each its own store object, as two MCP servers
or two ``plansat notify send`` processes have) deliver every message
exactly once; the claims pick their rows ``FOR UPDATE SKIP LOCKED``."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from plansat.notify.dispatch import Dispatcher, Secrets
from plansat.store import NewMessage, ProjectStore, open_store
from plansat.store.postgres import PostgresStore
from tests.helpers.postgres import PostgresServer
from tests.notify.conftest import Receiver
from tests.notify.test_webhooks import put

T0 = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(postgres_server: PostgresServer) -> Iterator[ProjectStore]:
    """The notify tests' store, on PostgreSQL."""
    with open_store(postgres_server.fresh()) as st:
        yield st


def test_four_dispatchers_on_postgres_deliver_each_message_once(
    shop: str, store: PostgresStore, receiver: Receiver
) -> None:
    store.add_channel("hook", receiver.url())
    ids = put(store, shop, 20) + put(store, shop, 20, who="alice")  # type: ignore[arg-type]
    reports = []

    def run(name: str) -> None:
        with open_store(store.address) as own:
            reports.append(Dispatcher(own, Secrets(), worker=name,
                                      timeout=5).run_once())

    threads = [threading.Thread(target=run, args=(n,)) for n in "abcd"]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    keys = receiver.keys()
    assert len(keys) == len(set(keys)) == len(ids) == 40
    delivered = sorted(i for r in reports for i in r.delivered)
    assert delivered == sorted(ids)
    assert {m.status for m in store.outbox()} == {"delivered"}


def test_racing_claims_take_each_message_once(
    shop: str, store: PostgresStore
) -> None:
    """Six store objects claim at once until nothing is due: every
    message is claimed by exactly one of them."""
    queued = store.queue_messages(shop, [
        NewMessage(kind="status_update", recipient="bob", subject="s",
                   body=f"b{i}", channel="mail", address="bob@x.org")
        for i in range(18)])
    claims: dict[str, list[int]] = {}
    start = threading.Barrier(6)

    def claim(name: str) -> None:
        got: list[int] = []
        with open_store(store.address) as own:
            start.wait()
            while (m := own.claim_message(name, T0,
                                          timedelta(minutes=5))):
                got.append(m.id)
                assert own.mark_delivered(m.id, name, T0)
        claims[name] = got

    threads = [threading.Thread(target=claim, args=(f"w{k}",))
               for k in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    taken = sorted(i for got in claims.values() for i in got)
    assert taken == sorted(m.id for m in queued)
    assert all(m.attempts == 1 for m in store.outbox())
