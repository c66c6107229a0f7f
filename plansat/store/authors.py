"""Who writes: the author recorded with each project revision.

A writer names itself per call (``update_project(..., author="ann")``)
or for a block of calls with :func:`acting_as`, which the MCP server
wraps around each request with the identity of the request's token.
The name lives in a context variable, so it follows a request into the
worker thread that runs it (``anyio.to_thread`` copies the context) and
never leaks into another request.

Examples
--------
>>> with acting_as("ann"):
...     current_author()
'ann'
>>> current_author()
''
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = ["acting_as", "current_author"]

_AUTHOR: ContextVar[str] = ContextVar("plansat_author", default="")


def current_author() -> str:
    """The author of writes made here ('' when nobody said)."""
    return _AUTHOR.get()


@contextmanager
def acting_as(author: str) -> Iterator[None]:
    """Record ``author`` on the revisions written inside the block."""
    token = _AUTHOR.set(author)
    try:
        yield
    finally:
        _AUTHOR.reset(token)
