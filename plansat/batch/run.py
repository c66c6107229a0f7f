"""Solve many projects at once over any :class:`concurrent.futures.Executor`.

:func:`solve_many` sends each project to an executor (by default a
process pool sized to the machine), solves it with
:func:`plansat.solver.engine.solve` and returns one :class:`BatchItem` per
input, in input order.  The batch never aborts: a project that is
invalid, infeasible, or whose worker crashed gets an item that says why,
and the others are solved.

Any executor works, including a Dask cluster's::

    from distributed import Client
    from plansat.batch import batch_summary, solve_many

    with Client("tcp://scheduler:8786") as client:
        items = solve_many(paths, executor=client.get_executor())
    print(batch_summary(items))

What crosses the process boundary is plain data only: the project as JSON
text and the result as a JSON dict; the function the workers run,
:func:`solve_payload`, is a top-level function of this module, so spawn,
forkserver and remote workers can import it.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import (
    BrokenExecutor,
    Executor,
    Future,
    ProcessPoolExecutor,
    as_completed,
)
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plansat.analysis.scenarios import Scenario
from plansat.io import FORMATS, read
from plansat.models import Project, ProjectError, Result
from plansat.models.result import Objective

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)

#: What :func:`solve_many` accepts as one input.
BatchInput = Project | Scenario | str | os.PathLike[str]

#: Status shown for items without a result (invalid input, crash).
ERROR = "ERROR"

#: Columns of :func:`batch_summary`, in order.
SUMMARY_COLUMNS = [
    "index",
    "source",
    "status",
    "objective",
    "objective_value",
    "bound",
    "gap",
    "makespan",
    "finish_date",
    "total_cost",
    "runtime",
    "error",
]


@dataclass
class BatchItem:
    """The outcome of one project of a batch.

    Attributes
    ----------
    index
        Position of the project in the input.
    source
        Where it came from: the file path, the scenario name or the
        project's name.
    objective
        The objective it was solved for.
    ok
        Whether a schedule was found (OPTIMAL or FEASIBLE).
    result
        The solver's result (also for INFEASIBLE and UNKNOWN); ``None``
        when the input was invalid or the solve crashed.
    error
        Why there is no schedule (the validation errors, the
        infeasibility explanation or the crash), else ``None``.
    runtime
        Seconds spent on this item by its worker (reading, validating
        and solving).
    """

    index: int
    source: str
    objective: Objective
    ok: bool
    result: Result | None
    error: str | None
    runtime: float

    @property
    def status(self) -> str:
        """The solve status, or ``"ERROR"`` when there is no result."""
        return self.result.status.value if self.result else ERROR


@dataclass(frozen=True)
class _Job:
    """One item ready to submit, or already failed before submission."""

    index: int
    source: str
    objective: Objective
    payload: dict[str, Any] | None
    error: str | None = None


# -- the worker side -------------------------------------------------------


def solve_payload(payload: dict[str, Any]) -> dict[str, Any]:
    """Solve one project given as plain data; return plain data.

    This is what executors run, so it takes and returns only picklable
    builtins and never raises for a bad project.

    Parameters
    ----------
    payload
        ``text`` (project JSON as str or bytes), ``source`` (for error
        messages), ``objective``, ``time_limit``, ``workers``, ``seed``
        and ``slack``.

    Returns
    -------
    dict
        ``ok``, ``result`` (a Result as a JSON dict, or ``None``),
        ``error`` (str or ``None``) and ``runtime`` (seconds).
    """
    from plansat.solver.solve import solve

    started = time.monotonic()
    result: Result | None = None
    error: str | None = None
    try:
        project = Project.from_json(payload["text"], source=payload["source"])
        result = solve(
            project,
            objective=payload["objective"],
            time_limit=payload["time_limit"],
            workers=payload["workers"],
            seed=payload["seed"],
            slack=payload["slack"],
        )
    except ProjectError as exc:
        error = "\n".join(exc.errors)
    except Exception as exc:  # the batch must go on whatever happens
        log.exception("solving %s failed", payload.get("source"))
        error = _describe(exc)
    ok = result is not None and result.status.has_solution
    if result is not None and not ok:
        error = result.explanation or f"no schedule: {result.status.value}"
    return {
        "ok": ok,
        "result": None if result is None else result.model_dump(mode="json"),
        "error": error,
        "runtime": time.monotonic() - started,
    }


# -- the driver side -------------------------------------------------------


def iter_solve_many(
    projects: Iterable[BatchInput],
    objective: Objective = "time",
    executor: Executor | None = None,
    workers_per_solve: int = 1,
    time_limit: float = 10.0,
    seed: int = 0,
    progress: bool = True,
    slack: int = 0,
    jobs: int | None = None,
) -> Iterator[BatchItem]:
    """Solve many projects, yielding each item as soon as it is done.

    Takes the same parameters as :func:`solve_many`; items come in
    completion order (use :attr:`BatchItem.index` to place them).  Every
    input yields exactly one item.  Closing the generator early cancels
    the pending solves of a pool it created.
    """
    if workers_per_solve < 1:
        raise ValueError("workers_per_solve must be at least 1")
    entries = [
        _job(i, p, objective, time_limit, workers_per_solve, seed, slack)
        for i, p in enumerate(projects)
    ]
    with _progress_bar(progress, len(entries)) as advance:
        for job in entries:
            if job.payload is None:
                advance()
                yield _failed(job, job.error or "invalid input", 0.0)
        todo = [job for job in entries if job.payload is not None]
        if not todo:
            return
        size = jobs or max(1, (os.cpu_count() or 1) // workers_per_solve)
        for item in _run(todo, executor, size):
            advance()
            yield item


def solve_many(
    projects: Iterable[BatchInput],
    objective: Objective = "time",
    executor: Executor | None = None,
    workers_per_solve: int = 1,
    time_limit: float = 10.0,
    seed: int = 0,
    progress: bool = True,
    slack: int = 0,
    jobs: int | None = None,
) -> list[BatchItem]:
    """Solve many projects in parallel; one item per input, input order.

    Parameters
    ----------
    projects
        :class:`~plansat.models.Project` objects, paths to project JSON
        files (str or :class:`~pathlib.Path`) and/or
        :class:`~plansat.analysis.scenarios.Scenario` objects (solved for
        their own objective), in any mix.
    objective
        ``"time"``, ``"balance"`` or ``"cost"`` for projects and paths.
    executor
        Where to run the solves: any :class:`concurrent.futures.Executor`
        (a process pool, ``distributed.Client(...).get_executor()``,
        ...).  It is not shut down.  Default: a process pool of ``jobs``
        processes, created and shut down here.
    workers_per_solve
        CP-SAT workers of each solve.  With 1 and a fixed ``seed`` the
        results do not depend on the executor.
    time_limit
        Seconds for each solve.
    seed
        Random seed of every solve.
    progress
        Show a progress bar on stderr when stderr is a terminal.
    slack
        For ``balance``: days the finish may exceed the fastest one.
    jobs
        Processes of the default pool (default: the number of cores //
        ``workers_per_solve``, at least 1).  Ignored with ``executor``.

    Returns
    -------
    list[BatchItem]
        One per input, in input order.  Invalid inputs, infeasible
        projects and crashed solves are items with ``ok=False`` and an
        ``error``; the batch never raises for them.

    Notes
    -----
    If the pool breaks (a worker process dies), the solves it lost are
    run again in a fresh process pool; solves that break that one too
    are run one per process, so the project that kills its worker is
    reported as such and every other project is still solved.
    """
    items = list(
        iter_solve_many(
            projects,
            objective=objective,
            executor=executor,
            workers_per_solve=workers_per_solve,
            time_limit=time_limit,
            seed=seed,
            progress=progress,
            slack=slack,
            jobs=jobs,
        )
    )
    return sorted(items, key=lambda item: item.index)


def batch_summary(items: Iterable[BatchItem]) -> pd.DataFrame:
    """One row per item: status, objective, bound, gap, finish, cost.

    Columns are :data:`SUMMARY_COLUMNS`; ``status`` is ``"ERROR"`` for
    items without a result and ``error`` holds the reason on one line
    (lines joined with ``"; "``).
    """
    import pandas as pd

    rows = []
    for item in sorted(items, key=lambda it: it.index):
        r = item.result
        has = r is not None and r.status.has_solution
        rows.append(
            {
                "index": item.index,
                "source": item.source,
                "status": item.status,
                "objective": item.objective,
                "objective_value": r.objective_value if r else None,
                "bound": r.bound if r else None,
                "gap": r.gap if r else None,
                "makespan": r.makespan if r else None,
                "finish_date": (
                    r.finish_date.isoformat() if r and r.finish_date else None
                ),
                "total_cost": r.cost.total if r and has else None,
                "runtime": round(item.runtime, 3),
                "error": (
                    "; ".join(item.error.splitlines()) if item.error else None
                ),
            }
        )
    frame = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    frame["makespan"] = frame["makespan"].astype("Int64")
    return frame


# -- internals -------------------------------------------------------------


def _job(
    index: int,
    item: BatchInput,
    objective: Objective,
    time_limit: float,
    workers: int,
    seed: int,
    slack: int,
) -> _Job:
    """Turn one input into a payload (or an early error)."""
    text: str | bytes
    if isinstance(item, Scenario):
        source, objective = item.name, item.objective
        if item.project is None:
            return _Job(index, source, objective, None, item.error)
        text = item.project.model_dump_json()
    elif isinstance(item, Project):
        source, text = item.name, item.model_dump_json()
    elif isinstance(item, str | os.PathLike):
        path = Path(item)
        source = str(path)
        try:
            if path.suffix.lower() in FORMATS and path.suffix != ".json":
                text = read(path).model_dump_json()  # benchmark formats
            else:
                text = path.read_bytes()
        except OSError as exc:
            return _Job(
                index, source, objective, None, f"{path}: {exc.strerror}"
            )
        except ProjectError as exc:
            return _Job(index, source, objective, None, "; ".join(exc.errors))
    else:
        return _Job(
            index,
            repr(item)[:80],
            objective,
            None,
            f"not a project, scenario or path: {type(item).__name__}",
        )
    payload = {
        "text": text,
        "source": source,
        "objective": objective,
        "time_limit": time_limit,
        "workers": workers,
        "seed": seed,
        "slack": slack,
    }
    return _Job(index, source, objective, payload)


def _failed(job: _Job, error: str, runtime: float) -> BatchItem:
    return BatchItem(
        job.index, job.source, job.objective, False, None, error, runtime
    )


def _item(job: _Job, out: dict[str, Any]) -> BatchItem:
    data = out.get("result")
    result = None if data is None else Result.model_validate(data)
    return BatchItem(
        job.index,
        job.source,
        job.objective,
        bool(out.get("ok")),
        result,
        out.get("error"),
        float(out.get("runtime", 0.0)),
    )


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _run(
    todo: list[_Job], executor: Executor | None, size: int
) -> Iterator[BatchItem]:
    """Run ``todo`` on ``executor`` (or a pool of ``size``); on a broken
    pool retry in a fresh pool, then one job per process."""
    lost: list[_Job] = todo
    rounds: list[tuple[Executor | None, int]] = [
        (executor, size),  # the caller's executor, or our pool
        (None, size),  # a fresh pool for the solves a break lost
    ]
    for given, width in rounds:
        lost = yield from _round(lost, given, width)
        if not lost:
            return
        log.warning(
            "the pool broke; retrying %d solve(s) in a fresh pool",
            len(lost),
        )
    # Still breaking: one process per solve finds the culprit(s).
    for job in lost:
        again = yield from _round([job], None, 1)
        for bad in again:
            yield _failed(
                bad,
                "the worker process crashed while solving this project "
                "(it died twice)",
                0.0,
            )


def _round(
    todo: list[_Job], executor: Executor | None, size: int
) -> Generator[BatchItem, None, list[_Job]]:
    """Submit ``todo``, yield finished items; return the jobs lost to a
    broken pool (as the generator's return value)."""
    own = executor is None
    pool: Executor = executor or ProcessPoolExecutor(
        max_workers=max(1, min(size, len(todo)))
    )
    lost: list[_Job] = []
    futures: dict[Future[dict[str, Any]], _Job] = {}
    try:
        for n, job in enumerate(todo):
            assert job.payload is not None
            try:
                futures[pool.submit(solve_payload, job.payload)] = job
            except BrokenExecutor:
                lost.extend(todo[n:])
                break
            except Exception as exc:  # e.g. a closed Dask client
                yield _failed(job, _describe(exc), 0.0)
        for future in as_completed(futures):
            job = futures[future]
            try:
                out = future.result()
            except BrokenExecutor:
                lost.append(job)
                continue
            except Exception as exc:
                yield _failed(job, _describe(exc), 0.0)
                continue
            yield _item(job, out)
    finally:
        if own:
            pool.shutdown(wait=True, cancel_futures=True)
        else:
            for future in futures:
                future.cancel()
    return sorted(lost, key=lambda job: job.index)


@contextmanager
def _progress_bar(enabled: bool, total: int) -> Iterator[Callable[[], None]]:
    """A rich progress bar on stderr when it is a terminal, else nothing.

    Yields a callable that advances the bar by one.
    """
    if not (enabled and total and sys.stderr.isatty()):
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn("solving"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("solving", total=total)
        yield lambda: bar.advance(task)
