"""How to solve: one :class:`SolveOptions` and one time :class:`Budget`.

Every solving entry point (``solve``, ``tradeoff``, ``solve_many``, the
CLI's solving commands) takes one :class:`SolveOptions`; the CLI derives
its shared options from :data:`SOLVE_FIELDS`, so a value keeps one name
from the command line to CP-SAT.  A solve turns ``time_limit`` into one
:class:`Budget` at its start, and every phase — hint, genetic algorithm,
CP-SAT phases, the explanation of infeasibility, the points of a
trade-off curve — draws its seconds from that budget, so the limit holds
for the whole call.

This module imports only the contracts (:mod:`plansat.models`): it sits
under every folder that solves.
"""

from __future__ import annotations

import os
import time
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any, Protocol, get_args

from plansat.models.result import Objective

#: The objectives a project can be solved for.
OBJECTIVES: tuple[str, ...] = get_args(Objective)


class Named(Protocol):
    """A strategy as options see it: anything with a name (the solver's
    :class:`~plansat.solver.search.Strategy`; options sit below the
    solver and never import it)."""

    @property
    def name(self) -> str:
        """The strategy's name."""
        ...


@dataclass(frozen=True)
class SolveOptions:
    """How to solve a project.

    Attributes
    ----------
    objective
        ``"time"`` (earliest finish), ``"balance"`` (even loads within
        the time optimum + ``slack``), ``"cost"`` (lowest total cost),
        ``"value"`` (the most feature value in the earliest releases) or
        ``"priority"`` (high-priority tasks first).
    time_limit
        Seconds for the whole call, every phase included (> 0).
    workers
        CP-SAT search workers; ``None`` uses the machine's cores.
    seed
        Random seed; with ``workers=1`` the same seed gives the same
        answer.
    slack
        For ``balance``: working days the finish may exceed the
        time-optimal makespan (>= 0).
    strategy
        A strategy name from :data:`plansat.solver.search.STRATEGIES`
        or a :class:`~plansat.solver.search.Strategy`.

    Examples
    --------
    >>> SolveOptions(objective="cost", time_limit=5).time_limit
    5.0
    >>> SolveOptions(time_limit=0)
    Traceback (most recent call last):
    ...
    ValueError: time_limit must be > 0 (got 0)
    """

    objective: Objective = "time"
    time_limit: float = 10.0
    workers: int | None = None
    seed: int = 0
    slack: int = 0
    strategy: str | Named = field(default="default")

    def __post_init__(self) -> None:
        if self.objective not in OBJECTIVES:
            raise ValueError(
                f"objective must be one of {', '.join(OBJECTIVES)} "
                f"(got {self.objective!r})"
            )
        if not self.time_limit > 0:
            raise ValueError(
                f"time_limit must be > 0 (got {self.time_limit})"
            )
        object.__setattr__(self, "time_limit", float(self.time_limit))
        if self.workers is not None and self.workers < 1:
            raise ValueError(f"workers must be >= 1 (got {self.workers})")
        if self.slack < 0:
            raise ValueError(f"slack must be >= 0 (got {self.slack})")

    @classmethod
    def of(
        cls, options: SolveOptions | None = None, **overrides: Any
    ) -> SolveOptions:
        """``options`` (or the defaults) with ``overrides`` applied.

        The one place where keyword arguments become options, so the
        public functions can accept either.
        """
        if options is not None and not isinstance(options, SolveOptions):
            raise TypeError(
                "options must be a SolveOptions, not "
                f"{type(options).__name__}; pass objective=..., "
                "time_limit=... as keywords"
            )
        unknown = set(overrides) - {f.name for f in fields(cls)}
        if unknown:
            raise TypeError(
                f"unknown solve option(s): {', '.join(sorted(unknown))}"
            )
        base = options if options is not None else cls()
        return replace(base, **overrides) if overrides else base

    @property
    def threads(self) -> int:
        """CP-SAT workers to use: ``workers`` or the machine's cores."""
        return self.workers or os.cpu_count() or 1

    @property
    def strategy_name(self) -> str:
        """The strategy's name."""
        if isinstance(self.strategy, str):
            return self.strategy
        return self.strategy.name

    def to_dict(self) -> dict[str, Any]:
        """Plain values (the strategy by name), e.g. for a worker."""
        out = asdict(self)
        out["strategy"] = self.strategy_name
        return out

    def budget(self) -> Budget:
        """A new budget of ``time_limit`` seconds, starting now."""
        return Budget(self.time_limit)


#: Names of the options every solving command of the CLI takes.
SOLVE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(SolveOptions))


class Budget:
    """Seconds left for one call, shared by every phase of it.

    A budget starts when created and ends ``limit`` seconds later.  A
    phase asks :meth:`remaining` (optionally a share of it) right before
    it runs, so time one phase does not use passes to the next; a part of
    the work may get its own :meth:`sub` budget that can never outlast
    the parent.

    Parameters
    ----------
    limit
        Seconds from now (>= 0).
    clock
        The clock (``time.monotonic`` by default; tests pass a fake).

    Examples
    --------
    >>> b = Budget(10.0)
    >>> 9.0 < b.remaining() <= 10.0
    True
    >>> b.sub(0.5).remaining() <= 5.0
    True
    """

    def __init__(
        self,
        limit: float,
        clock: Any = time.monotonic,
    ) -> None:
        if limit < 0:
            raise ValueError(f"a budget can't be negative (got {limit})")
        self.clock = clock
        self.started = clock()
        self.limit = float(limit)
        self.deadline = self.started + self.limit

    def elapsed(self) -> float:
        """Seconds since the budget started."""
        return self.clock() - self.started

    def remaining(self, share: float = 1.0) -> float:
        """Seconds left, times ``share`` (never negative)."""
        return max(0.0, self.deadline - self.clock()) * share

    @property
    def expired(self) -> bool:
        """Whether no time is left."""
        return self.remaining() <= 0.0

    def sub(self, share: float = 1.0, cap: float | None = None) -> Budget:
        """A budget of ``share`` of the time left (at most ``cap``
        seconds) that ends no later than this one."""
        seconds = self.remaining(share)
        if cap is not None:
            seconds = min(seconds, cap)
        child = Budget(seconds, self.clock)
        child.deadline = min(child.deadline, self.deadline)
        return child

    def shares(self, planned: int) -> Shares:
        """Fair shares of this budget for ``planned`` solves to come
        (:class:`Shares`)."""
        return Shares(self, planned)

    def __repr__(self) -> str:
        return (
            f"Budget(limit={self.limit:g}, "
            f"remaining={self.remaining():.3f})"
        )


class Shares:
    """Hands out fair shares of one budget to the solves still to come.

    Each :meth:`next` budget is the time left divided by the solves left,
    so time one solve leaves unused passes to the others.

    Parameters
    ----------
    budget
        The budget of the whole call.
    planned
        Solves expected (more can be announced with :meth:`plan`).

    Examples
    --------
    >>> shares = Budget(9.0).shares(3)
    >>> 2.9 < shares.next().remaining() <= 3.0
    True
    """

    def __init__(self, budget: Budget, planned: int) -> None:
        self.budget, self.left = budget, max(planned, 1)

    def plan(self, more: int) -> None:
        """Announce ``more`` solves."""
        self.left += more

    def next(self) -> Budget:
        """The budget of the next solve: the time left / solves left."""
        share = self.budget.sub(1 / max(self.left, 1))
        self.left = max(self.left - 1, 1)
        return share
