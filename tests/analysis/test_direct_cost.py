"""``direct_cost`` means one thing in the curve's points, its levers and
the ``time`` objective's tie-break: crash + overlap + the fixed costs of
the chosen modes (bug 2 of the restructuring issue: the points left the
mode costs out while the levers and the objective counted them).

The network, starting Monday 2025-06-02 (Mon-Fri), A -> B (FS):

- A has two modes: ``slow`` 5 days at no cost, ``fast`` 3 days at 700;
- B takes 4 days and may be crashed to 3 at 100 per day saved.

By hand, the least direct cost of finishing within D days:

- D=9: A slow + B 4 = 9, direct 0;
- D=8: crash B by 1 (100) beats A fast (700): 100;
- D=7: B alone saves only 1 day, so A fast (3 + 4 = 7): 700;
- D=6: A fast and B crashed (3 + 3): 800, the shortest finish.
"""

from __future__ import annotations

import pytest

from plansat import Project, SolveStatus, tradeoff
from plansat.models.tradeoff import direct_cost
from tests.helpers import make, solved


def network() -> Project:
    """The A -> B network of the module docstring."""
    return make([
        {"id": "A", "modes": [
            {"name": "slow", "duration": 5},
            {"name": "fast", "duration": 3, "cost": 700},
        ]},
        {"id": "B", "duration": 4, "after": ["A"],
         "crash": {"duration": 3, "cost_per_day": 100}},
    ])


def test_points_levers_and_objective_agree() -> None:
    project = network()
    curve = tradeoff(project, time_limit=20, workers=1)
    assert (curve.shortest_duration, curve.normal_duration) == (6, 9)
    by_day = {p.duration: p for p in curve.points}
    assert {d: p.direct_cost for d, p in by_day.items()} == {
        6: 800.0, 7: 700.0, 8: 100.0, 9: 0.0,
    }
    for point in curve.points:
        assert point.status == SolveStatus.OPTIMAL
        assert point.direct_cost == pytest.approx(
            point.crash_cost + point.overlap_cost + point.mode_cost
        )
    assert by_day[7].mode_cost == 700.0
    assert by_day[7].crash_cost == 0.0
    both = next(lv for lv in curve.levers if lv.name == "both")
    assert both.duration == 6
    assert both.direct_cost == by_day[6].direct_cost == 800.0

    # time: the fastest finish (6), then its least direct cost (800).
    fastest = solved(project, "time")
    assert fastest.makespan == 6
    assert direct_cost(fastest.cost) == 800.0
    assert (fastest.cost.modes, fastest.cost.crash) == (700.0, 100.0)
