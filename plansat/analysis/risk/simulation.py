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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from plansat.analysis.risk import stats as st
from plansat.analysis.risk.durations import DurationModel, duration_model
from plansat.models import Project, Result
from plansat.models.risk import (
    DISTRIBUTIONS,
    POLICIES,
    Distribution,
    PersonRisk,
    Policy,
    RiskEventStats,
    RiskReport,
    TaskRisk,
)
from plansat.models.tradeoff import NoScheduleError
from plansat.options import SolveOptions
from plansat.schedule.sampling import (
    PlanTask,
    SampleNetwork,
    build_network,
    critical,
    evaluate,
    plan_tasks,
)

__all__ = ["STABLE_SE", "Sampler", "simulate"]

log = logging.getLogger(__name__)

#: ``until_stable`` stops once the standard error of the P80 is below
#: this many working days.
STABLE_SE = 0.5

#: A sampler hook: given the generator and the number of samples, whole
#: durations (remaining days for a task in progress) for some task ids;
#: they replace the drawn ones.
Sampler = Callable[[np.random.Generator, int], Mapping[str, ArrayLike]]


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
        _Runs(project, tasks), model, nets, np.random.default_rng(seed),
        (iterations, max_iterations if until_stable else 0),
        correlation, sampler,
    )
    report = _report(
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
    runs: _Runs,
    model: DurationModel,
    nets: tuple[SampleNetwork, SampleNetwork],
    rng: np.random.Generator,
    sizes: tuple[int, int],
    correlation: float,
    sampler: Sampler | None,
) -> tuple[_Runs, float]:
    """Rounds of ``sizes[0]`` samples until the P80's standard error is
    below :data:`STABLE_SE` or another round would pass ``sizes[1]``."""
    iterations, most = sizes
    while True:
        runs.add(_batch(model, nets, rng, iterations, correlation, sampler))
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


@dataclass
class _Batch:
    durations: np.ndarray
    finish: np.ndarray
    cpm_finish: np.ndarray
    crit: np.ndarray
    cpm_crit: np.ndarray
    task_finish: np.ndarray
    struck: np.ndarray


def _batch(
    model: DurationModel,
    nets: tuple[SampleNetwork, SampleNetwork],
    rng: np.random.Generator,
    samples: int,
    correlation: float,
    sampler: Sampler | None,
) -> _Batch:
    """Draw ``samples`` samples and evaluate them both ways."""
    drawn = model.draw(rng, samples, correlation)
    d = drawn.durations
    if sampler is not None:
        index = {task_id: k for k, task_id in enumerate(nets[0].ids)}
        for task_id, values in sampler(rng, samples).items():
            row = np.asarray(values)
            if task_id not in index or row.shape != (samples,):
                raise ValueError(
                    f"sampler: {task_id!r} is not a task id with "
                    f"{samples} samples"
                )
            d[index[task_id]] = row.astype(np.int32)
    plan, links = evaluate(nets[0], d), evaluate(nets[1], d)
    return _Batch(
        d, plan.makespan, links.makespan, critical(nets[0], plan, d),
        critical(nets[1], links, d), plan.finish, drawn.struck,
    )


