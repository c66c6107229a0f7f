"""JSON merge patch (RFC 7386) on project JSON, with lists of things
that have ids (tasks, people, resources, risks, features, releases)
patched by id.

For those lists the patch may be an object keyed by id: an id that
exists is merge-patched (``{"tasks": {"T004": {"duration": 16}}}``), a
new id is added at the end (``{"tasks": {"T009": {"duration": 3,
"after": ["T008"]}}}``), and ``null`` removes it
(``{"people": {"eva": null}}``).  Links are a task's ``after`` list:
``{"tasks": {"T006": {"after": ["T004"]}}}`` replaces them.  A list in
the patch replaces the whole list, as RFC 7386 says.

Examples
--------
>>> data = {"name": "A", "tasks": [{"id": "T1", "duration": 2}]}
>>> out, changed = apply_patch(data, {"tasks": {"T1": {"duration": 3},
...                                             "T2": {"duration": 1}}})
>>> out["tasks"], changed
([{'id': 'T1', 'duration': 3}, {'id': 'T2', 'duration': 1}], \
['tasks.T1 changed', 'tasks.T2 added'])
"""

from __future__ import annotations

import copy
from typing import Any

__all__ = ["KEYED", "apply_patch", "merge_patch"]

#: Top-level lists whose items have an ``id`` and are patched by it.
KEYED = ("tasks", "people", "resources", "risks", "features", "releases")


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7386: ``patch`` applied to ``target`` (neither is changed).

    Examples
    --------
    >>> merge_patch({"a": 1, "b": {"c": 2}}, {"b": {"c": None, "d": 3}})
    {'a': 1, 'b': {'d': 3}}
    """
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    out = copy.deepcopy(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = merge_patch(out.get(key), value)
    return out


def _keyed(key: str, items: Any, patch: dict[str, Any],
           changed: list[str]) -> list[Any]:
    if not isinstance(items, list):
        items = []
    out = [copy.deepcopy(i) for i in items]
    where = {i.get("id"): k for k, i in enumerate(out)
             if isinstance(i, dict)}
    gone: set[int] = set()
    for item_id, value in patch.items():
        if value is None:
            if item_id not in where:
                raise ValueError(f"patch {key}.{item_id}: no such id to "
                                 "remove")
            gone.add(where[item_id])
            changed.append(f"{key}.{item_id} removed")
            continue
        if not isinstance(value, dict):
            raise ValueError(f"patch {key}.{item_id}: expected an object "
                             "(or null to remove it)")
        if value.get("id", item_id) != item_id:
            raise ValueError(f"patch {key}.{item_id}: ids can't be "
                             "changed; remove it and add a new one")
        if item_id in where:
            k = where[item_id]
            out[k] = merge_patch(out[k], value)
            changed.append(f"{key}.{item_id} changed")
        else:
            out.append(merge_patch({"id": item_id}, value))
            where[item_id] = len(out) - 1
            changed.append(f"{key}.{item_id} added")
    return [item for k, item in enumerate(out) if k not in gone]


def apply_patch(
    data: dict[str, Any], patch: dict[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """``patch`` applied to project JSON ``data``.

    Returns
    -------
    tuple
        The patched JSON and what changed, one entry per top-level key
        or per item of a keyed list.

    Raises
    ------
    ValueError
        On a keyed patch that names an id to remove that isn't there, or
        tries to change an id.
    """
    out = copy.deepcopy(data)
    changed: list[str] = []
    for key, value in patch.items():
        if key in KEYED and isinstance(value, dict):
            out[key] = _keyed(key, out.get(key), value, changed)
        elif value is None:
            if key in out:
                del out[key]
                changed.append(f"{key} removed")
        else:
            out[key] = merge_patch(out.get(key), value)
            changed.append(f"{key} changed")
    return out, changed
