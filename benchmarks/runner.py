"""Run strategies on benchmark instances and write one CSV row per run."""

from __future__ import annotations

import csv
import logging
import time
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks.sets import SETS

if TYPE_CHECKING:
    from plansat.models import Project, Result

log = logging.getLogger(__name__)

EXTERNAL = ("heuristic", "genetic", "pyjobshop")


@dataclass
class Row:
    """One strategy on one instance."""

    set: str
    instance: str
    strategy: str
    status: str
    objective: float | None
    bound: float | None
    runtime: float
    time_to_best: float | None
    best_lb: int | None
    best_ub: int | None
    violations: int
    error: str = ""


def run_one(
    set_name: str,
    path: str,
    strategy: str,
    time_limit: float,
    workers: int,
    seed: int = 0,
) -> Row:
    """Solve ``path`` with ``strategy``; never raises (errors go in the
    row)."""
    import plansat
    from plansat.check import violations
    from plansat.io import read

    lb, ub = SETS[set_name].best_known().get(Path(path).name, (None, None))
    base: dict[str, Any] = {
        "set": set_name, "instance": Path(path).name,
        "strategy": strategy, "best_lb": lb, "best_ub": ub,
    }
    started = time.monotonic()
    try:
        project = read(path)
        if strategy == "heuristic":
            result: Result = _heuristic(project, started)
            best_time: float | None = result.runtime
        elif strategy == "genetic":
            result = _genetic(project, time_limit, started)
            best_time = None
        elif strategy == "pyjobshop":
            from benchmarks.pyjobshop_peer import solve_pyjobshop

            result = solve_pyjobshop(project, time_limit, workers)
            best_time = None
        else:
            last: list[float | None] = [None]

            def record(progress: plansat.SolveProgress) -> None:
                last[0] = progress.elapsed

            result = plansat.solve(
                project, objective="time", time_limit=time_limit,
                workers=workers,
                seed=seed, strategy=strategy, progress=record,
            )
            best_time = last[0]
        broken = violations(project, result) if result.tasks else []
        return Row(
            **base, status=result.status.value,
            objective=result.objective_value, bound=result.bound,
            runtime=round(time.monotonic() - started, 3),
            time_to_best=None if best_time is None else round(best_time, 3),
            violations=len(broken),
            error="; ".join(broken[:3]),
        )
    except Exception as exc:  # a benchmark row must survive any failure
        log.exception("failed: %s %s", path, strategy)
        return Row(
            **base, status="ERROR", objective=None, bound=None,
            runtime=round(time.monotonic() - started, 3),
            time_to_best=None, violations=0, error=str(exc)[:300],
        )


def _heuristic(project: Project, started: float) -> Result:
    from plansat.heuristics.constructive import constructive_schedule
    from plansat.models import SolveStatus
    from plansat.schedule.evaluate import build_result

    plan = constructive_schedule(project)
    return build_result(
        project, plan, SolveStatus.FEASIBLE, "time", plan.makespan, None,
        time.monotonic() - started,
    )


def _genetic(project: Project, time_limit: float, started: float) -> Result:
    """The genetic algorithm alone for the whole time limit; proven
    optimal only when it reaches the critical-path bound."""
    from plansat.heuristics.genetic import genetic_schedule
    from plansat.models import SolveStatus
    from plansat.options import Budget
    from plansat.schedule.cpm import shortest_makespan
    from plansat.schedule.evaluate import build_result

    plan = genetic_schedule(project, Budget(time_limit))
    if plan is None:
        raise ValueError("the genetic algorithm takes resource-only, "
                         "single-mode projects")
    bound = shortest_makespan(project)
    status = (SolveStatus.OPTIMAL if plan.makespan <= bound
              else SolveStatus.FEASIBLE)
    return build_result(project, plan, status, "time", plan.makespan,
                        bound, time.monotonic() - started)


def run_all(
    set_name: str,
    files: list[Path],
    strategies: list[str],
    time_limit: float,
    workers: int,
    jobs: int,
    out: Path,
    seed: int = 0,
) -> Iterator[Row]:
    """Run every strategy on every file, ``jobs`` at a time, appending
    rows to ``out`` as they finish; yields each row."""
    out.parent.mkdir(parents=True, exist_ok=True)
    names = [f.name for f in fields(Row)]
    new = not out.exists()
    with open(out, "a", newline="") as handle, ProcessPoolExecutor(
        max_workers=jobs
    ) as pool:
        writer = csv.DictWriter(handle, fieldnames=names)
        if new:
            writer.writeheader()
        futures: list[Future[Row]] = [
            pool.submit(run_one, set_name, str(f), s, time_limit, workers,
                        seed)
            for f in files
            for s in strategies
        ]
        for future in as_completed(futures):
            row = future.result()
            writer.writerow(asdict(row))
            handle.flush()
            yield row
