"""What is left to plan once work has started: the project's history
frozen, the rest as a project of its own.

Given a project with a ``status_date`` (AT, its working-day index) and
task ``progress``, :func:`split` builds the **remaining project**, a plain
project the engine solves like any other:

- a **done** task stays, fixed at its actual dates (its window is exactly
  the actual start to the actual finish, its duration the actual span),
  with no people, resources, needs or links of its own: it is history,
  and only its finish (and start) still bound its successors;
- an **in-progress** task becomes its remaining work: ``remaining`` days
  (``Progress.remaining_days``) on or after AT, pinned to the people who
  work it (the progress's, else the baseline's), holding its resources;
- an **unstarted** task keeps everything, starting on or after AT.

Links from history keep their exact meaning: a link from a done task
stays as it is (that task sits at its actual dates), and a start-based
link (SS, SF) from an in-progress task becomes a release date of its
successor computed from the actual start.  ``retained`` logic keeps every
link into the remaining work of an out-of-sequence task (it still waits
for its unfinished predecessors); ``override`` drops the links it broke
when it started (FS from a predecessor not finished then, SS from one not
started then).  Deadlines already passed at the status date are dropped
with a warning (they can't be met any more; the report says so).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from plansat.models import Dependency, Project, Result, Task

Logic = Literal["retained", "override"]


@dataclass
class Frozen:
    """A started task's history in working days."""

    start: int
    finish: int | None  # done tasks only
    people: list[str]
    remaining: int = 0


@dataclass
class History:
    """A project split at its status date.

    Attributes
    ----------
    project
        The original project.
    time_now
        AT, the working-day index of the status date.
    status_date
        The status date.
    done, running
        Started tasks by id: finished ones and in-progress ones.
    rest
        The remaining project (see the module docs).
    warnings
        Out-of-sequence progress, passed deadlines, and dropped links.
    unpriced
        Finished tasks that need people but whose people neither the
        progress, the baseline nor the task names, and that report no
        ``actual_cost``: their labour is missing from the cost spent.
    """

    project: Project
    time_now: int
    status_date: date
    done: dict[str, Frozen] = field(default_factory=dict)
    running: dict[str, Frozen] = field(default_factory=dict)
    rest: Project | None = None
    warnings: list[str] = field(default_factory=list)
    unpriced: list[str] = field(default_factory=list)

    def state(self, task_id: str) -> str:
        """``"done"``, ``"in_progress"`` or ``"not_started"``."""
        if task_id in self.done:
            return "done"
        return "in_progress" if task_id in self.running else "not_started"


def split(
    project: Project,
    baseline: Result | None = None,
    status_date: date | None = None,
    logic: Logic = "retained",
) -> History:
    """Freeze ``project``'s history at ``status_date`` (default: the
    project's) and build the remaining project.

    Raises
    ------
    ValueError
        When there is no status date at all.
    """
    from plansat.models.progress_rules import progress_warnings

    if status_date is not None:
        project = project.at(status_date)
    if project.status_date is None or project.time_now is None:
        raise ValueError(
            "a re-plan needs a status date (the project's status_date or "
            "--status-date)"
        )
    h = History(project, project.time_now, project.status_date)
    h.warnings += progress_warnings(project)
    planned = _baseline_people(baseline)
    for t in project.tasks:
        span, pr = project.actual_span(t), t.progress
        if span is None or pr is None:
            continue
        people = list(pr.people if pr.people is not None
                      else planned.get(t.id, t.assigned))
        start, finish = span
        if finish is not None:
            _unpriced(h, t, people)
            h.done[t.id] = Frozen(start, finish, people)
        else:
            h.running[t.id] = Frozen(start, None, people,
                                     pr.remaining_days(t.duration))
    h.rest = Project.from_data(_rest_data(h, baseline, logic))
    return h


def _unpriced(h: History, t: Task, people: list[str]) -> None:
    """Note a finished task whose labour can't be priced."""
    pr = t.progress
    needs = any(m.needs for m in t.alternatives)
    if people or not needs or (pr is not None
                               and pr.actual_cost is not None):
        return
    h.unpriced.append(t.id)
    h.warnings.append(
        f"{t.id} is done but nobody says who worked it (no progress "
        "people, no baseline, no actual_cost): its labour is missing "
        "from the cost spent, which is incomplete; give the progress's "
        "people or actual_cost, or a baseline"
    )


def _baseline_people(baseline: Result | None) -> dict[str, list[str]]:
    if baseline is None:
        return {}
    return {tr.id: list(tr.people) for tr in baseline.tasks}


def _rest_data(
    h: History, baseline: Result | None, logic: Logic
) -> dict[str, Any]:
    """The remaining project as JSON data."""
    p = h.project
    data = p.model_dump(mode="json", exclude_none=True)
    data.pop("status_date", None)
    data["risks"] = []
    if p.deadline is not None and p.deadline < h.status_date:
        h.warnings.append(
            f"the project deadline {p.deadline} has passed at the status "
            f"date {h.status_date}; the re-plan ignores it"
        )
        data.pop("deadline")
    data["tasks"] = [_rest_task(h, t, baseline, logic) for t in p.tasks]
    due = data.get("deadline")
    latest = max(
        (t["earliest_start"] for t in data["tasks"] if "earliest_start" in t),
        default=None,
    )
    if due is not None and latest is not None and latest > due:
        h.warnings.append(
            f"the project deadline {due} can't be met any more (work can't "
            f"start before {latest}); the re-plan ignores it"
        )
        data.pop("deadline")
    return data


