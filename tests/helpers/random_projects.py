"""Random valid projects with people (skills, availability, crash
options, an optional pooled resource) for property tests.

Projects: 4-8 tasks on a DAG of FS/SS links with lags >= 0, 2-4 people
whose skills fill every need, optional crash options, an optional pooled
resource, no deadlines, starting Monday 2025-06-02.
"""

from __future__ import annotations

from typing import Any

from hypothesis import assume
from hypothesis import strategies as st
from pydantic import ValidationError

from plansat import Project
from tests.helpers import START

SKILLS = ("analysis", "backend", "qa")


@st.composite
def projects(draw: st.DrawFn) -> Project:
    """A random valid project (see the module docs)."""
    n_people = draw(st.integers(2, 4))
    people: list[dict[str, Any]] = []
    for k in range(n_people):
        skills = draw(
            st.dictionaries(
                st.sampled_from(SKILLS), st.integers(1, 5), min_size=1
            )
        )
        people.append(
            {
                "id": f"p{k}",
                "skills": skills,
                "rate": draw(st.integers(0, 500)),
                "availability": draw(st.sampled_from([50, 80, 100])),
            }
        )
    resources: list[dict[str, Any]] = []
    if draw(st.booleans()):
        resources.append(
            {
                "id": "rig",
                "capacity": draw(st.integers(1, 2)),
                "rate": draw(st.integers(0, 50)),
            }
        )
    tasks: list[dict[str, Any]] = []
    for j in range(draw(st.integers(4, 8))):
        d = draw(st.integers(1, 5))
        alloc = draw(st.sampled_from([50, 100]))
        preds = (
            draw(st.sets(st.integers(0, j - 1), max_size=2)) if j else set()
        )
        task: dict[str, Any] = {
            "id": f"T{j}",
            "duration": d,
            "allocation": alloc,
            "after": [
                {
                    "task": f"T{i}",
                    "type": draw(st.sampled_from(["FS", "SS"])),
                    "lag": draw(st.integers(0, 2)),
                }
                for i in sorted(preds)
            ],
        }
        skill = draw(st.sampled_from(SKILLS))
        able = [
            p["skills"][skill]
            for p in people
            if skill in p["skills"] and p["availability"] >= alloc
        ]
        if able:
            level = draw(st.integers(1, max(able)))
            qualified = sum(lv >= level for lv in able)
            count = draw(st.integers(1, min(2, qualified)))
            task["needs"] = [{"skill": skill, "level": level, "count": count}]
        if d > 1 and draw(st.booleans()):
            task["crash"] = {
                "duration": draw(st.integers(1, d - 1)),
                "cost_per_day": draw(st.integers(0, 300)),
            }
        use_rig = draw(st.booleans())
        if resources and use_rig:
            cap = resources[0]["capacity"]
            task["uses"] = {"rig": draw(st.integers(1, cap))}
        tasks.append(task)
    data = {
        "start": START,
        "overhead_per_day": draw(st.integers(0, 1000)),
        "people": people,
        "resources": resources,
        "tasks": tasks,
    }
    try:
        return Project.model_validate(data)
    except ValidationError:  # e.g. needs no distinct people can fill
        assume(False)
        raise
