"""Leads longer than the predecessor (item 2 of the interchange issue).

MS Project accepts an FS link whose lead (negative lag) exceeds the
predecessor's duration: the successor may start before the predecessor
starts.  A plain lead is just a linear constraint, so plansat accepts it
too; only fast-tracking (``max_overlap``, which overlaps the
predecessor's own work) stays bounded by the predecessor's duration.
"""

from __future__ import annotations

from typing import Any

import pytest

from plansat import critical_path
from plansat.check import violations
from plansat.models import ProjectError, Result
from tests.helpers import make, solved


def lead_project(lag: int, **link: Any) -> Any:
    """A (5 days) -> B (2 days) -> C (2 days, FS ``lag`` after B); D has
    an FF lead of 6 on A; ann does C."""
    return make(
        [{"id": "A", "duration": 5},
         {"id": "B", "duration": 2, "after": ["A"]},
         {"id": "C", "duration": 2, "needs": [{"skill": "x"}],
          "after": [{"task": "B", "lag": lag, **link}]},
         {"id": "D", "duration": 3,
          "after": [{"task": "A", "type": "FF", "lag": -6}]}],
        people=[{"id": "ann", "skills": {"x": 1}}],
    )


@pytest.mark.parametrize("lag", [-2, -3, -4, -7, -100])
def test_a_lead_longer_than_the_predecessor_is_valid(lag: int) -> None:
    project = lead_project(lag)
    assert project.task("C").after[0].lag == lag


def test_the_critical_path_starts_the_successor_before_its_predecessor(
) -> None:
    report = critical_path(lead_project(-4))
    # B runs on [5, 7); C may start at 7 - 4 = 3, before B starts.
    assert (report.task("B").es, report.task("C").es) == (5, 3)
    # D's finish may come 6 days before A's (5): it starts on day 0.
    assert report.task("D").es == 0
    # A lead beyond the project start is clamped at day 0.
    assert critical_path(lead_project(-100)).task("C").es == 0


@pytest.mark.parametrize("strategy", ["default", "plain"])
def test_the_solver_and_the_checker_accept_the_lead(strategy: str) -> None:
    project = lead_project(-4)
    result = solved(project, strategy=strategy)
    assert result.makespan == 7
    c, b = result.task("C"), result.task("B")
    assert c.start >= b.finish - 4


def test_the_checker_flags_a_start_before_the_lead_allows() -> None:
    project = lead_project(-4)
    result = solved(project)
    rows = [r.model_copy(update={"start": 2, "finish": 4})
            if r.id == "C" else r for r in result.tasks]
    broken = Result.model_validate(
        {**result.model_dump(), "tasks": [r.model_dump() for r in rows]})
    found = violations(project, broken)
    assert any("C: FS link after B broken" in v for v in found), found


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ({"lag": 0, "max_overlap": 3},
         r"tasks\[2\]\.after\[0\]\.max_overlap: 3 days of fast-tracking "
         "after a lag of 0 overlap 3 days of B, which lasts 2"),
        ({"lag": -5, "max_overlap": 4},
         "4 days of fast-tracking after a lag of -5 overlap 4 days of B"),
        ({"lag": 1, "max_overlap": 4},
         "4 days of fast-tracking after a lag of 1 overlap 3 days of B"),
    ],
)
def test_fast_tracking_stays_within_the_predecessor(
    link: dict[str, int], message: str
) -> None:
    with pytest.raises((ProjectError, ValueError), match=message):
        lead_project(**link)


@pytest.mark.parametrize(("lag", "overlap"), [(-3, 2), (2, 4), (0, 2)])
def test_fast_tracking_up_to_the_whole_predecessor(
    lag: int, overlap: int
) -> None:
    """A positive lag is eaten first: after a lag of 2, fast-tracking by 4
    overlaps B's 2 days."""
    project = lead_project(lag, max_overlap=overlap, overlap_cost_per_day=5)
    assert critical_path(project).task("C").es == max(7 + lag, 0)
