"""Delivery of the outbox: e-mail (SMTP), chat and generic webhooks,
and iCalendar files, through a transactional outbox.

- :mod:`plansat.notify.addresses`: channel URLs, who may be addressed;
- :mod:`plansat.notify.status_messages`: status updates, milestones,
  alerts and custom messages (facts and text);
  :mod:`plansat.notify.sources`: their facts from the store;
  :mod:`plansat.notify.outgoing`: render, route, queue, deliver;
- :mod:`plansat.notify.compose`: what changed, per person; HTML tables;
- :mod:`plansat.notify.events`: what a progress update newly reveals;
- :mod:`plansat.notify.calendars`: assignments as iCalendar events;
- :mod:`plansat.notify.routing`: drafts to outbox rows per channel;
- :mod:`plansat.notify.smtp`, :mod:`plansat.notify.webhooks`: sending;
- :mod:`plansat.notify.dispatch`: the dispatcher (claims, retries, dead
  letters).

See docs/notifications.md.  Imports the store and the analysis, never
the command line or the MCP server.
"""

from plansat.notify.addresses import (
    ChannelError,
    RecipientError,
    parse_channel,
)
from plansat.notify.channels import Secrets
from plansat.notify.dispatch import Backoff, Dispatcher, DispatchReport
from plansat.notify.errors import DeliveryError

__all__ = [
    "Backoff",
    "ChannelError",
    "DeliveryError",
    "DispatchReport",
    "Dispatcher",
    "RecipientError",
    "Secrets",
    "parse_channel",
]
