"""Best-known plans for generated projects with people.

PSPLIB publishes best-known upper bounds, so a plan's distance from the
best possible is measured apart from the solver's own bound.  Generated
projects (:mod:`benchmarks.generate`) have none; this module keeps that
record for them, one entry per ``(tasks, seed)``:

- the shortest plan any run has found: its makespan, the result file
  (gzip JSON in ``benchmarks/results/best_known/``, so anyone can run
  the checker on it again), and how it was found (strategy, time limit,
  workers, command, date, load average);
- the highest lower bound any run has proven, and how.

A plan enters the record only after the independent checker passes on
it; a record whose project no longer hashes the same (the generator
changed) is refused rather than compared.  Long runs improve the record
whenever they find better::

    python -m benchmarks.best_known run --sizes 1000 --seeds 0,1,2 \\
        --strategies default,v1 --time-limit 200
    python -m benchmarks.best_known show
    python -m benchmarks.best_known check

:mod:`benchmarks.scaling` offers its plans to the record too and reports
each run's distance from it (``to_best``).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import shlex
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

#: Where the records and their plans live (``$PLANSAT_BEST_KNOWN``
#: moves them, for tests).
HOME = Path(
    os.environ.get("PLANSAT_BEST_KNOWN")
    or Path(__file__).resolve().parent / "results" / "best_known"
)
RECORDS = HOME / "records.json"


def key(tasks: int, seed: int) -> str:
    """The record's key for a generated project."""
    return f"{tasks}/{seed}"


def project_data(tasks: int, seed: int) -> dict[str, Any]:
    """The generated project, as :mod:`benchmarks.scaling` makes it."""
    from benchmarks.generate import generate_data

    return generate_data(tasks, seed=seed)


