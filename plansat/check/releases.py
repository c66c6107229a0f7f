"""Releases: where each feature ships, recomputed from the task finishes.

For a project with features and releases, from the result's rows (in a
re-plan, the history rows too) and the release dates, with the checker's
own arithmetic:

- a release's day is the index of the first working day on or after its
  date; releases are taken in date order;
- a feature's finish is the latest finish of its tasks, and it ships in
  the first release whose day is at least that finish (in none after the
  last);
- ``result.features`` lists every feature once, with that release, its
  value, the release's weight (each release's own ``weight`` when all
  have one, else the working days to the last release's day plus one;
  0 when unscheduled) and its finish;
- each row's ``release`` is the earliest release among its features';
- pins, ``must`` and ``after`` hold;
- for the ``value`` objective, ``objective_value`` is Σ value × weight.
"""

from __future__ import annotations

from plansat.check._common import Schedule, close
from plansat.models.project import Project
from plansat.models.result import FeatureShip

#: Tolerance on the reported value: the solver optimises hundredths.
VALUE_TOL = 0.01


def _timeline(project: Project) -> list[tuple[str, int, float]]:
    """``(release id, day, weight)`` in date order."""
    cal = project.work_calendar
    days = sorted(
        (cal.index_on_or_after(r.date), k)
        for k, r in enumerate(project.releases)
    )
    if not days:
        return []
    last = days[-1][0]
    own = all(r.weight is not None for r in project.releases)
    out = []
    for day, k in days:
        r = project.releases[k]
        weight = r.weight if own and r.weight is not None else last - day + 1
        out.append((r.id, day, float(weight)))
    return out


def check_releases(s: Schedule, out: list[str]) -> None:
    """Each feature's release, each row's release, pins, musts, order."""
    project, result = s.project, s.result
    timeline = _timeline(project)
    if not project.features or not timeline:
        if result.features:
            out.append(
                f"result.features lists {len(result.features)} feature(s) "
                "but the project plans no releases"
            )
        return
    rows = {**s.done, **s.tasks}
    if any(t not in rows for f in project.features for t in f.tasks):
        return  # a missing task: reported by the identity family
    order = {rid: k for k, (rid, _, _) in enumerate(timeline)}
    ships: dict[str, int | None] = {}
    for f in project.features:
        finish = max(rows[t].finish for t in f.tasks)
        k = next((k for k, (_, day, _) in enumerate(timeline)
                  if finish <= day), None)
        ships[f.id] = k
        expected = FeatureShip(
            id=f.id,
            release=None if k is None else timeline[k][0],
            value=f.value,
            weight=0.0 if k is None else timeline[k][2],
            finish=finish,
        )
        _compare(s, expected, out)
    _rows(s, ships, timeline, out)
    _rules(project, ships, order, out)
    _value(s, ships, timeline, out)


def _compare(s: Schedule, expected: FeatureShip, out: list[str]) -> None:
    listed = [f for f in s.result.features if f.id == expected.id]
    if len(listed) != 1:
        out.append(
            f"feature {expected.id}: listed {len(listed)} times in "
            "result.features (expected once)"
        )
        return
    got = listed[0]
    if got.release != expected.release:
        where = (f"release {expected.release}" if expected.release
                 else "no release")
        out.append(
            f"feature {expected.id}: its tasks finish at day "
            f"{expected.finish}, so it ships in {where}; the result says "
            f"{got.release or 'none'}"
        )
    if got.finish != expected.finish:
        out.append(
            f"feature {expected.id}: finish {got.finish} is not its "
            f"tasks' latest finish {expected.finish}"
        )
    for name in ("value", "weight"):
        have, want = getattr(got, name), getattr(expected, name)
        if not close(have, want):
            out.append(
                f"feature {expected.id}: {name} {have:g} is not "
                f"{want:g}"
            )


def _rows(
    s: Schedule,
    ships: dict[str, int | None],
    timeline: list[tuple[str, int, float]],
    out: list[str],
) -> None:
    """Each row's release is the earliest of its features'."""
    first: dict[str, int] = {}
    for f in s.project.features:
        k = ships[f.id]
        if k is not None:
            for t in f.tasks:
                first[t] = min(first.get(t, k), k)
    for tr in [*s.done.values(), *s.tasks.values()]:
        want = timeline[first[tr.id]][0] if tr.id in first else None
        if tr.release != want:
            out.append(
                f"{tr.id}: release {tr.release or 'none'}, expected "
                f"{want or 'none'} (the earliest its features ship in)"
            )


def _rules(
    project: Project,
    ships: dict[str, int | None],
    order: dict[str, int],
    out: list[str],
) -> None:
    """Pins, musts and ``after``."""
    last = len(order)
    at = {fid: last if k is None else k for fid, k in ships.items()}
    names = {k: rid for rid, k in order.items()}
    for f in project.features:
        if f.release is not None and at[f.id] != order[f.release]:
            out.append(
                f"feature {f.id}: pinned to release {f.release}, ships in "
                f"{names.get(at[f.id], 'none')}"
            )
        if f.must and at[f.id] == last:
            out.append(f"feature {f.id}: must ship but ships in no release")
        for g in f.after:
            if at[g] > at[f.id]:
                out.append(
                    f"feature {f.id}: ships in {names[at[f.id]]} before "
                    f"{g} (in {names.get(at[g], 'none')}), which must ship "
                    "no later"
                )


def _value(
    s: Schedule,
    ships: dict[str, int | None],
    timeline: list[tuple[str, int, float]],
    out: list[str],
) -> None:
    """The ``value`` objective's reported value."""
    result = s.result
    if result.objective != "value" or result.objective_value is None:
        return
    total = sum(
        f.value * timeline[k][2]
        for f in s.project.features
        if (k := ships[f.id]) is not None
    )
    tol = VALUE_TOL * max(1, len(s.project.features))
    if abs(result.objective_value - total) > tol:
        out.append(
            f"objective_value {result.objective_value:g} is not the "
            f"release value Σ value × weight = {total:g}"
        )
