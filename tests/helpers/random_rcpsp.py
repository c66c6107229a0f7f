"""Random resource-only projects (the RCPSP family) for property tests."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from plansat import Project
from tests.helpers import START


@st.composite
def rcpsp(
    draw: st.DrawFn, links: tuple[str, ...] = ("FS",), modes: bool = False
) -> Project:
    """5-8 tasks on a DAG of ``links`` (lags 0-2), durations 0-4, one or
    two renewable resources of capacity 1-3; with ``modes``, some tasks
    get a second mode (1-4 days, its own units)."""
    caps = draw(st.lists(st.integers(1, 3), min_size=1, max_size=2))
    tasks: list[dict[str, Any]] = []
    for j in range(draw(st.integers(5, 8))):
        preds = draw(st.sets(st.integers(0, j - 1), max_size=3)) if j else ()
        duration = draw(st.integers(0, 4))
        uses = {
            f"r{k}": draw(st.integers(1, cap))
            for k, cap in enumerate(caps)
            if duration and draw(st.booleans())  # milestones use nothing
        }
        task: dict[str, Any] = {"duration": duration, "uses": uses}
        if modes and draw(st.booleans()):
            other = draw(st.integers(1, 4))
            task = {"modes": [
                {"duration": max(duration, 1), "uses": uses},
                {"duration": other, "uses": {
                    f"r{k}": draw(st.integers(1, cap))
                    for k, cap in enumerate(caps) if draw(st.booleans())
                }},
            ]}
        tasks.append({
            "id": f"T{j}",
            **task,
            "after": [{"task": f"T{i}", "type": draw(st.sampled_from(links)),
                       "lag": draw(st.integers(0, 2))}
                      for i in sorted(preds)],
        })
    return Project.model_validate({
        "start": START,
        "resources": [{"id": f"r{k}", "capacity": c}
                      for k, c in enumerate(caps)],
        "tasks": tasks,
    })
