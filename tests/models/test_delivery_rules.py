"""Features and releases in the contract (plansat.models.delivery and
delivery_rules): bad inputs with their JSON paths, and what is allowed.

The projects start on Mon 2 Jun 2025 (Mon-Fri): Fri 6 Jun is working
day 4, Sat 7 and Sun 8 Jun fall on day 5 (Mon 9 Jun).
"""

from __future__ import annotations

from typing import Any

import pytest

from plansat.models import Project, ProjectError
from plansat.models.delivery import release_floor, release_timeline
from tests.helpers import START

TASKS = [{"id": "A", "duration": 2}, {"id": "B", "duration": 3}]


def project(features: list[dict[str, Any]] | None = None,
            releases: list[dict[str, Any]] | None = None) -> Project:
    """Two tasks with ``features`` and ``releases`` (defaults: F on A,
    G on B after F, releases r1 Fri 6 Jun and r2 Mon 16 Jun)."""
    return Project.from_data({
        "start": START,
        "tasks": TASKS,
        "features": features if features is not None else [
            {"id": "F", "value": 5, "tasks": ["A"]},
            {"id": "G", "value": 3, "tasks": ["B"], "after": ["F"]},
        ],
        "releases": releases if releases is not None else [
            {"id": "r1", "date": "2025-06-06"},
            {"id": "r2", "date": "2025-06-16"},
        ],
    })


F = {"id": "F", "value": 5, "tasks": ["A"]}
R1 = {"id": "r1", "date": "2025-06-06"}


@pytest.mark.parametrize(
    ("features", "releases", "match"),
    [
        ([F, F], [R1], r"^features\[1\]\.id: duplicate feature id 'F' "
                       r"\(also features\[0\]\)$"),
        ([F], [R1, R1], r"^releases\[1\]\.id: duplicate release id 'r1'"),
        ([{**F, "tasks": ["A", "Z"]}], [R1],
         r"^features\[0\]\.tasks\[1\]: unknown task 'Z'$"),
        ([{**F, "tasks": ["A", "A"]}], [R1],
         r"^features\[0\]\.tasks\[1\]: 'A' is listed twice$"),
        ([{**F, "tasks": []}], [R1],
         r"^features\[0\]\.tasks: List should have at least 1 item"),
        ([{**F, "after": ["H"]}], [R1],
         r"^features\[0\]\.after\[0\]: unknown feature 'H'$"),
        ([{**F, "after": ["F"]}], [R1],
         r"^features\[0\]\.after\[0\]: feature 'F' can't come after "
         r"itself$"),
        ([{**F, "release": "r9"}], [R1],
         r"^features\[0\]\.release: unknown release 'r9'$"),
        ([{**F, "after": ["G"]},
          {"id": "G", "value": 1, "tasks": ["B"], "after": ["H"]},
          {"id": "H", "value": 1, "tasks": ["B"], "after": ["F"]}], [R1],
         r"^features\[0\]\.after: a cycle between features "
         r"\(F -> H -> G -> F\): none of them could ship first$"),
        ([{**F, "value": -1}], [R1],
         r"^features\[0\]\.value: Input should be greater than or equal "
         r"to 0"),
        ([{**F, "value": 2e9}], [R1],
         r"^features\[0\]\.value: Input should be less than or equal"),
        ([F], [{"id": "r0", "date": "2025-05-30"}],
         r"^releases\[0\]\.date: 2025-05-30 is before the project start "
         r"2025-06-02$"),
        ([F], [R1, {"id": "r2", "date": "2025-06-06"}],
         r"^releases\[1\]\.date: duplicate release date 2025-06-06 \(also "
         r"releases\[0\]\)$"),
        ([F], [{"id": "sat", "date": "2025-06-07"},
               {"id": "sun", "date": "2025-06-08"}],
         r"^releases\[1\]\.date: 2025-06-08 and releases\[0\]'s 2025-06-07 "
         r"are the same working day \(day 5\); keep one release$"),
        ([F], [], r"^releases: 1 feature\(s\) but no releases"),
        ([F], [{**R1, "weight": 2}, {"id": "r2", "date": "2025-06-16"}],
         r"^releases\[1\]\.weight: missing; give every release a weight "
         r"or none"),
        ([F], [{**R1, "weight": 1},
               {"id": "r2", "date": "2025-06-16", "weight": 2}],
         r"^releases\[1\]\.weight: 2 is above the weight 1 of the earlier "
         r"release 'r1'; weights must not grow with the date$"),
        ([F], [{**R1, "weight": -1}],
         r"^releases\[0\]\.weight: Input should be greater than or equal"),
        ([{**F, "value": 1e9}, {"id": "G", "value": 1e9, "tasks": ["B"]}],
         [{**R1, "weight": 1e6}],
         r"^features: the values times the first release's weight add up "
         r"to 2e\+15"),
        ([{**F, "release": "r1", "after": ["G"]},
          {"id": "G", "value": 1, "tasks": ["B"], "release": "r2"}],
         [R1, {"id": "r2", "date": "2025-06-16"}],
         r"^features\[0\]\.after\[0\]: 'G' must ship no later than 'F', "
         r"but it is pinned to a later release$"),
        ([{**F, "colour": "red"}], [R1],
         r"^features\[0\]\.colour: unknown field"),
    ],
)
def test_bad_features_and_releases(
    features: list[dict[str, Any]],
    releases: list[dict[str, Any]],
    match: str,
) -> None:
    with pytest.raises(ProjectError, match=match):
        project(features, releases)


def test_a_task_may_be_in_two_features() -> None:
    p = project([F, {"id": "FG", "value": 1, "tasks": ["A", "B"]}], [R1])
    assert [f.tasks for f in p.features] == [["A"], ["A", "B"]]


def test_projects_without_features_stay_valid() -> None:
    p = Project.from_data({"start": START, "tasks": TASKS})
    assert p.features == [] and p.releases == []
    assert release_timeline(p) == [] and release_floor(p) == 0


def test_timeline_in_date_order_with_value_days() -> None:
    # r2 Mon 16 Jun is day 10, r1 Fri 6 Jun day 4: weights 7 and 1.
    p = project(releases=[{"id": "r2", "date": "2025-06-16"}, R1])
    assert [(r.release.id, r.day, r.weight)
            for r in release_timeline(p)] == [("r1", 4, 7), ("r2", 10, 1)]


def test_own_weights_are_kept() -> None:
    p = project(releases=[{**R1, "weight": 3},
                          {"id": "r2", "date": "2025-06-16", "weight": 3}])
    assert [r.weight for r in release_timeline(p)] == [3, 3]


def test_a_pin_moves_the_floor() -> None:
    # G pinned to r2 may not ship in r1 (day 4): its work runs past day 5.
    p = project([F, {"id": "G", "value": 1, "tasks": ["B"],
                     "release": "r2"}])
    assert release_floor(p) == 5
