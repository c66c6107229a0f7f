"""Issue 23, item 9: a re-plan when a fast-tracked predecessor has fewer
days left than its link's ``max_overlap``: the remaining project clamps
the overlap to what is left, and never reports an error about a field
the user did not write.

Start Monday 2 June 2025; status date Thursday 5 June = day 3.
"""

from __future__ import annotations

from typing import Any

import pytest

from plansat import Project, SolveStatus
from plansat.analysis.tracking.replan import replan
from plansat.check import violations
from tests.helpers import START

LIMIT: dict[str, Any] = {"time_limit": 5, "workers": 1}


def project(progress: dict[str, Any], lag: int = 0) -> Project:
    """A(4) -> B(2), B may overlap A by up to 3 days."""
    return Project.from_data({
        "start": START, "status_date": "2025-06-05",
        "tasks": [
            {"id": "A", "duration": 4, "progress": progress},
            {"id": "B", "duration": 2,
             "after": [{"task": "A", "lag": lag, "max_overlap": 3}]},
        ]})


@pytest.mark.parametrize(("progress", "lag", "b_start", "span"), [
    # A started day 0 with 1 day left: its rest runs 3-4; B may overlap
    # that day at most: B starts day 3, finish 5
    ({"actual_start": "2025-06-02", "remaining": 1}, 0, 3, 5),
    # the same with a lead of one day (lag -1): B no earlier than AT
    ({"actual_start": "2025-06-02", "remaining": 1}, -1, 3, 5),
    # A done in one day (day 0): its 1 day of history is all B may
    # overlap, but nothing starts before the status date: B 3-5
    ({"actual_start": "2025-06-02", "actual_finish": "2025-06-02"}, 0,
     3, 5),
])
def test_overlap_clamped_to_what_is_left(
    progress: dict[str, Any], lag: int, b_start: int, span: int
) -> None:
    p = project(progress, lag)
    r = replan(p, **LIMIT)
    assert r.status == SolveStatus.OPTIMAL, r.explanation
    assert violations(p, r) == []
    assert r.task("B").start == b_start
    assert r.makespan == span
