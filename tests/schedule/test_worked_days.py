"""The split-task day arithmetic of :class:`plansat.schedule.segments.
WorkedDays` against counting day by day, on random blocks."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from plansat.schedule.segments import WorkedDays, earliest_start

Blocks = list[tuple[int, int]]


@st.composite
def blocks(draw: st.DrawFn) -> Blocks:
    """Sorted, disjoint, not touching ``[start, stop)`` pairs."""
    out: Blocks = []
    day = draw(st.integers(0, 5))
    for _ in range(draw(st.integers(0, 5))):
        a = day + draw(st.integers(0, 4))
        b = a + draw(st.integers(1, 4))
        out.append((a, b))
        day = b + 1
    return out


def free(bl: Blocks, day: int) -> bool:
    return not any(a <= day < b for a, b in bl)


def finish_by_counting(bl: Blocks, start: int, days: int) -> int:
    day = start
    while not free(bl, day):
        day += 1
    left = days
    while left:
        left -= free(bl, day)
        day += 1
    return day


@settings(max_examples=200, deadline=None)
@given(blocks(), st.integers(0, 25), st.integers(1, 6), st.integers(-5, 40))
def test_worked_days_match_counting(
    bl: Blocks, start: int, days: int, bound: int
) -> None:
    w = WorkedDays(bl)
    assert w.finish(start, days) == finish_by_counting(bl, start, days)
    starts = [s for s in range(-12, 60) if free(bl, s)]
    ends = {s: finish_by_counting(bl, s, days) for s in starts}
    # the latest start done by ``bound``, the earliest ending on or
    # after it
    assert w.latest_start(bound, days) == max(
        s for s in starts if ends[s] <= bound)
    assert w.earliest_start(bound, days) == min(
        s for s in starts if ends[s] >= bound)
    # one sample or many: the same answers
    many = np.array([start, start + 1, start + 7])
    assert list(w.finish(many, days)) == [
        finish_by_counting(bl, int(s), days) for s in many]


@settings(max_examples=100, deadline=None)
@given(blocks(), st.integers(0, 25), st.integers(0, 6))
def test_earliest_start_in_a_row(bl: Blocks, start: int, days: int) -> None:
    s = earliest_start(bl, start, days)
    fits = [q for q in range(start, 80)
            if all(free(bl, d) for d in range(q, q + days))]
    assert s == fits[0]
