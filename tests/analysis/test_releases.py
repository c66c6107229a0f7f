"""Release planning (plansat.analysis.releases) on hand-solved instances.

The instance of issue 15: one developer, three features FA (value 50,
task A of 3 days), FB (30, B of 2 days), FC (20, C of 4 days), releases
r1 on Fri 6 Jun 2025 and r2 on Mon 16 Jun.  The project starts Mon 2 Jun,
Mon-Fri, so r1 is working day 4 and r2 day 10: a feature ships in r1 when
its task finishes by day 4 (ends on Thu 5 Jun at the latest), in r2 when
it finishes by day 10.  Default weights: r1 10 - 4 + 1 = 7, r2 1.

The developer works one task at a time, so by day 4 only 4 days of work
fit: A (3) alone, B (2) alone or C (4) alone.  Shipping FA first gives
50 × 7 + (30 + 20) × 1 = 400; FB first 30 × 7 + (50 + 20) = 280; FC
first 20 × 7 + 80 = 220.  The optimum is 400.  With r1 on Mon 9 Jun (day
5), A + B = 5 days fit: (50 + 30) × 6 + 20 × 1 = 500.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import plansat.analysis.releases as releases_module
from plansat.analysis.releases import (
    NoFeaturesError,
    plan_releases,
    sweep,
    with_releases,
)
from plansat.check import violations
from plansat.models import Project, ProjectError, SolveStatus
from plansat.models.delivery import ReleasePlan
from plansat.options import Budget
from tests.helpers import START, make

DEV = [{"id": "dev", "skills": {"dev": 1}}]
NEED = [{"skill": "dev"}]
TASKS = [
    {"id": "A", "duration": 3, "needs": NEED},
    {"id": "B", "duration": 2, "needs": NEED},
    {"id": "C", "duration": 4, "needs": NEED},
]
RELEASES = [
    {"id": "r1", "name": "MVP", "date": "2025-06-06"},  # day 4
    {"id": "r2", "date": "2025-06-16"},  # day 10
]


def features(**extra: Any) -> list[dict[str, Any]]:
    """FA, FB, FC with ``extra`` fields by feature id."""
    base: list[dict[str, Any]] = [
        {"id": "FA", "value": 50, "tasks": ["A"]},
        {"id": "FB", "value": 30, "tasks": ["B"]},
        {"id": "FC", "value": 20, "tasks": ["C"]},
    ]
    return [{**f, **extra.get(f["id"], {})} for f in base]


def hand(people: list[dict[str, Any]] | None = None,
         **fields: Any) -> Project:
    """The issue's instance (fields replace the defaults)."""
    fields.setdefault("features", features())
    fields.setdefault("releases", RELEASES)
    return make(TASKS, people=people or DEV, **fields)


def planned(project: Project, **kw: Any) -> ReleasePlan:
    """Plan on one worker and check the schedule independently (against
    the project with the releases and weights the plan used)."""
    kw.setdefault("time_limit", 5)
    kw.setdefault("workers", 1)
    plan = plan_releases(project, **kw)
    used = with_releases(project, kw.get("releases"), kw.get("weights"))
    assert violations(used, plan.result) == []
    return plan


def shipped(plan: ReleasePlan) -> dict[str, list[str]]:
    return {r.id: r.features for r in plan.releases}


def test_the_most_valuable_feature_ships_first() -> None:
    plan = planned(hand())
    assert plan.status == SolveStatus.OPTIMAL
    assert plan.value == plan.bound == 400  # 50 × 7 + (30 + 20) × 1
    assert shipped(plan) == {"r1": ["FA"], "r2": ["FB", "FC"]}
    r1, r2 = plan.releases
    assert (r1.day, r1.weight, r1.value, r1.cumulative_value) == (4, 7, 50,
                                                                 50)
    assert (r2.day, r2.weight, r2.value, r2.cumulative_value) == (10, 1, 50,
                                                                  100)
    assert r1.tasks == ["A"] and r2.tasks == ["B", "C"]
    assert plan.shipped_value == plan.total_value == 100
    assert plan.unscheduled == []
    assert plan.result.objective == "value"
    assert {t.id: t.release for t in plan.result.tasks} == {
        "A": "r1", "B": "r2", "C": "r2"}
    # tie-break: all three back to back, makespan 3 + 2 + 4 = 9
    assert plan.result.makespan == 9


def test_shipping_the_30_feature_first_is_worth_280() -> None:
    # Pinned to r1, FB takes 2 of its 4 days; A (3) no longer fits:
    # 30 × 7 + (50 + 20) × 1 = 280 < 400.
    plan = planned(hand(features=features(FB={"release": "r1"})))
    assert plan.value == 280
    assert shipped(plan) == {"r1": ["FB"], "r2": ["FA", "FC"]}


