"""Chat and generic webhooks: a JSON POST per message.

Three payload shapes (``?format=`` of the channel URL):

- ``json``: the message's fields (``id`` = idempotency key, project,
  kind, recipient, subject, body, created);
- ``slack``: a Slack incoming webhook's ``{"text": ...}`` (mrkdwn);
- ``teams``: a Microsoft Teams incoming webhook's ``MessageCard``.

Every request carries the ``Idempotency-Key`` header; with a secret
(``$PLANSAT_WEBHOOK_SECRET``) also ``X-Plansat-Signature:
sha256=HEX``, the HMAC-SHA256 of the body, for the receiver to check.
Redirects are not followed (a 3xx is a failure): a message goes to the
configured URL or nowhere.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import urllib.error
import urllib.request
from typing import Any

from plansat.notify.addresses import ChannelUrl, is_loopback
from plansat.notify.errors import DeliveryError
from plansat.store import OutboxMessage

__all__ = ["SIGNATURE_HEADER", "payload", "post", "signature"]

#: The header that carries the body's HMAC.
SIGNATURE_HEADER = "X-Plansat-Signature"


def payload(message: OutboxMessage, fmt: str) -> dict[str, Any]:
    """The JSON body of ``message`` in the shape ``fmt``."""
    if fmt == "slack":
        return {"text": f"*{message.subject}*\n\n{message.body}"}
    if fmt == "teams":
        return {
            "@type": "MessageCard",
            "@context": "https://schema.org/extensions",
            "summary": message.subject,
            "title": message.subject,
            "text": message.body.replace("\n", "  \n"),
        }
    return {
        "id": message.key,
        "project_id": message.project_id,
        "kind": message.kind,
        "recipient": message.recipient,
        "subject": message.subject,
        "body": message.body,
        "created": message.created.isoformat(),
    }


def signature(secret: str, body: bytes) -> str:
    """``sha256=`` and the hex HMAC-SHA256 of ``body`` under ``secret``."""
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256)
    return f"sha256={digest.hexdigest()}"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _opener(conf: ChannelUrl) -> urllib.request.OpenerDirector:
    handlers: list[urllib.request.BaseHandler] = [_NoRedirect()]
    if is_loopback(conf.host):  # never through a proxy
        handlers.append(urllib.request.ProxyHandler({}))
    return urllib.request.build_opener(*handlers)


def post(conf: ChannelUrl, secret: str | None, message: OutboxMessage,
         timeout: float) -> None:
    """POST ``message`` to the webhook of ``conf``.

    Raises
    ------
    DeliveryError
        Permanent for a 3xx or 4xx answer (but 408 and 429); transient
        for 5xx, 408, 429, refused connections and timeouts.
    """
    body = json.dumps(payload(message, conf.format)).encode("utf-8")
    headers = {
        "Content-Type": "application/json",
        "Idempotency-Key": message.key,
        "User-Agent": "plansat-notify",
    }
    if secret:
        headers[SIGNATURE_HEADER] = signature(secret, body)
    request = urllib.request.Request(conf.endpoint, data=body,
                                     headers=headers, method="POST")
    try:
        with _opener(conf).open(request, timeout=timeout) as answer:
            answer.read()
    except urllib.error.HTTPError as exc:
        code = exc.code
        raise DeliveryError(
            f"HTTP {code} {exc.reason}",
            permanent=code < 500 and code not in (408, 429),
        ) from None
    except (urllib.error.URLError, OSError) as exc:
        raise DeliveryError(f"{type(exc).__name__}: {exc}",
                            permanent=False) from None
