"""Realistic random projects for benchmarks.

:func:`generate_project` builds a project shaped like a large software
programme: tasks grouped in workstreams, each running through the phases
analysis, design, build, test and release.  A task depends on 1-3 tasks of
its phase or the phase before (mostly finish-to-start, some SS/FF links with
small lags), a few links cross workstreams, durations are 1-15 working
days, needs are drawn from the skills of the task's phase, and the team is
sized so that skill supply follows skill demand.  Every need can be
filled: levels and counts are clamped to what the team offers, and the
result is checked by :class:`plansat.models.Project` validation.

::

    python -m benchmarks.generate 1000 --out /tmp/p1000.json
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import date, timedelta
from typing import Any

from plansat.models import Project
from plansat.models.matching import match_slots

#: Skill names, in the order they are taken (8-12 of them per project).
SKILLS = (
    "analysis",
    "architecture",
    "backend",
    "frontend",
    "database",
    "qa",
    "devops",
    "ux",
    "security",
    "data",
    "mobile",
    "docs",
)

#: Phases of a workstream: name, share of its tasks, preferred skills.
PHASES: tuple[tuple[str, float, tuple[str, ...]], ...] = (
    ("Analysis", 0.10, ("analysis", "ux", "data")),
    ("Design", 0.15, ("architecture", "ux", "database", "security")),
    ("Build", 0.45, ("backend", "frontend", "database", "mobile", "data")),
    ("Test", 0.20, ("qa", "security", "backend")),
    ("Release", 0.10, ("devops", "docs", "qa")),
)

#: Tasks per workstream (about).
WORKSTREAM_SIZE = 100

START = date(2025, 1, 6)  # a Monday


def default_people(n_tasks: int) -> int:
    """Team size for ``n_tasks`` tasks: ``n_tasks / 25``, at least 5."""
    return max(5, round(n_tasks / 25))


def _holidays(start: date, years: int) -> list[str]:
    """A few fixed-date holidays per year (those on weekdays matter)."""
    out = []
    for year in range(start.year, start.year + years):
        for month, day in ((1, 1), (5, 1), (7, 4), (12, 25), (12, 26)):
            d = date(year, month, day)
            if d >= start:
                out.append(d.isoformat())
    return out


def _phase_plan(n_tasks: int) -> list[tuple[int, int]]:
    """(workstream, phase) of each task, tasks in workstream order."""
    n_ws = max(1, round(n_tasks / WORKSTREAM_SIZE))
    sizes = [n_tasks // n_ws + (w < n_tasks % n_ws) for w in range(n_ws)]
    plan: list[tuple[int, int]] = []
    for w, size in enumerate(sizes):
        counts = [max(1, round(size * share)) for _, share, _ in PHASES]
        counts[2] += size - sum(counts)  # the build phase absorbs rounding
        while counts[2] < 1:  # tiny workstreams: take from the largest
            big = max(range(len(counts)), key=counts.__getitem__)
            counts[big] -= 1
            counts[2] += 1
        for ph, count in enumerate(counts):
            plan += [(w, ph)] * count
    return plan


def generate_data(
    n_tasks: int,
    n_people: int | None = None,
    seed: int = 0,
    resource_share: float = 0.2,
    people_per_pool: int | None = 25,
) -> dict[str, Any]:
    """Project JSON (a dict) of a realistic random project.

    Parameters
    ----------
    n_tasks
        Number of tasks (at least 1).
    n_people
        Team size (default :func:`default_people`).
    seed
        Random seed; the same arguments give the same project.
    resource_share
        Share of the tasks that hold a pooled resource (one unit).
    people_per_pool
        Each resource has a base capacity of 1-3 units, multiplied by
        ``round(n_people / people_per_pool)`` (at least 1) so that big
        programmes have as many test environments per team as small
        ones; ``None`` keeps 1-3 units whatever the size (the pools
        then bound the makespan of large projects).

    Returns
    -------
    dict
        Input for :meth:`plansat.models.Project.from_data`.
    """
    if n_tasks < 1:
        raise ValueError(f"n_tasks must be at least 1, got {n_tasks}")
    rng = random.Random(seed)
    n_people = default_people(n_tasks) if n_people is None else n_people
    if n_people < 1:
        raise ValueError(f"n_people must be at least 1, got {n_people}")
    skills = list(SKILLS[: rng.randint(8, 12)])
    tasks = _tasks(rng, n_tasks, skills)
    people = _people(rng, n_people, skills, tasks)
    _clamp_needs(rng, tasks, people)
    copies = 1
    if people_per_pool is not None:
        copies = max(1, round(n_people / people_per_pool))
    resources = _resources(rng, tasks, resource_share, copies)
    # horizon estimate: person-days of work over the team, for vacations
    work = sum(
        t["duration"] * sum(n.get("count", 1) for n in t["needs"])
        for t in tasks
    )
    weeks = max(4, round(work / max(n_people, 1) / 5))
    _vacations(rng, people, weeks)
    years = max(2, weeks // 52 * 3 + 2)
    return {
        "name": f"generated-{n_tasks}-{n_people}-{seed}",
        "start": START.isoformat(),
        "calendar": {
            "workdays": ["Mon", "Tue", "Wed", "Thu", "Fri"],
            "holidays": _holidays(START, years),
        },
        "overhead_per_day": 2000,
        "people": people,
        "resources": resources,
        "tasks": tasks,
    }


def generate_project(
    n_tasks: int,
    n_people: int | None = None,
    seed: int = 0,
    resource_share: float = 0.2,
    people_per_pool: int | None = 25,
) -> Project:
    """A realistic random, valid project (see :func:`generate_data`).

    Raises
    ------
    plansat.models.ProjectError
        Never for the generator's own output; it would mean a bug here.
    """
    return Project.from_data(
        generate_data(n_tasks, n_people, seed, resource_share, people_per_pool)
    )


def _tasks(
    rng: random.Random, n_tasks: int, skills: list[str]
) -> list[dict[str, Any]]:
    plan = _phase_plan(n_tasks)
    tasks: list[dict[str, Any]] = []
    by_phase: dict[tuple[int, int], list[int]] = {}
    for i, (w, ph) in enumerate(plan):
        name, _, preferred = PHASES[ph]
        pool = [s for s in preferred if s in skills] or skills
        task: dict[str, Any] = {
            "id": f"T{i:05d}",
            "name": f"WS{w:03d} {name} {len(by_phase.get((w, ph), [])) + 1}",
            "duration": rng.randint(1, 15),
            "after": _links(rng, tasks, by_phase, w, ph),
            "needs": _draw_needs(rng, pool, skills),
        }
        if rng.random() < 0.1:
            task["allocation"] = 50
        if task["duration"] >= 4 and rng.random() < 0.03:
            task["crash"] = {
                "duration": max(1, round(task["duration"] * 0.7)),
                "cost_per_day": rng.choice((400, 600, 900, 1200)),
            }
        tasks.append(task)
        by_phase.setdefault((w, ph), []).append(i)
    return tasks


def _links(
    rng: random.Random,
    tasks: list[dict[str, Any]],
    by_phase: dict[tuple[int, int], list[int]],
    w: int,
    ph: int,
) -> list[dict[str, Any]]:
    """1-3 predecessors: the phase before, sometimes a recent task of the
    same phase, rarely a task of an earlier workstream."""
    pool: list[int] = []
    if ph > 0:
        pool = by_phase.get((w, ph - 1), [])
    elif w > 0 and rng.random() < 0.3:
        # some workstreams start after the analysis of an earlier one
        pool = by_phase.get((rng.randrange(w), 0), [])
    same = by_phase.get((w, ph), [])[-5:]
    if same and (not pool or rng.random() < 0.3):
        pool = pool + same
    if not pool:
        return []
    preds = set(rng.sample(pool, min(len(pool), rng.randint(1, 3))))
    if w > 0 and ph >= 2 and rng.random() < 0.05:
        other = by_phase.get((rng.randrange(w), ph - 1), [])
        if other:
            preds.add(rng.choice(other))
    out = []
    for p in sorted(preds):
        r = rng.random()
        if r < 0.8:
            link: dict[str, Any] = {"task": tasks[p]["id"]}
            if rng.random() < 0.1:
                link = {
                    "task": tasks[p]["id"],
                    "type": "FS",
                    "lag": rng.randint(1, 3),
                }
        elif r < 0.9:
            link = {
                "task": tasks[p]["id"],
                "type": "SS",
                "lag": rng.randint(0, 3),
            }
        else:
            link = {
                "task": tasks[p]["id"],
                "type": "FF",
                "lag": rng.randint(0, 2),
            }
        out.append(link)
    return out


def _draw_needs(
    rng: random.Random, pool: list[str], skills: list[str]
) -> list[dict[str, Any]]:
    first = rng.choice(pool) if rng.random() < 0.85 else rng.choice(skills)
    needs = [_need(rng, first)]
    if rng.random() < 0.15:
        second = rng.choice([s for s in skills if s != first])
        needs.append(_need(rng, second))
    return needs


def _need(rng: random.Random, skill: str) -> dict[str, Any]:
    need: dict[str, Any] = {
        "skill": skill,
        "level": rng.choices((1, 2, 3, 4), weights=(2, 4, 3, 1))[0],
    }
    if rng.random() < 0.1:
        need["count"] = 2
    return need


def _people(
    rng: random.Random,
    n_people: int,
    skills: list[str],
    tasks: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """A team whose primary skills follow the demand in person-days."""
    demand = dict.fromkeys(skills, 0.0)
    for t in tasks:
        for n in t["needs"]:
            demand[n["skill"]] += t["duration"] * n.get("count", 1)
    weights = [demand[s] + 1 for s in skills]
    people = []
    for i in range(n_people):
        # the first len(skills) people cover every skill once
        primary = (
            skills[i]
            if i < len(skills)
            else rng.choices(skills, weights=weights)[0]
        )
        others = rng.sample(
            [s for s in skills if s != primary], rng.randint(1, 3)
        )
        levels = {primary: rng.choices((2, 3, 4, 5), (2, 4, 3, 1))[0]}
        for s in others:
            levels[s] = rng.choices((1, 2, 3, 4), (3, 4, 2, 1))[0]
        top = max(levels.values())
        people.append(
            {
                "id": f"P{i:04d}",
                "skills": levels,
                "rate": 300 + 100 * top + rng.randint(0, 10) * 10,
                "availability": (
                    50 if i >= len(skills) and rng.random() < 0.1 else 100
                ),
            }
        )
    return people


def _clamp_needs(
    rng: random.Random,
    tasks: list[dict[str, Any]],
    people: list[dict[str, Any]],
) -> None:
    """Lower levels and counts until every task's needs can be filled
    by distinct people."""
    full = [p for p in people if p["availability"] == 100]
    for t in tasks:
        staff = people if t.get("allocation", 100) <= 50 else full
        for need in t["needs"]:
            levels = sorted(
                (
                    p["skills"][need["skill"]]
                    for p in staff
                    if need["skill"] in p["skills"]
                ),
                reverse=True,
            )
            if not levels:  # no one at this allocation: switch skill
                need["skill"] = rng.choice(sorted(rng.choice(staff)["skills"]))
                levels = sorted(
                    (
                        p["skills"][need["skill"]]
                        for p in staff
                        if need["skill"] in p["skills"]
                    ),
                    reverse=True,
                )
            count = min(need.get("count", 1), len(levels))
            need["level"] = min(need["level"], levels[count - 1])
            if count > 1:
                need["count"] = count
            else:
                need.pop("count", None)
        while not _fillable(t, staff):
            last = t["needs"][-1]
            if last.get("count", 1) > 1:
                last.pop("count")
            elif len(t["needs"]) > 1:
                t["needs"].pop()
            else:  # pragma: no cover - one need of count 1 always fits
                raise AssertionError(f"{t['id']}: unfillable need")


def _fillable(task: dict[str, Any], staff: list[dict[str, Any]]) -> bool:
    slots = [
        [
            p["id"]
            for p in staff
            if p["skills"].get(n["skill"], 0) >= n["level"]
        ]
        for n in task["needs"]
        for _ in range(n.get("count", 1))
    ]
    return len(match_slots(slots)) == len(slots)


def _resources(
    rng: random.Random,
    tasks: list[dict[str, Any]],
    share: float,
    copies: int,
) -> list[dict[str, Any]]:
    """2-3 pooled resources of capacity 1-3 (times ``copies``), held by
    ``share`` of the tasks (mostly in the build, test and release
    phases), each resource by a share in proportion to its capacity."""
    names = ["staging", "perf-lab", "device-farm"][: rng.randint(2, 3)]
    resources: list[dict[str, Any]] = [
        {
            "id": r,
            "capacity": rng.randint(1, 3) * copies,
            "rate": rng.choice((0, 50, 100, 200)),
        }
        for r in names
    ]
    weights = [r["capacity"] for r in resources]
    for t in tasks:
        late = any(p in t["name"] for p in (" Build ", " Test ", " Release "))
        if rng.random() < share * (1.25 if late else 0.5):
            res = rng.choices(resources, weights=weights)[0]
            t["uses"] = {res["id"]: 1}
    return resources


def _vacations(
    rng: random.Random, people: list[dict[str, Any]], weeks: int
) -> None:
    """A one-week (Mon-Fri) vacation for about 10% of the team."""
    count = max(1, round(0.1 * len(people)))
    for p in rng.sample(people, count):
        monday = START + timedelta(weeks=rng.randrange(1, weeks + 1))
        friday = monday + timedelta(days=4)
        p["unavailable"] = [
            {"start": monday.isoformat(), "end": friday.isoformat()}
        ]


def main(argv: list[str] | None = None) -> int:
    """Write a generated project as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tasks", type=int, help="number of tasks")
    parser.add_argument("--people", type=int, default=None)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", default="-", help="file (default stdout)")
    args = parser.parse_args(argv)
    data = generate_data(args.tasks, args.people, args.seed)
    Project.from_data(data)  # validate
    text = json.dumps(data, indent=1)
    if args.out == "-":
        print(text)
    else:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
