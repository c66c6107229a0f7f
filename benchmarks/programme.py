"""The realistic programme of ``examples/programme.json``, generated.

Six phases of 18-22 tasks (WBS ``k.n``), each closed by a milestone;
twelve people with two or three skills each, day rates and a week's
holiday each; every task needs one skill (a few two), some may be
crashed, some links fast-tracked, most tasks have a three-point
estimate.  The generator is deterministic (``random.Random(seed)``), so

    python -m benchmarks.programme > examples/programme.json

writes the example again, byte for byte.  Smaller programmes of the same
kind (``programme(phases=3, tasks=(6, 8), people=6)``) keep the weekly
loop test fast.
"""

from __future__ import annotations

import json
import random
import sys
from datetime import date, timedelta
from typing import Any

START = date(2026, 1, 5)  # a Monday
SKILLS = ("analysis", "design", "backend", "frontend", "data", "qa",
          "devops", "docs")
PHASES = ("Initiation", "Design", "Core build", "Channels build",
          "Integration", "Rollout")
#: Skills each phase draws on most.
PHASE_SKILLS = (
    ("analysis", "docs", "design"),
    ("design", "analysis", "data"),
    ("backend", "data", "devops"),
    ("frontend", "backend", "qa"),
    ("qa", "devops", "backend"),
    ("devops", "docs", "qa"),
)
NAMES = ("Ada", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo",
         "Jun", "Kai", "Lea")


def _people(rng: random.Random, count: int) -> list[dict[str, Any]]:
    people = []
    for k, name in enumerate(NAMES[:count]):
        own = rng.sample(SKILLS, rng.choice((2, 3)))
        # every skill has at least one strong holder
        own[0] = SKILLS[k % len(SKILLS)]
        if count < len(SKILLS) and k + count < len(SKILLS):
            own.append(SKILLS[k + count])  # fewer people: cover them all
        skills = {s: rng.randint(2, 5) for s in dict.fromkeys(own)}
        skills[own[0]] = max(skills[own[0]], 4)
        away = START + timedelta(weeks=rng.randint(2, 20))
        away -= timedelta(days=away.weekday())  # a Monday
        people.append({
            "id": name.lower(), "name": name,
            "skills": skills, "rate": rng.randrange(400, 901, 20),
            "unavailable": [{"start": away.isoformat(),
                             "end": (away + timedelta(days=4)).isoformat()}],
        })
    return people


def _task(
    rng: random.Random, phase: int, n: int, earlier: list[str],
    gate: str | None,
) -> dict[str, Any]:
    tid = f"P{phase + 1}T{n:02d}"
    duration = rng.randint(2, 8)
    skill = rng.choice(PHASE_SKILLS[phase])
    task: dict[str, Any] = {
        "id": tid, "name": f"{PHASES[phase]} task {n}",
        "wbs": f"{phase + 1}.{n}", "duration": duration,
        "needs": [{"skill": skill, "level": rng.randint(1, 3)}],
    }
    if rng.random() < 0.1:
        other = rng.choice([s for s in SKILLS if s != skill])
        task["needs"].append({"skill": other, "level": 1})
    preds = rng.sample(earlier, min(len(earlier), rng.choice((0, 1, 1,
                                                               2))))
    if not preds and gate is not None:
        preds = [gate]
    links: list[Any] = []
    for pred in preds:
        if rng.random() < 0.1 and not pred.endswith("M"):
            links.append({"task": pred, "max_overlap": 2,
                          "overlap_cost_per_day": 200})
        else:
            links.append(pred)
    task["after"] = links
    if duration >= 5 and rng.random() < 0.25:
        task["crash"] = {"duration": duration - 2, "cost_per_day": 500}
    if rng.random() < 0.8:
        lo = max(1, duration - rng.randint(0, 2))
        task["estimate"] = {"optimistic": lo, "likely": duration,
                            "pessimistic": duration + rng.randint(1, 5)}
    return task


def programme(
    seed: int = 23, phases: int = 6, tasks: tuple[int, int] = (18, 22),
    people: int = 12,
) -> dict[str, Any]:
    """The programme as project JSON (see the module docs): ``phases``
    phases of ``tasks`` (least, most) tasks each, ``people`` people."""
    rng = random.Random(seed)
    rows: list[dict[str, Any]] = []
    gate: str | None = None
    for phase, title in enumerate(PHASES[:phases]):
        ids: list[str] = []
        for n in range(1, rng.randint(*tasks) + 1):
            task = _task(rng, phase, n, ids, gate)
            rows.append(task)
            ids.append(task["id"])
        succ = {d if isinstance(d, str) else d["task"]
                for t in rows for d in t["after"]}
        ends = [i for i in ids if i not in succ]
        gate = f"P{phase + 1}M"
        rows.append({"id": gate, "name": f"{title} done",
                      "wbs": f"{phase + 1}.99", "duration": 0,
                      "after": ends})
    return {
        "name": "Customer platform programme",
        "start": START.isoformat(),
        "calendar": {"workdays": ["Mon", "Tue", "Wed", "Thu", "Fri"],
                     "holidays": ["2026-04-03", "2026-04-06",
                                  "2026-05-25"]},
        "overhead_per_day": 1500,
        "people": _people(rng, people),
        "tasks": rows,
    }


def main() -> None:
    """Print the programme (``python -m benchmarks.programme``)."""
    json.dump(programme(), sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
