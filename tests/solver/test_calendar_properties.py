"""Property tests of people's own calendars and splittable tasks on
random projects (:func:`tests.helpers.random_projects.projects`).

Every solve goes through :func:`tests.helpers.solved` (the independent
checker included).  A schedule in which no task pauses is a valid
schedule of the same project with every task splittable, so letting
tasks split never makes the optimum later.
"""

from __future__ import annotations

from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from plansat import Project, SolveStatus
from plansat.models import ProjectError
from tests.helpers import solved
from tests.helpers.random_projects import projects

CALENDARS: list[dict[str, Any] | None] = [
    None,
    {"workdays": ["Mon", "Tue", "Wed"]},
    {"workdays": ["Tue", "Wed", "Thu", "Fri"]},
    {"weeks": [["Mon", "Tue", "Wed", "Thu", "Fri"], ["Mon", "Tue"]]},
    {"region": {"country": "DE", "subdivision": "BY"}},
    {"holidays": ["2025-06-04", "2025-06-05"]},
]


@st.composite
def with_calendars(draw: st.DrawFn) -> tuple[dict[str, Any], Project]:
    """A random project whose people have calendars of their own; the
    data, and the project with every task that can splittable."""
    base = draw(projects())
    data = base.model_dump(mode="json", exclude_none=True)
    for person in data["people"]:
        cal = draw(st.sampled_from(CALENDARS))
        if cal is not None:
            person["calendar"] = cal
    split = {**data, "tasks": [
        {**t, "splittable": "crash" not in t} for t in data["tasks"]]}
    try:
        Project.from_data(data)
        return data, Project.from_data(split)
    except ProjectError:
        assume(False)
        raise


@settings(max_examples=20, deadline=None)
@given(with_calendars())
def test_splitting_never_makes_the_optimum_later(
    case: tuple[dict[str, Any], Project],
) -> None:
    data, split = case
    whole = solved(Project.from_data(data), status=None)
    paused = solved(split, status=None)
    assume(paused.status == SolveStatus.OPTIMAL)
    if whole.status == SolveStatus.OPTIMAL:
        assert paused.makespan is not None and whole.makespan is not None
        assert paused.makespan <= whole.makespan
