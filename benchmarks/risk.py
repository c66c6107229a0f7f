"""Monte Carlo schedule risk at scale: vectorised against naive.

A generated project (:func:`benchmarks.generate.generate_data`, 1,000
tasks and 40 people by default) gets three-point estimates (optimistic
``round(0.8 d)``, likely ``d``, pessimistic ``round(1.6 d) + 1``) and a
resource-feasible plan from the forward-backward improved constructive
schedule, checked by :func:`plansat.check.violations`.  Pinned to one
core, the benchmark then times, side by side:

- ``simulate``: :func:`plansat.analysis.risk.simulation.simulate` end to end
  (sampling, the plan's and the links-only evaluation, criticality,
  Spearman, statistics) for ``--iterations`` samples;
- the vectorised evaluation alone (:func:`plansat.schedule.sampling.
  evaluate`) of those samples;
- the naive loop: the same samples one at a time
  (:func:`plansat.schedule.sampling.evaluate_one`), on the first
  ``--naive`` samples, and the time per sample of both.

::

    python -m benchmarks.risk [--tasks 1000] [--people 40]
        [--iterations 10000] [--naive 300]
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np

from benchmarks.generate import generate_data
from plansat.analysis.risk.durations import duration_model
from plansat.analysis.risk.simulation import simulate
from plansat.check import violations
from plansat.heuristics.improve import improved_schedule
from plansat.models import Project, Result, SolveStatus
from plansat.options import Budget
from plansat.schedule.evaluate import build_result
from plansat.schedule.sampling import (
    build_network,
    evaluate,
    evaluate_one,
    plan_tasks,
)

T = TypeVar("T")


def estimated_project(tasks: int, people: int, seed: int) -> Project:
    """A generated project with a three-point estimate on every task."""
    data = generate_data(tasks, people, seed=seed)
    for t in data["tasks"]:
        d = t["duration"]
        t["estimate"] = {"optimistic": round(0.8 * d), "likely": d,
                         "pessimistic": round(1.6 * d) + 1}
    return Project.from_data(data)


def heuristic_plan(project: Project, seconds: float = 5.0) -> Result:
    """The improved constructive schedule as a checked result."""
    plan = improved_schedule(project, Budget(seconds))
    result = build_result(project, plan, SolveStatus.FEASIBLE, "time",
                          None, None, 0.0)
    found = violations(project, result)
    if found:
        raise AssertionError(f"the plan breaks the rules: {found[:3]}")
    return result


def timed(step: Callable[[], T]) -> tuple[T, float, float]:
    """The value of ``step()``, its wall and CPU seconds."""
    wall, cpu = time.perf_counter(), time.process_time()
    value = step()
    return value, time.perf_counter() - wall, time.process_time() - cpu


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Build, plan, and time the three ways; the numbers as a dict."""
    project = estimated_project(args.tasks, args.people, args.seed)
    result = heuristic_plan(project)
    links = sum(len(t.after) for t in project.tasks)
    report, sim_wall, sim_cpu = timed(
        lambda: simulate(project, result, iterations=args.iterations,
                         seed=args.seed))
    tasks = plan_tasks(project, result)
    net = build_network(project, result, "plan", tasks)
    d = duration_model(project, tasks).draw(
        np.random.default_rng(args.seed), args.iterations).durations
    ev, vec_wall, vec_cpu = timed(lambda: evaluate(net, d))
    columns = [d[:, k].tolist() for k in range(args.naive)]
    naive, naive_wall, naive_cpu = timed(
        lambda: [evaluate_one(net, c) for c in columns])
    for k, (_, finish) in enumerate(naive):  # the same answers
        assert max(finish) == int(ev.makespan[k])
    return {
        "tasks": len(project.tasks), "people": len(project.people),
        "links": links, "plan_edges": sum(len(e) for e in net.into),
        "plan_makespan": result.makespan, "iterations": args.iterations,
        "simulate": (sim_wall, sim_cpu), "vectorised": (vec_wall, vec_cpu),
        "naive": (naive_wall, naive_cpu), "naive_samples": args.naive,
        "p50": report.finish.p50, "p80": report.finish.p80,
        "cpm_p80": report.cpm_only.finish.p80,
    }


def table(r: dict[str, Any]) -> str:
    """The markdown table of :func:`run`'s numbers."""
    n, m = r["iterations"], r["naive_samples"]
    per = {
        "simulate": r["simulate"][0] / n,
        "vectorised": r["vectorised"][0] / n,
        "naive": r["naive"][0] / m,
    }
    lines = [
        "| | samples | wall s | CPU s | per sample (ms) | vs naive |",
        "|---|---|---|---|---|---|",
    ]
    for name, samples in (("simulate (end to end)", n),
                          ("vectorised evaluation", n),
                          ("naive loop (evaluate_one)", m)):
        key = name.split()[0]
        wall, cpu = r[key]
        lines.append(
            f"| {name} | {samples:,} | {wall:.2f} | {cpu:.2f} | "
            f"{1000 * per[key]:.3f} | {per['naive'] / per[key]:.0f}× |"
        )
    lines.append(
        f"\n{r['tasks']:,} tasks, {r['people']} people, {r['links']:,} "
        f"links, {r['plan_edges']:,} edges in the plan's order; plan "
        f"{r['plan_makespan']} days; P50 {r['p50']}, P80 {r['p80']} "
        f"(critical path only: P80 {r['cpm_p80']}). Naive loop for "
        f"{n:,} samples, extrapolated: {per['naive'] * n:.0f} s."
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark on one core and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--people", type=int, default=40)
    parser.add_argument("--iterations", type=int, default=10_000)
    parser.add_argument("--naive", type=int, default=300,
                        help="samples of the naive loop (default 300)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    args.naive = min(args.naive, args.iterations)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    print(f"# Risk simulation ({platform.python_version()}, numpy "
          f"{np.__version__}, one core)")
    print(table(run(args)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
