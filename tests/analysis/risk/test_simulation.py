"""Monte Carlo schedule risk (plansat.analysis.risk.simulation.simulate).

The issue's exact tests, derived by enumeration.  Two tasks A and B,
each uniform on the whole days {2, ..., 6} (25 equally likely pairs):

- different people, in parallel: finish = max(A, B); P(max = k) = (2k -
  3)/25 for k = 2..6, i.e. counts 1, 3, 5, 7, 9: mean 120/25 = 4.8,
  P(max <= 4) = 9/25, P(max <= 5) = 16/25 = 0.64, so P50 = 5, P80 = 6;
  E[max²] = 610/25 = 24.4, std = √(24.4 − 4.8²) = √1.36 ≈ 1.166;
- one person, in sequence: finish = A + B; counts of the sums 4..12 are
  1, 2, 3, 4, 5, 4, 3, 2, 1: mean 8, P(<= 7) = 10/25, P(<= 8) = 15/25,
  P(<= 9) = 19/25 = 0.76, P(<= 10) = 22/25, so P50 = 8, P80 = 10; std =
  √(2 × 2) = 2.  The critical-path-only simulation of the same project
  ignores the person and says max(A, B): P50 5, P80 6.

Two ways are used: the ``sampler`` hook feeding the 25 pairs once each
(exact), and ``distribution="uniform_int"`` (whole days equally likely)
with 10,000 samples, where the percentiles sit far from the boundaries
(0.64 vs 0.8) and the means are checked within 4 standard errors
(std/√N).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from plansat.analysis.risk.durations import rounded, task_uniforms
from plansat.analysis.risk.replanning import fixed_project
from plansat.analysis.risk.simulation import simulate
from plansat.analysis.risk.stats import average_ranks
from plansat.check import violations
from plansat.models import Project, Result
from plansat.models.tradeoff import NoScheduleError
from tests.helpers import make, solved

UNIFORM_2_6 = {"optimistic": 2, "likely": 4, "pessimistic": 6}
N = 10_000


def two_tasks(same_person: bool, **fields: Any) -> Project:
    """A and B (4 days, estimate 2..6), each needing skill x; one
    person, or two who can each do either."""
    people = [{"id": "ann", "skills": {"x": 1}}]
    if not same_person:
        people.append({"id": "bob", "skills": {"x": 1}})
    tasks = [
        {"id": k, "duration": 4, "needs": [{"skill": "x"}],
         "estimate": UNIFORM_2_6, **fields.pop(k, {})}
        for k in ("A", "B")
    ]
    return make(tasks, people=people, **fields)


def all_pairs(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """The 25 pairs of {2..6} x {2..6}, once each."""
    assert n == 25
    a, b = np.meshgrid(np.arange(2, 7), np.arange(2, 7), indexing="ij")
    return {"A": a.ravel(), "B": b.ravel()}


@pytest.fixture(scope="module")
def parallel() -> tuple[Project, Result]:
    p = two_tasks(same_person=False)
    return p, solved(p)  # asserts violations(p, result) == []


@pytest.fixture(scope="module")
def serial() -> tuple[Project, Result]:
    p = two_tasks(same_person=True)
    return p, solved(p)


def test_enumeration_different_people(parallel: Any) -> None:
    p, r = parallel
    assert violations(p, r) == [] and r.makespan == 4
    report = simulate(p, r, iterations=25, sampler=all_pairs)
    assert (report.finish.p50, report.finish.p80) == (5, 6)
    assert report.finish.mean == pytest.approx(4.8)
    assert report.finish.std == pytest.approx(math.sqrt(1.36))
    assert [(b.days, b.count) for b in report.histogram] == [
        (2, 1), (3, 3), (4, 5), (5, 7), (6, 9)]
    assert report.cpm_only.finish == report.finish


def test_enumeration_one_person(serial: Any) -> None:
    p, r = serial
    assert violations(p, r) == [] and r.makespan == 8
    report = simulate(p, r, iterations=25, sampler=all_pairs)
    assert (report.finish.p50, report.finish.p80) == (8, 10)
    assert report.finish.mean == pytest.approx(8.0)
    assert report.finish.std == pytest.approx(2.0)
    # one task waits for the other in every sample: both always critical
    assert [t.criticality for t in report.tasks] == [1.0, 1.0]
    assert report.person("ann").criticality == 1.0
    # the resource-blind answer: max(A, B)
    cpm = report.cpm_only.finish
    assert (cpm.p50, cpm.p80, cpm.mean) == (5, 6, pytest.approx(4.8))


@pytest.mark.parametrize(
    ("fixture", "p50", "p80", "mean", "std"),
    [("parallel", 5, 6, 4.8, math.sqrt(1.36)), ("serial", 8, 10, 8.0, 2.0)],
)
def test_uniform_int_sampling_matches_the_enumeration(
    fixture: str, p50: int, p80: int, mean: float, std: float,
    request: pytest.FixtureRequest,
) -> None:
    p, r = request.getfixturevalue(fixture)
    report = simulate(p, r, iterations=N, distribution="uniform_int")
    assert (report.finish.p50, report.finish.p80) == (p50, p80)
    assert abs(report.finish.mean - mean) < 4 * std / math.sqrt(N)
    assert (report.cpm_only.finish.p50, report.cpm_only.finish.p80) == (5,
                                                                        6)


def test_deterministic_estimates_give_zero_spread(ecommerce: Project) -> None:
    data = ecommerce.model_dump(mode="json")
    for t in data["tasks"]:
        d = t["duration"]
        t["estimate"] = {"optimistic": d, "likely": d, "pessimistic": d}
    p = Project.from_data(data)
    r = solved(p)  # 52 days: T007 crashed by 2, T002->T003 overlapped 1
    assert violations(p, r) == [] and r.makespan == 52
    report = simulate(p, r, iterations=500)
    f = report.finish
    assert (f.std, f.min, f.max) == (0.0, 52, 52)
    assert {f.p10, f.p50, f.p80, f.p90, f.p95} == {52}
    assert report.finish_dates.p50 == r.finish_date
    assert report.p80_se == 0.0
    assert report.cpm_only.finish.std == 0.0


def test_a_risk_event_on_a_critical_task(parallel: Any) -> None:
    # A -> B in sequence, fixed 3 + 2 days; R strikes B with p = 0.3 and
    # adds exactly 5 days: finish 5 with p 0.7, 10 with p 0.3.
    p = make(
        [{"id": "A", "duration": 3},
         {"id": "B", "duration": 2, "after": ["A"]}],
        deadline="2025-06-06",  # Fri, working day 4: finish <= 5 meets it
        risks=[{"id": "R", "name": "late", "probability": 0.3,
                "delay": {"optimistic": 5, "likely": 5, "pessimistic": 5},
                "tasks": ["B"]}],
    )
    r = solved(p)
    assert violations(p, r) == [] and r.makespan == 5
    report = simulate(p, r, iterations=N)
    assert {b.days for b in report.histogram} == {5, 10}
    sigma = math.sqrt(0.3 * 0.7 / N)  # binomial standard error
    assert report.deadline_probability == pytest.approx(0.7, abs=4 * sigma)
    [row] = report.risks
    assert row.occurred == pytest.approx(0.3, abs=4 * sigma)
    assert row.occurred == pytest.approx(1 - report.deadline_probability)
    assert row.impact == pytest.approx(5.0)


def test_perfect_correlation_gives_one_tasks_distribution() -> None:
    # A and B in WBS branch 1, parallel (two people), uniform {2..6}: with
    # rank correlation 1 they draw the same days, so max(A, B) = A:
    # mean 4, each day with probability 1/5.
    p = two_tasks(False, A={"wbs": "1.1"}, B={"wbs": "1.2"})
    r = solved(p)
    assert violations(p, r) == []
    report = simulate(p, r, iterations=N, distribution="uniform_int",
                      correlation=1.0)
    sd = math.sqrt(2.0)  # std of uniform {2..6}
    assert abs(report.finish.mean - 4.0) < 4 * sd / math.sqrt(N)
    assert report.finish.std == pytest.approx(sd, abs=0.05)
    assert [b.days for b in report.histogram] == [2, 3, 4, 5, 6]
    for b in report.histogram:
        assert b.count / N == pytest.approx(0.2, abs=4 * math.sqrt(.16 / N))
    assert [t.criticality for t in report.tasks] == [1.0, 1.0]
    independent = simulate(p, r, iterations=N, distribution="uniform_int")
    assert abs(independent.finish.mean - 4.8) < 0.05


def test_rank_correlation_of_the_copula() -> None:
    # Spearman of the uniforms of two tasks in a branch ~ the target
    rng = np.random.default_rng(3)
    u = task_uniforms(rng, 2, 20_000, [[0, 1]], correlation=0.5)
    ra = average_ranks((u[0] * 1e6).astype(np.int64))
    rb = average_ranks((u[1] * 1e6).astype(np.int64))
    assert np.corrcoef(ra, rb)[0, 1] == pytest.approx(0.5, abs=0.02)


def test_same_seed_same_report_other_seeds_within_error(
    ecommerce: Project,
) -> None:
    r = solved(ecommerce)
    assert violations(ecommerce, r) == []
    one = simulate(ecommerce, r, iterations=N, seed=1)
    assert one == simulate(ecommerce, r, iterations=N, seed=1)
    other = simulate(ecommerce, r, iterations=N, seed=2)
    assert one != other
    # means within 4 standard errors of their difference; the P80 within
    # 3 of the reported errors combined, or one whole day (durations and
    # finishes are whole days)
    se_mean = math.hypot(one.finish.std, other.finish.std) / math.sqrt(N)
    assert abs(one.finish.mean - other.finish.mean) < 4 * se_mean
    p80_tolerance = max(1.0, 3 * math.hypot(one.p80_se, other.p80_se))
    assert abs(one.finish.p80 - other.finish.p80) <= p80_tolerance


@pytest.mark.parametrize("plan", ["baseline", "replan"])
def test_in_progress_samples_its_remaining_days(plan: str) -> None:
    # status Mon 9 June = day 5.  A (10 days, estimate 8..12) started on
    # day 0 with 4 days left: remaining = round(4/10 × k) for k = 8..12
    # = 3, 4, 4, 4, 5 (3.2, 3.6, 4.0, 4.4, 4.8 rounded half up).  B (1
    # day, unstarted) can't start before day 5.  Finish = 5 + remaining:
    # P10 = 8, P50 = 9, mean 9.
    assert rounded(8, 10, 12, 0.4, "uniform_int").values.tolist() == [
        3, 4, 5]
    p = make(
        [{"id": "A", "duration": 10, "needs": [{"skill": "x"}],
          "estimate": {"optimistic": 8, "likely": 10, "pessimistic": 12},
          "progress": {"actual_start": "2025-06-02", "remaining": 4}},
         {"id": "B", "duration": 1}],
        people=[{"id": "ann", "skills": {"x": 1}}],
        status_date="2025-06-09",
    )
    if plan == "baseline":  # solved from day 0, progress aside
        r = solved(p)
    else:  # the re-plan of the remaining work (rows with a state)
        from plansat.analysis.tracking.replan import replan

        r = replan(p, time_limit=5, workers=1)
        assert r.task("A").state == "in_progress"
    assert violations(p, r) == []
    report = simulate(p, r, iterations=N, distribution="uniform_int")
    f = report.finish
    assert (f.p10, f.p50, f.p95) == (8, 9, 10)
    sd = math.sqrt(0.4)  # remaining 3, 4, 5 with 0.2, 0.6, 0.2
    assert abs(f.mean - 9.0) < 4 * sd / math.sqrt(N)
    assert report.task("A").duration_mean == pytest.approx(4.0, abs=0.03)
    assert report.task("B").finish_mean == 6.0  # [5, 6), never before AT
    assert report.time_now == 5


def test_everything_finished_leaves_no_spread() -> None:
    done = {"actual_start": "2025-06-02", "actual_finish": "2025-06-04"}
    p = make(
        [{"id": "A", "duration": 3, "estimate": UNIFORM_2_6,
          "progress": done},
         {"id": "B", "duration": 2, "after": ["A"], "estimate": UNIFORM_2_6,
          "progress": {"actual_start": "2025-06-05",
                       "actual_finish": "2025-06-10"}}],
        status_date="2025-06-11",
    )
    r = solved(p)
    assert violations(p, r) == []
    report = simulate(p, r, iterations=200)
    # B ended Tue 10 June = working day 6: finish 7 in every sample
    assert (report.finish.std, report.finish.min, report.finish.max) == (
        0.0, 7, 7)
    assert report.cpm_only.finish.p95 == 7


def test_replan_recovers_and_every_replan_is_checked() -> None:
    # ann does A then C, bob does B; when A runs long the re-plan can
    # give C to bob.  Every re-solved schedule passes the checker.
    est = {"optimistic": 1, "likely": 3, "pessimistic": 9}
    p = make([{"id": k, "duration": 3, "needs": [{"skill": "x"}],
               "estimate": est} for k in ("A", "B", "C")],
             people=[{"id": "ann", "skills": {"x": 1}},
                     {"id": "bob", "skills": {"x": 1}}])
    r = solved(p)
    assert violations(p, r) == []
    report = simulate(p, r, iterations=200, policy="replan",
                      replan_samples=6, replan_time_limit=2.0,
                      options=None, seed=4)
    rp = report.replan
    assert rp is not None and (rp.samples, rp.solved) == (6, 6)
    assert rp.violations == 0
    assert all(b <= a for a, b in zip(rp.plan_makespans,
                                      rp.replan_makespans, strict=True)
               if b is not None)
    assert rp.recovered_mean is not None and rp.recovered_mean >= 0
    # one re-solve by hand: A 7 days, B 1, C 3: the plan's order gives
    # 7 + 3 = 10 if C follows A's person; re-planned C goes to the other
    copy = fixed_project(p, r, {"A": 7, "B": 1, "C": 3})
    again = solved(copy)
    assert violations(copy, again) == [] and again.makespan == 7


def test_until_stable_adds_rounds() -> None:
    p = make([{"id": "A", "duration": 10,
               "estimate": {"optimistic": 5, "likely": 10,
                            "pessimistic": 40}}])
    r = solved(p)
    assert violations(p, r) == []
    report = simulate(p, r, iterations=100, until_stable=True,
                      max_iterations=50_000)
    assert report.iterations > 100 and report.iterations % 100 == 0
    assert report.stable is True and report.p80_se < 0.5
    capped = simulate(p, r, iterations=100, until_stable=True,
                      max_iterations=200)
    assert capped.iterations == 200 and capped.stable is False
    # a cap below one round still draws the round
    once = simulate(p, r, iterations=100, until_stable=True,
                    max_iterations=50)
    assert once.iterations == 100
    assert simulate(p, r, iterations=300).iterations == 300


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"iterations": 0}, "iterations must be >= 1"),
        ({"distribution": "normal"}, "distribution must be one of"),
        ({"correlation": 1.5}, r"correlation must be in \[0, 1\]"),
        ({"correlation": -0.1}, r"correlation must be in \[0, 1\]"),
        ({"policy": "guess"}, "policy must be one of"),
        ({"max_iterations": 0}, "max_iterations must be >= 1"),
        ({"replan_samples": 0}, "replan_samples must be >= 1"),
        ({"replan_time_limit": 0}, "replan_time_limit must be > 0"),
        ({"sampler": lambda rng, n: {"Z": np.ones(n)}},
         "'Z' is not a task id"),
    ],
)
def test_bad_arguments(parallel: Any, kwargs: dict[str, Any],
                       message: str) -> None:
    p, r = parallel
    with pytest.raises(ValueError, match=message):
        simulate(p, r, **{"iterations": 10, **kwargs})


def test_replan_policy_with_a_status_date() -> None:
    # nothing done by day 2: A(2) runs days 2-4 in every sample
    p = make([{"id": "A", "duration": 2}], status_date="2025-06-04")
    report = simulate(p, policy="replan", iterations=10, replan_samples=2)
    assert report.replan is not None
    assert report.replan.replan_makespans == [4, 4]


def test_no_schedule_is_an_error() -> None:
    p = make([{"id": "A", "duration": 9}], deadline="2025-06-04")
    none = solved(p, status=None)
    assert not none.status.has_solution
    with pytest.raises(NoScheduleError):
        simulate(p, none, iterations=10)


def test_to_frame_lists_tasks_most_critical_first(serial: Any) -> None:
    p, r = serial
    frame = simulate(p, r, iterations=25, sampler=all_pairs).to_frame()
    assert list(frame["id"]) == ["A", "B"]
    assert {"criticality", "cruciality", "ssi"} <= set(frame.columns)
