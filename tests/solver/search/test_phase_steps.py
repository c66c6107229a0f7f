"""Phase steps (plansat.solver.search.probe, .improvers, .full): each on
its own, on one engine's makespan phase."""

from __future__ import annotations

import pytest

from plansat import Project, SolveStatus
from plansat.heuristics.improve import improved_schedule
from plansat.solver.engine import PhaseResult
from plansat.solver.search import (
    FullSearch,
    HeuristicSeed,
    Neighbourhoods,
    Probe,
    Restarts,
)
from tests.helpers import make
from tests.helpers.runs import (
    in_phase,
    plan_of,
    rig_plans,
    rig_project,
    run_of,
)


def developers(n: int) -> Project:
    # n two-day tasks needing "dev", two developers.
    return make([{"id": f"T{k}", "duration": 2,
                  "needs": [{"skill": "dev"}]} for k in range(n)],
                people=[{"id": "ann", "skills": {"dev": 1}},
                        {"id": "bob", "skills": {"dev": 1}}])


@pytest.mark.parametrize("probe, project, applies", [
    (Probe(), rig_project(), False),  # 2 < 60 tasks
    (Probe(min_tasks=2), rig_project(), True),
    (Probe(min_tasks=2), developers(4), False),  # people: from 200
    (Probe(min_tasks=2, people_min_tasks=4), developers(4), True),
    (Probe(min_tasks=5, people_min_tasks=4), developers(4), False),
])
def test_probe_applies_from_its_sizes(probe: Probe, project: Project,
                                      applies: bool) -> None:
    assert probe.applies(run_of(project)) is applies


def test_probe_closes_an_easy_phase() -> None:
    run = run_of(rig_project())
    ph = in_phase(run, horizon=10)
    Probe(min_tasks=0).run(run, ph.budget)
    assert ph.searched and ph.out.status == SolveStatus.OPTIMAL
    assert ph.out.value == 4 and ph.out.plan is not None
    assert plan_of(run.project, ph.out.plan) == 4


def test_a_probe_without_time_only_sets_the_objective() -> None:
    run = run_of(rig_project())
    ph = in_phase(run, horizon=10)
    Probe(cap=0.0, min_tasks=0).run(run, ph.budget)
    assert ph.searched and ph.out.status == SolveStatus.UNKNOWN
    assert list(run.built.model.proto.objective.vars)


def test_the_seed_replaces_a_longer_probe_plan() -> None:
    short, long = rig_plans()
    run = run_of(rig_project())
    ph = in_phase(run, horizon=10)
    step = HeuristicSeed()
    assert not step.applies(run)  # no probe yet
    ph.searched = True
    ph.out = PhaseResult(SolveStatus.FEASIBLE, 5.0, 3.0, long)
    run.start.fallback = short
    assert step.applies(run)
    step.run(run, ph.budget)
    assert ph.out.plan is short and ph.out.value == 4
    assert ph.out.bound == 3.0  # the probe's proof stays


def test_the_seed_keeps_a_shorter_probe_plan() -> None:
    short, long = rig_plans()
    run = run_of(rig_project())
    ph = in_phase(run, horizon=10)
    ph.searched = True
    ph.out = PhaseResult(SolveStatus.FEASIBLE, 4.0, 3.0, short)
    run.start.fallback = long
    HeuristicSeed().run(run, ph.budget)
    assert ph.out.plan is short


def test_improvers_need_a_probed_phase_with_people_and_a_plan() -> None:
    p = developers(4)
    run = run_of(p)
    ph = in_phase(run, horizon=10)
    assert not Restarts().applies(run) and not Neighbourhoods().applies(run)
    Probe(min_tasks=0, people_min_tasks=0).run(run, ph.budget)
    assert ph.out.plan is not None
    assert Restarts().applies(run) and Neighbourhoods().applies(run)
    ph.name = "cost"  # restarts improve the makespan only
    assert not Restarts().applies(run) and Neighbourhoods().applies(run)
    alone = run_of(rig_project())  # nobody to assign
    in_phase(alone, horizon=10).searched = True
    assert not Restarts().applies(alone)


def test_restarts_end_the_phase_with_the_proven_optimum() -> None:
    # Four 2-day tasks, two developers: two rounds, 4 days (the energy:
    # 4 x 2 / 2), which CP-SAT beside the restarts proves.
    run = run_of(developers(4), workers=2)
    ph = in_phase(run, horizon=10)
    start = improved_schedule(run.project)
    run.built.model.minimize(ph.expr)  # as a probe leaves it
    ph.searched = True
    ph.out = PhaseResult(SolveStatus.FEASIBLE, float(start.makespan), None,
                         start)
    Restarts().run(run, ph.budget)
    assert ph.done and ph.out.value == 4 and ph.out.plan is not None
    assert ph.out.status == SolveStatus.OPTIMAL
    assert plan_of(run.project, ph.out.plan) == 4
    assert run.trace.last("lns") == {"makespan": {"beside": "restarts"}}


def test_full_search_on_a_fresh_phase() -> None:
    run = run_of(rig_project())
    ph = in_phase(run, horizon=10)
    FullSearch().run(run, ph.budget)
    assert ph.done and ph.out.status == SolveStatus.OPTIMAL
    assert ph.out.value == 4


def test_full_search_after_a_probe_holds_the_makespan_for_time() -> None:
    short, _ = rig_plans()
    run = run_of(rig_project())
    ph = in_phase(run, horizon=10)
    ph.searched = True
    ph.out = PhaseResult(SolveStatus.FEASIBLE, 4.0, None, short)
    run.built.model.minimize(ph.expr)
    before = len(run.built.model.proto.constraints)
    FullSearch().run(run, ph.budget)
    assert len(run.built.model.proto.constraints) == before + 1
    assert ph.out.status == SolveStatus.OPTIMAL and ph.out.value == 4
