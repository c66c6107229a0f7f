"""Servers sharing one store file: a second server sees the first one's
project, a write against a stale revision is refused (and writes
nothing), and a store at an older schema version migrates when a server
opens it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from mcp import Client

from plansat.models import Project
from plansat.store import SCHEMA_VERSION, Store
from plansat.store.schema import migrate, schema_version

pytestmark = pytest.mark.anyio


async def test_a_second_server_sees_the_first_ones_project(
    make_server, call_on, kickoff
) -> None:
    async with Client(make_server()) as first, \
            Client(make_server()) as second:
        made = await call_on(first, "create_project", name="K",
                             project=kickoff)
        pid = made["project_id"]
        listed = await call_on(second, "list_projects")
        assert [p["id"] for p in listed["projects"]] == [pid]
        plan = await call_on(second, "generate_timeline", project_id=pid)
        assert plan["makespan"] == 55
        got = await call_on(first, "get_project", project_id=pid)
        assert got["latest_plan"]["id"] == plan["plan_id"]
    # A server started later on the same file still has it.
    async with Client(make_server()) as third:
        got = await call_on(third, "get_project", project_id=pid)
        assert got["summary"]["tasks"] == 8


async def test_a_stale_revision_is_refused(
    make_server, call_on, error_on, kickoff
) -> None:
    async with Client(make_server()) as a, Client(make_server()) as b:
        pid = (await call_on(a, "create_project", name="K",
                             project=kickoff))["project_id"]
        # Both read revision 1; a writes revision 2 first.
        done = await call_on(a, "update_project", project_id=pid,
                             expected_revision=1,
                             patch={"tasks": {"T004": {"duration": 16}}})
        assert done["revision"] == 2
        assert done["changed"] == ["tasks.T004 changed"]
        text = await error_on(b, "update_project", project_id=pid,
                              expected_revision=1,
                              patch={"tasks": {"T004": {"duration": 20}}})
        assert "is at revision 2, not 1" in text
        got = await call_on(b, "get_project", project_id=pid)
        assert got["revision"] == 2
        assert got["project"]["tasks"][3]["duration"] == 16


async def test_an_invalid_patch_writes_nothing(
    call, error, kickoff
) -> None:
    pid = (await call("create_project", name="K",
                      project=kickoff))["project_id"]
    text = await error("update_project", project_id=pid,
                       expected_revision=1,
                       patch={"tasks": {"T006": {"after": ["T999"]},
                                        "T001": None}})
    assert "unknown task 'T999'" in text
    got = await call("get_project", project_id=pid)
    assert got["revision"] == 1 and len(got["project"]["tasks"]) == 8


async def test_links_can_be_edited_after_creation(call, kickoff) -> None:
    pid = (await call("create_project", name="K",
                      project=kickoff))["project_id"]
    # T005 no longer waits for T002 but for T004: 5+8+6+15 = 34, then
    # 12 days of T005 (46), T006 8 (54), T007 10 (64), T008 3 (67).
    await call("update_project", project_id=pid, expected_revision=1,
               patch={"tasks": {"T005": {"after": ["T004"]}}})
    plan = await call("generate_timeline", project_id=pid)
    assert plan["makespan"] == 67
    assert plan["revision"] == 2


async def test_an_older_store_migrates(
    make_server, call_on, store_path: Path, kickoff
) -> None:
    conn = sqlite3.connect(store_path, isolation_level=None)
    assert migrate(conn, target=1) == [1]
    # What a plansat at schema version 1 wrote for one project.
    stamp = "2025-06-01T09:00:00.000000+00:00"
    body = Project.model_validate(kickoff).model_dump_json()
    conn.execute("INSERT INTO projects VALUES ('old', 'K', 1, ?, ?)",
                 (stamp, stamp))
    conn.execute("INSERT INTO revisions VALUES ('old', 1, ?, 'K', ?)",
                 (stamp, body))
    conn.close()
    async with Client(make_server()) as c:
        listed = await call_on(c, "list_projects")
        assert [(p["id"], p["description"]) for p in listed["projects"]] \
            == [("old", "")]
        plan = await call_on(c, "generate_timeline", project_id="old")
        assert plan["makespan"] == 55
    conn = sqlite3.connect(store_path)
    assert schema_version(conn) == SCHEMA_VERSION > 1
    conn.close()
    with Store.open(store_path) as store:
        assert store.latest_plan("old") is not None
