"""Webhooks against a real HTTP receiver on loopback: the three payload
shapes, the idempotency and signature headers, 500s and timeouts
retried, 4xx dead; and two dispatchers racing on one store file."""

from __future__ import annotations

import hashlib
import hmac
import threading
from datetime import timedelta
from pathlib import Path

import pytest

from plansat.notify import Backoff, Dispatcher, Secrets
from plansat.store import NewMessage, Store
from tests.notify.conftest import Clock, Receiver

FAST = Backoff(base=timedelta(seconds=1), cap=timedelta(seconds=4),
               max_attempts=3)


def put(store: Store, pid: str, n: int = 1, who: str = "bob") -> list[int]:
    return [m.id for m in store.queue_messages(pid, [
        NewMessage(kind="status_update", recipient=who,
                   subject=f"[Small] update {i}", body=f"line\nnumber {i}",
                   channel="hook") for i in range(n)])]


def test_json_payload_and_headers(
    store: Store, shop: str, receiver: Receiver, clock: Clock
) -> None:
    store.add_channel("hook", receiver.url())
    [mid] = put(store, shop)
    secrets = Secrets(webhook_secret="k3y")
    assert Dispatcher(store, secrets, clock=clock).run_once().delivered \
        == [mid]
    [req] = receiver.requests
    [row] = store.outbox(ids=[mid])
    assert req.path == "/hook?format=json"
    assert req.headers["Idempotency-Key"] == row.key
    assert req.headers["Content-Type"] == "application/json"
    expected = hmac.new(b"k3y", req.body, hashlib.sha256).hexdigest()
    assert req.headers["X-Plansat-Signature"] == f"sha256={expected}"
    assert req.json == {
        "id": row.key, "project_id": "shop", "kind": "status_update",
        "recipient": "bob", "subject": "[Small] update 0",
        "body": "line\nnumber 0", "created": row.created.isoformat()}


def test_no_secret_no_signature(
    store: Store, shop: str, receiver: Receiver, clock: Clock
) -> None:
    store.add_channel("hook", receiver.url())
    put(store, shop)
    Dispatcher(store, Secrets(), clock=clock).run_once()
    assert "X-Plansat-Signature" not in receiver.requests[0].headers


@pytest.mark.parametrize(("fmt", "payload"), [
    ("slack", {"text": "*[Small] update 0*\n\nline\nnumber 0"}),
    ("teams", {"@type": "MessageCard",
               "@context": "https://schema.org/extensions",
               "summary": "[Small] update 0", "title": "[Small] update 0",
               "text": "line  \nnumber 0"}),
])
def test_chat_payload_shapes(
    store: Store, shop: str, receiver: Receiver, clock: Clock, fmt: str,
    payload: dict[str, str],
) -> None:
    store.add_channel("hook", receiver.url(fmt=fmt))
    put(store, shop)
    Dispatcher(store, Secrets(), clock=clock).run_once()
    assert receiver.requests[0].json == payload


def test_a_500_is_retried_with_the_same_key(
    store: Store, shop: str, receiver: Receiver, clock: Clock
) -> None:
    store.add_channel("hook", receiver.url())
    receiver.script = [500, 503]
    [mid] = put(store, shop)
    d = Dispatcher(store, Secrets(), clock=clock, backoff=FAST)
    assert d.run_once().retrying == [mid]
    clock.advance(seconds=1)
    assert d.run_once().retrying == [mid]
    [row] = store.outbox(ids=[mid])
    assert row.last_error == "attempt 2: HTTP 503 Service Unavailable"
    assert row.next_attempt == clock.now + timedelta(seconds=2)
    clock.advance(seconds=2)
    assert d.run_once().delivered == [mid]
    assert receiver.keys() == [row.key]


def test_a_timeout_is_retried_and_the_receiver_dedupes_by_key(
    store: Store, shop: str, receiver: Receiver, clock: Clock
) -> None:
    store.add_channel("hook", receiver.url())
    receiver.script = ["slow"]
    receiver.delay = 0.5
    [mid] = put(store, shop)
    d = Dispatcher(store, Secrets(), clock=clock, backoff=FAST,
                   timeout=0.2)
    assert d.run_once().retrying == [mid]
    [row] = store.outbox(ids=[mid])
    assert "timed out" in row.last_error
    clock.advance(seconds=1)
    assert d.run_once().delivered == [mid]
    # the slow answer arrived too: two requests, one key
    threading.Event().wait(0.4)
    assert set(receiver.keys()) == {row.key}


@pytest.mark.parametrize("code", [400, 404, 410])
def test_a_4xx_is_a_dead_letter(
    store: Store, shop: str, receiver: Receiver, clock: Clock, code: int
) -> None:
    store.add_channel("hook", receiver.url())
    receiver.script = [code]
    [mid] = put(store, shop)
    report = Dispatcher(store, Secrets(), clock=clock,
                        backoff=FAST).run_once()
    assert report.dead == [mid]
    [row] = store.outbox(statuses=["dead"])
    assert row.last_error.startswith(f"attempt 1: HTTP {code}")


def test_a_removed_channel_keeps_the_message_and_says_why(
    store: Store, shop: str, receiver: Receiver, clock: Clock
) -> None:
    store.add_channel("hook", receiver.url())
    [mid] = put(store, shop)
    store.remove_channel("hook")
    Dispatcher(store, Secrets(), clock=clock, backoff=FAST).run_once()
    [row] = store.outbox(ids=[mid])
    assert row.status == "pending"
    assert "channel 'hook' is not configured" in row.last_error


def test_two_dispatchers_racing_deliver_each_message_once(
    tmp_path: Path, shop: str, store: Store, receiver: Receiver
) -> None:
    store.add_channel("hook", receiver.url())
    ids = put(store, shop, 20) + put(store, shop, 20, who="alice")
    reports = []

    def run(name: str) -> None:
        with Store.open(store.path) as own:
            reports.append(Dispatcher(own, Secrets(), worker=name,
                                      timeout=5).run_once())

    threads = [threading.Thread(target=run, args=(n,)) for n in "ab"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    keys = receiver.keys()
    assert len(keys) == len(set(keys)) == len(ids) == 40
    delivered = sorted(i for r in reports for i in r.delivered)
    assert delivered == sorted(ids)
    assert {m.status for m in store.outbox()} == {"delivered"}


def test_watch_delivers_what_becomes_due(
    store: Store, shop: str, receiver: Receiver, clock: Clock
) -> None:
    store.add_channel("hook", receiver.url())
    receiver.script = [500]
    [mid] = put(store, shop)
    d = Dispatcher(store, Secrets(), clock=clock, backoff=FAST)
    stop = threading.Event()
    first = d.watch(0.01, stop, rounds=1)
    assert first.retrying == [mid]
    clock.advance(seconds=1)
    second = d.watch(0.01, stop, rounds=2)
    assert second.delivered == [mid] and second.total == 1
    stop.set()
    assert d.watch(0.01, stop).total == 0  # stopped: no pass
