"""Precedence: the four link types with lags, fast-tracking within
``max_overlap``, and the overlaps the result lists."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from plansat.check._common import Schedule, close, plural
from plansat.models.project import Dependency, Project, Task
from plansat.models.result import Overlap, TaskResult


def fs_overlap(pred: TaskResult, succ: TaskResult, dep: Dependency) -> int:
    """Days by which ``succ`` starts before ``pred`` finishes + lag."""
    return max(0, pred.finish + dep.lag - succ.start)


def links(
    project: Project,
    sched: dict[str, TaskResult],
    history: dict[str, TaskResult] | None = None,
) -> Iterable[tuple[Task, Dependency, TaskResult, TaskResult]]:
    """(successor, link, predecessor's entry, successor's entry) for each
    link into a scheduled task from a scheduled (or, in a re-plan,
    finished: ``history``) task, in project order."""
    history = history or {}
    for task in project.tasks:
        succ = sched.get(task.id)
        if succ is None:
            continue
        for dep in task.after:
            pred = sched.get(dep.task) or history.get(dep.task)
            if pred is not None:
                yield task, dep, pred, succ


def expected_overlaps(
    project: Project,
    sched: dict[str, TaskResult],
    history: dict[str, TaskResult] | None = None,
    skip: Callable[[str, Dependency], bool] | None = None,
) -> list[Overlap]:
    """The fast-tracked FS links of the schedule, with their cost
    (``skip(successor id, link)`` leaves links out)."""
    found = []
    for task, dep, pred, succ in links(project, sched, history):
        if dep.type != "FS" or (skip is not None and skip(task.id, dep)):
            continue
        days = fs_overlap(pred, succ, dep)
        if days > 0:
            found.append(
                Overlap(
                    predecessor=dep.task,
                    successor=task.id,
                    days=days,
                    cost=days * dep.overlap_cost_per_day,
                )
            )
    return found


def check_links(s: Schedule, out: list[str]) -> None:
    """Every link holds: FS up to ``max_overlap`` days of overlap, SS,
    FF and SF exactly, all with their lag.

    In a re-plan, links into finished tasks are history; a task in
    progress starts (for SS and SF links) on its actual start; with
    ``override`` logic the links a task in progress broke when it started
    are dropped."""
    for task, dep, pred, succ in links(s.project, s.tasks, s.done):
        tid, pid, lag = task.id, dep.task, dep.lag
        if pid in s.running:
            pred = pred.model_copy(update={"start": s.running[pid]})
        if tid in s.running and _overridden(s, task.id, dep):
            continue
        if dep.type == "FS":
            days = fs_overlap(pred, succ, dep)
            if days > 0 and dep.max_overlap == 0:
                out.append(
                    f"{tid}: FS link after {pid} broken: start {succ.start}"
                    f" < {pid} finish {pred.finish} + lag {lag}"
                )
            elif days > dep.max_overlap:
                out.append(
                    f"{tid}: overlaps {pid} by {days} days (FS, lag {lag}),"
                    f" more than max_overlap {dep.max_overlap}"
                )
            continue
        mine, theirs, ok = {
            "SS": ("start", "start", succ.start >= pred.start + lag),
            "FF": ("finish", "finish", succ.finish >= pred.finish + lag),
            "SF": ("finish", "start", succ.finish >= pred.start + lag),
        }[dep.type]
        if not ok:
            out.append(
                f"{tid}: {dep.type} link after {pid} broken: {mine} "
                f"{getattr(succ, mine)} < {pid} {theirs} "
                f"{getattr(pred, theirs)} + lag {lag}"
            )


def _overridden(s: Schedule, task_id: str, dep: Dependency) -> bool:
    """Whether ``override`` logic dropped link ``dep`` into the task in
    progress ``task_id``: an FS link from a predecessor not finished (or
    an SS link from one not started) when the task started."""
    info = s.result.replan
    if info is None or info.logic != "override":
        return False
    started = s.running[task_id]
    if dep.type == "FS":
        pred = s.done.get(dep.task)
        return pred is None or started < pred.finish + dep.lag
    if dep.type == "SS":
        begun = s.running.get(dep.task)
        if dep.task in s.done:
            begun = s.done[dep.task].start
        return begun is None or started < begun + dep.lag
    return False


def schedule_overlaps(s: Schedule) -> list[Overlap]:
    """:func:`expected_overlaps` of a schedule, history and dropped links
    of a re-plan taken into account."""
    return expected_overlaps(
        s.project, s.tasks, s.done,
        lambda tid, dep: tid in s.running and _overridden(s, tid, dep),
    )


def check_overlaps(s: Schedule, out: list[str]) -> None:
    """``result.overlaps`` lists exactly the schedule's overlaps, with
    their days and cost."""
    remaining = list(s.result.overlaps)
    for exp in schedule_overlaps(s):
        link = f"{exp.predecessor} -> {exp.successor}"
        same = [
            o
            for o in remaining
            if (o.predecessor, o.successor) == (exp.predecessor, exp.successor)
        ]
        match = next((o for o in same if o.days == exp.days), None)
        if match is None and same:
            match = same[0]
            out.append(
                f"{exp.successor}: result.overlaps gives {match.days} days "
                f"for {link}, the schedule overlaps {exp.days}"
            )
        elif match is None:
            out.append(
                f"{exp.successor}: overlap {link} of "
                f"{plural(exp.days, 'day')} is missing from "
                "result.overlaps"
            )
            continue
        remaining.remove(match)
        if not close(match.cost, exp.cost):
            out.append(
                f"{exp.successor}: result.overlaps costs {link} at "
                f"{match.cost:g}, recomputed {exp.cost:g}"
            )
    for o in remaining:
        out.append(
            f"{o.successor}: result.overlaps lists {o.predecessor} -> "
            f"{o.successor} ({plural(o.days, 'day')}) but the schedule "
            "has no such overlap"
        )
