"""How a tool call runs: the server's state, the work in a worker thread
with progress reports, and every expected failure turned into a tool
error.

A tool body is a plain function of the :class:`AppState` and a
:class:`Reporter`; :func:`call` runs it with ``anyio.to_thread`` so the
server keeps answering while CP-SAT works, and sends the solver's
progress (phase, best value, bound) through the request context about
once a second.  Unknown projects, stale revisions, invalid projects
(every broken rule with its JSON path), limits and bad arguments become
a :class:`~mcp.server.mcpserver.exceptions.ToolError`: the client gets
``is_error`` and the message, never a traceback.  Each store write is
one transaction, so a refused call leaves nothing half-written.

The revisions a call writes carry the identity of the request's bearer
token as their author (:func:`identity`,
:func:`plansat.store.acting_as`).  A large project's solve or Monte
Carlo run goes to the server's executor (:mod:`plansat.mcp.offload`);
a cancelled request sets :attr:`Reporter.cancel`, which cancels it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import anyio
from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError

from plansat.mcp.auth import IDENTITY
from plansat.mcp.limits import LimitError, Limits
from plansat.mcp.offload import Cancelled, Offload, OffloadError
from plansat.models import ProjectError
from plansat.models.tradeoff import NoScheduleError
from plansat.options import Budget
from plansat.solver.engine import SolveProgress
from plansat.store import (
    Conflict,
    NotFound,
    ProjectStore,
    StoreError,
    acting_as,
    open_store,
)

__all__ = [
    "AppState",
    "Reporter",
    "SharedStore",
    "ToolSpec",
    "call",
    "describe_error",
    "get_state",
    "identity",
    "tool_errors",
]

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Seconds between two progress reports of a running solve.
TICK = 1.0


@dataclass(frozen=True)
class ToolSpec:
    """A tool as the server registers it.

    Attributes
    ----------
    fn
        The async tool function (its name is the tool's name).
    description
        What the assistant reads: short and precise.
    writes
        Whether it changes the store (hidden by ``--read-only``).
    idempotent
        Whether calling it twice leaves the store as calling it once.
    """

    fn: Callable[..., Any]
    description: str
    writes: bool
    idempotent: bool = False

    @property
    def name(self) -> str:
        """The tool's name."""
        return str(self.fn.__name__)


@dataclass
class AppState:
    """What every request of one server shares.

    Attributes
    ----------
    store
        The open project store.
    limits
        The server's limits.
    read_only
        Whether the server hides every tool that writes.
    offload
        Where large projects' solves and Monte Carlo runs go.
    """

    store: ProjectStore
    limits: Limits = field(default_factory=Limits)
    read_only: bool = False
    offload: Offload | None = None


class SharedStore:
    """One store per server, opened by the first session's lifespan and
    closed by the last one's (stdio has one session; in-process test
    clients may have several; a stateless HTTP server holds it open
    itself with :meth:`held`, its sessions living one request each).

    Parameters
    ----------
    path
        The store (a file or a ``postgresql://`` address; ``None``:
        ``$PLANSAT_STORE``, else the user's data directory).
    limits, read_only
        Copied into the :class:`AppState`.
    offload
        Where large work goes (``None``: every request's own thread).
    """

    def __init__(self, path: str | Path | None, limits: Limits,
                 read_only: bool, offload: Offload | None = None) -> None:
        self.path, self.limits, self.read_only = path, limits, read_only
        self.offload = offload
        self.state: AppState | None = None
        self._users = 0
        self._lock = threading.Lock()

    def _acquire(self) -> AppState:
        with self._lock:
            if self.state is None:
                store = open_store(self.path)
                log.info("plansat MCP server on store %s", store.path)
                self.state = AppState(store, self.limits, self.read_only,
                                      self.offload)
            self._users += 1
            return self.state

    def _release(self) -> None:
        with self._lock:
            self._users -= 1
            if self._users == 0 and self.state is not None:
                self.state.store.close()
                if self.state.offload is not None:
                    self.state.offload.close()
                self.state = None

    @contextmanager
    def held(self) -> Iterator[AppState]:
        """The state, open for the whole block (a server's lifetime)."""
        state = self._acquire()
        try:
            yield state
        finally:
            self._release()

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AppState]:
        """The state for one session (the server's lifespan)."""
        state = await anyio.to_thread.run_sync(self._acquire)
        try:
            yield state
        finally:
            await anyio.to_thread.run_sync(self._release)

    def current(self) -> AppState:
        """The open state (for readers without a request context).

        Raises
        ------
        StoreError
            When no session is open.
        """
        if self.state is None:
            raise StoreError("the store is not open (no MCP session)")
        return self.state