def _rest_task(
    h: History, t: Task, baseline: Result | None, logic: Logic
) -> dict[str, Any]:
    cal = h.project.work_calendar
    base = {"id": t.id, **({"name": t.name} if t.name else {}),
            **({"wbs": t.wbs} if t.wbs else {})}
    if t.id in h.done:
        fz = h.done[t.id]
        assert fz.finish is not None
        # pinned: its finish date (a milestone's: MS Project's) bounds
        # the finish to fz.finish
        last = cal.finish_date(fz.start, fz.finish)
        return {**base, "duration": fz.finish - fz.start,
                "earliest_start": cal.date_of(fz.start).isoformat(),
                "deadline": last.isoformat()}
    release = h.time_now
    links: list[dict[str, Any]] = []
    for dep in t.after:
        kept, bound = _link(h, t, dep, logic)
        if kept:
            links.append(_clamped(h, dep))
        elif bound is not None:
            release = max(release, bound)
    data = t.model_dump(mode="json", exclude_none=True)
    data.pop("progress", None)
    data["after"] = links
    if t.id in h.running:
        data = _running_task(h, t, data, baseline)
    release = max(release, h.project.earliest_start_index(t))
    data["earliest_start"] = cal.date_of(release).isoformat()
    deadline = t.deadline
    # a milestone at `release` is dated the day before it (MS Project's
    # date) and would still meet a deadline that day; but the rest can't
    # say so (earliest_start after deadline is refused), so that deadline
    # goes too, with the warning
    if deadline is not None and (
        deadline < h.status_date or cal.index_on_or_before(deadline) < release
    ):
        h.warnings.append(
            f"{t.id} can't meet its deadline {deadline} any more (it can't "
            f"start before {cal.date_of(release)}); the re-plan ignores it"
        )
        data.pop("deadline", None)
    return data


def _running_task(
    h: History, t: Task, data: dict[str, Any], baseline: Result | None
) -> dict[str, Any]:
    """The remaining work of an in-progress task, pinned to its people
    and holding the resources of the mode it runs in."""
    fz = h.running[t.id]
    mode = t.alternatives[0]
    if t.modes and baseline is not None:
        row = next((r for r in baseline.tasks if r.id == t.id), None)
        if row is not None and row.mode is not None:
            mode = t.modes[row.mode]
    for key in ("modes", "crash", "assigned", "estimate"):
        data.pop(key, None)
    data["duration"] = fz.remaining
    if fz.remaining == 0:
        for key in ("needs", "uses"):
            data.pop(key, None)
        return data
    data["uses"] = dict(mode.uses)
    data["needs"] = [n.model_dump(mode="json") for n in mode.needs]
    if fz.people:  # who works it goes on with it; else the solver picks
        data["assigned"] = fz.people
        data.pop("needs")
    return data


def _clamped(h: History, dep: Dependency) -> dict[str, Any]:
    """Link ``dep`` for the remaining project: fast-tracking overlaps at
    most what is left of a started predecessor (its days left, or its
    actual span once done), so a link the user wrote stays valid on the
    shorter work it now points at."""
    data = dep.model_dump(mode="json")
    pred = h.done.get(dep.task) or h.running.get(dep.task)
    if pred is None or not dep.max_overlap:
        return data
    left = (pred.finish - pred.start if pred.finish is not None
            else pred.remaining)
    data["max_overlap"] = min(dep.max_overlap, max(dep.lag, 0) + left)
    return data


def _link(
    h: History, t: Task, dep: Dependency, logic: Logic
) -> tuple[bool, int | None]:
    """Whether the remaining project keeps link ``dep`` into ``t``, and
    otherwise the release day it becomes (``None``: dropped)."""
    pred = dep.task
    if pred in h.running and dep.type in ("SS", "SF"):
        start = h.running[pred].start + dep.lag
        if dep.type == "SF":  # f_t >= s_pred + lag, on t's longest run
            start -= t.max_duration
        return False, start
    if t.id in h.running and logic == "override" and _broken(h, t, dep):
        h.warnings.append(
            f"override: {t.id}'s remaining work no longer waits for "
            f"{pred} ({dep.type} link it broke when it started)"
        )
        return False, None
    return True, None


def _broken(h: History, t: Task, dep: Dependency) -> bool:
    """Whether ``t`` broke the FS or SS link ``dep`` when it started."""
    started = h.running[t.id].start
    pred = h.done.get(dep.task) or h.running.get(dep.task)
    if dep.type == "FS":
        return (pred is None or pred.finish is None
                or started < pred.finish + dep.lag)
    if dep.type == "SS":
        return pred is None or started < pred.start + dep.lag
    return False
