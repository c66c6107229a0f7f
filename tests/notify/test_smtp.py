"""E-mail through a real SMTP server on loopback (aiosmtpd): headers,
bodies, the calendar attachment; refusals, dropped connections and
timeouts retried, then delivered or dead; a restarted dispatcher sends
nothing twice."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import icalendar
import pytest

from plansat.models import Project
from plansat.notify import Backoff, Dispatcher, Secrets
from plansat.notify.compose import Draft, task_rows
from plansat.notify.routing import route, targets
from plansat.store import Store
from tests.notify.conftest import Clock, RawServer, SmtpServer

FAST = Backoff(base=timedelta(seconds=10), cap=timedelta(seconds=40),
               max_attempts=3)


def queue(store: Store, pid: str, names: list[str]) -> list[int]:
    """Status-style messages for ``names`` on the store's channels, with
    the plan's calendar attached."""
    record = store.get_project(pid)
    channels = store.list_channels(pid)
    who = targets(record.project, names, channels)
    plan = store.latest_plan(pid)
    assert plan is not None
    drafts = [Draft(t.key, "status_update", f"[Small] Hello {t.key}",
                    f"Hello {t.key},\n\nline one\nline two",
                    task_rows(record.project, plan.result, t.key))
              for t in who]
    routed = route(pid, record.project, drafts, channels, plan.result,
                   store.plan_count(pid))
    return [m.id for m in store.queue_messages(pid, routed.messages)]


def dispatcher(store: Store, clock: Clock, **kw: object) -> Dispatcher:
    return Dispatcher(store, Secrets(), backoff=FAST, timeout=0.3,
                      clock=clock, **kw)  # type: ignore[arg-type]


def test_a_message_arrives_with_its_headers_bodies_and_calendar(
    store: Store, shop: str, smtp_server: SmtpServer, clock: Clock
) -> None:
    store.add_channel("mail", smtp_server.url)
    [mid] = queue(store, shop, ["BOB"])
    report = dispatcher(store, clock).run_once()
    assert report.delivered == [mid]
    [mail] = smtp_server.mailbox.messages
    [row] = store.outbox(ids=[mid])
    assert row.status == "delivered" and row.delivered
    assert row.delivered_at == clock.now and row.attempts == 1
    assert mail["Message-ID"] == f"<{row.key}@plansat>"
    assert mail["To"] == "Bob@Example.com"
    assert mail["From"] == "pm@example.com"
    assert mail["Subject"] == "[Small] Hello bob"
    assert mail["X-Plansat-Project"] == "shop"
    text = mail.get_body(("plain",))
    html = mail.get_body(("html",))
    assert text is not None and html is not None
    plain = text.get_content().replace("\r\n", "\n")
    assert "line one\nline two" in plain
    # bob's one task B in the HTML table, dated 06-05 to 06-06
    assert ("<td>B</td><td>B</td><td>2025-06-05</td><td>2025-06-06</td>"
            in html.get_content())
    [part] = [p for p in mail.iter_attachments()]
    assert part.get_content_type() == "text/calendar"
    assert part.get_filename() == "plan.ics"
    cal = icalendar.Calendar.from_ical(part.get_content())
    [event] = cal.walk("VEVENT")
    assert str(event["UID"]) == "B.bob.shop@plansat"
    assert str(event["DTSTART"].dt) == "2025-06-05"
    assert str(event["DTEND"].dt) == "2025-06-07"  # exclusive end
    assert int(event["SEQUENCE"]) == 1  # one plan stored


def test_login_with_the_password_from_the_environment(
    store: Store, shop: str, smtp_server: SmtpServer, clock: Clock
) -> None:
    url = smtp_server.url.replace("smtp://", "smtp://pm@")
    store.add_channel("mail", url)
    [mid] = queue(store, shop, ["alice"])
    secrets = Secrets.load(environ={"PLANSAT_SMTP_PASSWORD": "s3cret"})
    report = Dispatcher(store, secrets, clock=clock, timeout=2).run_once()
    assert report.delivered == [mid]
    assert smtp_server.mailbox.logins and smtp_server.mailbox.logins[0][0] \
        == "pm"
    assert "s3cret" not in repr(secrets)


def test_a_login_without_a_password_waits_for_it(
    store: Store, shop: str, smtp_server: SmtpServer, clock: Clock
) -> None:
    store.add_channel("mail", smtp_server.url.replace("smtp://",
                                                      "smtp://pm@"))
    [mid] = queue(store, shop, ["alice"])
    d = Dispatcher(store, Secrets(), clock=clock, backoff=FAST)
    assert d.run_once().retrying == [mid]
    [row] = store.outbox(ids=[mid])
    assert "needs $PLANSAT_SMTP_PASSWORD" in row.last_error
    assert smtp_server.mailbox.messages == []
    clock.advance(seconds=10)
    secrets = Secrets.load(environ={"PLANSAT_SMTP_PASSWORD": "s3cret"})
    d = Dispatcher(store, secrets, clock=clock, backoff=FAST)
    assert d.run_once().delivered == [mid]


