"""Fixtures of the chart tests: time-cost curves as ``plansat crash``
computes them (:class:`~plansat.models.tradeoff.TradeoffCurve`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

import pytest

from plansat.models import SolveStatus
from plansat.models.tradeoff import TradeoffCurve, TradeoffPoint

#: ``make_curve([(duration, direct_cost, total_cost, status), ...])``
MakeCurve = Callable[
    [Iterable[tuple[int, float, float, SolveStatus]]], TradeoffCurve
]


def make_curve(
    points: Iterable[tuple[int, float, float, SolveStatus]],
) -> TradeoffCurve:
    """A trade-off curve with the given points (in the given order).

    Each point is ``(duration, direct_cost, total_cost, status)``; the
    direct cost is all crashing, the finish date is ``duration`` calendar
    days after 2025-06-02 (not checked by the charts) and ``best`` marks
    the least total cost.
    """
    rows = list(points)
    cheapest = min(rows, key=lambda r: (r[2], r[0]))
    return TradeoffCurve(
        normal_duration=max(r[0] for r in rows),
        shortest_duration=min(r[0] for r in rows),
        cpm_duration=min(r[0] for r in rows),
        points=[
            TradeoffPoint(
                duration=d,
                makespan=d,
                finish_date=date(2025, 6, 2) + timedelta(d),
                direct_cost=direct,
                crash_cost=direct,
                overlap_cost=0.0,
                total_cost=total,
                status=status,
                best=(d, direct, total, status) == cheapest,
            )
            for d, direct, total, status in rows
        ],
        levers=[],
    )


@pytest.fixture(scope="session")
def curve_factory() -> MakeCurve:
    """:func:`make_curve`, for tests that build their own curve."""
    return make_curve


@pytest.fixture(scope="session")
def curve() -> TradeoffCurve:
    """Durations 50 to 55 days: direct cost 900 a day saved below 55,
    overhead 1,000 a day; every point proven optimal but the shortest."""
    return make_curve(
        (
            d,
            60_000 + 900 * (55 - d),
            60_000 + 900 * (55 - d) + 1000 * d,
            SolveStatus.OPTIMAL if d > 50 else SolveStatus.FEASIBLE,
        )
        for d in range(50, 56)
    )
