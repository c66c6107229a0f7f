"""Skills: the right number of known, distinct people on each task, who
fill its need slots (a maximum matching), include the pinned people and
are available enough for its allocation."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from plansat.check._common import Schedule, chosen, names, plural
from plansat.models.project import Mode, Person, Task
from plansat.models.result import TaskResult


def matching(
    slots: Sequence[tuple[str, int]], people: Sequence[Person]
) -> tuple[int, list[Person]]:
    """Maximum matching of people to need slots (augmenting paths).

    Returns the number of slots filled and the people left unmatched.
    """
    fits = [
        [
            k
            for k, (skill, level) in enumerate(slots)
            if p.level(skill) >= level
        ]
        for p in people
    ]
    slot_owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for k in fits[i]:
            if k in seen:
                continue
            seen.add(k)
            if k not in slot_owner or augment(slot_owner[k], seen):
                slot_owner[k] = i
                return True
        return False

    for i in range(len(people)):
        augment(i, set())
    matched = set(slot_owner.values())
    return len(slot_owner), [
        p for i, p in enumerate(people) if i not in matched
    ]


def check_staffing(
    s: Schedule, task: Task, tr: TaskResult, out: list[str]
) -> None:
    """People of one task: none on a milestone; known, distinct, the
    pinned ones present, as many as the chosen mode's slots (plus pinned
    people beyond the needs), qualified and available enough."""
    project, tid = s.project, task.id
    if tid in s.running:  # who works it is history: see progress
        return
    mode = chosen(task, tr)
    if mode.duration == 0:
        if tr.people:
            out.append(
                f"{tid}: a milestone (duration 0) has no people, got "
                f"{names(tr.people)}"
            )
        return
    counts = Counter(tr.people)
    for pid, n in counts.items():
        if pid not in project.person_index:
            out.append(f"{tid}: unknown person '{pid}'")
        elif n > 1:
            out.append(f"{tid}: {pid} is listed {n} times")
    for pid in task.assigned:
        if pid not in counts:
            out.append(f"{tid}: pinned person {pid} is not on the task")
    extra = set(project.extra_people(task))  # pinned beyond the needs
    if len(tr.people) != mode.slots + len(extra):
        out.append(
            f"{tid}: has {plural(len(tr.people), 'person', 'people')}, "
            f"needs {mode.slots + len(extra)}"
        )
    people = [
        project.person(p)
        for p in counts
        if p in project.person_index and p not in extra
    ]
    _check_needs(task, mode, people, out)
    for person in people:
        if person.availability < task.allocation:
            out.append(
                f"{tid}: {person.id}'s availability {person.availability}%"
                f" is below the task's allocation {task.allocation}%"
            )


def _check_needs(
    task: Task,
    mode: Mode,
    people: Sequence[Person],
    out: list[str],
) -> None:
    """``people`` fill as many need slots of ``mode`` as they can."""
    slots = [(n.skill, n.level) for n in mode.needs for _ in range(n.count)]
    filled, left = matching(slots, people)
    if filled >= min(len(slots), len(people)):
        return
    needs = "; ".join(f"{n.skill} >= {n.level} x{n.count}" for n in mode.needs)
    hopeless = [
        p.id for p in left if not any(p.level(s) >= lv for s, lv in slots)
    ]
    for pid in hopeless:
        out.append(
            f"{task.id}: {pid} qualifies for none of the needs ({needs})"
        )
    if not hopeless:
        out.append(
            f"{task.id}: people {names(p.id for p in people)} fill only "
            f"{filled} of {len(slots)} need slots ({needs}); "
            f"unmatched: {names(p.id for p in left)}"
        )
