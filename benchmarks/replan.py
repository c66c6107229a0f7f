"""Re-plan versus a fresh solve, side by side in one run (issue 12).

A project from :mod:`benchmarks.generate` is solved once for time: that
result is the **baseline** (the plan of record).  Progress is then made
up from the baseline at a status day *D*, the first working day by which
``--progress`` of the baseline's work lies in the past, weighted by
duration (a task's days before *D* count, so tasks spanning *D* count in
part):

- tasks the baseline finishes before *D* are **done**, at their baseline
  dates with their baseline people; every 10th of them (in task order)
  finished one working day late, when that day is still before *D*;
- tasks spanning *D* are **in progress** since their baseline start, with
  their baseline people, ``percent_complete`` = their share of days
  before *D* and ``remaining`` = their days from *D* on; every 5th of
  them (with two or more days done) is one day behind: one day less done,
  one day more to go;
- the rest is **not started**.

The late finishes and the days behind are what make a re-plan necessary
(without them the baseline still fits the remaining work as it is).

Each repeat then runs, at the same time limit, workers and seed:

- ``fresh``: :func:`plansat.solve` of the original project (no progress)
  from scratch, as the issue's yardstick;
- ``replan``: :func:`plansat.analysis.tracking.replan.replan` of the progress
  project against the baseline (objective to its optimum, then the least
  change from the baseline in whatever time is left);
- ``replan_no_baseline``: the same re-plan without a baseline (no
  least-change phase, no baseline hint), the cost of the least change.

Every schedule goes through :func:`plansat.check.violations` (the
progress project's for the re-plans).  One CSV row per solve (the
baseline's too) with status, runtime, time to the first and the last
improving makespan, the seconds of each CP-SAT phase (from the engine's
log), makespan, bound, gap, the ratios to the fresh solve of the same
repeat, where the schedule came from (``cp-sat``, or the heuristic's
plan when CP-SAT found none in time) and, for the re-plan, the tasks
moved, people reassigned and the change; a markdown table is printed::

    python -m benchmarks.replan --tasks 1000 --people 40 --progress 0.4 \\
        --time-limit 60 --workers 2 --seed 0 \\
        --out benchmarks/results/replan.csv [--repeat N]
"""

from __future__ import annotations

import argparse
import copy
import csv
import logging
import os
import platform
import shlex
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import plansat
from benchmarks.generate import generate_data
from plansat.analysis.tracking.replan import replan
from plansat.check import violations
from plansat.models import Project, Result
from plansat.solver.engine import SolveProgress

#: Columns of the CSV, in order.
COLUMNS = (
    "run",
    "repeat",
    "tasks",
    "people",
    "seed",
    "workers",
    "time_limit",
    "progress",
    "status_day",
    "status_date",
    "work_done",
    "done",
    "in_progress",
    "not_started",
    "late_finishes",
    "behind",
    "status",
    "schedule_from",
    "runtime_s",
    "wall_s",
    "first_s",
    "best_s",
    "makespan",
    "objective",
    "bound",
    "gap",
    "runtime_vs_fresh",
    "gap_vs_fresh",
    "no_slower_no_worse",
    "moved",
    "reassigned",
    "change",
    "objective_phases_s",
    "stability_s",
    "stability_phase",
    "phases",
    "violations",
    "load",
)

#: Every n-th done task finishes one working day late.
SLIP_EVERY = 10
#: Every n-th task in progress is one working day behind.
BEHIND_EVERY = 5


@dataclass
class Cut:
    """Where the made-up progress cuts the baseline.

    Attributes
    ----------
    day
        The status day *D* (working-day index).
    work_done
        Share of the baseline's task-days before *D*.
    done, in_progress, not_started
        Task counts by state.
    late_finishes
        Done tasks that finished one day late.
    behind
        Tasks in progress one day behind.
    """

    day: int
    work_done: float
    done: int = 0
    in_progress: int = 0
    not_started: int = 0
    late_finishes: int = 0
    behind: int = 0


