"""The data behind the report's charts, the HTML file, the PNG and the
``plansat report`` command.

Tiny projects start on Monday 2025-06-02 (Mon-Fri calendar), so working
day 0 = Mon 06-02, 1 = Tue 06-03, 2 = Wed 06-04, 3 = Thu 06-05,
4 = Fri 06-06, 5 = Mon 06-09.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import plansat
from plansat import charts
from plansat.charts.schedule import data
from plansat.check import violations
from plansat.cli.app import PlansatGroup
from plansat.cli.report import report
from plansat.models import Project, Result, SolveStatus, TaskResult
from plansat.models.tradeoff import TradeoffCurve
from plansat.schedule.cpm import critical_path

#: The ``curve_factory`` fixture of ``conftest.py``.
MakeCurve = Callable[..., TradeoffCurve]

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "ecommerce.json"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


# -- helpers ---------------------------------------------------------------


def tiny(tasks: list[dict[str, Any]], **extra: Any) -> Project:
    """A project starting Mon 2025-06-02 with one developer ``p``."""
    people = extra.pop(
        "people", [{"id": "p", "name": "Pat", "skills": {"dev": 3}}]
    )
    return Project.model_validate(
        {
            "name": "Tiny",
            "start": "2025-06-02",
            "people": people,
            "tasks": tasks,
            **extra,
        }
    )


def hand_result(
    project: Project,
    plan: dict[str, tuple[int, int, list[str]]],
    floats: dict[str, int] | None = None,
) -> Result:
    """A hand-made FEASIBLE result: task id -> (start, duration, people)."""
    cal = project.work_calendar
    tasks = [
        TaskResult(
            id=tid,
            name=project.task(tid).name,
            start=s,
            finish=s + d,
            duration=d,
            start_date=cal.start_date(s, s + d),
            finish_date=cal.finish_date(s, s + d),
            people=people,
            total_float=None if floats is None else floats[tid],
        )
        for tid, (s, d, people) in plan.items()
    ]
    makespan = max(t.finish for t in tasks)
    return Result(
        status=SolveStatus.FEASIBLE,
        makespan=makespan,
        finish_date=cal.date_of(max(makespan - 1, 0)),
        tasks=tasks,
    )


@pytest.fixture(scope="module")
def ecommerce() -> Project:
    return Project.from_file(EXAMPLE)


@pytest.fixture(scope="module")
def solved(ecommerce: Project) -> Result:
    result = plansat.solve(ecommerce, time_limit=5, workers=1)
    assert result.status.has_solution
    assert violations(ecommerce, result) == []
    return result


# -- Gantt -----------------------------------------------------------------


def test_gantt_bars_match_the_solved_schedule(
    ecommerce: Project, solved: Result
) -> None:
    assert violations(ecommerce, solved) == []
    bars = data.gantt_bars(ecommerce, solved)
    assert sorted(b.id for b in bars) == sorted(t.id for t in ecommerce.tasks)
    assert [b.row for b in bars] == list(range(len(bars)))
    for b in bars:
        tr = solved.task(b.id)
        assert (b.start, b.finish, b.duration) == (
            tr.start,
            tr.finish,
            tr.duration,
        )
        assert (b.start_date, b.finish_date) == (tr.start_date, tr.finish_date)
        # the bar covers its last working day entirely
        assert b.end == tr.finish_date + timedelta(days=1)
        assert b.people == tuple(tr.people)
        assert not b.milestone


def test_gantt_rows_follow_the_dependencies(
    ecommerce: Project, solved: Result
) -> None:
    row = {b.id: b.row for b in data.gantt_bars(ecommerce, solved)}
    links = [(d.task, t.id) for t in ecommerce.tasks for d in t.after]
    assert links  # the example has dependencies
    for pred, succ in links:
        assert row[pred] < row[succ], (pred, succ)


def test_critical_flag_is_the_schedule_float(
    ecommerce: Project, solved: Result
) -> None:
    cpm = critical_path(ecommerce)
    bars = data.gantt_bars(ecommerce, solved, cpm)
    for b in bars:
        tr = solved.task(b.id)
        assert tr.total_float is not None
        assert b.total_float == tr.total_float
        assert b.critical == (tr.total_float <= 0)
        assert b.cpm_critical == cpm.task(b.id).critical
    # DESIGN.md: the nominal critical path leaves out T005 (9 days float)
    assert [b.id for b in bars if not b.cpm_critical] == ["T005"]
    rows = {r.id: r for r in data.critical_rows(ecommerce, solved, cpm)}
    assert rows["T005"].cpm_float == 9
    assert {r.id for r in rows.values() if r.critical} == {
        b.id for b in bars if b.critical
    }
    assert data.summary(ecommerce, solved).critical == sum(
        b.critical for b in bars
    )


def test_float_bar_and_milestone_on_a_tiny_project() -> None:
    # A (3 days) and B (1 day) in parallel, then milestone M.  Schedule
    # A [0,3), B [0,1), M at day 3; makespan 3.  Schedule floats: A 0,
    # M 0, B 3 - 1 = 2 (B may finish on day 3).  B's float bar runs from
    # Tue 06-03 (the day after its finish date Mon 06-02) to the day
    # after day 2 (Wed 06-04): Thu 06-05.  M at day 3 is dated as MS
    # Project dates it, Wed 06-04 (the end of day 2, when A finishes); its
    # diamond is at the end of that day, Thu 06-05 00:00, where A's bar
    # ends.
    project = tiny(
        [
            {"id": "A", "name": "Alpha", "duration": 3},
            {"id": "B", "name": "Beta", "duration": 1},
            {"id": "M", "name": "Done", "duration": 0, "after": ["A", "B"]},
        ]
    )
    result = hand_result(
        project, {"A": (0, 3, []), "B": (0, 1, []), "M": (3, 0, [])}
    )
    bars = {b.id: b for b in data.gantt_bars(project, result)}
    assert {k: b.total_float for k, b in bars.items()} == {
        "A": 0,
        "B": 2,
        "M": 0,
    }
    assert {k for k, b in bars.items() if b.critical} == {"A", "M"}
    assert bars["B"].float_end == date(2025, 6, 5)
    assert bars["A"].float_end is None
    m = bars["M"]
    assert m.milestone and not bars["A"].milestone
    assert m.start_date == m.finish_date == date(2025, 6, 4)
    assert m.end == bars["A"].end == date(2025, 6, 5)
    assert bars["M"].row == 2  # after both of its predecessors
    # floats given by the result win over the computed ones
    given = hand_result(
        project,
        {"A": (0, 3, []), "B": (0, 1, []), "M": (3, 0, [])},
        floats={"A": 0, "B": 0, "M": 0},
    )
    assert all(b.critical for b in data.gantt_bars(project, given))


def test_gantt_figure_draws_the_bars() -> None:
    pytest.importorskip("plotly")
    from plansat.charts.schedule.gantt import gantt_figure

    project = tiny(
        [
            {"id": "A", "duration": 3},
            {"id": "B", "duration": 1},
            {"id": "M", "duration": 0, "after": ["A", "B"]},
        ]
    )
    result = hand_result(
        project, {"A": (0, 3, []), "B": (0, 1, []), "M": (3, 0, [])}
    )
    fig = gantt_figure(project, data.gantt_bars(project, result))
    traces = {t.name: t for t in fig.data}
    assert set(traces) == {"Critical task", "Task", "Total float", "Milestone"}
    day = 86_400_000
    # A: Mon 06-02 .. Wed 06-04 inclusive = 3 days on the date axis
    assert list(traces["Critical task"].base) == ["2025-06-02"]
    assert list(traces["Critical task"].x) == [3 * day]
    # B's float: Tue 06-03 -> Thu 06-05 = 2 days
    assert list(traces["Total float"].base) == ["2025-06-03"]
    assert list(traces["Total float"].x) == [2 * day]
    assert traces["Milestone"].marker.symbol == "diamond"
    assert list(traces["Milestone"].x) == ["2025-06-05"]


# -- load and resources -----------------------------------------------------


def test_person_load_sums_allocations_per_day() -> None:
    # X (50%) on days 0-2, Y (50%) on days 1-3, Z (100%) on day 5; Pat is
    # away on Fri 06-06 (day 4).  Load: 50, 100, 100, 50, 0, 100.
    project = tiny(
        [
            {
                "id": "X",
                "duration": 3,
                "allocation": 50,
                "needs": [{"skill": "dev"}],
            },
            {
                "id": "Y",
                "duration": 3,
                "allocation": 50,
                "needs": [{"skill": "dev"}],
            },
            {"id": "Z", "duration": 1, "needs": [{"skill": "dev"}]},
        ],
        people=[
            {
                "id": "p",
                "name": "Pat",
                "skills": {"dev": 3},
                "unavailable": [{"start": "2025-06-06", "end": "2025-06-06"}],
            },
            {"id": "q", "skills": {"dev": 1}},
        ],
    )
    result = hand_result(
        project, {"X": (0, 3, ["p"]), "Y": (1, 3, ["p"]), "Z": (5, 1, ["p"])}
    )
    pat, q = data.person_load_series(project, result)
    assert (pat.person, pat.name, q.name) == ("p", "Pat", "q")
    assert pat.dates == (
        date(2025, 6, 2),
        date(2025, 6, 3),
        date(2025, 6, 4),
        date(2025, 6, 5),
        date(2025, 6, 6),
        date(2025, 6, 9),
    )
    assert pat.load == (50, 100, 100, 50, 0, 100)
    assert pat.available == (100, 100, 100, 100, 0, 100)
    assert pat.vacation == (False, False, False, False, True, False)
    assert pat.over_days == []
    assert pat.peak == 100
    assert q.load == (0,) * 6


def test_over_allocation_is_flagged_in_a_hand_made_result() -> None:
    # Two full-time tasks for Pat overlapping on days 1-2:
    # load 100, 200, 200, 100 -> over-allocated on Tue 06-03, Wed 06-04.
    project = tiny(
        [
            {"id": "X", "duration": 3, "needs": [{"skill": "dev"}]},
            {"id": "Y", "duration": 3, "needs": [{"skill": "dev"}]},
        ]
    )
    bad = hand_result(project, {"X": (0, 3, ["p"]), "Y": (1, 3, ["p"])})
    (pat,) = data.person_load_series(project, bad)
    assert pat.load == (100, 200, 200, 100)
    assert pat.over == (False, True, True, False)
    assert pat.over_days == [date(2025, 6, 3), date(2025, 6, 4)]
    assert any("over-allocated" in v for v in violations(project, bad))


def test_work_on_a_vacation_day_is_over_allocation() -> None:
    # Pat is away on Tue 06-03 (day 1) but scheduled on X, days 0-1.
    project = tiny(
        [{"id": "X", "duration": 2, "needs": [{"skill": "dev"}]}],
        people=[
            {
                "id": "p",
                "skills": {"dev": 3},
                "unavailable": [{"start": "2025-06-03", "end": "2025-06-03"}],
            }
        ],
    )
    (pat,) = data.person_load_series(
        project, hand_result(project, {"X": (0, 2, ["p"])})
    )
    assert pat.available == (100, 0)
    assert pat.over == (False, True)


def test_resource_usage_per_day_against_capacity() -> None:
    # rig (capacity 2): R1 uses 1 unit on days 0-2, R2 2 units on days
    # 2-3 -> 1, 1, 3, 2; over capacity on day 2 (Wed 06-04).
    project = tiny(
        [
            {"id": "R1", "duration": 3, "uses": {"rig": 1}},
            {"id": "R2", "duration": 2, "uses": {"rig": 2}},
        ],
        resources=[{"id": "rig", "name": "Test rig", "capacity": 2}],
    )
    result = hand_result(project, {"R1": (0, 3, []), "R2": (2, 2, [])})
    (rig,) = data.resource_usage_series(project, result)
    assert (rig.resource, rig.name, rig.capacity) == ("rig", "Test rig", 2)
    assert rig.used == (1, 1, 3, 2)
    assert rig.over_days == [date(2025, 6, 4)]


def test_ecommerce_staging_usage_stays_within_capacity(
    ecommerce: Project, solved: Result
) -> None:
    (staging,) = data.resource_usage_series(ecommerce, solved)
    assert len(staging.used) == solved.makespan
    users = ("T005", "T006", "T008")  # the tasks that use staging
    expected = [
        sum(
            1
            for tid in users
            if solved.task(tid).start <= day < solved.task(tid).finish
        )
        for day in range(solved.makespan or 0)
    ]
    assert list(staging.used) == expected
    assert staging.over_days == []
    for series in data.person_load_series(ecommerce, solved):
        assert series.over_days == []


# -- summary and curve ------------------------------------------------------


def test_summary_of_a_solved_project(
    ecommerce: Project, solved: Result
) -> None:
    s = data.summary(ecommerce, solved)
    assert s.project == "E-commerce Platform"
    assert s.status == "OPTIMAL" and s.has_solution
    assert s.duration == solved.makespan
    assert s.finish_date == solved.finish_date
    assert s.start_date == date(2025, 6, 26)
    assert s.cost["total"] == solved.cost.total
    assert s.tasks == 8


def test_curve_points_are_sorted_by_duration(
    curve_factory: MakeCurve,
) -> None:
    curve = curve_factory(
        [
            (53, 10, 63, SolveStatus.OPTIMAL),
            (52, 0, 70.5, SolveStatus.FEASIBLE),
        ]
    )
    assert data.curve_points(curve) == [
        data.CurvePoint(52, 0.0, 70.5, optimal=False),
        data.CurvePoint(53, 10.0, 63.0, optimal=True),
    ]
    assert data.curve_points(None) == []


def test_proven_and_best_found_points_are_told_apart(
    curve_factory: MakeCurve, tmp_path: Path
) -> None:
    # Regression: the points of `plansat crash` carry a ``status``, not
    # an ``optimal`` flag; every point used to be drawn as "best found".
    curve = curve_factory(
        [
            (52, 1800, 61800, SolveStatus.FEASIBLE),
            (53, 900, 61900, SolveStatus.OPTIMAL),
        ]
    )
    assert [p.optimal for p in data.curve_points(curve)] == [False, True]
    pytest.importorskip("plotly")
    from plansat.charts.schedule.curve import curve_figure

    fig = curve_figure(data.curve_points(curve))
    for trace in fig.data:
        assert list(trace.marker.symbol) == ["circle-open", "circle"]
        assert list(trace.customdata) == ["best found", "optimal"]
    project = tiny([{"id": "X", "duration": 2}])
    result = hand_result(project, {"X": (0, 2, [])})
    text = charts.write_html(
        project, result, tmp_path / "c.html", curve=curve
    ).read_text(encoding="utf-8")
    assert "<td>best found</td>" in text and "<td>optimal</td>" in text


def test_curve_from_crash_json_keeps_its_statuses(
    curve: TradeoffCurve,
) -> None:
    # what `plansat crash --format json` writes, read back
    parsed = TradeoffCurve.model_validate_json(curve.model_dump_json())
    assert [p.optimal for p in data.curve_points(parsed)] == [
        p.status == SolveStatus.OPTIMAL for p in curve.points
    ]
    assert any(p.optimal for p in data.curve_points(parsed))
    assert not all(p.optimal for p in data.curve_points(parsed))


@pytest.mark.parametrize(
    "bad",
    [
        [{"duration": 5, "total_cost": 5, "optimal": True}],
        {"points": [{"duration": 5, "total_cost": 5}]},
    ],
)
def test_curve_must_be_a_tradeoff_curve(bad: Any) -> None:
    with pytest.raises(TypeError, match="TradeoffCurve"):
        data.curve_points(bad)


# -- files -------------------------------------------------------------------

_EXTERNAL = re.compile(
    r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*[\"']?"
    r"(?:https?:)?//",
    re.IGNORECASE,
)


def test_html_report_is_self_contained(
    ecommerce: Project, solved: Result, curve: TradeoffCurve, tmp_path: Path
) -> None:
    pytest.importorskip("plotly")
    path = charts.write_html(
        ecommerce, solved, tmp_path / "r.html", curve=curve
    )
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert "plotly.js v" in text  # the bundle itself is embedded
    # plotly.js names its CDN only as the default URL of map data (geo
    # charts, unused here); nothing outside the bundle refers to it.
    from plotly.offline import get_plotlyjs

    assert text.count("cdn.plot.ly") == get_plotlyjs().count("cdn.plot.ly")
    assert 'src="https://cdn.plot.ly' not in text
    assert _EXTERNAL.search(text) is None
    assert "@import" not in text and "fonts.googleapis" not in text
    assert '<meta name="viewport"' in text
    assert '"responsive": true' in text
    for heading in (
        "Summary",
        "Gantt chart",
        "Load per person",
        "Pooled resources",
        "Critical path",
        "Time–cost curve",
    ):
        assert f"<h2>{heading}</h2>" in text
    # one plot per chart: Gantt, load, resources, curve
    assert text.count("Plotly.newPlot(") == 4
    assert "total float in this schedule is 0" in text
    assert "E-commerce Platform" in text
    assert "116,710" in text or f"{solved.cost.total:,.0f}" in text
    assert "keeps every rule" in text


def test_html_report_lists_broken_rules(tmp_path: Path) -> None:
    pytest.importorskip("plotly")
    project = tiny(
        [
            {"id": "X", "duration": 3, "needs": [{"skill": "dev"}]},
            {"id": "Y", "duration": 3, "needs": [{"skill": "dev"}]},
        ]
    )
    bad = hand_result(project, {"X": (0, 3, ["p"]), "Y": (1, 3, ["p"])})
    text = charts.write_html(project, bad, tmp_path / "bad.html").read_text(
        encoding="utf-8"
    )
    assert "Over-allocated" in text
    assert "breaks" in text and "over-allocated" in text


def test_html_report_without_a_schedule(tmp_path: Path) -> None:
    pytest.importorskip("plotly")
    project = tiny([{"id": "X", "duration": 2}])
    result = Result(
        status=SolveStatus.INFEASIBLE,
        explanation="the deadline <is> too tight",
        conflicts=["X: deadline"],
    )
    text = charts.write_html(
        project, result, tmp_path / "none.html"
    ).read_text(encoding="utf-8")
    assert "<h2>No schedule</h2>" in text
    assert "the deadline &lt;is&gt; too tight" in text  # escaped
    assert "Plotly.newPlot(" not in text


def test_png_gantt(ecommerce: Project, solved: Result, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    import matplotlib.image

    path = charts.write_png(ecommerce, solved, tmp_path / "g.png")
    assert path.read_bytes()[:8] == PNG_MAGIC
    pixels = matplotlib.image.imread(path)
    assert pixels.shape[1] > 1000 and pixels.std() > 0.05  # not blank


def test_png_without_a_schedule(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    project = tiny([{"id": "X", "duration": 2}])
    result = Result(status=SolveStatus.UNKNOWN)
    path = charts.write_png(project, result, tmp_path / "n.png")
    assert path.read_bytes()[:8] == PNG_MAGIC


# -- plansat report ----------------------------------------------------------


def run(*args: str | Path) -> Any:
    group = PlansatGroup(name="plansat", commands={"report": report})
    return CliRunner().invoke(group, ["report", *map(str, args)])


def test_cli_report_from_a_result_file(
    solved: Result, curve: TradeoffCurve, tmp_path: Path
) -> None:
    pytest.importorskip("plotly")
    pytest.importorskip("matplotlib")
    result_file = tmp_path / "result.json"
    result_file.write_text(solved.model_dump_json())
    curve_file = tmp_path / "curve.json"  # as `plansat crash --format json`
    curve_file.write_text(curve.model_dump_json(indent=2))
    html, png = tmp_path / "r.html", tmp_path / "g.png"
    out = run(
        EXAMPLE,
        "--result",
        result_file,
        "--html",
        html,
        "--png",
        png,
        "--curve",
        curve_file,
    )
    assert out.exit_code == 0, out.output
    assert f"wrote {html}" in out.stderr and f"wrote {png}" in out.stderr
    assert "Time–cost curve" in html.read_text(encoding="utf-8")
    assert png.read_bytes()[:8] == PNG_MAGIC


def test_cli_report_solves_when_no_result_is_given(tmp_path: Path) -> None:
    pytest.importorskip("plotly")
    html = tmp_path / "r.html"
    out = run(
        EXAMPLE,
        "--html",
        html,
        "--objective",
        "time",
        "--time-limit",
        "5",
        "--workers",
        "1",
    )
    assert out.exit_code == 0, out.output
    assert "OPTIMAL" in out.stdout
    assert "Gantt chart" in html.read_text(encoding="utf-8")


def test_cli_report_without_a_schedule_exits_3(tmp_path: Path) -> None:
    pytest.importorskip("plotly")
    # 10 days of work can't meet a deadline 3 working days after start
    project = tmp_path / "late.json"
    project.write_text(
        json.dumps(
            {
                "start": "2025-06-02",
                "deadline": "2025-06-04",
                "tasks": [{"id": "X", "duration": 10}],
            }
        )
    )
    html = tmp_path / "r.html"
    out = run(project, "--html", html, "--time-limit", "5", "--workers", "1")
    assert out.exit_code == 3, out.output
    assert "<h2>No schedule</h2>" in html.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        ((), 2, "give --html FILE and/or --png FILE"),
        (
            ("--html", "{tmp}/r.html", "--result", "{tmp}/missing.json"),
            2,
            "missing.json",
        ),
        (
            ("--html", "{tmp}/r.html", "--result", "{tmp}/bad.json"),
            2,
            "not valid JSON",
        ),
        (
            ("--html", "{tmp}/r.html", "--curve", "{tmp}/bad_curve.json"),
            2,
            "not a time-cost curve from `plansat crash --format json`",
        ),
        (
            (
                "--html",
                "{tmp}/no/such/dir/r.html",
                "--result",
                "{tmp}/result.json",
            ),
            2,
            "cannot write",
        ),
    ],
)
def test_cli_report_bad_input(
    args: tuple[str, ...],
    code: int,
    message: str,
    solved: Result,
    tmp_path: Path,
) -> None:
    pytest.importorskip("plotly")
    (tmp_path / "bad.json").write_text("{not json")
    (tmp_path / "bad_curve.json").write_text('[{"duration": 3}]')
    (tmp_path / "result.json").write_text(solved.model_dump_json())
    out = run(EXAMPLE, *(a.format(tmp=tmp_path) for a in args))
    assert out.exit_code == code, out.output
    assert message in out.output


def test_html_escapes_names(tmp_path: Path) -> None:
    pytest.importorskip("plotly")
    evil = "</script><script>alert(1)</script>"
    project = tiny([{"id": "A", "name": evil, "duration": 2}], name=evil)
    result = hand_result(project, {"A": (0, 2, [])})
    text = charts.write_html(project, result, tmp_path / "e.html").read_text(
        encoding="utf-8"
    )
    assert "<script>alert(1)" not in text
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in text


def test_multi_mode_tasks_use_their_modes_units(tmp_path: Path) -> None:
    # T has two modes: "fast" (1 day, 2 rig units) and "slow" (3 days,
    # 1 unit).  Scheduled in mode 1 (slow) on days 0-2: 1 unit a day.
    project = tiny(
        [
            {
                "id": "T",
                "modes": [
                    {"name": "fast", "duration": 1, "uses": {"rig": 2}},
                    {"name": "slow", "duration": 3, "uses": {"rig": 1}},
                ],
            },
        ],
        resources=[{"id": "rig", "capacity": 2}],
    )
    result = hand_result(project, {"T": (0, 3, [])})
    result.tasks[0].mode = 1
    (rig,) = data.resource_usage_series(project, result)
    assert rig.used == (1, 1, 1)
    (bar,) = data.gantt_bars(project, result)
    assert bar.mode == "slow"


def test_load_series_shade_days_off_and_count_split_work_on_segments(
) -> None:
    # pat works Mon-Wed; split B works Wed 4 Jun (day 2) and Mon 9 - Tue
    # 10 Jun (days 5-6): loaded on days 2, 5, 6; off (0 available) on
    # days 3-4; the span's days 3-4 carry no load.
    from tests.helpers import solved
    from tests.solver.test_calendars import chain

    project = chain(split=True)
    result = solved(project)
    fay, pat = data.person_load_series(project, result)
    assert pat.load[:7] == (0, 0, 100, 0, 0, 100, 100)
    assert pat.available[:7] == (100, 100, 100, 0, 0, 100, 100)
    assert pat.vacation[3] and pat.vacation[4] and not fay.vacation[3]


def test_gantt_draws_a_split_task_as_its_segments_over_days_off() -> None:
    # Split B (pat, Mon-Wed) works Wed 4 Jun and Mon 9 - Tue 10 Jun: two
    # segments, one pause, Thu 5 to Fri 6 Jun (end exclusive: Sat 7
    # Jun), which are pat's days off, shaded on B's row (the chart runs
    # to day 7, Wed 11 Jun; pat's next days off are days 8-9).  A is
    # fay's, who works every day: nothing shaded on its row.
    from plansat.charts.schedule.gantt import gantt_figure
    from plansat.charts.schedule.gantt_data import gantt_bars
    from tests.helpers import solved
    from tests.solver.test_calendars import chain

    project = chain(split=True)
    bars = {b.id: b for b in gantt_bars(project, solved(project))}
    assert bars["B"].pauses == ((date(2025, 6, 5), date(2025, 6, 7)),)
    assert bars["B"].segments == (
        (date(2025, 6, 4), date(2025, 6, 5)),
        (date(2025, 6, 9), date(2025, 6, 11)),
    )
    assert bars["B"].days_off == ((date(2025, 6, 5), date(2025, 6, 7)),)
    assert bars["A"].pauses == bars["A"].segments == bars["A"].days_off == ()
    fig = gantt_figure(project, list(bars.values()))
    traces = {t.name: t for t in fig.data}
    off = traces["Days off (people, resources, task)"]
    assert list(off.y) == [bars["B"].label]
    assert list(off.base) == ["2025-06-05"]
    assert list(off.x) == [2 * 86_400_000]
    # the days off lie under the bars: drawn first
    assert fig.data[0].name == "Days off (people, resources, task)"
    crit = traces["Critical task"]
    assert list(crit.base) == ["2025-06-02", "2025-06-04", "2025-06-09"]
    assert list(crit.y) == [bars["A"].label] + [bars["B"].label] * 2


def test_gantt_shades_the_days_off_of_a_task_that_waits() -> None:
    # B doesn't split: pat needs three days in a row, so Mon 9 - Wed 11
    # Jun (days [5, 8)); her Thu-Fri 5-6 Jun before it are shaded on its
    # row (why it waits); the chart ends with day 8, before her next
    # days off.  One bar, no segments.
    from plansat.charts.schedule.gantt import gantt_figure
    from plansat.charts.schedule.gantt_data import gantt_bars
    from tests.helpers import solved
    from tests.solver.test_calendars import chain

    project = chain(split=False)
    bars = {b.id: b for b in gantt_bars(project, solved(project))}
    assert bars["B"].days_off == ((date(2025, 6, 5), date(2025, 6, 7)),)
    assert bars["B"].segments == ()
    traces = {t.name: t for t in gantt_figure(project,
                                               list(bars.values())).data}
    assert list(traces["Critical task"].base)[-1] == "2025-06-09"
    assert len(traces["Days off (people, resources, task)"].y) == 1
