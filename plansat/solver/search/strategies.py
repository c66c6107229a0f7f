"""Strategies: a name, the model's strengthenings, an ordered tuple of
search steps and CP-SAT parameter overrides; :data:`STRATEGIES` lists
them once.

``plain`` is the textbook model other libraries use: one interval per
task, one cumulative per resource, the makespan at least every end, a
horizon of all durations summed, default CP-SAT parameters, CP-SAT
alone.  Each ``+name`` strategy adds one piece to ``plain`` so the
benchmark suite measures each alone; ``v1`` is the engine before issue
18 (strengthenings, the constructive hint on 500+ tasks, the genetic
algorithm first on resource-only projects); ``default`` keeps what won
in those measurements (benchmarks/README.md).

A strategy of one's own is a list of steps::

    from plansat.solver.search import (
        ConstructiveHint, FullSearch, Fallback, Strategy, STANDARD)
    mine = Strategy("mine", (ConstructiveHint(min_tasks=0), FullSearch(),
                             Fallback()), model=STANDARD)
    plansat.solve(project, strategy=mine)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from plansat.models import Project
from plansat.options import Named
from plansat.solver.engine import Engine
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
from plansat.solver.search.names import NAMES
from plansat.solver.search.plain_first import PlainFirst
from plansat.solver.search.probe import HeuristicSeed, Probe
from plansat.solver.search.run import Stage, Step
from plansat.solver.search.starts import (
    ConstructiveBound,
    ConstructiveHint,
    ConstructiveReference,
    GeneticStart,
)
from plansat.solver.strengthenings import (
    NONE,
    STANDARD,
    Strengthenings,
)
from plansat.solver.variables import Levers


@dataclass(frozen=True)
class Strategy:
    """How to search: the model's strengthenings and the steps, in
    order.

    Parameters
    ----------
    name
        How the CLI, the benchmarks and ``result.solver`` call it.
    steps
        The steps, in the order they run within each stage
        (:data:`~plansat.solver.search.run.Stage`); the phase steps
        must end with :class:`FullSearch`.
    model
        The redundant constraints the model gets.
    params
        Extra CP-SAT parameters.

    Raises
    ------
    ValueError
        When the phase steps do not end with :class:`FullSearch` (the
        phases would never be searched).
    """

    name: str
    steps: tuple[Step, ...] = (FullSearch(), Fallback())
    model: Strengthenings = STANDARD
    params: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        phase = self.stage("phase")
        if not phase or not isinstance(phase[-1], FullSearch):
            raise ValueError(
                f"strategy '{self.name}': its phase steps must end with "
                "FullSearch() (got "
                f"{', '.join(s.name for s in phase) or 'none'})"
            )

    def stage(self, stage: Stage) -> tuple[Step, ...]:
        """The steps of ``stage``, in order."""
        return tuple(s for s in self.steps if s.stage == stage)

    def engine(
        self,
        project: Project,
        horizon: int,
        levers: Levers | None = None,
        explain: bool = False,
    ) -> Engine:
        """``project`` compiled with this strategy's model and
        parameters (the one place engines are built)."""
        return Engine(project, horizon, explain=explain, levers=levers,
                      parts=self.model, params=self.params)

    def without(self, *names: str) -> tuple[Step, ...]:
        """The steps but those called ``names``."""
        return tuple(s for s in self.steps if s.name not in names)

    def but(self, name: str, *steps: Step) -> Strategy:
        """A copy called ``name`` whose steps of the same names as
        ``steps`` are replaced by them, e.g.
        ``DEFAULT.but("quick", Probe(cap=0.5))``.

        Raises
        ------
        ValueError
            When this strategy has no step of one of those names.
        """
        by_name = {s.name: s for s in steps}
        missing = set(by_name) - {s.name for s in self.steps}
        if missing:
            raise ValueError(
                f"strategy '{self.name}' has no step "
                f"{', '.join(sorted(missing))}"
            )
        return replace(self, name=name, steps=tuple(
            by_name.get(s.name, s) for s in self.steps))


#: Every strategy ends on these.
_END = (FullSearch(), Fallback())

PLAIN = Strategy("plain", _END, model=NONE)

#: The engine before issue 18, kept for the comparison.
V1 = Strategy("v1", (ConstructiveHint(), GeneticStart(), *_END))

DEFAULT = Strategy("default", (
    PlainFirst(), ConstructiveHint(), ConstructiveReference(),
    ConstructiveBound(),
    CriticalBound(), EnergyBound(),
    Probe(), HeuristicSeed(), Restarts(), FullSearch(),
    Fallback(), KeepBest(),
))


#: The two CP-SAT inferences the engine turned off on every model with
#: optional intervals before issue 29 (engine._workarounds): ``+probing_off``
#: keeps them off on multi-mode projects too, to measure what the mode
#: formulation that made them safe wins back (benchmarks/README.md).
PROBING_OFF: Mapping[str, object] = {
    "inprocessing_probing_dtime": 0.0,
    "use_disjunctive_constraint_in_cumulative": False,
}


def _plus(name: str, *steps: Step, **model: bool) -> Strategy:
    """``plain`` with one more piece, called ``+name``."""
    return Strategy(f"+{name}", steps + _END, model=replace(NONE, **model))


def _with(name: str, steps: tuple[Step, ...],
          params: Mapping[str, object] | None = None) -> Strategy:
    """``default`` with other steps or parameters."""
    return replace(DEFAULT, name=name, steps=steps,
                   params=dict(params or {}))


def _insert(after: str, step: Step) -> tuple[Step, ...]:
    """``default``'s steps with ``step`` after the one called
    ``after``."""
    out: list[Step] = []
    for s in DEFAULT.steps:
        out.append(s)
        if s.name == after:
            out.append(step)
    return tuple(out)


def _instead(name: str, step: Step) -> tuple[Step, ...]:
    """``default``'s steps with ``step`` in place of the one called
    ``name``."""
    return tuple(step if s.name == name else s for s in DEFAULT.steps)


STRATEGIES: dict[str, Strategy] = {s.name: s for s in (
    PLAIN,
    DEFAULT,
    V1,
    _plus("hint", ConstructiveHint(min_tasks=0)),
    _plus("makespan_interval", makespan_interval=True),
    _plus("disjunctive", disjunctive=True),
    _plus("tails", tails=True),
    _plus("workforce", workforce=True),
    _plus("genetic", GeneticStart()),
    _plus("delays", delays=True),
    _plus("small_lb_search", lb_search=True),
    _with("+lns", tuple(
        Probe(people_min_tasks=60) if s.name == "probe" else s
        for s in _instead("restarts", Neighbourhoods()))),
    _with("-restarts", DEFAULT.without("restarts")),
    _with("+pooled_bound", _insert("energy bound", PooledBound())),
    _with("+push_start", DEFAULT.steps,
          {"push_all_tasks_toward_start": True}),
    _with("+probing_off", DEFAULT.steps, PROBING_OFF),
    _with("-plain_first", DEFAULT.without("plain first")),
    _with("+sub_lns", _instead("restarts", SubNeighbourhoods())),
    _with("+restarts_sub_lns",
          _instead("restarts", SubNeighbourhoods(after_restarts=0.5))),
)}


if tuple(STRATEGIES) != NAMES:  # the CLI offers NAMES
    raise ImportError("plansat.solver.search.names.NAMES is out of date")


def get_strategy(name: str | Named) -> Strategy:
    """The strategy called ``name`` (or ``name`` itself)."""
    if isinstance(name, Strategy):
        return name
    if not isinstance(name, str):
        raise TypeError(
            f"strategy must be a name or a Strategy, not "
            f"{type(name).__name__}"
        )
    if name not in STRATEGIES:
        raise ValueError(
            f"unknown strategy '{name}'; choose from "
            f"{', '.join(STRATEGIES)}"
        )
    return STRATEGIES[name]
