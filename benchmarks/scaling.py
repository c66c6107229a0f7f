"""How the whole pipeline scales with project size.

For each size, a realistic project from :mod:`benchmarks.generate` goes
through every stage, each timed on its own, in a fresh subprocess (so
peak memory figures don't mix between sizes):

1. generation of the JSON and its validation into a ``Project``;
2. the critical-path lower bound (:func:`plansat.critical_path`);
3. the constructive schedule and its makespan;
4. the CP-SAT model build (``Engine(project, horizon)``, with the horizon
   ``solve`` would use) and its size: (task, qualified person) pairs,
   variables, constraints;
5. ``plansat.solve(objective="time")``: time to the first solution, final
   status, makespan, bound and gap at the time limit;
6. the independent checker :func:`plansat.violations` (must be empty).

::

    python -m benchmarks.scaling --sizes 100,1000,5000 --time-limit 60 \\
        --workers 2 --out benchmarks/results/scaling.csv

``--time-limits 20,20,60`` gives one limit per size instead.
"""

from __future__ import annotations

import argparse
import csv
import gc
import gzip
import json
import os
import platform
import resource
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from benchmarks import best_known

#: Columns of the CSV, in order.
COLUMNS = (
    "tasks",
    "people",
    "links",
    "needs",
    "seed",
    "strategy",
    "workers",
    "time_limit",
    "params",
    "generate_s",
    "validate_s",
    "cpm_s",
    "cpm_makespan",
    "people_bound",
    "constructive_s",
    "heuristic_makespan",
    "horizon",
    "build_s",
    "pairs",
    "variables",
    "constraints",
    "first_solution_s",
    "first_makespan",
    "solutions",
    "status",
    "makespan",
    "bound",
    "gap",
    "best_known",
    "to_best",
    "solve_s",
    "check_s",
    "violations",
    "rss_build_mb",
    "rss_peak_mb",
)


def _rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux
    reports KB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    scale = 1 if sys.platform == "darwin" else 1024
    return round(peak * scale / 2**20, 1)


def _parse_params(items: list[str]) -> dict[str, object]:
    """``["key=value", ...]`` -> CP-SAT parameters (ints, floats and
    booleans converted)."""
    out: dict[str, object] = {}
    for item in items:
        key, sep, text = item.partition("=")
        if not sep:
            raise ValueError(f"--param needs key=value, got {item!r}")
        value: object = text
        if text in ("true", "false"):
            value = text == "true"
        else:
            for kind in (int, float):
                try:
                    value = kind(text)
                    break
                except ValueError:
                    pass
        out[key] = value
    return out


