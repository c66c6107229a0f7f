"""Progress in the project contract: every broken rule is an error with
its JSON path; out-of-sequence progress is only a warning.

The project is the small one of ``tests/conftest.py``: A (3 days) -> B
(2 days) -> M (milestone), starting Mon 2025-06-02 (holiday Mon 9 June),
people alice and bob.  The status date is Thu 2025-06-05 unless a case
says otherwise.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from plansat.models import Project, ProjectError
from plansat.models.progress_rules import progress_warnings
from tests.conftest import small_project

STATUS = "2025-06-05"


def project_with(
    progress: dict[str, dict[str, Any]], status_date: str | None = STATUS
) -> dict[str, Any]:
    """The small project's data with ``progress`` by task id."""
    data = small_project()
    if status_date is not None:
        data["status_date"] = status_date
    for task in data["tasks"]:
        if task["id"] in progress:
            task["progress"] = progress[task["id"]]
    return data


def build(data: dict[str, Any]) -> Project:
    return Project.from_json(json.dumps(data))


#: (case, progress by task, status date, the message expected).
BAD: list[tuple[str, dict[str, dict[str, Any]], str | None, str]] = [
    ("start after the status date",
     {"A": {"actual_start": "2025-06-06"}}, STATUS,
     r"^tasks\[0\]\.progress\.actual_start: 2025-06-06 is after the "
     r"status date 2025-06-05$"),
    ("finish after the status date",
     {"A": {"actual_start": "2025-06-02", "actual_finish": "2025-06-06",
            "percent_complete": 100}}, STATUS,
     r"^tasks\[0\]\.progress\.actual_finish: 2025-06-06 is after the "
     r"status date 2025-06-05$"),
    ("finish before start",
     {"A": {"actual_start": "2025-06-04", "actual_finish": "2025-06-03"}},
     STATUS,
     r"^tasks\[0\]\.progress: actual_finish 2025-06-03 is before "
     r"actual_start 2025-06-04$"),
    ("100 % without a finish",
     {"A": {"actual_start": "2025-06-02", "percent_complete": 100}},
     STATUS,
     r"^tasks\[0\]\.progress: 100 % complete needs an actual_finish$"),
    ("remaining on a finished task",
     {"A": {"actual_start": "2025-06-02", "actual_finish": "2025-06-04",
            "remaining": 2}}, STATUS,
     r"^tasks\[0\]\.progress: a finished task has no remaining work "
     r"\(got remaining 2\)$"),
    ("unknown actual person",
     {"B": {"actual_start": "2025-06-05", "people": ["bob", "zoe"]}},
     STATUS, r"^tasks\[1\]\.progress\.people\[1\]: unknown person 'zoe'$"),
    ("progress without a status date",
     {"A": {"actual_start": "2025-06-02"}}, None,
     r"^tasks\[0\]\.progress: progress needs the project's status_date "
     r"\(the date it was reported on\)$"),
    ("finish without a start",
     {"A": {"actual_finish": "2025-06-04"}}, STATUS,
     r"^tasks\[0\]\.progress: actual_finish needs an actual_start$"),
    ("percentage without a start",
     {"A": {"percent_complete": 20}}, STATUS,
     r"^tasks\[0\]\.progress: percent_complete or remaining needs an "
     r"actual_start$"),
    ("percentage above 100",
     {"A": {"actual_start": "2025-06-02", "percent_complete": 120}},
     STATUS,
     r"^tasks\[0\]\.progress\.percent_complete: Input should be less than "
     r"or equal to 100$"),
    ("negative actual cost",
     {"A": {"actual_start": "2025-06-02", "actual_cost": -5}}, STATUS,
     r"^tasks\[0\]\.progress\.actual_cost: Input should be greater than "
     r"or equal to 0$"),
    ("unknown progress field",
     {"A": {"actual_start": "2025-06-02", "done": True}}, STATUS,
     r"^tasks\[0\]\.progress\.done: unknown field \(not in the project "
     r"contract\)$"),
    ("status date before the start",
     {}, "2025-05-30",
     r"^status_date: 2025-05-30 is before the project start 2025-06-02$"),
    ("actual start before the project start",
     {"A": {"actual_start": "2025-05-30"}}, STATUS,
     r"^tasks\[0\]\.progress\.actual_start: 2025-05-30 is before the "
     r"project start 2025-06-02$"),
    ("a milestone spread over days",
     {"A": {"actual_start": "2025-06-02", "actual_finish": "2025-06-03"},
      "B": {"actual_start": "2025-06-03", "actual_finish": "2025-06-04"},
      "M": {"actual_start": "2025-06-04", "actual_finish": "2025-06-05"}},
     STATUS,
     r"^tasks\[2\]\.progress\.actual_finish: a milestone happens on one "
     r"day \(actual_start 2025-06-04\)$"),
]