def test_a_temporary_refusal_is_retried_after_the_back_off(
    store: Store, shop: str, smtp_server: SmtpServer, clock: Clock
) -> None:
    store.add_channel("mail", smtp_server.url)
    smtp_server.mailbox.script = ["451 4.3.0 try again later"]
    [mid] = queue(store, shop, ["alice"])
    d = dispatcher(store, clock)
    assert d.run_once().retrying == [mid]
    [row] = store.outbox(ids=[mid])
    assert row.status == "pending" and "451" in row.last_error
    assert row.next_attempt == clock.now + timedelta(seconds=10)
    assert d.run_once().total == 0  # not due yet
    clock.advance(seconds=10)
    assert d.run_once().delivered == [mid]
    [row] = store.outbox(ids=[mid])
    assert row.attempts == 2 and row.status == "delivered"
    assert smtp_server.mailbox.ids() == [f"<{row.key}@plansat>"]


def test_a_permanent_refusal_is_a_dead_letter_at_once(
    store: Store, shop: str, smtp_server: SmtpServer, clock: Clock
) -> None:
    store.add_channel("mail", smtp_server.url)
    smtp_server.mailbox.script = ["550 5.1.1 no such user"]
    [mid] = queue(store, shop, ["alice"])
    assert dispatcher(store, clock).run_once().dead == [mid]
    [row] = store.outbox(statuses=["dead"])
    assert "550" in row.last_error and row.attempts == 1


@pytest.mark.parametrize("drop", [True, False], ids=["dropped", "silent"])
def test_dropped_and_silent_servers_end_as_dead_letters(
    store: Store, shop: str, clock: Clock, drop: bool,
    raw_server: Callable[[bool], RawServer],
) -> None:
    server = raw_server(drop)
    store.add_channel("mail", f"smtp://127.0.0.1:{server.port}")
    [mid] = queue(store, shop, ["alice"])
    d = dispatcher(store, clock)
    waits = []
    for _ in range(FAST.max_attempts):
        report = d.run_once()
        [row] = store.outbox(ids=[mid])
        waits.append(None if row.next_attempt is None
                     else row.next_attempt - clock.now)
        clock.advance(seconds=60)
    assert report.dead == [mid]
    # back-off 10 s, then 20 s, then dead after the third attempt
    assert waits == [timedelta(seconds=10), timedelta(seconds=20), None]
    [row] = store.outbox(ids=[mid])
    assert row.attempts == 3 and row.status == "dead"
    assert server.accepted == 3


def test_a_dead_server_that_comes_back_gets_the_message(
    store: Store, shop: str, smtp_server: SmtpServer, clock: Clock,
    raw_server: Callable[[bool], RawServer],
) -> None:
    down = raw_server(True)
    store.add_channel("mail", f"smtp://127.0.0.1:{down.port}")
    [mid] = queue(store, shop, ["alice"])
    d = dispatcher(store, clock)
    assert d.run_once().retrying == [mid]
    store.add_channel("mail", smtp_server.url)  # the server is back
    clock.advance(seconds=10)
    assert d.run_once().delivered == [mid]
    assert len(smtp_server.mailbox.messages) == 1


def test_a_restarted_dispatcher_sends_nothing_twice(
    store: Store, shop: str, smtp_server: SmtpServer, clock: Clock,
    team: Project,
) -> None:
    store.add_channel("mail", smtp_server.url)
    ids = queue(store, shop, ["alice", "bob"]) + queue(
        store, shop, ["alice", "bob"])
    first = dispatcher(store, clock, worker="one").run_once(limit=3)
    assert len(first.delivered) == 3  # then it "stops"
    second = dispatcher(store, clock, worker="two").run_once()
    assert len(second.delivered) == 1
    keys = smtp_server.mailbox.ids()
    assert len(keys) == len(set(keys)) == len(ids) == 4


def test_a_crash_between_sending_and_marking_resends_the_same_key(
    store: Store, shop: str, smtp_server: SmtpServer, clock: Clock
) -> None:
    store.add_channel("mail", smtp_server.url)
    [mid] = queue(store, shop, ["alice"])
    lease = timedelta(minutes=5)
    ghost = store.claim_message("ghost", clock.now, lease)
    assert ghost is not None and ghost.id == mid
    # the ghost sends, then dies before marking it delivered
    Dispatcher(store, Secrets(), clock=clock)._channels()["mail"].send(
        ghost, 2)  # type: ignore[union-attr]
    d = dispatcher(store, clock, worker="next")
    assert d.run_once().total == 0  # the lease still holds
    clock.advance(minutes=5)
    assert d.run_once().delivered == [mid]
    assert not store.mark_delivered(mid, "ghost", clock.now)
    ids = smtp_server.mailbox.ids()
    assert ids == [f"<{ghost.key}@plansat>"] * 2  # at least once, one key