def fingerprint(data: dict[str, Any]) -> str:
    """SHA-256 of the project's canonical JSON (detects generator
    changes)."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def load() -> dict[str, dict[str, Any]]:
    """The records, by :func:`key` (empty when none yet)."""
    if not RECORDS.exists():
        return {}
    records: dict[str, dict[str, Any]] = json.loads(RECORDS.read_text())
    return records


def _save(records: dict[str, dict[str, Any]]) -> None:
    HOME.mkdir(parents=True, exist_ok=True)
    tmp = RECORDS.with_suffix(".tmp")
    tmp.write_text(json.dumps(records, indent=1, sort_keys=True) + "\n")
    tmp.replace(RECORDS)


def best(tasks: int, seed: int) -> tuple[int | None, float | None]:
    """Best-known makespan and best proven bound (None when unknown)."""
    rec = load().get(key(tasks, seed), {})
    return rec.get("makespan"), rec.get("bound")


def offer(
    row: dict[str, Any], result_file: Path | None, how: dict[str, Any]
) -> list[str]:
    """Offer one run's plan and bound to the record.

    Parameters
    ----------
    row
        The run's ``tasks``, ``seed``, ``fingerprint``, ``makespan``,
        ``bound``, ``violations`` (a row of :func:`solve_one` or of
        :func:`benchmarks.scaling.run_one`).
    result_file
        The run's result JSON (gzip or plain); kept when it improves the
        record.
    how
        How the run was made (strategy, time limit, workers, command).

    Returns
    -------
    list of str
        What improved (``"makespan 372 -> 368"``, ...), empty if nothing.
    """
    records = load()
    k = key(row["tasks"], row["seed"])
    rec = records.get(k)
    if rec is not None and rec["fingerprint"] != row["fingerprint"]:
        raise ValueError(
            f"{k}: the generated project changed since the record was "
            "made; move benchmarks/results/best_known aside to start anew"
        )
    rec = rec or {"tasks": row["tasks"], "seed": row["seed"],
                  "people": row.get("people"),
                  "fingerprint": row["fingerprint"]}
    stamp = {
        **how,
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M"),
        "load": round(os.getloadavg()[0], 2),
    }
    changed = []
    span = row.get("makespan")
    clean = row.get("violations") == 0 and result_file is not None
    if span is not None and clean and (
        rec.get("makespan") is None or span < rec["makespan"]
    ):
        changed.append(f"makespan {rec.get('makespan')} -> {span}")
        name = f"generated_{row['tasks']}_s{row['seed']}.json.gz"
        assert result_file is not None
        _store_plan(result_file, HOME / name)
        rec.update(makespan=span, plan=name, found_by=stamp)
    bound = row.get("bound")
    if bound is not None and (
        rec.get("bound") is None or bound > rec["bound"]
    ):
        changed.append(f"bound {rec.get('bound')} -> {bound}")
        rec.update(bound=bound, bound_by=stamp)
    if changed:
        records[k] = rec
        _save(records)
    return changed


def _store_plan(source: Path, target: Path) -> None:
    """Copy a result file into the record, gzip-compressed."""
    raw = source.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(gzip.compress(raw, mtime=0))


def solve_one(
    tasks: int, seed: int, strategy: str, time_limit: float, workers: int,
    out: Path,
) -> dict[str, Any]:
    """Solve one generated project, check it and write its result to
    ``out`` (in this process)."""
    import plansat
    from plansat.models import Project

    data = project_data(tasks, seed)
    project = Project.from_data(data)
    t0 = time.perf_counter()
    result = plansat.solve(
        project, objective="time", time_limit=time_limit, workers=workers,
        seed=seed, strategy=strategy,
    )
    row = {
        "tasks": tasks, "seed": seed, "people": len(project.people),
        "fingerprint": fingerprint(data), "strategy": strategy,
        "time_limit": time_limit, "workers": workers,
        "status": result.status.value, "makespan": result.makespan,
        "bound": result.bound, "gap": result.gap,
        "solve_s": round(time.perf_counter() - t0, 1),
        "violations": len(plansat.violations(project, result)),
    }
    out.write_bytes(
        gzip.compress(result.model_dump_json().encode(), mtime=0)
    )
    return row


def check() -> list[str]:
    """Re-run the independent checker on every recorded plan.

    Returns
    -------
    list of str
        One line per record: its makespan and what the checker said.
    """
    import plansat
    from plansat.models import Project, Result

    lines = []
    for k, rec in sorted(load().items(), key=lambda kv: _order(kv[0])):
        data = project_data(rec["tasks"], rec["seed"])
        if fingerprint(data) != rec["fingerprint"]:
            lines.append(f"{k}: the generator changed; record stale")
            continue
        if "plan" not in rec:
            lines.append(f"{k}: bound {rec.get('bound')} only")
            continue
        raw = gzip.decompress((HOME / rec["plan"]).read_bytes())
        result = Result.model_validate_json(raw)
        problems = plansat.violations(Project.from_data(data), result)
        span_ok = result.makespan == rec["makespan"]
        lines.append(
            f"{k}: makespan {rec['makespan']}: "
            + ("checker clean" if not problems and span_ok
               else f"{len(problems)} violation(s), makespan "
                    f"{result.makespan}")
        )
    return lines


def _order(k: str) -> tuple[int, int]:
    tasks, seed = k.split("/")
    return int(tasks), int(seed)


def table() -> str:
    """The records as a Markdown table (for benchmarks/README.md)."""
    out = [
        "| tasks / people | seed | best-known plan | found by | "
        "best bound | proven by | gap between them |",
        "|---|---|---|---|---|---|---|",
    ]
    for _, rec in sorted(load().items(), key=lambda kv: _order(kv[0])):
        span, bound = rec.get("makespan"), rec.get("bound")
        gap = (f"{100 * (span - bound) / span:.1f} %"
               if span and bound is not None else "-")
        out.append(
            f"| {rec['tasks']:,} / {rec.get('people')} | {rec['seed']} | "
            f"{span} | {_how(rec.get('found_by'))} | {bound} | "
            f"{_how(rec.get('bound_by'))} | {gap} |"
        )
    return "\n".join(out)


def _how(stamp: dict[str, Any] | None) -> str:
    if not stamp:
        return "-"
    return (f"{stamp['strategy']}, {stamp['time_limit']:g} s × "
            f"{stamp['workers']}, {stamp['date'][:10]}")


def _run(args: argparse.Namespace) -> int:
    sizes = [int(s) for s in args.sizes.split(",") if s]
    seeds = [int(s) for s in args.seeds.split(",") if s]
    strategies = [s for s in args.strategies.split(",") if s]
    HOME.mkdir(parents=True, exist_ok=True)
    tmp = HOME / f"last-{os.getpid()}.json.gz"  # one per run at a time
    root = Path(__file__).resolve().parent.parent
    failed = 0
    for tasks in sizes:
        for seed in seeds:
            for name in strategies:
                cmd = [sys.executable, "-m", "benchmarks.best_known", "one",
                       str(tasks), str(seed), name, str(args.time_limit),
                       str(args.workers), str(tmp)]
                print(f"{tasks}/{seed} {name} {args.time_limit:g}s ...",
                      file=sys.stderr, flush=True)
                done = subprocess.run(cmd, cwd=root, capture_output=True,
                                      text=True, check=False)
                if done.returncode != 0:
                    sys.stderr.write(done.stderr[-2000:])
                    failed += 1
                    continue
                row = json.loads(done.stdout.strip().splitlines()[-1])
                how = {"strategy": name, "time_limit": args.time_limit,
                       "workers": args.workers,
                       "command": _command(tasks, seed, name, args)}
                news = offer(row, tmp, how)
                print(f"  {row['status']} makespan {row['makespan']} "
                      f"bound {row['bound']} violations "
                      f"{row['violations']}: "
                      + ("; ".join(news) or "record unchanged"),
                      file=sys.stderr, flush=True)
    tmp.unlink(missing_ok=True)
    return 1 if failed else 0


def _command(tasks: int, seed: int, strategy: str,
             args: argparse.Namespace) -> str:
    """The ``run`` command that redoes one solve."""
    return shlex.join([
        "python", "-m", "benchmarks.best_known", "run", "--sizes",
        str(tasks), "--seeds", str(seed), "--strategies", strategy,
        "--time-limit", f"{args.time_limit:g}", "--workers",
        str(args.workers)])


def main(argv: list[str] | None = None) -> int:
    """``run`` long solves into the record, ``show`` it, ``check`` it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="verb", required=True)
    run = sub.add_parser("run", help="long solves that improve the record")
    run.add_argument("--sizes", default="1000")
    run.add_argument("--seeds", default="0,1,2")
    run.add_argument("--strategies", default="default,v1")
    run.add_argument("--time-limit", type=float, default=200.0)
    run.add_argument("--workers", type=int, default=2)
    sub.add_parser("show", help="print the record as a Markdown table")
    sub.add_parser("check", help="re-check every recorded plan")
    one = sub.add_parser("one", help=argparse.SUPPRESS)
    for name in ("tasks", "seed", "strategy", "time_limit", "workers",
                 "out"):
        one.add_argument(name)
    args = parser.parse_args(argv)
    if args.verb == "run":
        return _run(args)
    if args.verb == "show":
        print(table())
        return 0
    if args.verb == "check":
        lines = check()
        print("\n".join(lines))
        return 1 if any("violation" in ln or "stale" in ln
                        for ln in lines) else 0
    row = solve_one(int(args.tasks), int(args.seed), args.strategy,
                    float(args.time_limit), int(args.workers),
                    Path(args.out))
    print(json.dumps(row))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
