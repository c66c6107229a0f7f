"""Small random multi-mode projects and their optimum by exhaustive
search, for the sweep that keeps wrong proofs away
(``tests/solver/test_regressions.py``).

:func:`small_multi_mode` draws a project from a seed (``random.Random``:
the same seed gives the same project on every run); :func:`shortest`
enumerates every mode choice and every start time within the horizon
(the sum of the tasks' longest modes, which a one-after-another plan
always meets), keeping only plans that hold every finish-to-start link
and every resource's capacity on every day.  It prunes only plans that
cannot beat the best already found, so its answer is the optimum
without CP-SAT.
"""

from __future__ import annotations

import random
from typing import Any

from plansat import Project
from tests.helpers import START


def small_multi_mode(seed: int) -> dict[str, Any]:
    """2-5 tasks with 1-3 modes each (1-3 days, units of one or two
    renewable resources of capacity 1-3), finish-to-start links from
    earlier tasks; the project's JSON."""
    rng = random.Random(seed)
    caps = [rng.randint(1, 3) for _ in range(rng.randint(1, 2))]
    tasks: list[dict[str, Any]] = []
    for j in range(rng.randint(2, 5)):
        modes = []
        for _ in range(rng.randint(1, 3)):
            uses = {f"r{k}": rng.randint(1, cap)
                    for k, cap in enumerate(caps) if rng.random() < 0.6}
            modes.append({"duration": rng.randint(1, 3), "uses": uses})
        after = [f"T{i}" for i in range(j) if rng.random() < 0.3]
        tasks.append({"id": f"T{j}", "modes": modes, "after": after})
    return {
        "start": START,
        "resources": [{"id": f"r{k}", "capacity": c}
                      for k, c in enumerate(caps)],
        "tasks": tasks,
    }


def project_of(data: dict[str, Any]) -> Project:
    """The validated project of :func:`small_multi_mode`'s JSON."""
    return Project.model_validate(data)


def shortest(data: dict[str, Any]) -> int:
    """The shortest makespan of :func:`small_multi_mode`'s project, by
    exhaustive search over modes and start days (tasks in list order:
    every link comes from an earlier task)."""
    tasks = data["tasks"]
    caps = {r["id"]: r["capacity"] for r in data["resources"]}
    horizon = sum(max(m["duration"] for m in t["modes"]) for t in tasks)
    index = {t["id"]: j for j, t in enumerate(tasks)}
    used = {r: [0] * horizon for r in caps}
    finish = [0] * len(tasks)
    best = horizon + 1  # every plan found from here on beats it

    def fits(uses: dict[str, int], start: int, days: int) -> bool:
        return all(used[r][d] + q <= caps[r]
                   for r, q in uses.items()
                   for d in range(start, start + days))

    def take(uses: dict[str, int], start: int, days: int,
             sign: int) -> None:
        for r, q in uses.items():
            for d in range(start, start + days):
                used[r][d] += sign * q

    def place(j: int, makespan: int) -> None:
        nonlocal best
        if j == len(tasks):
            best = min(best, makespan)
            return
        task = tasks[j]
        earliest = max((finish[index[p]] for p in task["after"]),
                       default=0)
        for mode in task["modes"]:
            days, uses = mode["duration"], mode["uses"]
            for start in range(earliest, best - days):  # beats best
                if not fits(uses, start, days):
                    continue
                take(uses, start, days, 1)
                finish[j] = start + days
                place(j + 1, max(makespan, start + days))
                take(uses, start, days, -1)

    place(0, 0)
    assert best <= horizon, "one task after another always fits"
    return best
