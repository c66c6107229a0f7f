"""Helpers shared by the test modules: ``from tests.helpers import ...``.

- :data:`START`: the start date of the hand-solved projects, a Monday;
- :func:`make`: a validated project of some tasks starting on START;
- :func:`solved`: solve on one worker within a small time limit and run
  the checks every solving test shares (status, the independent checker,
  the cost breakdown).

:mod:`tests.helpers.random_rcpsp` holds the hypothesis strategy of random
resource-only projects.  Fixtures (the e-commerce example, the small
valid project) stay in ``tests/conftest.py``.

With the default Mon-Fri calendar, working days 0..4 are 2 Jun .. 6 Jun
2025, days 5..9 are 9 Jun .. 13 Jun and day 10 is Monday 16 Jun.
"""

from __future__ import annotations

from typing import Any

import pytest

from plansat import Project, Result, SolveStatus, solve
from plansat.check import recompute_cost, violations
from plansat.models.result import CostBreakdown, Objective

START = "2025-06-02"  # a Monday

#: Seconds a test solve may take (the projects are tiny).
TIME_LIMIT = 5.0


def make(tasks: list[dict[str, Any]], **fields: Any) -> Project:
    """A validated project starting on :data:`START` with ``tasks``;
    ``fields`` sets the other top-level keys (``people=[...]``,
    ``resources=[...]``, ``deadline="..."``, even ``start``)."""
    return Project.model_validate({"start": START, "tasks": tasks, **fields})


def solved(
    project: Project,
    objective: Objective = "time",
    *,
    status: SolveStatus | None = SolveStatus.OPTIMAL,
    **kw: Any,
) -> Result:
    """Solve ``project`` and run the checks every solving test shares.

    Solves with ``workers=1`` and ``time_limit=5`` unless ``kw`` says
    otherwise (``kw`` are :func:`plansat.solve`'s options: ``seed``,
    ``slack``, ``strategy``, ``hint``, ``progress``, ...).  Asserts the
    ``status`` (``None``: any), that the result is for ``objective``,
    that the independent checker finds nothing wrong, and that a schedule's
    reported cost equals the recomputed one field by field.
    """
    kw.setdefault("time_limit", TIME_LIMIT)
    kw.setdefault("workers", 1)
    result = solve(project, objective=objective, **kw)
    if status is not None:
        assert result.status == status, result.explanation
    assert result.objective == objective
    assert violations(project, result) == []
    if result.status.has_solution:
        expected = recompute_cost(project, result)
        for name in CostBreakdown.model_fields:
            assert getattr(result.cost, name) == pytest.approx(
                getattr(expected, name)
            ), name
    return result
