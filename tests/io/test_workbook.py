"""Plans as Excel workbooks: sheets, formats, and the round trip back
through the task-list reader (issue 24)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from plansat import critical_path
from plansat.io.tasklist import load_tasklist
from tests.helpers import make, solved

openpyxl = pytest.importorskip("openpyxl")


def site():  # type: ignore[no-untyped-def]
    """ann digs (3 days) then pours (2 days, SS+1 after dig would allow
    day 1, but ann is busy until day 3); bob frames (2 days) after the
    dig; a milestone after pour and frame.  Makespan: dig [0,3), pour
    [3,5), frame [3,5), done at 5."""
    return make(
        [{"id": "dig", "name": "Dig", "duration": 3, "wbs": "1.1",
          "assigned": ["ann"], "needs": [{"skill": "dig"}]},
         {"id": "pour", "name": "Pour", "duration": 2, "wbs": "1.2",
          "assigned": ["ann"], "priority": 800,
          "after": [{"task": "dig", "type": "SS", "lag": 1}]},
         {"id": "frame", "name": "Frame", "duration": 2, "wbs": "2.1",
          "assigned": ["bob"], "allocation": 50, "after": ["dig"]},
         {"id": "done", "name": "Done", "duration": 0, "wbs": "3",
          "after": ["pour", "frame"]}],
        people=[{"id": "ann", "skills": {"dig": 1}}, {"id": "bob"}])


def test_the_workbook_has_its_sheets_and_formats(tmp_path: Path) -> None:
    project = site()
    plan = solved(project)
    assert plan.makespan == 5
    path = plan.to_excel(tmp_path / "plan.xlsx", project, baseline=plan)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Tasks", "People", "Critical path", "Status"]
    tasks = book["Tasks"]
    header = [c.value for c in tasks[1]]
    assert header == ["ID", "Name", "WBS", "Start", "Finish", "Duration",
                      "Predecessors", "People", "Needs", "Priority",
                      "Total Float", "Critical"]
    assert tasks.freeze_panes == "A2"
    assert tasks.auto_filter.ref == tasks.dimensions
    start = tasks.cell(row=2, column=4)
    assert start.value.date() == date(2025, 6, 2)
    assert start.number_format == "yyyy-mm-dd"
    rows = {r[0].value: [c.value for c in r] for r in tasks.iter_rows(
        min_row=2)}
    assert rows["pour"][6] == "digSS+1 days"
    assert rows["frame"][7] == "bob[50%]"
    assert rows["dig"][11] == "yes"
    people = book["People"]
    assert [c.value for c in people[1]][:5] == [
        "Person", "Busy days", "Available days", "Load", "Overloaded days"]
    assert people.cell(row=2, column=6).value == 100  # ann on day 0
    critical = [r[0].value for r in book["Critical path"].iter_rows(
        min_row=2)]
    assert critical[0] == "dig" and critical[-1] == "done"
    status = book["Status"]
    assert [c.value for c in status[1]][-2:] == [
        "Start slip (days)", "Finish slip (days)"]
    assert {r[7].value for r in status.iter_rows(min_row=2)} == {0}


def test_overloaded_days_are_filled_red(tmp_path: Path) -> None:
    """A hand-made plan that puts ann on two tasks on the same days."""
    from plansat.models import Result

    project = make([{"id": "a", "duration": 2, "assigned": ["ann"]},
                    {"id": "b", "duration": 2, "assigned": ["ann"]}],
                   people=[{"id": "ann"}])
    rows = [{"id": t, "start": 0, "finish": 2, "duration": 2,
             "start_date": "2025-06-02", "finish_date": "2025-06-03",
             "people": ["ann"], "total_float": 0} for t in "ab"]
    plan = Result.model_validate({"status": "FEASIBLE", "makespan": 2,
                                  "tasks": rows})
    path = plan.to_excel(tmp_path / "over.xlsx", project)
    sheet = openpyxl.load_workbook(path)["People"]
    assert sheet["E2"].value == 2  # overloaded days
    assert sheet["F2"].value == 200
    assert sheet["F2"].fill.start_color.rgb.endswith("F4B6B6")


def test_the_workbook_reads_back_as_the_same_project(tmp_path: Path) -> None:
    project = site()
    plan = solved(project)
    path = plan.to_excel(tmp_path / "plan.xlsx", project)
    back = load_tasklist(path, start=project.start).project
    assert [(t.id, t.name, t.duration, t.wbs, t.assigned, t.allocation,
             t.priority, [(d.task, d.type, d.lag) for d in t.after])
            for t in back.tasks] == [
        (t.id, t.name, t.duration, t.wbs, t.assigned, t.allocation,
         t.priority, [(d.task, d.type, d.lag) for d in t.after])
        for t in project.tasks]
    assert [n.skill for n in back.task("dig").needs] == ["dig"]
    assert critical_path(back).duration == critical_path(project).duration
    again = solved(back)
    assert again.makespan == plan.makespan


def test_a_plan_without_a_schedule_is_refused(tmp_path: Path) -> None:
    from plansat.models import ProjectError, Result

    with pytest.raises(ProjectError, match="no schedule"):
        Result(status="INFEASIBLE").to_excel(tmp_path / "x.xlsx", site())
    assert list(tmp_path.iterdir()) == []
