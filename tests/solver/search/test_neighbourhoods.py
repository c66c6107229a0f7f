"""Neighbourhoods and the incumbent's order
(plansat.solver.search.neighbourhoods).

The order arcs must keep any schedule that respects them within the
capacity, and the plan itself must respect them.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plansat.solver.search.neighbourhoods import Chooser, Use, order_arcs
from tests.helpers import make


def test_a_task_takes_its_units_from_the_task_that_ended_last() -> None:
    # Capacity 2.  A [0,2) and B [0,3) take one unit each; C [2,4) needs
    # one unit at 2: only A has ended, so C takes A's unit (arc A -> C).
    # D [3,5) needs two units at 3: B's unit and C's? C runs to 4, so D
    # can't start at 3 with two units -- D [4,6) takes B's and C's.
    uses = [Use("A", 0, 2, 1), Use("B", 0, 3, 1), Use("C", 2, 4, 1),
            Use("D", 4, 6, 2)]
    assert order_arcs(uses, 2) == {("A", "C"), ("B", "D"), ("C", "D")}


def test_tasks_that_fit_together_get_no_arc() -> None:
    uses = [Use("A", 0, 3, 1), Use("B", 1, 2, 1)]
    assert order_arcs(uses, 2) == set()


def test_an_overbooked_plan_has_no_order() -> None:
    with pytest.raises(ValueError, match="B overbooks its owner"):
        order_arcs([Use("A", 0, 3, 1), Use("B", 1, 2, 1)], 1)


@st.composite
def feasible_uses(draw: st.DrawFn) -> tuple[list[Use], int]:
    """Tasks placed one by one at the first start with room: a feasible
    plan of one resource."""
    capacity = draw(st.integers(1, 4))
    used = [0] * 200
    out = []
    for k in range(draw(st.integers(1, 12))):
        d = draw(st.integers(1, 4))
        q = draw(st.integers(1, capacity))
        t = draw(st.integers(0, 10))
        while any(used[u] + q > capacity for u in range(t, t + d)):
            t += 1
        for u in range(t, t + d):
            used[u] += q
        out.append(Use(f"T{k}", t, t + d, q))
    return out, capacity


@settings(max_examples=60, deadline=None)
@given(feasible_uses(), st.randoms(use_true_random=False))
def test_every_schedule_that_keeps_the_arcs_stays_within_capacity(
    plan: tuple[list[Use], int], rng: random.Random
) -> None:
    uses, capacity = plan
    arcs = order_arcs(uses, capacity)
    by_id = {u.task: u for u in uses}
    for i, j in arcs:  # the plan keeps its own arcs
        assert by_id[i].end <= by_id[j].start
    # New durations, every task as early as the arcs allow (in the plan's
    # start order, which the arcs follow).
    start: dict[str, int] = {}
    end: dict[str, int] = {}
    for u in sorted(uses, key=lambda u: (u.start, u.end)):
        start[u.task] = max([end[i] for i, j in arcs if j == u.task],
                            default=0)
        end[u.task] = start[u.task] + rng.randint(1, 6)
    for day in range(max(end.values())):
        load = sum(u.demand for u in uses
                   if start[u.task] <= day < end[u.task])
        assert load <= capacity


def test_neighbourhoods_have_the_size_asked_for() -> None:
    p = make([{"id": f"T{k}", "duration": 1,
               "after": [{"task": f"T{k - 1}"}] if k else []}
              for k in range(20)])
    from plansat.schedule.plan import Plan

    plan = Plan(start={f"T{k}": k for k in range(20)},
                duration={f"T{k}": 1 for k in range(20)})
    chooser = Chooser(p, random.Random(0))
    for kind in ("window", "random", "owner"):
        chosen = chooser.draw(kind, plan, 5, {})
        assert len(chosen) == 5 and chosen <= set(plan.start)
    window = sorted(int(t[1:]) for t in chooser.draw("window", plan, 4, {}))
    assert window == list(range(window[0], window[0] + 4))
