"""The errors of the project store.

Every failure of the store is a :class:`StoreError`; the two that callers
handle on purpose have their own classes: :class:`NotFound` (an unknown
project, revision or baseline) and :class:`Conflict` (a write against a
stale revision, or a project id that is taken).
"""

from __future__ import annotations

__all__ = ["Conflict", "NotFound", "StoreError"]


class StoreError(Exception):
    """The store can't do what was asked: the file isn't a plansat store,
    its schema is newer than this plansat, a stored value is corrupt, or
    SQLite failed (disk full, locked past the timeout)."""


class NotFound(StoreError, LookupError):  # noqa: N818 - the API name
    """An unknown project id, revision, baseline number or plan.

    Attributes
    ----------
    project_id
        The project the lookup was about.
    """

    def __init__(self, message: str, project_id: str) -> None:
        super().__init__(message)
        self.project_id = project_id

    def __reduce__(self) -> tuple[type[NotFound], tuple[str, str]]:
        return (type(self), (str(self), self.project_id))


class Conflict(StoreError):  # noqa: N818 - the API name
    """A write was refused because the project moved on (optimistic
    concurrency): the caller's revision is not the current one.

    Attributes
    ----------
    project_id
        The project written to.
    expected
        The revision the caller based its write on (``None``: the caller
        expected no project with this id, as when creating one).
    actual
        The project's current revision.

    Examples
    --------
    >>> str(Conflict("shop", expected=2, actual=3))
    'project shop is at revision 3, not 2: reload it and retry'
    """

    def __init__(
        self, project_id: str, expected: int | None, actual: int
    ) -> None:
        if expected is None:
            message = (
                f"project {project_id} already exists (revision {actual})"
            )
        else:
            message = (
                f"project {project_id} is at revision {actual}, not "
                f"{expected}: reload it and retry"
            )
        super().__init__(message)
        self.project_id = project_id
        self.expected = expected
        self.actual = actual

    def __reduce__(
        self,
    ) -> tuple[type[Conflict], tuple[str, int | None, int]]:
        return (type(self), (self.project_id, self.expected, self.actual))
