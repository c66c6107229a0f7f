"""People's assignments as iCalendar events (RFC 5545, ``icalendar``).

One all-day event per task and person: ``DTSTART`` the task's first
day, ``DTEND`` the day after its last (``finish_date`` is inclusive).
The UID is ``TASK.PERSON.PROJECT@plansat``: the same for every plan of
the project, so a calendar that imports a newer file (or the attachment
of a newer e-mail) updates the events instead of adding copies; the
``SEQUENCE`` counts the project's stored plans, so a re-plan raises it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from plansat.models import Project, Result

__all__ = ["PRODID", "calendar_text", "event_uid"]

#: The ``PRODID`` of plansat's calendars.
PRODID = "-//plansat//plansat notify//EN"


def event_uid(project_key: str, task: str, person: str) -> str:
    """The stable UID of ``person``'s event for ``task``."""
    return f"{task}.{person}.{project_key}@plansat"


def calendar_text(
    project_key: str,
    project: Project,
    result: Result,
    person: str | None = None,
    *,
    sequence: int = 0,
    stamp: datetime | None = None,
) -> str:
    """The iCalendar text of the assignments in ``result`` (of
    ``person`` only when given).

    Parameters
    ----------
    project_key
        What makes the UIDs unique across projects (the store's project
        id, or the slug of the project's name).
    sequence
        The events' ``SEQUENCE`` (raise it with every re-plan).
    stamp
        The ``DTSTAMP`` (default: now, UTC).

    Raises
    ------
    ImportError
        Without ``icalendar`` (``pip install 'plansat[notify]'``).
    ValueError
        When ``person`` is not a person of the project.
    """
    import icalendar

    if person is not None and person not in {p.id for p in project.people}:
        raise ValueError(f"--person {person!r}: no such person in "
                         f"{project.name!r}")
    when = stamp or datetime.now(UTC)
    names = {p.id: p.name or p.id for p in project.people}
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"{project.name}"
            + (f" ({names[person]})" if person else ""))
    for row in sorted(result.tasks, key=lambda r: (r.start, r.id)):
        title = row.name or project.task(row.id).name or row.id
        for pid in row.people:
            if person is not None and pid != person:
                continue
            event = icalendar.Event()
            event.add("uid", event_uid(project_key, row.id, pid))
            event.add("sequence", sequence)
            event.add("dtstamp", when)
            event.add("dtstart", row.start_date)
            event.add("dtend", row.finish_date + timedelta(days=1))
            event.add("summary", f"{row.id} {title}"
                      + ("" if person else f" ({names.get(pid, pid)})"))
            team = ", ".join(names.get(p, p) for p in row.people)
            event.add("description", (
                f"{project.name}: {title}, {row.duration} working "
                f"day(s), with {team}."))
            event.add("transp", "OPAQUE")
            cal.add_component(event)
    return bytes(cal.to_ical()).decode("utf-8")
