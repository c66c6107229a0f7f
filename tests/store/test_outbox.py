"""The outbox as a dispatcher uses it: the schema 4 migration, queueing
with rate limits, claims, outcomes and channels."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from plansat.models import Project
from plansat.store import (
    NewMessage,
    NotFound,
    RateLimitError,
    RateLimits,
    Store,
    open_store,
)
from tests.store.test_migrations import connect, older_store

T0 = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)
LEASE = timedelta(minutes=5)


def msg(who: str = "bob", channel: str | None = "mail") -> NewMessage:
    return NewMessage(kind="status_update", recipient=who, subject="s",
                      body="b", channel=channel, address=f"{who}@x.org")


@pytest.fixture
def shop(store: Store, ecommerce: Project) -> str:
    return store.create_project(ecommerce, "shop").id


def test_messages_of_a_version_2_store_stay_held(
    tmp_path: Path, ecommerce: Project
) -> None:
    path = tmp_path / "v2.db"
    older_store(path, 2)
    conn = connect(path)
    stamp = "2025-06-01T09:00:00.000000+00:00"
    conn.execute("INSERT INTO projects (id, name, revision, created, "
                 "updated) VALUES ('shop', 'Shop', 1, ?, ?)", (stamp, stamp))
    for delivered in (0, 0, 1):
        conn.execute(
            "INSERT INTO outbox (project_id, created, kind, recipient, "
            "subject, body, delivered) VALUES ('shop', ?, 'alert', 'bob', "
            "'s', 'b', ?)", (stamp, delivered))
    conn.close()
    with Store.open(path) as store:
        rows = store.outbox()
        assert [m.status for m in rows] == ["held", "held", "delivered"]
        assert len({m.key for m in rows}) == 3
        assert all(len(m.key) == 32 for m in rows)
        # held messages are never claimed
        assert store.claim_message("w", T0, LEASE) is None


def test_add_message_is_held_and_queued_messages_pending(
    store: Store, shop: str
) -> None:
    held = store.add_message(shop, "alert", "bob", "s", "b")
    assert (held.status, held.channel, held.delivered) == (
        "held", "outbox", False)
    rows = store.queue_messages(shop, [msg(), msg(channel=None)])
    assert [(m.status, m.channel) for m in rows] == [
        ("pending", "mail"), ("held", "outbox")]
    assert len({held.key, *(m.key for m in rows)}) == 3


def test_a_claim_is_exclusive_until_its_lease_runs_out(
    store: Store, shop: str, address: str
) -> None:
    [m] = store.queue_messages(shop, [msg()])
    with open_store(address) as other:
        first = store.claim_message("a", T0, LEASE)
        assert first is not None and first.attempts == 1
        assert other.claim_message("b", T0, LEASE) is None
        assert not other.mark_delivered(m.id, "b", T0)
        late = other.claim_message("b", T0 + LEASE, LEASE)
        assert late is not None and late.attempts == 2
        assert late.key == first.key
        assert not store.mark_delivered(m.id, "a", T0)  # claim lost
        assert other.mark_delivered(m.id, "b", T0 + LEASE)
    [done] = store.outbox(ids=[m.id])
    assert (done.status, done.delivered, done.delivered_at) == (
        "delivered", True, T0 + LEASE)
    assert store.claim_message("c", T0 + 10 * LEASE, LEASE) is None


def test_a_failure_schedules_the_next_attempt_or_kills(
    store: Store, shop: str
) -> None:
    [m] = store.queue_messages(shop, [msg()])
    store.claim_message("a", T0, LEASE)
    assert store.mark_failed(m.id, "a", "boom", T0 + LEASE)
    assert store.claim_message("a", T0, LEASE) is None  # not due
    again = store.claim_message("a", T0 + LEASE, LEASE)
    assert again is not None and again.last_error == "boom"
    assert store.mark_failed(m.id, "a", "boom twice", None)
    [dead] = store.outbox(statuses=["dead"])
    assert (dead.attempts, dead.last_error, dead.next_attempt) == (
        2, "boom twice", None)


def test_rate_limits_per_recipient_and_store(
    store: Store, shop: str
) -> None:
    limits = RateLimits(per_recipient=2, per_store=4)
    store.queue_messages(shop, [msg(), msg()], limits)
    with pytest.raises(RateLimitError, match="bob may get 2 messages per "
                       "1:00:00; 2 already queued"):
        store.queue_messages(shop, [msg("alice"), msg()], limits)
    assert len(store.outbox()) == 2  # nothing of the refused batch
    store.queue_messages(shop, [msg("alice"), msg("alice")], limits)
    with pytest.raises(RateLimitError, match="the store may queue 4"):
        store.queue_messages(shop, [msg("carol")], limits)
    # held messages are not deliveries: not limited
    store.queue_messages(shop, [msg(channel=None)] * 5, limits)


def test_channels(store: Store, shop: str) -> None:
    store.add_channel("mail", "smtp://127.0.0.1:25", allow=["ops@x.org"])
    store.add_channel("hook", "webhook+https://x.org/h", project_id=shop)
    assert [c.name for c in store.list_channels()] == ["hook", "mail"]
    assert [c.name for c in store.list_channels("other")] == ["mail"]
    assert store.list_channels(shop)[1].allow == ["ops@x.org"]
    store.remove_channel("hook")
    with pytest.raises(NotFound, match="no channel 'hook'"):
        store.remove_channel("hook")
    with pytest.raises(NotFound, match="no project nope"):
        store.add_channel("x", "smtp://h", project_id="nope")
    store.delete_project(shop)
    assert [c.name for c in store.list_channels()] == ["mail"]


def test_a_snapshot_and_its_messages_commit_together(
    store: Store, shop: str, ecommerce: Project
) -> None:
    progressed = ecommerce.model_copy(update={"status_date": date(2025, 7,
                                                                   1)})
    snap = store.add_snapshot(shop, progressed, messages=[msg(), msg(
        "alice", None)])
    rows = store.outbox(shop)
    assert [(m.recipient, m.status) for m in rows] == [
        ("bob", "pending"), ("alice", "held")]
    assert rows[0].created == snap.created
    # a failing snapshot writes none of its messages
    with pytest.raises(NotFound):
        store.add_snapshot("nope", progressed, messages=[msg()])
    with pytest.raises(RuntimeError, match="rolled back"), store.atomic():
        store.add_snapshot(shop, progressed, messages=[msg("carol")])
        raise RuntimeError("rolled back")
    assert len(store.outbox()) == 2
    assert len(store.list_snapshots(shop)) == 1


def test_a_message_key_already_in_the_outbox_is_not_written_again(
    store: Store, shop: str, ecommerce: Project
) -> None:
    keyed = msg().model_copy(update={"key": "a" * 32})
    first = store.queue_messages(shop, [keyed])
    again = store.queue_messages(shop, [keyed, msg("alice")])
    assert [m.key for m in first] == ["a" * 32]
    assert [m.recipient for m in again] == ["alice"]
    progressed = ecommerce.model_copy(update={"status_date": date(2025, 7,
                                                                   1)})
    store.add_snapshot(shop, progressed, messages=[keyed])
    assert [m.recipient for m in store.outbox()] == ["bob", "alice"]


def test_the_rate_limits_are_the_stores_own(store: Store, shop: str,
                                            address: str) -> None:
    assert store.rate_limits() == RateLimits()  # 20, 500 per hour
    assert store.set_rate_limits(per_recipient=2) == RateLimits(
        2, 500, timedelta(hours=1))
    store.set_rate_limits(per_store=3, window=timedelta(minutes=10))
    with open_store(address) as again:  # kept in the store
        assert again.rate_limits() == RateLimits(2, 3, timedelta(
            minutes=10))
    store.queue_messages(shop, [msg(), msg()])  # the store's limits
    with pytest.raises(RateLimitError, match="bob may get 2 messages per "
                       "0:10:00"):
        store.queue_messages(shop, [msg()])
    with pytest.raises(RateLimitError, match="the store may queue 3"):
        store.queue_messages(shop, [msg("alice"), msg("carol")])
    assert len(store.outbox()) == 2


@pytest.mark.parametrize(("change", "message"), [
    ({"per_recipient": 0}, "at least 1 message"),
    ({"per_store": -5}, "at least 1 message"),
    ({"window": timedelta(0)}, "window must be positive"),
])
def test_bad_rate_limits(store: Store, change: dict[str, object],
                         message: str) -> None:
    with pytest.raises(ValueError, match=message):
        store.set_rate_limits(**change)  # type: ignore[arg-type]
    assert store.rate_limits() == RateLimits()
