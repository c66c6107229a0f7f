"""The windows family alone: makespan, earliest starts, deadlines.

Each model is the variables registry of a tiny project plus
``windows.add`` only.  The projects start on Monday 2 Jun 2025, Mon-Fri:
days 0..4 are 2..6 Jun.  A task with work ends on the date of day
``finish - 1``, and so is a milestone after day 0 (MS Project's date:
the end of the day before it).
Every optimum is derived by hand.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from plansat.solver.constraints import windows
from plansat.solver.strengthenings import NONE
from plansat.solver.variables import Variables
from tests.helpers import make
from tests.helpers.cpsat import kinds, maximize, minimize, posted

HORIZON = 20


def test_makespan_is_the_latest_finish() -> None:
    # A(3) and B(5), no links: one `makespan >= end` per task; the least
    # makespan is 5.
    p = make([{"id": "A", "duration": 3}, {"id": "B", "duration": 5}])
    v = Variables.create(p, HORIZON)
    assert kinds(posted(windows.add, v)) == ["linear"] * 2
    assert minimize(v.model, v.makespan).objective_value == 5


def test_earliest_start_is_in_the_start_domain() -> None:
    # A(2) may not start before Wed 4 Jun = day 2.  Without explanations
    # that is the start variable's lower bound, not a constraint: only
    # the makespan's one.  The least makespan is 2 + 2 = 4.
    p = make([{"id": "A", "duration": 2, "earliest_start": "2025-06-04"}])
    v = Variables.create(p, HORIZON)
    domain = v.model.proto.variables[v.start["A"].index].domain
    assert domain[0] == 2
    assert kinds(posted(windows.add, v)) == ["linear"]
    solver = minimize(v.model, v.makespan)
    assert solver.objective_value == 4
    assert solver.value(v.start["A"]) == 2


def test_earliest_start_with_a_switch_when_explaining() -> None:
    # Explaining, the start may be 0 in the domain; the window is a
    # constraint enforced by its switch: on, A starts on day 2; off, on
    # day 0.
    p = make([{"id": "A", "duration": 2, "earliest_start": "2025-06-04"}])
    for on, start in ((True, 2), (False, 0)):
        v = Variables.create(p, HORIZON, explain=True)
        windows.add(v, NONE)
        assert v.switches is not None
        v.model.add(v.switches["earliest_start:A"].literal == int(on))
        assert minimize(v.model, v.start["A"]).objective_value == start


def test_task_deadline_bounds_the_finish() -> None:
    # A(3) must finish by Thu 5 Jun = day 3: it ends on day 3, so
    # finish <= 4.  The latest finish is 4.
    p = make([{"id": "A", "duration": 3, "deadline": "2025-06-05"}])
    v = Variables.create(p, HORIZON)
    assert kinds(posted(windows.add, v)) == ["linear"] * 2
    assert maximize(v.model, v.end["A"]).objective_value == 4


def test_milestone_deadline_is_a_task_deadline() -> None:
    # Milestone M must happen by Wed 4 Jun = day 2.  At day 3 it is dated
    # the end of day 2 (MS Project's date), Wed 4 Jun: finish <= 3, the
    # bound of a task with work, with no more constraints than one.
    p = make([{"id": "M", "duration": 0, "deadline": "2025-06-04"}])
    v = Variables.create(p, HORIZON)
    assert kinds(posted(windows.add, v)) == ["linear"] * 2
    assert maximize(v.model, v.end["M"]).objective_value == 3


def test_milestone_deadline_before_day_0_allows_no_day() -> None:
    # The project starts on Sat 31 May: day 0 is Mon 2 Jun.  A milestone
    # at day 0 is dated Mon 2 Jun, after a deadline of Sun 1 Jun: the one
    # extra constraint, finish <= -1, leaves no day.
    p = make([{"id": "M", "duration": 0, "deadline": "2025-06-01"}],
             start="2025-05-31")
    v = Variables.create(p, HORIZON)
    assert kinds(posted(windows.add, v)) == ["linear"] * 3
    solver = cp_model.CpSolver()
    assert solver.solve(v.model) == cp_model.INFEASIBLE


def test_project_deadline_bounds_every_task() -> None:
    # Project deadline Fri 6 Jun = day 4: A(3) and B(1) both finish by
    # 5; the latest start of A is 2, of B 4.
    p = make(
        [{"id": "A", "duration": 3}, {"id": "B", "duration": 1}],
        deadline="2025-06-06",
    )
    v = Variables.create(p, HORIZON)
    windows.add(v, NONE)
    assert maximize(v.model, v.start["A"]).objective_value == 2
    w = Variables.create(p, HORIZON)
    windows.add(w, NONE)
    assert maximize(w.model, w.start["B"]).objective_value == 4


def test_deadline_on_a_weekend_means_the_friday_before() -> None:
    # Sat 7 Jun counts as Fri 6 Jun = day 4: A(2) finishes by 5.
    p = make([{"id": "A", "duration": 2, "deadline": "2025-06-07"}])
    v = Variables.create(p, HORIZON)
    windows.add(v, NONE)
    assert maximize(v.model, v.end["A"]).objective_value == 5
