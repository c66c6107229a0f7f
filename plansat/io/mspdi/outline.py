"""The rows an MSPDI file gets for a plansat project: tasks in WBS order
with a summary row for every WBS group that is not a task, and the UIDs
of tasks and resources.

A task keeps its id as its UID when the id is a whole number (so a file
read from MS Project goes back with its UIDs); other ids get the next
free numbers, in project order, and travel in the ``plansat id`` custom
field.  Exporting the same project twice gives the same UIDs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from plansat.models import Project, Task

__all__ = ["OutlineRow", "number_ids", "outline"]

#: Largest UID MS Project accepts (a positive 32-bit integer).
MAX_UID = 2**31 - 1


@dataclass
class OutlineRow:
    """One row of the written task list."""

    uid: int
    outline: str  # OutlineNumber
    level: int  # OutlineLevel
    task: Task | None = None  # None for a WBS group
    children: list[OutlineRow] | None = None

    @property
    def name(self) -> str:
        """The row's name (a group is named after its WBS number)."""
        if self.task is not None:
            return self.task.name or self.task.id
        return f"WBS {self.outline}"


def number_ids(ids: Sequence[str], start: int = 1) -> dict[str, int]:
    """UIDs for ``ids``: the id itself when it is a whole number in
    range and not taken, else the next free number from ``start``.

    Examples
    --------
    >>> number_ids(["7", "T1", "2", "T2"])
    {'7': 7, '2': 2, 'T1': 1, 'T2': 3}
    """
    out: dict[str, int] = {}
    for i in ids:
        if i.isdigit() and 0 < int(i) <= MAX_UID and int(i) not in (
            out.values()
        ) and str(int(i)) == i:
            out[i] = int(i)
    taken = set(out.values())
    nxt = start
    for i in ids:
        if i in out:
            continue
        while nxt in taken:
            nxt += 1
        out[i] = nxt
        taken.add(nxt)
    return out


def _key(wbs: str | None) -> tuple[int, ...]:
    return tuple(int(p) for p in wbs.split(".")) if wbs else ()


def outline(project: Project, uids: dict[str, int]) -> list[OutlineRow]:
    """Every row in file order: with WBS, groups and their tasks sorted
    by WBS number, then the tasks without one (or with a WBS number an
    earlier task has); without any WBS, the tasks in project order.  A
    task whose WBS number is also a group (``2`` with ``2.1`` below it)
    goes first inside that group, as ``2.0``: MS Project makes a row
    with rows under it a summary."""
    with_wbs = [t for t in project.tasks if t.wbs]
    if not with_wbs:
        return [OutlineRow(uids[t.id], str(n + 1), 1, t)
                for n, t in enumerate(project.tasks)]
    # the first task with a WBS number wins it
    by_wbs = {t.wbs: t for t in reversed(with_wbs) if t.wbs is not None}
    prefixes = {".".join(w.split(".")[:k]) for w in by_wbs
                for k in range(1, w.count(".") + 1)}
    nxt = max(uids.values(), default=0) + 1
    entries: list[tuple[tuple[int, ...], OutlineRow]] = []
    for group in sorted(prefixes, key=_key):
        entries.append((_key(group),
                        OutlineRow(nxt, group, group.count(".") + 1)))
        nxt += 1
    for wbs, t in by_wbs.items():
        if wbs in prefixes:  # also a group: the task goes inside it
            wbs += ".0"
        entries.append((_key(wbs),
                        OutlineRow(uids[t.id], wbs, wbs.count(".") + 1, t)))
    entries.sort(key=lambda e: e[0])
    rows = [row for _, row in entries]
    top = max((int(r.outline.split(".")[0]) for r in rows), default=0)
    placed = {id(t) for t in by_wbs.values()}
    rest = [t for t in project.tasks if id(t) not in placed]
    for n, t in enumerate(rest, start=top + 1):
        rows.append(OutlineRow(uids[t.id], str(n), 1, t))
    _link_children(rows)
    return rows


def _link_children(rows: Iterable[OutlineRow]) -> None:
    stack: list[OutlineRow] = []
    for row in rows:
        while stack and stack[-1].level >= row.level:
            stack.pop()
        if stack:
            parent = stack[-1]
            parent.children = [*(parent.children or []), row]
        stack.append(row)


def leaves(row: OutlineRow) -> list[OutlineRow]:
    """The task rows under ``row`` (itself when it is a task)."""
    if not row.children:
        return [row] if row.task is not None else []
    return [leaf for c in row.children for leaf in leaves(c)]
