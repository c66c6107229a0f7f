"""MSPDI ``PredecessorLink`` elements as plansat links.

``Type`` 0 is FF, 1 FS, 2 SF, 3 SS; ``LinkLag`` is in tenths of a minute
of working time (4800 is one 8-hour day), or of elapsed time, or a
percentage of the predecessor's duration, as ``LagFormat`` says.  A link
to or from a summary task applies to the leaf tasks under it (see
:mod:`plansat.io.mspdi.tasks`).
"""

from __future__ import annotations

from typing import Any

from plansat.io.mspdi import durations as dur
from plansat.io.mspdi.context import Context
from plansat.io.mspdi.parse import FormatError, Node
from plansat.io.mspdi.rows import Row

__all__ = ["LINK_TYPES", "read_links"]

#: MSPDI link ``Type`` -> plansat link type.
LINK_TYPES = {0: "FF", 1: "FS", 2: "SF", 3: "SS"}


def read_links(
    row: Row, by_uid: dict[int, Row], all_uids: set[int],
    tasks: dict[int, dict[str, Any]], ctx: Context,
) -> None:
    """Add the links of ``row`` to the tasks under it (and under its
    predecessors, for summaries).

    Raises
    ------
    FormatError
        On a link to a UID the file doesn't have, or of an unknown type.
    """
    for link in row.node.children("PredecessorLink", row.label):
        pred_uid = link.int("PredecessorUID")
        if pred_uid is None:
            continue
        if link.flag("CrossProject"):
            ctx.notes.add(
                f"{row.label}: link from another project "
                f"({link.text('CrossProjectName') or pred_uid}) left out"
            )
            continue
        if pred_uid not in all_uids:
            raise FormatError(
                f"{row.label}: PredecessorLink to UID {pred_uid}, which is "
                "not a task of the file"
            )
        pred = by_uid.get(pred_uid)
        if pred is None:
            ctx.notes.add(
                f"{row.label}: link from UID {pred_uid} (the project "
                "summary, a blank or an inactive row) left out"
            )
            continue
        code = link.int("Type")
        kind = LINK_TYPES.get(1 if code is None else code)
        if kind is None:
            raise FormatError(f"{row.label}: link Type {code} is not 0-3")
        lag = _lag(link, pred, row, ctx)
        _expand(pred, row, kind, lag, tasks, ctx)


def _lag(link: Node, pred: Row, row: Row, ctx: Context) -> int:
    tenths = link.float("LinkLag") or 0.0
    code = link.int("LagFormat")
    if tenths == 0:
        return 0
    what = f"{row.label}: lag of the link from UID {pred.uid}"
    kind = dur.kind(code)
    if kind == "percent":
        share = tenths / 100
        days = share * dur.working_days(pred.minutes, ctx.minutes_per_day)
        ctx.notes.add(f"{what}, {tenths:g}% of its predecessor, read as "
                      f"{dur.round_up(days)} working days")
    elif kind == "elapsed":
        elapsed = tenths / 10 / (24 * 60)
        days = dur.elapsed_to_working(elapsed, len(ctx.calendar.workdays))
        ctx.notes.add(f"{what}, {elapsed:g} elapsed days, read as "
                      f"{dur.round_up(days)} working days")
    else:
        days = dur.working_days(tenths / 10, ctx.minutes_per_day)
        if not dur.is_whole(days):
            ctx.notes.add(f"{what}, {days:.4g} working days, rounded up "
                          f"to {dur.round_up(days)}")
    return dur.round_up(days)


def _expand(
    pred: Row, succ: Row, kind: str, lag: int,
    tasks: dict[int, dict[str, Any]], ctx: Context,
) -> None:
    """Add the link ``pred -> succ`` to the tasks under both rows."""
    if pred is succ or pred in succ.ancestors() or (
        succ in pred.ancestors()
    ):
        ctx.notes.add(
            f"{succ.label}: link from its own summary or subtask UID "
            f"{pred.uid} left out"
        )
        return
    if pred.summary and kind in ("SS", "SF"):
        ctx.notes.add(
            f"{succ.label}: {kind} link from summary UID {pred.uid} applied "
            "to each of its tasks (MS Project ties it to the group's "
            "first start)"
        )
    if succ.summary and kind in ("FF", "SF"):
        ctx.notes.add(
            f"{succ.label}: {kind} link into a summary applied to each of "
            "its tasks (MS Project ties it to the group's last finish)"
        )
    for s in succ.leaves():
        after = tasks[s.uid].setdefault("after", [])
        for p in pred.leaves():
            _add_link(after, tasks[p.uid]["id"], kind, lag)


def _add_link(
    after: list[dict[str, Any]], pred_id: str, kind: str, lag: int
) -> None:
    for dep in after:
        if dep["task"] == pred_id and dep["type"] == kind:
            dep["lag"] = max(dep["lag"], lag)  # the tighter one holds
            return
    after.append({"task": pred_id, "type": kind, "lag": lag})