@dataclass
class _Runs:
    """What the rounds add up to: the samples the statistics need, and
    running counts for the rest."""

    project: Project
    tasks: Sequence[PlanTask]
    durations: list[np.ndarray] = field(default_factory=list)
    finishes: list[np.ndarray] = field(default_factory=list)
    cpm_finishes: list[np.ndarray] = field(default_factory=list)
    struck: list[np.ndarray] = field(default_factory=list)
    crit: Any = 0
    cpm_crit: Any = 0
    finish_sum: Any = 0
    on_time: Any = 0
    people: dict[str, int] = field(default_factory=dict)
    count: int = 0

    def add(self, b: _Batch) -> None:
        self.durations.append(b.durations)
        self.finishes.append(b.finish)
        self.cpm_finishes.append(b.cpm_finish)
        self.struck.append(b.struck)
        self.crit = self.crit + b.crit.sum(axis=1)
        self.cpm_crit = self.cpm_crit + b.cpm_crit.sum(axis=1)
        self.finish_sum = self.finish_sum + b.task_finish.sum(axis=1)
        self.on_time = self.on_time + self._on_time(b)
        rows: dict[str, list[int]] = {}
        for k, p in enumerate(self.tasks):
            for pid in p.people:
                rows.setdefault(pid, []).append(k)
        for pid, ks in rows.items():
            hits = int(st.any_rows(b.crit, ks).sum())
            self.people[pid] = self.people.get(pid, 0) + hits
        self.count += len(b.finish)

    def _on_time(self, b: _Batch) -> np.ndarray:
        """Per task, samples finishing by its own deadline."""
        cal = self.project.work_calendar
        out = np.zeros(len(self.tasks), dtype=np.int64)
        for k, t in enumerate(self.project.tasks):
            if t.deadline is not None:
                bound = cal.finish_bound(t.deadline) - (b.durations[k] == 0)
                out[k] = int((b.task_finish[k] <= bound).sum())
        return out

    @property
    def finish(self) -> np.ndarray:
        return np.concatenate(self.finishes)


def _report(
    project: Project, result: Result, runs: _Runs, se: float,
    warnings: list[str], **settings: Any,
) -> RiskReport:
    """The report of the samples in ``runs``; ``settings`` are the
    report's seed, distribution, correlation, policy and stable flag."""
    n = runs.count
    finish = runs.finish
    d = np.concatenate(runs.durations, axis=1)
    plan = st.outlook(project, finish)
    cruciality = st.spearman(d, finish)
    spread = d.std(axis=1)
    std_f = float(finish.std())
    tasks = []
    for k, t in enumerate(project.tasks):
        ci = float(runs.crit[k]) / n
        tasks.append(TaskRisk(
            id=t.id, name=t.name, criticality=round(ci, 6),
            cruciality=round(float(cruciality[k]), 6),
            ssi=round(ci * float(spread[k]) / std_f, 6) if std_f else 0.0,
            cpm_criticality=round(float(runs.cpm_crit[k]) / n, 6),
            duration_mean=round(float(d[k].mean()), 6),
            duration_std=round(float(spread[k]), 6),
            finish_mean=round(float(runs.finish_sum[k]) / n, 6),
            deadline=t.deadline,
            deadline_probability=(
                None if t.deadline is None
                else round(float(runs.on_time[k]) / n, 6)
            ),
        ))
    people = [
        PersonRisk(id=p.id, name=p.name,
                   criticality=round(runs.people.get(p.id, 0) / n, 6))
        for p in project.people
    ]
    makespan = result.makespan or 0
    return RiskReport(
        iterations=n, **settings,
        plan_makespan=makespan,
        plan_finish_date=st.finish_date(project, makespan),
        deadline=project.deadline, status_date=project.status_date,
        time_now=project.time_now,
        finish=plan.finish, finish_dates=plan.finish_dates,
        deadline_probability=plan.deadline_probability,
        histogram=plan.histogram, p80_se=round(se, 6),
        cpm_only=st.outlook(project, np.concatenate(runs.cpm_finishes)),
        tasks=tasks, people=people,
        risks=_risk_rows(project, runs, finish), warnings=warnings,
    )


def _risk_rows(
    project: Project, runs: _Runs, finish: np.ndarray
) -> list[RiskEventStats]:
    struck = np.concatenate(runs.struck, axis=1)
    rows = []
    for e, r in enumerate(project.risks):
        hit = struck[e]
        impact = None
        if hit.any() and not hit.all():
            impact = float(finish[hit].mean() - finish[~hit].mean())
        rows.append(RiskEventStats(
            id=r.id, name=r.name, probability=r.probability,
            occurred=round(float(hit.mean()), 6),
            impact=None if impact is None else round(impact, 6),
        ))
    return rows
