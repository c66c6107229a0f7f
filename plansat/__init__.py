"""plansat: exact project planning with OR-Tools CP-SAT.

The public API, one import away::

    import plansat

    project = plansat.Project.from_file("examples/ecommerce.json")
    cpm = plansat.critical_path(project)
    result = plansat.solve(project, objective="time", time_limit=10)
    assert plansat.violations(project, result) == []
    items = plansat.solve_many(["a.json", "b.json"])
    curve = plansat.tradeoff(project, time_limit=30)
    later = plansat.replan(progress_project, baseline=result)
    report = plansat.status(progress_project, baseline=result)
    risk = plansat.simulate(project, result, iterations=10_000)
    impact = plansat.what_if(project, result, ["--delay T004:5"])
    joint = plansat.plan_portfolio("examples/portfolio/portfolio.json")
    fits = plansat.admit("examples/portfolio/portfolio.json",
                         "examples/portfolio/analytics.json")

Names are loaded on first use (PEP 562), so ``import plansat`` and the
commands that don't solve stay fast: OR-Tools and pandas load only when
something needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plansat.lazy import exports

__version__ = "0.1.0"

#: Public name -> the module that defines it.
_EXPORTS: dict[str, str] = {
    "Project": "plansat.models",
    "ProjectError": "plansat.models",
    "Result": "plansat.models",
    "SolveStatus": "plansat.models",
    "SolveOptions": "plansat.options",
    "Budget": "plansat.options",
    "CpmReport": "plansat.schedule.cpm",
    "critical_path": "plansat.schedule.cpm",
    "violations": "plansat.check",
    "SolveProgress": "plansat.solver.engine",
    "solve": "plansat.solver.solve",
    "Strategy": "plansat.solver.search",
    "tradeoff": "plansat.analysis.tradeoff",
    "replan": "plansat.analysis.tracking.replan",
    "Thresholds": "plansat.models.impact",
    "BlockerReport": "plansat.models.impact",
    "WhatIf": "plansat.models.impact",
    "blockers": "plansat.analysis.impact.blockers",
    "what_if": "plansat.analysis.impact.what_if",
    "ReleaseSweep": "plansat.models.delivery",
    "ReleasePlan": "plansat.models.delivery",
    "sweep_release": "plansat.analysis.releases",
    "plan_releases": "plansat.analysis.releases",
    "RiskReport": "plansat.models.risk",
    "simulate": "plansat.analysis.risk.simulation",
    "StatusReport": "plansat.models.status",
    "status_history": "plansat.analysis.tracking.snapshots",
    "status": "plansat.analysis.tracking.status",
    "TradeoffCurve": "plansat.analysis.tradeoff",
    "NoScheduleError": "plansat.analysis.tradeoff",
    "Scenario": "plansat.analysis.impact.scenarios",
    "scenarios": "plansat.analysis.impact.scenarios",
    "Portfolio": "plansat.models.portfolio",
    "PortfolioPlan": "plansat.models.portfolio_report",
    "AdmitReport": "plansat.models.portfolio_report",
    "plan_portfolio": "plansat.analysis.portfolio",
    "admit": "plansat.analysis.portfolio",
    "portfolio_violations": "plansat.check.portfolio",
    "BatchItem": "plansat.batch",
    "solve_many": "plansat.batch",
    "iter_solve_many": "plansat.batch",
    "batch_summary": "plansat.batch",
}

#: Every public name: the table above and the version, nothing listed twice.
__all__ = ["__version__", *sorted(_EXPORTS)]


__getattr__, __dir__ = exports(__name__, _EXPORTS, globals(), __all__)


if TYPE_CHECKING:
    from plansat.analysis.impact.blockers import blockers
    from plansat.analysis.impact.scenarios import Scenario, scenarios
    from plansat.analysis.impact.what_if import what_if
    from plansat.analysis.portfolio import admit, plan_portfolio
    from plansat.analysis.releases import plan_releases, sweep_release
    from plansat.analysis.risk.simulation import simulate
    from plansat.analysis.tracking.replan import replan
    from plansat.analysis.tracking.snapshots import status_history
    from plansat.analysis.tracking.status import status
    from plansat.analysis.tradeoff import (
        NoScheduleError,
        TradeoffCurve,
        tradeoff,
    )
    from plansat.batch import (
        BatchItem,
        batch_summary,
        iter_solve_many,
        solve_many,
    )
    from plansat.check import violations
    from plansat.check.portfolio import portfolio_violations
    from plansat.models import Project, ProjectError, Result, SolveStatus
    from plansat.models.delivery import ReleasePlan, ReleaseSweep
    from plansat.models.impact import BlockerReport, Thresholds, WhatIf
    from plansat.models.portfolio import Portfolio
    from plansat.models.portfolio_report import AdmitReport, PortfolioPlan
    from plansat.models.risk import RiskReport
    from plansat.models.status import StatusReport
    from plansat.options import Budget, SolveOptions
    from plansat.schedule.cpm import CpmReport, critical_path
    from plansat.solver.engine import SolveProgress
    from plansat.solver.search import Strategy
    from plansat.solver.solve import solve
