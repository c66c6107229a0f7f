"""Reading and solving a bare CP-SAT model in the constraint-family tests.

:func:`posted` runs one family's ``add`` and returns the constraints it
put on the model; :func:`kinds` names them (``"linear"``,
``"no_overlap"``, ``"cumulative"``, ``"interval"``, ...);
:func:`minimize` and :func:`maximize` solve on one worker and return the
solver of a proven optimum (read values with ``solver.value(var)``);
:func:`status` only says whether the model is feasible.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ortools.sat.python import cp_model

from plansat.solver.strengthenings import NONE, Strengthenings
from plansat.solver.variables import Variables

#: ``ConstraintProto`` (the C++-backed message of ortools >= 9.12).
Constraint = Any


def posted(
    add: Callable[[Variables, Strengthenings], None],
    v: Variables,
    parts: Strengthenings = NONE,
) -> list[Constraint]:
    """The constraints ``add(v, parts)`` posts on ``v.model``, in
    order."""
    constraints = v.model.proto.constraints
    before = len(constraints)
    add(v, parts)
    return [constraints[i] for i in range(before, len(constraints))]


def kind(constraint: Constraint) -> str:
    """The kind of a constraint: ``"linear"``, ``"no_overlap"``, ..."""
    for name in dir(constraint):
        if name.startswith("has_") and getattr(constraint, name)():
            return name.removeprefix("has_")
    raise AssertionError(f"constraint of no known kind: {constraint}")


def kinds(constraints: list[Constraint]) -> list[str]:
    """:func:`kind` of each constraint."""
    return [kind(c) for c in constraints]


def _optimal(model: cp_model.CpModel) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 10.0
    result = solver.solve(model)
    assert result == cp_model.OPTIMAL, solver.status_name(result)
    return solver


def minimize(model: cp_model.CpModel, objective: Any) -> cp_model.CpSolver:
    """Minimise ``objective`` on ``model``, asserting a proven optimum."""
    model.minimize(objective)
    return _optimal(model)


def maximize(model: cp_model.CpModel, objective: Any) -> cp_model.CpSolver:
    """Maximise ``objective`` on ``model``, asserting a proven optimum."""
    model.maximize(objective)
    return _optimal(model)


def status(model: cp_model.CpModel) -> str:
    """``"OPTIMAL"`` (feasible, no objective) or ``"INFEASIBLE"``, on one
    worker."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    return str(solver.status_name(solver.solve(model)))
