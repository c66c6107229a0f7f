"""Issue 23, item 11 (MCP): a misspelt argument name is refused (it used
to run with the default and store the plan), the input schemas say so,
and a stdio line the server can't parse gets a JSON-RPC parse error
back instead of silence.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from mcp import Client

from plansat.store import Store

pytestmark = pytest.mark.anyio
ROOT = Path(__file__).resolve().parents[2]


async def test_a_misspelt_argument_is_refused(
    make_server, call_on, error_on, kickoff, store_path
) -> None:
    async with Client(make_server()) as c:
        pid = (await call_on(c, "create_project", name="K",
                             project=kickoff))["project_id"]
        text = await error_on(c, "generate_timeline", project_id=pid,
                              optimisation_focus="cost")
        assert "unknown argument(s) 'optimisation_focus' (did you mean " \
               "'optimization_focus'?)" in text
        tools = await c.list_tools()
    with Store.open(store_path) as store:
        assert store.latest_plan(pid, "solve") is None  # nothing ran
    for tool in tools.tools:
        assert tool.input_schema.get("additionalProperties") is False


def test_an_unparsable_stdio_line_gets_a_parse_error(
    store_path: Path
) -> None:
    init = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": "2025-06-18", "capabilities": {},
        "clientInfo": {"name": "t", "version": "0"}}}
    lines = [json.dumps(init), "this is not json",
             json.dumps({"jsonrpc": "2.0", "method":
                         "notifications/initialized"}),
             json.dumps({"jsonrpc": "2.0", "id": 2,
                         "method": "tools/list"})]
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "plansat.cli", "mcp", "--store",
         str(store_path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT)
    assert proc.stdin is not None and proc.stdout is not None

    def send(line: str) -> None:
        assert proc.stdin is not None
        proc.stdin.write(line + "\n")
        proc.stdin.flush()

    # a server that never answers is killed: the read then fails
    watchdog = threading.Timer(60, proc.kill)
    watchdog.start()
    try:
        send(lines[0])
        assert json.loads(proc.stdout.readline())["id"] == 1
        send(lines[1])  # before the fix: no reply, the read blocks
        error = json.loads(proc.stdout.readline())
        assert error["error"]["code"] == -32700
        assert error["id"] is None
        send(lines[2])
        send(lines[3])  # the session goes on
        listed = json.loads(proc.stdout.readline())
        assert listed["id"] == 2 and listed["result"]["tools"]
    finally:
        watchdog.cancel()
        proc.stdin.close()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


async def test_an_infeasible_plan_is_no_success(
    make_server, call_on, kickoff
) -> None:
    # the kickoff's critical path is 55 working days: a deadline ten
    # days after the start can't be met
    late = {**kickoff, "deadline": "2025-07-10"}
    async with Client(make_server()) as c:
        pid = (await call_on(c, "create_project", name="K",
                             project=late))["project_id"]
        result = await c.call_tool("generate_timeline", {
            "project_id": pid, "time_limit": 5})
    out = result.structured_content
    assert out is not None and not result.is_error
    assert out["status"] == "INFEASIBLE"
    assert out["success"] is False  # before the fix: True
    assert out["explanation"]


async def test_crash_options_names_its_own_least_total_cost(
    make_server, call_on
) -> None:
    project = json.loads((ROOT / "examples" / "ecommerce.json").read_text())
    async with Client(make_server()) as c:
        pid = (await call_on(c, "create_project", name="Shop",
                             project=project))["project_id"]
        out = await call_on(c, "crash_options", project_id=pid,
                            time_limit=20)
    curve = out["curve"]
    totals = [p["total_cost"] for p in curve["points"]]
    if curve["cheapest"] is not None:
        totals.append(curve["cheapest"]["total_cost"])
    least = min(totals)
    # before the fix: "least total cost 115,270" beside a cheapest plan
    # of 113,910 in the same answer
    assert f"least total cost {least:,.0f} at" in out["message"]


@pytest.mark.parametrize(("env", "workers"), [({}, None),
                                              ({"PLANSAT_MCP_WORKERS": "1"},
                                               1)])
def test_workers_from_the_environment(env: dict[str, str],
                                      workers: int | None) -> None:
    from plansat.mcp.limits import Limits

    assert Limits.from_env(env).workers == workers


def test_workers_must_be_positive() -> None:
    from plansat.mcp.limits import Limits

    with pytest.raises(ValueError, match="workers must be > 0"):
        Limits(workers=0)
