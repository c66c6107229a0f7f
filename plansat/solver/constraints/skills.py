"""Skills: each need gets exactly ``count`` distinct qualified people."""

from __future__ import annotations

from plansat.solver.strengthenings import Strengthenings
from plansat.solver.variables import Variables


def add(v: Variables, parts: Strengthenings) -> None:
    """Fill every need slot of the chosen mode; honour pinned people.

    One person fills at most one slot of a task; that is built into the
    ``works`` variables (a sum of the person's slot literals that is a
    Boolean).  Pinned people must work on their task.
    """
    m, p = v.model, v.project
    for (task_id, k, n), people in v.candidates.items():
        need = p.task(task_id).alternatives[k].needs[n]
        slots = sum(v.slot[task_id, k, n, pid] for pid in people)
        m.add(slots == need.count * v.chosen(task_id, k))
    for t in p.tasks:
        for pid in t.assigned:
            switch = v.switch(
                f"pin:{t.id}:{pid}", f"{t.id} is pinned to {pid}"
            )
            c = m.add(v.works[t.id, pid] == 1)
            if switch is not None:
                c.only_enforce_if(switch)
