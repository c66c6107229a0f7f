"""One exception for invalid input, with one message per broken rule."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from pydantic import ValidationError

#: How to turn an MS Project binary file into one plansat reads.
SAVE_AS_XML = "save it from MS Project as XML (File › Save As › XML)"


def mpp_message(path: object) -> str | None:
    """The message for an MS Project binary file (``.mpp``) given where
    plansat reads a file, ``None`` for any other name.

    Every reader calls it first (:func:`plansat.io.detect_format`,
    :meth:`Project.from_file`, :meth:`Result.from_file`), so that the
    hint is the same wherever the file is given.

    Examples
    --------
    >>> mpp_message("plan.mpp")
    'plan.mpp: an MS Project binary file (.mpp); plansat reads MS \
Project XML: save it from MS Project as XML (File › Save As › XML)'
    >>> mpp_message("plan.xml") is None
    True
    """
    if not str(path).lower().endswith(".mpp"):
        return None
    return (f"{path}: an MS Project binary file (.mpp); plansat reads MS "
            f"Project XML: {SAVE_AS_XML}")


def duplicate_ids(
    groups: Iterable[tuple[str, str, Sequence[str]]],
) -> Iterator[str]:
    """One message per id repeated within its list.

    Parameters
    ----------
    groups
        ``(kind, field, ids)`` per list: ``("task", "tasks", [...])``.

    Yields
    ------
    str
        ``field[i].id: duplicate kind id 'x' (also field[j])``, the
        later occurrence pointing at the first.

    Examples
    --------
    >>> list(duplicate_ids([("task", "tasks", ["A", "B", "A"])]))
    ["tasks[2].id: duplicate task id 'A' (also tasks[0])"]
    """
    for kind, field, ids in groups:
        seen: dict[str, int] = {}
        for i, item_id in enumerate(ids):
            if item_id in seen:
                yield (
                    f"{field}[{i}].id: duplicate {kind} id '{item_id}' "
                    f"(also {field}[{seen[item_id]}])"
                )
            seen.setdefault(item_id, i)


def json_path(loc: tuple[int | str, ...]) -> str:
    """Render a pydantic location as a JSON path, e.g. ``tasks[3].after[0]``.

    Examples
    --------
    >>> json_path(("tasks", 3, "after", 0))
    'tasks[3].after[0]'
    """
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in ("function-after", "function-before") or (
            isinstance(part, str) and part.startswith("function-")
        ):
            continue
        else:
            out += f".{part}" if out else str(part)
    return out or "<root>"


#: pydantic's error types for a value that is not a calendar date.
_DATE_ERRORS = frozenset({
    "date_type", "date_parsing", "date_from_datetime_parsing",
    "date_from_datetime_inexact", "date_future", "date_past",
})


def _date_message(error: Any) -> str:
    """What to write instead of a value that isn't a date: the format,
    an example and the value given (with pydantic's reason when the
    value has the right shape but no such day exists)."""
    given = error.get("input")
    reason = str((error.get("ctx") or {}).get("error", ""))
    text = f"expected a date as YYYY-MM-DD (e.g. 2025-06-02), got {given!r}"
    if "range" in reason:
        text += f" ({reason})"
    return text


def _message(error: Any, contract: str = "project") -> str:
    if error["type"] in _DATE_ERRORS:
        return _date_message(error)
    msg = str(error["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            msg = msg[len(prefix) :]
    if error["type"] == "extra_forbidden":
        msg = f"unknown field (not in the {contract} contract)"
    elif error["type"] == "missing":
        msg = "required field is missing"
    return msg


class ProjectError(ValueError):
    """A project (or result) file breaks one or more rules.

    Attributes
    ----------
    errors
        One line per broken rule, each starting with the JSON path.
    """

    def __init__(self, errors: list[str]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))

    @classmethod
    def from_validation_error(
        cls,
        exc: ValidationError,
        contract: str = "project",
        source: str | None = None,
    ) -> ProjectError:
        """Turn pydantic's errors into path-prefixed lines (each after
        ``source``, the file, when given)."""
        lines: list[str] = []
        for error in exc.errors(include_url=False):
            ctx = error.get("ctx") or {}
            if error["type"] == "project_rules":
                # a project inside another contract (a portfolio's):
                # its rules' paths go under the project's
                where = json_path(error["loc"]) if error["loc"] else ""
                lines.extend(f"{where}.{line}" if where else line
                             for line in ctx["errors"])
                continue
            lines.append(
                f"{json_path(error['loc'])}: {_message(error, contract)}"
            )
        if source is not None:
            lines = [f"{source}: {line}" for line in lines]
        return cls(lines)
