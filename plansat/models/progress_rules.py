"""Rules on progress and risks that need the whole project.

Errors (:func:`progress_errors`, run by
:func:`plansat.models.rules.project_errors`): progress without a status
date, a status date before the start, actual dates after the status date
or before the project start, actual people who don't exist, risks on
unknown tasks or with duplicate ids.  Warnings
(:func:`progress_warnings`): out-of-sequence progress, which is allowed
(it happens) but worth a look.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from plansat.models.project import Project


def progress_errors(project: Project) -> Iterator[str]:
    """Every broken progress or risk rule, one message each."""
    yield from _status_date(project)
    yield from _actuals(project)
    yield from _risks(project)


def _status_date(project: Project) -> Iterator[str]:
    status = project.status_date
    if status is not None and status < project.start:
        yield (
            f"status_date: {status} is before the project start "
            f"{project.start}"
        )
    if status is None:
        for i, t in enumerate(project.tasks):
            if t.progress is not None:
                yield (
                    f"tasks[{i}].progress: progress needs the project's "
                    "status_date (the date it was reported on)"
                )
                return


def _actuals(project: Project) -> Iterator[str]:
    status, start = project.status_date, project.start
    people = project.person_index
    for i, t in enumerate(project.tasks):
        pr = t.progress
        if pr is None:
            continue
        path = f"tasks[{i}].progress"
        for field in ("actual_start", "actual_finish"):
            day = getattr(pr, field)
            if day is None:
                continue
            if status is not None and day > status:
                yield (
                    f"{path}.{field}: {day} is after the status date "
                    f"{status}"
                )
            if day < start:
                yield (
                    f"{path}.{field}: {day} is before the project start "
                    f"{start}"
                )
        for k, pid in enumerate(pr.people or []):
            if pid not in people:
                yield f"{path}.people[{k}]: unknown person '{pid}'"
        if pr.done and t.duration == 0 and pr.actual_start != pr.actual_finish:
            yield (
                f"{path}.actual_finish: a milestone happens on one day "
                f"(actual_start {pr.actual_start})"
            )


def _risks(project: Project) -> Iterator[str]:
    seen: dict[str, int] = {}
    for i, risk in enumerate(project.risks):
        if risk.id in seen:
            yield (
                f"risks[{i}].id: duplicate risk id '{risk.id}' (also "
                f"risks[{seen[risk.id]}])"
            )
        seen.setdefault(risk.id, i)
        for k, task_id in enumerate(risk.tasks):
            if task_id not in project.task_index:
                yield f"risks[{i}].tasks[{k}]: unknown task '{task_id}'"


def progress_warnings(project: Project) -> list[str]:
    """Out-of-sequence progress: a task started (or finished) before a
    predecessor allowed it.

    FS: started before the predecessor finished; SS: started before the
    predecessor started; FF: finished before the predecessor finished;
    SF: finished before the predecessor started.  Lags are ignored here;
    the re-plan honours them.
    """
    out = []
    for t in project.tasks:
        pr = t.progress
        if pr is None or not pr.started:
            continue
        for dep in t.after:
            pred = project.task(dep.task).progress
            p_start = pred.actual_start if pred else None
            p_finish = pred.actual_finish if pred else None
            own = pr.actual_start if dep.type in ("FS", "SS") else (
                pr.actual_finish
            )
            if own is None:
                continue
            need = p_finish if dep.type in ("FS", "FF") else p_start
            verb = "finished" if dep.type in ("FS", "FF") else "started"
            mine = "started" if dep.type in ("FS", "SS") else "finished"
            if need is None:
                out.append(
                    f"{t.id} {mine} on {own} before {dep.task} "
                    f"{verb} ({dep.type} link): out of sequence"
                )
            elif (own <= need) if dep.type == "FS" else (own < need):
                out.append(
                    f"{t.id} {mine} on {own}, {dep.task} {verb} on "
                    f"{need} ({dep.type} link): out of sequence"
                )
    return out
