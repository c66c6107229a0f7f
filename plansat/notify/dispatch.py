"""The dispatcher: claims due messages from the outbox, sends them and
records the outcome.

Guarantees (see docs/notifications.md):

- **at-least-once**: a message is marked delivered only after its
  channel accepted it; a dispatcher that dies in between leaves a claim
  whose lease runs out, and the next dispatcher sends the message again
  with the same idempotency key (``Message-ID``, ``Idempotency-Key``);
- **one sender at a time**: a claim is one conditional ``UPDATE`` in a
  ``BEGIN IMMEDIATE`` transaction, so two dispatchers on one store never
  hold the same message;
- **nothing dropped**: a failed attempt is retried after an exponential
  back-off with a cap (:class:`Backoff`); after ``max_attempts``, or at
  once for a permanent failure, the message is ``dead`` and listed by
  ``plansat notify list --failed``.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from plansat.notify.addresses import ChannelError
from plansat.notify.channels import Channel, Secrets, build, missing
from plansat.notify.errors import DeliveryError
from plansat.store import OutboxMessage, ProjectStore

__all__ = ["Backoff", "DispatchReport", "Dispatcher", "utc_now"]

log = logging.getLogger(__name__)


def utc_now() -> datetime:
    """The current time, UTC (the dispatcher's default clock)."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class Backoff:
    """When to try again: ``base * 2 ** (attempts - 1)``, at most
    ``cap``; dead after ``max_attempts``."""

    base: timedelta = timedelta(seconds=30)
    cap: timedelta = timedelta(hours=1)
    max_attempts: int = 8

    def delay(self, attempts: int) -> timedelta:
        """The wait after the ``attempts``-th failed attempt."""
        return min(self.cap, self.base * 2 ** max(0, attempts - 1))


@dataclass
class DispatchReport:
    """What one pass did: message ids by outcome."""

    delivered: list[int] = field(default_factory=list)
    retrying: list[int] = field(default_factory=list)
    dead: list[int] = field(default_factory=list)
    lost: list[int] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Messages claimed in the pass."""
        return (len(self.delivered) + len(self.retrying) + len(self.dead)
                + len(self.lost))


def _worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


class Dispatcher:
    """Delivers the outbox of ``store``.

    Parameters
    ----------
    store
        The store (one per dispatcher; several may share the file).
    secrets
        The SMTP password and webhook secret.
    worker
        The name its claims carry (default: host, process, thread).
    backoff
        The retry policy.
    lease
        How long a claim holds before another dispatcher may take the
        message over (longer than ``timeout``).
    timeout
        Seconds a channel may take for one message.
    clock
        The current time (tests pass a fake one).
    """

    def __init__(
        self,
        store: ProjectStore,
        secrets: Secrets | None = None,
        *,
        worker: str | None = None,
        backoff: Backoff | None = None,
        lease: timedelta = timedelta(minutes=5),
        timeout: float = 10.0,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.store = store
        self.secrets = secrets or Secrets.load()
        self.worker = worker or _worker_name()
        self.backoff = backoff or Backoff()
        self.lease = lease
        self.timeout = timeout
        self.clock = clock

    def _channels(self) -> dict[str, Channel | ChannelError]:
        out: dict[str, Channel | ChannelError] = {}
        for record in self.store.list_channels():
            try:
                out[record.name] = build(record, self.secrets)
            except ChannelError as exc:
                out[record.name] = exc
        return out

    def run_once(self, ids: Sequence[int] | None = None,
                 limit: int | None = None) -> DispatchReport:
        """Deliver every due message (of ``ids`` when given; at most
        ``limit``) once, and return what happened."""
        channels = self._channels()
        report = DispatchReport()
        while limit is None or report.total < limit:
            message = self.store.claim_message(
                self.worker, self.clock(), self.lease, ids)
            if message is None:
                break
            self._deliver(message, channels.get(message.channel), report)
        return report

    def _deliver(self, message: OutboxMessage,
                 channel: Channel | ChannelError | None,
                 report: DispatchReport) -> None:
        try:
            if channel is None:
                raise missing(message.channel)
            if isinstance(channel, ChannelError):
                raise DeliveryError(f"channel {message.channel!r}: "
                                    f"{channel}", permanent=False)
            channel.send(message, self.timeout)
        except DeliveryError as exc:
            self._failed(message, exc, report)
            return
        if self.store.mark_delivered(message.id, self.worker, self.clock()):
            log.info("delivered message %d (%s) to %s on %s", message.id,
                     message.key, message.recipient, message.channel)
            report.delivered.append(message.id)
        else:
            log.warning("message %d: claim lost before marking it "
                        "delivered", message.id)
            report.lost.append(message.id)

    def _failed(self, message: OutboxMessage, exc: DeliveryError,
                report: DispatchReport) -> None:
        dead = exc.permanent or message.attempts >= self.backoff.max_attempts
        retry = None if dead else self.clock() + self.backoff.delay(
            message.attempts)
        error = f"attempt {message.attempts}: {exc}"
        if not self.store.mark_failed(message.id, self.worker, error, retry):
            report.lost.append(message.id)
            return
        log.warning("message %d to %s on %s: %s%s", message.id,
                    message.recipient, message.channel, error,
                    " (dead)" if dead else f" (again at {retry})")
        (report.dead if dead else report.retrying).append(message.id)

    def watch(self, interval: float, stop: threading.Event,
              rounds: int | None = None) -> DispatchReport:
        """Run passes every ``interval`` seconds until ``stop`` is set
        (or after ``rounds`` passes); returns the sum of the passes."""
        total = DispatchReport()
        done = 0
        while not stop.is_set() and (rounds is None or done < rounds):
            one = self.run_once()
            for name in ("delivered", "retrying", "dead", "lost"):
                getattr(total, name).extend(getattr(one, name))
            done += 1
            if rounds is not None and done >= rounds:
                break
            stop.wait(interval)
        return total
