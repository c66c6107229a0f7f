"""The portfolio tools through the SDK's own client: the stored example
portfolio gives the CLI's and the Python API's answers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from plansat import Project, admit, plan_portfolio
from plansat.cli import cli
from plansat.models.portfolio import Portfolio

pytestmark = pytest.mark.anyio

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "examples" / "portfolio"
FAST: dict[str, Any] = {"time_limit": 10, "workers": 1}


async def test_save_plan_and_admit(call, error) -> None:
    pf = Portfolio.from_file(FOLDER / "portfolio.json")
    ids = []
    for entry in pf.projects:
        out = await call("create_project", name=entry.loaded.name,
                         project=entry.loaded.model_dump(mode="json"))
        ids.append(out["project_id"])
    new = Project.from_file(FOLDER / "analytics.json")
    new_id = (await call("create_project", name=new.name,
                         project=new.model_dump(mode="json")))["project_id"]
    members = [{"project_id": pid, "weight": e.weight,
                **({"priority": e.priority} if e.priority else {}),
                **({"deadline": e.deadline.isoformat()}
                   if e.deadline else {})}
               for pid, e in zip(ids, pf.projects, strict=True)]
    saved = await call("save_portfolio", portfolio_id="q1",
                       projects=members, name=pf.name)
    assert saved["projects"] == ids

    planned = (await call("plan_portfolio", portfolio_id="q1",
                          time_limit=10))["plan"]
    api = plan_portfolio(pf, **FAST)
    assert planned["status"] == api.status.value == "OPTIMAL"
    assert planned["objective_value"] == api.objective_value
    cli_out = CliRunner().invoke(cli, [
        "portfolio", "solve", str(FOLDER / "portfolio.json"),
        "--time-limit", "10", "--workers", "1", "--format", "json"])
    assert json.loads(cli_out.output)["objective_value"] == (
        api.objective_value)

    report = (await call("admit_project", portfolio_id="q1",
                         project_id=new_id, time_limit=20))["report"]
    mine = admit(pf, new, time_limit=20, workers=1)
    assert report["earliest_finish"] == json.loads(
        mine.model_dump_json())["earliest_finish"]
    assert [p["total_delay"] for p in report["curve"]] == [
        p.total_delay for p in mine.curve]

    text = await error("plan_portfolio", portfolio_id="nope")
    assert "no portfolio nope" in text
