"""Rules on features and releases that need the whole project.

:func:`delivery_errors` (run by
:func:`plansat.models.rules.project_errors`) yields one message per
broken rule, each starting with its JSON path: duplicate feature or
release ids, unknown tasks, features and pinned releases, a task listed
twice in one feature, cycles between features (``after``), release dates
before the project start or on the working day of another release,
features without releases, weights given on some releases only or
growing with the date, a pinned feature that has to ship no later than
one pinned to a later release, and values times weights beyond what the
solver's integers hold.

A task in two features is allowed: each feature ships when all of its
own tasks are finished.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from typing import TYPE_CHECKING

from plansat.models.delivery import release_timeline
from plansat.models.errors import duplicate_ids

if TYPE_CHECKING:
    from plansat.models.project import Project

#: Largest Σ value × first weight the ``value`` objective accepts: it is
#: optimised in hundredths (docs/model.md, "Releases") and CP-SAT's
#: integers are 64-bit.
MAX_VALUE_DAYS = 1e15


def delivery_errors(project: Project) -> Iterator[str]:
    """Every broken feature or release rule, one message each."""
    dup = list(_duplicates(project))
    yield from dup
    if dup:  # the other rules look ids up
        return
    yield from _references(project)
    yield from _cycles(project)
    yield from _release_dates(project)
    yield from _weights(project)
    yield from _pins(project)
    if project.features and not project.releases:
        yield (
            f"releases: {len(project.features)} feature(s) but no releases;"
            " add releases (id, date) to plan when they ship"
        )


def _duplicates(project: Project) -> Iterator[str]:
    return duplicate_ids((
        ("feature", "features", [f.id for f in project.features]),
        ("release", "releases", [r.id for r in project.releases]),
    ))


def _references(project: Project) -> Iterator[str]:
    features = {f.id for f in project.features}
    releases = {r.id for r in project.releases}
    for i, f in enumerate(project.features):
        for k, task_id in enumerate(f.tasks):
            where = f"features[{i}].tasks[{k}]"
            if task_id not in project.task_index:
                yield f"{where}: unknown task '{task_id}'"
            elif task_id in f.tasks[:k]:
                yield f"{where}: '{task_id}' is listed twice"
        for k, other in enumerate(f.after):
            where = f"features[{i}].after[{k}]"
            if other not in features:
                yield f"{where}: unknown feature '{other}'"
            elif other == f.id:
                yield f"{where}: feature '{f.id}' can't come after itself"
        if f.release is not None and f.release not in releases:
            yield f"features[{i}].release: unknown release '{f.release}'"


def _cycles(project: Project) -> Iterator[str]:
    """Report the first cycle of ``after`` links between features."""
    index = {f.id: i for i, f in enumerate(project.features)}
    preds = {
        f.id: [g for g in f.after if g in index and g != f.id]
        for f in project.features
    }
    state: dict[str, int] = {}  # 1 = on the path, 2 = done

    def visit(root: str) -> list[str] | None:
        path, stack = [root], [iter(preds[root])]
        state[root] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(preds[nxt]))
        return None

    for root in preds:
        if root in state:
            continue
        cycle = visit(root)
        if cycle is not None:
            # each feature ships no earlier than the one after it here
            shown = " -> ".join(reversed(cycle))
            yield (
                f"features[{index[cycle[0]]}].after: a cycle between "
                f"features ({shown}): none of them could ship first"
            )
            return


def _release_dates(project: Project) -> Iterator[str]:
    cal = project.work_calendar
    by_day: dict[int, int] = {}
    for i, r in enumerate(project.releases):
        where = f"releases[{i}].date"
        if r.date < project.start:
            yield (
                f"{where}: {r.date} is before the project start "
                f"{project.start}"
            )
            continue
        day = cal.index_on_or_after(r.date)
        if day in by_day:
            j = by_day[day]
            other = project.releases[j].date
            if other == r.date:
                yield (
                    f"{where}: duplicate release date {r.date} (also "
                    f"releases[{j}])"
                )
            else:
                yield (
                    f"{where}: {r.date} and releases[{j}]'s {other} are "
                    f"the same working day (day {day}); keep one release"
                )
        by_day.setdefault(day, i)


def _weights(project: Project) -> Iterator[str]:
    given = [r.weight is not None for r in project.releases]
    if any(given) and not all(given):
        k = given.index(False)
        yield (
            f"releases[{k}].weight: missing; give every release a weight "
            "or none (the default weighs value-days)"
        )
        return
    index = {r.id: i for i, r in enumerate(project.releases)}
    timeline = release_timeline(project)
    for earlier, later in pairwise(timeline):
        if later.weight > earlier.weight:
            yield (
                f"releases[{index[later.release.id]}].weight: "
                f"{later.weight:g} is above the weight {earlier.weight:g} "
                f"of the earlier release '{earlier.release.id}'; weights "
                "must not grow with the date"
            )
    if timeline:
        total = sum(f.value for f in project.features) * timeline[0].weight
        if total > MAX_VALUE_DAYS:
            yield (
                f"features: the values times the first release's weight "
                f"add up to {total:.3g}, above {MAX_VALUE_DAYS:.0e}; "
                "use smaller values or weights"
            )


def _pins(project: Project) -> Iterator[str]:
    """A feature pinned to a release can't wait for one pinned later."""
    order = {r.release.id: k for k, r in enumerate(release_timeline(project))}
    pinned = {
        f.id: order[f.release]
        for f in project.features
        if f.release is not None and f.release in order
    }
    for i, f in enumerate(project.features):
        if f.id not in pinned:
            continue
        for k, other in enumerate(f.after):
            if pinned.get(other, -1) > pinned[f.id]:
                yield (
                    f"features[{i}].after[{k}]: '{other}' must ship no "
                    f"later than '{f.id}', but it is pinned to a later "
                    "release"
                )
