"""Starter projects: the file ``plansat new`` writes for a user to edit.

:func:`starter_text` is a small, valid, commented project (YAML, or JSON
without the comments) that solves as it is; :func:`project_text` writes
any project (one read from a task list, say) in the same two formats,
fields left at their defaults left out.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from plansat.models import Project

__all__ = ["next_monday", "project_text", "starter_text"]

#: The starter, with ``{start}`` for the project start (YYYY-MM-DD).
_STARTER = """\
# A plansat project: edit it, then
#   plansat validate {file}
#   plansat solve {file}
# Every field: `plansat schema` (JSON Schema) or docs/contract.md.
# Dates are YYYY-MM-DD; durations are working days.

name: My project
start: {start}               # day 0 is the first working day from here

calendar:
  workdays: [Mon, Tue, Wed, Thu, Fri]
  holidays: []               # days off for everyone, e.g. [{start}]

# deadline: {deadline}       # optional: every task finishes by then

people:                      # who does the work; skill levels 1-10
  - id: ann
    name: Ann
    skills: {{design: 4, qa: 2}}
    rate: 600                # cost of one working day
  - id: ben
    name: Ben
    skills: {{backend: 4, qa: 3}}
    rate: 550
    unavailable:             # a week off (inclusive dates)
      - {{start: {off_start}, end: {off_end}}}

tasks:
  - id: spec
    name: Write the specification
    duration: 5
    needs: [{{skill: design, level: 3}}]   # one person with design >= 3
  - id: build
    name: Build it
    duration: 10
    after: [spec]            # starts once spec is finished
    needs: [{{skill: backend, level: 3}}]
  - id: test
    name: Test it
    duration: 4
    after: [build]
    needs: [{{skill: qa}}]
  - id: launch
    name: Launch
    duration: 0              # a milestone
    after: [test]
"""


def next_monday(today: date | None = None) -> date:
    """The first Monday after ``today`` (default: the real today)."""
    day = today or date.today()
    return day + timedelta(days=7 - day.weekday())


def starter_text(start: date, fmt: str = "yaml",
                 file: str = "project.yaml") -> str:
    """The starter project from ``start``, as commented YAML (``fmt``
    ``"yaml"``) or as JSON (``"json"``, comments left out).

    Examples
    --------
    >>> from datetime import date
    >>> text = starter_text(date(2026, 1, 5))
    >>> Project.from_data(__import__("yaml").safe_load(text)).name
    'My project'
    """
    text = _STARTER.format(
        start=start.isoformat(), file=file,
        deadline=(start + timedelta(weeks=12)).isoformat(),
        off_start=(start + timedelta(weeks=2)).isoformat(),
        off_end=(start + timedelta(weeks=2, days=4)).isoformat(),
    )
    if fmt == "yaml":
        return text
    import yaml

    return json.dumps(_plain(yaml.safe_load(text)), indent=2) + "\n"


def project_text(project: Project, fmt: str = "yaml",
                 header: str = "") -> str:
    """``project`` as YAML (after ``header``, a comment) or JSON, the
    fields at their defaults left out."""
    data = project.model_dump(mode="json", exclude_defaults=True)
    data = {"name": project.name, **data}
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    import yaml

    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True,
                          default_flow_style=None, width=78)
    lines = "".join(f"# {line}\n".replace("# \n", "#\n")
                    for line in header.splitlines())
    return lines + body


def _plain(value: Any) -> Any:
    """YAML's dates as ISO strings (for JSON)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value
