"""The pieces a split task works in: its span less its people's blocked
days (:meth:`~plansat.models.Project.blocked_days`) and its resources'
days off (:meth:`~plansat.models.Project.resource_days_off`)."""

from __future__ import annotations

from collections.abc import Iterable

from plansat.models import Project


def task_blocks(
    project: Project,
    people: Iterable[str],
    resources: Iterable[str] = (),
    stop: int | None = None,
) -> list[tuple[int, int]]:
    """The days ``people`` (any of them) or ``resources`` are off, as
    sorted, merged ``[start, stop)`` pairs (those starting before
    ``stop`` when given)."""
    days = [r for pid in dict.fromkeys(people)
            for r in project.blocked_days(project.person(pid))]
    days += [r for rid in dict.fromkeys(resources)
             for r in project.resource_days_off(
                 project.resources[project.resource_index[rid]])]
    if stop is not None:
        days = [r for r in days if r.start < stop]
    merged: list[list[int]] = []
    for a, b in sorted((r.start, r.stop) for r in days):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def latest_start(
    blocks: list[tuple[int, int]], finish: int, days: int, split: bool
) -> int:
    """Latest start of ``days`` days of work done by ``finish`` outside
    ``blocks``: in a row, or, ``split``, pausing over them."""
    if days == 0:
        return finish
    if not split:
        s = finish - days
        for a, b in reversed(blocks):
            if s < b and s + days > a:
                s = a - days
        return s
    day, left = finish, days
    for a, b in reversed(blocks):
        if b <= day - left:
            break
        if b < day:  # free days between this block and `day`
            take = min(left, day - b)
            left -= take
            day -= take
            if left == 0:
                return day
        day = min(day, a)
    return day - left


def segments(
    project: Project,
    start: int,
    finish: int,
    people: Iterable[str],
    resources: Iterable[str] = (),
) -> list[tuple[int, int]]:
    """The runs ``[a, b)`` of days of ``[start, finish)`` on which all of
    ``people`` work and all of ``resources`` are open, in order.

    Examples
    --------
    A Monday-to-Wednesday person from Monday 2026-06-01: days 0-9 are
    worked on days 0-2 and 5-7.

    >>> p = Project.model_validate({
    ...     "start": "2026-06-01",
    ...     "people": [{"id": "pat", "calendar": {
    ...         "workdays": ["Mon", "Tue", "Wed"]}}],
    ...     "tasks": [{"id": "A", "duration": 6}]})
    >>> segments(p, 0, 10, ["pat"])
    [(0, 3), (5, 8)]
    """
    cuts = [(a, b) for a, b in task_blocks(project, people, resources,
                                           finish) if b > start]
    out: list[tuple[int, int]] = []
    day = start
    for lo, hi in cuts:
        if lo > day:
            out.append((day, min(lo, finish)))
        day = max(day, hi)
        if day >= finish:
            break
    if day < finish:
        out.append((day, finish))
    return out
