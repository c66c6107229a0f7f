"""Benchmark readers (plansat.io.read): PSPLIB .sm/.mm, Patterson .rcp,
MSLIB .msrcp and iMOPSE .def.

The first tests write tiny instances in the exact PSPLIB layout to
``tmp_path``; the rest read ``/work/shared/data`` (skipped when absent).
Benchmark projects start on Monday 2024-01-01 and every day is a working
day, so days equal instance periods.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from plansat import Project, Result, SolveStatus, solve
from plansat.check import recompute_cost, violations
from plansat.io import read
from plansat.models import ProjectError

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
COST_FIELDS = (
    "labour",
    "resources",
    "modes",
    "crash",
    "overlap",
    "overhead",
    "total",
)

needs_data = pytest.mark.skipif(
    not DATA.is_dir(),
    reason=f"benchmark data not found at {DATA} (../shared/data relative "
    "to the repository)",
)


def solved(project: Project, **kw: Any) -> Result:
    """Solve for time and run the checks every solving test shares."""
    kw.setdefault("time_limit", 5.0)
    kw.setdefault("workers", 1)
    result = solve(project, objective="time", **kw)
    assert result.status.has_solution, result.explanation
    assert violations(project, result) == []
    expected = recompute_cost(project, result)
    for name in COST_FIELDS:
        assert getattr(result.cost, name) == pytest.approx(
            getattr(expected, name)
        ), name
    return result


# -- tiny hand-made files --------------------------------------------------

#: 3 real jobs (2, 3, 4) between dummies 1 and 5; R1 capacity 4, R2 3.
#: Jobs 2 (3 days, R1 3) and 3 (4 days, R1 2 + R2 1) can't overlap
#: (3 + 2 > 4), so the makespan is >= 3 + 4 = 7; 2 on [0, 3), 4 (2 days,
#: R1 1 + R2 2, after 2) on [3, 5) and 3 on [3, 7) fit (R1 3, R2 3) -> 7.
TINY_SM = """\
************************************************************************
file with basedata            : tiny.bas
initial value random generator: 1
************************************************************************
projects                      :  1
jobs (incl. supersource/sink ):  5
horizon                       :  9
RESOURCES
  - renewable                 :  2   R
  - nonrenewable              :  0   N
  - doubly constrained        :  0   D
************************************************************************
PROJECT INFORMATION:
pronr.  #jobs rel.date duedate tardcost  MPM-Time
    1      3      0        7        1        7
************************************************************************
PRECEDENCE RELATIONS:
jobnr.    #modes  #successors   successors
   1        1          2           2   3
   2        1          1           4
   3        1          1           5
   4        1          1           5
   5        1          0
************************************************************************
REQUESTS/DURATIONS:
jobnr. mode duration  R 1  R 2
------------------------------------------------------------------------
  1      1     0       0    0
  2      1     3       3    0
  3      1     4       2    1
  4      1     2       1    2
  5      1     0       0    0
************************************************************************
RESOURCEAVAILABILITIES:
  R 1  R 2
    4    3
************************************************************************
"""

#: 2 real jobs (2, 3) between dummies 1 and 4.  R1 (capacity 2) and R2
#: (3) are renewable, N1 (5) and N2 (10) non-renewable.
#: job 2: mode 1 = 2 days, R1 2, N1 4; mode 2 = 5 days, R1 1, N1 1, N2 2.
#: job 3: mode 1 = 3 days, R1 2, R2 1, N1 3; mode 2 = 4 days, R1 1, N1 1;
#:        mode 3 asks R1 3 > 2 and is dropped by the reader.
#: N1: fast + fast = 7 > 5 is out.  fast 2 + slow 3: R1 2 + 1 > 2, in
#: series 2 + 4 = 6; slow 2 + fast 3: 5 + 3 = 8; slow + slow: R1 1 + 1,
#: in parallel -> max(5, 4) = 5, the optimum (no job lasts < 5 with the
#: others beside it: fast 2 (R1 2) runs alone).
TINY_MM = """\
************************************************************************
file with basedata            : tiny_mm.bas
initial value random generator: 1
************************************************************************
projects                      :  1
jobs (incl. supersource/sink ):  4
horizon                       :  12
RESOURCES
  - renewable                 :  2   R
  - nonrenewable              :  2   N
  - doubly constrained        :  0   D
************************************************************************
PROJECT INFORMATION:
pronr.  #jobs rel.date duedate tardcost  MPM-Time
    1      2      0        5        1        5
************************************************************************
PRECEDENCE RELATIONS:
jobnr.    #modes  #successors   successors
   1        1          2           2   3
   2        2          1           4
   3        3          1           4
   4        1          0
************************************************************************
REQUESTS/DURATIONS:
jobnr. mode duration  R 1  R 2  N 1  N 2
------------------------------------------------------------------------
  1      1     0       0    0    0    0
  2      1     2       2    0    4    0
         2     5       1    0    1    2
  3      1     3       2    1    3    0
         2     4       1    0    1    0
         3     1       3    0    0    0
  4      1     0       0    0    0    0
