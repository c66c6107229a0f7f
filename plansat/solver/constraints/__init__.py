"""One module per constraint family; :func:`add_all` applies them all."""

from plansat.solver.constraints.capacity import add_capacity
from plansat.solver.constraints.precedence import add_precedence
from plansat.solver.constraints.skills import add_skills
from plansat.solver.constraints.windows import add_windows
from plansat.solver.variables import Variables


def add_all(v: Variables) -> None:
    """Add every constraint family of the project to ``v.model``."""
    add_precedence(v)
    add_skills(v)
    add_capacity(v)
    add_windows(v)


__all__ = [
    "add_all",
    "add_capacity",
    "add_precedence",
    "add_skills",
    "add_windows",
]
