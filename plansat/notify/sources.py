"""The facts of a message computed from the store alone (no MCP
server): the plan stored for the project's current revision (else one
solved now, :func:`plansat.analysis.tracking.replan.plan_from_now`),
its latest baseline, the blockers of medium severity or more
(:func:`plansat.analysis.impact.blockers.blockers`) and the Monte Carlo
outlook (10 000 samples, seed 0).  What ``plansat notify queue`` and
``preview`` use (see :class:`plansat.notify.status_messages.Sources`).
"""

from __future__ import annotations

from dataclasses import dataclass

from plansat.analysis.impact.blockers import blockers
from plansat.analysis.risk.simulation import simulate
from plansat.analysis.tracking.replan import plan_from_now
from plansat.models import Project, Result
from plansat.models.impact import Blocker
from plansat.models.risk import RiskReport
from plansat.options import SolveOptions
from plansat.store import BaselineRecord, NotFound, ProjectRecord, ProjectStore

__all__ = ["StoreSources"]


@dataclass
class StoreSources:
    """The facts of a message from ``store``, solving with
    ``options``."""

    store: ProjectStore
    options: SolveOptions

    def baseline(self, record: ProjectRecord) -> BaselineRecord | None:
        """The project's latest baseline, if any."""
        try:
            return self.store.get_baseline(record.id)
        except NotFound:
            return None

    def plan(self, record: ProjectRecord,
             baseline: BaselineRecord | None) -> Result:
        """The plan stored for the current revision, else a new one."""
        stored = self.store.latest_plan(record.id)
        if stored is not None and stored.revision == record.revision:
            return stored.result
        plan, _ = plan_from_now(record.project, self.options,
                                baseline.result if baseline else None)
        return plan

    def blockers(self, record: ProjectRecord, plan: Result,
                 baseline: BaselineRecord | None) -> list[Blocker]:
        """The plan's blockers of medium severity or more."""
        base = (baseline.result if baseline is not None
                and record.project.status_date is not None else None)
        return blockers(record.project, plan, base, self.options,
                        min_severity="medium").blockers

    def risk(self, project: Project, plan: Result) -> RiskReport | None:
        """The plan's Monte Carlo outlook (``None`` without a
        schedule)."""
        if not plan.status.has_solution:
            return None
        return simulate(project, plan, seed=0)