def identity(ctx: Context) -> str:
    """The identity of the request's bearer token (``""`` without one:
    stdio, loopback HTTP without tokens, in-process clients)."""
    request = getattr(ctx.request_context, "request", None)
    scope = getattr(request, "scope", None) or {}
    return str(scope.get(IDENTITY, ""))


def get_state(ctx: Context) -> AppState:
    """The server's :class:`AppState` from a request context."""
    state = ctx.request_context.lifespan_context
    if not isinstance(state, AppState):  # pragma: no cover - wiring bug
        raise ToolError("the server has no store open")
    return state


class Reporter:
    """Keeps the solver's latest :class:`~plansat.solver.engine.SolveProgress`
    (called from CP-SAT's threads) for the progress ticker."""

    def __init__(self, offload: Offload | None = None) -> None:
        self.latest: SolveProgress | None = None
        self._stage = "starting"
        #: Where large work goes (see :mod:`plansat.mcp.offload`).
        self.offload = offload
        #: Set when the request is cancelled.
        self.cancel = threading.Event()

    @property
    def stage(self) -> str:
        """What the tool is doing (a new stage forgets the last
        solver report)."""
        return self._stage

    @stage.setter
    def stage(self, text: str) -> None:
        self._stage, self.latest = text, None

    def __call__(self, progress: SolveProgress) -> None:
        self.latest = progress

    def message(self) -> str:
        """What is running, in words."""
        p = self.latest
        if p is None:
            return self.stage
        return (f"{self.stage}: {p.phase} phase, best {p.objective:g}, "
                f"bound {p.bound:g}")


def describe_error(exc: BaseException) -> str | None:
    """The message for an expected failure (``None``: a bug)."""
    if isinstance(exc, ProjectError):
        rules = exc.errors or [str(exc)]
        head = ("1 broken rule" if len(rules) == 1
                else f"{len(rules)} broken rules")
        return head + ":\n" + "\n".join(f"- {line}" for line in rules)
    if isinstance(exc, NotFound | Conflict | StoreError | LimitError
                  | Cancelled | OffloadError):
        return str(exc)
    if isinstance(exc, NoScheduleError):
        return f"the project has no schedule: {exc}"
    if isinstance(exc, ValueError):
        return str(exc) or type(exc).__name__
    return None


@contextmanager
def tool_errors() -> Iterator[None]:
    """Turn expected failures into :class:`ToolError`; anything else is a
    bug that the SDK reports as a bare ``Error executing tool`` (the
    traceback goes to the server's log, never to the client)."""
    try:
        yield
    except ToolError:
        raise
    except Exception as exc:
        message = describe_error(exc)
        if message is None:
            raise
        raise ToolError(message) from None


async def _tick(ctx: Context, reporter: Reporter, total: float) -> None:
    """Report progress about once a second; when the request is
    cancelled, tell the work (:attr:`Reporter.cancel`)."""
    watch = Budget(total)
    try:
        while True:
            elapsed = min(watch.elapsed(), total)
            try:
                await ctx.report_progress(round(elapsed, 1), total,
                                          reporter.message())
            except Exception:  # the client went away: stop reporting
                log.debug("progress report failed", exc_info=True)
                await anyio.sleep_forever()
            await anyio.sleep(TICK)
    except anyio.get_cancelled_exc_class():
        reporter.cancel.set()
        raise


async def call(
    ctx: Context,
    body: Callable[[AppState, Reporter], T],
    *,
    seconds: float | None = None,
    stage: str = "working",
) -> T:
    """Run ``body(state, reporter)`` in a worker thread.

    Parameters
    ----------
    ctx
        The request context (state and progress reports).
    body
        The tool's work: store reads and writes, solves.
    seconds
        The solve's time limit: with it, progress is reported about
        once a second against this total.
    stage
        What the progress messages say is running.

    Raises
    ------
    ToolError
        For every expected failure (see :func:`describe_error`).
    """
    state = get_state(ctx)
    reporter = Reporter(state.offload)
    reporter.stage = stage
    with tool_errors(), acting_as(identity(ctx)):
        if seconds is None:
            return await anyio.to_thread.run_sync(body, state, reporter)
        outcome: dict[str, Any] = {}
        async with anyio.create_task_group() as tg:
            tg.start_soon(_tick, ctx, reporter, seconds)
            try:
                outcome["value"] = await anyio.to_thread.run_sync(
                    body, state, reporter)
            except Exception as exc:
                outcome["error"] = exc
            finally:
                tg.cancel_scope.cancel()
        if "error" in outcome:
            raise outcome["error"]
        value: T = outcome["value"]
        return value
