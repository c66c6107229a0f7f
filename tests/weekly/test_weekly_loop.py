"""Issue 23: the weekly loop, end to end, through the Python API and
through the MCP server (a ``plansat mcp`` subprocess on a store file,
driven over stdio by the MCP SDK's own client).

A generated programme (:mod:`benchmarks.programme`: three phases of six
to eight tasks with milestones, six people with skills and a week's
holiday each, estimates, crashing, fast-tracked links) runs through 12
weekly cycles of simulated actuals (:mod:`benchmarks.weekly`: late and
early finishes, an out-of-sequence start in week 3, an absence in week
4, a scope change in week 5, a re-baseline in week 6).
:func:`benchmarks.weekly.run_api` checks every week's invariants on the
API side (checker-clean optimal re-plan, unchanged history, EVM
identities, forecast = re-plan, one basis for what-if, risk and
blockers); the MCP run then records the same actuals and its answers
must equal the API's number for number, its store revision rising by
one per accepted write.  The full 120-task programme runs in
``python -m benchmarks.weekly``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import anyio
import pytest

pytest.importorskip("mcp", reason="needs plansat[mcp]")

from mcp import Client, StdioServerParameters

from benchmarks.programme import programme
from benchmarks.weekly import Week, run_api
from plansat import Project, SolveStatus
from plansat.check import violations
from plansat.options import SolveOptions
from plansat.store import Store

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 10.0
WEEKS = 12
OPTIONS = SolveOptions(time_limit=LIMIT, workers=1)
EVM_KEYS = ("bac", "pv", "ev", "ac", "spi", "cpi", "es", "spi_t")


@pytest.fixture(scope="module")
def project() -> Project:
    return Project.from_data(programme(phases=3, tasks=(6, 8), people=6))


@pytest.fixture(scope="module")
def api(project: Project) -> tuple[list[Week], Any]:
    """The loop through the API (its invariants checked inside)."""
    return run_api(project, WEEKS, OPTIONS)


def test_the_api_loop(api: tuple[list[Week], Any]) -> None:
    weeks, _ = api
    assert len(weeks) == WEEKS
    assert [w.rebaselined for w in weeks].count(True) == 1
    assert all(w.replan_status == SolveStatus.OPTIMAL for w in weeks)
    # progress moves on every week, and the events happened
    done = [w.percent_complete for w in weeks]
    assert done == sorted(done) and done[-1] > done[0]
    assert weeks[3].patch is not None and "people" in weeks[3].patch
    assert weeks[4].patch is not None and "tasks" in weeks[4].patch
    assert all(w.forecast_makespan == w.makespan for w in weeks)
    assert all(w.whatif is not None and w.whatif[2] >= 0 for w in weeks)


async def _call(c: Client, tool: str, **args: Any) -> dict[str, Any]:
    result = await c.call_tool(tool, args)
    text = "\n".join(getattr(b, "text", "") for b in result.content)
    assert not result.is_error, text
    assert result.structured_content is not None
    out: dict[str, Any] = result.structured_content
    assert out["success"] is True, out["message"]
    return out


def _same(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (
        a is not None and b is not None and abs(a - b) < 1e-6)


async def _mcp_week(c: Client, pid: str, w: Week, revision: int) -> int:
    """One week through the MCP server; the store's revision after it."""
    if w.patch is not None:
        up = await _call(c, "update_project", project_id=pid,
                         expected_revision=revision, patch=w.patch)
        revision += 1
        assert up["revision"] == revision
    track = await _call(c, "track_progress", project_id=pid, progress={
        "status_date": w.status_date.isoformat(), "tasks": w.progress},
        detailed_metrics=True, time_limit=LIMIT)
    revision += 1
    assert track["recorded"] and track["revision"] == revision
    assert track["forecast_makespan"] == w.forecast_makespan
    assert abs(track["percent_complete"] - w.percent_complete) < 1e-6
    evm = track["evm"]
    for key in EVM_KEYS:
        assert _same(evm[key], w.evm[key]), (w.week, key, evm[key],
                                             w.evm[key])
    assert _same(evm["eac"]["replan"], w.evm["eac"])
    if w.makespan is None:
        return revision
    again = await _call(c, "replan", project_id=pid, time_limit=LIMIT)
    assert (again["makespan"], again["revision"]) == (w.makespan, revision)
    if w.whatif is not None:
        answer = (await _call(c, "what_if", project_id=pid, changes=[
            f"delay {w.delayed}:1"], time_limit=LIMIT))["whatif"]
        assert answer["baseline"]["makespan"] == w.makespan
        assert (answer["propagated"]["delay"], answer["recovered"]["delay"],
                answer["replanning_saves"]) == w.whatif
    if w.blockers_makespan is not None:
        found = await _call(c, "identify_blockers", project_id=pid,
                            time_limit=LIMIT)
        assert found["baseline"]["makespan"] == w.blockers_makespan
    if w.rebaselined:
        saved = await _call(c, "set_baseline", project_id=pid,
                            note="week 6 re-baseline")
        assert saved["baseline"]["number"] == 1
        assert saved["baseline"]["makespan"] == w.makespan
    return revision


async def test_the_mcp_loop_equals_the_api(
    api: tuple[list[Week], Any], project: Project, tmp_path: Path
) -> None:
    weeks, baseline = api
    store_path = tmp_path / "plansat.db"
    with Store.open(store_path) as store:  # the same plan of record
        pid = store.create_project(project, "programme").id
        store.set_baseline(pid, baseline, "plan of record")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    env["PLANSAT_MCP_WORKERS"] = "1"  # reproducible, as the API's
    env.pop("PLANSAT_STORE", None)
    params = StdioServerParameters(
        command=sys.executable,
        args=["-m", "plansat.cli", "mcp", "--store", str(store_path)],
        env=env, cwd=str(ROOT))
    revision = 1
    with anyio.fail_after(600):
        async with Client(params) as c:
            for w in weeks:
                revision = await _mcp_week(c, pid, w, revision)
    with Store.open(store_path) as store:
        assert store.get_project(pid).revision == revision
        assert len(store.list_snapshots(pid)) == len(weeks)
        assert [b.number for b in store.list_baselines(pid)] == [0, 1]
        # every stored re-plan keeps the rules of its revision
        plan = store.latest_plan(pid, "replan")
        assert plan is not None
        rev = store.get_project(pid, plan.revision).project
        assert violations(rev, plan.result) == []


pytestmark = pytest.mark.anyio
