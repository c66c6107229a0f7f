"""One solve's state: the :class:`Run` that every search step reads and
feeds, its typed :class:`Trace`, and the :class:`Step` protocol.

A run holds what a solve knows (the project, the options, the one
:class:`~plansat.options.Budget`, where progress goes), what the steps
found (the starting plans, the best proven lower bound, the engine once
built) and a trace of who found what, when.  The result's ``solver``
section is written from the trace (:meth:`Trace.as_dict`); nothing
decides control flow from that dictionary.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Protocol

from plansat.models import Project, SolveStatus
from plansat.options import Budget, SolveOptions
from plansat.schedule.plan import Plan
from plansat.solver.engine import Engine, PhaseResult, SolveProgress

if TYPE_CHECKING:
    from plansat.solver.variables import Levers, LinearExpr

#: What an event of the trace records.
Kind = Literal["plan", "bound", "phase", "note"]

#: When a step runs.
Stage = Literal["start", "bound", "phase", "finish"]

#: The stages in the order a solve reaches them.
STAGES: tuple[Stage, ...] = ("start", "bound", "phase", "finish")


class Step(Protocol):
    """One piece of the search, listed in a strategy.

    A solve runs its strategy's steps stage by stage: ``start`` steps
    before the model is built (heuristic plans: a hint, a horizon, a
    fallback), ``bound`` steps once it is built (proven lower bounds of
    the makespan), ``phase`` steps inside every phase of the objective's
    recipe (probe, heuristics, an improver beside CP-SAT, the full
    search), ``finish`` steps on the recipe's outcome (a heuristic plan
    kept when it is better).  Adding one is a checklist (docs/model.md,
    "Adding a search step"): a frozen dataclass with ``name``,
    ``stage``, ``applies`` and ``run``, its own test, and a place in the
    strategies that use it.

    Attributes
    ----------
    name
        How the trace and the docs call it.
    stage
        When it runs (:data:`Stage`).
    """

    @property
    def name(self) -> str:
        """How the trace and the docs call it."""
        ...

    @property
    def stage(self) -> Stage:
        """When it runs."""
        ...

    def applies(self, run: Run) -> bool:
        """Whether the step has anything to do on this run."""
        ...

    def run(self, run: Run, budget: Budget) -> None:
        """Do the step within ``budget``: offer plans and bounds to
        ``run`` (for a phase step, improve ``run``'s current phase)."""
        ...


class Steps(Protocol):
    """What a run needs of its strategy
    (:class:`~plansat.solver.search.strategies.Strategy`)."""

    @property
    def name(self) -> str:
        """The strategy's name."""
        ...

    def stage(self, stage: Stage) -> tuple[Step, ...]:
        """The steps of ``stage``, in order."""
        ...

    @property
    def params(self) -> Mapping[str, object]:
        """Its CP-SAT parameter overrides."""
        ...

    def engine(self, project: Project, horizon: int,
               levers: Levers | None = None,
               explain: bool = False) -> Engine:
        """``project`` compiled with the strategy's model."""
        ...



@dataclass(frozen=True)
class Event:
    """One entry of a run's trace.

    Attributes
    ----------
    step
        The step (or stage) that produced it.
    kind
        ``"plan"`` (a plan was offered), ``"bound"`` (a lower bound),
        ``"phase"`` (a phase ended with a status) or ``"note"``.
    elapsed
        Seconds since the solve started.
    key
        The name it carries in the result's ``solver`` section.
    value
        The makespan, bound, status or note.
    """

    step: str
    kind: Kind
    elapsed: float
    key: str
    value: object


@dataclass
class Trace:
    """The events of one run, in order."""

    events: list[Event] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        """The result's ``solver`` section: each key's latest value."""
        return {e.key: e.value for e in self.events}

    def last(self, key: str) -> object | None:
        """The latest value recorded under ``key`` (``None``: none)."""
        for e in reversed(self.events):
            if e.key == key:
                return e.value
        return None


@dataclass
class StartingPlans:
    """What the start steps found before the model is built.

    Attributes
    ----------
    hint
        The plan CP-SAT starts from (a previous result, else a
        heuristic's plan), or ``None``.
    fallback
        A heuristic's own plan: it bounds the horizon for ``time`` (when
        ``tight``), seeds the probe's follow-up and is reported if CP-SAT
        finds nothing better in time.
    source
        Which heuristic made ``fallback`` (``"constructive"`` or
        ``"genetic"``).
    tight
        Whether ``fallback`` bounds the horizon: not when it is only kept
        to compare (a horizon that tight without a hint cost CP-SAT its
        first solutions on mid-sized projects, benchmarks/README.md).
    given
        Whether ``hint`` is the caller's (a previous result).
    closed
        The makespan phase's outcome when a start step proved it optimal
        (:class:`~plansat.solver.search.plain_first.PlainFirst`): the
        later start and bound steps don't run and the makespan phase
        begins closed.
    engine
        The model that proof holds on; the run takes it instead of
        building its own.
    """

    hint: Plan | None = None
    fallback: Plan | None = None
    source: str = "constructive"
    tight: bool = True
    given: bool = False
    closed: PhaseResult | None = None
    engine: Engine | None = None


@dataclass
class Phase:
    """The phase being searched: what the phase steps share.

    Attributes
    ----------
    name
        ``"makespan"``, ``"cost"``, ``"load"`` ...
    expr
        The expression minimised (already set as the model's objective
        once a step searched).
    scale
        Model units per reported unit.
    budget
        The phase's share of the time left.
    out
        The best outcome so far (``UNKNOWN`` without a plan at first).
    searched
        Whether a step has set the objective or run CP-SAT.
    done
        Whether the phase is over (a step ran the full search).
    """

    name: str
    expr: LinearExpr
    scale: float
    budget: Budget
    out: PhaseResult
    searched: bool = False
    done: bool = False

    @property
    def makespan(self) -> bool:
        """Whether this is the makespan phase."""
        return self.name == "makespan"


@dataclass
class Outcome:
    """What an objective's recipe found.

    Attributes
    ----------
    status
        The status to report (OPTIMAL only when every phase the objective
        depends on was proven).
    main
        The phase whose value and bound the result reports.
    final
        The phase whose plan the result shows (a tie-break may improve
        the plan without changing the objective).
    load_horizon
        For ``balance``: the day loads are measured up to.
    holds
        ``(expression, value)`` pairs: posting ``expression <= value``
        keeps what the recipe reached, so a caller's further phase (the
        re-plan's least change) can't give it away.
    """

    status: SolveStatus
    main: PhaseResult
    final: PhaseResult
    load_horizon: int | None = None
    holds: list[tuple[LinearExpr, int]] = field(default_factory=list)


@dataclass
class Run:
    """The state of one solve, shared by its steps.

    Parameters
    ----------
    project
        The project solved.
    options
        Objective, workers, seed (the strategy is :attr:`strategy`).
    budget
        The one time budget of the call.
    strategy
        The steps and the model to use.
    progress
        Called with a :class:`~plansat.solver.engine.SolveProgress` on every
        improving solution (``None``: nobody listens).

    Attributes
    ----------
    start
        What the start steps found.
    lower
        The best proven lower bound of the makespan (``None``: none).
    horizon
        The model's latest finish, once known.
    engine
        The compiled model, once built.
    build_seconds
        How long building it took (a later phase runs only with more
        than that left: CP-SAT's presolve costs about as much).
    reserve
        Share of the time left that the phases keep for a caller's
        further phase (``solve(..., after=...)``).
    trace
        Who found what, when.
    phase
        The phase being searched (for the phase steps).
    outcome
        The recipe's outcome (for the finish steps).
    further
        Whether a caller's further phase follows the recipe (the
        re-plan's least change): finish steps then keep its plan.
    schedule_from
        ``None`` when the reported plan is CP-SAT's; else the heuristic
        whose plan a finish step kept (``"constructive"``, ``"genetic"``).
    """

    project: Project
    options: SolveOptions
    budget: Budget
    strategy: Steps
    progress: Callable[[SolveProgress], None] | None = None
    start: StartingPlans = field(default_factory=StartingPlans)
    lower: int | None = None
    horizon: int = 0
    engine: Engine | None = None
    reserve: float = 0.0
    trace: Trace = field(default_factory=Trace)
    build_seconds: float = 0.0
    phase: Phase | None = None
    outcome: Outcome | None = None
    further: bool = False
    schedule_from: str | None = None

    def __post_init__(self) -> None:
        for key, value in (("strategy", self.strategy.name),
                           ("workers", self.options.threads),
                           ("seed", self.options.seed)):
            self.record("run", "note", key, value)

    def steps(self, stage: Stage) -> tuple[Step, ...]:
        """The strategy's steps of ``stage``, in order."""
        return self.strategy.stage(stage)

    def reach(self, stage: Stage) -> None:
        """Run the steps of ``stage`` that apply, in order, each within
        the run's budget."""
        for step in self.steps(stage):
            if stage in ("start", "bound") and (
                    self.start.closed is not None):
                return  # a start step proved the makespan: nothing to add
            if step.applies(self):
                step.run(self, self.budget)

    def build(self, horizon: int, levers: Levers | None = None) -> Engine:
        """Compile the project with the strategy's model up to
        ``horizon`` (recorded, with the time it took)."""
        if self.start.engine is not None:  # a start step's closed model
            self.engine = self.start.engine
            self.horizon = self.engine.vars.horizon
        else:
            self.horizon = horizon
            self.engine = self.strategy.engine(self.project, horizon,
                                               levers)
        self.build_seconds = self.budget.elapsed()
        self.record("build", "note", "horizon", self.horizon)
        self.record("build", "note", "build_seconds",
                    round(self.build_seconds, 3))
        return self.engine

    @property
    def tasks(self) -> int:
        """How many tasks the project has."""
        return len(self.project.tasks)

    @property
    def people(self) -> bool:
        """Whether some task needs people (the assignment is searched)."""
        return self.project.needs_people

    @property
    def current(self) -> Phase:
        """The phase being searched (phase steps run inside one)."""
        assert self.phase is not None, "no phase is being searched"
        return self.phase

    @property
    def built(self) -> Engine:
        """The engine (the model is built before any phase runs)."""
        assert self.engine is not None, "the model is not built yet"
        return self.engine

    def left(self, share: float = 1.0) -> float:
        """Seconds a phase may take: ``share`` of the time left beyond
        the reserve."""
        return self.budget.remaining() * (1 - self.reserve) * share

    def record(self, step: str, kind: Kind, key: str,
               value: object) -> None:
        """Add an event to the trace."""
        self.trace.events.append(
            Event(step, kind, round(self.budget.elapsed(), 3), key, value))

    def offer_bound(self, step: str, key: str, bound: int | None) -> None:
        """A proven lower bound of the makespan from ``step`` (recorded
        under ``key``; kept when it beats the best so far)."""
        self.record(step, "bound", key, bound)
        if bound is not None:
            self.lower = max(bound, self.lower or 0)

    def report(self, phase: str, value: float, bound: float) -> None:
        """Tell the progress listener about a better plan."""
        if self.progress is not None:
            self.progress(SolveProgress(phase, self.budget.elapsed(), value,
                                   bound))
