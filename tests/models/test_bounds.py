"""Numbers that would carry a project past the calendar are input errors.

``WorkCalendar`` ends on 9999-12-31; a duration of 3,000,000 working days
used to pass validation and crash the solve ("working day ... would fall
after 9999-12-31").  Each field that reaches the calendar is capped
(:data:`MAX_DURATION`, :data:`MAX_LAG`) and the project's crude horizon
must stay :data:`CALENDAR_MARGIN` working days inside the calendar.

The bad inputs start from the small project of ``conftest.py`` (start Mon
2025-06-02, Mon-Fri, tasks [0] A 3d, [1] B 2d after A, [2] M milestone,
people [0] alice, [1] bob).  From Mon 2025-06-02 to Fri 9999-12-31 there
are some 2.08 million Mon-Fri working days, so 25 tasks of 100,000 days
or 500 lags of 5000 days are too many.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import plansat
from plansat.cli import cli
from plansat.models import Project, ProjectError, SolveStatus
from plansat.models.project import CALENDAR_MARGIN, MAX_DURATION

Data = dict[str, Any]
Mutator = Callable[[Data], None]

PAST = "carries the project past 9999-12-31"
TOO_LONG = f"Input should be less than or equal to {MAX_DURATION}"


def _long_tasks(data: Data) -> None:
    data["tasks"] += [
        {"id": f"L{i}", "duration": MAX_DURATION} for i in range(25)
    ]


def _long_modes(data: Data) -> None:
    data["tasks"] += [
        {
            "id": f"L{i}",
            "modes": [{"duration": 1}, {"duration": MAX_DURATION}],
        }
        for i in range(25)
    ]


def _long_lags(data: Data) -> None:
    data["tasks"] += [
        {"id": f"L{i}", "duration": 1, "after": [{"task": "A", "lag": 5000}]}
        for i in range(500)
    ]


def _task(field: str, value: Any, index: int = 0) -> Mutator:
    def mutate(data: Data) -> None:
        data["tasks"][index][field] = value

    return mutate


def _top(field: str, value: Any) -> Mutator:
    def mutate(data: Data) -> None:
        data[field] = value

    return mutate


def _away(start: str, end: str) -> Mutator:
    def mutate(data: Data) -> None:
        data["people"][1]["unavailable"] = [{"start": start, "end": end}]

    return mutate


BAD_INPUT: list[tuple[str, Mutator, str]] = [
    # -- field caps ---------------------------------------------------------
    (
        "fuzzed duration",
        _task("duration", 3_000_000),
        f"tasks[0].duration: {TOO_LONG}",
    ),
    (
        "duration one above the cap",
        _task("duration", MAX_DURATION + 1),
        f"tasks[0].duration: {TOO_LONG}",
    ),
    (
        "mode duration",
        _top(
            "tasks",
            [{"id": "A", "modes": [{"duration": 2}, {"duration": 10**7}]}],
        ),
        f"tasks[0].modes[1].duration: {TOO_LONG}",
    ),
    (
        "crash duration",
        _task("crash", {"duration": 10**7}),
        f"tasks[0].crash.duration: {TOO_LONG}",
    ),
    (
        "max_overlap",
        _task("after", [{"task": "A", "max_overlap": 10**7}], index=1),
        f"tasks[1].after[0].max_overlap: {TOO_LONG}",
    ),
    (
        "estimate",
        _task(
            "estimate",
            {"optimistic": 1, "likely": 2, "pessimistic": 10**7},
        ),
        f"tasks[0].estimate.pessimistic: {TOO_LONG}",
    ),
    # -- the crude horizon --------------------------------------------------
    # 25 x 100,000 days; the first of the longest is blamed.
    (
        "many long tasks",
        _long_tasks,
        f"tasks[3].duration: a duration of {MAX_DURATION} working days {PAST}",
    ),
    (
        "many long modes",
        _long_modes,
        f"tasks[3].modes[1].duration: a "
        f"duration of {MAX_DURATION} working days {PAST}",
    ),
    # 500 x 5000 days of lag.
    (
        "many long lags",
        _long_lags,
        f"tasks[3].after[0].lag: a lag of 5000 working days {PAST}",
    ),
    (
        "earliest start near the end",
        _task("earliest_start", "9999-12-01"),
        f"tasks[0].earliest_start: the earliest start 9999-12-01 {PAST}",
    ),
    (
        "earliest start a margin before the end",
        # Mon 9999-12-06 .. Fri 12-31 is 20 working days, well inside the
        # margin.
        _task("earliest_start", "9999-12-06"),
        f"tasks[0].earliest_start: the earliest start 9999-12-06 {PAST}",
    ),
    (
        "vacation until the end of time",
        _away("2030-01-01", "9999-12-31"),
        f"people[1].unavailable[0].end: a vacation until 9999-12-31 {PAST}",
    ),
    (
        # Fri 9999-12-31 is the one working day left.
        "start on the last date",
        _top("start", "9999-12-31"),
        "start: 9999-12-31 leaves only 1 working day before 9999-12-31; "
        f"a project needs more than {CALENDAR_MARGIN}",
    ),
    (
        # 9999-06-01 is a Tuesday: Tue-Fri (4) + 30 weeks x 5 = 154 days.
        "start half a year before the end",
        _top("start", "9999-06-01"),
        "start: 9999-06-01 leaves only 154 working days before 9999-12-31",
    ),
    (
        # Mondays only, from Fri 9999-12-31: no working day at all.
        "no working day left",
        lambda data: data.update(
            start="9999-12-31",
            calendar={"workdays": ["Mon"]},
        ),
        "start: 9999-12-31 leaves only 0 working days before 9999-12-31",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "line"),
    [pytest.param(m, line, id=name) for name, m, line in BAD_INPUT],
)
def test_bad_input(
    make_project: Callable[..., Data], mutate: Mutator, line: str
) -> None:
    data = make_project()
    Project.from_data(data)  # the base is valid
    mutate(data)
    with pytest.raises(ProjectError, match=re.escape(line)) as info:
        Project.from_data(data)
    assert any(e.startswith(line) for e in info.value.errors)


def test_horizon_message_gives_the_numbers(
    make_project: Callable[..., Data],
) -> None:
    data = make_project()
    _long_tasks(data)
    with pytest.raises(ProjectError) as info:
        Project.from_data(data)
    (line,) = info.value.errors
    # 3 + 2 + 0 + 25 x 100,000 days + 1 = 2,500,006 from the start.
    assert "add up to 2500006 working days from 2025-06-02" in line
    room = (
        Project.from_data(make_project()).work_calendar.index_on_or_before(
            date.max
        )
        + 1
        - CALENDAR_MARGIN
    )
    assert line.endswith(f"the calendar has room for {room}")


def test_largest_values_within_bounds_are_valid(
    make_project: Callable[..., Data],
) -> None:
    """The caps themselves are fine, and so is a project that just fits."""
    data = make_project()
    data["tasks"][0].update(
        duration=MAX_DURATION,
        crash={"duration": 1},
        estimate={"optimistic": 0, "likely": 1, "pessimistic": MAX_DURATION},
    )
    data["tasks"][1]["after"] = [
        {"task": "A", "lag": 0, "max_overlap": MAX_DURATION}
    ]
    project = Project.from_data(data)
    assert project.crude_horizon == MAX_DURATION + 2 + 0 + 1


@pytest.mark.parametrize(
    "mutate",
    [
        pytest.param(_top("deadline", "9999-12-31"), id="project-deadline"),
        pytest.param(_task("deadline", "9999-12-31"), id="task-deadline"),
        pytest.param(
            _top(
                "calendar",
                {"holidays": ["2025-06-09", "9999-12-30", "9999-12-31"]},
            ),
            id="holidays",
        ),
        # Sat 9999-12-25 .. Sun 12-26: no working day, nothing blocked.
        pytest.param(_away("9999-12-25", "9999-12-26"), id="weekend-away"),
        # 2,000 years before the end: plenty of room.
        pytest.param(_top("start", "7999-06-01"), id="late-start"),
    ],
)
def test_dates_near_the_end_solve(
    make_project: Callable[..., Data], mutate: Mutator
) -> None:
    data = make_project()
    mutate(data)
    project = Project.from_data(data)
    result = plansat.solve(project, objective="time", time_limit=5)
    assert result.status == SolveStatus.OPTIMAL
    assert result.makespan == 5  # A (3 days) then B (2 days)
    assert plansat.violations(project, result) == []


# -- the command line ---------------------------------------------------------


@pytest.mark.parametrize(
    ("mutate", "line"),
    [
        pytest.param(
            _task("duration", 3_000_000),
            f"tasks[0].duration: {TOO_LONG}",
            id="fuzzed",
        ),
        pytest.param(
            _long_tasks,
            f"tasks[3].duration: a duration of "
            f"{MAX_DURATION} working days {PAST}",
            id="long",
        ),
        pytest.param(
            _task("earliest_start", "9999-12-01"),
            f"tasks[0].earliest_start: the earliest start 9999-12-01 {PAST}",
            id="earliest-start",
        ),
        pytest.param(
            _top("start", "9999-12-31"),
            "start: 9999-12-31 leaves only 1 working day",
            id="start",
        ),
    ],
)
@pytest.mark.parametrize(
    "command",
    [["validate"], ["solve", "--time-limit", "1"]],
    ids=["validate", "solve"],
)
def test_cli_exits_2(
    tmp_path: Path,
    make_project: Callable[..., Data],
    mutate: Mutator,
    line: str,
    command: list[str],
) -> None:
    data = make_project()
    mutate(data)
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = CliRunner().invoke(cli, [command[0], str(path), *command[1:]])
    assert result.exit_code == 2, result.output
    assert "internal error" not in result.output
    assert "Traceback" not in result.output
    assert line in result.stderr


@pytest.mark.parametrize(
    ("field", "value"),
    [("overhead_per_day", 1e300), ("overhead_per_day", 1e9 + 1)],
)
def test_money_is_bounded_for_the_solver(field: str, value: float) -> None:
    # 1e300 per day used to reach CP-SAT and come back MODEL_INVALID.
    data = {"start": "2025-06-02", "tasks": [{"id": "A", "duration": 1}],
            field: value}
    with pytest.raises(ProjectError, match=f"{field}: Input should be less"):
        Project.from_data(data)
