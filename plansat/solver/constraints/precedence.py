"""Precedence: FS/SS/FF/SF links with lags, FS overlap (fast-tracking)."""

from __future__ import annotations

from plansat.solver.strengthenings import Strengthenings
from plansat.solver.variables import Variables


def add(v: Variables, parts: Strengthenings) -> None:
    """Add one linear constraint per dependency link.

    FS: ``s_j >= f_i + lag - overlap``; SS: ``s_j >= s_i + lag``;
    FF: ``f_j >= f_i + lag``; SF: ``f_j >= s_i + lag``.
    """
    m = v.model
    for t in v.project.tasks:
        j = t.id
        for dep in t.after:
            i = dep.task
            if dep.type == "FS":
                lead = v.overlap.get((i, j), 0) if dep.max_overlap else 0
                m.add(v.start[j] >= v.end[i] + dep.lag - lead)
            elif dep.type == "SS":
                m.add(v.start[j] >= v.start[i] + dep.lag)
            elif dep.type == "FF":
                m.add(v.end[j] >= v.end[i] + dep.lag)
            else:  # SF
                m.add(v.end[j] >= v.start[i] + dep.lag)
