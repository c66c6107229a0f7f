"""Long work off the request path: a large project's solve goes to a
Dask ``LocalCluster`` (the server's ``--dask``), a small request answers
while it waits there, and a cancelled request cancels its task.

The cluster has one worker thread, and the test holds it with a task of
its own (a gate: a Dask ``Event``) while the large solve is queued, so
"the large solve is still running when the small one answers" holds by
construction, not by timing."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from typing import Any

import anyio
import pytest

distributed = pytest.importorskip("distributed")

from mcp import Client  # noqa: E402

from plansat.check import violations  # noqa: E402
from plansat.mcp.offload import Offload  # noqa: E402
from plansat.models import Project  # noqa: E402
from plansat.store import open_store  # noqa: E402

pytestmark = pytest.mark.anyio

#: The server offloads projects of this many tasks or more.
OFFLOAD_TASKS = 20


def large_project(n: int = 30, seed: int = 1) -> dict[str, Any]:
    """``n`` tasks (1-10 days, up to two predecessors each) for six
    people with two of four skills each; every task needs a skill that
    somebody has."""
    rng = random.Random(seed)
    skills = ["backend", "frontend", "qa", "ops"]
    people = [{"id": f"p{i}", "skills": {s: rng.randint(1, 5) for s in
                                         (skills[i % 4],
                                          skills[(i + 1) % 4])}}
              for i in range(6)]
    tasks = [{"id": f"T{i:03d}", "duration": rng.randint(1, 10),
              "after": sorted({f"T{j:03d}" for j in rng.sample(
                  range(i), min(i, rng.randint(0, 2)))}),
              "needs": [{"skill": rng.choice(skills), "level": 1}]}
             for i in range(n)]
    return {"name": "Large", "start": "2025-06-02", "people": people,
            "tasks": tasks}


def _gate(name: str) -> str:
    """Hold the worker's only thread until the test sets ``name``."""
    distributed.Event(name).wait(timeout=120)
    return name


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """A Dask scheduler on loopback TCP with one single-thread worker."""
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False,
        protocol="tcp", host="127.0.0.1", dashboard_address=":0",
    ) as c:
        yield c


@pytest.fixture
def dask_client(cluster: Any) -> Iterator[Any]:
    with distributed.Client(cluster.scheduler_address) as c:
        yield c


def _solve_tasks(client: Any) -> list[str]:
    """The keys of the offloaded solves the scheduler holds."""
    return [str(k) for k in client.run_on_scheduler(
        lambda dask_scheduler: list(dask_scheduler.tasks))
        if "solve_off" in str(k)]


async def _until(check: Callable[[], bool]) -> None:
    """Wait until ``check()`` holds (polled off the event loop)."""
    while not await anyio.to_thread.run_sync(check):
        await anyio.sleep(0.05)


