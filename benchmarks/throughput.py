"""Batch throughput: projects solved per minute for several pool sizes.

Generates ``--projects`` variants of ``examples/ecommerce.json`` (each
with ``--copies`` copies of its eight tasks sharing the same five people
and staging environment, a start date shifted by a week per project and
every duration perturbed by up to +-30 %), then solves the whole batch
with :func:`plansat.batch.solve_many` on a local process pool of
each ``--jobs`` size (one CP-SAT worker per solve) and reports wall time,
projects per minute and the speed-up over the first pool size::

    python -m benchmarks.throughput --projects 40 --jobs 1,2 --time-limit 5

The wall time includes starting and stopping the pool.  Results of every
pool size are checked against the project with
:func:`plansat.check.violations`.
"""

from __future__ import annotations

import argparse
import json
import random
import shlex
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from plansat.batch import BatchItem, solve_many
from plansat.check import violations
from plansat.models import Project
from plansat.options import SolveOptions

ROOT = Path(__file__).resolve().parent.parent
ECOMMERCE = ROOT / "examples" / "ecommerce.json"


def variant(base: dict[str, Any], k: int, copies: int) -> dict[str, Any]:
    """Project JSON of variant ``k``: ``copies`` copies of the base tasks
    (ids suffixed ``_c``), start shifted by ``k`` weeks, durations
    perturbed by up to 30 % (seeded by ``k``), no project deadline."""
    rng = random.Random(k)
    data = json.loads(json.dumps(base))
    data["name"] = f"{base['name']} #{k}"
    data["start"] = (
        date.fromisoformat(base["start"]) + timedelta(weeks=k)
    ).isoformat()
    data["deadline"] = None
    tasks = []
    for c in range(copies):
        for task in base["tasks"]:
            t = json.loads(json.dumps(task))
            t["id"] = f"{task['id']}_{c}"
            t["duration"] = max(
                1, round(task["duration"] * rng.uniform(0.7, 1.3))
            )
            t.pop("estimate", None)
            t.pop("deadline", None)
            if "crash" in t:
                t["crash"]["duration"] = max(
                    1, min(t["crash"]["duration"], t["duration"] - 1)
                )
                if t["crash"]["duration"] >= t["duration"]:
                    del t["crash"]
            t["after"] = [_rename(dep, c) for dep in task.get("after", [])]
            tasks.append(t)
    data["tasks"] = tasks
    return data


def _rename(dep: str | dict[str, Any], copy: int) -> str | dict[str, Any]:
    if isinstance(dep, str):
        return f"{dep}_{copy}"
    return {**dep, "task": f"{dep['task']}_{copy}"}


def make_projects(count: int, copies: int) -> list[Project]:
    """``count`` validated variants of the e-commerce example."""
    base = json.loads(ECOMMERCE.read_text())
    return [
        Project.model_validate(variant(base, k, copies)) for k in range(count)
    ]


def run(
    projects: list[Project], jobs: int, options: SolveOptions
) -> tuple[float, list[BatchItem]]:
    """Wall seconds and items of one batch on a pool of ``jobs``."""
    started = time.perf_counter()
    items = solve_many(projects, options, jobs=jobs)
    return time.perf_counter() - started, items


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--projects", type=int, default=40)
    parser.add_argument(
        "--jobs", default="1,2", help="comma-separated pool sizes"
    )
    parser.add_argument("--time-limit", type=float, default=5.0)
    parser.add_argument(
        "--copies",
        type=int,
        default=3,
        help="copies of the 8 e-commerce tasks per project",
    )
    parser.add_argument(
        "--objective", default="time", choices=["time", "balance", "cost"]
    )
    args = parser.parse_args(argv)
    pools = [int(j) for j in args.jobs.split(",") if j.strip()]
    options = SolveOptions(
        objective=args.objective,
        time_limit=args.time_limit,
        workers=1,
        seed=0,
    )

    projects = make_projects(args.projects, args.copies)
    print(
        "command: python -m benchmarks.throughput "
        + shlex.join(sys.argv[1:] if argv is None else argv)
    )
    print(
        f"{len(projects)} projects x {len(projects[0].tasks)} tasks, "
        f"{len(projects[0].people)} people, objective {args.objective}, "
        f"time limit {args.time_limit}s, 1 CP-SAT worker per solve"
    )
    header = (
        f"{'jobs':>4}  {'wall s':>8}  {'proj/min':>9}  "
        f"{'speed-up':>8}  {'mean solve s':>12}  statuses"
    )
    print(header)
    print("-" * len(header))
    first: float | None = None
    for jobs in pools:
        wall, items = run(projects, jobs, options)
        for item, project in zip(items, projects, strict=True):
            if item.result is not None and item.ok:
                found = violations(project, item.result)
                assert not found, (item.source, found)
        rate = len(items) / wall * 60
        first = first or rate
        statuses = Counter(item.status for item in items)
        mean = sum(item.runtime for item in items) / max(len(items), 1)
        print(
            f"{jobs:>4}  {wall:>8.2f}  {rate:>9.1f}  "
            f"{rate / first:>7.2f}x  {mean:>12.3f}  "
            + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items()))
        )


if __name__ == "__main__":
    main()
