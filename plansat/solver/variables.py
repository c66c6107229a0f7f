"""One registry of the CP-SAT variables of a project, created once.

Constraint modules and objectives read variables from here; none of them
creates a decision variable of its own for tasks, people or links.

Variables
---------
- per task: ``start``, ``end``, ``duration`` (a constant unless crashable)
  and ``interval``;
- per (task, need, qualified person): ``slot`` — the person fills one slot
  of that need (``candidates`` lists who qualifies for each need);
- per (task, qualified or pinned person): ``works`` — the person is on the
  task (a slot variable itself when the person qualifies for one need
  only), and ``person_interval``, optional on ``works``;
- per FS link with ``max_overlap``: ``overlap`` days;
- ``makespan``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from plansat.models import Dependency, Project

IntVar = cp_model.IntVar
#: What constraints and objectives are built from.
LinearExpr = cp_model.LinearExpr | cp_model.IntVar | int


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
    slot: dict[tuple[str, int, str], IntVar] = field(default_factory=dict)
    works: dict[tuple[str, str], IntVar] = field(default_factory=dict)
    person_interval: dict[tuple[str, str], cp_model.IntervalVar] = field(
        default_factory=dict
    )
    overlap: dict[tuple[str, str], IntVar] = field(default_factory=dict)
    overlap_link: dict[tuple[str, str], Dependency] = field(
        default_factory=dict
    )
    candidates: dict[tuple[str, int], list[str]] = field(
        default_factory=dict
    )
    tasks_of: dict[str, list[str]] = field(default_factory=dict)
    worked: dict[tuple[str, str], LinearExpr] = field(default_factory=dict)
    makespan: IntVar | None = None
    switches: dict[str, IntVar] | None = None

    def switch(self, label: str) -> IntVar | None:
        """A literal that enables a soft-able constraint, or ``None``.

        When the registry explains infeasibility (``switches`` is a dict),
        deadlines, earliest starts, vacations and pinned people are only
        enforced if their literal is true; the literals become assumptions
        and CP-SAT names a subset that cannot hold together.
        """
        if self.switches is None:
            return None
        if label not in self.switches:
            self.switches[label] = self.model.new_bool_var(label)
        return self.switches[label]

    @classmethod
    def create(
        cls,
        project: Project,
        horizon: int,
        explain: bool = False,
        levers: Levers | None = None,
    ) -> Variables:
        """Create every variable of ``project`` on ``[0, horizon]``.

        With ``explain``, constraints that may conflict get switches (see
        :meth:`switch`); ``levers`` switches crashing and overlapping off.
        """
        v = cls(
            cp_model.CpModel(), project, horizon, levers=levers or Levers()
        )
        v.switches = {} if explain else None
        v.tasks_of = {p.id: [] for p in project.people}
        v._tasks()
        v._people()
        v._overlaps()
        v.makespan = v.model.new_int_var(0, horizon, "makespan")
        return v

    def _tasks(self) -> None:
        m, h = self.model, self.horizon
        for t in self.project.tasks:
            lo = 0 if self.switches is not None else (
                self.project.earliest_start_index(t)
            )
            dmin, dmax = t.min_duration, t.duration
            if not self.levers.crash:
                dmin = dmax
            s = m.new_int_var(lo, max(lo, h - dmin), f"start[{t.id}]")
            e = m.new_int_var(lo + dmin, max(lo + dmin, h), f"end[{t.id}]")
            if dmin == dmax:
                d: IntVar | int = dmax
            else:
                d = m.new_int_var(dmin, dmax, f"duration[{t.id}]")
            self.start[t.id], self.end[t.id], self.duration[t.id] = s, e, d
            self.interval[t.id] = m.new_interval_var(
                s, d, e, f"interval[{t.id}]"
            )

    def _people(self) -> None:
        m = self.model
        for t in self.project.tasks:
            needs_of: dict[str, list[int]] = {}
            for k, need in enumerate(t.needs):
                people = [p.id for p in self.project.qualified(t, need)]
                self.candidates[t.id, k] = people
                for pid in people:
                    needs_of.setdefault(pid, []).append(k)
            for pid in self.project.extra_people(t):
                works = m.new_bool_var(f"works[{t.id},{pid}]")
                self._person_on(t.id, pid, works)
            for pid, ks in needs_of.items():
                for k in ks:
                    self.slot[t.id, k, pid] = m.new_bool_var(
                        f"slot[{t.id},{k},{pid}]"
                    )
                if len(ks) == 1:
                    works = self.slot[t.id, ks[0], pid]
                else:
                    works = m.new_bool_var(f"works[{t.id},{pid}]")
                    m.add(
                        sum(self.slot[t.id, k, pid] for k in ks) == works
                    )
                self._person_on(t.id, pid, works)

    def _person_on(self, task_id: str, person_id: str, works: IntVar) -> None:
        """Register ``works`` and the person's optional interval."""
        self.works[task_id, person_id] = works
        self.tasks_of[person_id].append(task_id)
        self.person_interval[task_id, person_id] = (
            self.model.new_optional_interval_var(
                self.start[task_id],
                self.duration[task_id],
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
        """Days ``task_id`` is shortened by."""
        return self.project.task(task_id).duration - self.duration[task_id]

    def worked_days(self, task_id: str, person_id: str) -> LinearExpr:
        """Days ``person_id`` works on ``task_id`` (0 when not on it).

        A product of a Boolean and the duration; for a crashable task it
        needs a variable of its own, created on first use.
        """
        key = (task_id, person_id)
        if key not in self.worked:
            works, d = self.works[key], self.duration[key[0]]
            if isinstance(d, int):
                self.worked[key] = d * works
            else:
                task = self.project.task(task_id)
                w = self.model.new_int_var(
                    0, task.duration, f"worked[{task_id},{person_id}]"
                )
                self.model.add(w == d).only_enforce_if(works)
                self.model.add(w == 0).only_enforce_if(~works)
                self.worked[key] = w
        return self.worked[key]
