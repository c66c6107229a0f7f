"""Schedule risk: Monte Carlo completion dates on the resource-feasible
plan, with criticality and sensitivity.

:func:`simulate` samples every task's duration from its three-point
estimate, adds the project's risk events, and evaluates each sample on
the plan people will follow: the solved plan's people and each
person's and resource's task order kept, vacations respected
(:mod:`plansat.schedule.sampling`).  The same samples on the links alone
(the critical-path-only simulation) show how much a resource-blind
Monte Carlo underestimates.  Sampling, scaling and rounding:
:mod:`plansat.analysis.risk.durations`; percentiles and their standard
error: :mod:`plansat.analysis.risk.stats`; the re-plan subsample:
:mod:`plansat.analysis.risk.replanning`.

Examples
--------
>>> import plansat
>>> from plansat.analysis.risk.simulation import simulate
>>> project = plansat.Project.from_file("examples/ecommerce.json")
>>> report = simulate(project, iterations=2000)  # doctest: +SKIP
>>> report.finish.p80, report.cpm_only.finish.p80  # doctest: +SKIP
(58, 58)
"""

from __future__ import annotations

import logging

import numpy as np

from plansat.analysis.risk import stats as st
from plansat.analysis.risk.durations import DurationModel, duration_model
from plansat.analysis.risk.tally import Runs, Sampler, draw_batch
from plansat.analysis.risk.tally import report as tally_report
from plansat.models import Project, Result
from plansat.models.risk import (
    DISTRIBUTIONS,
    POLICIES,
    Distribution,
    Policy,
    RiskReport,
)
from plansat.models.tradeoff import NoScheduleError
from plansat.options import SolveOptions
from plansat.schedule.sampling import (
    SampleNetwork,
    build_network,
    plan_tasks,
)

__all__ = ["STABLE_SE", "Sampler", "simulate"]

log = logging.getLogger(__name__)

#: ``until_stable`` stops once the standard error of the P80 is below
#: this many working days.
STABLE_SE = 0.5



def simulate(
    project: Project,
    result: Result | None = None,
    iterations: int = 10_000,
    seed: int = 0,
    distribution: Distribution = "pert",
    correlation: float = 0.0,
    policy: Policy = "plan",
    options: SolveOptions | None = None,
    until_stable: bool = False,
    *,
    max_iterations: int = 100_000,
    replan_samples: int = 20,
    replan_time_limit: float = 2.0,
    sampler: Sampler | None = None,
) -> RiskReport:
    """Monte Carlo schedule risk of ``result`` (solved when not given).

    Parameters
    ----------
    project
        A validated project; tasks with an ``estimate`` vary, the others
        keep the plan's days.  With a ``status_date`` only the remaining
        work is simulated (tasks in progress sample remaining/planned ×
        the sample).
    result
        The plan to follow (default: ``plansat.solve``, or the re-plan of
        the remaining work,
        :func:`plansat.analysis.tracking.replan.replan`, when the project
        has a ``status_date``).
    iterations, seed
        Samples (per round with ``until_stable``); the seed of
        ``numpy.random.default_rng`` (same seed, same report).
    distribution
        ``pert``, ``triangular``, ``uniform`` (rounded half up to whole
        days) or ``uniform_int`` (whole days equally likely).
    correlation
        Rank correlation (0..1) of durations in a WBS branch.
    policy
        ``plan``, or ``replan`` to also re-solve the first
        ``replan_samples`` samples with CP-SAT (``replan_time_limit``
        seconds each).
    options
        How to solve when ``result`` is not given (also the workers and
        strategy of the re-solves).
    until_stable, max_iterations
        Draw rounds until the P80's standard error is below
        :data:`STABLE_SE` days, at most ``max_iterations`` samples.
    sampler
        Optional :data:`Sampler` replacing the drawn durations of some
        tasks (the enumeration tests pass every pair).

    Returns
    -------
    RiskReport
        Finish percentiles in days and dates, mean, std, deadline
        probabilities, the P80's standard error, the critical-path-only
        outlook, per task criticality, cruciality and SSI, per person
        criticality, risk events and the re-plan comparison.

    Raises
    ------
    ValueError
        On a bad argument.
    plansat.models.ProjectError
        When ``result`` is not a schedule of ``project``.
    plansat.models.tradeoff.NoScheduleError
        When there is no schedule to follow.
    """
    _check(iterations, distribution, correlation, policy, max_iterations,
           replan_samples, replan_time_limit, project)
    options = SolveOptions.of(options)
    result, warnings = _follow(project, result, options)
    tasks = plan_tasks(project, result)
    nets = (build_network(project, result, "plan", tasks),
            build_network(project, result, "links", tasks))
    model = duration_model(project, tasks, distribution)
    runs, se = _rounds(
        Runs(project, tasks), model, nets, np.random.default_rng(seed),
        (iterations, max_iterations if until_stable else 0),
        correlation, sampler,
    )
    report = tally_report(
        project, result, runs, se, model.warnings + warnings,
        seed=seed, distribution=distribution, correlation=correlation,
        policy=policy, stable=se < STABLE_SE if until_stable else None,
    )
    if policy == "replan":
        from plansat.analysis.risk.replanning import replan_stats

        report.replan = replan_stats(
            project, result, nets[0],
            runs.durations[0][:, : min(replan_samples, iterations)],
            SolveOptions.of(options, objective="time",
                            time_limit=replan_time_limit),
        )
    return report