def status_day(baseline: Result, share: float) -> int:
    """The first working day by which ``share`` of the baseline's
    task-days lie in the past (days before it, tasks spanning it in
    part)."""
    spans = [(r.start, r.finish) for r in baseline.tasks]
    total = sum(f - s for s, f in spans)
    end = max((f for _, f in spans), default=0)
    for day in range(end + 1):
        past = sum(max(0, min(f, day) - s) for s, f in spans)
        if past >= share * total:
            return day
    return end


def progress_data(
    data: dict[str, Any],
    project: Project,
    baseline: Result,
    share: float,
) -> tuple[dict[str, Any], Cut]:
    """Project JSON of ``data`` with a status date and task progress made
    up from ``baseline`` at ``share`` of its work (see the module docs).
    """
    day = status_day(baseline, share)
    rows = {r.id: r for r in baseline.tasks}
    cal = project.work_calendar
    spans = [(r.start, r.finish) for r in baseline.tasks]
    total = sum(f - s for s, f in spans)
    past = sum(max(0, min(f, day) - s) for s, f in spans)
    cut = Cut(day, past / total if total else 0.0)
    out = copy.deepcopy(data)
    out["status_date"] = cal.date_of(day).isoformat()
    for task in out["tasks"]:
        r = rows[task["id"]]
        if r.finish <= day:
            last = r.finish - 1
            if cut.done % SLIP_EVERY == SLIP_EVERY - 1 and r.finish < day:
                last += 1
                cut.late_finishes += 1
            cut.done += 1
            task["progress"] = {
                "actual_start": cal.date_of(r.start).isoformat(),
                "actual_finish": cal.date_of(last).isoformat(),
                "percent_complete": 100,
                "people": list(r.people),
            }
        elif r.start < day:
            worked = day - r.start
            if (
                cut.in_progress % BEHIND_EVERY == BEHIND_EVERY - 1
                and worked >= 2
            ):
                worked -= 1
                cut.behind += 1
            cut.in_progress += 1
            task["progress"] = {
                "actual_start": cal.date_of(r.start).isoformat(),
                "percent_complete": round(100 * worked / r.duration, 2),
                "remaining": r.duration - worked,
                "people": list(r.people),
            }
        else:
            cut.not_started += 1
    return out, cut


