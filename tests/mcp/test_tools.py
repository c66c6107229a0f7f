"""The MCP tools through the SDK's in-process client: the six common
tools with their parameters, defaults and output schemas, the prompts,
the kickoff network's numbers, the e-commerce example against ``plansat
solve``, the kickoff flow, tracking a late task, and bad input.

Every plan a tool stores is checked with the independent checker
(``assert_clean``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from plansat.cli import cli
from plansat.mcp.limits import Limits
from plansat.models import Project

pytestmark = pytest.mark.anyio

ROOT = Path(__file__).resolve().parents[2]
ECOMMERCE = ROOT / "examples" / "ecommerce.json"

#: The common server's tools: parameter -> default (``...``: required).
COMMON: dict[str, dict[str, Any]] = {
    "create_project": {"name": ..., "description": "", "team_size": 5,
                       "duration_weeks": 12, "project": None},
    "generate_timeline": {"project_id": ..., "optimization_focus": "time",
                          "include_buffer": True, "time_limit": 10},
    "assign_tasks": {"project_id": ..., "tasks": None,
                     "assignment_strategy": "balanced"},
    "track_progress": {"project_id": ..., "include_predictions": True,
                       "detailed_metrics": False, "progress": None},
    "identify_blockers": {"project_id": ..., "scope": "all",
                          "severity_threshold": "medium"},
    "send_notifications": {"project_id": ...,
                           "notification_type": "status_update",
                           "recipients": [], "custom_message": ""},
}

#: The values each enum parameter takes.
ENUMS = {
    ("generate_timeline", "optimization_focus"):
        ["time", "cost", "resources", "risk"],
    ("assign_tasks", "assignment_strategy"):
        ["balanced", "skill_based", "priority_first"],
    ("identify_blockers", "scope"):
        ["all", "critical_path", "resource_conflicts"],
    ("identify_blockers", "severity_threshold"): ["low", "medium", "high"],
    ("send_notifications", "notification_type"):
        ["status_update", "milestone", "alert", "custom"],
}

PROMPTS = {
    "project-kickoff": ["project_name", "project_scope", "stakeholders"],
    "milestone-planning": ["project_id", "planning_horizon"],
    "resource-optimization": ["project_id", "constraint_type"],
    "risk-assessment": ["project_id", "assessment_scope"],
    "progress-review": ["project_id", "review_period"],
    "delivery-planning": ["project_id", "delivery_strategy"],
}


def _enum(schema: dict[str, Any]) -> list[str]:
    return list(schema.get("enum") or [])


async def test_the_six_common_tools_keep_their_parameters(client) -> None:
    tools = {t.name: t for t in (await client.list_tools()).tools}
    for name, params in COMMON.items():
        tool = tools[name]
        props = tool.input_schema["properties"]
        required = set(tool.input_schema.get("required", []))
        for param, default in params.items():
            assert param in props, (name, param)
            if default is ...:
                assert param in required, (name, param)
            else:
                assert param not in required, (name, param)
                assert props[param]["default"] == default, (name, param)
        assert tool.description and len(tool.description) < 400
        out = tool.output_schema
        assert out is not None, name
        assert {"success", "project_id", "message"} <= set(out["properties"])
    for (name, param), values in ENUMS.items():
        assert _enum(tools[name].input_schema["properties"][param]) == values


async def test_the_prompts_are_listed(client) -> None:
    prompts = {p.name: p for p in (await client.list_prompts()).prompts}
    assert set(prompts) == set(PROMPTS)
    for name, args in PROMPTS.items():
        assert [a.name for a in prompts[name].arguments or []] == args
    got = await client.get_prompt("project-kickoff",
                                  {"project_name": "Shop"})
    text = got.messages[0].content.text  # type: ignore[union-attr]
    assert "Shop" in text and "create_project" in text


async def test_the_kickoff_network(call, kickoff, assert_clean) -> None:
    made = await call("create_project", name="Kickoff", project=kickoff)
    pid = made["project_id"]
    assert made["summary"]["cpm_duration"] == 55
    plan = await call("generate_timeline", project_id=pid)
    assert plan["status"] == "OPTIMAL"
    assert plan["makespan"] == 55
    assert plan["critical_path"] == ["T001", "T002", "T003", "T004", "T006",
                                     "T007", "T008"]
    rows = {r["id"]: r for r in plan["schedule"]}
    assert rows["T005"]["total_float"] == 9
    assert not rows["T005"]["critical"]
    assert [t for t, r in rows.items() if r["critical"]] == \
        plan["critical_path"]
    assert rows["T005"]["predecessors"] == ["T002"]
    assert rows["T002"]["successors"] == ["T003", "T005"]
    assert plan["violations"] == []
    # Working day 54 (the last) of a Mon-Fri calendar from Thu 26 June.
    assert plan["finish_date"] == "2025-09-10"
    assert plan["buffer"] is None  # no estimates: nothing to buffer
    assert_clean(pid)


async def test_ecommerce_matches_plansat_solve(
    call, assert_clean, tmp_path: Path
) -> None:
    out = tmp_path / "result.json"
    run = CliRunner().invoke(cli, ["solve", str(ECOMMERCE), "--time-limit",
                                   "10", "--out", str(out)])
    assert run.exit_code == 0, run.output
    solved = json.loads(out.read_text())
    made = await call("create_project", name="Shop",
                      project=json.loads(ECOMMERCE.read_text()))
    plan = await call("generate_timeline", project_id=made["project_id"])
    assert (plan["status"], solved["status"]) == ("OPTIMAL", "OPTIMAL")
    assert plan["makespan"] == solved["makespan"]
    assert_clean(made["project_id"])


async def test_risk_adds_a_buffer_task_after_the_finish(
    call, assert_clean
) -> None:
    project = json.loads(ECOMMERCE.read_text())
    made = await call("create_project", name="Shop", project=project)
    plan = await call("generate_timeline", project_id=made["project_id"],
                      optimization_focus="risk")
    risk, buffer = plan["risk"], plan["buffer"]
    assert plan["objective"] == "time"
    assert risk["p80"] > risk["p50"]
    # the committed finish is the P80 itself, never below the P50
    assert plan["commitment_level"] == "P80"
    assert buffer["duration"] == risk["p80"] - plan["makespan"]
    assert buffer["start"] == plan["makespan"]
    assert plan["committed_finish"] == buffer["finish_date"]
    assert plan["committed_finish"] == risk["p80_date"]
    assert plan["committed_finish"] >= risk["p50_date"]
    # The buffer pushes the finish; no task is stretched.
    parsed = Project.model_validate(project)
    for row in plan["schedule"]:
        task = parsed.task(row["id"])
        assert row["duration"] == task.duration - row["crashed"]
    assert plan["gantt"][-1]["kind"] == "buffer"
    assert_clean(made["project_id"])


@pytest.mark.parametrize("level", ["p50", "p95"])
async def test_the_commitment_is_the_stated_level(
    call, assert_clean, level: str
) -> None:
    made = await call("create_project", name="Shop",
                      project=json.loads(ECOMMERCE.read_text()))
    plan = await call("generate_timeline", project_id=made["project_id"],
                      optimization_focus="risk", commitment=level)
    risk = plan["risk"]
    assert plan["commitment_level"] == level.upper()
    assert plan["committed_finish"] == max(
        risk[f"{level}_date"], plan["finish_date"])
    assert level.upper() in plan["message"]
    assert_clean(made["project_id"])


async def test_the_kickoff_flow(call, kickoff, assert_clean) -> None:
    project = json.loads(ECOMMERCE.read_text())
    pid = (await call("create_project", name="Shop",
                      project=project))["project_id"]
    plan = await call("generate_timeline", project_id=pid)
    team = await call("assign_tasks", project_id=pid)
    assert team["objective"] == "balance"
    by_task = {a["task_id"]: a for a in team["assignments"]}
    backend = by_task["T004"]["people"]
    assert len(backend) == 2
    assert all(p["level"] >= p["required_level"] == 4 for p in backend)
    loads = {u["person"]: u for u in team["utilisation"]}
    for u in loads.values():
        assert u["load"] == pytest.approx(u["busy_days"]
                                          / u["available_days"], abs=1e-4)
    track = await call("track_progress", project_id=pid)
    assert track["status_label"] == "not_started"
    assert track["baseline"] == 0
    assert track["baseline_makespan"] == plan["makespan"]
    p = track["predictions"]
    assert p["p50"] <= p["p80"] <= p["p95"]
    found = await call("identify_blockers", project_id=pid,
                       severity_threshold="low")
    assert found["plan_status"] == "OPTIMAL"
    for b in found["blockers"]:
        assert b["impact_days"] is not None or b["impact_cost"] is not None
    # No channel is configured: the message is kept, not delivered.
    sent = await call("send_notifications", project_id=pid,
                      recipients=["Bob"])
    assert [m["recipient"] for m in sent["messages"]] == ["bob"]
    assert all(not m["delivered"] and m["channel"] == "outbox"
               and m["status"] == "held" for m in sent["messages"])
    assert "T004 Backend Development" in sent["messages"][0]["body"]
    assert_clean(pid)


async def test_a_critical_task_3_days_late_moves_the_forecast_3_days(
    call, kickoff, assert_clean
) -> None:
    pid = (await call("create_project", name="Kickoff",
                      project=kickoff))["project_id"]
    plan = await call("generate_timeline", project_id=pid)
    assert plan["makespan"] == 55
    cal = Project.model_validate(kickoff).work_calendar
    # T001 (critical, days 0-4) finishes on day 7 instead of day 4; the
    # status date is day 8, when T002 can start: everything after moves
    # three working days.
    progress = {
        "status_date": cal.date_of(8).isoformat(),
        "tasks": {"T001": {"actual_start": cal.date_of(0).isoformat(),
                           "actual_finish": cal.date_of(7).isoformat()}},
    }
    track = await call("track_progress", project_id=pid, progress=progress,
                       detailed_metrics=True)
    assert track["recorded"] and track["revision"] == 2
    assert track["baseline_makespan"] == 55
    assert track["forecast_makespan"] == 58
    assert track["slip_days"] == 3
    assert track["forecast_finish"] == cal.date_of(57).isoformat()
    assert track["status_label"] == "behind"
    assert "T001" in track["late_tasks"]
    assert track["evm"] is not None and track["tasks"]
    assert_clean(pid)


async def test_assign_tasks_adds_tasks(call, assert_clean) -> None:
    project = json.loads(ECOMMERCE.read_text())
    pid = (await call("create_project", name="Shop",
                      project=project))["project_id"]
    team = await call("assign_tasks", project_id=pid,
                      assignment_strategy="priority_first", tasks=[
                          {"name": "Docs", "effort_hours": 20,
                           "priority": "high", "required_skills": ["qa:3"],
                           "dependencies": ["T007"]}])
    assert team["tasks_added"] == ["T009"] and team["revision"] == 2
    assert team["objective"] == "priority"
    docs = next(a for a in team["assignments"] if a["task_id"] == "T009")
    assert docs["priority"] == 600
    assert docs["people"][0]["skill"] == "qa"
    got = await call("get_project", project_id=pid)
    assert got["project"]["tasks"][-1]["duration"] == 3  # ceil(20 / 8)
    assert_clean(pid)


async def test_an_unknown_project_is_an_error(error) -> None:
    for name in ("generate_timeline", "track_progress", "assign_tasks",
                 "identify_blockers", "send_notifications", "get_project"):
        assert "no project nope" in await error(name, project_id="nope")


async def test_an_invalid_enum_is_an_error(call, error, kickoff) -> None:
    pid = (await call("create_project", name="K",
                      project=kickoff))["project_id"]
    for name, args in (
        ("generate_timeline", {"optimization_focus": "speed"}),
        ("assign_tasks", {"assignment_strategy": "fastest"}),
        ("identify_blockers", {"scope": "everything"}),
        ("identify_blockers", {"severity_threshold": "urgent"}),
        ("send_notifications", {"notification_type": "sms"}),
    ):
        text = await error(name, project_id=pid, **args)
        assert next(iter(args)) in text


async def test_an_invalid_project_lists_every_rule(call, error) -> None:
    text = await error("create_project", name="Bad", project={
        "start": "2025-06-02",
        "tasks": [{"id": "A", "duration": -1},
                  {"id": "B", "duration": 2, "colour": "red"}],
    })
    assert "2 broken rules" in text
    assert "tasks[0].duration" in text
    assert "tasks[1].colour: unknown field" in text
    text = await error("create_project", name="Bad", project={
        "start": "2025-06-02", "tasks": [{"id": "B", "duration": 2,
                                          "after": ["Z"]}]})
    assert "unknown task 'Z'" in text
    assert (await call("list_projects"))["projects"] == []


async def test_a_skeleton_says_what_is_missing(call) -> None:
    made = await call("create_project", name="Later", duration_weeks=4)
    assert made["summary"]["tasks"] == 1
    assert any(m.startswith("people") for m in made["summary"]["missing"])
    assert "missing" in made["message"]


async def test_limits_are_enforced(make_server, kickoff) -> None:
    from mcp import Client

    server = make_server(limits=Limits(max_tasks=3, max_time_limit=5))
    async with Client(server) as c:
        result = await c.call_tool("create_project",
                                   {"name": "K", "project": kickoff})
        assert result.is_error
        assert "at most 3" in result.content[0].text  # type: ignore
        result = await c.call_tool("generate_timeline",
                                   {"project_id": "x", "time_limit": 60})
        assert result.is_error
    server = make_server(limits=Limits(max_request_bytes=200))
    async with Client(server) as c:
        result = await c.call_tool("create_project",
                                   {"name": "K", "project": kickoff})
        assert result.is_error
        assert "at most 200" in result.content[0].text  # type: ignore


async def test_a_solve_reports_progress(client, call, kickoff) -> None:
    pid = (await call("create_project", name="K",
                      project=kickoff))["project_id"]
    seen: list[float] = []

    async def progress(value: float, total: float | None,
                       message: str | None) -> None:
        seen.append(value)

    result = await client.call_tool(
        "generate_timeline", {"project_id": pid},
        progress_callback=progress)
    assert not result.is_error
    assert seen


async def test_the_further_tools_on_the_kickoff_network(
    call, kickoff, assert_clean
) -> None:
    pid = (await call("create_project", name="K",
                      project=kickoff))["project_id"]
    await call("generate_timeline", project_id=pid)
    assert (await call("check_plan", project_id=pid))["ok"]
    base = await call("set_baseline", project_id=pid, note="kick-off")
    assert base["baseline"]["number"] == 0
    assert base["baseline"]["makespan"] == 55
    # T004 is critical and nothing can be crashed: +5 days either way.
    answer = (await call("what_if", project_id=pid,
                         changes=["delay T004:5"]))["whatif"]
    assert answer["propagated"]["delay"] == 5
    assert answer["recovered"]["delay"] == 5
    curve = (await call("crash_options", project_id=pid))["curve"]
    assert curve["normal_duration"] == curve["shortest_duration"] == 55
    cal = Project.model_validate(kickoff).work_calendar
    await call("track_progress", project_id=pid, progress={
        "status_date": cal.date_of(8).isoformat(),
        "tasks": {"T001": {"actual_start": cal.date_of(0).isoformat(),
                           "actual_finish": cal.date_of(7).isoformat()}}})
    again = await call("replan", project_id=pid)
    assert (again["makespan"], again["slip_days"]) == (58, 3)
    assert_clean(pid)


async def test_the_resources(client, call, kickoff) -> None:
    pid = (await call("create_project", name="K",
                      project=kickoff))["project_id"]
    await call("generate_timeline", project_id=pid)
    await call("set_baseline", project_id=pid)
    listed = await client.read_resource("plansat://projects")
    assert json.loads(listed.contents[0].text)[0]["id"] == pid
    for uri in (f"plansat://projects/{pid}/plan",
                f"plansat://projects/{pid}/baselines/0"):
        got = await client.read_resource(uri)
        assert json.loads(got.contents[0].text)["makespan"] == 55
    body = await client.read_resource(f"plansat://projects/{pid}")
    assert Project.from_json(body.contents[0].text).name == "Kickoff"
    pytest.importorskip("plotly", reason="the report needs plansat[report]")
    page = await client.read_resource(f"plansat://projects/{pid}/report.html")
    assert page.contents[0].mime_type == "text/html"
    assert "<html" in page.contents[0].text[:500].lower()
    with pytest.raises(Exception, match="no baseline 7"):
        await client.read_resource(f"plansat://projects/{pid}/baselines/7")