************************************************************************
RESOURCEAVAILABILITIES:
  R 1  R 2  N 1  N 2
    2    3    5   10
************************************************************************
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def _summary(project: Project) -> dict[str, Any]:
    """Tasks as id -> (duration, after, uses, modes as (duration, uses))."""
    return {
        t.id: (
            t.duration,
            [(d.task, d.type, d.lag) for d in t.after],
            dict(t.uses),
            [(m.duration, dict(m.uses)) for m in t.modes],
        )
        for t in project.tasks
    }


def test_tiny_sm_fields(tmp_path: Path) -> None:
    project = read(_write(tmp_path, "tiny.sm", TINY_SM))
    assert project.name == "tiny"
    assert project.people == []
    assert [
        (r.id, r.capacity, r.renewable, r.rate) for r in project.resources
    ] == [("R1", 4, True, 0), ("R2", 3, True, 0)]
    assert _summary(project) == {
        "A1": (0, [], {}, []),
        "A2": (3, [("A1", "FS", 0)], {"R1": 3}, []),
        "A3": (4, [("A1", "FS", 0)], {"R1": 2, "R2": 1}, []),
        "A4": (2, [("A2", "FS", 0)], {"R1": 1, "R2": 2}, []),
        "A5": (0, [("A3", "FS", 0), ("A4", "FS", 0)], {}, []),
    }
    assert all(not t.needs for t in project.tasks)
    # every day is a working day: day k is 2024-01-01 + k days
    assert project.calendar.workdays == [
        "Mon",
        "Tue",
        "Wed",
        "Thu",
        "Fri",
        "Sat",
        "Sun",
    ]
    assert str(project.work_calendar.date_of(6)) == "2024-01-07"


def test_tiny_sm_optimum(tmp_path: Path) -> None:
    project = read(_write(tmp_path, "tiny.sm", TINY_SM))
    result = solved(project)
    assert result.status == SolveStatus.OPTIMAL
    assert result.makespan == 7
    # A2 and A3 can't overlap, and A4 waits for A2: A2 first, then A3
    # beside A4
    spans = {t.id: (t.start, t.finish) for t in result.tasks}
    assert spans["A2"] == (0, 3)
    assert spans["A3"] == (3, 7)
    assert spans["A4"] == (3, 5)
    assert all(t.mode is None for t in result.tasks)


def test_tiny_mm_fields(tmp_path: Path) -> None:
    project = read(_write(tmp_path, "tiny.mm", TINY_MM))
    assert [(r.id, r.capacity, r.renewable) for r in project.resources] == [
        ("R1", 2, True),
        ("R2", 3, True),
        ("R3", 5, False),
        ("R4", 10, False),
    ]
    assert _summary(project) == {
        "A1": (0, [], {}, []),
        "A2": (
            2,
            [("A1", "FS", 0)],
            {},
            [(2, {"R1": 2, "R3": 4}), (5, {"R1": 1, "R3": 1, "R4": 2})],
        ),
        "A3": (
            3,  # the first mode's duration
            [("A1", "FS", 0)],
            {},
            # mode 3 (R1 3 > capacity 2) is dropped
            [(3, {"R1": 2, "R2": 1, "R3": 3}), (4, {"R1": 1, "R3": 1})],
        ),
        "A4": (0, [("A2", "FS", 0), ("A3", "FS", 0)], {}, []),
    }


def test_tiny_mm_optimum(tmp_path: Path) -> None:
    project = read(_write(tmp_path, "tiny.mm", TINY_MM))
    result = solved(project)
    assert result.status == SolveStatus.OPTIMAL
    assert result.makespan == 5
    modes = {t.id: t.mode for t in result.tasks}
    assert modes == {"A1": None, "A2": 1, "A3": 1, "A4": None}
    a2, a3 = result.task("A2"), result.task("A3")
    assert (a2.start, a2.finish) == (0, 5)
    assert a3.start < a2.finish  # the two slow modes run side by side


def test_explicit_format_overrides_the_extension(tmp_path: Path) -> None:
    path = _write(tmp_path, "tiny.txt", TINY_SM)
    assert len(read(path, format="psplib").tasks) == 5