@pytest.mark.parametrize(
    ("progress", "status_date", "message"),
    [case[1:] for case in BAD],
    ids=[case[0] for case in BAD],
)
def test_bad_progress_is_an_error_with_its_path(
    progress: dict[str, dict[str, Any]],
    status_date: str | None,
    message: str,
) -> None:
    with pytest.raises(ProjectError, match=message) as info:
        build(project_with(progress, status_date))
    assert len(info.value.errors) == 1, info.value.errors


def test_errors_are_reported_together() -> None:
    data = project_with({
        "A": {"actual_start": "2025-06-06"},
        "B": {"actual_start": "2025-06-05", "people": ["zoe"]},
    })
    with pytest.raises(ProjectError) as info:
        build(data)
    assert info.value.errors == [
        "tasks[0].progress.actual_start: 2025-06-06 is after the status "
        "date 2025-06-05",
        "tasks[1].progress.people[0]: unknown person 'zoe'",
    ]


def test_valid_progress_and_the_status_date_index() -> None:
    project = build(project_with({
        "A": {"actual_start": "2025-06-02", "actual_finish": "2025-06-04",
              "percent_complete": 100, "actual_cost": 1500},
        "B": {"actual_start": "2025-06-05", "percent_complete": 50,
              "remaining": 1, "people": ["bob"]},
    }))
    assert project.time_now == 3  # Mon 2 .. Wed 4 June are history
    a, b = (project.task(t).progress for t in ("A", "B"))
    assert a is not None and b is not None
    assert a.done and not b.done and b.started
    assert b.remaining_days(2) == 1 and b.fraction_done(2) == 0.5
    assert progress_warnings(project) == []


def test_progress_on_the_status_date_itself_is_allowed() -> None:
    project = build(project_with({
        "A": {"actual_start": "2025-06-02", "actual_finish": STATUS,
              "percent_complete": 100}}))
    assert project.task("A").progress is not None


def test_out_of_sequence_is_a_warning_not_an_error() -> None:
    # B started on Wed 4 June, A (its FS predecessor) finished on Thu 5
    project = build(project_with({
        "A": {"actual_start": "2025-06-02", "actual_finish": "2025-06-05",
              "percent_complete": 100},
        "B": {"actual_start": "2025-06-04", "percent_complete": 10},
    }))
    assert progress_warnings(project) == [
        "B started on 2025-06-04, A finished on 2025-06-05 (FS link): "
        "out of sequence"
    ]


def test_started_before_an_unstarted_predecessor_is_a_warning() -> None:
    project = build(project_with({"B": {"actual_start": "2025-06-03"}}))
    assert progress_warnings(project) == [
        "B started on 2025-06-03 before A finished (FS link): out of "
        "sequence"
    ]


def test_ss_and_ff_links_are_checked_on_their_own_ends() -> None:
    data = project_with({
        "A": {"actual_start": "2025-06-03", "actual_finish": "2025-06-05",
              "percent_complete": 100},
        "B": {"actual_start": "2025-06-02", "actual_finish": "2025-06-04",
              "percent_complete": 100},
    })
    data["tasks"][1]["after"] = [{"task": "A", "type": "SS"},
                                 {"task": "A", "type": "FF"}]
    assert progress_warnings(build(data)) == [
        "B started on 2025-06-02, A started on 2025-06-03 (SS link): out "
        "of sequence",
        "B finished on 2025-06-04, A finished on 2025-06-05 (FF link): out "
        "of sequence",
    ]


def test_projects_without_progress_stay_valid() -> None:
    project = build(small_project())
    assert project.status_date is None and project.time_now is None
    assert progress_warnings(project) == []
