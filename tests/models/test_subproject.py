"""A part of a project (plansat.models.subproject): its tasks, their links
among themselves, and the parent's people, resources and day axis."""

from __future__ import annotations

import pytest

from plansat import Project
from plansat.models.subproject import sub_project
from tests.helpers import make


@pytest.fixture
def parent() -> Project:
    # A -> B -> C; ann has a vacation on days 5-9 (9-13 Jun 2025) and
    # her own calendar (no Fridays); the rig is non-renewable.
    return make(
        [
            {"id": "A", "duration": 2, "needs": [{"skill": "dev"}],
             "uses": {"rig": 1}},
            {"id": "B", "duration": 3, "after": ["A"],
             "needs": [{"skill": "dev"}]},
            {"id": "C", "duration": 1, "after": ["B"], "uses": {"rig": 1}},
        ],
        people=[{"id": "ann", "skills": {"dev": 1},
                 "unavailable": [{"start": "2025-06-09",
                                  "end": "2025-06-13"}],
                 "calendar": {"workdays": ["Mon", "Tue", "Wed", "Thu"]}}],
        resources=[{"id": "rig", "capacity": 2, "renewable": False}],
    )


def test_a_part_keeps_its_tasks_and_their_links_among_themselves(
        parent: Project) -> None:
    part = sub_project(parent, {"B", "C"})
    assert [t.id for t in part.tasks] == ["B", "C"]
    assert part.task("B").after == []  # its link to A is the caller's
    assert [d.task for d in part.task("C").after] == ["B"]
    assert parent.task("B").after[0].task == "A"  # the parent unchanged


def test_a_part_counts_days_as_the_parent_does(parent: Project) -> None:
    # The part's own crude horizon would be shorter (two tasks); days off
    # are drawn up to the parent's, so both see the same blocked days.
    part = sub_project(parent, {"C"})
    ann = parent.person("ann")
    assert part.crude_horizon == parent.crude_horizon
    assert part.blocked_days(ann) == parent.blocked_days(ann)
    # Fri 6 Jun (her calendar) and the vacation 9-13 Jun: days 4-9
    assert part.blocked_days(ann)[0] == range(4, 10)
    assert part.work_calendar is parent.work_calendar


def test_capacities_replace_a_pool_of_the_part(parent: Project) -> None:
    part = sub_project(parent, {"C"}, capacities={"rig": 1})
    assert part.resources[0].capacity == 1
    assert parent.resources[0].capacity == 2


@pytest.mark.parametrize("ids, match", [
    (set(), "needs tasks of the project"),
    ({"A", "Z"}, "unknown: Z"),
])
def test_a_part_of_nothing_or_of_unknown_tasks_is_refused(
        parent: Project, ids: set[str], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        sub_project(parent, ids)
