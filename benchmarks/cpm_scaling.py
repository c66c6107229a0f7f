"""How the critical-path method scales with the number of tasks.

Builds a random layered project (every task after 2-3 tasks of the layer
before, with FS, SS, FF and SF links and small lags), then times project
validation (also with Python's cyclic garbage collector paused, which is
where much of its time goes on large inputs) and
:func:`plansat.schedule.cpm.critical_path` separately::

    python -m benchmarks.cpm_scaling --tasks 100000
"""

from __future__ import annotations

import argparse
import gc
import math
import random
import shlex
import sys
import time
from collections.abc import Callable
from typing import Any, TypeVar

from plansat.models import Project
from plansat.schedule.cpm import critical_path

LINK_TYPES = ("FS", "FS", "SS", "FF", "SF")  # FS twice as likely
_TOTAL = ("Project validation", "critical_path", "report model_dump")
T = TypeVar("T")


def layered_project(n: int, seed: int = 0) -> dict[str, Any]:
    """Project JSON of ``n`` tasks in about ``sqrt(n)`` layers.

    Each task outside the first layer has 2-3 distinct predecessors in the
    previous layer (fewer when that layer is smaller), with a random link
    type and a lag in ``[0, 3]`` (``[-2, 3]`` for SS, FF and SF).
    """
    rng = random.Random(seed)
    width = max(1, math.isqrt(n))
    tasks: list[dict[str, Any]] = []
    previous: list[str] = []
    for start in range(0, n, width):
        layer: list[str] = []
        for k in range(start, min(start + width, n)):
            task_id = f"T{k:06d}"
            after = []
            if previous:
                count = min(len(previous), rng.choice((2, 3)))
                for pred in rng.sample(previous, count):
                    kind = rng.choice(LINK_TYPES)
                    low = 0 if kind == "FS" else -2
                    after.append(
                        {
                            "task": pred,
                            "type": kind,
                            "lag": rng.randint(low, 3),
                        }
                    )
            tasks.append(
                {"id": task_id, "duration": rng.randint(1, 10), "after": after}
            )
            layer.append(task_id)
        previous = layer
    return {
        "name": f"layered-{n}",
        "start": "2025-01-06",
        "calendar": {"holidays": ["2025-12-25", "2026-01-01"]},
        "tasks": tasks,
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--tasks",
        type=int,
        default=100_000,
        help="number of tasks (default 100000)",
    )
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    seed = args.seed

    rows: list[tuple[str, float, float]] = []

    def timed(name: str, step: Callable[[], T]) -> T:
        wall, cpu = time.perf_counter(), time.process_time()
        value = step()
        rows.append(
            (name, time.perf_counter() - wall, time.process_time() - cpu)
        )
        return value

    data = timed("generate JSON", lambda: layered_project(args.tasks, seed))
    project = timed("Project validation", lambda: Project.model_validate(data))
    del project
    gc.collect()
    gc.disable()  # the same validation with the cyclic GC paused
    project = timed("  same, GC paused", lambda: Project.model_validate(data))
    gc.enable()
    report = timed("critical_path", lambda: critical_path(project, 5))
    timed("report model_dump", lambda: report.model_dump(mode="json"))

    links = sum(len(t.after) for t in project.tasks)
    cmd = " ".join(
        ["python -m benchmarks.cpm_scaling"]
        + [shlex.quote(a) for a in (argv or sys.argv[1:])]
    )
    print(f"$ {cmd}")
    print(
        f"tasks {len(project.tasks)}, links {links}, duration "
        f"{report.duration} days, {len(report.critical_paths)} critical "
        f"path(s), {len(report.near_critical)} near-critical"
    )
    print(f"{'step':<30}{'wall s':>10}{'cpu s':>10}")
    for name, wall, cpu in rows:
        print(f"{name:<30}{wall:>10.3f}{cpu:>10.3f}")
    counted = [r for r in rows if r[0] in _TOTAL]
    wall = sum(r[1] for r in counted)
    cpu = sum(r[2] for r in counted)
    print(f"{'total (validation, CPM, dump)':<30}{wall:>10.3f}{cpu:>10.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
