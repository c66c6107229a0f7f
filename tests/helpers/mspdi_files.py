"""Small MSPDI files written by hand for the reader's tests.

:func:`mspdi` wraps task, resource and assignment elements in a project
that starts on Monday 2 June 2025 (08:00), with MS Project's standard
calendar (Mon-Fri, 08:00-12:00 and 13:00-17:00, ``MinutesPerDay`` 480)
and the project summary task UID 0; :func:`task` and :func:`link` write
the elements the tests vary.
"""

from __future__ import annotations

from pathlib import Path

NS = "http://schemas.microsoft.com/project"
DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "mspdi"

_DAYS = "".join(
    f"<WeekDay><DayType>{d}</DayType><DayWorking>{int(1 < d < 7)}"
    "</DayWorking>"
    + ("<WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>"
       "12:00:00</ToTime></WorkingTime><WorkingTime><FromTime>13:00:00"
       "</FromTime><ToTime>17:00:00</ToTime></WorkingTime></WorkingTimes>"
       if 1 < d < 7 else "")
    + "</WeekDay>"
    for d in range(1, 8)
)


def link(pred: int, kind: int = 1, lag: int = 0, fmt: int = 7) -> str:
    """A ``PredecessorLink`` (``kind`` 0 FF, 1 FS, 2 SF, 3 SS; ``lag``
    in tenths of a minute)."""
    return (f"<PredecessorLink><PredecessorUID>{pred}</PredecessorUID>"
            f"<Type>{kind}</Type><LinkLag>{lag}</LinkLag>"
            f"<LagFormat>{fmt}</LagFormat></PredecessorLink>")


def task(uid: int, name: str | None = None, hours: float = 8,
         level: int = 1, outline: str | None = None, extra: str = "",
         links: str = "", tail: str = "") -> str:
    """A ``Task`` of ``hours`` working hours; ``extra`` goes before the
    links (in schema order: milestone, constraint, progress ...),
    ``tail`` after them (baselines)."""
    minutes = round(hours * 60)
    named = f"<Name>{name if name is not None else f'Task {uid}'}</Name>"
    return (
        f"<Task><UID>{uid}</UID><ID>{uid}</ID>{named if name != '' else ''}"
        f"<OutlineNumber>{outline or uid}</OutlineNumber>"
        f"<OutlineLevel>{level}</OutlineLevel>"
        f"<Duration>PT{minutes // 60}H{minutes % 60}M0S</Duration>"
        f"<DurationFormat>7</DurationFormat>{extra}{links}{tail}</Task>"
    )


def mspdi(tasks: str, resources: str = "", assignments: str = "",
          calendars: str = "", head: str = "") -> bytes:
    """A whole MSPDI document around the given elements."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Project xmlns="{NS}"><SaveVersion>14</SaveVersion>'
        "<Name>test.xml</Name><Title>Test</Title>"
        "<ScheduleFromStart>1</ScheduleFromStart>"
        f"<StartDate>2025-06-02T08:00:00</StartDate>{head}"
        "<CalendarUID>1</CalendarUID><MinutesPerDay>480</MinutesPerDay>"
        "<Calendars><Calendar><UID>1</UID><Name>Standard</Name>"
        "<IsBaseCalendar>1</IsBaseCalendar>"
        f"<BaseCalendarUID>-1</BaseCalendarUID><WeekDays>{_DAYS}"
        f"</WeekDays></Calendar>{calendars}</Calendars>"
        "<Tasks><Task><UID>0</UID><ID>0</ID><Name>Test</Name>"
        "<OutlineLevel>0</OutlineLevel><Summary>1</Summary></Task>"
        f"{tasks}</Tasks><Resources>{resources}</Resources>"
        f"<Assignments>{assignments}</Assignments></Project>"
    ).encode()
