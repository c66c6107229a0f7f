"""E-mail over SMTP with the standard library.

The message has a plain-text body, an HTML alternative when the outbox
row has one, and the iCalendar attachment (``plan.ics``) when it has
one; its ``Message-ID`` is built from the idempotency key, so a message
sent twice (a dispatcher died between sending and marking) is the same
message to every mail client and de-duplicating filter.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import format_datetime

from plansat.notify.addresses import ChannelUrl
from plansat.notify.errors import DeliveryError
from plansat.store import OutboxMessage

__all__ = ["build_email", "message_id", "send_email"]


def message_id(key: str) -> str:
    """The ``Message-ID`` of the message with idempotency key ``key``."""
    return f"<{key}@plansat>"


def build_email(message: OutboxMessage, sender: str) -> EmailMessage:
    """The e-mail of an outbox message, from ``sender``."""
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = message.address
    mail["Subject"] = message.subject
    mail["Date"] = format_datetime(message.created)
    mail["Message-ID"] = message_id(message.key)
    mail["X-Plansat-Project"] = message.project_id
    mail["X-Plansat-Kind"] = message.kind
    mail.set_content(message.body)
    if message.html:
        mail.add_alternative(message.html, subtype="html")
    if message.ics:
        mail.add_attachment(message.ics, subtype="calendar",
                            filename="plan.ics",
                            params={"method": "PUBLISH"})
    return mail


def _port(conf: ChannelUrl) -> int:
    if conf.port:
        return conf.port
    return 465 if conf.ssl else 587 if conf.starttls else 25


def send_email(conf: ChannelUrl, password: str | None,
               message: OutboxMessage, timeout: float) -> None:
    """Send ``message`` through the server of ``conf``.

    Raises
    ------
    DeliveryError
        Permanent for a 5xx answer or a login without a password;
        transient for 4xx answers, refused or dropped connections and
        timeouts.
    """
    if conf.user and password is None:
        raise DeliveryError(
            f"{conf.url}: login as {conf.user} needs "
            "$PLANSAT_SMTP_PASSWORD or --password-file", permanent=False)
    if not message.address:
        raise DeliveryError("no e-mail address", permanent=True)
    mail = build_email(message, conf.sender)
    context = ssl.create_default_context()
    try:
        server = (smtplib.SMTP_SSL(conf.host, _port(conf), timeout=timeout,
                                   context=context)
                  if conf.ssl else
                  smtplib.SMTP(conf.host, _port(conf), timeout=timeout))
        with server:
            if conf.starttls:
                server.starttls(context=context)
            if conf.user and password is not None:
                server.login(conf.user, password)
            server.send_message(mail)
    except smtplib.SMTPResponseException as exc:
        text = exc.smtp_error.decode("utf-8", "replace") if isinstance(
            exc.smtp_error, bytes) else str(exc.smtp_error)
        raise DeliveryError(f"SMTP {exc.smtp_code} {text}",
                            permanent=exc.smtp_code >= 500) from None
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _ in exc.recipients.values()]
        raise DeliveryError(f"recipient refused: {exc.recipients}",
                            permanent=all(c >= 500 for c in codes)) from None
    except (smtplib.SMTPException, OSError) as exc:
        raise DeliveryError(f"{type(exc).__name__}: {exc}",
                            permanent=False) from None
