"""Part of a project as a project of its own, on the parent's day axis.

The neighbourhood search (:mod:`plansat.solver.search.submodel`) compiles
only the tasks it relaxes: :func:`sub_project` keeps those tasks, their
links among themselves, and everything about people, resources and
calendars, so a working day means the same in both projects.  Links to
the tasks left out, and the load those tasks put on people and
resources, are the caller's to impose (as time windows and booked
loads).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from plansat.models.project import Project

#: The parent's derived views a part shares: computed from its people,
#: resources, calendars and whole task list (the days off are drawn up
#: to the parent's crude horizon), never from the part's tasks alone.
SHARED_VIEWS = ("work_calendar", "crude_horizon", "person_index",
                "resource_index", "qualified_cache", "blocked_cache",
                "off_cache")


def sub_project(
    project: Project,
    task_ids: Collection[str],
    capacities: Mapping[str, int] | None = None,
) -> Project:
    """The tasks ``task_ids`` of ``project`` as a project.

    Parameters
    ----------
    project
        A validated project.
    task_ids
        The tasks to keep (at least one); their links to other tasks are
        dropped, and so are features, releases and risks (they name
        tasks the part may not have).
    capacities
        New capacities of some resources, by id (a non-renewable pool's
        units left once the other tasks took theirs).

    Returns
    -------
    Project
        Not validated again (every part of a valid project is valid:
        its tasks, people and resources are the parent's); it shares the
        parent's calendar, days off and crude horizon.

    Raises
    ------
    ValueError
        When ``task_ids`` is empty or names a task ``project`` lacks.
    """
    keep = set(task_ids)
    missing = keep - set(project.task_index)
    if not keep or missing:
        raise ValueError(
            "a part needs tasks of the project"
            + (f"; unknown: {', '.join(sorted(missing))}" if missing else "")
        )
    tasks = []
    for t in project.tasks:
        if t.id not in keep:
            continue
        inside = [d for d in t.after if d.task in keep]
        if len(inside) < len(t.after):
            t = t.model_copy(update={"after": inside})
        tasks.append(t)
    resources = [
        r.model_copy(update={"capacity": capacities[r.id]})
        if capacities and r.id in capacities else r
        for r in project.resources
    ]
    fields = {name: getattr(project, name)
              for name in type(project).model_fields}
    fields.update(tasks=tasks, resources=resources, features=[],
                  releases=[], risks=[])
    part = Project.model_construct(**fields)
    for name in SHARED_VIEWS:
        part.__dict__[name] = getattr(project, name)
    return part
