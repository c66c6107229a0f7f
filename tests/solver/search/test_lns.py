"""The large-neighbourhood search (plansat.solver.search.lns) and the solve
flow around it: probe first, the heuristics' plan kept when better.

LNS must never return a plan worse than the one it starts from, nor one
the independent checker rejects, nor claim an optimum that isn't one.
"""

from __future__ import annotations

from hypothesis import given, settings

from plansat import Project, SolveStatus
from plansat.check import violations
from plansat.heuristics.constructive import constructive_schedule
from plansat.options import Budget, SolveOptions
from plansat.schedule.evaluate import build_result
from plansat.schedule.plan import Plan
from plansat.solver.engine import Engine
from plansat.solver.search import (
    DEFAULT,
    ConstructiveBound,
    ConstructiveReference,
    CriticalBound,
    EnergyBound,
    Fallback,
    FullSearch,
    HeuristicSeed,
    KeepBest,
    Neighbourhoods,
    PooledBound,
    Probe,
    Strategy,
    lns,
)
from plansat.solver.search.concurrent import beside
from tests.helpers import make, solved
from tests.helpers.random_projects import projects


def checked(p: Project, plan: Plan) -> int:
    """The plan's makespan, after the checker found nothing wrong."""
    result = build_result(p, plan, SolveStatus.FEASIBLE, "time",
                          plan.makespan, None, 0.0)
    assert violations(p, result) == []
    return plan.makespan


def engine_for(p: Project, plan: Plan) -> Engine:
    engine = DEFAULT.engine(p, plan.makespan)
    assert engine.vars.makespan is not None
    engine.model.minimize(engine.vars.makespan)
    return engine


@settings(max_examples=15, deadline=None)
@given(projects())
def test_lns_never_returns_a_worse_or_invalid_plan(p: Project) -> None:
    start = constructive_schedule(p)
    engine = engine_for(p, start)
    search = lns.Lns(engine, SolveOptions(workers=1), tiebreak=True)
    best = search.improve(lns.Incumbent(start, start.makespan),
                          Budget(0.5))
    assert best.value <= start.makespan
    assert checked(p, best.plan) == best.value
    optimum = solved(p, strategy="plain").makespan
    assert optimum is not None and best.value >= optimum


@settings(max_examples=10, deadline=None)
@given(projects())
def test_search_beside_the_full_search_is_honest(p: Project) -> None:
    # Two threads: LNS and CP-SAT's full search; OPTIMAL only when the
    # plan reaches the proven bound, which is the true optimum.
    start = constructive_schedule(p)
    engine = engine_for(p, start)
    options = SolveOptions(workers=2, time_limit=2)
    search = lns.Lns(engine, options)
    out = beside(engine, "makespan", lns.Incumbent(start, start.makespan),
                 0, 2.0, options, options.budget(), search.improve)
    stats = search.stats
    assert out.plan is not None and out.value is not None
    assert out.value <= start.makespan
    assert checked(p, out.plan) == out.value
    optimum = solved(p, strategy="plain").makespan
    assert out.bound is not None and out.bound <= optimum <= out.value
    if out.status == SolveStatus.OPTIMAL:
        assert out.value == optimum
    assert stats.calls >= 0


def chain_on_one_person(n: int) -> Project:
    """``n`` independent one-day tasks all needing the one developer."""
    return make(
        [{"id": f"T{k}", "duration": 1 + k % 3,
          "needs": [{"skill": "dev"}]} for k in range(n)],
        people=[{"id": "ann", "skills": {"dev": 1}}],
    )


def test_an_easy_project_is_closed_by_the_probe() -> None:
    # 60 tasks on one person: the optimum is the sum of durations (20 of
    # each of 1, 2, 3 days = 120), which CP-SAT proves at once; neither
    # the genetic algorithm nor the LNS runs.
    p = chain_on_one_person(60)
    r = solved(p, workers=2, time_limit=20)
    assert r.makespan == 120
    assert "lns" not in r.solver and "genetic_makespan" not in r.solver


def test_the_pooled_bound_closes_a_one_person_project() -> None:
    # 12 tasks on one person, LNS on every size and a probe of 10 ms: the
    # pooled relaxation's bound is the sum of durations, 4 x (1 + 2 + 3)
    # = 24, which the heuristics' plan reaches: proven optimal.
    p = chain_on_one_person(12)
    strategy = Strategy("lns-now", (
        ConstructiveReference(min_tasks=0), ConstructiveBound(min_tasks=0),
        CriticalBound(), EnergyBound(), PooledBound(min_tasks=0),
        Probe(cap=0.0, min_tasks=0, people_min_tasks=0), HeuristicSeed(),
        Neighbourhoods(), FullSearch(), Fallback(), KeepBest()))
    r = solved(p, workers=2, time_limit=3, strategy=strategy)
    assert r.makespan == 24 and r.bound == 24
    assert r.solver["pooled_bound"] == 24
