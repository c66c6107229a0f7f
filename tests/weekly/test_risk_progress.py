"""Issue 23, item 8: ``risk --policy replan`` on a project with
progress re-solves the remaining work of each sample (history pinned),
checker-clean, never later than following the plan; and risk, like
what-if and blockers, follows the re-plan at the status date.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from plansat import Project
from plansat.analysis.risk.simulation import simulate
from plansat.analysis.tracking.replan import replan
from plansat.cli import cli
from plansat.options import SolveOptions

EXAMPLES = Path(__file__).parents[2] / "examples"
OPTS = SolveOptions(time_limit=10, workers=1)


def test_replan_policy_with_progress() -> None:
    project = Project.from_file(EXAMPLES / "ecommerce-progress.json")
    report = simulate(project, iterations=200, seed=3, policy="replan",
                      options=OPTS, replan_samples=6,
                      replan_time_limit=2)
    stats = report.replan
    assert stats is not None
    assert (stats.samples, stats.solved, stats.violations) == (6, 6, 0)
    at = project.time_now
    assert at is not None
    for held, again in zip(stats.plan_makespans, stats.replan_makespans,
                           strict=True):
        assert again is not None and at < again <= held


def test_risk_follows_the_replan_at_the_status_date() -> None:
    project = Project.from_file(EXAMPLES / "ecommerce-progress.json")
    plain = Project.from_file(EXAMPLES / "ecommerce.json")
    from plansat import solve

    before = solve(plain, OPTS)
    forecast = replan(project, before, OPTS)
    report = simulate(project, before, iterations=200, seed=3,
                      options=OPTS)
    assert report.plan_makespan == forecast.makespan
    assert any("re-plan at the status date" in w for w in report.warnings)


def test_cli_accepts_replan_policy_with_progress() -> None:
    run = CliRunner().invoke(cli, [
        "risk", str(EXAMPLES / "ecommerce-progress.json"), "--policy",
        "replan", "--iterations", "100", "--replan-samples", "3",
        "--time-limit", "10", "--workers", "1", "--format", "json"])
    assert run.exit_code == 0, run.output
