"""The messages a progress update reveals (a blocker raised, a
milestone now likely late; :mod:`plansat.notify.events`), computed
before ``track_progress`` stores the progress so that they are written
in the snapshot's transaction."""

from __future__ import annotations

from plansat.mcp.plans import risk_report
from plansat.mcp.runtime import AppState, Reporter
from plansat.models import Project, Result
from plansat.notify.events import State, event_messages
from plansat.store import NewMessage, ProjectRecord

__all__ = ["revealed"]


def _has_deadline(project: Project) -> bool:
    return project.deadline is not None or any(
        t.deadline is not None and t.duration == 0 for t in project.tasks)


def _state(project: Project, plan: Result | None, reporter: Reporter,
           risky: bool) -> State:
    risk = (risk_report(project, plan, reporter)
            if risky and plan is not None else None)
    return State(project, plan, risk)


def revealed(
    state: AppState,
    current: ProjectRecord,
    project: Project,
    forecast: Result | None,
    baseline: Result | None,
    reporter: Reporter,
) -> list[NewMessage]:
    """The messages of what ``project`` (``current`` with the progress
    recorded, re-planned as ``forecast``) shows and the state before it
    did not: the latest stored plan with its revision's project, else
    ``baseline``.  None without a channel."""
    store = state.store
    channels = store.list_channels(current.id)
    if not channels:
        return []
    prev = store.latest_plan(current.id)
    before: tuple[Project, Result | None]
    if prev is not None:
        before = (store.get_project(current.id, prev.revision).project,
                  prev.result)
    else:
        before = (current.project, baseline)
    risky = _has_deadline(project)
    reporter.stage = "comparing with the state before the progress"
    return event_messages(
        current.id, current.revision + 1,
        _state(*before, reporter, risky),
        _state(project, forecast, reporter, risky),
        baseline, channels)
