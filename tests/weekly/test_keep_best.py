"""Issue 23, item 10: a re-plan is never longer than the constructive
schedule of the remaining work (keep-best, as ``plansat.solve`` does),
even on one worker with a short limit.

The data: ``examples/programme.json`` (120 tasks, 12 people) in its
fourth week, as :mod:`benchmarks.weekly` simulates it (seed 23, four
weeks of :func:`benchmarks.weekly.actuals`, each re-planned with
``time_limit=10, workers=1``, all optimal), and the baseline it was
tracked against (``data/programme-week4.json``,
``data/programme-base.json``).  The constructive schedule of the
remaining work finishes on day 242; before the fix a one-worker re-plan
with a one-second limit returned 245 (the least-change phase turned the
solver's own keep-best off, and CP-SAT stayed near the baseline carried
forward).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plansat import Project, Result, SolveStatus
from plansat.analysis.tracking.history import split
from plansat.analysis.tracking.replan import replan
from plansat.check import violations
from plansat.heuristics.constructive import constructive_schedule

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def week4() -> tuple[Project, Result]:
    project = Project.from_file(DATA / "programme-week4.json")
    base = Result.model_validate_json(
        (DATA / "programme-base.json").read_text())
    return project, base


@pytest.mark.parametrize("limit", [0.5, 1.0])
def test_never_longer_than_the_constructive_schedule(
    week4: tuple[Project, Result], limit: float
) -> None:
    project, base = week4
    rest = split(project, base).rest
    assert rest is not None
    floor = constructive_schedule(rest).makespan
    assert floor == 242
    r = replan(project, base, time_limit=limit, workers=1)
    assert r.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)
    assert r.makespan is not None and r.makespan <= floor
    assert violations(project, r) == []
