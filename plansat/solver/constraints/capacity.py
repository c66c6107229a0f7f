"""Capacity: people's daily availability and pooled resources."""

from __future__ import annotations

from ortools.sat.python import cp_model

from plansat.solver.variables import Variables


def add_capacity(v: Variables) -> None:
    """People never above availability, vacations blocked, pools within
    capacity."""
    _people(v)
    _resources(v)


def _people(v: Variables) -> None:
    m, p = v.model, v.project
    for person in p.people:
        task_ids = v.tasks_of[person.id]
        if not task_ids:
            continue
        intervals = [v.person_interval[t, person.id] for t in task_ids]
        demands = [p.task(t).allocation for t in task_ids]
        for k, days in enumerate(p.blocked_days(person)):
            if days.start >= v.horizon:
                continue
            switch = v.switch(f"vacation:{person.id}:{k}")
            size = min(days.stop, v.horizon) - days.start
            name = f"vacation[{person.id},{k}]"
            if switch is None:
                block = m.new_fixed_size_interval_var(days.start, size, name)
            else:
                block = m.new_optional_fixed_size_interval_var(
                    days.start, size, switch, name
                )
            intervals.append(block)
            demands.append(person.availability)
        _limit(m, intervals, demands, person.availability)


def _resources(v: Variables) -> None:
    p = v.project
    for res in p.resources:
        users = [t for t in p.tasks if res.id in t.uses and t.duration > 0]
        if users:
            _limit(
                v.model,
                [v.interval[t.id] for t in users],
                [t.uses[res.id] for t in users],
                res.capacity,
            )


def _limit(
    m: cp_model.CpModel,
    intervals: list[cp_model.IntervalVar],
    demands: list[int],
    capacity: int,
) -> None:
    """Cumulative, or no-overlap when no two demands fit together."""
    if len(intervals) < 2:  # demands never exceed capacity (validated)
        return
    low = sorted(demands)[:2]
    if low[0] + low[1] > capacity:
        m.add_no_overlap(intervals)
    elif sum(demands) > capacity:
        m.add_cumulative(intervals, demands, capacity)
