"""Reader for iMOPSE multi-skill instances (``.def``; no ``psplib``
support).

A ``.def`` file lists resources (people) with a salary and skills
``Qk: level``, then tasks with a duration, one required skill at a minimum
level and predecessors.  Levels start at 0 in the format and at 1 in
plansat, so both shift by one.  Each task needs one person; people work on
one task at a time.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from plansat.models import Project, ProjectError

_SKILL = re.compile(r"Q(\d+):\s*(-?\d+)")


def read_imopse(path: str | Path) -> Project:
    """Read an iMOPSE ``.def`` file as a project.

    Raises
    ------
    ProjectError
        When the file is missing or not in the iMOPSE format.
    """
    path = Path(path)
    try:
        lines = path.read_text().splitlines()
    except OSError as exc:
        raise ProjectError([f"{path}: {exc.strerror}"]) from None
    except UnicodeDecodeError:
        raise ProjectError([f"{path}: not a text file"]) from None
    try:
        people, tasks = _parse(lines)
    except (ValueError, IndexError) as exc:
        raise ProjectError(
            [f"{path}: not a valid iMOPSE file ({exc})"]
        ) from None
    return Project.from_data(
        {
            "name": path.stem,
            "start": "2024-01-01",
            "calendar": {
                "workdays": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
            },
            "people": people,
            "tasks": tasks,
        }
    )


def _parse(
    lines: list[str],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    section = ""
    people: list[dict[str, Any]] = []
    tasks: list[dict[str, Any]] = []
    for line in lines:
        text = line.strip()
        if text.startswith("ResourceID"):
            section = "people"
            continue
        if text.startswith("TaskID"):
            section = "tasks"
            continue
        if not text or text.startswith("=") or not text[0].isdigit():
            continue
        if section == "people":
            fields = text.split()
            skills = {f"Q{q}": int(lv) + 1 for q, lv in _SKILL.findall(text)}
            people.append(
                {"id": f"R{fields[0]}", "rate": float(fields[1]),
                 "skills": skills}
            )
        elif section == "tasks":
            head, _, rest = text.partition("Q")
            task_id, duration = head.split()[:2]
            match = _SKILL.match("Q" + rest)
            if match is None:
                raise ValueError(f"task {task_id} has no skill")
            preds = ("Q" + rest)[match.end() :].split()
            tasks.append(
                {
                    "id": f"T{task_id}",
                    "duration": int(duration),
                    "after": [f"T{p}" for p in preds],
                    "needs": [
                        {
                            "skill": f"Q{match.group(1)}",
                            "level": int(match.group(2)) + 1,
                        }
                    ],
                }
            )
    if not people or not tasks:
        raise ValueError("no resources or no tasks found")
    return people, tasks
