"""Fingerprint the CP-SAT models a solve hands to the solver.

For each instance and strategy, one solve (1 worker, seed 0, a short
limit) with every CP-SAT call recorded: how many calls, a hash of the
first call's model with its hint, of that model without the hint, and
of its parameters (the time limit left out).  Run it in two checkouts
and compare the outputs: a restructuring that keeps the models keeps
the fingerprints (benchmarks/README.md, "The search as steps").

    python -m benchmarks.model_hash --set j30 --sample 40 \\
        --strategies default,v1,plain > j30.tsv
    python -m benchmarks.model_hash --generated 80,250,600 \\
        --strategies default,v1,+lns > generated.tsv
"""

from __future__ import annotations

import argparse
import hashlib
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from ortools.sat.python import cp_model

import plansat
from benchmarks.generate import generate_data
from benchmarks.sets import SETS
from plansat.io import read


def _digest(text: str, size: int = 16) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:size]


class Recorder:
    """Records every CP-SAT call's model and parameters while active."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str]] = []
        self._solve = cp_model.CpSolver.solve

    def __enter__(self) -> Recorder:
        recorder, solve = self, self._solve

        def spy(solver: cp_model.CpSolver, model: cp_model.CpModel,
                *args: Any, **kwargs: Any) -> Any:
            text = str(model.proto)
            params = sorted(
                line for line in str(solver.parameters).splitlines()
                if not line.startswith("max_time_in_seconds"))
            recorder.calls.append((
                _digest(text), _digest(text.split("solution_hint")[0], 8),
                _digest("\n".join(params), 8)))
            return solve(solver, model, *args, **kwargs)

        setattr(cp_model.CpSolver, "solve", spy)  # noqa: B010
        return self

    def __exit__(self, *exc: object) -> None:
        setattr(cp_model.CpSolver, "solve", self._solve)  # noqa: B010


def _projects(args: argparse.Namespace
              ) -> Iterator[tuple[str, Callable[[], plansat.Project]]]:
    if args.generated:
        for size in args.generated.split(","):
            yield f"generated-{size}", partial(_generated, int(size))
        return
    files = SETS[args.set].files()
    step = max(1, len(files) // args.sample)
    for path in files[::step][: args.sample]:
        yield path.name, partial(read, path)


def _generated(size: int) -> plansat.Project:
    return plansat.Project.from_data(generate_data(size, seed=0))


def main() -> None:
    """Print one tab-separated row per instance and strategy."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SETS), default="j30")
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--generated", help="sizes, comma-separated")
    parser.add_argument("--strategies", default="default,v1")
    parser.add_argument("--time-limit", type=float, default=2.0)
    args = parser.parse_args()
    print("instance\tstrategy\tcalls\tmodel\tbare\tparams\tstatus"
          "\tmakespan")
    for name, load in _projects(args):
        project = load()
        for strategy in args.strategies.split(","):
            with Recorder() as rec:
                r = plansat.solve(project, time_limit=args.time_limit,
                                  workers=1, seed=0, strategy=strategy)
            first = rec.calls[0] if rec.calls else ("-", "-", "-")
            print(name, strategy, len(rec.calls), *first, r.status.value,
                  r.makespan, sep="\t", flush=True)


if __name__ == "__main__":
    main()
