"""Blockers (``plansat.analysis.impact.blockers.blockers``): every impact
computed, checked against hand-derived values.

Projects start Monday 2025-06-02 (Mon-Fri): day k is the (k % 5)-th
weekday of week k // 5; day 5 is Mon 9 Jun, day 10 Mon 16 Jun.
"""

from __future__ import annotations

from typing import Any

import pytest

from plansat import Project, Result, SolveStatus
from plansat.analysis.impact.blockers import blockers, rank
from plansat.check import violations
from plansat.models.impact import (
    Blocker,
    BlockerReport,
    Severity,
    Thresholds,
)
from plansat.schedule.evaluate import build_result
from plansat.schedule.plan import Plan
from tests.helpers import make, solved

LIMIT: dict[str, Any] = {"time_limit": 20, "workers": 1}


def by_id(report: BlockerReport) -> dict[str, Blocker]:
    return {b.id: b for b in report.blockers}


def test_skill_bottleneck_saves_exactly_four_days() -> None:
    # Three independent 4-day tasks need backend >= 3 and one person has
    # it: 0-4, 4-8, 8-12.  With one more, two run side by side: 0-4 and
    # 4-8 on one person, 0-4 on the other -> 8, 4 days earlier.  Labour
    # is the same (12 days at 100: the extra person's rate is the mean
    # of those with the skill); overhead 50 a day saves 4 x 50 = 200.
    p = make([{"id": f"T{k}", "duration": 4,
               "needs": [{"skill": "backend", "level": 3}]}
              for k in range(3)],
             people=[{"id": "dev", "skills": {"backend": 4}, "rate": 100}],
             overhead_per_day=50)
    report = blockers(p, **LIMIT)
    gain = {g.skill: g for g in report.skills}["backend"]
    assert (gain.level, gain.rate, gain.days_saved, gain.cost_delta) == (
        3, 100, 4, -200)
    assert gain.status == SolveStatus.OPTIMAL
    skill = by_id(report)["skill-backend"]
    assert skill.category == "skills"
    assert (skill.impact_days, skill.impact_cost) == (4, 200)
    assert skill.resolutions[0].effect_days == -4
    # 4 days is medium, but 200 of the plan's 1,800 (labour 1,200 +
    # overhead 600) is 11 % >= 10 %: high
    assert skill.severity == "high"


def test_skill_that_is_no_bottleneck_saves_nothing() -> None:
    # A -> B (3 days each, qa): a chain, so a second qa person can't help
    p = make([{"id": "A", "duration": 3, "needs": [{"skill": "qa"}]},
              {"id": "B", "duration": 3, "after": ["A"],
               "needs": [{"skill": "qa"}]}],
             people=[{"id": "q", "skills": {"qa": 2}}])
    report = blockers(p, **LIMIT)
    assert [(g.skill, g.days_saved) for g in report.skills] == [("qa", 0)]
    assert "skill-qa" not in by_id(report)


def test_single_point_of_failure_a_week_away() -> None:
    # X (5 days, s >= 4: only ann) -> B (3).  ann away days 0-4: X 5-10,
    # B 10-13, 5 days late.  Re-planning can't help (no one else can do
    # X); a backup with s >= 4 does X on time.
    p = make([{"id": "X", "duration": 5,
               "needs": [{"skill": "s", "level": 4}]},
              {"id": "B", "duration": 3, "after": ["X"]}],
             people=[{"id": "ann", "skills": {"s": 4}, "rate": 100},
                     {"id": "ben", "skills": {"s": 2}, "rate": 50}])
    report = blockers(p, **LIMIT)
    spof = by_id(report)["spof-ann"]
    assert spof.category == "people" and spof.tasks == ["X"]
    assert spof.impact_days == 5 and spof.impact_cost == 0
    assert spof.detail == ["away 2025-06-02 to 2025-06-06 (X's first "
                           "week): finish +5 working day(s), cost +0"]
    around, backup = spof.resolutions
    assert around.effect_days == 0
    assert backup.action == "a backup with s >= 4 (or train ben, s 2)"
    assert backup.effect_days == -5 and backup.status == SolveStatus.OPTIMAL


