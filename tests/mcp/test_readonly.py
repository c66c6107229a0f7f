"""``--read-only`` hides every tool that writes, ``--tools`` is an
allow-list; a hidden tool can't be called, resources and prompts stay.
Checked in-process and through the real ``plansat mcp`` command."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import anyio
import pytest
from click.testing import CliRunner
from mcp import Client, StdioServerParameters

from plansat.cli import cli
from plansat.mcp.server import ALL_TOOLS, ServerConfig, build_server
from plansat.models import Project
from plansat.store import Store

pytestmark = pytest.mark.anyio

ROOT = Path(__file__).resolve().parents[2]

#: The tools that change the store.
WRITERS = {"create_project", "generate_timeline", "assign_tasks",
           "track_progress", "send_notifications", "update_project",
           "set_baseline", "replan", "save_portfolio"}
#: The tools a read-only server keeps.
READERS = {"identify_blockers", "list_projects", "get_project", "what_if",
           "plan_releases", "crash_options", "check_plan",
           "plan_portfolio", "admit_project"}


async def _names(c: Client) -> set[str]:
    return {t.name for t in (await c.list_tools()).tools}


def test_every_tool_is_classified() -> None:
    assert {t.name for t in ALL_TOOLS} == WRITERS | READERS
    assert {t.name for t in ALL_TOOLS if t.writes} == WRITERS


async def test_read_only_hides_the_writers(
    make_server, store_path: Path, kickoff: dict
) -> None:
    with Store.open(store_path) as store:
        store.create_project(Project.model_validate(kickoff), "k")
    async with Client(make_server(read_only=True)) as c:
        tools = (await c.list_tools()).tools
        assert {t.name for t in tools} == READERS
        assert all(t.annotations and t.annotations.read_only_hint
                   for t in tools)
        refused = await c.call_tool("create_project", {"name": "X"})
        assert refused.is_error
        listed = await c.call_tool("list_projects", {})
        assert listed.structured_content is not None
        assert [p["id"] for p in listed.structured_content["projects"]] \
            == ["k"]
        assert len((await c.list_prompts()).prompts) == 6
        read = await c.read_resource("plansat://projects/k")
        assert '"T008"' in read.contents[0].text  # type: ignore[union-attr]
    with Store.open(store_path) as store:
        assert [p.id for p in store.list_projects()] == ["k"]


async def test_tools_is_an_allow_list(make_server) -> None:
    allow = ["list_projects", "generate_timeline"]
    async with Client(make_server(tools=allow)) as c:
        assert await _names(c) == set(allow)
        refused = await c.call_tool("create_project", {"name": "X"})
        assert refused.is_error
    async with Client(make_server(tools=allow, read_only=True)) as c:
        assert await _names(c) == {"list_projects"}


def test_an_unknown_tool_name_is_refused(store_path: Path) -> None:
    with pytest.raises(ValueError, match=r"unknown tool.*nope"):
        build_server(ServerConfig(store=store_path, tools=["nope"]))
    run = CliRunner().invoke(cli, ["mcp", "--store", str(store_path),
                                   "--tools", "list_projects,nope"])
    assert run.exit_code == 2
    assert run.output.startswith("error: unknown tool(s): nope")
    run = CliRunner().invoke(cli, ["mcp", "--store", str(store_path),
                                   "--read-only", "--tools",
                                   "create_project"])
    assert run.exit_code == 2
    assert "no tools left" in run.output


async def test_the_command_line_flags(store_path: Path) -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    params = StdioServerParameters(
        command=sys.executable, cwd=str(ROOT), env=env,
        args=["-m", "plansat.cli", "mcp", "--store", str(store_path),
              "--read-only", "--tools",
              "list_projects,get_project,create_project"])
    with anyio.fail_after(60):
        async with Client(params) as c:
            assert await _names(c) == {"list_projects", "get_project"}
