"""Build time of the CP-SAT model with and without people's own
calendars, side by side, on generated projects.

The project comes from :mod:`benchmarks.generate`; the variant gives
every person a calendar of their own, in turn: public holidays of
Bavaria (DE-BY), of California (US-CA), of Scotland (GB-SCT), and a
Monday-to-Friday week with a personal holiday each month; a third
variant also lets every task split (but the crashable ones).  All
variants get the constructive schedule's horizon (what ``solve`` uses
for ``time``) and are built ``--repeat`` times; the best build of each
is reported, with the model's size::

    python -m benchmarks.calendars --tasks 1000 --repeat 3
"""

from __future__ import annotations

import argparse
import copy
import time
from datetime import date, timedelta
from typing import Any

REGIONS = (("DE", "BY"), ("US", "CA"), ("GB", "SCT"))


def with_calendars(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with a calendar of their own for every person."""
    out = copy.deepcopy(data)
    start = date.fromisoformat(out["start"])
    for i, person in enumerate(out["people"]):
        k = i % (len(REGIONS) + 1)
        if k < len(REGIONS):
            country, sub = REGIONS[k]
            person["calendar"] = {
                "region": {"country": country, "subdivision": sub}}
        else:
            person["calendar"] = {"holidays": [
                str(start + timedelta(days=30 * m + 7 * (i % 4) + 2))
                for m in range(36)]}
    return out


def measure(data: dict[str, Any], repeat: int) -> dict[str, Any]:
    """Validation, heuristic and best-of-``repeat`` build of ``data``."""
    from plansat.heuristics.constructive import constructive_schedule
    from plansat.models import Project
    from plansat.solver.search import get_strategy
    from plansat.solver.solve import model_horizon

    t0 = time.perf_counter()
    project = Project.from_data(data)
    validate = time.perf_counter() - t0
    plan = constructive_schedule(project)
    horizon = model_horizon(project, "time", plan)
    builds = []
    for _ in range(repeat):
        fresh = Project.from_data(data)  # no cached blocked days
        t0 = time.perf_counter()
        engine = get_strategy("default").engine(fresh, horizon)
        builds.append(time.perf_counter() - t0)
    proto = engine.model.proto
    return {
        "validate_s": round(validate, 3),
        "horizon": horizon,
        "heuristic_makespan": plan.makespan,
        "build_s": round(min(builds), 3),
        "variables": len(proto.variables),
        "constraints": len(proto.constraints),
    }


def main(argv: list[str] | None = None) -> int:
    """Print the two rows as a markdown table."""
    from benchmarks.generate import generate_data

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tasks", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    data = generate_data(args.tasks, seed=args.seed)
    own = with_calendars(data)
    split = {**own, "splittable": True, "tasks": [
        {**t, "splittable": "crash" not in t} for t in own["tasks"]]}
    rows = {
        "project calendar only": measure(data, args.repeat),
        "own calendars": measure(own, args.repeat),
        "own calendars, tasks split": measure(split, args.repeat),
    }
    keys = list(next(iter(rows.values())))
    print("| variant | " + " | ".join(keys) + " |")
    print("|---" * (len(keys) + 1) + "|")
    for name, row in rows.items():
        print(f"| {name} | " + " | ".join(str(row[k]) for k in keys) + " |")
    base, *others = (r["build_s"] for r in rows.values())
    for name, build in zip(list(rows)[1:], others, strict=True):
        print(f"\n{name}: build time {100 * (build / base - 1):+.1f} %")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
