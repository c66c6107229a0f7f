"""Drivers of a task's start (``plansat.schedule.drivers``).

Projects start Monday 2025-06-02 (Mon-Fri): day k is the (k % 5)-th
weekday of week k // 5.
"""

from __future__ import annotations

from itertools import pairwise

from plansat import Project
from plansat.schedule.drivers import drivers, driving_path
from tests.helpers import make, solved


def test_only_the_binding_ff_link_drives() -> None:
    # A(2) -FS-> C and B(5) -FF-> C, C lasts 2: FS asks start >= 2, FF
    # asks finish >= 5, i.e. start >= 3.  C runs 3-5: the FF link binds,
    # the FS one has a day of slack.
    p = make([
        {"id": "A", "duration": 2},
        {"id": "B", "duration": 5},
        {"id": "C", "duration": 2, "after": [
            "A", {"task": "B", "type": "FF"}]},
    ])
    r = solved(p)
    assert (r.task("C").start, r.task("C").finish) == (3, 5)
    found = drivers(p, r, "C")
    assert [(d.kind, d.task, d.detail) for d in found] == [
        ("link", "B", "FF")]
    assert found[0].sentence == "its finish follows B's finish (FF link)"


def test_ss_and_sf_links_with_lags() -> None:
    # A(4); B (4 days) SS+2 after A: starts on day 2 at the earliest and
    # ends the project on day 6.  C (3 days) SF+6 after A: finish >= 0 +
    # 6, and the makespan 6 fixes C to 3-6.
    p = make([
        {"id": "A", "duration": 4},
        {"id": "B", "duration": 4,
         "after": [{"task": "A", "type": "SS", "lag": 2}]},
        {"id": "C", "duration": 3,
         "after": [{"task": "A", "type": "SF", "lag": 6}]},
    ])
    r = solved(p)
    assert r.task("B").start == 2 and r.task("C").start == 3
    assert [d.detail for d in drivers(p, r, "B")] == ["SS+2d"]
    assert [d.detail for d in drivers(p, r, "C")] == ["SF+6d"]


def test_a_person_previous_task_drives() -> None:
    # X (3) and Y (2) both need p, the only person: one after the other.
    # The second is driven by p finishing the first; the first by the
    # project start.
    p = make(
        [{"id": "X", "duration": 3, "needs": [{"skill": "s"}]},
         {"id": "Y", "duration": 2, "needs": [{"skill": "s"}]}],
        people=[{"id": "p", "skills": {"s": 1}}],
    )
    r = solved(p)
    first, second = sorted(r.tasks, key=lambda t: t.start)
    found = drivers(p, r, second.id)
    assert [(d.kind, d.task, d.detail) for d in found] == [
        ("person", first.id, "p")]
    assert [d.kind for d in drivers(p, r, first.id)] == ["project_start"]
    path = driving_path(p, r, second.id)
    assert [(t, d.kind if d else None) for t, d in path] == [
        (second.id, "person"), (first.id, "project_start")]


def test_vacation_and_earliest_start() -> None:
    # V (2 days, needs p) can't use days 0-2 (p away Mon-Wed): starts on
    # day 3.  E has an earliest start on Tue 10 June = day 6.
    p = make(
        [{"id": "V", "duration": 2, "needs": [{"skill": "s"}]},
         {"id": "E", "duration": 1, "earliest_start": "2025-06-10"}],
        people=[{"id": "p", "skills": {"s": 1}, "unavailable": [
            {"start": "2025-06-02", "end": "2025-06-04"}]}],
    )
    r = solved(p)
    assert r.task("V").start == 3 and r.task("E").start == 6
    assert [(d.kind, d.detail) for d in drivers(p, r, "V")] == [
        ("vacation", "p")]
    assert [d.kind for d in drivers(p, r, "E")] == ["earliest_start"]


def test_the_example_critical_chain_is_a_driving_path(
    ecommerce: Project,
) -> None:
    # The last task of the example is driven back to the project start
    # through tasks that each end where the next begins.
    r = solved(ecommerce, time_limit=10)
    last = max(r.tasks, key=lambda t: t.finish)
    path = driving_path(ecommerce, r, last.id)
    assert path[-1][1] is not None
    assert path[-1][1].kind == "project_start"
    rows = {t.id: t for t in r.tasks}
    for (task, driver), (prev, _) in pairwise(path):
        assert driver is not None and driver.task == prev
        assert rows[prev].start <= rows[task].start


def test_days_off_of_the_task_and_of_a_resource() -> None:
    # T (2 days) works on no Monday or Tuesday of its own calendar: days
    # 0-1 are off, so it starts Wednesday (day 2).  R (1 day) uses the
    # rig, closed on Mon 2 and Tue 3 June (holidays of its calendar): it
    # starts on day 2 too.  Each names what closed it.
    p = make(
        [{"id": "T", "duration": 2,
          "calendar": {"workdays": ["Wed", "Thu", "Fri"]}},
         {"id": "R", "duration": 1, "uses": {"rig": 1}}],
        resources=[{"id": "rig", "capacity": 1, "calendar": {
            "holidays": ["2025-06-02", "2025-06-03"]}}],
    )
    r = solved(p)
    assert r.task("T").start == 2 and r.task("R").start == 2
    assert [(d.kind, d.detail, d.sentence) for d in drivers(p, r, "T")] == [
        ("days_off", "its calendar",
         "its own calendar is closed until 2025-06-03")]
    assert [(d.kind, d.detail) for d in drivers(p, r, "R")] == [
        ("days_off", "rig")]
