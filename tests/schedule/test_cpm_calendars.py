"""The critical-path method on pinned people's own calendars.

START is Monday 2025-06-02 on the default Mon-Fri grid: days 0-4 are
2-6 Jun, days 5-9 are 9-13 Jun, days 10-14 are 16-20 Jun.  ``ann`` works
full time; ``pat`` works Monday to Wednesday, so she is off days 3-4,
8-9, 13-14, ...  A task whose people are pinned (``assigned``) follows
their calendars; one whose people the solver picks runs on the grid.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from plansat.cli import cli
from plansat.models import Project
from plansat.schedule.cpm import critical_path
from tests.helpers import make

MON_WED = {"workdays": ["Mon", "Tue", "Wed"]}
PEOPLE = [
    {"id": "ann", "skills": {"dev": 1}},
    {"id": "pat", "skills": {"dev": 1}, "calendar": MON_WED},
]


def chain(b_days: int, split: bool, pinned: bool = True,
          b_link: str = "FS") -> Project:
    """A (3 days, ann) -> B (``b_days``, pat), both pinned."""
    b: dict[str, Any] = {
        "id": "B", "duration": b_days, "splittable": split,
        "after": [{"task": "A", "type": b_link}],
    }
    a: dict[str, Any] = {"id": "A", "duration": 3}
    if pinned:
        a["assigned"], b["assigned"] = ["ann"], ["pat"]
    return make([a, b], people=PEOPLE)


def dates(project: Project) -> dict[str, tuple[int, int, int, int, int,
                                                 int]]:
    """``id -> (es, ef, ls, lf, total float, free float)``."""
    return {t.id: (t.es, t.ef, t.ls, t.lf, t.total_float, t.free_float)
            for t in critical_path(project).tasks}


def test_part_timer_after_full_timer() -> None:
    # A: ann, days [0, 3) (Mon-Wed).  B (2 days, pat) may start on day
    # 3 (Thu 5 Jun), but pat is off Thu-Fri (days 3-4): B runs Mon-Tue
    # 9-10 Jun, days [5, 7).  Duration 7.  Backwards: B late = early
    # ([5, 7), float 0); A must finish by B's late start 5: late [2, 5),
    # total float 2, and free float 2 (B's early start 5 - A's ef 3).
    # Without calendars B would be [3, 5) and A critical.
    report = critical_path(chain(2, split=False))
    assert report.duration == 7
    assert report.critical_paths == [["B"]]
    assert dates(chain(2, split=False)) == {
        "A": (0, 3, 2, 5, 2, 2),
        "B": (5, 7, 5, 7, 0, 0),
    }
    assert str(report.task("B").start_date) == "2025-06-09"


def test_split_part_timer_counts_her_working_days() -> None:
    # B (4 days, pat, splittable) from day 3: her first working day is
    # Mon 9 Jun (day 5); she works days 5, 6, 7, is off 8-9 (Thu-Fri)
    # and works day 10: ef 11 (span 6 for 4 days of work).  Backwards:
    # to be done by 11 she starts on day 5 at the latest (4 of her days
    # before 11: 10, 7, 6, 5), so B has no float; A late [2, 5), float 2.
    assert dates(chain(4, split=True)) == {
        "A": (0, 3, 2, 5, 2, 2),
        "B": (5, 11, 5, 11, 0, 0),
    }
    assert critical_path(chain(4, split=True)).duration == 11


def test_split_task_finish_to_finish() -> None:
    # B (2 days, pat, splittable) FF after A: B must end on day 3 (A's
    # ef) or later.  Starting on day 2 (Wed) she works day 2, pauses
    # days 3-4 and works day 5: ef 6.  Starting on day 1 she works days
    # 1-2: ef 3, which meets the bound: es 1 (a linear pass would say
    # es = 3 - 2 = 1 too, but ef = es + 2 = 3 only because day 2 is
    # hers).  Starting on day 0 would end on day 2 < 3.
    assert dates(chain(2, split=True, b_link="FF"))["B"][:2] == (1, 3)
    # B of 3 days FF: es = 3 - 3 = 0 ends day 3 (days 0-2): (0, 3).
    assert dates(chain(3, split=True, b_link="FF"))["B"][:2] == (0, 3)
    # B of 2 days, FF with the bound on day 4 (A of 4 days): ending on
    # day 4 means working day 3, a Thursday: pat's last day on or after
    # day 3 is Mon (day 5), so B works days 2 and 5: es 2, ef 6 (a
    # linear pass would say [2, 4), over her days off).
    p = make([{"id": "A", "duration": 4, "assigned": ["ann"]},
              {"id": "B", "duration": 2, "splittable": True,
               "assigned": ["pat"],
               "after": [{"task": "A", "type": "FF"}]}], people=PEOPLE)
    assert dates(p)["B"][:2] == (2, 6)


def test_unpinned_tasks_run_on_the_project_grid() -> None:
    # Nobody pinned: pat's calendar is not the task's (the solver may
    # give B to ann): B [3, 5), a chain of 5 days, both critical.
    report = critical_path(chain(2, split=False, pinned=False))
    assert report.duration == 5
    assert report.critical_paths == [["A", "B"]]


def test_cli_cpm_follows_the_pinned_calendars(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(chain(2, split=False).model_dump_json(),
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["cpm", str(path), "--format",
                                      "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["duration"] == 7
    floats = {t["id"]: t["total_float"] for t in report["tasks"]}
    assert floats == {"A": 2, "B": 0}


@pytest.mark.parametrize("split", [False, True])
def test_vacation_of_a_pinned_person(split: bool) -> None:
    # ann (full time) away Tue 3 - Wed 4 Jun (days 1-2); X (3 days, ann)
    # splittable works days 0, 3, 4: [0, 5); in a row: from Thu 5 Jun,
    # days [3, 6).
    p = make([{"id": "X", "duration": 3, "assigned": ["ann"],
               "splittable": split}],
             people=[{"id": "ann", "skills": {"dev": 1},
                      "unavailable": [{"start": "2025-06-03",
                                       "end": "2025-06-04"}]}])
    assert dates(p)["X"][:2] == ((0, 5) if split else (3, 6))
