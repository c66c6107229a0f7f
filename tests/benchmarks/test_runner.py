"""The ``genetic`` benchmark strategy, without the benchmark data."""

from __future__ import annotations

import time

import pytest

from benchmarks.runner import _genetic
from plansat import Project, SolveStatus
from plansat.check import violations

START = "2025-06-02"  # a Monday


def test_genetic_is_optimal_only_at_the_critical_path_bound() -> None:
    # A (2 days) -> B (3 days), no resource conflict: the serial schedule
    # meets the critical-path bound 5, which proves it optimal.
    p = Project.model_validate({
        "start": START,
        "tasks": [{"id": "A", "duration": 2},
                  {"id": "B", "duration": 3, "after": ["A"]}],
    })
    r = _genetic(p, 1.0, time.monotonic())
    assert violations(p, r) == []
    assert (r.status, r.makespan, r.bound) == (SolveStatus.OPTIMAL, 5, 5)


def test_genetic_refuses_projects_with_people() -> None:
    p = Project.model_validate({
        "start": START,
        "people": [{"id": "ann", "skills": {"qa": 1}}],
        "tasks": [{"id": "A", "duration": 2,
                   "needs": [{"skill": "qa"}]}],
    })
    with pytest.raises(ValueError, match="resource-only, single-mode"):
        _genetic(p, 1.0, time.monotonic())
