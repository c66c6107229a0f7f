"""Resources: what the store holds, readable by URI.

- ``plansat://projects``: the stored projects (JSON list);
- ``plansat://projects/{id}``: the project JSON (current revision), as
  ``plansat store export`` writes it;
- ``plansat://projects/{id}/plan``: the latest plan (Result JSON);
- ``plansat://projects/{id}/baselines/{n}``: baseline ``n`` (Result
  JSON);
- ``plansat://projects/{id}/report.html``: the self-contained HTML
  report of the latest plan (needs ``plansat[report]``);
- ``plansat://projects/{id}/people/{person}/calendar.ics``: the
  person's assignments in the latest plan as iCalendar events (stable
  UIDs, ``SEQUENCE`` = the number of stored plans; needs
  ``plansat[notify]``).

Reading never writes.  An unknown project, plan or baseline is a
"resource not found" error.
"""

from __future__ import annotations

import json
import logging
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import anyio
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import (
    ResourceError,
    ResourceNotFoundError,
)

from plansat.mcp.runtime import SharedStore, describe_error
from plansat.models import Project, Result
from plansat.store import NotFound, ProjectStore

__all__ = ["person_calendar", "register_resources", "render_report"]

log = logging.getLogger(__name__)

T = TypeVar("T")

JSON = "application/json"


async def _read(shared: SharedStore, fn: Callable[[ProjectStore], T]) -> T:
    """Run ``fn(store)`` in a worker thread, errors as resource errors."""

    def body() -> T:
        return fn(shared.current().store)

    try:
        return await anyio.to_thread.run_sync(body)
    except NotFound as exc:
        raise ResourceNotFoundError(str(exc)) from None
    except Exception as exc:
        message = describe_error(exc)
        if message is None:
            raise
        raise ResourceError(message) from None


def render_report(project: Project, result: Result) -> str:
    """The HTML report of ``result`` as text (written to a temporary
    file by :func:`plansat.charts.write_html`).

    Raises
    ------
    ResourceError
        When plotly (``plansat[report]``) is not installed or the plan
        has no schedule.
    """
    if not result.status.has_solution:
        raise ResourceError(f"the plan has no schedule ({result.status})")
    try:
        from plansat.charts import write_html
        with tempfile.TemporaryDirectory(prefix="plansat-mcp-") as tmp:
            path = write_html(project, result, Path(tmp) / "report.html")
            return path.read_text(encoding="utf-8")
    except ImportError as exc:
        raise ResourceError(
            f"the HTML report needs plansat[report] ({exc.name} is "
            "missing)") from None


def register_resources(server: MCPServer, shared: SharedStore) -> None:
    """Add the resources to ``server``."""

    @server.resource("plansat://projects", name="projects", mime_type=JSON,
                     description="The stored projects: id, name, "
                                 "revision.")
    async def projects() -> str:
        rows = await _read(shared, lambda s: s.list_projects())
        return json.dumps([r.model_dump(mode="json") for r in rows],
                          indent=2)

    @server.resource("plansat://projects/{project_id}", name="project",
                     mime_type=JSON,
                     description="A project's JSON (current revision).")
    async def project(project_id: str) -> str:
        return await _read(shared, lambda s: s.export_project(project_id))

    @server.resource("plansat://projects/{project_id}/plan", name="plan",
                     mime_type=JSON,
                     description="The project's latest plan (Result).")
    async def plan(project_id: str) -> str:
        def latest(store: ProjectStore) -> str:
            found = store.latest_plan(project_id)
            if found is None:
                raise NotFound(f"project {project_id} has no plan yet",
                               project_id)
            return found.result.model_dump_json(indent=2)

        return await _read(shared, latest)

    @server.resource("plansat://projects/{project_id}/baselines/{number}",
                     name="baseline", mime_type=JSON,
                     description="Baseline n of the project (Result).")
    async def baseline(project_id: str, number: str) -> str:
        if not number.isdigit():
            raise ResourceNotFoundError(f"no baseline {number!r}: "
                                        "baselines are numbered 0, 1, ...")
        return await _read(shared, lambda s: s.get_baseline(
            project_id, int(number)).result.model_dump_json(indent=2))

    @server.resource("plansat://projects/{project_id}/report.html",
                     name="report", mime_type="text/html",
                     description="HTML report of the latest plan (Gantt, "
                                 "loads, critical path).")
    async def report(project_id: str) -> str:
        def render(store: ProjectStore) -> str:
            found = store.latest_plan(project_id)
            if found is None:
                raise NotFound(f"project {project_id} has no plan yet",
                               project_id)
            solved = store.get_project(project_id, found.revision).project
            return render_report(solved, found.result)

        return await _read(shared, render)

    @server.resource(
        "plansat://projects/{project_id}/people/{person_id}/calendar.ics",
        name="calendar", mime_type="text/calendar",
        description="A person's assignments in the latest plan as "
                    "iCalendar events (stable UIDs).")
    async def calendar(project_id: str, person_id: str) -> str:
        return await _read(shared, lambda s: person_calendar(
            s, project_id, person_id))


def person_calendar(
    store: ProjectStore, project_id: str, person_id: str
) -> str:
    """The iCalendar text of ``person_id``'s tasks in the latest plan.

    Raises
    ------
    NotFound
        For an unknown project or person, or a project without a plan.
    ResourceError
        Without ``icalendar`` (``plansat[notify]``).
    """
    from plansat.notify.calendars import calendar_text

    found = store.latest_plan(project_id)
    if found is None:
        raise NotFound(f"project {project_id} has no plan yet", project_id)
    project = store.get_project(project_id, found.revision).project
    if person_id not in {p.id for p in project.people}:
        raise NotFound(f"project {project_id} has no person {person_id}",
                       project_id)
    try:
        return calendar_text(project_id, project, found.result, person_id,
                             sequence=store.plan_count(project_id))
    except ImportError as exc:
        raise ResourceError(f"calendars need plansat[notify] ({exc.name} "
                            "is missing)") from None
