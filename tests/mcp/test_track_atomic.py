"""Issue 23, item 6: the store writes each ``track_progress`` call
atomically.  A refused call writes nothing (no baseline, no snapshot,
no revision); an accepted one writes its baseline, revision and snapshot
in one transaction, so a process killed between the statements leaves
nothing, and of two servers racing on one file the loser writes
nothing either.

The kickoff: T001 days 0-4; status date day 8 (see test_tools).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp import Client

from plansat.models import Project
from plansat.store import Conflict, Store

pytestmark = pytest.mark.anyio


def _progress(kickoff: dict[str, Any], **t001: Any) -> dict[str, Any]:
    cal = Project.model_validate(kickoff).work_calendar
    return {"status_date": cal.date_of(8).isoformat(),
            "tasks": {"T001": {"actual_start": cal.date_of(0).isoformat(),
                               "actual_finish": cal.date_of(7).isoformat(),
                               **t001}}}


def _written(path: Path, pid: str) -> tuple[int, int, int]:
    """(revision, baselines, snapshots) of the project in the file."""
    with Store.open(path) as store:
        return (store.get_project(pid).revision,
                len(store.list_baselines(pid)),
                len(store.list_snapshots(pid)))


@pytest.mark.parametrize("bad", [
    {"tasks": {"T999": {"actual_start": "2025-06-26"}}},
    {"tasks": {"T001": {"actual_start": "2025-06-26",
                        "actual_finish": "2025-12-31"}}},
    {"tasks": {"T001": {"actual_start": "2025-06-26",
                        "people": ["nobody"]}}},
])
async def test_a_refused_call_writes_nothing(
    make_server, call_on, error_on, kickoff, store_path, bad
) -> None:
    async with Client(make_server()) as c:
        pid = (await call_on(c, "create_project", name="K",
                             project=kickoff))["project_id"]
        progress = {**_progress(kickoff), **bad}
        await error_on(c, "track_progress", project_id=pid,
                       progress=progress)
    # before the fix: baseline 0 was left behind
    assert _written(store_path, pid) == (1, 0, 0)


async def test_an_accepted_call_writes_all_three(
    make_server, call_on, kickoff, store_path
) -> None:
    async with Client(make_server()) as c:
        pid = (await call_on(c, "create_project", name="K",
                             project=kickoff))["project_id"]
        done = await call_on(c, "track_progress", project_id=pid,
                             progress=_progress(kickoff))
    assert done["revision"] == 2 and done["baseline"] == 0
    assert _written(store_path, pid) == (2, 1, 1)
    with Store.open(store_path) as store:
        assert store.get_baseline(pid).revision == 1  # before progress


async def test_a_stale_call_loses_and_writes_nothing(
    make_server, call_on, kickoff, store_path
) -> None:
    from plansat.mcp.inputs import ProgressInput
    from plansat.mcp.plans import pending_baseline
    from plansat.mcp.tracking import record
    from plansat.options import SolveOptions

    async with Client(make_server()) as c:
        pid = (await call_on(c, "create_project", name="K",
                             project=kickoff))["project_id"]
    with Store.open(store_path) as a, Store.open(store_path) as b:
        stale = a.get_project(pid)
        pending = pending_baseline(a, stale, SolveOptions(time_limit=5),
                                   lambda _: None)
        # the other server writes revision 2 first
        b.update_project(pid, stale.project, stale.revision)

        class State:
            store = a

        with pytest.raises(Conflict):
            record(State(), stale,  # type: ignore[arg-type]
                   ProgressInput.model_validate(_progress(kickoff)),
                   pending)
    # before the fix: the loser left baseline 0 behind
    assert _written(store_path, pid) == (2, 0, 0)


async def test_two_servers_racing(
    make_server, call_on, kickoff, store_path
) -> None:
    async with Client(make_server()) as a, Client(make_server()) as b:
        pid = (await call_on(a, "create_project", name="K",
                             project=kickoff))["project_id"]
        outcomes: list[bool] = []

        async def track(c: Client) -> None:
            result = await c.call_tool("track_progress", {
                "project_id": pid, "progress": _progress(kickoff)})
            outcomes.append(not result.is_error)

        async with anyio.create_task_group() as tg:
            tg.start_soon(track, a)
            tg.start_soon(track, b)
    won = sum(outcomes)
    assert won >= 1
    revision, baselines, snapshots = _written(store_path, pid)
    # one revision and one snapshot per accepted call, one baseline
    assert (revision, snapshots) == (1 + won, won)
    assert baselines == 1


KILLED = """
import os, sys
from plansat.models import Project
from plansat.store import Store
path, pid = sys.argv[1], sys.argv[2]
store = Store.open(path)
current = store.get_project(pid)
base = store.latest_plan(pid, "solve")
with store.atomic():
    store.set_baseline(pid, base.result, "killed")
    store.update_project(pid, current.project, current.revision)
    os._exit(9)  # killed between the statements, before the commit
"""


async def test_killed_between_statements_leaves_nothing(
    make_server, call_on, kickoff, store_path
) -> None:
    async with Client(make_server()) as c:
        pid = (await call_on(c, "create_project", name="K",
                             project=kickoff))["project_id"]
        await call_on(c, "generate_timeline", project_id=pid)
    run = subprocess.run([sys.executable, "-c", KILLED, str(store_path),
                          pid], capture_output=True, text=True,
                         cwd=Path(__file__).parents[2], check=False)
    assert run.returncode == 9, run.stderr
    assert _written(store_path, pid) == (1, 0, 0)
    with Store.open(store_path) as store:  # the file still works
        store.set_baseline(pid, store.latest_plan(pid, "solve").result)
    assert _written(store_path, pid) == (1, 1, 0)
