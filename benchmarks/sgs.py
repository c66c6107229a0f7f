"""Schedules per second: the compiled serial SGS against the Python one.

On each instance, the same random precedence-feasible orders are decoded
by the genetic algorithm's Python decoder and by the compiled kernel
(:mod:`plansat.heuristics.sgs`, needs the ``fast`` extra), in the same
run, and so are the justifications (forward, backward, forward passes);
the starts must be identical.  The first compiled call (compilation or
loading the cache) is left out::

    python -m benchmarks.sgs --set j120 --sample 12 --orders 300
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time

import numpy as np

from benchmarks.sets import SETS, select


def measure(path: str, orders: int, seed: int) -> dict[str, float]:
    """Decodes and justifications per second, Python and compiled."""
    from plansat.heuristics import genetic, sgs
    from plansat.io import read
    from plansat.schedule.cpm import critical_path, topological_order

    if not sgs.COMPILED:
        raise SystemExit("numba is not installed: pip install -e '.[fast]'")
    project = read(path)
    ids = topological_order(project)
    forward = genetic._problem(project, ids)
    late = [critical_path(project).task(i).ls for i in ids]
    python = genetic._Search(forward, random.Random(seed), compiled=False)
    fast = genetic._Search(forward, random.Random(seed), compiled=True)
    drawn = [python.random_order(late) for _ in range(orders)]
    kernel = forward.kernel()
    arrays = [np.asarray(o, dtype=np.int64) for o in drawn]
    kernel.schedule(arrays[0])
    fast.justify(drawn[0])
    t0 = time.perf_counter()
    slow = [forward.schedule(o) for o in drawn]
    t1 = time.perf_counter()
    quick = [kernel.schedule(o) for o in arrays]
    t2 = time.perf_counter()
    if any(list(a) != list(b) for a, b in zip(slow, quick, strict=True)):
        raise SystemExit(f"{path}: the decoders disagree")
    python.evaluated = fast.evaluated = 0
    t3 = time.perf_counter()
    a = [python.justify(o) for o in drawn]
    t4 = time.perf_counter()
    b = [fast.justify(o) for o in drawn]
    t5 = time.perf_counter()
    if a != b:
        raise SystemExit(f"{path}: the justifications disagree")
    return {
        "decode_python": orders / (t1 - t0),
        "decode_compiled": orders / (t2 - t1),
        "justify_python": python.evaluated / (t4 - t3),
        "justify_compiled": fast.evaluated / (t5 - t4),
    }


def main(argv: list[str] | None = None) -> int:
    """Print schedules per second per instance and the median ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="j120", choices=sorted(SETS))
    parser.add_argument("--sample", type=int, default=12)
    parser.add_argument("--orders", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    files = select(SETS[args.set].files(), args.sample, None)
    rows = []
    for path in files:
        row = measure(str(path), args.orders, args.seed)
        rows.append(row)
        print(f"{path.name}: " + ", ".join(
            f"{k} {v:,.0f}/s" for k, v in row.items()), file=sys.stderr)
    for what in ("decode", "justify"):
        py = statistics.median(r[f"{what}_python"] for r in rows)
        fast = statistics.median(r[f"{what}_compiled"] for r in rows)
        ratio = statistics.median(r[f"{what}_compiled"] / r[f"{what}_python"]
                                  for r in rows)
        print(f"{what}: median {py:,.0f} schedules/s in Python, "
              f"{fast:,.0f} compiled; median ratio {ratio:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