def test_release_one_on_day_five_ships_fifty_and_thirty() -> None:
    # r1 on Mon 9 Jun = day 5: A + B = 5 days fit, weight 10 - 5 + 1 = 6:
    # (50 + 30) × 6 + 20 × 1 = 500.
    plan = planned(hand(), releases=[date(2025, 6, 9), date(2025, 6, 16)])
    assert plan.status == SolveStatus.OPTIMAL
    assert plan.value == plan.bound == 500
    assert shipped(plan) == {"r1": ["FA", "FB"], "r2": ["FC"]}
    assert plan.releases[0].name == "MVP"  # the release moved, kept its id


def test_dates_of_another_count_make_new_releases() -> None:
    # One release on day 10: everything ships in R1, weight 1: 100.
    plan = planned(hand(), releases=[date(2025, 6, 16)])
    assert [r.id for r in plan.releases] == ["R1"]
    assert plan.value == 100


def test_weights_override_the_value_days() -> None:
    # Weights 2 and 1: FA first is still best, 50 × 2 + 50 × 1 = 150.
    plan = planned(hand(), weights=[2, 1])
    assert plan.value == 150
    assert [r.weight for r in plan.releases] == [2, 1]


@pytest.mark.parametrize(
    ("weights", "match"),
    [
        ([1, 2], r"releases\[1\]\.weight: 2 is above the weight 1 of the "
                 r"earlier release 'r1'"),
        ([3], r"weights: 1 given for 2 release\(s\)"),
        ([-1, -2], r"releases\[0\]\.weight: .*greater than or equal to 0"),
    ],
)
def test_bad_weights_are_refused(weights: list[float], match: str) -> None:
    with pytest.raises(ProjectError, match=match):
        plan_releases(hand(), weights=weights, time_limit=1)


def test_after_is_respected() -> None:
    # FA after FC: FC ships no later than FA.  Both by day 4 is 7 days;
    # FC in r1 alone gives 20 × 7 + 80 = 220; FB in r1 and FA, FC in r2
    # give 30 × 7 + 70 = 280, the optimum.
    plan = planned(hand(features=features(FA={"after": ["FC"]})))
    assert plan.value == 280
    assert shipped(plan) == {"r1": ["FB"], "r2": ["FA", "FC"]}


def test_a_pinned_feature_ships_in_its_release_not_earlier() -> None:
    # FA pinned to r2: A must end after day 4.  Then FB in r1 (210) beats
    # FC in r1 (140): 30 × 7 + (50 + 20) × 1 = 280.
    plan = planned(hand(features=features(FA={"release": "r2"})))
    assert plan.value == 280
    assert shipped(plan) == {"r1": ["FB"], "r2": ["FA", "FC"]}
    assert plan.result.task("A").finish > 4


def test_a_must_feature_that_cannot_fit_is_explained() -> None:
    # dev is away Mon 9 .. Fri 13 Jun (days 5-9): only days 0-4 are
    # worked before r2 (day 10).  FA pinned to r1 takes 3 of them; FC (4
    # days) must ship by r2: 7 > 5 days.
    away = [{**DEV[0], "unavailable": [{"start": "2025-06-09",
                                        "end": "2025-06-13"}]}]
    project = hand(people=away, features=features(
        FA={"release": "r1"}, FC={"must": True, "name": "Checkout"}))
    plan = plan_releases(project, time_limit=5, workers=1)
    assert plan.status == SolveStatus.INFEASIBLE
    assert plan.result.tasks == [] and plan.releases[0].features == []
    conflicts = plan.result.conflicts
    assert ("feature FC (Checkout) must ship by the last release r2 "
            "(2025-06-16)") in conflicts
    assert ("feature FA is pinned to release r1 (MVP, 2025-06-06): it "
            "must ship by then") in conflicts
    assert "dev is away 2025-06-09 to 2025-06-13" in conflicts
    assert "feature FC" in (plan.result.explanation or "")


def test_unscheduled_features_say_why() -> None:
    # One release on Wed 4 Jun (day 2): only B (2 days) can be done in
    # time.  A's 3 days end on day 3 at the earliest (the forward pass),
    # C's 4 on day 4: neither ships, whatever the team does.
    plan = planned(hand(releases=[{"id": "r", "date": "2025-06-04"}]))
    assert plan.value == 30 and plan.status == SolveStatus.OPTIMAL
    reasons = {u.feature: u.reason for u in plan.unscheduled}
    assert set(reasons) == {"FA", "FC"}
    assert reasons["FA"].startswith(
        "its last task can't end before 2025-06-04")
    assert plan.result.features[0].release is None
    assert plan.result.features[0].weight == 0