def run_one(
    n_tasks: int,
    time_limit: float,
    workers: int,
    seed: int = 0,
    params: list[str] | None = None,
    strategy_name: str = "default",
    plan_out: Path | None = None,
) -> dict[str, Any]:
    """Measure every stage for one project size (in this process).

    Parameters
    ----------
    n_tasks
        Number of tasks; the team has the generator's default size.
    time_limit
        Seconds for ``plansat.solve``.
    workers
        CP-SAT workers.
    seed
        Seed of the generated project and of the solver.
    params
        Extra CP-SAT parameters as ``key=value`` strings, added to the
        strategy (e.g. ``cp_model_probing_level=0``).
    strategy_name
        The strategy to solve with (``default``, ``v1``, ...).
    plan_out
        Where to write the result (gzip JSON), for
        :func:`benchmarks.best_known.offer`.

    Returns
    -------
    dict
        One row with the keys of :data:`COLUMNS`.
    """
    import plansat
    from benchmarks.generate import generate_data
    from plansat.heuristics.constructive import constructive_schedule
    from plansat.models import Project
    from plansat.solver.engine import SolveProgress
    from plansat.solver.search import get_strategy
    from plansat.solver.solve import model_horizon

    extra = _parse_params(params or [])
    base = get_strategy(strategy_name)
    strategy = replace(base, params={**base.params, **extra})
    row: dict[str, Any] = {
        "tasks": n_tasks,
        "seed": seed,
        "strategy": strategy_name,
        "workers": workers,
        "time_limit": time_limit,
        "params": " ".join(params or []) or "-",
    }
    t0 = time.perf_counter()
    data = generate_data(n_tasks, seed=seed)
    t1 = time.perf_counter()
    project = Project.from_data(data)
    t2 = time.perf_counter()
    row["fingerprint"] = best_known.fingerprint(data)  # not timed
    row.update(
        people=len(project.people),
        links=sum(len(t.after) for t in project.tasks),
        needs=sum(len(t.needs) for t in project.tasks),
        generate_s=t1 - t0,
        validate_s=t2 - t1,
    )
    del data

    t0 = time.perf_counter()
    cpm = plansat.critical_path(project)
    row["cpm_s"] = time.perf_counter() - t0
    row["cpm_makespan"] = cpm.duration
    work = sum(t.duration * t.slots * t.allocation for t in project.tasks)
    capacity = sum(p.availability for p in project.people)
    row["people_bound"] = round(work / capacity, 1)

    t0 = time.perf_counter()
    plan = constructive_schedule(project)
    row["constructive_s"] = time.perf_counter() - t0
    row["heuristic_makespan"] = plan.makespan

    horizon = model_horizon(project, "time", plan)
    row["horizon"] = horizon
    t0 = time.perf_counter()
    engine = strategy.engine(project, horizon)
    row["build_s"] = time.perf_counter() - t0
    proto = engine.model.proto
    row.update(
        pairs=len(engine.vars.works),
        variables=len(proto.variables),
        constraints=len(proto.constraints),
        rss_build_mb=_rss_mb(),
    )
    del engine, proto, plan
    gc.collect()

    seen: list[SolveProgress] = []

    def on_progress(p: SolveProgress) -> None:
        seen.append(p)

    t0 = time.perf_counter()
    result = plansat.solve(
        project,
        objective="time",
        time_limit=time_limit,
        workers=workers,
        seed=seed,
        progress=on_progress,
        strategy=strategy,
    )
    row["solve_s"] = time.perf_counter() - t0
    first = next((p for p in seen if p.phase == "makespan"), None)
    row.update(
        first_solution_s=None if first is None else first.elapsed,
        first_makespan=None if first is None else round(first.objective),
        solutions=sum(p.phase == "makespan" for p in seen),
        status=result.status.value,
        makespan=result.makespan,
        bound=result.bound,
        gap=result.gap,
    )

    t0 = time.perf_counter()
    problems = plansat.violations(project, result)
    row["check_s"] = time.perf_counter() - t0
    row["violations"] = len(problems)
    record = best_known.best(n_tasks, seed)[0]
    row["best_known"] = record
    if record and result.makespan is not None:
        row["to_best"] = round(100 * (result.makespan / record - 1), 2)
    if plan_out is not None:
        plan_out.write_bytes(
            gzip.compress(result.model_dump_json().encode(), mtime=0)
        )
    for line in problems[:10]:
        print(f"violation: {line}", file=sys.stderr)
    row["rss_peak_mb"] = _rss_mb()
    keep = (*COLUMNS, "fingerprint")
    return {k: _rounded(row.get(k)) for k in keep}


def _rounded(value: Any) -> Any:
    return round(value, 3) if isinstance(value, float) else value


