"""The plain model first (plansat.solver.search.plain_first): small
resource-only projects that it closes take its model and plan and skip
every other step; the others go on as without it."""

from __future__ import annotations

from dataclasses import replace

from plansat import SolveStatus
from plansat.solver.search import DEFAULT, STRATEGIES, PlainFirst
from tests.helpers import make, solved
from tests.helpers.runs import rig_project


def test_a_small_project_closes_in_the_plain_model() -> None:
    # A and B share the one-unit rig for 2 days each: 4 days in turn is
    # the optimum.  The plain model proves it, so the run keeps that
    # model (no strengthenings), its plan, and runs no other step.
    result = solved(rig_project(), strategy="default")
    assert result.makespan == 4
    assert result.solver["plain_first_makespan"] == 4
    assert "critical_bound" not in result.solver  # no bound step ran
    assert result.solver["makespan"] == "OPTIMAL"


def test_the_other_steps_run_when_it_does_not_close() -> None:
    # With no deterministic time CP-SAT proves nothing: the step says
    # so and the strategy goes on (its bound steps run) to the same
    # optimum of 4 days.
    stalled = DEFAULT.but("stalled", PlainFirst(dtime=0.0))
    result = solved(rig_project(), strategy=stalled)
    assert result.makespan == 4
    assert result.solver["plain_first"] == "open"
    assert "plain_first_makespan" not in result.solver
    assert result.solver["critical_bound"] == 2


def test_it_does_not_apply_to_people_replans_or_other_objectives() -> None:
    # People: the assignment is searched, so the strategy's own model.
    staffed = make([{"id": "A", "duration": 2,
                     "needs": [{"skill": "dev", "level": 1}]}],
                   people=[{"id": "ann", "skills": {"dev": 3}}])
    assert "plain_first" not in solved(staffed).solver
    assert "plain_first_makespan" not in solved(staffed).solver
    # A caller's hint (a re-plan): the hinted model as before.
    first = solved(rig_project())
    again = solved(rig_project(), hint=first)
    assert "plain_first_makespan" not in again.solver
    assert again.makespan == 4
    # Cost: no makespan phase to close first.
    assert "plain_first_makespan" not in solved(
        rig_project(), "cost", status=None).solver


def test_larger_projects_skip_it_and_minus_plain_first_never_runs_it(
) -> None:
    big = replace(PlainFirst(), max_tasks=1)
    result = solved(rig_project(), strategy=DEFAULT.but("big", big))
    assert "plain_first" not in result.solver
    assert result.makespan == 4
    result = solved(rig_project(), strategy=STRATEGIES["-plain_first"])
    assert "plain_first" not in result.solver
    assert result.status is SolveStatus.OPTIMAL


def test_the_kept_model_searches_on_with_the_strategy_parameters() -> None:
    # The attempt caps CP-SAT's deterministic time; the model the run
    # keeps carries the strategy's own parameters afterwards, not the cap.
    from plansat import SolveOptions
    from plansat.solver.search import Run

    strategy = STRATEGIES["+push_start"]
    options = SolveOptions(workers=1, time_limit=5)
    run = Run(rig_project(), options, options.budget(), strategy)
    PlainFirst().run(run, run.budget)
    assert run.start.closed is not None and run.start.engine is not None
    assert run.start.closed.value == 4
    assert run.start.engine.params == dict(strategy.params)
    assert "max_deterministic_time" not in run.start.engine.params
