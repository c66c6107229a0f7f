"""The channels a dispatcher sends through, built from the store's
channel records and the secrets of the environment.

Secrets never enter the store: the SMTP password comes from
``$PLANSAT_SMTP_PASSWORD`` or a file (``--password-file``), a webhook's
signing secret from ``$PLANSAT_WEBHOOK_SECRET``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from plansat.notify.addresses import ChannelUrl, parse_channel
from plansat.notify.errors import DeliveryError
from plansat.notify.smtp import send_email
from plansat.notify.webhooks import post
from plansat.store import ChannelRecord, OutboxMessage

__all__ = ["PASSWORD_VAR", "SECRET_VAR", "Channel", "Secrets", "build"]

#: The environment variable with the SMTP password.
PASSWORD_VAR = "PLANSAT_SMTP_PASSWORD"
#: The environment variable with the webhooks' signing secret.
SECRET_VAR = "PLANSAT_WEBHOOK_SECRET"


@dataclass(frozen=True, repr=False)
class Secrets:
    """The SMTP password and the webhook signing secret (never shown in
    a ``repr``)."""

    smtp_password: str | None = None
    webhook_secret: str | None = None

    def __repr__(self) -> str:
        return "Secrets(...)"

    @classmethod
    def load(cls, password_file: Path | None = None,
             environ: Mapping[str, str] | None = None) -> Secrets:
        """From ``password_file`` (its first line) or the environment.

        Raises
        ------
        OSError
            When ``password_file`` can't be read.
        """
        env = os.environ if environ is None else environ
        password = env.get(PASSWORD_VAR)
        if password_file is not None:
            lines = password_file.read_text(encoding="utf-8").splitlines()
            password = lines[0] if lines else ""
        return cls(password, env.get(SECRET_VAR) or None)


@dataclass(frozen=True)
class Channel:
    """A usable channel: its name, URL and how it sends one message.

    ``send(message, timeout)`` raises
    :class:`~plansat.notify.errors.DeliveryError` when it fails.
    """

    name: str
    conf: ChannelUrl
    send: Callable[[OutboxMessage, float], None]


def build(record: ChannelRecord, secrets: Secrets) -> Channel:
    """The channel of ``record`` with its secret.

    Raises
    ------
    ChannelError
        When the stored URL is no longer valid.
    """
    conf = parse_channel(record.url)
    if conf.kind == "smtp":
        def send(message: OutboxMessage, timeout: float) -> None:
            send_email(conf, secrets.smtp_password, message, timeout)
    else:
        def send(message: OutboxMessage, timeout: float) -> None:
            post(conf, secrets.webhook_secret, message, timeout)
    return Channel(record.name, conf, send)


def missing(name: str) -> DeliveryError:
    """The error of a message whose channel was removed."""
    return DeliveryError(f"channel {name!r} is not configured (plansat "
                         "notify channel list)", permanent=False)
