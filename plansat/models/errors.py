"""One exception for invalid input, with one message per broken rule."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from pydantic import ValidationError


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


def _message(error: Any, contract: str = "project") -> str:
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
