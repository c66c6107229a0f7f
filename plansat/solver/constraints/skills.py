"""Skills: each need gets exactly ``count`` distinct qualified people."""

from __future__ import annotations

from plansat.solver.variables import Variables


def add_skills(v: Variables) -> None:
    """Fill every need slot; honour pinned people.

    One person fills at most one slot of a task; that is built into the
    ``works`` variables (a sum of the person's slot literals that is a
    Boolean).  Pinned people must work on their task.
    """
    m = v.model
    for t in v.project.tasks:
        for k, need in enumerate(t.needs):
            people = v.candidates[t.id, k]
            m.add(sum(v.slot[t.id, k, p] for p in people) == need.count)
        for pid in t.assigned:
            switch = v.switch(f"pin:{t.id}:{pid}")
            c = m.add(v.works[t.id, pid] == 1)
            if switch is not None:
                c.only_enforce_if(switch)
