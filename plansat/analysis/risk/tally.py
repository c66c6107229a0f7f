"""The samples of a simulation: drawn and evaluated in batches
(:func:`draw_batch`), added up (:class:`Runs`), and turned into the
:class:`~plansat.models.risk.RiskReport` (:func:`report`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from plansat.analysis.risk import stats as st
from plansat.analysis.risk.durations import DurationModel
from plansat.models import Project, Result
from plansat.models.risk import (
    PersonRisk,
    RiskEventStats,
    RiskReport,
    TaskRisk,
)
from plansat.schedule.sampling import (
    PlanTask,
    SampleNetwork,
    critical,
    evaluate,
)
from plansat.schedule.windows import due_bound

#: A sampler hook: given the generator and the number of samples, whole
#: durations (remaining days for a task in progress) for some task ids;
#: they replace the drawn ones.
Sampler = Callable[[np.random.Generator, int], Mapping[str, ArrayLike]]


@dataclass
class Batch:
    """One round's samples, evaluated on the plan's order and on the
    links alone."""

    durations: np.ndarray
    finish: np.ndarray
    cpm_finish: np.ndarray
    crit: np.ndarray
    cpm_crit: np.ndarray
    task_finish: np.ndarray
    struck: np.ndarray


def draw_batch(
    model: DurationModel,
    nets: tuple[SampleNetwork, SampleNetwork],
    rng: np.random.Generator,
    samples: int,
    correlation: float,
    sampler: Sampler | None,
) -> Batch:
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
    return Batch(
        d, plan.makespan, links.makespan, critical(nets[0], plan, d),
        critical(nets[1], links, d), plan.finish, drawn.struck,
    )


@dataclass
class Runs:
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

    def add(self, b: Batch) -> None:
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

    def _on_time(self, b: Batch) -> np.ndarray:
        """Per task, samples finishing by its own deadline."""
        p = self.project
        out = np.zeros(len(self.tasks), dtype=np.int64)
        for k, t in enumerate(p.tasks):
            if t.deadline is not None:
                bound = np.where(b.durations[k] == 0,
                                 due_bound(p, t, t.deadline, 0),
                                 due_bound(p, t, t.deadline, 1))
                out[k] = int((b.task_finish[k] <= bound).sum())
        return out

    @property
    def finish(self) -> np.ndarray:
        return np.concatenate(self.finishes)


def report(
    project: Project, result: Result, runs: Runs, se: float,
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
    project: Project, runs: Runs, finish: np.ndarray
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
