"""Issue 23, items 1 and 2: every question asked after a status date is
measured against the re-plan at that date (:mod:`plansat.analysis.
basis`), and the single-point-of-failure analysis looks only at work
not yet done.

The e-commerce example reported on 1 August 2025 (working day 25) with
the plan solved before work started (52 working days) as the plan of
record: the re-plan at the status date finishes on day 56.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from plansat import Project, Result, solve
from plansat.analysis.impact.blockers import blockers
from plansat.analysis.impact.changes import Delay, apply
from plansat.analysis.impact.what_if import what_if
from plansat.analysis.tracking.replan import replan
from plansat.check import violations

LIMIT: dict[str, Any] = {"time_limit": 10, "workers": 1}
EXAMPLES = Path(__file__).parents[2] / "examples"


@pytest.fixture(scope="module")
def progress() -> Project:
    return Project.from_file(EXAMPLES / "ecommerce-progress.json")


@pytest.fixture(scope="module")
def before(progress: Project) -> Result:
    """The plan solved before any progress (the baseline)."""
    plain = Project.from_file(EXAMPLES / "ecommerce.json")
    return solve(plain, **LIMIT)


@pytest.mark.parametrize("given", ["baseline", "none", "replan"])
def test_whatif_measures_both_answers_from_the_replan(
    progress: Project, before: Result, given: str
) -> None:
    forecast = replan(progress, before, **LIMIT)
    result = {"baseline": before, "none": None, "replan": forecast}[given]
    answer = what_if(progress, result, [Delay("T006", 2)], **LIMIT)
    # the basis is the re-plan at the status date (56 working days), not
    # the plan before the status date (52)
    assert answer.baseline.makespan == forecast.makespan == 56
    assert answer.propagated.delay is not None
    assert answer.recovered.delay is not None
    # T006 is critical in the re-plan: two days later is two days later
    # held, and no re-plan does better on a chain
    assert answer.propagated.delay == answer.recovered.delay == 2
    assert answer.replanning_saves == 0
    assert (answer.notes != []) == (given == "baseline")
    assert answer.plan is not None
    assert violations(apply(progress, [Delay("T006", 2)]),
                      answer.plan) == []


def test_recovery_is_never_worth_less_than_nothing(
    progress: Project, before: Result
) -> None:
    for change in (Delay("T004", 3), Delay("T005", 4), Delay("T007", 1)):
        answer = what_if(progress, before, [change], **LIMIT)
        assert answer.replanning_saves is not None
        assert answer.replanning_saves >= 0, change


def test_blockers_with_a_baseline_result_after_the_status_date(
    progress: Project, before: Result
) -> None:
    # before the fix: ChangeError "--unavailable alice:2025-06-26:...:
    # before the status date" -- an absence placed on finished work
    report = blockers(progress, before, **LIMIT)
    assert report.baseline is not None
    assert report.baseline.makespan == 56
    assert any("re-plan at the status date" in n for n in report.notes)
    done = {t.id for t in progress.tasks
            if t.progress and t.progress.actual_finish}
    for b in report.blockers:
        if b.id.startswith("spof"):
            assert not set(b.tasks) & done, b


def test_blocker_wording(progress: Project, before: Result) -> None:
    from plansat.models.impact import Blocker
    from plansat.notify.status_messages import describe

    report = blockers(progress, before, **LIMIT)
    late = next(b for b in report.blockers if b.id == "late-work")
    for res in late.resolutions:
        # the catch-up's deadline is the baseline's finish (9 September),
        # not the project deadline (31 October)
        assert "the project deadline" not in (res.detail or "")
    hire = Blocker(id="skill-qa", category="skills", severity="low",
                   title="qa is a bottleneck", impact_days=6)
    assert "one more person saves 6 working days" in describe(hire)
    assert "+6" not in describe(hire)