def _rounds(
    runs: Runs,
    model: DurationModel,
    nets: tuple[SampleNetwork, SampleNetwork],
    rng: np.random.Generator,
    sizes: tuple[int, int],
    correlation: float,
    sampler: Sampler | None,
) -> tuple[Runs, float]:
    """Rounds of ``sizes[0]`` samples until the P80's standard error is
    below :data:`STABLE_SE` or another round would pass ``sizes[1]``."""
    iterations, most = sizes
    while True:
        runs.add(draw_batch(model, nets, rng, iterations, correlation,
                            sampler))
        se = st.percentile_se(np.sort(runs.finish), 0.8)
        if se < STABLE_SE or runs.count + iterations > most:
            return runs, se


def _check(
    iterations: int, distribution: str, correlation: float, policy: str,
    max_iterations: int, replan_samples: int, replan_time_limit: float,
    project: Project,
) -> None:
    problems = {
        f"iterations must be >= 1 (got {iterations})": iterations < 1,
        f"distribution must be one of {', '.join(DISTRIBUTIONS)} "
        f"(got {distribution!r})": distribution not in DISTRIBUTIONS,
        f"correlation must be in [0, 1] (got {correlation})":
            not 0 <= correlation <= 1,
        f"policy must be one of {', '.join(POLICIES)} (got {policy!r})":
            policy not in POLICIES,
        f"max_iterations must be >= 1 (got {max_iterations})":
            max_iterations < 1,
        f"replan_samples must be >= 1 (got {replan_samples})":
            replan_samples < 1,
        f"replan_time_limit must be > 0 (got {replan_time_limit})":
            not replan_time_limit > 0,
    }
    for message, broken in problems.items():
        if broken:
            raise ValueError(message)


def _follow(
    project: Project, result: Result | None, options: SolveOptions
) -> tuple[Result, list[str]]:
    """The plan to follow and warnings about it (a given plan that
    breaks the project's rules)."""
    warnings = []
    if project.status_date is not None:
        # the one basis of every question after a status date
        from plansat.analysis.tracking.basis import basis

        found = basis(project, result, options, options.budget())
        result, warnings = found.plan, [found.note] if found.note else []
    elif result is None:
        result = _solve(project, options)
    elif result.status.has_solution:
        warnings = _plan_warnings(project, result)
    if not result.status.has_solution:
        raise NoScheduleError(result)
    return result, warnings


def _solve(project: Project, options: SolveOptions) -> Result:
    """The plan to follow: the optimal re-plan of the remaining work
    when the project has a status date, else the optimal schedule."""
    if project.status_date is not None:
        from plansat.analysis.tracking.replan import replan

        return replan(project, options=options)
    from plansat.solver.solve import solve

    return solve(project, options)


def _plan_warnings(project: Project, result: Result) -> list[str]:
    from plansat.check import violations

    found = violations(project, result)
    if not found:
        return []
    return [f"the plan breaks {len(found)} rule(s) of the project "
            f"(plansat check), e.g. {found[0]}"]
