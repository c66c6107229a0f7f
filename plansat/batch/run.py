"""Solve many projects at once over any :class:`concurrent.futures.Executor`.

:func:`solve_many` sends each project to an executor (by default a
process pool sized to the machine), solves it with
:func:`plansat.solver.solve.solve` and returns one :class:`BatchItem` per
input, in input order.  The batch never aborts: a project that is
invalid, infeasible, or whose worker crashed gets an item that says why,
and the others are solved.

Any executor works, including a Dask cluster's::

    from distributed import Client
    from plansat.batch import batch_summary, solve_many
    from plansat.options import SolveOptions

    options = SolveOptions(objective="cost", time_limit=30)
    with Client("tcp://scheduler:8786") as client:
        items = solve_many(paths, options, executor=client.get_executor())
    print(batch_summary(items))

What crosses the process boundary is plain data only: the project as JSON
text, the options as :meth:`SolveOptions.to_dict` and the result as a
JSON dict; the function the workers run,
:func:`~plansat.batch.items.solve_payload`, is a top-level function, so
spawn, forkserver and remote workers can import it.

The engine draws nothing: a ``progress(item, done, total)`` callback
hears of every finished item, and the caller shows it as it likes.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import (
    BrokenExecutor,
    Executor,
    Future,
    ProcessPoolExecutor,
    as_completed,
)
from contextlib import closing
from dataclasses import replace
from typing import Any

from plansat.batch.items import (
    BatchInput,
    BatchItem,
    Job,
    describe,
    make_job,
    solve_payload,
)
from plansat.options import SolveOptions

log = logging.getLogger(__name__)

#: ``progress(item, done, total)``: called after each finished item.
BatchProgress = Callable[[BatchItem, int, int], None]


def iter_solve_many(
    projects: Iterable[BatchInput],
    options: SolveOptions | None = None,
    *,
    executor: Executor | None = None,
    jobs: int | None = None,
    progress: BatchProgress | None = None,
    **overrides: Any,
) -> Iterator[BatchItem]:
    """Solve many projects, yielding each item as soon as it is done.

    Takes the same parameters as :func:`solve_many`, which it checks at
    once; the inputs are read and solved as the iterator is consumed.
    Items come in completion order (use :attr:`BatchItem.index` to place
    them) and every input yields exactly one item; ``progress`` is called
    with each item right before it is yielded.  Closing the iterator
    early cancels the pending solves (and shuts down a pool it created).
    """
    settings = batch_options(options, **overrides)
    if jobs is not None and jobs < 1:
        raise ValueError(f"jobs must be >= 1 (got {jobs})")
    size = jobs or max(1, (os.cpu_count() or 1) // settings.threads)
    return _iterate(projects, settings, executor, size, progress)


def solve_many(
    projects: Iterable[BatchInput],
    options: SolveOptions | None = None,
    *,
    executor: Executor | None = None,
    jobs: int | None = None,
    progress: BatchProgress | None = None,
    **overrides: Any,
) -> list[BatchItem]:
    """Solve many projects in parallel; one item per input, input order.

    Parameters
    ----------
    projects
        :class:`~plansat.models.Project` objects, paths to project files
        (str or :class:`~pathlib.Path`) and/or
        :class:`~plansat.analysis.impact.scenarios.Scenario` objects, in any
        mix.
    options
        How to solve each project (default: ``SolveOptions()``).
        ``time_limit`` is the limit of each solve and ``workers`` the
        CP-SAT workers of each solve; unlike a single solve, a batch uses
        **one** worker per solve when ``workers`` is ``None`` (with one
        worker and a fixed ``seed`` the results do not depend on the
        executor).  A scenario is solved for its own objective, whatever
        ``options.objective`` says.  The strategy is sent to the workers
        by name, so it must be one of
        :data:`plansat.solver.search.STRATEGIES`.
    executor
        Where to run the solves: any :class:`concurrent.futures.Executor`
        (a process pool, ``distributed.Client(...).get_executor()``,
        ...).  It is not shut down.  Default: a process pool of ``jobs``
        processes, created and shut down here.
    jobs
        Processes of the default pool (default: the number of cores //
        the workers per solve, at least 1).  Ignored with ``executor``.
    progress
        Called as ``progress(item, done, total)`` after each item is
        finished, invalid inputs included: ``done`` counts the finished
        items (1, 2, ..., ``total``), ``total`` is the number of inputs.
        Items come in completion order, not input order.
    **overrides
        Fields of :class:`~plansat.options.SolveOptions` replacing those
        of ``options`` (``objective="cost"``, ``time_limit=5``, ...).

    Returns
    -------
    list[BatchItem]
        One per input, in input order.  Invalid inputs, infeasible
        projects and crashed solves are items with ``ok=False`` and an
        ``error``; the batch never raises for them.

    Raises
    ------
    ValueError
        For invalid options, an unknown or unregistered strategy, or
        ``jobs < 1``.
    TypeError
        For an override that is not a solve option.

    Notes
    -----
    If the pool breaks (a worker process dies), the solves it lost are
    run again in a fresh process pool; solves that break that one too
    are run one per process, so the project that kills its worker is
    reported as such and every other project is still solved.
    """
    items = iter_solve_many(
        projects,
        options,
        executor=executor,
        jobs=jobs,
        progress=progress,
        **overrides,
    )
    return sorted(items, key=lambda item: item.index)


def batch_options(
    options: SolveOptions | None = None, **overrides: Any
) -> SolveOptions:
    """The options of every solve of a batch.

    ``options`` (or the defaults) with ``overrides`` applied, one CP-SAT
    worker when ``workers`` is ``None``, and a strategy the workers can
    find by name.

    Raises
    ------
    ValueError
        For invalid options or a strategy that is not registered.
    TypeError
        For an override that is not a solve option.
    """
    settings = SolveOptions.of(options, **overrides)
    if settings.workers is None:
        settings = replace(settings, workers=1)
    _check_strategy(settings)
    return settings


# -- internals -------------------------------------------------------------


def _check_strategy(options: SolveOptions) -> None:
    """Refuse a strategy that would not arrive intact by name."""
    from plansat.solver.search import STRATEGIES

    name = options.strategy_name
    if name not in STRATEGIES:
        raise ValueError(
            f"unknown strategy '{name}'; choose from {', '.join(STRATEGIES)}"
        )
    if not isinstance(options.strategy, str) and (
        options.strategy != STRATEGIES[name]
    ):
        raise ValueError(
            f"strategy '{name}' differs from the registered one of that "
            "name; a batch sends strategies to its workers by name"
        )


def _iterate(
    projects: Iterable[BatchInput],
    options: SolveOptions,
    executor: Executor | None,
    size: int,
    progress: BatchProgress | None,
) -> Iterator[BatchItem]:
    """Read the inputs, solve them, report and yield every item."""
    entries = [make_job(i, p, options) for i, p in enumerate(projects)]
    total = len(entries)
    with closing(_finish(entries, executor, size)) as finished:
        for done, item in enumerate(finished, start=1):
            if progress is not None:
                progress(item, done, total)
            yield item


def _finish(
    entries: list[Job], executor: Executor | None, size: int
) -> Generator[BatchItem, None, None]:
    """The items of ``entries``: failed inputs first, then as solved."""
    for job in entries:
        if job.payload is None:
            yield job.failed(job.error or "invalid input")
    todo = [job for job in entries if job.payload is not None]
    if todo:
        yield from _run(todo, executor, size)


def _run(
    todo: list[Job], executor: Executor | None, size: int
) -> Iterator[BatchItem]:
    """Run ``todo`` on ``executor`` (or a pool of ``size``); on a broken
    pool retry in a fresh pool, then one job per process."""
    lost: list[Job] = todo
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
            yield bad.failed(
                "the worker process crashed while solving this project "
                "(it died twice)"
            )


def _round(
    todo: list[Job], executor: Executor | None, size: int
) -> Generator[BatchItem, None, list[Job]]:
    """Submit ``todo``, yield finished items; return the jobs lost to a
    broken pool (as the generator's return value)."""
    own = executor is None
    pool: Executor = executor or ProcessPoolExecutor(
        max_workers=max(1, min(size, len(todo)))
    )
    lost: list[Job] = []
    futures: dict[Future[dict[str, Any]], Job] = {}
    try:
        for n, job in enumerate(todo):
            assert job.payload is not None  # failed inputs never get here
            try:
                futures[pool.submit(solve_payload, job.payload)] = job
            except BrokenExecutor:
                lost.extend(todo[n:])
                break
            except Exception as exc:  # e.g. a closed Dask client
                yield job.failed(describe(exc))
        for future in as_completed(futures):
            job = futures[future]
            try:
                out = future.result()
            except BrokenExecutor:
                lost.append(job)
                continue
            except Exception as exc:
                yield job.failed(describe(exc))
                continue
            yield job.finished(out)
    finally:
        if own:
            pool.shutdown(wait=True, cancel_futures=True)
        else:
            for future in futures:
                future.cancel()
    return sorted(lost, key=lambda job: job.index)
