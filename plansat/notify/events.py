"""What a progress update reveals, as messages written in the same
transaction as its snapshot (:meth:`plansat.store.Store.add_snapshot`
with ``messages``): only what is new against the state before it.

- **a blocker raised**: a task now behind the baseline (its forecast
  finish later than the baseline's), a deadline the forecast now misses,
  or remaining work that has no schedule any more;
- **a milestone likely late**: a milestone (or the project finish)
  whose P80 is now after its deadline, and was not before (the Monte
  Carlo outlooks of the two plans, :func:`plansat.notify.compose.
  late_milestones`).

Each goes to the people concerned: those on the task in the plan (for a
milestone, on the tasks it waits for); an event of the whole project
(its deadline, its finish, no schedule) to every person.  The contract
has no project owner or manager to copy.  Every message's idempotency
key derives from the project, the event, the revision that reveals it,
the recipient and the channel: recording the same event twice queues it
once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from plansat.analysis.tracking.status import status
from plansat.models import Project, ProjectError, Result
from plansat.models.risk import RiskReport
from plansat.notify.compose import Draft, late_milestones, task_rows
from plansat.notify.routing import route
from plansat.schedule.windows import due_bound
from plansat.store import ChannelRecord, NewMessage

__all__ = ["Event", "State", "blockers_raised", "event_messages", "events"]


@dataclass(frozen=True)
class State:
    """A project with its plan (and the plan's Monte Carlo outlook)."""

    project: Project
    plan: Result | None
    risk: RiskReport | None = None


@dataclass(frozen=True)
class Event:
    """Something new: its key (``late-T3``, ``deadline-project``,
    ``p80-M1``, ...), the kind of message, the line that says it and
    who is concerned."""

    key: str
    kind: str
    line: str
    people: tuple[str, ...]


def _everyone(project: Project) -> tuple[str, ...]:
    return tuple(p.id for p in project.people)


def _people(project: Project, plan: Result, task_id: str) -> tuple[str, ...]:
    """Who is on ``task_id`` in ``plan``; for a milestone, on the tasks
    it waits for; nobody found: everyone."""
    rows = {r.id: r for r in plan.tasks}
    ids = [task_id]
    if project.task(task_id).duration == 0:
        ids = [d.task for d in project.task(task_id).after]
    found = [p for i in ids if i in rows for p in rows[i].people]
    return tuple(dict.fromkeys(found)) or _everyone(project)


def _late(project: Project, baseline: Result, plan: Result) -> list[Event]:
    if project.status_date is None or plan.replan is None:
        return []  # no progress, or not a re-plan: nothing is late yet
    try:
        report = status(project, baseline, forecast=plan)
    except ProjectError:  # a baseline of other tasks: nothing to compare
        return []
    return [Event(f"late-{t.id}", "alert",
                  f"{t.id} {t.name or ''}".rstrip()
                  + f" is {t.slip_days} working day(s) behind the "
                  f"baseline (forecast finish {t.forecast_finish}, "
                  f"baseline {t.baseline_finish})",
                  _people(project, plan, t.id))
            for t in report.tasks if (t.slip_days or 0) > 0]


def _missed(project: Project, plan: Result) -> list[Event]:
    out = []
    cal = project.work_calendar
    if (project.deadline is not None and plan.makespan is not None
            and plan.makespan > cal.finish_bound(project.deadline)):
        out.append(Event(
            "deadline-project", "alert",
            f"the forecast finish {plan.finish_date} misses the project "
            f"deadline {project.deadline}", _everyone(project)))
    for row in plan.tasks:
        task = project.task(row.id)
        if (task.deadline is not None and row.state != "done"
                and row.finish > due_bound(project, task, task.deadline,
                                           row.duration)):
            out.append(Event(
                f"deadline-{row.id}", "alert",
                f"{row.id} {task.name or ''}".rstrip()
                + f" misses its deadline {task.deadline} (forecast "
                f"finish {row.finish_date})",
                _people(project, plan, row.id)))
    return out


def blockers_raised(project: Project, baseline: Result | None,
                    plan: Result | None) -> list[Event]:
    """The blockers a plan shows that a message can name cheaply (no
    solve): tasks behind ``baseline``, deadlines missed, no schedule."""
    if plan is None:
        return []
    if not plan.status.has_solution:
        return [Event("no-schedule", "alert",
                      "the remaining work has no schedule: "
                      f"{plan.explanation or plan.status.value}",
                      _everyone(project))]
    late = _late(project, baseline, plan) if baseline is not None else []
    return late + _missed(project, plan)


def _p80(state: State) -> list[Event]:
    if state.risk is None or state.plan is None:
        return []
    return [Event(f"p80-{key}", "milestone", line,
                  _everyone(state.project) if key == "project"
                  else _people(state.project, state.plan, key))
            for key, line in late_milestones(state.project,
                                             state.risk).items()]


def events(before: State, after: State,
           baseline: Result | None) -> list[Event]:
    """What ``after`` shows and ``before`` did not (by key)."""
    was = {e.key for e in (blockers_raised(before.project, baseline,
                                           before.plan) + _p80(before))}
    return [e for e in (blockers_raised(after.project, baseline,
                                        after.plan) + _p80(after))
            if e.key not in was]


def _key(project_key: str, revision: int, m: NewMessage,
         event_keys: str) -> str:
    text = "|".join((project_key, str(revision), event_keys, m.recipient,
                     m.channel or "outbox"))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def event_messages(
    project_key: str,
    revision: int,
    before: State,
    after: State,
    baseline: Result | None,
    channels: Sequence[ChannelRecord],
) -> list[NewMessage]:
    """One message per person concerned and channel, listing the new
    events of ``after`` (revision ``revision`` of the project): none
    without a channel or anything new."""
    found = events(before, after, baseline) if channels else []
    if not found:
        return []
    project = after.project
    names = {p.id: p.name or p.id for p in project.people}
    drafts, keys = [], {}
    for person in project.people:
        mine = [e for e in found if person.id in e.people]
        if not mine:
            continue
        kind = "alert" if any(e.kind == "alert" for e in mine) else (
            "milestone")
        first = mine[0].line
        more = f" (+{len(mine) - 1} more)" if len(mine) > 1 else ""
        body = "\n\n".join([
            f"Hello {names[person.id]},",
            f"progress recorded on {project.status_date} in "
            f"{project.name} shows something new for you:",
            "\n".join(f"- {e.line}" for e in mine),
            f"(computed by plansat from revision {revision})"])
        drafts.append(Draft(
            person.id, kind, f"[{project.name}] {first}{more}", body,
            task_rows(project, after.plan, person.id)
            if after.plan is not None and after.plan.status.has_solution
            else []))
        keys[person.id] = ",".join(e.key for e in mine)
    plan = after.plan if after.plan and after.plan.status.has_solution \
        else None
    routed = route(project_key, project, drafts, channels, plan)
    return [m.model_copy(update={"key": _key(project_key, revision, m,
                                             keys[m.recipient])})
            for m in routed.messages if m.channel is not None]
