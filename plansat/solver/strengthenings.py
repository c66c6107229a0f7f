"""Which redundant constraints a model gets: the strengthenings.

A strategy (:mod:`plansat.solver.search.strategies`) chooses them; the
constraint families read only this object, so the model's shape is
decided in one place and the families never see the search.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Strengthenings:
    """Redundant constraints added to the plain formulation.

    None removes a schedule; each helps CP-SAT prove optimality sooner
    (benchmarks/README.md measures each alone as a ``+name`` strategy).

    Attributes
    ----------
    makespan_interval
        An interval ``[makespan, horizon)`` taking the full capacity in
        every cumulative and no-overlap: nothing runs after the end.
    disjunctive
        No-overlap over the tasks of a resource whose demands pairwise
        exceed its capacity (cliques of incompatible tasks).
    tails
        ``makespan >= start + tail`` with ``tail`` the longest precedence
        path from a task to the end.
    workforce
        Skill pools as cumulative resources: the slots needing a skill at
        a level share the people who have it (multi-skill problems).
    delays
        Minimum delays between chained tasks (and heads and tails) from
        the resource energy of the tasks between them.
    lb_search
        On small projects, CP-SAT's objective lower-bound search on the
        main worker (a search parameter the engine sets with the model).
    """

    makespan_interval: bool = False
    disjunctive: bool = False
    tails: bool = False
    workforce: bool = False
    delays: bool = False
    lb_search: bool = False


#: The textbook model: one interval per task, one cumulative per resource.
NONE = Strengthenings()

#: What the default engine adds (each measured in benchmarks/README.md).
STANDARD = Strengthenings(tails=True, workforce=True, delays=True)
