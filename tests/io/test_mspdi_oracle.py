"""MS Project as the oracle: the critical-path dates of an imported file
are the dates MS Project itself saved in it.

For every file in ../shared/data/mspdi (skipped when absent) whose tasks
carry no actuals, no split and no constraint but *start no earlier than*
(which plansat holds exactly, as an earliest start), each task's start
and finish from :func:`plansat.critical_path` equal MS Project's
``Start`` and ``Finish``.  MS Project's times are read on the working
day: a start at the end of a day is the next working day, a finish at
the start of a day (08:00) is the working day before.  A milestone has
MS Project's date: the day it is on at 17:00 (after its predecessor),
the working day before at 08:00, unless that is the project's first
working day.  The
dates are read here from the XML with the standard library, apart from
the reader under test; the calendar is the imported project's.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from plansat import critical_path
from plansat.io.mspdi import read_mspdi
from plansat.models import Project
from plansat.models.calendar import WorkCalendar
from tests.helpers.mspdi_files import DATA, NS

FILES = sorted(DATA.glob("*.xml")) if DATA.is_dir() else []
DAY_START, DAY_END = time(8), time(17)
#: Constraint types plansat holds exactly: as soon as possible, start no
#: earlier than.
EXACT = {None, 0, 4}


def _text(task: ET.Element, name: str) -> str | None:
    return task.findtext(f"{{{NS}}}{name}")


def _moment(task: ET.Element, name: str) -> datetime | None:
    text = _text(task, name)
    return datetime.fromisoformat(text) if text else None


def _working(cal: WorkCalendar, day: date, step: int) -> date:
    while not cal.is_working(day):
        day += timedelta(days=step)
    return day


def start_day(cal: WorkCalendar, moment: datetime) -> date:
    """The working date a start at ``moment`` falls on."""
    day = moment.date()
    if cal.is_working(day) and moment.time() >= DAY_END:
        day += timedelta(days=1)
    return _working(cal, day, 1)


def finish_day(cal: WorkCalendar, moment: datetime) -> date:
    """The last working date of work ending at ``moment``."""
    day = moment.date()
    if moment.time() <= DAY_START:
        day -= timedelta(days=1)
    return _working(cal, day, -1)


def milestone_day(cal: WorkCalendar, moment: datetime) -> date:
    """The date of a milestone MS Project put at ``moment``."""
    first = _working(cal, cal.start, 1)
    if start_day(cal, moment) == first:
        return first
    return finish_day(cal, moment)


def _hours(text: str | None) -> float:
    if not text or "H" not in text:
        return 0.0
    hours, rest = text.split("T")[1].split("H")
    minutes = rest.split("M")[0] if "M" in rest else "0"
    return int(hours) + int(minutes) / 60


def why_not(root: ET.Element, project: Project,
            uids: dict[str, int]) -> str | None:
    """Why MS Project's dates can't be compared with the critical path
    (``None`` when they can)."""
    cal = project.work_calendar
    per_day = int(root.findtext(f"{{{NS}}}MinutesPerDay") or 480) / 60
    kept = set(uids.values())
    for task in root.iter(f"{{{NS}}}Task"):
        uid = int(_text(task, "UID") or -1)
        if uid not in kept:
            continue
        ctype = _text(task, "ConstraintType")
        if (int(ctype) if ctype else None) not in EXACT:
            return f"task UID {uid} has constraint type {ctype}"
        if _moment(task, "ActualStart") or float(
            _text(task, "PercentComplete") or 0
        ):
            return f"task UID {uid} has actuals"
        start, finish = _moment(task, "Start"), _moment(task, "Finish")
        days = _hours(_text(task, "Duration")) / per_day
        if start and finish and days > 0:
            first, last = start_day(cal, start), finish_day(cal, finish)
            span = len(cal.days_between(first, last))
            if span != -(-days // 1):  # ceil
                return (f"task UID {uid} is split or on another calendar "
                        f"({span} working days for {days:g})")
    return None


@pytest.mark.skipif(not FILES, reason=f"MSPDI samples not found at {DATA}")
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_critical_path_dates_are_ms_projects(path: Path) -> None:
    root = ET.parse(path).getroot()
    named = [t for t in root.iter(f"{{{NS}}}Task")
             if _text(t, "Name") and _text(t, "UID") != "0"]
    if not named:
        pytest.skip("no tasks (a calendar or resource sample)")
    imported = read_mspdi(path)
    project = imported.project
    reason = why_not(root, project, imported.uids)
    if reason:
        pytest.skip(reason)
    cal = project.work_calendar
    report = critical_path(project)
    saved, computed = {}, {}
    by_uid = {t.findtext(f"{{{NS}}}UID"): t for t in named}
    for tid, uid in imported.uids.items():
        task = by_uid[str(uid)]
        start, finish = _moment(task, "Start"), _moment(task, "Finish")
        assert start is not None and finish is not None
        milestone = project.task(tid).duration == 0
        saved[uid] = ((milestone_day(cal, start), milestone_day(cal, finish))
                      if milestone else
                      (start_day(cal, start), finish_day(cal, finish)))
        row = report.task(tid)
        computed[uid] = (row.start_date, row.finish_date)
    assert computed == saved
    assert len(saved) == len(project.tasks) > 0
