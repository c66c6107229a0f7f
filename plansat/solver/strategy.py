"""Named solver configurations: the plain model and its strengthenings.

``plain`` is the textbook model other libraries use: one interval per
task, one cumulative per resource, the makespan at least every end, a
horizon of all durations summed, default CP-SAT parameters.  Each
``+name`` strategy adds one strengthening to ``plain`` so the benchmark
suite measures each alone; ``default`` keeps those that did not hurt in
those measurements (benchmarks/README.md): tails, energy delays,
workforce pools, the genetic hint on resource-only projects of 50 tasks
or more, and the constructive hint on projects of 500 tasks or more (on
small ones CP-SAT finds first solutions at once, and the hint cost time
and proofs)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Strategy:
    """What the model and the search add to the plain formulation.

    Attributes
    ----------
    hint
        Start from the constructive schedule and use its makespan as the
        horizon (for ``time``, when it meets every deadline); only for
        projects of at least ``hint_min_tasks`` tasks.
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
    genetic
        On resource-only projects (no people) of at least
        ``genetic_min_tasks`` tasks, run the activity-list genetic
        algorithm for ``genetic_share`` of the time limit first; its best
        plan is the hint and its makespan the horizon.
    delays
        Minimum delays between chained tasks (and heads and tails) from
        the resource energy of the tasks between them.
    small_lb_search
        On small projects, CP-SAT's objective lower-bound search on the
        main worker.
    probe
        On resource-only projects of at least ``probe_min_tasks`` tasks
        (projects with people: ``restarts_min_tasks``), each phase
        starts with a CP-SAT probe of ``probe_share`` of its time (at
        most ``probe_cap`` seconds); unless the probe closes the phase,
        the genetic algorithm runs then (not before the model: easy
        instances never pay for it), and the search goes on from the
        best plan so far.
    restarts
        On projects with people of at least ``restarts_min_tasks``
        tasks, after a probe that did not close the makespan phase, the
        constructive schedule's randomised
        restarts (forward-backward improved) run on one thread beside
        CP-SAT's full search on the other workers; the better plan is
        kept (:mod:`plansat.solver.beside`).
    lns
        After a probe that did not close a phase of a project with
        people, the rest of the phase is the large-neighbourhood search
        beside CP-SAT's full search (:mod:`plansat.solver.lns`) instead
        of the full search alone.
    energy_bound
        For ``time`` and ``balance``, the people's energy over windows
        (:func:`plansat.solver.bounds.energy_bound`) bounds the makespan
        phase too.
    pooled_bound
        On projects with people and at least ``probe_min_tasks`` tasks,
        first solve the pooled relaxation (:mod:`plansat.solver.bounds`)
        for ``bound_share`` of the time limit (at most ``bound_cap``
        seconds): its proven bound is the makespan phase's lower bound.
    compiled
        Decode the genetic algorithm's schedules with the compiled
        kernels when numba is installed (:mod:`plansat.heuristics.sgs`).
    keep_best
        On projects with people of at least ``probe_min_tasks`` tasks,
        report the improved constructive schedule when it is shorter
        than the engine's plan (``time``), so no solve returns a plan
        worse than one it had (on resource-only projects the genetic
        algorithm's plan is the search's start instead).
    params
        Extra CP-SAT parameters.
    """

    name: str = "default"
    hint: bool = True
    hint_min_tasks: int = 500
    makespan_interval: bool = False
    disjunctive: bool = False
    tails: bool = True
    workforce: bool = True
    genetic: bool = True
    genetic_share: float = 0.3
    genetic_min_tasks: int = 50
    delays: bool = True
    small_lb_search: bool = False
    probe: bool = False
    probe_min_tasks: int = 60
    restarts: bool = False
    restarts_min_tasks: int = 200
    lns: bool = False
    probe_share: float = 0.1
    probe_cap: float = 3.0
    energy_bound: bool = False
    pooled_bound: bool = False
    bound_share: float = 0.1
    bound_cap: float = 5.0
    keep_best: bool = False
    compiled: bool = False
    params: dict[str, object] = field(default_factory=dict)


PLAIN = Strategy(
    "plain", hint=False, makespan_interval=False, disjunctive=False,
    tails=False, workforce=False, genetic=False, delays=False,
    small_lb_search=False,
)
#: Today's engine before the large-neighbourhood search (issue 18), kept
#: for the comparison.
V1 = Strategy("v1")
DEFAULT = replace(V1, name="default", probe=True, restarts=True,
                  energy_bound=True, keep_best=True, compiled=True)

STRATEGIES: dict[str, Strategy] = {
    "plain": PLAIN,
    "default": DEFAULT,
    "v1": V1,
    "+hint": replace(PLAIN, name="+hint", hint=True, hint_min_tasks=0),
    "+makespan_interval": replace(
        PLAIN, name="+makespan_interval", makespan_interval=True
    ),
    "+disjunctive": replace(PLAIN, name="+disjunctive", disjunctive=True),
    "+tails": replace(PLAIN, name="+tails", tails=True),
    "+workforce": replace(PLAIN, name="+workforce", workforce=True),
    "+genetic": replace(PLAIN, name="+genetic", genetic=True),
    "+delays": replace(PLAIN, name="+delays", delays=True),
    "+small_lb_search": replace(
        PLAIN, name="+small_lb_search", small_lb_search=True
    ),
    "+lns": replace(DEFAULT, name="+lns", lns=True),
    "-restarts": replace(DEFAULT, name="-restarts", restarts=False),
    "+pooled_bound": replace(DEFAULT, name="+pooled_bound",
                             pooled_bound=True),
    "+push_start": replace(
        DEFAULT, name="+push_start",
        params={"push_all_tasks_toward_start": True},
    ),
}


def get_strategy(name: str | Strategy) -> Strategy:
    """The strategy called ``name`` (or ``name`` itself)."""
    if isinstance(name, Strategy):
        return name
    if name not in STRATEGIES:
        raise ValueError(
            f"unknown strategy '{name}'; choose from "
            f"{', '.join(STRATEGIES)}"
        )
    return STRATEGIES[name]