@pytest.fixture
def gate(dask_client: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """The worker's thread held by a task until the Event is set."""
    name = f"gate-{request.node.name}"
    event = distributed.Event(name, client=dask_client)
    held = dask_client.submit(_gate, name, pure=False)
    yield event
    event.set()
    held.result(timeout=60)


async def test_large_solve_on_dask_while_a_small_request_answers(
    make_server: Callable[..., Any], cluster: Any, dask_client: Any,
    gate: Any, kickoff: dict[str, Any], store_path: Any,
) -> None:
    server = make_server(dask=cluster.scheduler_address,
                         offload_tasks=OFFLOAD_TASKS)
    done: dict[str, Any] = {}
    with anyio.fail_after(120):
        async with Client(server) as c:
            for data in (large_project(), kickoff):
                await c.call_tool("create_project", {
                    "name": data["name"], "project": data})
            ids = {p["name"]: p["id"] for p in (await c.call_tool(
                "list_projects", {})).structured_content["projects"]}

            async def large() -> None:
                done["large"] = await c.call_tool("generate_timeline", {
                    "project_id": ids["Large"], "time_limit": 5})

            async with anyio.create_task_group() as tg:
                tg.start_soon(large)
                await _until(lambda: bool(_solve_tasks(dask_client)))
                small = await c.call_tool("generate_timeline", {
                    "project_id": ids["Kickoff"], "time_limit": 5})
                assert not small.is_error
                assert small.structured_content["makespan"] == 55
                assert "large" not in done  # still waiting on the cluster
                await anyio.to_thread.run_sync(gate.set)
    result = done["large"]
    assert not result.is_error, result.content
    assert result.structured_content["status"] in ("OPTIMAL", "FEASIBLE")
    with open_store(store_path) as store:
        record = store.get_project(ids["Large"])
        plan = store.latest_plan(ids["Large"])
        assert plan is not None and plan.revision == record.revision
        assert violations(record.project, plan.result) == []
    prefixes = dask_client.run_on_scheduler(
        lambda dask_scheduler: list(dask_scheduler.task_prefixes))
    assert "solve_off" in prefixes


async def test_a_cancelled_request_cancels_its_task(
    make_server: Callable[..., Any], cluster: Any, dask_client: Any,
    gate: Any, store_path: Any,
) -> None:
    server = make_server(dask=cluster.scheduler_address,
                         offload_tasks=OFFLOAD_TASKS)
    with anyio.fail_after(120):
        async with Client(server) as c:
            created = await c.call_tool("create_project", {
                "name": "Large", "project": large_project(seed=2)})
            pid = created.structured_content["project_id"]
            answers: list[Any] = []
            with anyio.CancelScope() as scope:

                async def cancel_when_queued() -> None:
                    await _until(lambda: bool(_solve_tasks(dask_client)))
                    scope.cancel()

                async with anyio.create_task_group() as tg:
                    tg.start_soon(cancel_when_queued)
                    answers.append(await c.call_tool("generate_timeline", {
                        "project_id": pid, "time_limit": 5}))
            assert not any(not a.is_error for a in answers)
            # the queued task is dropped while the gate still holds the
            # worker: it never ran
            await _until(lambda: not _solve_tasks(dask_client))
            await anyio.to_thread.run_sync(gate.set)
            listed = await c.call_tool("get_project", {"project_id": pid})
            assert listed.structured_content["latest_plan"] is None


def test_small_projects_stay_in_the_request_thread() -> None:
    offload = Offload(min_tasks=OFFLOAD_TASKS)
    assert not offload.wanted(OFFLOAD_TASKS - 1)
    assert offload.wanted(OFFLOAD_TASKS)
    project = Project.model_validate(large_project(5))
    assert not offload.wanted(len(project.tasks))
    offload.close()  # nothing was made: nothing to shut down


async def test_large_work_on_the_local_process_pool(
    store_path: Any,
) -> None:
    """Without ``--dask`` a large project's solve and its Monte Carlo run
    go to a local process pool (spawned workers), and the plan stored is
    the one the checker accepts."""
    from plansat.mcp.limits import Limits
    from plansat.mcp.server import ServerConfig, build_server

    config = ServerConfig(store=store_path, limits=Limits(max_time_limit=30),
                          offload_tasks=OFFLOAD_TASKS)
    shared = config.shared()
    assert shared.offload is not None and shared.offload.dask is None
    data = large_project(seed=3)
    for task in data["tasks"]:
        d = task["duration"]
        task["estimate"] = {"optimistic": max(1, d - 1), "likely": d,
                            "pessimistic": d + 3}
    with anyio.fail_after(120):
        async with Client(build_server(config, shared)) as c:
            made = await c.call_tool("create_project", {
                "name": "Large", "project": data})
            pid = made.structured_content["project_id"]
            result = await c.call_tool("generate_timeline", {
                "project_id": pid, "optimization_focus": "risk",
                "time_limit": 5})
    assert not result.is_error, result.content
    risk = result.structured_content["risk"]
    assert risk["iterations"] == 10_000 and risk["p50"] <= risk["p95"]
    # the solve and the Monte Carlo run, each on the pool
    assert shared.offload.submitted >= 2
    with open_store(store_path) as store:
        record = store.get_project(pid)
        plan = store.latest_plan(pid)
        assert plan is not None
        assert violations(record.project, plan.result) == []


async def test_a_large_portfolio_is_planned_on_dask(
    make_server: Callable[..., Any], cluster: Any, dask_client: Any,
) -> None:
    """Two stored projects of 15 tasks sharing six people: 30 tasks
    together, so the joint plan goes to the cluster; the independent
    checker finds nothing wrong with it."""
    server = make_server(dask=cluster.scheduler_address,
                         offload_tasks=OFFLOAD_TASKS)
    first = large_project(15, seed=4)
    second = {**large_project(15, seed=5), "name": "Second",
              "people": first["people"]}
    with anyio.fail_after(120):
        async with Client(server) as c:
            ids = []
            for data in (first, second):
                made = await c.call_tool("create_project", {
                    "name": data["name"], "project": data})
                ids.append(made.structured_content["project_id"])
            saved = await c.call_tool("save_portfolio", {
                "portfolio_id": "both",
                "projects": [{"project_id": i} for i in ids]})
            assert not saved.is_error, saved.content
            result = await c.call_tool("plan_portfolio", {
                "portfolio_id": "both", "time_limit": 5})
    assert not result.is_error, result.content
    plan = result.structured_content["plan"]
    assert result.structured_content["success"]
    assert plan["violations"] == []
    assert len(plan["projects"]) == 2
    prefixes = dask_client.run_on_scheduler(
        lambda dask_scheduler: list(dask_scheduler.task_prefixes))
    assert "plan_off" in prefixes