def test_no_room_is_the_capacity() -> None:
    # Release on Fri 6 Jun (day 4): A, B or C alone fit, not two.  FA
    # ships (50); FB and FC could each make it alone, so the team's
    # capacity is why they don't.
    plan = planned(hand(releases=[RELEASES[0]]))
    assert plan.value == 50
    reasons = {u.feature: u.reason for u in plan.unscheduled}
    assert reasons["FB"].startswith("no room by the last release r1")


def test_a_shared_task_counts_for_both_features() -> None:
    # A is in FA and FAB (A + B): finishing A ships FA; FAB needs B too.
    # A then B by day 5 (r1 on Mon 9 Jun): FA and FAB both in r1.
    feats = [{"id": "FA", "value": 50, "tasks": ["A"]},
             {"id": "FAB", "value": 10, "tasks": ["A", "B"]},
             {"id": "FC", "value": 20, "tasks": ["C"]}]
    plan = planned(hand(features=feats),
                   releases=[date(2025, 6, 9), date(2025, 6, 16)])
    # (50 + 10) × 6 + 20 × 1 = 380
    assert plan.value == 380
    assert plan.result.task("A").release == "r1"


def test_without_features_it_says_so() -> None:
    with pytest.raises(NoFeaturesError, match="the project has no features"):
        plan_releases(make(TASKS, people=DEV), time_limit=1)


def test_progress_still_holds() -> None:
    # Status date Wed 4 Jun (day 2): B was done on Mon 2 and Tue 3 Jun, so
    # it sits at [0, 2); A can't start before day 2 and ends on day 5, too
    # late for r1.  C (4 days, days 2-5) can't make it either: 30 × 7 +
    # (50 + 20) × 1 = 280.
    tasks = [dict(t) for t in TASKS]
    tasks[1]["progress"] = {"actual_start": "2025-06-02",
                            "actual_finish": "2025-06-03"}
    project = Project.model_validate({
        "start": START, "tasks": tasks, "people": DEV,
        "status_date": "2025-06-04", "features": features(),
        "releases": RELEASES,
    })
    plan = planned(project)
    assert plan.result.replan is not None
    assert plan.value == 280
    assert shipped(plan) == {"r1": ["FB"], "r2": ["FA", "FC"]}


def test_sweep_moves_the_release_date() -> None:
    # r1 on day d (2..6), weight 10 - d + 1:
    #   d=2: only B fits: 30 × 9 + 70 = 340;  d=3: A: 50 × 8 + 50 = 450;
    #   d=4: A: 400;  d=5: A + B: 80 × 6 + 20 = 500;  d=6: A + B (5 of 6
    #   days; A + C is 7): 80 × 5 + 20 = 420.
    swept = sweep(hand(), "r1", span=2, time_limit=10, workers=1)
    got = [(p.shift, p.day, p.shipped, p.value) for p in swept.points]
    assert got == [(-2, 2, 30, 340), (-1, 3, 50, 450), (0, 4, 50, 400),
                   (1, 5, 80, 500), (2, 6, 80, 420)]
    assert [p.features for p in swept.points][3] == ["FA", "FB"]
    assert all(p.status == SolveStatus.OPTIMAL for p in swept.points)
    assert swept.base is not None and swept.base.value == 400


def test_sweep_stays_between_the_neighbours() -> None:
    # r2 (day 10) moved ±7 stays after r1 (day 4): days 5..17.
    swept = sweep(hand(), "r2", span=7, time_limit=20, workers=1)
    assert [p.day for p in swept.points] == list(range(5, 18))


def test_sweep_points_share_one_budget(monkeypatch: pytest.MonkeyPatch,
                                       ) -> None:
    given: list[Budget] = []
    real = releases_module._solve

    def spy(project: Project, options: Any, budget: Budget,
            progress: Any) -> Any:
        given.append(budget)
        return real(project, options, budget, progress)

    monkeypatch.setattr(releases_module, "_solve", spy)
    sweep(hand(), "r1", span=1, time_limit=6, workers=1)
    # three points: 1/3 of what is left, then 1/2, then all of it, each
    # ending no later than the sweep's own 6 s
    assert len(given) == 3
    assert given[0].limit <= 6 / 3 + 1e-9
    assert given[1].limit <= 6 / 2 + 1e-9
    end = given[0].started + 6
    assert all(b.deadline <= end + 1e-9 for b in given)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda p: sweep(p, "nope", time_limit=1),
         r"unknown release 'nope'; the project's releases are r1, r2"),
        (lambda p: sweep(p, "r1", span=-1, time_limit=1),
         r"span must be >= 0"),
    ],
)
def test_bad_sweeps_are_refused(call: Any, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        call(hand())