@pytest.mark.parametrize(
    ("name", "content", "match"),
    [
        ("instance.txt", "1 2 3\n", r"unknown file type '\.txt'"),
        ("noext", "1 2 3\n", r"unknown file type ''"),
        ("bad.sm", "hello world\nfoo\n", r"not a valid psplib file"),
        ("bad.mm", TINY_MM[:900], r"not a valid psplib file"),
        ("bad.rcp", "hello world\nfoo\n", r"not a valid patterson file"),
        ("bad.msrcp", "hello world\nfoo\n", r"not a valid mslib file"),
        ("bad.def", "hello world\nfoo\n", r"not a valid iMOPSE file"),
        ("empty.def", "", r"not a valid iMOPSE file"),
        ("bad.json", "{", r"not valid JSON"),
    ],
)
def test_bad_files(
    tmp_path: Path, name: str, content: str, match: str
) -> None:
    path = _write(tmp_path, name, content)
    with pytest.raises(ProjectError, match=match) as info:
        read(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize("name", ["gone.sm", "gone.def", "gone.json"])
def test_missing_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    with pytest.raises(ProjectError) as info:
        read(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize(
    "name",
    [
        "bin.sm",
        "bin.def",
    ],
)
def test_binary_garbage(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(bytes([0xD1, 0xFF, 0x00, 0x80]) * 64)
    with pytest.raises(ProjectError) as info:
        read(path)
    assert str(path) in str(info.value)


# -- benchmark data -------------------------------------------------------


@needs_data
def test_j30_first_instance_optimum() -> None:
    # j301_1: 30 jobs, 4 renewable resources; optimum 43
    # (psplib/solutions/j30_bounds.csv: lb = ub = 43)
    project = read(DATA / "psplib" / "j30" / "j301_1.sm")
    assert len(project.tasks) == 32
    assert [r.capacity for r in project.resources] == [12, 13, 4, 12]
    assert project.task("A2").uses == {"R1": 4}
    assert project.task("A32").duration == 0
    result = solved(project, time_limit=10.0, workers=2)
    assert result.status == SolveStatus.OPTIMAL
    assert result.makespan == 43


def _mm_sample() -> list[tuple[str, int]]:
    """Every 60th PSPLIB j10 multi-mode instance that is feasible, with
    its published optimum (8 of them)."""
    folder = DATA / "psplib" / "mm"
    bounds = folder / "solutions" / "j10_bounds.csv"
    if not bounds.is_file():
        return []
    with bounds.open() as fh:
        rows = {r["instance"]: r for r in csv.DictReader(fh)}
    names = sorted(p.name for p in (folder / "j10").glob("*.mm"))
    sample = [
        (name, int(rows[name]["ub"]))
        for name in names[::60]
        if rows[name]["feasible"] == "1" and rows[name]["closed"] == "1"
    ]
    return sample[:8]


@needs_data
@pytest.mark.parametrize(
    ("name", "optimum"),
    _mm_sample()
    or [
        pytest.param(
            "-",
            0,
            marks=pytest.mark.skip(
                reason="psplib/mm/j10 or its bounds are missing"
            ),
        )
    ],
)
def test_psplib_mm_j10_optimum(name: str, optimum: int) -> None:
    project = read(DATA / "psplib" / "mm" / "j10" / name)
    assert len(project.tasks) == 12
    assert [r.renewable for r in project.resources] == [
        True,
        True,
        False,
        False,
    ]
    assert any(t.modes for t in project.tasks)
    result = solved(project, time_limit=10.0, workers=2)
    assert result.status == SolveStatus.OPTIMAL
    assert result.makespan == optimum
    for t in project.tasks:
        assert (result.task(t.id).mode is not None) == bool(t.modes)


@needs_data
def test_mslib_instance() -> None:
    path = DATA / "mslib" / "mslib1_subset" / "MSLIB_Set1_5281.msrcp"
    project = read(path)
    assert project.name == "MSLIB_Set1_5281"
    assert project.people
    assert all(p.skills for p in project.people)
    assert any(t.needs for t in project.tasks)
    skills = {s for p in project.people for s in p.skills}
    for t in project.tasks:
        for need in t.needs:
            assert need.skill in skills
    result = solved(project, time_limit=5.0, workers=2)
    assert result.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)
    assert any(t.people for t in result.tasks)


@needs_data
def test_imopse_instance() -> None:
    path = DATA / "imopse" / "Small" / "10_3_5_3.def"
    project = read(path)
    # 10 tasks, 3 resources (people); levels shift by one (Q2: 1 -> 2)
    assert len(project.tasks) == 10
    assert [(p.id, p.skills, p.rate) for p in project.people] == [
        ("R1", {"Q1": 1, "Q2": 2}, 56.0),
        ("R2", {"Q2": 3, "Q0": 2}, 53.6),
        ("R3", {"Q0": 2, "Q1": 1}, 28.9),
    ]
    assert all(len(t.needs) == 1 for t in project.tasks)
    first = project.tasks[0]
    assert first.duration == 37
    assert (first.needs[0].skill, first.needs[0].level) == ("Q2", 2)
    # task 7 comes after tasks 4 and 5
    assert [d.task for d in project.task("T7").after] == ["T4", "T5"]
    result = solved(project, time_limit=5.0, workers=2)
    assert result.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)
    assert all(len(t.people) == 1 for t in result.tasks if t.duration)


@needs_data
def test_patterson_instance_loads() -> None:
    # pat1: 14 activities (dummies included), 3 resources; optimum 19
    # (patterson/optimum/optimum.csv)
    project = read(DATA / "patterson" / "pat1.rcp")
    assert len(project.tasks) == 14
    assert len(project.resources) == 3
    assert all(r.renewable for r in project.resources)
    assert project.tasks[0].duration == 0
    assert project.tasks[-1].duration == 0
    result = solved(project)
    assert result.status == SolveStatus.OPTIMAL
    assert result.makespan == 19
