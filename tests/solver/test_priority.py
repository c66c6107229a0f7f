"""The ``priority`` objective: minimise Σ priority × finish, then the
makespan, on hand-solved projects (task ``priority`` 0-1000, default
500, as in MS Project).

Working days are counted from Monday 2025-06-02 (:mod:`tests.helpers`).
"""

from __future__ import annotations

from typing import Any

import pytest

from plansat import ProjectError, SolveStatus
from plansat.models import Project
from tests.helpers import START, make, solved

#: One person with skill ``x``: the tasks needing ``x`` run one at a time.
ONE_PERSON = [{"id": "p", "skills": {"x": 1}}]


def task(tid: str, duration: int, **fields: Any) -> dict[str, Any]:
    """A task that needs the one person."""
    return {"id": tid, "duration": duration,
            "needs": [{"skill": "x"}], **fields}


def test_the_important_task_goes_first() -> None:
    # A (3 days, priority 100) and B (2 days, priority 900) share p.
    # A first: 100*3 + 900*5 = 4800; B first: 900*2 + 100*5 = 2300.
    # Both orders finish on day 5, so only the priority tells them apart.
    project = make([task("A", 3, priority=100), task("B", 2, priority=900)],
                   people=ONE_PERSON)
    result = solved(project, "priority")
    assert result.objective_value == 2300
    assert result.bound == 2300
    assert (result.task("B").start, result.task("A").start) == (0, 2)
    assert result.makespan == 5


def test_the_default_priority_puts_short_work_first() -> None:
    # Both at 500: A first 500*3 + 500*5 = 4000, B first 500*2 + 500*5 =
    # 3500 (shortest processing time first).
    project = make([task("A", 3), task("B", 2)], people=ONE_PERSON)
    assert project.task("A").priority == 500
    result = solved(project, "priority")
    assert result.objective_value == 3500
    assert result.task("B").finish == 2


def test_priority_outweighs_length() -> None:
    # A (1 day, priority 100) and B (4 days, priority 1000):
    # A first 100*1 + 1000*5 = 5100; B first 1000*4 + 100*5 = 4500.
    project = make([task("A", 1, priority=100), task("B", 4, priority=1000)],
                   people=ONE_PERSON)
    result = solved(project, "priority")
    assert result.objective_value == 4500
    assert result.task("A").start == 4


def test_the_makespan_breaks_ties() -> None:
    # C has priority 0: its finish doesn't count, so only the makespan
    # phase keeps it from drifting to the horizon.  A 3 + B 2 on p end on
    # day 5; C (6 days, no needs) can run from day 0: makespan 6.
    # Weighted finish: B first 900*2 + 100*5 = 2300, held.
    project = make(
        [task("A", 3, priority=100), task("B", 2, priority=900),
         {"id": "C", "duration": 6, "priority": 0}],
        people=ONE_PERSON,
    )
    result = solved(project, "priority")
    assert result.objective_value == 2300
    assert result.makespan == 6
    assert result.task("C").start == 0


def test_a_link_beats_a_priority() -> None:
    # B (priority 1000) must wait for A (priority 0): A 0..3, B 3..5;
    # 1000*5 = 5000 is the only value.
    project = make(
        [task("A", 3, priority=0), task("B", 2, priority=1000, after=["A"])],
        people=ONE_PERSON,
    )
    result = solved(project, "priority")
    assert result.objective_value == 5000
    assert result.task("B").start == 3


def test_all_priorities_zero_is_just_the_makespan() -> None:
    project = make(
        [task("A", 3, priority=0), task("B", 2, priority=0)],
        people=ONE_PERSON,
    )
    result = solved(project, "priority")
    assert result.status == SolveStatus.OPTIMAL
    assert result.objective_value == 0
    assert result.makespan == 5


@pytest.mark.parametrize("value", [-1, 1001, 2.5])
def test_priority_out_of_bounds_is_refused(value: float) -> None:
    data = {"start": START,
            "tasks": [{"id": "A", "duration": 1, "priority": value}]}
    with pytest.raises(ProjectError, match=r"tasks\[0\]\.priority"):
        Project.from_data(data)
