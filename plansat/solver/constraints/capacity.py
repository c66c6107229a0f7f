"""Capacity: people's daily availability and pooled resources."""

from __future__ import annotations

from ortools.sat.python import cp_model

from plansat.solver.strengthenings import Strengthenings
from plansat.solver.variables import Variables


def add(v: Variables, parts: Strengthenings) -> None:
    """People never above availability, vacations blocked, pools within
    capacity, less the loads already booked (``v.booked``).

    With ``parts.makespan_interval``, an interval from the makespan to the
    horizon takes each capacity in full (nothing runs after the end), which
    lets CP-SAT's cumulative reasoning push the makespan bound.
    """
    tail = None
    if parts.makespan_interval:
        assert v.makespan is not None
        tail = v.model.new_interval_var(
            v.makespan, v.horizon - v.makespan, v.horizon, "after_end"
        )
    _people(v, tail)
    _resources(v, tail)


def _people(v: Variables, tail: cp_model.IntervalVar | None) -> None:
    m, p = v.model, v.project
    cal = p.work_calendar
    for person in p.people:
        task_ids = v.tasks_of[person.id]
        if not task_ids:
            continue
        intervals = [v.person_interval[t, person.id] for t in task_ids]
        demands = [p.task(t).allocation for t in task_ids]
        for k, days in enumerate(p.blocked_days(person)):
            if days.start >= v.horizon or person.id in v.split_people:
                break  # (split people's days off: see splits)
            away = "is away" if person.calendar is None else (
                "is away or off (their calendar)")
            switch = v.switch(
                f"vacation:{person.id}:{k}",
                f"{person.id} {away} {cal.date_of(days.start)} to "
                f"{cal.date_of(days.stop - 1)}",
            )
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
        _book(v, f"person:{person.id}", intervals, demands)
        _limit(m, intervals, demands, person.availability, tail)


def _resources(v: Variables, tail: cp_model.IntervalVar | None) -> None:
    p = v.project
    for res in p.resources:
        users = [
            (v.task_interval(t.id, k), mode.uses[res.id], t.id, k)
            for t in p.tasks
            for k, mode in enumerate(t.alternatives)
            if res.id in mode.uses
        ]
        if not res.renewable:
            _budget(v, res.id, res.capacity, users)
        else:
            busy = [(i, q) for i, q, t, k in users
                    if p.task(t).alternatives[k].duration > 0]
            if busy and res.id not in v.split_resources:
                busy += _closed(v, res.id, res.capacity)
            if busy:
                intervals, demands = [i for i, _ in busy], [q for _, q in busy]
                _book(v, f"resource:{res.id}", intervals, demands)
                _limit(v.model, intervals, demands, res.capacity, tail)


def _book(v: Variables, key: str, intervals: list[cp_model.IntervalVar],
          demands: list[int]) -> None:
    """Append the loads booked on ``key`` as fixed intervals (those that
    start before the horizon)."""
    for k, (first, stop, demand) in enumerate(v.booked.get(key, ())):
        stop = min(stop, v.horizon)
        if stop > first:
            intervals.append(v.model.new_fixed_size_interval_var(
                first, stop - first, f"booked[{key},{k}]"))
            demands.append(demand)


def _closed(
    v: Variables, resource_id: str, capacity: int
) -> list[tuple[cp_model.IntervalVar, int]]:
    """Fixed intervals taking the whole capacity on the resource's days
    off (its own calendar), before the horizon."""
    return [
        (v.model.new_fixed_size_interval_var(
            r.start, min(r.stop, v.horizon) - r.start,
            f"closed[{resource_id},{k}]"), capacity)
        for k, r in enumerate(v.resource_off(resource_id))
    ]


def _limit(
    m: cp_model.CpModel,
    intervals: list[cp_model.IntervalVar],
    demands: list[int],
    capacity: int,
    tail: cp_model.IntervalVar | None = None,
) -> None:
    """Cumulative, or no-overlap when no two demands fit together."""
    if len(intervals) < 2 and tail is None:
        return  # demands never exceed capacity (validated)
    if tail is not None:
        intervals, demands = [*intervals, tail], [*demands, capacity]
    low = sorted(demands)[:2]
    if low[0] + low[1] > capacity:
        m.add_no_overlap(intervals)
    elif sum(demands) > capacity:
        m.add_cumulative(intervals, demands, capacity)


def _budget(
    v: Variables,
    resource_id: str,
    capacity: int,
    users: list[tuple[cp_model.IntervalVar, int, str, int]],
) -> None:
    """A non-renewable pool: the units of the chosen modes add up to at
    most ``capacity`` over the whole project."""
    total = sum(units * v.chosen(t, k) for _, units, t, k in users)
    if isinstance(total, int) and total <= capacity:
        return
    c = v.model.add(total <= capacity)
    switch = v.switch(
        f"budget:{resource_id}",
        f"non-renewable {resource_id}: at most {capacity} units in total",
    )
    if switch is not None:
        c.only_enforce_if(switch)
