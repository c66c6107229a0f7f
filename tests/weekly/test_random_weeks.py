"""Issue 23: a randomised weekly loop.  Generated projects using every
contract feature -- fast-tracking, SS/FF/SF links and leads, multi-mode
tasks, part-time people, vacations, crashing, features and releases --
go through several weeks of random actuals
(:func:`benchmarks.weekly.actuals`).  Each week the re-plan is
checker-clean, or the project is refused with a clear error about what
the user wrote; never an error about a derived project (issue 23 item
9: ``max_overlap ... of T000, which lasts 1``), and what-if after the
status date never says re-planning is worth less than nothing.
"""

from __future__ import annotations

import random
from typing import Any

from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from benchmarks.weekly import WEEK, actuals, with_progress
from plansat import Project, SolveStatus, solve
from plansat.analysis.impact.changes import Delay
from plansat.analysis.impact.what_if import what_if
from plansat.analysis.tracking.replan import replan
from plansat.check import violations
from plansat.models import ProjectError
from plansat.options import SolveOptions
from tests.helpers import START

OPTIONS = SolveOptions(time_limit=2, workers=1)
SKILLS = ("a", "b")


def _link(draw: st.DrawFn, pred: int, length: int) -> dict[str, Any]:
    """A link from task ``pred``, which lasts at least ``length`` days."""
    kind = draw(st.sampled_from(["FS", "FS", "SS", "FF", "SF"]))
    link: dict[str, Any] = {"task": f"T{pred:03d}", "type": kind,
                            "lag": draw(st.integers(-1, 2))}
    if kind == "FS" and draw(st.booleans()):
        link["lag"] = 0
        link["max_overlap"] = draw(st.integers(1, length))
        link["overlap_cost_per_day"] = draw(st.integers(0, 100))
    return link


@st.composite
def projects(draw: st.DrawFn) -> dict[str, Any]:
    """A random project with every contract feature (data, validated by
    the caller)."""
    people = []
    for k in range(draw(st.integers(2, 4))):
        person: dict[str, Any] = {
            "id": f"p{k}", "skills": {SKILLS[k % 2]: 3,
                                      **({SKILLS[1 - k % 2]: 1}
                                         if draw(st.booleans()) else {})},
            "rate": draw(st.integers(100, 500)),
            # p0 and p1 full time: every skill has someone who can
            "availability": 100 if k < 2 else draw(st.sampled_from(
                [50, 100])),
        }
        if draw(st.booleans()):
            first = draw(st.integers(3, 25))
            person["unavailable"] = [{
                "start": f"2025-06-{first + 1:02d}",
                "end": f"2025-06-{first + 3:02d}"}]
        people.append(person)
    tasks: list[dict[str, Any]] = []
    shortest: list[int] = []
    for j in range(draw(st.integers(4, 8))):
        d = draw(st.integers(1, 6))
        need = [{"skill": draw(st.sampled_from(SKILLS)), "level": 1}]
        task: dict[str, Any] = {"id": f"T{j:03d}"}
        if d > 1 and draw(st.integers(0, 3)) == 0:  # multi-mode
            task["modes"] = [
                {"name": "normal", "duration": d, "needs": need},
                {"name": "fast", "duration": d - 1, "cost": 300,
                 "needs": [{**need[0], "count": 1}]},
            ]
        else:
            task["duration"] = d
            task["needs"] = need
            if d > 2 and draw(st.booleans()):
                task["crash"] = {"duration": d - 1, "cost_per_day": 200}
        preds = draw(st.sets(st.integers(0, j - 1), max_size=2)) if j \
            else set()
        task["after"] = [_link(draw, i, shortest[i]) for i in sorted(preds)]
        shortest.append(d - 1 if "modes" in task or "crash" in task
                        else d)
        tasks.append(task)
    n = len(tasks)
    half = [t["id"] for t in tasks[: n // 2]]
    rest = [t["id"] for t in tasks[n // 2:]]
    return {
        "start": START, "people": people, "tasks": tasks,
        "features": [
            {"id": "core", "value": 10, "tasks": half, "release": "r1"},
            {"id": "more", "value": 5, "tasks": rest},
        ],
        "releases": [{"id": "r1", "date": "2025-08-29"},
                     {"id": "r2", "date": "2025-10-31"}],
    }


def _clear(exc: ProjectError, data: dict[str, Any]) -> None:
    """A refusal names a place of the user's data and says what's wrong
    (not a derived project's fields)."""
    for line in exc.errors:
        assert line.split(":")[0].split("[")[0].split(".")[0] in (
            *data, "status_date", "tasks", "people"), line


@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(projects(), st.integers(0, 2**16))
def test_random_weeks(data: dict[str, Any], seed: int) -> None:
    try:
        project = Project.from_data(data)
    except ProjectError as exc:
        event(f"invalid: {exc.errors[0].split(':')[1][:40]}")
        assume(False)
        return
    base = solve(project, OPTIONS)
    assume(base.status.has_solution)
    assert violations(project, base) == []
    rng, plan = random.Random(seed), base
    for week in range(1, 4):
        at = WEEK * week
        progress = actuals(project, plan, at, rng,
                           out_of_sequence=week == 2)
        try:
            project = with_progress(project, at, progress)
        except ProjectError as exc:  # the simulated actuals refused
            _clear(exc, data)
            event("progress refused")
            return
        r = replan(project, base, OPTIONS)
        if not r.status.has_solution:
            assert r.explanation, r.status  # a refusal says why
            event("no re-plan")
            return
        assert r.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)
        assert violations(project, r) == [], violations(project, r)[:3]
        todo = [t for t in r.tasks if t.state == "not_started"
                and t.duration > 0]
        if todo:
            answer = what_if(project, r, [Delay(todo[0].id, 1)], OPTIONS)
            if answer.replanning_saves is not None and (
                    answer.recovered.status == SolveStatus.OPTIMAL):
                assert answer.replanning_saves >= 0
        plan = r
        event(f"week {week} re-planned")
