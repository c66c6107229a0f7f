"""Long work off the request path: solves, Monte Carlo runs and
portfolio plans of large projects on a
:class:`concurrent.futures.Executor`.

A tool's body runs in a worker thread of the server
(:func:`plansat.mcp.runtime.call`); for a project (or portfolio) of at
least ``min_tasks`` tasks, :func:`plansat.mcp.plans.solve_plan`,
:func:`~plansat.mcp.plans.risk_report` and the portfolio tools
(:mod:`plansat.mcp.portfolios`) hand the computation itself to
the :class:`Offload` executor: a local process pool by default, or a
Dask cluster (``distributed.Client(address).get_executor()``, ``plansat
mcp --dask tcp://scheduler:8786``).  The thread waits for the future,
so one large request never holds the server's threads' CPU (nor the
GIL), and a cancelled request cancels its future: a queued task never
runs, a running one is released (Dask) and its result thrown away.
The work itself gets only values (the project, the options, the
seconds left), never the store.

The executor is made on first use and shut down with the server.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import (
    CancelledError,
    Executor,
    Future,
    ProcessPoolExecutor,
)
from concurrent.futures import TimeoutError as FutureTimeout
from multiprocessing import get_context
from typing import Any, TypeVar

from plansat.models.tradeoff import NoScheduleError

__all__ = ["MIN_TASKS", "Cancelled", "Offload", "OffloadError"]

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Projects with this many tasks or more are solved off the request path.
MIN_TASKS = 200

#: Seconds between two looks at a request's cancellation while waiting.
POLL = 0.1


class Cancelled(Exception):  # noqa: N818 - what happened
    """The request was cancelled; its work was cancelled with it."""


class OffloadError(RuntimeError):
    """The executor failed (a lost worker, a cluster that can't read the
    task: workers need the server's plansat)."""


class Offload:
    """Where the large requests' work runs.

    Parameters
    ----------
    dask
        A Dask scheduler address (``tcp://host:8786``): run there.
        ``None``: a local process pool.
    min_tasks
        Projects with fewer tasks run in the request's own thread.
    workers
        Processes of the local pool (default: the CPU count).
    """

    def __init__(self, dask: str | None = None, *,
                 min_tasks: int = MIN_TASKS,
                 workers: int | None = None) -> None:
        self.dask, self.min_tasks, self.workers = dask, min_tasks, workers
        self._executor: Executor | None = None
        self._client: Any = None
        self._lock = threading.Lock()
        #: How many pieces of work were handed to the executor.
        self.submitted = 0

    @property
    def where(self) -> str:
        """Where the work runs, in words."""
        return self.dask or "a worker process"

    def wanted(self, tasks: int) -> bool:
        """Whether a project of ``tasks`` tasks runs on the executor."""
        return tasks >= self.min_tasks

    def executor(self) -> Executor:
        """The executor, made on first use."""
        with self._lock:
            if self._executor is None:
                self._executor = self._make()
            return self._executor

    def _make(self) -> Executor:
        if self.dask is None:
            log.info("large requests run on a local process pool")
            return ProcessPoolExecutor(self.workers,
                                       mp_context=get_context("spawn"))
        from distributed import Client

        self._client = Client(self.dask, timeout="10s")
        log.info("large requests run on the Dask cluster %s", self.dask)
        # pure=False: two equal requests are two tasks (one's cancel
        # must not cancel the other)
        executor: Executor = self._client.get_executor(pure=False)
        return executor

    def run(self, cancel: threading.Event | None,
            fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` on the executor; waits for its result.

        Raises
        ------
        Cancelled
            When ``cancel`` is set before the work is done (the future
            is cancelled).
        """
        future: Future[T] = self.executor().submit(fn, *args)
        with self._lock:
            self.submitted += 1
        while True:
            if cancel is not None and cancel.is_set():
                future.cancel()
                raise Cancelled("the request was cancelled")
            try:
                return future.result(timeout=POLL)
            except FutureTimeout:
                continue
            except CancelledError:
                raise Cancelled("the work was cancelled") from None
            except (ValueError, NoScheduleError):  # as in the thread
                raise
            except Exception as exc:
                where = self.dask or "the process pool"
                raise OffloadError(
                    f"the work failed on {where}: {exc}") from exc

    def close(self) -> None:
        """Shut the executor down (cancelling what is queued)."""
        with self._lock:
            if isinstance(self._executor, ProcessPoolExecutor):
                self._executor.shutdown(wait=False, cancel_futures=True)
            elif self._executor is not None:
                self._executor.shutdown(wait=False)
            self._executor = None
            if self._client is not None:
                self._client.close()
                self._client = None
