"""A neighbourhood of a plan as a CP-SAT model of its own.

Python-driven neighbourhood search on copies of the whole model lost
because each call presolved every task again (0.3 s at 1,000 tasks, 1.8 s
at 5,000; :mod:`plansat.solver.search.lns`).  :class:`SubModel` compiles
only the relaxed tasks (:func:`~plansat.models.subproject.sub_project`);
every other task keeps its days, people and mode, and enters the model
as constants:

- **windows**: each link between a kept task and a relaxed one bounds
  the relaxed task's start or finish (:func:`windows`; an FS link may
  still overlap by its ``max_overlap`` when overlapping is allowed);
- **booked loads**: the kept tasks' days on each person and resource are
  fixed intervals in that capacity (:func:`bookings`), and a
  non-renewable pool keeps only the units they left.

The incumbent restricted to the relaxed tasks satisfies all of it, so
the model is never infeasible; :meth:`SubModel.solve` minimises its
makespan (never below the kept tasks' own), then the sum of the relaxed
tasks' finishes, and merges the answer back into a whole plan.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from plansat.models import Dependency, Project
from plansat.models.subproject import sub_project
from plansat.options import SolveOptions
from plansat.schedule import chains
from plansat.schedule.costs import overlap_days
from plansat.schedule.plan import Plan
from plansat.solver.engine import Engine
from plansat.solver.search.neighbourhoods import Use
from plansat.solver.strengthenings import NONE
from plansat.solver.variables import Booking, Levers

#: CP-SAT parameters of a sub-model: a small model searched many times
#: needs no presolve (which took most of a call, 0.1 s on ten tasks of
#: a 1,000-task project, against 5-50 ms for the whole call without).
QUICK = {"cp_model_presolve": False, "symmetry_level": 0}

#: ``(successor, link)`` pairs of each task id.
Successors = Mapping[str, list[tuple[str, Dependency]]]


@dataclass
class Window:
    """Bounds a relaxed task gets from the tasks kept around it
    (``None``: unbounded)."""

    start_min: int = 0
    end_min: int = 0
    start_max: int | None = None
    end_max: int | None = None


def _least(a: int | None, b: int) -> int:
    return b if a is None else min(a, b)


def windows(
    project: Project,
    plan: Plan,
    relaxed: Collection[str],
    successors: Successors,
    levers: Levers,
) -> dict[str, Window]:
    """The window of each relaxed task: its links to kept tasks, read
    with the kept tasks at their days in ``plan``.

    FS ``s_j >= f_i + lag - overlap``, SS ``s_j >= s_i + lag``, FF
    ``f_j >= f_i + lag``, SF ``f_j >= s_i + lag``, with ``overlap`` up to
    the link's ``max_overlap`` when ``levers`` allow it: a kept
    predecessor gives a lower bound, a kept successor an upper bound.
    """
    out = {t: Window() for t in relaxed}

    def lead(dep: Dependency) -> int:
        return dep.max_overlap if levers.overlap else 0

    for j in relaxed:
        w = out[j]
        for dep in project.task(j).after:
            i = dep.task
            if i in out:
                continue
            s, f = plan.start[i], plan.finish(i)
            if dep.type == "FS":
                w.start_min = max(w.start_min, f + dep.lag - lead(dep))
            elif dep.type == "SS":
                w.start_min = max(w.start_min, s + dep.lag)
            elif dep.type == "FF":
                w.end_min = max(w.end_min, f + dep.lag)
            else:
                w.end_min = max(w.end_min, s + dep.lag)
        for k, dep in successors.get(j, ()):
            if k in out:
                continue
            s, f = plan.start[k], plan.finish(k)
            if dep.type == "FS":
                w.end_max = _least(w.end_max, s - dep.lag + lead(dep))
            elif dep.type == "SS":
                w.start_max = _least(w.start_max, s - dep.lag)
            elif dep.type == "FF":
                w.end_max = _least(w.end_max, f - dep.lag)
            else:
                w.start_max = _least(w.start_max, f - dep.lag)
    return out


def earliest(project: Project, relaxed: Collection[str],
             found: Mapping[str, Window]) -> int:
    """A day no relaxed task can start before: the least of their
    earliest starts through their windows and the links among them
    (with the shortest durations and the most overlap)."""
    es: dict[str, int] = {}
    pending = {j: [d for d in project.task(j).after if d.task in found]
               for j in relaxed}
    while pending:
        ready = [j for j, deps in pending.items()
                 if all(d.task in es for d in deps)]
        if not ready:  # never in a valid project (its links are acyclic)
            return 0
        for j in ready:
            t = project.task(j)
            w = found[j]
            day = max(project.earliest_start_index(t), w.start_min,
                      w.end_min - t.max_duration)
            for d in pending.pop(j):
                day = max(day, es[d.task] + _delay(project, d,
                                                   t.max_duration))
            es[j] = day
    return max(0, min(es.values(), default=0))


def _delay(project: Project, dep: Dependency, d_succ: int) -> int:
    """Least ``s_j - s_i`` a link allows: FS and SS as the heads and
    tails read them (:func:`~plansat.schedule.chains.gap`), FF and SF
    with the shortest predecessor and a successor of ``d_succ`` days."""
    step = chains.gap(project, dep.task, dep)
    if step is not None:
        return step
    if dep.type == "FF":
        return project.task(dep.task).min_duration + dep.lag - d_succ
    return dep.lag - d_succ


def bookings(
    kept: Mapping[str, list[Use]], after: int
) -> dict[str, list[Booking]]:
    """The kept tasks' loads on each person and resource that end after
    day ``after`` (earlier ones can't meet a relaxed task)."""
    return {key: [(u.start, u.end, u.demand) for u in items
                  if u.end > after]
            for key, items in kept.items()}


def pools_left(project: Project, plan: Plan,
               relaxed: Collection[str]) -> dict[str, int]:
    """Units of each non-renewable pool the kept tasks leave."""
    left = {r.id: r.capacity for r in project.resources if not r.renewable}
    if not left:
        return left
    for t in project.tasks:
        if t.id in relaxed:
            continue
        for rid, units in t.alternatives[plan.mode.get(t.id, 0)].uses.items():
            if rid in left:
                left[rid] -= units
    return left


@dataclass
class SubModel:
    """The relaxed tasks of a plan as a CP-SAT model.

    Parameters
    ----------
    project, plan
        The project and the incumbent (feasible) plan.
    relaxed
        The tasks that may change.
    kept
        The loads of the other tasks (:func:`~plansat.solver.search.
        neighbourhoods.uses` of ``plan`` without the relaxed tasks).
    successors
        ``project.successors()``.
    horizon
        Latest finish (the incumbent's makespan keeps it feasible).
    levers
        Crashing and overlapping, as in the whole model.
    params
        The whole model's CP-SAT parameters.

    Attributes
    ----------
    engine
        The compiled sub-model, its objective and hint set.
    floor
        The latest finish of the kept tasks (the makespan can't go
        below it).
    wall_time
        Seconds the last :meth:`solve` took.
    """

    project: Project
    plan: Plan
    relaxed: Collection[str]
    kept: Mapping[str, list[Use]]
    successors: Successors
    horizon: int
    levers: Levers = field(default_factory=Levers)
    params: Mapping[str, object] = field(default_factory=dict)
    engine: Engine = field(init=False)
    floor: int = field(init=False)
    wall_time: float = field(init=False, default=0.0)

    def __post_init__(self) -> None:
        p, plan, relaxed = self.project, self.plan, set(self.relaxed)
        found = windows(p, plan, relaxed, self.successors, self.levers)
        part = sub_project(p, relaxed, pools_left(p, plan, relaxed))
        booked = bookings(self.kept, earliest(p, relaxed, found))
        self.engine = Engine(part, self.horizon, levers=self.levers,
                             parts=NONE, params={**self.params, **QUICK},
                             booked=booked)
        v = self.engine.vars
        m = self.engine.model
        for j, w in found.items():
            m.add(v.start[j] >= w.start_min)
            m.add(v.end[j] >= w.end_min)
            if w.start_max is not None:
                m.add(v.start[j] <= w.start_max)
            if w.end_max is not None:
                m.add(v.end[j] <= w.end_max)
        self.floor = max((plan.finish(t) for t in plan.start
                          if t not in relaxed), default=0)
        assert v.makespan is not None
        m.add(v.makespan >= self.floor)
        weight = len(relaxed) * self.horizon + 1
        m.minimize(weight * v.makespan + sum(v.end[j] for j in relaxed))
        self.engine.hint(plan)

    def solve(
        self, seconds: float, options: SolveOptions
    ) -> tuple[cp_model.CpSolverStatus, Plan | None]:
        """CP-SAT on one worker for ``seconds``: its status code and the
        whole plan with the relaxed tasks' answer (``None``: none)."""
        solver = self.engine.solver(seconds, options, workers=1)
        code = solver.solve(self.engine.model)
        self.wall_time = solver.wall_time
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return code, None
        return code, merge(self.project, self.plan,
                           self.engine.plan(solver), set(self.relaxed),
                           self.successors)


def merge(project: Project, plan: Plan, part: Plan,
          relaxed: Collection[str], successors: Successors) -> Plan:
    """``plan`` with the relaxed tasks as ``part`` has them; the overlap
    of every FS link recomputed from the days."""
    out = Plan(start={**plan.start, **part.start},
               duration={**plan.duration, **part.duration},
               people={**plan.people, **part.people},
               mode={**plan.mode, **part.mode},
               worked={t: d for t, d in plan.worked.items()
                       if t not in relaxed})
    out.worked.update(part.worked)
    out.overlap = {key: days for key, days in plan.overlap.items()
                   if key[0] not in relaxed and key[1] not in relaxed}
    links = [(dep.task, j, dep) for j in relaxed
             for dep in project.task(j).after]
    links += [(i, j, dep) for i in relaxed
              for j, dep in successors.get(i, ()) if j not in relaxed]
    for i, j, dep in links:
        if dep.max_overlap:
            days = overlap_days(dep, out.finish(i), out.start[j])
            if days > 0:
                out.overlap[i, j] = days
    return out