class _Phases(logging.Handler):
    """Collects the engine's ``phase NAME: STATUS ... in S s`` log lines:
    (phase, status, CP-SAT wall seconds) per CP-SAT run."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.runs: list[tuple[str, str, float]] = []

    def emit(self, record: logging.LogRecord) -> None:
        args = record.args
        if (
            record.msg.startswith("phase ")
            and isinstance(args, tuple)
            and len(args) == 5
        ):
            seconds = args[4]
            if isinstance(seconds, (int, float)):
                self.runs.append((str(args[0]), str(args[1]), seconds))


def _timed(
    call: Callable[[Callable[[SolveProgress], None]], Result],
) -> tuple[Result, dict[str, Any]]:
    """Run ``call(progress)``; the result and its wall time, time to the
    first and to the last improving makespan, and the CP-SAT phases run
    (the objective's, and the least-change ``stability`` phase)."""
    seen: list[SolveProgress] = []
    engine_log = logging.getLogger("plansat.solver.engine")
    phases = _Phases()
    level = engine_log.level
    engine_log.addHandler(phases)
    engine_log.setLevel(logging.INFO)
    started = time.perf_counter()
    try:
        result = call(seen.append)
    finally:
        wall = time.perf_counter() - started
        engine_log.removeHandler(phases)
        engine_log.setLevel(level)
    found = [p.elapsed for p in seen if p.phase == "makespan"]
    stability = [s for name, _, s in phases.runs if name == "stability"]
    return result, {
        "wall_s": wall,
        "first_s": found[0] if found else None,
        "best_s": found[-1] if found else None,
        "objective_phases_s": sum(
            s for name, _, s in phases.runs if name != "stability"
        ),
        "stability_s": sum(stability) if stability else None,
        "phases": "; ".join(
            f"{name} {status} {s:.1f}s" for name, status, s in phases.runs
        ),
    }


def _row(
    run: str,
    repeat: int,
    project: Project,
    result: Result,
    timing: dict[str, Any],
) -> dict[str, Any]:
    """One CSV row (without the columns shared by the whole run)."""
    problems = violations(project, result)
    for line in problems[:10]:
        print(f"{run}: violation: {line}", file=sys.stderr)
    info = (
        result.replan
        if result.replan is not None
        and any(r.baseline_start is not None for r in result.tasks)
        else None
    )  # without a baseline nothing is measured against one
    return {
        "run": run,
        "repeat": repeat,
        "status": result.status.value,
        "schedule_from": result.solver.get("schedule_from", "cp-sat"),
        "runtime_s": result.runtime,
        "makespan": result.makespan,
        "objective": result.objective_value,
        "bound": result.bound,
        "gap": result.gap,
        "moved": None if info is None else info.moved,
        "reassigned": None if info is None else info.reassigned,
        "change": None if info is None else info.change,
        "stability_phase": result.solver.get("stability"),
        "violations": len(problems),
        "load": round(os.getloadavg()[0], 2),
        **timing,
    }


def _replan(
    project: Project,
    baseline: Result | None,
    opts: dict[str, Any],
    progress: Callable[[SolveProgress], None],
) -> Result:
    return replan(project, baseline, progress=progress, **opts)


def _versus(row: dict[str, Any], fresh: dict[str, Any]) -> None:
    """Fill the columns that compare ``row`` with the fresh solve."""
    if fresh["runtime_s"]:
        row["runtime_vs_fresh"] = row["runtime_s"] / fresh["runtime_s"]
    if row["gap"] is not None and fresh["gap"] is not None:
        row["gap_vs_fresh"] = row["gap"] - fresh["gap"]
        row["no_slower_no_worse"] = (
            row["runtime_s"] <= fresh["runtime_s"]
            and row["gap"] <= fresh["gap"]
        )
    elif fresh["gap"] is not None:  # no gap to state is not "no worse"
        row["no_slower_no_worse"] = False


def run(
    n_tasks: int = 1000,
    n_people: int = 40,
    share: float = 0.4,
    time_limit: float = 60.0,
    workers: int = 2,
    seed: int = 0,
    repeat: int = 1,
    log: Callable[[str], None] | None = None,
) -> list[dict[str, Any]]:
    """Baseline, then ``repeat`` times: fresh solve, re-plan, re-plan
    without a baseline.

    Parameters
    ----------
    n_tasks, n_people
        Size of the generated project.
    share
        Share of the baseline's task-days done at the status date.
    time_limit, workers, seed
        The same for every solve.
    repeat
        How many times to run the three solves.
    log
        Called with a line before each solve (default: nothing).

    Returns
    -------
    list of dict
        One row per solve, keys :data:`COLUMNS`.
    """
    say = log or (lambda _: None)
    data = generate_data(n_tasks, n_people, seed=seed)
    project = Project.from_data(data)
    opts: dict[str, Any] = {
        "objective": "time",
        "time_limit": time_limit,
        "workers": workers,
        "seed": seed,
    }

    def fresh(cb: Callable[[SolveProgress], None]) -> Result:
        return plansat.solve(project, progress=cb, **opts)

    say("baseline (fresh solve of the plan)")
    baseline, timing = _timed(fresh)
    rows = [_row("baseline", 0, project, baseline, timing)]
    if not baseline.status.has_solution:
        raise RuntimeError(f"no baseline: {baseline.explanation}")
    moved, cut = progress_data(data, project, baseline, share)
    progressed = Project.from_data(moved)

    for k in range(1, repeat + 1):
        say(f"repeat {k}: fresh solve")
        result, timing = _timed(fresh)
        first = _row("fresh", k, project, result, timing)
        rows.append(first)
        for run_name, base in (
            ("replan", baseline),
            ("replan_no_baseline", None),
        ):
            say(f"repeat {k}: {run_name}")
            result, timing = _timed(partial(_replan, progressed, base, opts))
            rows.append(_row(run_name, k, progressed, result, timing))
        for row in rows[-3:]:
            _versus(row, first)
    shared = {
        "tasks": n_tasks,
        "people": len(project.people),
        "seed": seed,
        "workers": workers,
        "time_limit": time_limit,
        "progress": share,
        "status_day": cut.day,
        "status_date": moved["status_date"],
        "work_done": cut.work_done,
        "done": cut.done,
        "in_progress": cut.in_progress,
        "not_started": cut.not_started,
        "late_finishes": cut.late_finishes,
        "behind": cut.behind,
    }
    return [
        {k: _rounded({**shared, **row}.get(k)) for k in COLUMNS}
        for row in rows
    ]


def _rounded(value: Any) -> Any:
    return round(value, 4) if isinstance(value, float) else value


def _cell(value: Any, percent: bool = False) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "**no**"
    if percent and isinstance(value, (int, float)):
        return f"{100 * value:.1f} %"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def markdown(rows: list[dict[str, Any]]) -> str:
    """The rows as a markdown table."""
    head = (
        "| run | repeat | status | schedule from | runtime s | vs fresh "
        "| best at s "
        "| objective phases s | makespan | bound | gap | gap − fresh "
        "| no slower, no worse | least-change phase | moved | reassigned "
        "| change | checker |"
    )
    lines = [head, "|" + "---|" * head.count(" | ") + "---|"]
    for r in rows:
        ratio = r["runtime_vs_fresh"]
        diff = r["gap_vs_fresh"]
        cells = [
            r["run"],
            r["repeat"],
            r["status"],
            r["schedule_from"],
            _cell(r["runtime_s"]),
            "–" if ratio is None else f"{ratio:.3f}",
            _cell(r["best_s"]),
            _cell(r["objective_phases_s"]),
            _cell(r["makespan"]),
            _cell(r["bound"]),
            _cell(r["gap"], percent=True),
            "–" if diff is None else f"{100 * diff:+.1f} pt",
            _cell(r["no_slower_no_worse"]),
            "–"
            if r["stability_phase"] is None
            else f"{r['stability_phase']} {r['stability_s']:g} s",
            _cell(r["moved"]),
            _cell(r["reassigned"]),
            _cell(r["change"]),
            "clean"
            if r["violations"] == 0
            else f"{r['violations']} violations",
        ]
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    return "\n".join(lines)


def _write_csv(rows: list[dict[str, Any]], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print its table and write the CSV.

    Returns 1 when a schedule breaks a rule of its project, else 0.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--people", type=int, default=40)
    parser.add_argument(
        "--progress",
        type=float,
        default=0.4,
        help="share of the baseline's task-days done (0-1)",
    )
    parser.add_argument(
        "--time-limit", type=float, default=60.0, help="per solve (s)"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of the three solves"
    )
    parser.add_argument("--out", default="benchmarks/results/replan.csv")
    args = parser.parse_args(argv)
    if not 0 <= args.progress < 1:
        parser.error("--progress must be in [0, 1)")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    print(
        "command: python -m benchmarks.replan "
        + shlex.join(sys.argv[1:] if argv is None else argv),
        file=sys.stderr,
    )
    print(
        f"python {platform.python_version()}, {os.cpu_count()} cpus, "
        f"load average {os.getloadavg()[0]:.2f}",
        file=sys.stderr,
    )
    started = time.perf_counter()
    rows = run(
        args.tasks,
        args.people,
        args.progress,
        args.time_limit,
        args.workers,
        args.seed,
        args.repeat,
        log=lambda line: print(
            f"[{time.perf_counter() - started:6.1f}s] {line} ...",
            file=sys.stderr,
        ),
    )
    r = rows[0]
    print(
        f"\n{r['tasks']} tasks, {r['people']} people, seed {r['seed']}; "
        f"status day {r['status_day']} ({r['status_date']}): "
        f"{100 * r['work_done']:.1f} % of the baseline's task-days done; "
        f"{r['done']} done ({r['late_finishes']} one day late), "
        f"{r['in_progress']} in progress ({r['behind']} one day behind), "
        f"{r['not_started']} not started; objective time, "
        f"{r['time_limit']:g} s, {r['workers']} workers\n"
    )
    print(markdown(rows))
    out = Path(args.out)
    _write_csv(rows, out)
    print(
        f"wrote {out} (total {time.perf_counter() - started:.0f} s, "
        f"load average {os.getloadavg()[0]:.2f})",
        file=sys.stderr,
    )
    return 1 if any(row["violations"] for row in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
