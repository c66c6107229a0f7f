"""The one plan every question after a status date is measured against.

Once a project has a status date, a what-if, the blockers and the risk
all answer against the **re-plan at that status date**
(:func:`plansat.analysis.tracking.replan.replan`): history where it happened,
the rest re-planned optimally with the least change from the plan of
record.  A given plan that already is a re-plan at that date is that
basis; any other (a baseline solved before work started, a re-plan at
an earlier date) is the plan of record to re-plan from, and the answer
says so.  Without a status date the basis is the given plan, else a
solve.
"""

from __future__ import annotations

from dataclasses import dataclass

from plansat.models import Project, Result
from plansat.options import Budget, SolveOptions

__all__ = ["Basis", "basis", "is_replan_at"]


@dataclass(frozen=True)
class Basis:
    """The plan to measure against and how it was obtained.

    Attributes
    ----------
    plan
        The basis (may have no schedule: then ``plan.explanation``).
    note
        Why the given plan was not used as it is, else ``None``.
    """

    plan: Result
    note: str | None = None


def is_replan_at(project: Project, result: Result | None) -> bool:
    """Whether ``result`` is a re-plan at ``project``'s status date."""
    return (result is not None and result.replan is not None
            and project.status_date is not None
            and result.replan.status_date == project.status_date)


def basis(
    project: Project,
    result: Result | None,
    options: SolveOptions,
    budget: Budget,
) -> Basis:
    """The plan questions about ``project`` are measured against.

    Parameters
    ----------
    project
        The project, with or without a status date.
    result
        The plan given (a baseline, a re-plan, a hand-made plan), or
        ``None``.
    options, budget
        How to solve when a plan has to be made.
    """
    if project.status_date is None:
        if result is not None:
            return Basis(result)
        from plansat.solver.solve import solve

        return Basis(solve(project, options, budget=budget))
    if is_replan_at(project, result):
        assert result is not None
        return Basis(result)
    from plansat.analysis.tracking.replan import replan

    plan = replan(project, result, options, budget=budget)
    if result is None:
        return Basis(plan)
    day = project.status_date
    what = (f"a re-plan at {result.replan.status_date}"
            if result.replan is not None else "a plan without progress")
    return Basis(plan, (
        f"the plan given is {what}: measured against the re-plan at the "
        f"status date {day} from it (history as reported, the rest with "
        "the least change)"))
