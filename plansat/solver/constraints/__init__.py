"""One module per constraint family; :func:`add_all` applies them all."""

from plansat.solver.constraints.capacity import add_capacity
from plansat.solver.constraints.precedence import add_precedence
from plansat.solver.constraints.redundant import add_redundant
from plansat.solver.constraints.skills import add_skills
from plansat.solver.constraints.windows import add_windows
from plansat.solver.strategy import DEFAULT, Strategy
from plansat.solver.variables import Variables


def add_all(v: Variables, strategy: Strategy = DEFAULT) -> None:
    """Add every constraint family of the project to ``v.model``, and the
    redundant ones ``strategy`` asks for."""
    add_precedence(v)
    add_skills(v)
    add_capacity(v, makespan_interval=strategy.makespan_interval)
    add_windows(v)
    add_redundant(v, strategy)


__all__ = [
    "add_all",
    "add_capacity",
    "add_precedence",
    "add_redundant",
    "add_skills",
    "add_windows",
]