def _in_subprocess(
    n_tasks: int,
    time_limit: float,
    workers: int,
    seed: int,
    params: list[str],
    strategy: str = "default",
) -> dict[str, Any]:
    """Run :func:`run_one` in a fresh interpreter, offer its plan to the
    best-known record (:mod:`benchmarks.best_known`) and return its
    row."""
    cmd = [
        sys.executable,
        "-m",
        "benchmarks.scaling",
        "--one",
        str(n_tasks),
        "--time-limit",
        str(time_limit),
        "--workers",
        str(workers),
        "--seed",
        str(seed),
        "--strategies",
        strategy,
    ]
    for item in params:
        cmd += ["--param", item]
    plan = best_known.HOME / "scaling_last.json.gz"
    plan.parent.mkdir(parents=True, exist_ok=True)
    cmd += ["--plan-out", str(plan)]
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        cmd, cwd=root, capture_output=True, text=True, check=False
    )
    sys.stderr.write(done.stderr)
    if done.returncode != 0:
        raise RuntimeError(
            f"size {n_tasks} failed with exit code {done.returncode}"
        )
    last = done.stdout.strip().splitlines()[-1]
    row: dict[str, Any] = json.loads(last)
    if not params:  # a record is made with the strategy as it stands
        how = {"strategy": strategy, "time_limit": time_limit,
               "workers": workers,
               "command": f"python -m benchmarks.scaling --sizes {n_tasks} "
                          f"--time-limit {time_limit:g} --seeds {seed} "
                          f"--strategies {strategy} --workers {workers}"}
        for news in best_known.offer(row, plan, how):
            print(f"best-known {n_tasks}/{seed}: {news}", file=sys.stderr)
    plan.unlink(missing_ok=True)
    del row["fingerprint"]
    return row


def _show(rows: list[dict[str, Any]]) -> None:
    """Print the rows as a table, one column per size."""
    try:
        from rich.console import Console
        from rich.table import Table
    except ImportError:  # pragma: no cover - rich is a dependency
        for key in COLUMNS:
            print(f"{key:>20} " + " ".join(f"{r[key]!s:>12}" for r in rows))
        return
    table = Table(title="plansat scaling (objective=time)")
    table.add_column("measure")
    for r in rows:
        table.add_column(f"{r['tasks']} {r['strategy']} s{r['seed']}",
                         justify="right")
    for key in COLUMNS:
        table.add_row(key, *(str(r[key]) for r in rows))
    Console().print(table)


def _write_csv(rows: list[dict[str, Any]], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print its table and write the CSV."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="100,1000,5000", help="comma-separated task counts"
    )
    parser.add_argument(
        "--time-limit",
        type=float,
        default=60.0,
        help="solve time limit per size (s)",
    )
    parser.add_argument(
        "--time-limits",
        default=None,
        help="one limit per size, comma-separated",
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--seeds", default=None,
        help="comma-separated seeds (one project and solve each)",
    )
    parser.add_argument(
        "--strategies", default="default",
        help="comma-separated strategies, side by side per size and seed",
    )
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="extra CP-SAT parameter (repeatable), e.g. "
        "cp_model_probing_level=0",
    )
    parser.add_argument("--out", default="benchmarks/results/scaling.csv")
    parser.add_argument(
        "--one", type=int, default=None, help=argparse.SUPPRESS
    )  # child process mode
    parser.add_argument("--plan-out", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.one is not None:
        row = run_one(
            args.one, args.time_limit, args.workers, args.seed, args.param,
            args.strategies,
            None if args.plan_out is None else Path(args.plan_out),
        )
        print(json.dumps(row))
        return 0

    sizes = [int(s) for s in args.sizes.split(",") if s]
    limits = (
        [float(x) for x in args.time_limits.split(",")]
        if args.time_limits
        else [args.time_limit] * len(sizes)
    )
    if len(limits) != len(sizes):
        parser.error("--time-limits needs one value per size")
    print(
        f"python {platform.python_version()}, {os.cpu_count()} cpus, "
        f"load average {os.getloadavg()[0]:.2f}",
        file=sys.stderr,
    )
    seeds = ([int(s) for s in args.seeds.split(",") if s]
             if args.seeds else [args.seed])
    strategies = [s for s in args.strategies.split(",") if s]
    rows = []
    for n, limit in zip(sizes, limits, strict=True):
        for seed in seeds:
            for name in strategies:
                print(f"size {n} seed {seed} {name} (time limit "
                      f"{limit:g}s) ...", file=sys.stderr)
                rows.append(_in_subprocess(n, limit, args.workers, seed,
                                           args.param, name))
    _show(rows)
    out = Path(args.out)
    _write_csv(rows, out)
    print(f"wrote {out}", file=sys.stderr)
    return 1 if any(r["violations"] for r in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
