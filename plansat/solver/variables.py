"""One registry of the CP-SAT variables of a project, created once.

Constraint modules and objectives read variables from here; none of them
creates a decision variable of its own for tasks, people or links.

Variables
---------
- per task: ``start``, ``end``, ``duration`` (a constant unless crashable
  or multi-mode) and ``interval``; a splittable task whose people may
  have days off before the horizon also has a ``span`` (the interval's
  size, pauses included; ``duration`` then counts the days worked);
- ``split_people``, ``split_resources``: the people who may work such
  a task and the resources it holds, with days off (theirs are posted
  task by task by the ``splits`` family, not as blocks in their
  capacity); a task's own calendar (:meth:`Variables.task_off`) is
  posted by that family too, as a resource only it holds;
- per mode of a multi-mode task: ``mode`` (chosen) and ``mode_interval``,
  the task's interval when that mode is chosen;
- per (task, mode, need, qualified person): ``slot`` — the person fills
  one slot of that need (``candidates`` lists who qualifies);
- per (task, qualified or pinned person): ``works`` — the person is on the
  task (a slot variable itself when the person qualifies for one need
  only), and ``person_interval``, optional on ``works``;
- per FS link with ``max_overlap``: ``overlap`` days;
- ``makespan``;
- ``booked``: load already taken on people and resources by tasks
  outside the model (fixed intervals in their capacity; the
  neighbourhood search's sub-models, :mod:`plansat.solver.search.submodel`);
- per feature (when the project has features and releases):
  ``feature_finish``, the latest end of its tasks, and per release ``r``
  (in date order, on day ``release_days[r]``) the literal ``ready[f, r]``
  of ``feature_finish[f] <= release_days[r]``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from plansat.models import Dependency, Project, Task
from plansat.models.delivery import release_timeline

IntVar = cp_model.IntVar
#: A fixed load: first day, day after the last, demand (percent of a
#: person's day or units of a resource).
Booking = tuple[int, int, int]
#: What constraints and objectives are built from.
LinearExpr = cp_model.LinearExpr | cp_model.IntVar | int
SlotKey = tuple[str, int, int]  # task id, mode index, need index


@dataclass(frozen=True)
class Switch:
    """A literal that enables one constraint that may conflict, and the
    sentence an explanation shows when it does."""

    literal: IntVar
    sentence: str


@dataclass(frozen=True)
class Levers:
    """Which ways of shortening the project the model may use."""

    crash: bool = True
    overlap: bool = True


@dataclass
class Variables:
    """Named CP-SAT variables of one project model."""

    model: cp_model.CpModel
    project: Project
    horizon: int
    levers: Levers = Levers()
    start: dict[str, IntVar] = field(default_factory=dict)
    end: dict[str, IntVar] = field(default_factory=dict)
    duration: dict[str, IntVar | int] = field(default_factory=dict)
    interval: dict[str, cp_model.IntervalVar] = field(default_factory=dict)
    span: dict[str, IntVar] = field(default_factory=dict)
    split_tasks: set[str] = field(default_factory=set)
    split_people: set[str] = field(default_factory=set)
    split_resources: set[str] = field(default_factory=set)
    mode: dict[tuple[str, int], IntVar] = field(default_factory=dict)
    mode_interval: dict[tuple[str, int], cp_model.IntervalVar] = field(
        default_factory=dict
    )
    slot: dict[tuple[str, int, int, str], IntVar] = field(
        default_factory=dict
    )
    candidates: dict[SlotKey, list[str]] = field(default_factory=dict)
    works: dict[tuple[str, str], IntVar] = field(default_factory=dict)
    person_interval: dict[tuple[str, str], cp_model.IntervalVar] = field(
        default_factory=dict
    )
    tasks_of: dict[str, list[str]] = field(default_factory=dict)
    worked: dict[tuple[str, str], LinearExpr] = field(default_factory=dict)
    overlap: dict[tuple[str, str], IntVar] = field(default_factory=dict)
    overlap_link: dict[tuple[str, str], Dependency] = field(
        default_factory=dict
    )
    makespan: IntVar | None = None
    feature_finish: dict[str, IntVar] = field(default_factory=dict)
    ready: dict[tuple[str, int], IntVar] = field(default_factory=dict)
    release_days: list[int] = field(default_factory=list)
    switches: dict[str, Switch] | None = None
    booked: Mapping[str, Sequence[Booking]] = field(default_factory=dict)

    @classmethod
    def create(
        cls,
        project: Project,
        horizon: int,
        explain: bool = False,
        levers: Levers | None = None,
        booked: Mapping[str, Sequence[Booking]] | None = None,
    ) -> Variables:
        """Create every variable of ``project`` on ``[0, horizon]``.

        With ``explain``, constraints that may conflict get switches (see
        :meth:`switch`); ``levers`` switches crashing and overlapping off;
        ``booked`` holds the loads already taken, by ``"person:ID"`` and
        ``"resource:ID"``.
        """
        v = cls(
            cp_model.CpModel(), project, horizon, levers=levers or Levers(),
            booked=dict(booked or {}),
        )
        v.switches = {} if explain else None
        v.tasks_of = {p.id: [] for p in project.people}
        v._split_people()
        for t in project.tasks:
            v._task(t)
            v._people(t)
        v._overlaps()
        v.makespan = v.model.new_int_var(0, horizon, "makespan")
        if project.features and project.releases:
            v._releases()
        return v

    def _releases(self) -> None:
        """``feature_finish`` and ``ready`` (constrained by the releases
        family)."""
        m = self.model
        self.release_days = [r.day for r in release_timeline(self.project)]
        for f in self.project.features:
            self.feature_finish[f.id] = m.new_int_var(
                0, self.horizon, f"feature_finish[{f.id}]"
            )
            for r in range(len(self.release_days)):
                self.ready[f.id, r] = m.new_bool_var(f"ready[{f.id},{r}]")

    def switch(self, key: str, sentence: str) -> IntVar | None:
        """A literal that enables a constraint that may conflict, or
        ``None`` when the model doesn't explain.

        When the registry explains infeasibility (``switches`` is a dict),
        deadlines, earliest starts, vacations, pinned people and budgets
        are only enforced if their literal is true; the literals become
        assumptions and CP-SAT names a subset that cannot hold together,
        which :mod:`plansat.solver.explain` shows as the ``sentence`` of
        each (the constraint family that posts it says it in words).

        Parameters
        ----------
        key
            Unique name of the constraint, e.g. ``"deadline:T004"``.
        sentence
            What the constraint says, e.g. ``"T004 must finish by
            2025-09-01"``.
        """
        if self.switches is None:
            return None
        if key not in self.switches:
            self.switches[key] = Switch(
                self.model.new_bool_var(key), sentence
            )
        return self.switches[key].literal

    # -- tasks ---------------------------------------------------------------

    def may_work(self, t: Task) -> list[str]:
        """Ids of the people who may work on ``t``: qualified for one of
        its needs, or pinned."""
        ids = dict.fromkeys(
            p.id
            for mode in t.alternatives
            if mode.duration > 0
            for need in mode.needs
            for p in self.project.qualified(t, need)
        )
        ids.update(dict.fromkeys(self.project.extra_people(t)))
        return list(ids)

    def has_days_off(self, person_id: str) -> bool:
        """Whether ``person_id`` is blocked on some day before the
        horizon."""
        days = self.project.blocked_days(self.project.person(person_id))
        return bool(days) and days[0].start < self.horizon

    def resource_off(self, resource_id: str) -> list[range]:
        """``resource_id``'s days off that start before the horizon."""
        p = self.project
        res = p.resources[p.resource_index[resource_id]]
        return [r for r in p.resource_days_off(res)
                if r.start < self.horizon]

    def task_off(self, task_id: str) -> list[range]:
        """The days off of ``task_id``'s own calendar that start before
        the horizon."""
        p = self.project
        return [r for r in p.task_days_off(p.task(task_id))
                if r.start < self.horizon]

    def _split_people(self) -> None:
        """``split_tasks``: splittable tasks some of whose people may be
        off before the horizon (or resources closed, or that have days
        off of their own); ``split_people``: who may work them."""
        for t in self.project.tasks:
            if not self.project.splits(t) or t.duration == 0:
                continue
            people = self.may_work(t)
            held = [r for r in t.uses if self.resource_off(r)]
            if held or self.task_off(t.id) or any(
                    self.has_days_off(pid) for pid in people):
                self.split_tasks.add(t.id)
                self.split_people.update(
                    pid for pid in people if self.has_days_off(pid))
                self.split_resources.update(held)

    def _task(self, t: Task) -> None:
        m, h = self.model, self.horizon
        lo = 0
        if self.switches is None:
            lo = self.project.earliest_start_index(t)
        dmin, dmax = t.min_duration, t.max_duration
        if not self.levers.crash and t.crash is not None:
            dmin = dmax
        s = m.new_int_var(lo, max(lo, h - dmin), f"start[{t.id}]")
        e = m.new_int_var(lo + dmin, max(lo + dmin, h), f"end[{t.id}]")
        d: IntVar | int
        if len(t.alternatives) > 1:
            choices = sorted({mode.duration for mode in t.alternatives})
            d = m.new_int_var_from_domain(
                cp_model.Domain.from_values(choices), f"duration[{t.id}]"
            )
            lits = []
            for k, mode in enumerate(t.alternatives):
                lit = m.new_bool_var(f"mode[{t.id},{k}]")
                self.mode[t.id, k] = lit
                lits.append(lit)
                # start + duration, not the task's end variable: modes
                # sharing ``e`` made OR-Tools 9.15 prove wrong optima
                # (engine._workarounds)
                self.mode_interval[t.id, k] = (
                    m.new_optional_fixed_size_interval_var(
                        s, mode.duration, lit, f"mode_interval[{t.id},{k}]"
                    )
                )
            m.add_exactly_one(lits)
            m.add(
                d == sum(mode.duration * lit for mode, lit in zip(
                    t.alternatives, lits, strict=True))
            )
        elif dmin == dmax:
            d = dmax
        else:
            d = m.new_int_var(dmin, dmax, f"duration[{t.id}]")
        self.start[t.id], self.end[t.id], self.duration[t.id] = s, e, d
        size: IntVar | int = d
        if t.id in self.split_tasks:  # pauses on days off: see splits
            size = m.new_int_var(dmin, max(dmin, h - lo), f"span[{t.id}]")
            self.span[t.id] = size
        self.interval[t.id] = m.new_interval_var(
            s, size, e, f"interval[{t.id}]"
        )

    def chosen(self, task_id: str, mode: int) -> IntVar | int:
        """Literal of ``mode`` being chosen (1 for a single-mode task)."""
        return self.mode.get((task_id, mode), 1)

    def task_interval(
        self, task_id: str, mode: int
    ) -> cp_model.IntervalVar:
        """The interval a mode's uses occupy (the task's own when the task
        has one mode)."""
        if (task_id, mode) in self.mode_interval:
            return self.mode_interval[task_id, mode]
        return self.interval[task_id]

    # -- people --------------------------------------------------------------

    def _people(self, t: Task) -> None:
        m = self.model
        slots_of: dict[str, list[tuple[int, int]]] = {}
        for k, mode in enumerate(t.alternatives):
            if mode.duration == 0:
                continue
            for n, need in enumerate(mode.needs):
                people = [p.id for p in self.project.qualified(t, need)]
                self.candidates[t.id, k, n] = people
                for pid in people:
                    slots_of.setdefault(pid, []).append((k, n))
        for pid in self.project.extra_people(t):
            self._person_on(t.id, pid, m.new_bool_var(f"works[{t.id},{pid}]"))
        for pid, keys in slots_of.items():
            for k, n in keys:
                self.slot[t.id, k, n, pid] = m.new_bool_var(
                    f"slot[{t.id},{k},{n},{pid}]"
                )
            if len(keys) == 1:
                works = self.slot[(t.id, *keys[0], pid)]
            else:
                works = m.new_bool_var(f"works[{t.id},{pid}]")
                m.add(
                    sum(self.slot[t.id, k, n, pid] for k, n in keys) == works
                )
            self._person_on(t.id, pid, works)

    def slots_of(
        self, task_id: str
    ) -> list[tuple[tuple[str, int, int, str], IntVar]]:
        """The slot variables of ``task_id`` with their keys."""
        task = self.project.task(task_id)
        return [
            ((task_id, k, n, pid), self.slot[task_id, k, n, pid])
            for k, mode in enumerate(task.alternatives)
            for n in range(len(mode.needs))
            for pid in self.candidates.get((task_id, k, n), [])
        ]

    def _person_on(self, task_id: str, person_id: str, works: IntVar) -> None:
        """Register ``works`` and the person's optional interval."""
        self.works[task_id, person_id] = works
        self.tasks_of[person_id].append(task_id)
        self.person_interval[task_id, person_id] = (
            self.model.new_optional_interval_var(
                self.start[task_id],
                self.span.get(task_id, self.duration[task_id]),
                self.end[task_id],
                works,
                f"person_interval[{task_id},{person_id}]",
            )
        )

    def _overlaps(self) -> None:
        for t in self.project.tasks:
            for dep in t.after:
                if dep.max_overlap > 0 and self.levers.overlap:
                    self.overlap_link[dep.task, t.id] = dep
                    self.overlap[dep.task, t.id] = self.model.new_int_var(
                        0, dep.max_overlap, f"overlap[{dep.task},{t.id}]"
                    )

    def crashed(self, task_id: str) -> LinearExpr:
        """Days ``task_id`` is shortened by crashing."""
        task = self.project.task(task_id)
        if task.crash is None:
            return 0
        return task.duration - self.duration[task_id]

    def worked_days(self, task_id: str, person_id: str) -> LinearExpr:
        """Days ``person_id`` works on ``task_id`` (0 when not on it).

        A product of a Boolean and the duration; when the duration varies
        it needs a variable of its own, created on first use.
        """
        key = (task_id, person_id)
        if key not in self.worked:
            works, d = self.works[key], self.duration[key[0]]
            if isinstance(d, int):
                self.worked[key] = d * works
            else:
                task = self.project.task(task_id)
                w = self.model.new_int_var(
                    0, task.max_duration, f"worked[{task_id},{person_id}]"
                )
                self.model.add(w == d).only_enforce_if(works)
                self.model.add(w == 0).only_enforce_if(~works)
                self.worked[key] = w
        return self.worked[key]
