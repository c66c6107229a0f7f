"""The MCP side: ``send_notifications(deliver=True)`` answers what was
delivered where, re-plans queue what changed with the plan, a person's
calendar is a resource; through the SDK's own in-process client and a
real SMTP server on loopback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import icalendar
import pytest
from mcp import Client

from plansat.check import violations
from plansat.mcp.limits import Limits
from plansat.mcp.notify import notify
from plansat.mcp.runtime import AppState, Reporter
from plansat.mcp.server import ServerConfig, build_server
from plansat.models import Project
from plansat.store import Store
from tests.notify.conftest import SmtpServer, team_project

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def path(tmp_path: Path, smtp_server: SmtpServer) -> Path:
    """A store with the team project and an SMTP channel."""
    db = tmp_path / "plansat.db"
    with Store.open(db) as store:
        store.create_project(team_project(), "shop")
        store.add_channel("mail", smtp_server.url)
    return db


async def call(c: Client, tool: str, **args: Any) -> dict[str, Any]:
    result = await c.call_tool(tool, args)
    text = "\n".join(getattr(b, "text", "") for b in result.content)
    assert not result.is_error, text
    assert result.structured_content is not None
    out: dict[str, Any] = result.structured_content
    return out


def server(path: Path) -> Any:
    return build_server(ServerConfig(store=path,
                                     limits=Limits(max_time_limit=30)))


async def test_deliver_says_what_was_delivered_where(
    path: Path, smtp_server: SmtpServer
) -> None:
    async with Client(server(path)) as c:
        await call(c, "generate_timeline", project_id="shop")
        sent = await call(c, "send_notifications", project_id="shop",
                          notification_type="milestone",
                          recipients=["alice", "BOB@example.com"],
                          deliver=True)
        refused = await c.call_tool("send_notifications", {
            "project_id": "shop", "recipients": ["cfo@example.org"]})
    assert sent["delivered"] is True and sent["channel"] == "mail"
    got = {m["recipient"]: m for m in sent["messages"]}
    assert set(got) == {"alice", "bob"}
    for m in got.values():
        assert (m["status"], m["channel"], m["attempts"]) == (
            "delivered", "mail", 1)
        assert m["delivered_at"] is not None
    assert got["bob"]["address"] == "Bob@Example.com"
    assert "delivered to alice on mail, bob on mail" in sent["message"]
    assert "Next milestone" in got["bob"]["subject"]
    ids = sorted(str(m["Message-ID"]) for m in smtp_server.mailbox.messages)
    assert ids == sorted(f"<{m['key']}@plansat>" for m in got.values())
    assert refused.is_error
    assert "'cfo@example.org'" in refused.content[0].text  # type: ignore[union-attr]
    assert len(smtp_server.mailbox.messages) == 2


async def test_without_deliver_the_messages_wait_for_the_dispatcher(
    path: Path, smtp_server: SmtpServer
) -> None:
    async with Client(server(path)) as c:
        sent = await call(c, "send_notifications", project_id="shop",
                          notification_type="milestone",
                          recipients=["alice"])
    [m] = sent["messages"]
    assert (m["status"], m["delivered"], m["delivered_at"]) == (
        "pending", False, None)
    assert "queued for delivery" in sent["message"]
    assert smtp_server.mailbox.messages == []


async def test_a_replan_queues_what_changed_with_the_plan(
    path: Path, smtp_server: SmtpServer
) -> None:
    async with Client(server(path)) as c:
        await call(c, "generate_timeline", project_id="shop")
        await call(c, "update_project", project_id="shop",
                   expected_revision=1,
                   patch={"tasks": {"A": {"duration": 5}}})
        await call(c, "generate_timeline", project_id="shop")
        ics = await c.read_resource(
            "plansat://projects/shop/people/bob/calendar.ics")
    with Store.open(path) as store:
        rows = store.outbox()
        plan = store.latest_plan("shop")
        assert plan is not None
        project = store.get_project("shop").project
    assert violations(project, plan.result) == []
    assert [(m.kind, m.recipient, m.status) for m in rows] == [
        ("plan_change", "alice", "pending"),
        ("plan_change", "bob", "pending")]
    assert "2025-06-10 to 2025-06-11" in rows[1].body
    assert ics.contents[0].mime_type == "text/calendar"
    [event] = icalendar.Calendar.from_ical(
        ics.contents[0].text).walk("VEVENT")  # type: ignore[union-attr]
    assert (str(event["UID"]), int(event["SEQUENCE"])) == (
        "B.bob.shop@plansat", 2)


def test_a_read_only_server_delivers_nothing(path: Path) -> None:
    with Store.open(path) as store:
        state = AppState(store, read_only=True)
        with pytest.raises(ValueError, match="read-only server delivers"):
            notify(state, Reporter(), "shop", "milestone", [], "", 5,
                   deliver=True)
        assert store.outbox() == []


def test_an_unknown_person_calendar_is_not_found(path: Path) -> None:
    from plansat.mcp.resources import person_calendar
    from plansat.store import NotFound

    with Store.open(path) as store:
        with pytest.raises(NotFound, match="has no plan yet"):
            person_calendar(store, "shop", "bob")
        project: Project = store.get_project("shop").project
        import plansat

        store.save_plan("shop", plansat.solve(project, time_limit=5))
        with pytest.raises(NotFound, match="has no person carol"):
            person_calendar(store, "shop", "carol")
        assert json.dumps(person_calendar(store, "shop", "bob"))


def test_a_milestone_message_names_milestones_likely_late(
    tmp_path: Path,
) -> None:
    """M is planned on its deadline 06-10 but A's estimate runs to 12
    days: M's P80 is later (see test_replan_messages)."""
    data = team_project().model_dump(mode="json", exclude_defaults=True)
    data["tasks"][0]["estimate"] = {"optimistic": 3, "likely": 5,
                                    "pessimistic": 12}
    data["tasks"][2]["deadline"] = "2025-06-10"
    with Store.open(tmp_path / "p.db") as store:
        store.create_project(Project.model_validate(data), "shop")
        state = AppState(store)
        out = notify(state, Reporter(), "shop", "milestone", ["bob"], "",
                     5, dry_run=True)
        assert store.outbox() == []
    [m] = out.messages
    assert "Likely late (P80 after the deadline):\n- milestone M: its " \
        "P80 is after the deadline 2025-06-10" in m.body
    assert (m.status, m.channel) == ("preview", "outbox")
