"""Tests of the critical-path method (plansat.schedule.cpm).

Unless stated otherwise the small projects start on Monday 2025-06-02 with
the default Mon-Fri calendar, so working days 0..4 are 2 Jun .. 6 Jun and
day 5 is Monday 9 Jun.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plansat.models import Calendar, Project, Task
from plansat.schedule.cpm import (
    MAX_PATHS,
    CpmReport,
    critical_path,
    shortest_makespan,
)
from tests.helpers import make


def floats(report: CpmReport) -> dict[str, tuple[int, int, int, int]]:
    """``id -> (es, ef, ls, lf)``."""
    return {t.id: (t.es, t.ef, t.ls, t.lf) for t in report.tasks}


# -- the e-commerce example ---------------------------------------------------

# ``ecommerce`` is the session fixture of tests/conftest.py.


def test_ecommerce_critical_path(ecommerce: Project) -> None:
    report = critical_path(ecommerce)
    assert report.duration == 55
    assert report.critical_paths == [
        ["T001", "T002", "T003", "T004", "T006", "T007", "T008"]
    ]
    assert report.critical == [
        "T001",
        "T002",
        "T003",
        "T004",
        "T006",
        "T007",
        "T008",
    ]
    t005 = report.task("T005")
    assert t005.total_float == 9
    # T005 follows T002 (ef 13) and feeds T006 (es 34) only: free = total.
    assert t005.free_float == 9
    assert not t005.critical
    assert (t005.es, t005.ef, t005.ls, t005.lf) == (13, 25, 22, 34)
    # Start Thu 2025-06-26 = day 0; Fri 4 Jul and Mon 1 Sep are holidays.
    # Days: 0 Jun 26, 1 Jun 27, 2-5 Jun 30..Jul 3, 6-10 Jul 7..11,
    # 11-15 Jul 14..18, 16-20 Jul 21..25, 21-25 Jul 28..Aug 1.
    # T005 occupies days [13, 25): starts day 13 = Wed 16 Jul and
    # finishes on day 24 = Thu 31 Jul.
    assert t005.start_date == date(2025, 7, 16)
    assert t005.finish_date == date(2025, 7, 31)
    # Project: last day 54.  Days 26-30 Aug 4..8, 31-35 Aug 11..15,
    # 36-40 Aug 18..22, 41-45 Aug 25..29, then Sep 1 is a holiday:
    # 46-49 Sep 2..5, 50-54 Sep 8..12.
    assert report.finish_date == date(2025, 9, 12)
    # The project deadline 2025-10-31 is loose: no extra float.
    assert min(t.total_float for t in report.tasks) == 0


def test_ecommerce_json_shape(ecommerce: Project) -> None:
    data = critical_path(ecommerce, near_critical=10).model_dump(mode="json")
    assert list(data) == [
        "duration",
        "finish_date",
        "critical_paths",
        "near_critical",
        "tasks",
    ]
    assert data["finish_date"] == "2025-09-12"
    assert data["near_critical"] == ["T005"]
    assert list(data["tasks"][0]) == [
        "id",
        "name",
        "es",
        "ef",
        "ls",
        "lf",
        "total_float",
        "free_float",
        "critical",
        "start_date",
        "finish_date",
    ]
    assert data["tasks"][4] == {
        "id": "T005",
        "name": "Frontend Development",
        "es": 13,
        "ef": 25,
        "ls": 22,
        "lf": 34,
        "total_float": 9,
        "free_float": 9,
        "critical": False,
        "start_date": "2025-07-16",
        "finish_date": "2025-07-31",
    }
    assert CpmReport.model_validate(data).model_dump(mode="json") == data


def test_ecommerce_to_frame(ecommerce: Project) -> None:
    frame = critical_path(ecommerce).to_frame()
    assert list(frame["id"]) == [f"T00{k}" for k in range(1, 9)]
    assert list(frame.columns)[:3] == ["id", "name", "es"]
    row = frame.set_index("id").loc["T005"]
    assert row["total_float"] == 9
    assert not row["critical"]


def test_ecommerce_fully_crashed(ecommerce: Project) -> None:
    # T002 8->6, T004 15->12, T007 10->8: critical 5+6+6+12+8+8+3 = 48;
    # T005 runs [11, 23) and T006 starts at 5+6+6+12 = 29: float 6.
    crashed = {t.id: t.min_duration for t in ecommerce.tasks}
    report = critical_path(ecommerce, durations=crashed)
    assert report.duration == 48
    assert report.task("T005").total_float == 6
    assert report.task("T002").ef == 11


def test_durations_override_gives_two_critical_paths(
    ecommerce: Project,
) -> None:
    # T005 at 21 days ends at 13 + 21 = 34 = T004's finish: both branches
    # drive T006.  Branches are listed by early start then project order
    # (T003 and T005 both start on day 13; T003 comes first).
    report = critical_path(ecommerce, durations={"T005": 21})
    assert report.duration == 55
    assert report.critical_paths == [
        ["T001", "T002", "T003", "T004", "T006", "T007", "T008"],
        ["T001", "T002", "T005", "T006", "T007", "T008"],
    ]
    assert report.task("T005").total_float == 0
    # The project's own durations are untouched.
    assert critical_path(ecommerce).task("T005").total_float == 9


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"durations": {"T999": 3}}, "unknown task 'T999'"),
        ({"durations": {"T001": -1}}, "T001 must be >= 0"),
        ({"durations": {"T001": 2.5}}, "T001 must be an integer"),
        ({"durations": {"T001": True}}, "T001 must be an integer"),
        ({"near_critical": -1}, "near_critical must be >= 0"),
    ],
)
def test_bad_arguments(
    ecommerce: Project, kwargs: dict[str, Any], match: str
) -> None:
    with pytest.raises(ValueError, match=match):
        critical_path(ecommerce, **kwargs)


def test_task_lookup_unknown_id(ecommerce: Project) -> None:
    with pytest.raises(KeyError):
        critical_path(ecommerce).task("nope")


# -- link types and lags ------------------------------------------------------


@pytest.mark.parametrize(
    ("link", "durations", "expected", "duration"),
    [
        # FS lag 2: B starts at 3 + 2 = 5.  LF_A = LS_B - 2 = 3.
        (
            {"type": "FS", "lag": 2},
            (3, 2),
            {"A": (0, 3, 0, 3), "B": (5, 7, 5, 7)},
            7,
        ),
        # FS lag -2 (lead): B starts at 5 - 2 = 3; LF_A = LS_B + 2 = 5.
        (
            {"type": "FS", "lag": -2},
            (5, 3),
            {"A": (0, 5, 0, 5), "B": (3, 6, 3, 6)},
            6,
        ),
        # SS lag 1: ES_B = 0 + 1.  LF_A = LS_B - 1 + d_A = 1 - 1 + 4 = 4.
        (
            {"type": "SS", "lag": 1},
            (4, 3),
            {"A": (0, 4, 0, 4), "B": (1, 4, 1, 4)},
            4,
        ),
        # FF lag 1: ES_B = EF_A + 1 - d_B = 5 + 1 - 2 = 4.
        # LF_A = LF_B - 1 = 5.
        (
            {"type": "FF", "lag": 1},
            (5, 2),
            {"A": (0, 5, 0, 5), "B": (4, 6, 4, 6)},
            6,
        ),
        # SF lag 4: ES_B = ES_A + 4 - d_B = 2.
        # LF_A = min(E = 4, LF_B - 4 + d_A = 4 - 4 + 3 = 3) = 3.
        (
            {"type": "SF", "lag": 4},
            (3, 2),
            {"A": (0, 3, 0, 3), "B": (2, 4, 2, 4)},
            4,
        ),
    ],
)
def test_link_types(
    link: dict[str, Any],
    durations: tuple[int, int],
    expected: dict[str, tuple[int, int, int, int]],
    duration: int,
) -> None:
    project = make(
        [
            {"id": "A", "duration": durations[0]},
            {
                "id": "B",
                "duration": durations[1],
                "after": [{"task": "A", **link}],
            },
        ]
    )
    report = critical_path(project)
    assert report.duration == duration
    assert floats(report) == expected
    assert report.critical_paths == [["A", "B"]]
    assert all(t.critical and t.free_float == 0 for t in report.tasks)


def test_negative_lag_clamped_at_day_zero() -> None:
    # B after A SS lag -3: ES_B = max(0, 0 - 3) = 0, EF_B = 4 = duration.
    # LF_A = min(E = 4, LS_B + 3 + d_A = 0 + 3 + 2 = 5) = 4, LS_A = 2.
    # Free float A = min(E - EF_A = 2, ES_B - ES_A - lag = 3) = 2.
    project = make(
        [
            {"id": "A", "duration": 2},
            {
                "id": "B",
                "duration": 4,
                "after": [{"task": "A", "type": "SS", "lag": -3}],
            },
        ]
    )
    report = critical_path(project)
    assert floats(report) == {"A": (0, 2, 2, 4), "B": (0, 4, 0, 4)}
    assert report.task("A").total_float == 2
    assert report.task("A").free_float == 2
    assert report.critical_paths == [["B"]]


def test_free_float_only_with_total_float_and_near_critical() -> None:
    # A 2 -> C 1 -> D 1 and B 5 -> D.  ES: A 0, C 2, B 0, D 5; duration 6.
    # LS: D 5, C 4, A 2, B 0.  A: total 2 but free 0 (C starts right after
    # it); C: total 2 and free 2 (D waits for B until day 5).
    project = make(
        [
            {"id": "A", "duration": 2},
            {"id": "B", "duration": 5},
            {"id": "C", "duration": 1, "after": ["A"]},
            {"id": "D", "duration": 1, "after": ["B", "C"]},
        ]
    )
    report = critical_path(project, near_critical=2)
    a, c = report.task("A"), report.task("C")
    assert (a.total_float, a.free_float) == (2, 0)
    assert (c.total_float, c.free_float) == (2, 2)
    assert report.critical_paths == [["B", "D"]]
    assert report.near_critical == ["A", "C"]
    assert critical_path(project, near_critical=1).near_critical == []
    assert critical_path(project).near_critical == []


def test_free_float_bounded_by_project_end_for_non_sink() -> None:
    # B (1 day) after A (3 days) SF lag 0: f_B >= s_A, so ES_B = 0, EF_B 1.
    # The duration is A's 3.  A's link slack is EF_B - ES_A = 1, but A
    # finishes last: its free float is min(1, E - EF_A = 0) = 0 = its
    # total float (LF_A = min(3, LF_B + d_A = 6) = 3).  B: LF 3, float 2.
    project = make(
        [
            {"id": "A", "duration": 3},
            {"id": "B", "duration": 1, "after": [{"task": "A", "type": "SF"}]},
        ]
    )
    report = critical_path(project)
    assert floats(report) == {"A": (0, 3, 0, 3), "B": (0, 1, 2, 3)}
    a, b = report.task("A"), report.task("B")
    assert (a.total_float, a.free_float) == (0, 0)
    assert (b.total_float, b.free_float) == (2, 2)
    assert report.critical_paths == [["A"]]


# -- dates, windows and deadlines ---------------------------------------------


def test_milestones_dates() -> None:
    # A [0, 3) Mon-Wed; M milestone at day 3, dated as MS Project dates it
    # at the end of day 2, Wed 4 Jun, when A finishes; B [3, 5) Thu-Fri.
    project = make(
        [
            {"id": "A", "duration": 3},
            {"id": "M", "duration": 0, "after": ["A"]},
            {"id": "B", "duration": 2, "after": ["M"]},
        ]
    )
    report = critical_path(project)
    assert report.critical_paths == [["A", "M", "B"]]
    m = report.task("M")
    assert (m.es, m.ef, m.ls, m.lf) == (3, 3, 3, 3)
    assert m.start_date == m.finish_date == date(2025, 6, 4)
    assert report.task("A").finish_date == date(2025, 6, 4)
    b = report.task("B")
    assert (b.start_date, b.finish_date) == (
        date(2025, 6, 5),
        date(2025, 6, 6),
    )
    assert report.finish_date == date(2025, 6, 6)


def test_single_milestone_on_weekend_start() -> None:
    # Start Saturday 7 Jun: day 0 is Monday 9 Jun; duration 0 reports day 0.
    project = make([{"id": "M", "duration": 0}], start="2025-06-07")
    report = critical_path(project)
    assert report.duration == 0
    assert report.finish_date == date(2025, 6, 9)
    assert report.critical_paths == [["M"]]
    assert report.task("M").start_date == date(2025, 6, 9)


def test_earliest_start() -> None:
    # B's earliest start Sat 7 Jun -> first working day Mon 9 Jun = day 5.
    # ES_B = max(5, EF_A = 2) = 5, EF_B = 8 (finishes day 7 = Wed 11 Jun).
    # A: LF = LS_B = 5, LS = 3: total float 3, free float 5 - 2 = 3.
    project = make(
        [
            {"id": "A", "duration": 2},
            {
                "id": "B",
                "duration": 3,
                "after": ["A"],
                "earliest_start": "2025-06-07",
            },
        ]
    )
    report = critical_path(project)
    assert report.duration == 8
    assert floats(report) == {"A": (0, 2, 3, 5), "B": (5, 8, 5, 8)}
    assert report.task("A").free_float == 3
    assert report.critical_paths == [["B"]]
    assert report.task("B").start_date == date(2025, 6, 9)
    assert report.finish_date == date(2025, 6, 11)


def test_task_deadline_makes_short_chain_critical() -> None:
    # A 2 -> C 1, B 5.  Without a deadline C has float 2 (LF 5).  C's
    # deadline Wed 4 Jun = day 2 caps its finish at 3: LF_C 3, LS_C 2,
    # LF_A 2: A and C have no float, like B.  C's free float is
    # min(E - EF = 2, deadline bound - EF = 0) = 0.
    tasks: list[dict[str, Any]] = [
        {"id": "A", "duration": 2},
        {"id": "B", "duration": 5},
        {"id": "C", "duration": 1, "after": ["A"]},
    ]
    loose = critical_path(make(tasks))
    assert loose.task("C").total_float == 2
    tasks[2]["deadline"] = "2025-06-04"
    report = critical_path(make(tasks))
    assert report.duration == 5
    assert floats(report) == {
        "A": (0, 2, 0, 2),
        "B": (0, 5, 0, 5),
        "C": (2, 3, 2, 3),
    }
    assert report.task("C").free_float == 0
    assert report.critical_paths == [["A", "C"], ["B"]]


def test_tight_project_deadline_gives_negative_float() -> None:
    # A 3 -> B 4 takes 7 days; deadline Thu 5 Jun = day 3 bounds the end
    # at E = 4.  LF_B 4, LS_B 0, LF_A 0, LS_A -3: float -3 on the chain.
    # C (1 day, alone) has LF 4: float 3, not critical.
    project = make(
        [
            {"id": "A", "duration": 3},
            {"id": "B", "duration": 4, "after": ["A"]},
            {"id": "C", "duration": 1},
        ],
        deadline="2025-06-05",
    )
    report = critical_path(project)
    assert report.duration == 7
    assert floats(report) == {
        "A": (0, 3, -3, 0),
        "B": (3, 7, 0, 4),
        "C": (0, 1, 3, 4),
    }
    assert [t.total_float for t in report.tasks] == [-3, -3, 3]
    assert report.critical == ["A", "B"]
    assert report.critical_paths == [["A", "B"]]
    # B ends at 7 but the end bound is 4.
    assert report.task("B").free_float == -3
    assert report.finish_date == date(2025, 6, 10)  # day 6


def test_loose_project_deadline_adds_no_float() -> None:
    tasks = [
        {"id": "A", "duration": 3},
        {"id": "B", "duration": 4, "after": ["A"]},
    ]
    plain = critical_path(make(tasks))
    loose = critical_path(make(tasks, deadline="2025-12-31"))
    assert loose.model_dump() == plain.model_dump()
    assert [t.total_float for t in loose.tasks] == [0, 0]


def test_project_order_need_not_be_topological() -> None:
    project = make(
        [
            {"id": "C", "duration": 1, "after": ["B"]},
            {"id": "B", "duration": 2, "after": ["A"]},
            {"id": "A", "duration": 3},
        ]
    )
    report = critical_path(project)
    assert floats(report) == {
        "C": (5, 6, 5, 6),
        "B": (3, 5, 3, 5),
        "A": (0, 3, 0, 3),
    }
    assert report.critical_paths == [["A", "B", "C"]]


def test_cycle_is_rejected() -> None:
    # Validation forbids cycles; a project built without it still can't
    # loop the passes.
    tasks = [
        Task.model_validate({"id": "A", "duration": 1, "after": ["B"]}),
        Task.model_validate({"id": "B", "duration": 1, "after": ["A"]}),
    ]
    project = Project.model_construct(
        name="x",
        start=date(2025, 6, 2),
        calendar=Calendar(),
        deadline=None,
        tasks=tasks,
    )
    with pytest.raises(ValueError, match="cycle"):
        critical_path(project)


def test_path_enumeration_is_capped(caplog: pytest.LogCaptureFixture) -> None:
    # 6 stages of two equal parallel tasks joined by milestones: 2**6 = 64
    # critical paths, more than MAX_PATHS.
    tasks: list[dict[str, Any]] = [{"id": "M0", "duration": 0}]
    for s in range(6):
        for side in "ab":
            tasks.append(
                {"id": f"S{s}{side}", "duration": 1, "after": [f"M{s}"]}
            )
        tasks.append(
            {"id": f"M{s + 1}", "duration": 0, "after": [f"S{s}a", f"S{s}b"]}
        )
    with caplog.at_level(logging.WARNING, logger="plansat.schedule.cpm"):
        report = critical_path(make(tasks))
    assert report.duration == 6
    assert len(report.critical_paths) == MAX_PATHS
    assert "critical paths" in caplog.text
    # Deterministic order: the first path takes every 'a' branch, the
    # second switches only the last stage.
    first = ["M0"] + [x for s in range(6) for x in (f"S{s}a", f"M{s + 1}")]
    assert report.critical_paths[0] == first
    assert report.critical_paths[1] == [*first[:-2], "S5b", "M6"]
    assert len({tuple(p) for p in report.critical_paths}) == MAX_PATHS


# -- properties on random networks ------------------------------------------

LINK_TYPES = ("FS", "SS", "FF", "SF")


@st.composite
def fs_networks(draw: st.DrawFn) -> Project:
    """Random DAGs with FS links, lags >= 0, in a shuffled task order."""
    n = draw(st.integers(1, 12))
    tasks = []
    for j in range(n):
        preds = draw(st.sets(st.integers(0, j - 1), max_size=3)) if j else []
        tasks.append(
            {
                "id": f"T{j}",
                "duration": draw(st.integers(0, 6)),
                "after": [
                    {"task": f"T{i}", "lag": draw(st.integers(0, 3))}
                    for i in sorted(preds)
                ],
            }
        )
    return make(draw(st.permutations(tasks)))


@st.composite
def mixed_networks(draw: st.DrawFn) -> Project:
    """Random DAGs with all link types, leads and lags, earliest starts."""
    n = draw(st.integers(1, 12))
    tasks: list[dict[str, Any]] = []
    for j in range(n):
        d = draw(st.integers(0, 6))
        after = []
        preds = draw(st.sets(st.integers(0, j - 1), max_size=3)) if j else []
        for i in sorted(preds):
            kind = draw(st.sampled_from(LINK_TYPES))
            lag = draw(st.integers(-4, 4))
            if kind == "FS":  # a lead can't exceed the predecessor
                lag = max(lag, -tasks[i]["duration"])
            after.append({"task": f"T{i}", "type": kind, "lag": lag})
        task: dict[str, Any] = {"id": f"T{j}", "duration": d, "after": after}
        if draw(st.booleans()):
            offset = draw(st.integers(0, 14))
            task["earliest_start"] = str(
                date(2025, 6, 2) + timedelta(days=offset)
            )
        tasks.append(task)
    return make(draw(st.permutations(tasks)))


def _holds(
    kind: str, lag: int, s_i: int, f_i: int, s_j: int, f_j: int
) -> bool:
    return {
        "FS": s_j >= f_i + lag,
        "SS": s_j >= s_i + lag,
        "FF": f_j >= f_i + lag,
        "SF": f_j >= s_i + lag,
    }[kind]


def _relaxed_early_starts(project: Project) -> dict[str, int]:
    """Oracle: least early starts by Bellman-Ford style relaxation."""
    es = {t.id: project.earliest_start_index(t) for t in project.tasks}
    dur = {t.id: t.duration for t in project.tasks}
    for _ in range(len(project.tasks) + 1):
        changed = False
        for t in project.tasks:
            for dep in t.after:
                i, d = dep.task, t.duration
                need = {
                    "FS": es[i] + dur[i] + dep.lag,
                    "SS": es[i] + dep.lag,
                    "FF": es[i] + dur[i] + dep.lag - d,
                    "SF": es[i] + dep.lag - d,
                }[dep.type]
                if need > es[t.id]:
                    es[t.id] = need
                    changed = True
        if not changed:
            break
    return es


@settings(max_examples=60, deadline=None)
@given(fs_networks())
def test_fs_network_properties(project: Project) -> None:
    report = critical_path(project)
    by_id = {t.id: t for t in report.tasks}
    dur = {t.id: t.duration for t in project.tasks}
    lag = {(d.task, t.id): d.lag for t in project.tasks for d in t.after}
    assert report.duration == max(t.ef for t in report.tasks)
    for t in report.tasks:
        assert t.es <= t.ls
        assert 0 <= t.free_float <= t.total_float
        assert t.critical == (t.total_float == 0)
    assert report.critical_paths
    for path in report.critical_paths:
        length = sum(dur[x] for x in path)
        length += sum(lag[a, b] for a, b in pairwise(path))
        assert length == report.duration
        assert by_id[path[0]].es == 0
        assert by_id[path[-1]].ef == report.duration
        assert all(by_id[x].critical for x in path)
    if len(report.critical_paths) < MAX_PATHS:
        on_paths = {x for path in report.critical_paths for x in path}
        assert on_paths == set(report.critical)


@settings(max_examples=60, deadline=None)
@given(mixed_networks())
def test_mixed_network_links_hold(project: Project) -> None:
    report = critical_path(project)
    by_id = {t.id: t for t in report.tasks}
    assert {t.id: t.es for t in report.tasks} == _relaxed_early_starts(project)
    for task in project.tasks:
        j = by_id[task.id]
        assert j.es >= project.earliest_start_index(task)
        assert 0 <= j.es <= j.ls
        assert j.ef <= report.duration and j.lf <= report.duration
        assert 0 <= j.free_float <= j.total_float
        for dep in task.after:
            i = by_id[dep.task]
            assert _holds(dep.type, dep.lag, i.es, i.ef, j.es, j.ef)
            assert _holds(dep.type, dep.lag, i.ls, i.lf, j.ls, j.lf)
    for path in report.critical_paths:
        for a, b in pairwise(path):
            links = [d for d in project.task(b).after if d.task == a]
            i, j = by_id[a], by_id[b]
            assert any(
                not _holds(d.type, d.lag + 1, i.es, i.ef, j.es, j.ef)
                for d in links
            ), "consecutive critical tasks must share a driving link"


def test_shortest_makespan_takes_every_task_at_its_quickest() -> None:
    # A (5 days, crashable to 3) -> B (4 days, or 1 in a second mode):
    # nominal 9 days, fully crashed and in the quick mode 3 + 1 = 4.
    p = make([
        {"id": "A", "duration": 5,
         "crash": {"duration": 3, "cost_per_day": 10}},
        {"id": "B", "after": ["A"],
         "modes": [{"duration": 4}, {"duration": 1}]},
    ])
    assert critical_path(p).duration == 9
    assert shortest_makespan(p) == 4
