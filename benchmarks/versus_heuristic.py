"""The engine against the schedule an MS Project-style leveller gives.

For each generated project (:mod:`benchmarks.generate`, with people),
the improved constructive schedule alone (serial schedule generation
with skill matching, forward-backward passes and restarts: what
resource levelling gives) for ``--heuristic-seconds``, then
``plansat.solve`` with each strategy for ``--time-limit``, side by side
in one run.  Every plan is checked with the independent checker; the
table gives each makespan and the ratio strategy / heuristic::

    python -m benchmarks.versus_heuristic --sizes 60,100,150,250,500 \\
        --seeds 0,1 --strategies v1,default --time-limit 10
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from pathlib import Path
from typing import Any


def run_one(n_tasks: int, seed: int, strategies: list[str],
            time_limit: float, heuristic_seconds: float,
            workers: int) -> dict[str, Any]:
    """One generated project: the heuristic's and each strategy's
    makespan (checker-clean, or the run fails)."""
    import plansat
    from benchmarks.generate import generate_data
    from plansat.heuristics.improve import improved_schedule
    from plansat.models import Project, SolveStatus
    from plansat.options import Budget
    from plansat.schedule.evaluate import build_result

    project = Project.from_data(generate_data(n_tasks, seed=seed))
    t0 = time.perf_counter()
    plan = improved_schedule(project, Budget(heuristic_seconds))
    row: dict[str, Any] = {
        "tasks": n_tasks, "people": len(project.people), "seed": seed,
        "heuristic": plan.makespan,
        "heuristic_s": round(time.perf_counter() - t0, 2),
    }
    check = build_result(project, plan, SolveStatus.FEASIBLE, "time",
                         plan.makespan, None, 0.0)
    if plansat.violations(project, check):
        raise SystemExit(f"heuristic plan of {n_tasks}/{seed} is invalid")
    for name in strategies:
        result = plansat.solve(project, objective="time",
                               time_limit=time_limit, workers=workers,
                               seed=seed, strategy=name)
        if plansat.violations(project, result):
            raise SystemExit(f"{name} plan of {n_tasks}/{seed} is invalid")
        row[name] = result.makespan
        row[f"{name}_status"] = result.status.value
        row[f"{name}_ratio"] = round((result.makespan or 0) / plan.makespan,
                                     4)
    return row


def main(argv: list[str] | None = None) -> int:
    """Print one row per project and the mean ratios; write the CSV."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="60,100,150,250,500")
    parser.add_argument("--seeds", default="0,1")
    parser.add_argument("--strategies", default="v1,default")
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--heuristic-seconds", type=float, default=3.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out",
                        default="benchmarks/results/versus_heuristic.csv")
    args = parser.parse_args(argv)
    strategies = [s for s in args.strategies.split(",") if s]
    rows = []
    for n in (int(x) for x in args.sizes.split(",") if x):
        for seed in (int(x) for x in args.seeds.split(",") if x):
            row = run_one(n, seed, strategies, args.time_limit,
                          args.heuristic_seconds, args.workers)
            rows.append(row)
            print(" ".join(f"{k}={v}" for k, v in row.items()),
                  file=sys.stderr)
    for name in strategies:
        ratios = [r[f"{name}_ratio"] for r in rows]
        longer = sum(r > 1 for r in ratios)
        print(f"{name}: mean ratio to the heuristic "
              f"{statistics.mean(ratios):.4f}, longer on {longer} of "
              f"{len(rows)}, best {min(ratios):.4f}, worst "
              f"{max(ratios):.4f}")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
