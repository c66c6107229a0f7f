"""Portfolio planning against the priority-order heuristic, same run.

A portfolio of ``P`` projects of ``T`` tasks sharing ``N`` people is cut
from one generated programme (:mod:`benchmarks.generate`) of ``P × T``
tasks and ``N`` people: project ``k`` is tasks ``k·T .. (k+1)·T - 1``
(links leaving the block dropped), every project lists the whole team
and the pooled resources (one definition each), starts ``k mod 4``
weeks after the programme, weighs 1-3 and has priority ``k + 1``.

For each case: the priority-order heuristic's weighted finish (each
project in priority order on what the earlier ones left, as MS Project
and Primavera level a shared pool), the first plan the search starts
from (the better of that and Smith's order) and where it came from, the
joint plan's
(:func:`plansat.plan_portfolio`, weighted objective), its bound and
gap, the gain over the heuristic and the time.  Every plan is checked
project by project and across projects (the run fails otherwise)::

    python -m benchmarks.portfolio --cases 5x50:20,20x100:50 \\
        --time-limit 60 --workers 2
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from typing import Any


def portfolio_data(projects: int, tasks: int, people: int,
                   seed: int = 0) -> dict[str, Any]:
    """Portfolio JSON (inline projects) of the module docs' shape."""
    from benchmarks.generate import generate_data

    rng = random.Random(seed)
    big = generate_data(projects * tasks, n_people=people, seed=seed)
    start = date.fromisoformat(big["start"])
    entries = []
    for k in range(projects):
        block = big["tasks"][k * tasks:(k + 1) * tasks]
        ids = {t["id"] for t in block}
        own = []
        for t in block:
            t = dict(t)
            t["after"] = [d for d in t.get("after", [])
                          if (d if isinstance(d, str) else d["task"]) in ids]
            own.append(t)
        entries.append({
            "project": {
                "name": f"P{k:02d}",
                "start": (start + timedelta(weeks=k % 4)).isoformat(),
                "calendar": big["calendar"],
                "overhead_per_day": big["overhead_per_day"],
                "people": big["people"], "resources": big["resources"],
                "tasks": own,
            },
            "weight": rng.randint(1, 3), "priority": k + 1,
        })
    return {"name": f"portfolio-{projects}x{tasks}-{people}-{seed}",
            "projects": entries}


def run_case(projects: int, tasks: int, people: int, seed: int,
             time_limit: float, workers: int,
             strategy: str = "default") -> dict[str, Any]:
    """One portfolio: the heuristic's and the joint plan's weighted
    finish (both checked)."""
    import plansat
    from plansat.analysis.portfolio.merge import merge
    from plansat.check.portfolio import portfolio_violations
    from plansat.models.portfolio import Portfolio

    pf = Portfolio.from_data(portfolio_data(projects, tasks, people, seed))
    t0 = time.perf_counter()
    plan = plansat.plan_portfolio(pf, time_limit=time_limit,
                                  workers=workers, seed=seed,
                                  strategy=strategy)
    seconds = time.perf_counter() - t0
    merged = merge(pf)
    pairs = [(p, o.result) for p, o in zip(merged.projects, plan.projects,
                                            strict=True)]
    bad = portfolio_violations(pairs)
    if bad:
        raise SystemExit(f"{pf.name}: invalid joint plan: {bad[:3]}")
    ref = plan.heuristic.objective_value or 0.0
    value = plan.objective_value or 0.0
    return {
        "case": f"{projects}x{tasks}", "people": people, "seed": seed,
        "strategy": strategy,
        "heuristic": ref,
        "first": plan.solver.get("first_plan_value"),
        "first_from": plan.solver.get("first_plan"),
        "joint": value, "bound": plan.bound,
        "gap": plan.gap, "gain": round(1 - value / ref, 4) if ref else None,
        "status": plan.status.value, "from": plan.schedule_from or "cp-sat",
        "seconds": round(seconds, 1),
        "sharing_days": sum(o.sharing_cost_days or 0
                            for o in plan.projects),
    }


def _cases(text: str) -> list[tuple[int, int, int]]:
    """``5x50:20,20x100:50`` -> [(5, 50, 20), (20, 100, 50)]."""
    out = []
    for part in text.split(","):
        shape, people = part.split(":")
        p, t = shape.split("x")
        out.append((int(p), int(t), int(people)))
    return out


def main(argv: list[str] | None = None) -> None:
    """Run the cases and print one line each (tab-separated)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default="5x50:20,20x100:50",
                        help="PROJECTSxTASKS:PEOPLE, comma separated")
    parser.add_argument("--seeds", default="0")
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--strategy", default="default")
    args = parser.parse_args(argv)
    keys: list[str] | None = None
    for projects, tasks, people in _cases(args.cases):
        for seed in (int(s) for s in args.seeds.split(",")):
            row = run_case(projects, tasks, people, seed, args.time_limit,
                           args.workers, args.strategy)
            if keys is None:
                keys = list(row)
                print("\t".join(keys))
            print("\t".join(str(row[k]) for k in keys))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
