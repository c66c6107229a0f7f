"""People's own calendars and split tasks through MSPDI.

START is Monday 2025-06-02.  pat works Monday to Wednesday; split B
(3 days after A, 2 days) works Wed 4 Jun, pauses Thu 5 - Fri 6 Jun and
works Mon 9 - Tue 10 Jun: MS Project's Duration is 3 days, its Start
and Finish span 5 working days.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from plansat.check import violations
from plansat.io.mspdi import parse_mspdi, to_mspdi
from tests.helpers import solved
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
