"""The constraint families of the CP-SAT model, one module each.

Every family is a module with one function ``add(v, parts)`` that
posts its constraints on the variables registry ``v``
(:class:`~plansat.solver.variables.Variables`), ``parts`` saying which
redundant constraints apply
(:class:`~plansat.solver.strengthenings.Strengthenings`);
:data:`FAMILIES` lists them once, in the order the engine adds them.
Adding a family is a checklist (docs/model.md, "Adding a constraint
family"): a contract field and its rule in ``models/``, a module here
plus one entry in :data:`FAMILIES`, its mirror in ``plansat/check/``,
cost or load terms if it has a price, hand-solved tests.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

from plansat.solver.constraints import (
    capacity,
    precedence,
    redundant,
    releases,
    skills,
    splits,
    windows,
)
from plansat.solver.strengthenings import (
    STANDARD,
    Strengthenings,
)
from plansat.solver.variables import Variables

#: Every constraint family, in the order they are added.  ``redundant``
#: only strengthens (it removes no schedule); ``parts`` says which of
#: its constraints apply.
FAMILIES: tuple[ModuleType, ...] = (
    precedence,
    skills,
    capacity,
    splits,
    windows,
    releases,
    redundant,
)

#: The signature every family's ``add`` has.
AddFamily = Callable[[Variables, Strengthenings], None]


def add_all(v: Variables, parts: Strengthenings = STANDARD) -> None:
    """Post every family of :data:`FAMILIES` on ``v.model``."""
    for family in FAMILIES:
        add: AddFamily = family.add
        add(v, parts)


__all__ = ["FAMILIES", "add_all"]
