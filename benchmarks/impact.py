"""What-if speed: the propagated answer (no solver) against the recovered
one (the optimal re-plan at the time limit), side by side (issue 14).

A project from :mod:`benchmarks.generate` is solved once for time within
``--baseline-limit`` seconds: that plan is the baseline.  Two scenarios
are then asked of it, each with :func:`plansat.analysis.impact.what_if.what_if`
at ``--time-limit``:

- ``delay``: the longest critical task (no float in the plan) of the
  plan's first half finishes ``--days`` working days late;
- ``absence``: a person of the first critical task with people is away
  for ``--days`` working days from that task's start.

For each, the propagated part
(:func:`plansat.analysis.impact.what_if.propagate`, the plan's order
held, no solver) is timed alone as the median of
``--repeat`` runs, and the whole what-if (propagation, the least-change
re-plan, and when the change makes the plan late the cheapest recovery
from the trade-off machinery) once.  The recovered plan goes through
:func:`plansat.check.violations`.  A markdown table is printed::

    python -m benchmarks.impact --tasks 300 --people 20 --time-limit 30 \\
        --baseline-limit 60 --workers 2 --seed 0 \\
        [--out benchmarks/results/impact.csv]
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.generate import generate_project
from plansat.analysis.impact.changes import Change, Delay, Unavailable, apply
from plansat.analysis.impact.what_if import propagate, what_if
from plansat.check import violations
from plansat.models import Project, Result
from plansat.models.impact import Recovery
from plansat.options import SolveOptions
from plansat.solver.solve import solve

#: Columns of the CSV and the table, in order.
COLUMNS = (
    "scenario", "tasks", "people", "time_limit", "workers",
    "baseline_status", "baseline_makespan", "baseline_gap", "change",
    "propagated_seconds", "propagated_delay", "moved",
    "recovered_status", "recovered_delay", "recovered_gap",
    "replanning_saves", "recovery", "whatif_seconds", "violations",
)


def scenarios(project: Project, plan: Result, days: int
              ) -> dict[str, list[Change]]:
    """The delay and the absence asked of ``plan``."""
    critical = [t for t in plan.tasks
                if t.total_float == 0 and t.duration > 0]
    early = [t for t in critical if 2 * t.start < (plan.makespan or 0)]
    longest = max(early or critical, key=lambda t: (t.duration, t.id))
    staffed = min((t for t in critical if t.people),
                  key=lambda t: (t.start, t.id))
    cal = project.work_calendar
    away = Unavailable(staffed.people[0], cal.date_of(staffed.start),
                       cal.date_of(staffed.start + days - 1))
    return {"delay": [Delay(longest.id, days)], "absence": [away]}


def run(
    n_tasks: int = 300, n_people: int = 20, seed: int = 0,
    time_limit: float = 30.0, workers: int = 2, days: int = 5,
    repeat: int = 5, baseline_limit: float | None = None,
) -> list[dict[str, Any]]:
    """Solve the baseline, then time both parts of each scenario."""
    project = generate_project(n_tasks, n_people, seed)
    options = SolveOptions(time_limit=time_limit, workers=workers,
                           seed=seed)
    plan = solve(project, options,
                 time_limit=baseline_limit or 2 * time_limit)
    if not plan.status.has_solution:
        raise SystemExit(f"no baseline: {plan.explanation}")
    rows = []
    for name, changes in scenarios(project, plan, days).items():
        seconds = []
        for _ in range(repeat):
            began = time.perf_counter()
            prop = propagate(project, plan, changes)
            seconds.append(time.perf_counter() - began)
        began = time.perf_counter()
        answer = what_if(project, plan, changes, options)
        whole = time.perf_counter() - began
        bad = 0
        if answer.plan is not None and answer.plan.status.has_solution:
            bad = len(violations(apply(project, changes), answer.plan))
        rec = answer.recovered
        rows.append({
            "scenario": name, "tasks": n_tasks, "people": n_people,
            "time_limit": time_limit, "workers": workers,
            "baseline_status": plan.status.value,
            "baseline_makespan": plan.makespan,
            "baseline_gap": None if plan.gap is None else round(plan.gap, 4),
            "change": "; ".join(c.spec for c in changes),
            "propagated_seconds": round(statistics.median(seconds), 4),
            "propagated_delay": prop.delay, "moved": len(prop.moved),
            "recovered_status": rec.status.value,
            "recovered_delay": rec.delay,
            "recovered_gap": None if rec.gap is None else round(rec.gap, 4),
            "replanning_saves": answer.replanning_saves,
            "recovery": _recovery(answer.recovery),
            "whatif_seconds": round(whole, 2), "violations": bad,
        })
    return rows


def _recovery(answer: Recovery | None) -> str | None:
    """The recovery in a few words."""
    if answer is None:
        return None
    status = answer.status.value if answer.status else "–"
    if answer.met:
        return f"met ({status})"
    if answer.proven:
        return f"short by {answer.short_by} (proven)"
    return f"no answer ({status})"


def table(rows: list[dict[str, Any]]) -> str:
    """The rows as a markdown table."""
    lines = ["| " + " | ".join(COLUMNS) + " |",
             "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join("–" if r[c] is None else str(r[c])
                                for c in COLUMNS) + " |" for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark from the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tasks", type=int, default=300)
    parser.add_argument("--people", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--baseline-limit", type=float, default=None,
                        help="seconds for the baseline (default: twice "
                        "--time-limit)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--days", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    rows = run(args.tasks, args.people, args.seed, args.time_limit,
               args.workers, args.days, args.repeat, args.baseline_limit)
    print(table(rows))
    if args.out is not None:
        with args.out.open("w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
