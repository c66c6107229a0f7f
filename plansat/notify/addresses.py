"""Channel URLs and who may be addressed.

A channel URL names where messages go, never a secret:

- ``smtp://[user@]host[:port][?starttls=1&from=ADDRESS]`` and
  ``smtps://...`` (SSL from the first byte): e-mail;
- ``webhook+https://host/path[?format=json|slack|teams]``: a chat or
  generic webhook; ``webhook+http://`` only to a loopback host.

Recipients are the project's people, matched by id, name or e-mail
case-insensitively, or an address listed in a channel's ``allow`` list;
anything else is refused with :class:`RecipientError`.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from plansat.models import Person, Project

__all__ = [
    "FORMATS",
    "ChannelError",
    "ChannelUrl",
    "RecipientError",
    "Target",
    "is_loopback",
    "parse_channel",
    "resolve",
]

#: Payload shapes of a webhook.
FORMATS = ("json", "slack", "teams")

_SCHEMES = ("smtp", "smtps", "webhook+https", "webhook+http")


class ChannelError(ValueError):
    """A channel URL that plansat can't or won't use."""


class RecipientError(ValueError):
    """A recipient that is neither one of the project's people nor an
    address allowed by the store's channels."""


@dataclass(frozen=True)
class ChannelUrl:
    """A parsed channel URL.

    Attributes
    ----------
    kind
        ``"smtp"`` or ``"webhook"``.
    url
        The URL as stored (no secret in it).
    host, port
        Where to connect (``port`` 0: the scheme's default).
    user
        The SMTP login (``None``: no login).
    ssl, starttls
        SMTP over SSL from the start, or upgraded with STARTTLS.
    sender
        The SMTP ``From`` address.
    endpoint
        The webhook's URL as posted (``https://...`` or
        ``http://...``).
    format
        The webhook's payload shape (:data:`FORMATS`).
    """

    kind: str
    url: str
    host: str
    port: int = 0
    user: str | None = None
    ssl: bool = False
    starttls: bool = False
    sender: str = ""
    endpoint: str = ""
    format: str = "json"


def is_loopback(host: str) -> bool:
    """Whether ``host`` is ``localhost`` or a loopback IP address (a
    host name may resolve to anything, so it is not).

    Examples
    --------
    >>> is_loopback("127.0.0.1"), is_loopback("localhost")
    (True, True)
    >>> is_loopback("0.0.0.0"), is_loopback("::")
    (False, False)
    """
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False


def _flag(query: dict[str, list[str]], name: str) -> bool:
    value = query.get(name, ["0"])[-1].lower()
    if value not in ("0", "1", "true", "false", "yes", "no"):
        raise ChannelError(f"?{name}= must be 1 or 0, not {value!r}")
    return value in ("1", "true", "yes")


def parse_channel(url: str) -> ChannelUrl:
    """Check and parse a channel URL.

    Raises
    ------
    ChannelError
        For another scheme, a URL with a password in it (the password
        is not repeated in the message), plain HTTP to a host that is
        not loopback, or a bad option.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in _SCHEMES:
        raise ChannelError(
            f"channel URL scheme {scheme or '(none)'!r}: use smtp://, "
            "smtps://, webhook+https:// or webhook+http:// (loopback)")
    if parts.password is not None:
        raise ChannelError(
            "a channel URL must not hold a password: give it in "
            "$PLANSAT_SMTP_PASSWORD or --password-file")
    host = parts.hostname or ""
    if not host:
        raise ChannelError(f"channel URL {scheme}://... has no host")
    try:
        port = parts.port or 0
    except ValueError as exc:
        raise ChannelError(f"channel URL: {exc}") from None
    query = parse_qs(parts.query)
    if scheme.startswith("smtp"):
        sender = query.get("from", [f"plansat@{host}"])[-1]
        if "@" not in sender:
            raise ChannelError(f"?from= {sender!r} is no e-mail address")
        return ChannelUrl(
            "smtp", url, host, port, parts.username,
            ssl=scheme == "smtps", starttls=_flag(query, "starttls"),
            sender=sender)
    if scheme == "webhook+http" and not is_loopback(host):
        raise ChannelError(
            f"webhook+http:// only to a loopback host, not {host!r}: use "
            "webhook+https://")
    fmt = query.get("format", ["json"])[-1].lower()
    if fmt not in FORMATS:
        raise ChannelError(
            f"?format={fmt}: use one of {', '.join(FORMATS)}")
    endpoint = parts._replace(scheme=scheme.removeprefix("webhook+"))
    return ChannelUrl("webhook", url, host, port,
                      endpoint=endpoint.geturl(), format=fmt)


@dataclass(frozen=True)
class Target:
    """A resolved recipient: the person (``None``: an allowed address)
    and the e-mail address (empty when the person has none)."""

    key: str
    person: Person | None
    email: str


def _person_index(project: Project) -> dict[str, Person]:
    index: dict[str, Person] = {}
    for p in project.people:
        for label in (p.id, p.name, p.email):
            if label:
                index.setdefault(label.casefold(), p)
    return index


def resolve(
    project: Project, names: Sequence[str], allowed: Iterable[str]
) -> list[Target]:
    """The recipients named by ``names`` (default: every person), in
    order without repeats.

    Raises
    ------
    RecipientError
        Naming every recipient that is neither a person of the project
        (by id, name or e-mail, case-insensitively) nor in ``allowed``.
    """
    index = _person_index(project)
    extra = {a.casefold(): a for a in allowed}
    out: dict[str, Target] = {}
    bad = []
    for name in names or [p.id for p in project.people]:
        who = index.get(name.strip().casefold())
        if who is not None:
            out.setdefault(who.id, Target(who.id, who, who.email or ""))
        elif name.strip().casefold() in extra:
            address = extra[name.strip().casefold()]
            out.setdefault(address, Target(address, None, address))
        else:
            bad.append(name)
    if bad:
        raise RecipientError(
            f"recipients[{', '.join(repr(b) for b in bad)}]: not a person "
            f"of project {project.name!r} (by id, name or e-mail) nor an "
            "address allowed by a channel (plansat notify channel add "
            "--allow); plansat sends only to the team")
    return list(out.values())
