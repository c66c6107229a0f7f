"""Time windows: earliest starts, task deadlines, the project deadline."""

from __future__ import annotations

from plansat.schedule.windows import due_bound
from plansat.solver.strengthenings import Strengthenings
from plansat.solver.variables import Variables


def add(v: Variables, parts: Strengthenings) -> None:
    """Bound starts and finishes by the project's dates (hard).

    Earliest starts are already in the start variables' domains unless
    the model explains infeasibility, when each window gets a switch.
    The makespan is at least every task's finish.
    """
    m, p = v.model, v.project
    assert v.makespan is not None
    for t in p.tasks:
        m.add(v.makespan >= v.end[t.id])
        switch = None
        if t.earliest_start is not None:
            switch = v.switch(
                f"earliest_start:{t.id}",
                f"{t.id} can't start before {t.earliest_start}",
            )
        if switch is not None:  # otherwise it is in the start's domain
            es = p.earliest_start_index(t)
            m.add(v.start[t.id] >= es).only_enforce_if(switch)
        for key, due, sentence in (
            (f"deadline:{t.id}", t.deadline,
             f"{t.id} must finish by {t.deadline}"),
            ("deadline:project", p.deadline,
             f"the project deadline {p.deadline}"),
        ):
            if due is None:
                continue
            switch = v.switch(key, sentence)
            bound = due_bound(p, t, due, duration=1)
            c = m.add(v.end[t.id] <= bound)
            if switch is not None:
                c.only_enforce_if(switch)
            dated = due_bound(p, t, due, duration=0)
            if dated == bound:
                continue  # milestones: the same bound (MS Project's date)
            for k, mode in enumerate(t.alternatives):
                if mode.duration == 0:  # dated day 0: before the deadline
                    lits = [switch] if switch is not None else []
                    chosen = v.chosen(t.id, k)
                    if not isinstance(chosen, int):
                        lits.append(chosen)
                    m.add(v.end[t.id] <= dated).only_enforce_if(lits)