def test_infeasible_with_the_deadline_moved() -> None:
    # A (5) -> B (5) by Fri 6 Jun (finish <= 5): 10 days needed, the
    # deadline must move 5 working days, to Fri 13 Jun.
    p = make([{"id": "A", "duration": 5},
              {"id": "B", "duration": 5, "after": ["A"]}],
             deadline="2025-06-06")
    report = blockers(p, **LIMIT)
    assert report.status == SolveStatus.INFEASIBLE
    [b] = report.blockers
    assert (b.category, b.severity) == ("infeasible", "high")
    [move] = b.resolutions
    assert move.effect_days == 5
    assert move.action == ("move the project deadline to 2025-06-13 (5 "
                           "working day(s) later)")


def test_infeasible_with_one_more_person() -> None:
    # P and Q (5 days, s) and one person, all by Fri 6 Jun: one more
    # person runs them side by side; or the deadline moves 5 days.
    p = make([{"id": "P", "duration": 5, "needs": [{"skill": "s"}]},
              {"id": "Q", "duration": 5, "needs": [{"skill": "s"}]}],
             people=[{"id": "ann", "skills": {"s": 1}}],
             deadline="2025-06-06")
    report = blockers(p, **LIMIT)
    [b] = report.blockers
    actions = [r.action for r in b.resolutions]
    assert actions[1] == "one more person with s >= 1"
    assert b.resolutions[0].effect_days == 5


def _hand(project: Project, starts: dict[str, int],
          people: dict[str, list[str]]) -> Result:
    plan = Plan()
    for t in project.tasks:
        plan.start[t.id], plan.duration[t.id] = starts[t.id], t.duration
        plan.people[t.id] = [people.get(t.id, [])]
    return build_result(project, plan, SolveStatus.FEASIBLE, "time", None,
                        None, 0.0)


def test_problems_of_a_hand_made_plan() -> None:
    # X and Y (3 days) both on ann at days 0-3: over-allocated.  The
    # least-change repair runs them one after the other: 6 days, 3 more.
    p = make([{"id": "X", "duration": 3, "needs": [{"skill": "s"}]},
              {"id": "Y", "duration": 3, "needs": [{"skill": "s"}]}],
             people=[{"id": "ann", "skills": {"s": 1}}])
    plan = _hand(p, {"X": 0, "Y": 0}, {"X": ["ann"], "Y": ["ann"]})
    assert violations(p, plan)
    report = blockers(p, plan, **LIMIT)
    problems = [b for b in report.blockers if b.id.startswith("plan-")]
    assert problems and all(b.severity == "high" for b in problems)
    assert problems[0].category == "people"
    assert "over-allocated" in problems[0].title
    assert problems[0].people == ["ann"]
    assert problems[0].impact_days == 3
    fix = problems[0].resolutions[0]
    assert fix.effect_days == 3 and fix.status == SolveStatus.OPTIMAL
    assert report.notes  # gains measured against the optimum instead


def test_deadline_with_little_slack() -> None:
    # A (5) ends Fri 6 Jun (finish 5); its deadline Mon 9 Jun allows
    # finish 6: one day of slack, below the medium threshold (3).
    p = make([{"id": "A", "duration": 5, "deadline": "2025-06-09"}])
    report = blockers(p, **LIMIT)
    b = by_id(report)["deadline-A"]
    assert b.title == "A's deadline 2025-06-09 has 1 working day(s) of slack"
    assert (b.severity, b.impact_days) == ("low", 0)
    assert any("slack only" in n for n in report.notes)
    quiet = blockers(p, thresholds=Thresholds(medium_days=1), **LIMIT)
    assert "deadline-A" not in by_id(quiet)


