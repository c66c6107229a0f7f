"""What an MSPDI import leaves out, by kind and count.

plansat reads tasks, links, constraints, calendars, resources,
assignments, progress and one baseline.  The rest of what MS Project
users put in a file is listed in the warnings, one line per kind:
custom-field values (Text, Number, Flag, Cost, Date ... 1-30) other than
plansat's own, the baselines not selected, baseline costs and work.
"""

from __future__ import annotations

import re
from collections import Counter

from plansat.io.mspdi.context import (
    ID_FIELD,
    KIND_FIELD,
    NEEDS_FIELD,
    SKILLS_FIELD,
    Context,
)
from plansat.io.mspdi.parse import Node

__all__ = ["left_out"]

#: The entity of a custom field, by the top byte of its FieldID.
_OWNERS = {0x0B: "task", 0x0C: "resource", 0x0F: "assignment"}


def left_out(root: Node, ctx: Context, baseline: int) -> None:
    """Add one warning per kind of data the import leaves out."""
    tasks = [t for t in root.items("Tasks", "Task")
             if (t.int("UID") or 0) != 0]
    _custom_fields(root, tasks, ctx)
    _baselines(tasks, ctx, baseline)


#: Custom fields named in the note; the others are counted.
_LISTED = 8


def _custom_fields(root: Node, tasks: list[Node], ctx: Context) -> None:
    names = {}
    for attr in root.items("ExtendedAttributes", "ExtendedAttribute"):
        field_id = attr.text("FieldID")
        if field_id:
            names[field_id] = attr.text("Alias") or attr.text(
                "FieldName") or field_id
    plansat = {ID_FIELD, NEEDS_FIELD, SKILLS_FIELD, KIND_FIELD}
    ours = {fid for (_, alias), fid in ctx.fields.items()
            if alias in plansat}
    counts: Counter[tuple[str, str]] = Counter()
    owners = [*tasks, *root.items("Resources", "Resource"),
              *root.items("Assignments", "Assignment")]
    for node in owners:
        for attr in node.children("ExtendedAttribute"):
            field_id = attr.text("FieldID") or "?"
            if field_id in ours:
                continue
            owner = _OWNERS.get(int(field_id) >> 24 if field_id.isdigit()
                                else -1, "other")
            counts[owner, names.get(field_id, f"field {field_id}")] += 1
    if counts:
        fields = [f"{name} ({n} {owner} value(s))"
                  for (owner, name), n in sorted(counts.items(),
                                                 key=_natural)]
        listed = ", ".join(fields[:_LISTED])
        if len(fields) > _LISTED:
            listed += f" and {len(fields) - _LISTED} more fields"
        ctx.notes.add(f"project: {sum(counts.values())} custom-field "
                      f"value(s) left out (plansat has no custom fields): "
                      f"{listed}")


def _natural(item: tuple[tuple[str, str], int]) -> list[object]:
    """Text2 before Text10."""
    (owner, name), _ = item
    return [owner, *(int(p) if p.isdigit() else p
                     for p in re.split(r"(\d+)", name))]


def _baselines(tasks: list[Node], ctx: Context, chosen: int) -> None:
    others: Counter[int] = Counter()
    costs = work = 0
    for task in tasks:
        for base in task.children("Baseline"):
            number = base.int("Number") or 0
            if number != chosen:
                others[number] += 1
                continue
            costs += bool(base.float("Cost"))
            work += base.text("Work") not in (None, "PT0H0M0S")
    if others:
        listed = ", ".join(f"{k} ({n} task(s))"
                           for k, n in sorted(others.items()))
        ctx.notes.add(f"project: baselines left out: {listed}; only "
                      f"baseline {chosen} is read (plansat import "
                      "--baseline N reads another)")
    parts = [f"{n} baseline {what}" for n, what in
             ((costs, "cost(s)"), (work, "work value(s)")) if n]
    if parts:
        ctx.notes.add(f"project: {' and '.join(parts)} of baseline "
                      f"{chosen} left out (a plansat baseline is dates)")
