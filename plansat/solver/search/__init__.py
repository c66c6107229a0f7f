"""The search as a pipeline of small steps.

A solve (:func:`plansat.solver.solve.solve`) holds one :class:`Run` and
runs its :class:`Strategy`'s steps stage by stage (:data:`STAGES`):
``start`` steps give heuristic plans before the model is built,
``bound`` steps give proven lower bounds, ``phase`` steps search inside
every phase of the objective's recipe, ``finish`` steps may report a
heuristic plan that is better.  :data:`STRATEGIES` lists every named
strategy as its steps; a strategy of one's own is a
``Strategy(name, steps, model=..., params=...)``.

The package loads its modules lazily: the CLI reads the strategies'
names (:data:`NAMES`) without loading OR-Tools.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plansat.lazy import exports
from plansat.solver.search.names import NAMES

#: Public name -> the module of this package that defines it.
_EXPORTS: dict[str, str] = {
    "NONE": "plansat.solver.strengthenings",
    "STANDARD": "plansat.solver.strengthenings",
    "Strengthenings": "plansat.solver.strengthenings",
    "CriticalBound": "plansat.solver.search.bounds",
    "EnergyBound": "plansat.solver.search.bounds",
    "PooledBound": "plansat.solver.search.bounds",
    "Fallback": "plansat.solver.search.finish",
    "KeepBest": "plansat.solver.search.finish",
    "FullSearch": "plansat.solver.search.full",
    "Neighbourhoods": "plansat.solver.search.improvers",
    "Restarts": "plansat.solver.search.improvers",
    "SubNeighbourhoods": "plansat.solver.search.improvers",
    "PlainFirst": "plansat.solver.search.plain_first",
    "HeuristicSeed": "plansat.solver.search.probe",
    "Probe": "plansat.solver.search.probe",
    "Event": "plansat.solver.search.run",
    "Outcome": "plansat.solver.search.run",
    "Phase": "plansat.solver.search.run",
    "Run": "plansat.solver.search.run",
    "StartingPlans": "plansat.solver.search.run",
    "Trace": "plansat.solver.search.run",
    "ConstructiveBound": "plansat.solver.search.starts",
    "ConstructiveHint": "plansat.solver.search.starts",
    "ConstructiveReference": "plansat.solver.search.starts",
    "GeneticStart": "plansat.solver.search.starts",
    "STAGES": "plansat.solver.search.run",
    "Stage": "plansat.solver.search.run",
    "Step": "plansat.solver.search.run",
    "DEFAULT": "plansat.solver.search.strategies",
    "PLAIN": "plansat.solver.search.strategies",
    "STRATEGIES": "plansat.solver.search.strategies",
    "V1": "plansat.solver.search.strategies",
    "Strategy": "plansat.solver.search.strategies",
    "get_strategy": "plansat.solver.search.strategies",
}

#: Every public name: the table above and the strategies' names.
__all__ = ["NAMES", *sorted(_EXPORTS)]

__getattr__, __dir__ = exports(__name__, _EXPORTS, globals(), __all__)


if TYPE_CHECKING:
    from plansat.solver.search.bounds import (
        CriticalBound,
        EnergyBound,
        PooledBound,
    )
    from plansat.solver.search.finish import Fallback, KeepBest
    from plansat.solver.search.full import FullSearch
    from plansat.solver.search.improvers import (
        Neighbourhoods,
        Restarts,
        SubNeighbourhoods,
    )
    from plansat.solver.search.plain_first import PlainFirst
    from plansat.solver.search.probe import HeuristicSeed, Probe
    from plansat.solver.search.run import (
        STAGES,
        Event,
        Outcome,
        Phase,
        Run,
        Stage,
        StartingPlans,
        Step,
        Trace,
    )
    from plansat.solver.search.starts import (
        ConstructiveBound,
        ConstructiveHint,
        ConstructiveReference,
        GeneticStart,
    )
    from plansat.solver.search.strategies import (
        DEFAULT,
        PLAIN,
        STRATEGIES,
        V1,
        Strategy,
        get_strategy,
    )
    from plansat.solver.strengthenings import (
        NONE,
        STANDARD,
        Strengthenings,
    )
