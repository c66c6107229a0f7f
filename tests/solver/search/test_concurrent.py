"""A Python improver beside CP-SAT's full search
(plansat.solver.search.concurrent), and the restarts the default runs
there on projects with people (plansat.solver.search.improvers.Restarts).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from benchmarks.generate import generate_data
from plansat import Project
from plansat.check import violations
from plansat.heuristics.improve import improved_schedule
from plansat.options import Budget, SolveOptions
from plansat.schedule.evaluate import build_result
from plansat.solver.engine import Engine, PhaseResult
from plansat.solver.search import DEFAULT, ConstructiveReference, Probe
from plansat.solver.search.concurrent import Incumbent, beside
from tests.helpers import make, solved


def idle(best: Incumbent, budget: Budget, lower: float,
         stop: threading.Event | None,
         report: Callable[[int], None] | None) -> Incumbent:
    """An improver that finds nothing."""
    return best




def two_people_project() -> Project:
    # Four 2-day tasks needing "dev", two developers: two rounds of two,
    # makespan 4 (the bound from the energy: 4 x 2 days / 2 people).
    return make([{"id": f"T{k}", "duration": 2,
                  "needs": [{"skill": "dev"}]} for k in range(4)],
                people=[{"id": "ann", "skills": {"dev": 1}},
                        {"id": "bob", "skills": {"dev": 1}}])


def beside_idle(workers: int) -> tuple[PhaseResult, int]:
    """The two-people project from the heuristic's plan, an idle
    improver beside CP-SAT on ``workers``: the outcome and the start's
    makespan."""
    p = two_people_project()
    start = improved_schedule(p)
    engine = Engine(p, start.makespan + 4)
    assert engine.vars.makespan is not None
    engine.model.minimize(engine.vars.makespan)
    options = SolveOptions(workers=workers, time_limit=5)
    out = beside(engine, "makespan", Incumbent(start, start.makespan), 0,
                 4.0, options, options.budget(), idle)
    assert out.plan is not None
    result = build_result(p, out.plan, out.status, "time", out.value,
                          out.bound, 0.0)
    assert violations(p, result) == []
    return out, start.makespan


def test_beside_keeps_the_start_and_proves_the_optimum() -> None:
    out, start = beside_idle(workers=2)
    assert out.plan is not None and out.value == 4 and out.bound == 4
    assert out.value <= start
    assert out.status.value == "OPTIMAL"


def test_beside_on_one_worker_takes_turns() -> None:
    out, _ = beside_idle(workers=1)
    assert out.value == 4 and out.status.value == "OPTIMAL"


def test_restarts_run_beside_cp_sat_on_a_project_with_people() -> None:
    # A generated project of 80 tasks with people, a probe too short to
    # close it: the restarts run beside CP-SAT, and the result is
    # checker-clean (solved() checks) and no longer than the heuristic's.
    p = Project.from_data(generate_data(80, seed=3))
    strategy = DEFAULT.but("restart-now",
                           Probe(cap=0.01, people_min_tasks=0),
                           ConstructiveReference(tight_tasks=0))
    r = solved(p, status=None, workers=2, time_limit=6, strategy=strategy)
    assert r.status.has_solution
    heuristic = r.solver["heuristic_makespan"]
    assert isinstance(heuristic, int) and r.makespan is not None
    assert r.makespan <= heuristic
    if r.status.value != "OPTIMAL":
        assert r.solver.get("lns") == {"makespan": {"beside": "restarts"}}
    assert r.bound is not None and r.bound <= r.makespan
