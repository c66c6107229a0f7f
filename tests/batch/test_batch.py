"""Tests of batch solving (plansat.batch) and scenarios.

The small project of ``conftest.py`` starts Monday 2025-06-02 (Mon-Fri,
holiday Mon 2025-06-09): A (3 days, only alice has backend >= 3) then
B (2 days, only bob has frontend >= 4, uses the rig) then milestone M.
So the optimal makespan is 5 working days (2-6 June), finishing Friday
2025-06-06, and the cost is fixed: alice 3 x 500 + bob 2 x 400 + rig
2 x 10 = 2,320.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import plansat
import plansat.solver.solve
from plansat.analysis.impact.scenarios import Scenario, scenarios
from plansat.batch import (
    ERROR,
    SUMMARY_COLUMNS,
    BatchItem,
    batch_summary,
    iter_solve_many,
    solve_many,
)
from plansat.check import violations
from plansat.models import Project, Result
from plansat.options import SolveOptions

ROOT = Path(__file__).resolve().parents[2]
ECOMMERCE = ROOT / "examples" / "ecommerce.json"

#: Keep solves short and reproducible: one CP-SAT worker, fixed seed.
FAST = SolveOptions(time_limit=5.0, workers=1, seed=0)

SMALL_MAKESPAN = 5
SMALL_FINISH = date(2025, 6, 6)
SMALL_COST = 3 * 500 + 2 * 400 + 2 * 10  # 2,320


MakeProject = Callable[..., dict[str, Any]]


def write(tmp_path: Path, name: str, data: Any) -> Path:
    path = tmp_path / name
    text = data if isinstance(data, str) else json.dumps(data)
    path.write_text(text, encoding="utf-8")
    return path


def signature(result: Result) -> tuple[Any, ...]:
    """What must not depend on where a solve ran."""
    return (
        result.status,
        result.objective_value,
        result.makespan,
        result.cost.total,
        [(t.id, t.start, t.duration, t.people) for t in result.tasks],
    )


def ecommerce_variants(count: int) -> list[Project]:
    """The e-commerce example shifted by 0, 7, 14, ... calendar days."""
    base = Project.from_file(ECOMMERCE)
    out = []
    for k in range(count):
        data = base.model_dump()
        data["name"] = f"ecommerce+{7 * k}d"
        data["start"] = date.fromordinal(base.start.toordinal() + 7 * k)
        data["deadline"] = None
        out.append(Project.model_validate(data))
    return out


def assert_sound(items: list[BatchItem], projects: list[Project]) -> None:
    """Every solved result respects its project."""
    for item, project in zip(items, projects, strict=True):
        assert item.ok, item.error
        assert item.result is not None
        assert violations(project, item.result) == []


@pytest.fixture
def mixed_batch(
    tmp_path: Path, make_project: MakeProject
) -> tuple[list[Any], list[Project | None]]:
    """good, invalid JSON, rule error, infeasible, good, missing file."""
    good = make_project()
    inputs: list[Any] = [
        write(tmp_path, "good.json", good),
        write(tmp_path, "broken.json", '{"start": "2025-06-02", '),
        write(tmp_path, "unknown.json", make_project(colour="red")),
        # 5 working days of work cannot finish by Tuesday 3 June.
        write(tmp_path, "late.json", make_project(deadline="2025-06-03")),
        Project.model_validate(make_project(name="Good object")),
        tmp_path / "missing.json",
    ]
    expected: list[Project | None] = [
        Project.model_validate(good),
        None,
        None,
        None,
        Project.model_validate(make_project(name="Good object")),
        None,
    ]
    return inputs, expected


# -- order, determinism, executors ------------------------------------------


def test_results_in_input_order_match_sequential_solves() -> None:
    projects = ecommerce_variants(4)
    items = solve_many(projects, FAST, jobs=2)
    assert [item.index for item in items] == [0, 1, 2, 3]
    assert [item.source for item in items] == [p.name for p in projects]
    sequential = [plansat.solve(p, FAST) for p in projects]
    for item, expected in zip(items, sequential, strict=True):
        assert item.result is not None
        assert signature(item.result) == signature(expected)
    assert_sound(items, projects)


@pytest.mark.parametrize("objective", ["time", "balance", "cost"])
def test_small_project_values(
    make_project: MakeProject, objective: str
) -> None:
    project = Project.model_validate(make_project())
    (item,) = solve_many([project], FAST, jobs=1, objective=objective)
    assert item.ok and item.error is None
    assert item.objective == objective
    assert item.result is not None
    assert item.result.objective == objective
    assert item.result.makespan == SMALL_MAKESPAN
    assert item.result.finish_date == SMALL_FINISH
    assert item.result.cost.total == pytest.approx(SMALL_COST)
    assert violations(project, item.result) == []


def test_spawned_workers_can_import_the_task(
    make_project: MakeProject,
) -> None:
    """Nothing relies on fork: a spawn pool solves the same."""
    project = Project.model_validate(make_project())
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        (item,) = solve_many([project], FAST, executor=pool)
    assert item.ok, item.error
    assert item.result is not None
    assert item.result.makespan == SMALL_MAKESPAN
    assert violations(project, item.result) == []


def test_thread_pool_executor_is_not_shut_down() -> None:
    projects = ecommerce_variants(2)
    with ThreadPoolExecutor(2) as pool:
        items = solve_many(projects, FAST, executor=pool)
        # still usable: solve_many never shuts down the caller's executor
        assert pool.submit(int, "7").result() == 7
    assert_sound(items, projects)


# -- failures never abort the batch -----------------------------------------


def test_bad_and_infeasible_projects_are_reported(
    mixed_batch: tuple[list[Any], list[Project | None]],
) -> None:
    inputs, expected = mixed_batch
    items = solve_many(inputs, FAST, jobs=2)
    assert [item.status for item in items] == [
        "OPTIMAL",
        ERROR,
        ERROR,
        "INFEASIBLE",
        "OPTIMAL",
        ERROR,
    ]
    assert [item.ok for item in items] == [
        True,
        False,
        False,
        False,
        True,
        False,
    ]
    broken, unknown, late, missing = (items[i] for i in (1, 2, 3, 5))
    assert broken.error is not None and "not valid JSON" in broken.error
    assert unknown.error == (
        "colour: unknown field (not in the project contract)"
    )
    assert late.result is not None and late.result.explanation
    assert late.error == late.result.explanation
    assert missing.error is not None
    assert missing.error.endswith("No such file or directory")
    for item, project in zip(items, expected, strict=True):
        if project is not None:
            assert item.result is not None
            assert item.result.makespan == SMALL_MAKESPAN
            assert violations(project, item.result) == []


@pytest.mark.parametrize(
    ("thing", "message"),
    [
        (42, "not a project, scenario or path: int"),
        (None, "not a project, scenario or path: NoneType"),
    ],
)
def test_unknown_inputs_become_errors(thing: Any, message: str) -> None:
    (item,) = solve_many([thing], FAST)
    assert not item.ok
    assert item.error == message
    assert item.status == ERROR


def test_solver_exception_becomes_an_error_item(
    monkeypatch: pytest.MonkeyPatch, make_project: MakeProject
) -> None:
    def boom(project: Project, options: SolveOptions) -> Result:
        if project.name == "boom":
            raise RuntimeError("solver exploded")
        return real(project, options)

    real = plansat.solver.solve.solve
    monkeypatch.setattr(plansat.solver.solve, "solve", boom)
    projects = [
        Project.model_validate(make_project(name=n))
        for n in ("a", "boom", "c")
    ]
    with ThreadPoolExecutor(2) as pool:  # same process: the patch applies
        items = solve_many(projects, FAST, executor=pool)
    assert [item.ok for item in items] == [True, False, True]
    assert items[1].error == "RuntimeError: solver exploded"
    for item, project in zip(items, projects, strict=True):
        if item.ok:
            assert item.result is not None
            assert violations(project, item.result) == []


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork",
    reason="needs fork so that the children inherit the patched solver",
)
def test_a_crashing_worker_loses_no_project(
    monkeypatch: pytest.MonkeyPatch, make_project: MakeProject
) -> None:
    def crash(project: Project, options: SolveOptions) -> Result:
        if project.name == "crash":
            os._exit(13)  # kills the worker process: BrokenProcessPool
        return real(project, options)

    real = plansat.solver.solve.solve
    monkeypatch.setattr(plansat.solver.solve, "solve", crash)
    names = ["a", "b", "crash", "d", "e"]
    projects = [Project.model_validate(make_project(name=n)) for n in names]
    items = solve_many(projects, FAST, jobs=2)
    assert [item.index for item in items] == list(range(5))
    assert [item.ok for item in items] == [True, True, False, True, True]
    assert items[2].error is not None
    assert "worker process crashed" in items[2].error
    for item, project in zip(items, projects, strict=True):
        if item.ok:
            assert item.result is not None
            assert violations(project, item.result) == []


# -- streaming, summary, progress -------------------------------------------


def test_iter_solve_many_yields_each_index_once(
    mixed_batch: tuple[list[Any], list[Project | None]],
) -> None:
    inputs, expected = mixed_batch
    items = list(iter_solve_many(inputs, FAST, jobs=2))
    assert sorted(item.index for item in items) == list(range(len(inputs)))
    for item in items:
        project = expected[item.index]
        if project is not None:
            assert item.result is not None
            assert violations(project, item.result) == []


def test_batch_summary_has_one_row_per_input(
    mixed_batch: tuple[list[Any], list[Project | None]],
) -> None:
    inputs, _ = mixed_batch
    items = solve_many(inputs, FAST, jobs=2)
    frame = batch_summary(items)
    assert list(frame.columns) == SUMMARY_COLUMNS
    assert len(frame) == len(inputs)
    assert list(frame["index"]) == list(range(len(inputs)))
    assert list(frame["status"]) == [item.status for item in items]
    good = frame.iloc[0]
    assert good["objective_value"] == SMALL_MAKESPAN
    assert good["makespan"] == SMALL_MAKESPAN
    assert good["finish_date"] == "2025-06-06"
    assert good["total_cost"] == pytest.approx(SMALL_COST)
    assert pd.isna(good["error"])
    late = frame.iloc[3]
    assert late["status"] == "INFEASIBLE"
    assert "\n" not in late["error"]


def test_progress_is_called_once_per_input(
    mixed_batch: tuple[list[Any], list[Project | None]],
) -> None:
    inputs, expected = mixed_batch
    calls: list[tuple[BatchItem, int, int]] = []

    def progress(item: BatchItem, done: int, total: int) -> None:
        calls.append((item, done, total))

    items = solve_many(inputs, FAST, jobs=2, progress=progress)
    total = len(inputs)
    assert [done for _, done, _ in calls] == list(range(1, total + 1))
    assert {seen for _, _, seen in calls} == {total}
    # invalid inputs included: every item was reported, each once
    assert sorted(item.index for item, _, _ in calls) == list(range(total))
    assert {id(item) for item, _, _ in calls} == {id(item) for item in items}
    for item, project in zip(items, expected, strict=True):
        if project is not None:
            assert item.result is not None
            assert violations(project, item.result) == []


def test_iter_solve_many_reports_each_item_before_yielding_it(
    make_project: MakeProject,
) -> None:
    projects = [
        Project.model_validate(make_project(name=n)) for n in ("a", "b")
    ]
    inputs: list[Any] = [*projects, 42]
    calls: list[tuple[int, int, int]] = []
    stream = iter_solve_many(
        inputs,
        FAST,
        jobs=2,
        progress=lambda item, done, total: calls.append(
            (item.index, done, total)
        ),
    )
    for n, item in enumerate(stream, start=1):
        assert calls[-1] == (item.index, n, 3)
        if item.index < len(projects):
            assert item.result is not None
            assert violations(projects[item.index], item.result) == []
    assert len(calls) == 3


def test_the_library_draws_nothing(
    capsys: pytest.CaptureFixture[str], make_project: MakeProject
) -> None:
    project = Project.model_validate(make_project())
    (item,) = solve_many([project], FAST, jobs=1)
    assert item.ok and item.result is not None
    assert violations(project, item.result) == []
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


@pytest.mark.parametrize(("workers", "expected"), [(None, 1), (2, 2)])
def test_the_options_reach_every_solve(
    monkeypatch: pytest.MonkeyPatch,
    make_project: MakeProject,
    workers: int | None,
    expected: int,
) -> None:
    """One worker per solve unless told; a scenario keeps its objective."""
    seen: dict[str, SolveOptions] = {}

    def spy(project: Project, options: SolveOptions) -> Result:
        seen[project.name] = options
        return real(project, options)

    real = plansat.solver.solve.solve
    monkeypatch.setattr(plansat.solver.solve, "solve", spy)
    plain = Project.model_validate(make_project(name="plain"))
    scenario = Project.model_validate(make_project(name="scenario"))
    options = SolveOptions(
        objective="balance", time_limit=5.0, seed=3, slack=1
    )
    with ThreadPoolExecutor(2) as pool:  # same process: the patch applies
        items = solve_many(
            [plain, Scenario("what if", scenario, "cost")],
            options,
            executor=pool,
            workers=workers,
        )
    assert seen["plain"] == SolveOptions(
        objective="balance", time_limit=5.0, workers=expected, seed=3, slack=1
    )
    assert seen["scenario"] == SolveOptions(
        objective="cost", time_limit=5.0, workers=expected, seed=3, slack=1
    )
    assert [item.objective for item in items] == ["balance", "cost"]
    for item, project in zip(items, [plain, scenario], strict=True):
        assert item.ok and item.result is not None
        assert item.result.objective == item.objective
        assert violations(project, item.result) == []


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"workers": 0}, ValueError, "workers must be >= 1"),
        ({"time_limit": 0}, ValueError, "time_limit must be > 0"),
        ({"jobs": 0}, ValueError, "jobs must be >= 1"),
        ({"strategy": "fastest"}, ValueError, "unknown strategy 'fastest'"),
        ({"colour": "red"}, TypeError, "unknown solve option"),
    ],
)
def test_bad_options_raise_at_once(
    kwargs: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        solve_many([], **kwargs)
    with pytest.raises(error, match=message):
        iter_solve_many([], **kwargs)  # before the first item is asked


def test_empty_batch() -> None:
    calls: list[int] = []
    assert solve_many([], progress=lambda *_: calls.append(1)) == []
    assert calls == []
    assert len(batch_summary([])) == 0


def test_importing_batch_loads_neither_ortools_nor_pandas() -> None:
    """Workers import the solver; batch_summary imports pandas."""
    code = (
        "import json, sys\n"
        "import plansat.batch\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    loaded = json.loads(done.stdout)
    assert "plansat.batch" in loaded
    heavy = [
        name
        for name in loaded
        if name.split(".")[0] in {"ortools", "pandas", "rich"}
        or name.startswith("plansat.solver")
    ]
    assert heavy == []


# -- scenarios --------------------------------------------------------------


def test_scenarios_cartesian_product_names(ecommerce: Project) -> None:
    variants = scenarios(
        ecommerce,
        objective=["time", "cost"],
        deadline=[None, date(2025, 10, 1)],
        overhead_per_day=[0, 500, 1000],
    )
    assert len(variants) == 2 * 2 * 3
    assert variants[0].name == (
        "objective=time,deadline=none,overhead_per_day=0"
    )
    assert variants[-1].name == (
        "objective=cost,deadline=2025-10-01,overhead_per_day=1000"
    )
    assert len({v.name for v in variants}) == len(variants)
    last = variants[-1]
    assert last.ok and last.project is not None
    assert last.objective == "cost"
    assert last.project.deadline == date(2025, 10, 1)
    assert last.project.overhead_per_day == 1000
    assert variants[0].project is not None
    assert variants[0].project.deadline is None
    # the base project is untouched
    assert ecommerce.deadline == date(2025, 10, 31)


def test_scenarios_without_variations_is_the_base(
    ecommerce: Project,
) -> None:
    (only,) = scenarios(ecommerce)
    assert only.name == "base"
    assert only.project == ecommerce
    assert only.objective == "time"


def test_scenarios_team_by_size_and_ids(ecommerce: Project) -> None:
    by_size, by_ids = scenarios(
        ecommerce, team=[5, ["eva", "david", "carol", "bob", "alice"]]
    )
    assert by_size.name == "team=5"
    assert by_ids.name == "team=eva+david+carol+bob+alice"
    assert by_size.project is not None and by_ids.project is not None
    # ids keep the project's order of people
    assert [p.id for p in by_ids.project.people] == [
        "alice",
        "bob",
        "carol",
        "david",
        "eva",
    ]


@pytest.mark.parametrize(
    ("variation", "message"),
    [
        # alice + bob: nobody left for frontend, qa, devops
        ({"team": [["alice", "bob"]]}, "frontend >= 4; no one qualifies"),
        ({"team": [["alice", "zed"]]}, "team: unknown person zed"),
        ({"team": [9]}, "team: 9 people asked, the project has 5"),
        ({"overhead_per_day": [-1]}, "overhead_per_day: Input should be"),
        ({"deadline": ["not a date"]}, "deadline: expected a date as YYYY"),
    ],
)
def test_invalid_variant_is_an_error_not_a_crash(
    ecommerce: Project, variation: dict[str, Any], message: str
) -> None:
    (variant,) = scenarios(ecommerce, **variation)
    assert not variant.ok
    assert variant.project is None
    assert variant.error is not None and message in variant.error


@pytest.mark.parametrize(
    ("variation", "message"),
    [
        ({"colour": ["red"]}, "unknown variation 'colour'"),
        ({"objective": ["fast"]}, "unknown objective 'fast'"),
        ({"deadline": []}, "variation 'deadline' has no values"),
    ],
)
def test_bad_scenario_calls_raise(
    ecommerce: Project, variation: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        scenarios(ecommerce, **variation)


def test_solve_many_solves_scenarios_with_their_objective(
    ecommerce: Project,
) -> None:
    variants = scenarios(
        ecommerce,
        objective=["time", "cost"],
        team=[5, ["alice", "bob"]],
        deadline=[None, "2025-07-15"],
    )
    assert len(variants) == 8
    items = solve_many(variants, FAST, jobs=2)
    assert [item.source for item in items] == [v.name for v in variants]
    by_name = {item.source: item for item in items}
    for variant, item in zip(variants, items, strict=True):
        assert item.objective == variant.objective
        if variant.project is None:  # the alice+bob team: invalid
            assert item.status == ERROR
            assert item.error == variant.error
            continue
        assert item.result is not None
        if variant.values["deadline"] is not None:
            # even fully crashed it takes 52 working days: past 15 July
            assert item.status == "INFEASIBLE"
            continue
        assert item.ok
        assert item.result.objective == variant.objective
        assert violations(variant.project, item.result) == []
    fastest = by_name["objective=time,team=5,deadline=none"].result
    cheapest = by_name["objective=cost,team=5,deadline=none"].result
    assert fastest is not None and cheapest is not None
    assert cheapest.cost.total <= fastest.cost.total
    assert fastest.makespan is not None and cheapest.makespan is not None
    assert fastest.makespan <= cheapest.makespan


def test_scenario_is_a_plain_dataclass(ecommerce: Project) -> None:
    variant = Scenario("x", ecommerce, "balance")
    (item,) = solve_many([variant], FAST, jobs=1)
    assert item.source == "x"
    assert item.objective == "balance"
    assert item.result is not None
    assert violations(ecommerce, item.result) == []


# -- Dask (last: no fork while the cluster's threads run) ---------------


@pytest.fixture(scope="module")
def dask_executor() -> Iterator[Any]:
    distributed = pytest.importorskip(
        "distributed",
        reason="dask[distributed] is not installed "
        "(pip install 'dask[distributed]')",
    )
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
    )
    client = distributed.Client(cluster)
    try:
        yield client.get_executor()
    finally:
        client.close()
        cluster.close()


def test_dask_cluster_gives_the_sequential_results(
    dask_executor: Any, tmp_path: Path, make_project: MakeProject
) -> None:
    projects = ecommerce_variants(3)
    bad = write(tmp_path, "bad.json", "[]")
    items = solve_many([*projects, bad], FAST, executor=dask_executor)
    assert [item.index for item in items] == [0, 1, 2, 3]
    for item, project in zip(items, projects, strict=False):
        expected = plansat.solve(project, FAST)
        assert item.result is not None
        assert signature(item.result) == signature(expected)
    assert_sound(items[:3], projects)
    assert not items[3].ok
    assert items[3].error == "<root>: a project is a JSON object, not list"
