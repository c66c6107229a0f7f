"""Limits against abuse: how big a project, how long a solve and how
large a request the MCP server accepts.

Every limit has a default and an environment variable that overrides it
(read by :meth:`Limits.from_env`, which ``plansat mcp`` uses); a Python
caller passes its own :class:`Limits` to
:func:`plansat.mcp.server.build_server`.  A request over a limit is
refused with a :class:`LimitError` (the tool answers ``is_error``) and
nothing is stored.

This module imports neither the MCP SDK nor the solver.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

__all__ = ["ENV_PREFIX", "LimitError", "Limits"]

#: Environment variables are this prefix and the field name in capitals,
#: e.g. ``PLANSAT_MCP_MAX_TASKS``.
ENV_PREFIX = "PLANSAT_MCP_"


class LimitError(ValueError):
    """A request exceeds one of the server's :class:`Limits`."""


@dataclass(frozen=True)
class Limits:
    """What one request may ask of the server.

    Attributes
    ----------
    max_tasks, max_people
        Largest project stored or solved (tasks, people).
    max_time_limit
        Largest ``time_limit`` of a tool call, in seconds.
    max_request_bytes
        Largest JSON argument (a project, a patch, progress, a plan) and,
        over HTTP, the largest request body.
    workers
        CP-SAT search workers of each solve (``None``: the machine's
        cores); 1 makes the answers reproducible (the same call gives the
        same plan), as :func:`plansat.solve` with ``workers=1`` does.

    Examples
    --------
    >>> Limits(max_time_limit=30).time_limit(10)
    10.0
    >>> Limits(max_tasks=10).check_counts(tasks=11, people=0)
    Traceback (most recent call last):
    ...
    plansat.mcp.limits.LimitError: the project has 11 tasks; ...
    """

    max_tasks: int = 2000
    max_people: int = 500
    max_time_limit: float = 120.0
    max_request_bytes: int = 2_000_000
    workers: int | None = None

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "workers" and value is None:
                continue
            if not (isinstance(value, int | float) and value > 0
                    and math.isfinite(value)):
                raise ValueError(f"{f.name} must be > 0 (got {value!r})")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Limits:
        """The defaults, overridden by ``PLANSAT_MCP_MAX_TASKS``,
        ``PLANSAT_MCP_MAX_PEOPLE``, ``PLANSAT_MCP_MAX_TIME_LIMIT``,
        ``PLANSAT_MCP_MAX_REQUEST_BYTES`` and ``PLANSAT_MCP_WORKERS``.

        Raises
        ------
        ValueError
            When a variable is not a positive number.
        """
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            text = env.get(ENV_PREFIX + f.name.upper())
            if text is None or not text.strip():
                continue
            kind = float if f.name == "max_time_limit" else int
            try:
                values[f.name] = kind(text)
            except ValueError:
                raise ValueError(
                    f"{ENV_PREFIX}{f.name.upper()} must be a number "
                    f"(got {text!r})"
                ) from None
        return cls(**values)

    def check_counts(self, *, tasks: int, people: int) -> None:
        """Refuse a project with too many tasks or people."""
        if tasks > self.max_tasks:
            raise LimitError(
                f"the project has {tasks} tasks; this server accepts at "
                f"most {self.max_tasks}"
            )
        if people > self.max_people:
            raise LimitError(
                f"the project has {people} people; this server accepts "
                f"at most {self.max_people}"
            )

    def time_limit(self, seconds: float) -> float:
        """``seconds`` checked against :attr:`max_time_limit`."""
        if not (seconds > 0 and math.isfinite(seconds)):
            raise LimitError(f"time_limit must be > 0 (got {seconds})")
        if seconds > self.max_time_limit:
            raise LimitError(
                f"time_limit {seconds:g} s is above this server's maximum "
                f"of {self.max_time_limit:g} s"
            )
        return float(seconds)

    def check_size(self, name: str, value: Any) -> None:
        """Refuse a JSON argument larger than :attr:`max_request_bytes`."""
        if value is None:
            return
        size = len(json.dumps(value, default=str).encode())
        if size > self.max_request_bytes:
            raise LimitError(
                f"{name} is {size:,} bytes of JSON; this server accepts at "
                f"most {self.max_request_bytes:,}"
            )
