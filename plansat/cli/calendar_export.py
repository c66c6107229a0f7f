"""``plansat export --to ics``: people's assignments as an iCalendar
file (:mod:`plansat.notify.calendars`).

The UIDs are built from the slug of the project's name, the task and
the person, so importing a newer export updates the events instead of
adding copies.  Needs ``plansat[notify]`` (``icalendar``).
"""

from __future__ import annotations

from pathlib import Path

import click

from plansat.cli.files import write_text
from plansat.models import Project, Result

__all__ = ["write_calendar"]


def write_calendar(project: Project, result: Result | None,
                   person: str | None, out: Path) -> None:
    """Write the assignments of ``result`` (of ``person`` only when
    given) to ``out``.

    Raises
    ------
    click.UsageError
        Without ``--result``, without ``icalendar``, or for a result
        without a schedule.
    click.BadParameter
        For an unknown ``--person``.
    """
    from plansat.store.ids import slug

    if result is None:
        raise click.UsageError("--to ics needs --result (a solved plan)")
    if not result.status.has_solution:
        raise click.UsageError(f"the result has no schedule "
                               f"({result.status})")
    from plansat.notify.calendars import calendar_text

    try:
        text = calendar_text(slug(project.name), project, result, person)
    except ImportError as exc:
        raise click.UsageError(
            f"--to ics needs plansat[notify] ({exc.name} is missing)"
        ) from None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--person") from None
    write_text(out, text, "--out")
