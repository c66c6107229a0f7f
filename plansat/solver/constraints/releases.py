"""Releases: when each feature is ready, feature order, pins and musts.

With releases in date order on days ``day_0 < day_1 < ...`` (see
:func:`plansat.models.delivery.release_timeline`) and ``F_f`` the latest
end of feature ``f``'s tasks:

- ``F_f = max(end[t] for t in f.tasks)`` (``add_max_equality``);
- exactness: ``ready[f, r] <=> F_f <= day_r``, as two reified linear
  constraints (``F_f <= day_r`` if ready, ``F_f >= day_r + 1`` if not);
- monotone: ``ready[f, r] => ready[f, r + 1]`` (implied by exactness;
  posted for propagation);
- order: ``ready[f, r] => ready[g, r]`` for every ``g`` in ``f.after``
  (``g`` ships no later than ``f``);
- pin to release ``p``: ``ready[f, p]`` and, if ``p > 0``, not
  ``ready[f, p - 1]``;
- must: ``ready[f, last]``.

Pins and musts may conflict with the rest of the project, so each goes
through :meth:`~plansat.solver.variables.Variables.switch` with a
sentence naming the feature and the release.  A project without features
or releases gets nothing.
"""

from __future__ import annotations

from plansat.models.delivery import Feature, ReleaseDay, release_timeline
from plansat.solver.strengthenings import Strengthenings
from plansat.solver.variables import IntVar, Variables


def add(v: Variables, parts: Strengthenings) -> None:
    """Post the releases' constraints on ``v`` (nothing without
    features)."""
    if not v.ready:
        return
    m, p = v.model, v.project
    days = v.release_days
    timeline = release_timeline(p)
    for f in p.features:
        finish = v.feature_finish[f.id]
        m.add_max_equality(finish, [v.end[t] for t in f.tasks])
        for r, day in enumerate(days):
            lit = v.ready[f.id, r]
            m.add(finish <= day).only_enforce_if(lit)
            m.add(finish >= day + 1).only_enforce_if(~lit)
            if r + 1 < len(days):
                m.add_implication(lit, v.ready[f.id, r + 1])
            for g in f.after:
                m.add_implication(lit, v.ready[g, r])
        _pin(v, f, timeline)
        if f.must:
            last = len(days) - 1
            _require(v, f"must:{f.id}", v.ready[f.id, last], True,
                     f"feature {_label(f)} must ship by the last release "
                     f"{_release(timeline[last])}")


def _pin(v: Variables, f: Feature, timeline: list[ReleaseDay]) -> None:
    """Feature ``f`` ships exactly in its pinned release."""
    if f.release is None:
        return
    k = next(i for i, r in enumerate(timeline) if r.release.id == f.release)
    _require(v, f"pin:{f.id}", v.ready[f.id, k], True,
             f"feature {_label(f)} is pinned to release "
             f"{_release(timeline[k])}: it must ship by then")
    if k > 0:
        _require(v, f"pin_not_before:{f.id}", v.ready[f.id, k - 1], False,
                 f"feature {_label(f)} is pinned to release "
                 f"{_release(timeline[k])}: it may not ship in the "
                 f"earlier release {_release(timeline[k - 1])}")


def _require(
    v: Variables, key: str, literal: IntVar, value: bool, sentence: str
) -> None:
    """``literal == value``, enabled by a switch when explaining."""
    c = v.model.add(literal == int(value))
    switch = v.switch(key, sentence)
    if switch is not None:
        c.only_enforce_if(switch)


def _label(f: Feature) -> str:
    return f"{f.id} ({f.name})" if f.name else f.id


def _release(r: ReleaseDay) -> str:
    rel = r.release
    if rel.name:
        return f"{rel.id} ({rel.name}, {rel.date})"
    return f"{rel.id} ({rel.date})"
