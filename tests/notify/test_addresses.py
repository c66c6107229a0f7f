"""Channel URLs and who may be addressed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plansat.models import Project
from plansat.notify import ChannelError, RecipientError, parse_channel
from plansat.notify.addresses import is_loopback, resolve
from tests.notify.conftest import team_project


def test_smtp_urls() -> None:
    c = parse_channel("smtp://pm@mail.example.com:2525?starttls=1"
                      "&from=pm@example.com")
    assert (c.kind, c.host, c.port, c.user, c.starttls, c.ssl, c.sender) \
        == ("smtp", "mail.example.com", 2525, "pm", True, False,
            "pm@example.com")
    s = parse_channel("smtps://mail.example.com")
    assert (s.ssl, s.port, s.sender) == (True, 0,
                                         "plansat@mail.example.com")


@pytest.mark.parametrize(("url", "endpoint", "fmt"), [
    ("webhook+https://hooks.slack.com/services/T/B/X?format=slack",
     "https://hooks.slack.com/services/T/B/X?format=slack", "slack"),
    ("webhook+https://example.com/in", "https://example.com/in", "json"),
    ("webhook+http://127.0.0.1:9000/in?format=teams",
     "http://127.0.0.1:9000/in?format=teams", "teams"),
    ("webhook+http://localhost/in", "http://localhost/in", "json"),
    ("webhook+http://[::1]:80/in", "http://[::1]:80/in", "json"),
])
def test_webhook_urls(url: str, endpoint: str, fmt: str) -> None:
    c = parse_channel(url)
    assert (c.kind, c.endpoint, c.format) == ("webhook", endpoint, fmt)


@pytest.mark.parametrize(("url", "match"), [
    ("http://example.com/hook", "scheme 'http'"),
    ("mailto:bob@example.com", "scheme 'mailto'"),
    ("smtp://pm:hunter2@mail.example.com", "must not hold a password"),
    ("webhook+http://example.com/hook", "only to a loopback host"),
    ("webhook+http://10.0.0.1/hook", "only to a loopback host"),
    ("webhook+https://example.com/x?format=xml", r"\?format=xml"),
    ("smtp://mail.example.com?starttls=maybe", "must be 1 or 0"),
    ("smtp://mail.example.com?from=nobody", "no e-mail address"),
    ("smtp://mail.example.com:99999", "channel URL: Port"),
    ("smtp:///nohost", "has no host"),
])
def test_bad_channel_urls(url: str, match: str) -> None:
    with pytest.raises(ChannelError, match=match) as info:
        parse_channel(url)
    assert "hunter2" not in str(info.value)


@pytest.mark.parametrize(("host", "loop"), [
    ("127.0.0.1", True), ("127.8.9.1", True), ("::1", True),
    ("localhost", True), ("LOCALHOST", True), ("10.0.0.1", False),
    ("example.com", False), ("localhost.example.com", False),
])
def test_loopback(host: str, loop: bool) -> None:
    assert is_loopback(host) is loop


@pytest.mark.parametrize("name", [
    "bob", "BOB", "Bob", "bob@example.com", "  Bob@EXAMPLE.com "])
def test_people_by_id_name_or_email_any_case(name: str) -> None:
    [t] = resolve(team_project(), [name], [])
    assert (t.key, t.email) == ("bob", "Bob@Example.com")


def test_default_is_every_person_once() -> None:
    project = team_project()
    assert [t.key for t in resolve(project, [], [])] == ["alice", "bob"]
    assert [t.key for t in resolve(project, ["bob", "BOB", "Bob"], [])] \
        == ["bob"]


def test_allowed_addresses() -> None:
    [t] = resolve(team_project(), ["Sponsor@Example.org"],
                  ["sponsor@example.org"])
    assert (t.key, t.person, t.email) == (
        "sponsor@example.org", None, "sponsor@example.org")


@pytest.mark.parametrize("name", [
    "sponsor@example.org", "https://evil.example.com/hook", "carol",
    "everyone"])
def test_anyone_else_is_refused(name: str) -> None:
    with pytest.raises(RecipientError, match=r"plansat sends only to the "
                       "team") as info:
        resolve(team_project(), ["bob", name], ["ops@example.com"])
    assert repr(name) in str(info.value)


@given(st.lists(st.text(min_size=1, max_size=30), max_size=6))
def test_resolved_recipients_are_people_or_allowed(
    names: list[str],
) -> None:
    project: Project = team_project()
    allowed = ["ops@example.com"]
    labels = {x.casefold() for p in project.people
              for x in (p.id, p.name, p.email) if x} | {
        a.casefold() for a in allowed}
    if all(n.strip().casefold() in labels for n in names):
        found = resolve(project, names, allowed)
        assert {t.key for t in found} <= {"alice", "bob", *allowed}
    else:
        with pytest.raises(RecipientError):
            resolve(project, names, allowed)
