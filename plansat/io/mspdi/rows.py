"""One task row of an MSPDI file and its place in the outline."""

from __future__ import annotations

from dataclasses import dataclass, field

from plansat.io.mspdi.parse import Node

__all__ = ["Row"]


@dataclass(eq=False)
class Row:
    """One ``Task`` element of the file."""

    node: Node
    uid: int
    order: int
    name: str
    level: int
    parent: Row | None = None
    children: list[Row] = field(default_factory=list)
    id: str = ""
    minutes: float = 0.0

    @property
    def label(self) -> str:
        """How messages name the task."""
        return f"task UID {self.uid} ({self.name})"

    @property
    def summary(self) -> bool:
        """Whether the row groups others (a WBS node, not a task)."""
        return bool(self.children)

    def leaves(self) -> list[Row]:
        """The tasks under this row (itself when it is one)."""
        if not self.children:
            return [self]
        return [leaf for c in self.children for leaf in c.leaves()]

    def ancestors(self) -> list[Row]:
        """The summaries above this row, innermost first."""
        out, row = [], self.parent
        while row is not None:
            out.append(row)
            row = row.parent
        return out
