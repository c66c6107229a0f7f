"""A portfolio compiled into ONE project, and its plans split back.

Every existing constraint family, heuristic and the checker then apply
unchanged:

- one working-day grid: day 0 is the first working day on or after the
  earliest project start; the projects share one calendar (a rule of
  the contract), so a project starting later is that project with every
  task's ``earliest_start`` at its start, and its own day ``d`` is grid
  day ``d + offset``;
- task ids are prefixed by the project's name (``Web/T004``), links stay
  inside their project;
- people and pooled resources are shared by id (one definition each);
  a task is staffed from its own project's team only: skills are
  prefixed by the project too (``Web/backend``), and a person carries
  the prefixed skills of every project whose team they are on;
- each project's deadline (tightened by the portfolio entry's, when
  hard) becomes its tasks' deadline; overhead is priced per project by
  the portfolio's cost objective, not by the merged project.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from plansat.models import Project, ProjectError
from plansat.models.portfolio import Portfolio
from plansat.schedule.plan import Plan

#: Between a project's name and a task id or skill in the merged project.
SEP = "/"


@dataclass(frozen=True)
class Merged:
    """A portfolio as one project.

    Attributes
    ----------
    portfolio
        The portfolio.
    projects
        Each project as the portfolio plans it (:func:`effective`): the
        project each split result is checked against.
    project
        The merged project.
    offsets
        Grid day of each project's day 0.
    ids
        Merged task ids of each project, in its task order.
    """

    portfolio: Portfolio
    projects: list[Project]
    project: Project
    offsets: list[int]
    ids: list[list[str]]

    @property
    def names(self) -> list[str]:
        """The projects' names."""
        return [p.name for p in self.projects]

    def split(self, plan: Plan) -> list[Plan]:
        """The plan of each project, on its own days."""
        out = []
        for i, p in enumerate(self.projects):
            off, name = self.offsets[i], p.name
            own = Plan()
            for t in p.tasks:
                mid = f"{name}{SEP}{t.id}"
                own.start[t.id] = plan.start[mid] - off
                own.duration[t.id] = plan.duration[mid]
                own.people[t.id] = [list(g) for g in plan.people[mid]]
                if mid in plan.mode:
                    own.mode[t.id] = plan.mode[mid]
            for (a, b), days in plan.overlap.items():
                if a.startswith(name + SEP) and b.startswith(name + SEP):
                    own.overlap[a[len(name) + 1:], b[len(name) + 1:]] = days
            out.append(own)
        return out

    def grid_finishes(self, plan: Plan) -> list[int]:
        """Each project's finish on the grid."""
        return [max((plan.finish(m) for m in ids), default=off)
                for ids, off in zip(self.ids, self.offsets, strict=True)]


def merge(portfolio: Portfolio, hard_deadlines: bool = True) -> Merged:
    """Compile ``portfolio`` into one project (see the module docs).

    Parameters
    ----------
    portfolio
        A validated portfolio (files loaded).
    hard_deadlines
        Whether the entries' deadlines are hard (all objectives but
        ``tardiness``).

    Raises
    ------
    ProjectError
        When a project with the portfolio's people, windows and
        deadlines breaks a rule (the path names the project).
    """
    projects = [effective(portfolio, i, hard_deadlines)
                for i in range(len(portfolio.projects))]
    start = min(p.start for p in projects)
    first = projects[0]
    people: dict[str, dict[str, Any]] = {}
    resources: dict[str, dict[str, Any]] = {}
    tasks: list[dict[str, Any]] = []
    for p in projects:
        for person in p.people:
            entry = people.setdefault(person.id, {
                **person.model_dump(mode="json", exclude_none=True),
                "skills": {}})
            entry["skills"].update({f"{p.name}{SEP}{s}": lv
                                    for s, lv in person.skills.items()})
        for res in p.resources:
            resources.setdefault(res.id,
                                 res.model_dump(mode="json",
                                                exclude_none=True))
        tasks += [_task(p, t.model_dump(mode="json", exclude_none=True),
                        start) for t in p.tasks]
    data: dict[str, Any] = {
        "name": portfolio.name,
        "start": start.isoformat(),
        "calendar": first.calendar.model_dump(mode="json"),
        "people": list(people.values()),
        "resources": list(resources.values()),
        "tasks": tasks,
    }
    if first.status_date is not None:
        data["status_date"] = first.status_date.isoformat()
    try:
        project = Project.from_data(data)
    except ProjectError as exc:
        raise ProjectError([f"the portfolio as one project: {line}"
                            for line in exc.errors]) from None
    cal = project.work_calendar
    return Merged(
        portfolio, projects, project,
        [cal.index_on_or_after(p.start) for p in projects],
        [[f"{p.name}{SEP}{t.id}" for t in p.tasks] for p in projects],
    )


def effective(portfolio: Portfolio, index: int,
              hard_deadlines: bool = True) -> Project:
    """Project ``index`` as the portfolio plans it: the portfolio's
    people and resources replace the project's definitions (and people
    only in the portfolio join its team), its entry's deadline tightens
    the project's (when hard) and its entry's ``earliest_start`` holds
    every task.

    Raises
    ------
    ProjectError
        When that project breaks a rule (paths prefixed by the entry's).
    """
    entry = portfolio.projects[index]
    p = entry.loaded
    data = p.model_dump(mode="json", exclude_none=True)
    data["people"] = _settled([x.model_dump(mode="json", exclude_none=True)
                               for x in p.people], portfolio.people)
    data["resources"] = _settled(
        [x.model_dump(mode="json", exclude_none=True) for x in p.resources],
        portfolio.resources, add=False)
    if hard_deadlines and entry.deadline is not None:
        data["deadline"] = min(entry.deadline,
                               p.deadline or entry.deadline).isoformat()
    if entry.earliest_start is not None and entry.earliest_start > p.start:
        for t in data["tasks"]:
            es = t.get("earliest_start")
            if es is None or date.fromisoformat(es) < entry.earliest_start:
                t["earliest_start"] = entry.earliest_start.isoformat()
    try:
        return Project.from_data(data)
    except ProjectError as exc:
        raise ProjectError([f"{portfolio.where(index)}{line}"
                            for line in exc.errors]) from None


def _settled(own: list[dict[str, Any]], settled: list[Any],
             add: bool = True) -> list[dict[str, Any]]:
    """``own`` with the definitions of ``settled`` replacing those of
    the same id (and, with ``add``, the others of ``settled`` after)."""
    by_id = {x.id: x.model_dump(mode="json", exclude_none=True)
             for x in settled}
    out = [by_id.get(x["id"], x) for x in own]
    if add:
        ids = {x["id"] for x in own}
        out += [x for pid, x in by_id.items() if pid not in ids]
    return out


def _task(p: Project, t: dict[str, Any], start: date) -> dict[str, Any]:
    """Task ``t`` of ``p`` in the merged project."""
    pre = f"{p.name}{SEP}"
    t["id"] = pre + t["id"]
    for dep in t.get("after", []):
        dep["task"] = pre + dep["task"]
    for need in t.get("needs", []):
        need["skill"] = pre + need["skill"]
    for mode in t.get("modes", []):
        for need in mode.get("needs", []):
            need["skill"] = pre + need["skill"]
    if p.start > start:
        es = t.get("earliest_start")
        if es is None or date.fromisoformat(es) < p.start:
            t["earliest_start"] = p.start.isoformat()
    if p.deadline is not None:
        due = t.get("deadline")
        if due is None or p.deadline < date.fromisoformat(due):
            t["deadline"] = p.deadline.isoformat()
    return t