def test_missed_deadline_in_a_hand_made_plan() -> None:
    # M, a milestone due Tue 3 Jun, placed on day 5 (Mon 9 Jun): dated as
    # MS Project dates it, the end of day 4 (Fri 6 Jun), missed by 3
    # working days (Wed, Thu, Fri; finish 5 vs the bound 2).
    p = make([{"id": "A", "duration": 4},
              {"id": "M", "duration": 0, "after": ["A"],
               "deadline": "2025-06-03"}])
    plan = _hand(p, {"A": 0, "M": 5}, {})
    report = blockers(p, plan, **LIMIT)
    b = by_id(report)["deadline-M"]
    assert b.milestones == ["M"] and b.impact_days == 3
    assert b.severity == "medium"


def test_late_work_against_the_baseline() -> None:
    # Baseline A (4) 0-4 -> B (4) 4-8, overhead 10 a day (cost 80).  At
    # Mon 9 Jun (day 5) A has 3 days left: A 5-8, B 8-12 -> 4 days late,
    # overhead 12 x 10 = 120: 40 over.  Nothing can be crashed: no plan
    # catches up.
    tasks = [{"id": "A", "duration": 4},
             {"id": "B", "duration": 4, "after": ["A"]}]
    base_project = make(tasks, overhead_per_day=10)
    baseline = solved(base_project, time_limit=5, workers=1)
    tasks[0]["progress"] = {"actual_start": "2025-06-02", "remaining": 3}
    p = make(tasks, overhead_per_day=10, status_date="2025-06-09")
    report = blockers(p, baseline=baseline, **LIMIT)
    late = by_id(report)["late-work"]
    assert late.category == "progress"
    assert late.tasks == ["A", "B"] and late.impact_days == 4
    assert late.impact_cost == 40
    assert any("if nobody re-plans" in d and "+4" in d for d in late.detail)
    [catch_up] = late.resolutions
    assert catch_up.status == SolveStatus.INFEASIBLE


def test_ranking_and_minimum_severity() -> None:
    cases: list[tuple[str, Severity, int]] = [
        ("a", "low", 9), ("b", "high", 1), ("c", "medium", 2),
        ("d", "medium", 5)]
    items = [Blocker(id=i, category="people", severity=s, title=i,
                     impact_days=d) for i, s, d in cases]
    assert [b.id for b in rank(items)] == ["b", "d", "c", "a"]
    p = make([{"id": "A", "duration": 5, "deadline": "2025-06-09"}])
    assert blockers(p, min_severity="medium", **LIMIT).blockers == []
    with pytest.raises(ValueError, match="min_severity"):
        blockers(p, min_severity="urgent", **LIMIT)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("days", "cost", "expected"),
    [(0, 0, None), (1, 0, "low"), (3, 0, "medium"), (10, 0, "high"),
     (0, 5.0, "low"), (0, 20.0, "medium"), (0, 100.0, "high")],
)
def test_thresholds(days: int, cost: float, expected: str | None) -> None:
    # plan cost 1,000: medium from 2 % (20), high from 10 % (100)
    assert Thresholds().severity(days, cost, 1000) == expected


def test_every_solve_draws_from_one_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the plan's solve takes a quarter of the limit; no CP-SAT call of
    # the whole analysis is given more than the limit
    from ortools.sat.python import cp_model

    seen: list[float] = []
    real = cp_model.CpSolver.solve

    def spy(self: cp_model.CpSolver, *args: Any, **kwargs: Any) -> Any:
        seen.append(self.parameters.max_time_in_seconds)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(cp_model.CpSolver, "solve", spy)
    p = make([{"id": "X", "duration": 5, "needs": [{"skill": "s"}]}],
             people=[{"id": "ann", "skills": {"s": 1}}])
    blockers(p, time_limit=4, workers=1)
    assert len(seen) >= 3  # the plan, the skill, the single point's two
    assert seen[0] <= 1.0 and max(seen) <= 4
