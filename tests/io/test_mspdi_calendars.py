"""People's own calendars and split tasks through MSPDI.

START is Monday 2025-06-02.  pat works Monday to Wednesday; split B
(3 days after A, 2 days) works Wed 4 Jun, pauses Thu 5 - Fri 6 Jun and
works Mon 9 - Tue 10 Jun: MS Project's Duration is 3 days, its Start
and Finish span 5 working days.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from plansat.check import violations
from plansat.io.mspdi import parse_mspdi, to_mspdi
from plansat.models import Project
from tests.helpers import make, solved
from tests.helpers.mspdi_files import NS
from tests.solver.test_calendars import by_id, chain

Q = "{" + NS + "}"


def test_split_task_and_days_off_are_written_and_read_back() -> None:
    project = chain(split=True)
    result = solved(project)
    xml = to_mspdi(project, result).xml
    root = ET.fromstring(xml)
    b = next(t for t in root.iter(f"{Q}Task")
             if t.findtext(f"{Q}Name") == "B")
    assert b.findtext(f"{Q}Duration") == "PT24H0M0S"  # 3 days of 8 h
    assert b.findtext(f"{Q}Start", "").startswith("2025-06-04")
    assert b.findtext(f"{Q}Finish", "").startswith("2025-06-10")
    back = parse_mspdi(xml.encode())
    assert not [w for w in back.warnings if "span" in w], back.warnings
    again = back.project
    b_task = next(t for t in again.tasks if "B" in (t.id, t.name))
    assert again.splits(b_task)
    # The plan read back is a valid plan of the project read back, and
    # solving that project gives B the same dates.
    r = solved(again)
    got = by_id(r)[b_task.id]
    assert (got.start_date.isoformat(), got.finish_date.isoformat()) == (
        "2025-06-04", "2025-06-10")
    assert violations(again, r) == []


def test_a_resource_calendar_of_fewer_weekdays_is_a_person_calendar() -> None:
    # Written with pat's days off as exceptions, read back as dates away;
    # a calendar whose week leaves out Thursday and Friday is read as
    # pat's own week, without a warning.
    project = chain(split=False)
    xml = to_mspdi(project, solved(project)).xml
    root = ET.fromstring(xml)
    for cal in root.iter(f"{Q}Calendar"):
        if cal.findtext(f"{Q}Name") == "pat":
            for child in list(cal):
                if child.tag in (f"{Q}WeekDays", f"{Q}Exceptions"):
                    cal.remove(child)
            week = ET.SubElement(cal, f"{Q}WeekDays")
            for k in range(1, 8):  # 1 = Sunday: Mon-Wed are 2-4
                day = ET.SubElement(week, f"{Q}WeekDay")
                ET.SubElement(day, f"{Q}DayType").text = str(k)
                ET.SubElement(day, f"{Q}DayWorking").text = str(
                    int(k in (2, 3, 4)))
    back = parse_mspdi(ET.tostring(root))
    pat = back.project.person("pat")
    assert pat.calendar is not None
    assert pat.calendar.workdays == ["Mon", "Tue", "Wed"]
    assert not [w for w in back.warnings if "calendar" in w], back.warnings


def test_split_task_assignment_work_counts_the_days_worked() -> None:
    # B works Wed 4, Mon 9 and Tue 10 Jun: pat's assignment is 3 days of
    # 8 h (it counted the 5 days of its span, pauses included, before).
    project = chain(split=True)
    root = ET.fromstring(to_mspdi(project, solved(project)).xml)
    b_uid = next(t.findtext(f"{Q}UID") for t in root.iter(f"{Q}Task")
                 if t.findtext(f"{Q}Name") == "B")
    works = [a.findtext(f"{Q}Work") for a in root.iter(f"{Q}Assignment")
             if a.findtext(f"{Q}TaskUID") == b_uid]
    assert works == ["PT24H0M0S"]


def rig_and_pat() -> Project:
    # Start Mon 2 Jun 2025.  The rig (a pool) is open Mon-Wed and closed
    # on Tue 3 Jun; pat works Mon-Thu, not Mon 16 Jun.
    # T1 (3 days on the rig, in a row): not Mon 2 - Wed 4 (Tue 3 closed),
    # so Mon 9 - Wed 11 (days [5, 8)).  T2 (2 days, pat, after T1): Thu
    # 12 then Fri 13 (pat's day off) breaks the run, Mon 16 is pat's
    # holiday: Tue 17 - Wed 18 (days [11, 13)).
    return make(
        [{"id": "T1", "duration": 3, "uses": {"rig": 1}},
         {"id": "T2", "duration": 2, "assigned": ["pat"], "after": ["T1"]}],
        people=[{"id": "pat", "calendar": {
            "workdays": ["Mon", "Tue", "Wed", "Thu"],
            "holidays": ["2025-06-16"]}}],
        resources=[{"id": "rig", "capacity": 1, "calendar": {
            "workdays": ["Mon", "Tue", "Wed"],
            "holidays": ["2025-06-03"]}}],
    )


def test_pool_and_person_calendars_round_trip() -> None:
    project = rig_and_pat()
    result = solved(project)
    dates = {t.id: (t.start_date, t.finish_date) for t in result.tasks}
    assert dates == {"T1": (date(2025, 6, 9), date(2025, 6, 11)),
                     "T2": (date(2025, 6, 17), date(2025, 6, 18))}
    xml = to_mspdi(project, result).xml
    root = ET.fromstring(xml)
    # pat's calendar: MS Project's weekdays (Friday non-working) and the
    # holiday as an exception, so it reads the same working days.
    pat = next(c for c in root.iter(f"{Q}Calendar")
               if c.findtext(f"{Q}Name") == "pat")
    fri = next(d for d in pat.iter(f"{Q}WeekDay")
               if d.findtext(f"{Q}DayType") == "6")
    assert fri.findtext(f"{Q}DayWorking") == "0"
    back = parse_mspdi(xml.encode())
    assert not [w for w in back.warnings
                if "calendar" in w or "span" in w], back.warnings
    again = back.project
    rig = next(x for x in again.resources if x.id == "rig")
    assert rig.calendar is not None
    assert (rig.calendar.workdays, rig.calendar.holidays) == (
        ["Mon", "Tue", "Wed"], [date(2025, 6, 3)])
    pat_back = again.person("pat")
    assert pat_back.calendar is not None
    assert pat_back.calendar.workdays == ["Mon", "Tue", "Wed", "Thu"]
    assert [(r.start, r.end) for r in pat_back.unavailable] == [
        (date(2025, 6, 16), date(2025, 6, 16))]
    r = solved(again)
    assert {t.id: (t.start_date, t.finish_date) for t in r.tasks} == dates


NO_WED = ["Mon", "Tue", "Thu", "Fri"]


def test_task_calendars_round_trip() -> None:
    # Start Mon 2 Jun 2025.  T (3 days, its calendar off on Wednesdays,
    # doesn't split): Mon-Tue are too short before Wed 4, so Thu 5, Fri
    # 6, Mon 9 Jun.  S (3 days, no Wednesdays and a holiday on Thu 5,
    # splittable): Mon 2, Tue 3, pause Wed 4 - Thu 5, Fri 6 Jun.
    project = make([
        {"id": "T", "duration": 3, "calendar": {"workdays": NO_WED}},
        {"id": "S", "duration": 3, "splittable": True, "calendar": {
            "workdays": NO_WED, "holidays": ["2025-06-05"]}}])
    result = solved(project)
    dates = {t.id: (t.start_date, t.finish_date) for t in result.tasks}
    assert dates == {"T": (date(2025, 6, 5), date(2025, 6, 9)),
                     "S": (date(2025, 6, 2), date(2025, 6, 6))}
    xml = to_mspdi(project, result).xml
    root = ET.fromstring(xml)
    uids = {t.findtext(f"{Q}Name"): t.findtext(f"{Q}CalendarUID")
            for t in root.iter(f"{Q}Task")}
    names = {c.findtext(f"{Q}UID"): c.findtext(f"{Q}Name")
             for c in root.iter(f"{Q}Calendar")}
    assert names[uids["T"]] == "T (task)"
    assert names[uids["S"]] == "S (task)"
    back = parse_mspdi(xml.encode())
    assert not [w for w in back.warnings
                if "calendar" in w or "span" in w], back.warnings
    again = back.project
    t, s = again.task("T"), again.task("S")
    assert t.calendar is not None and s.calendar is not None
    assert (t.calendar.workdays, t.calendar.holidays) == (NO_WED, [])
    assert (s.calendar.workdays, s.calendar.holidays) == (
        NO_WED, [date(2025, 6, 5)])
    assert s.splittable and not t.splittable
    r = solved(again)
    assert {x.id: (x.start_date, x.finish_date) for x in r.tasks} == dates
