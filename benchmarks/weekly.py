"""The weekly loop: a programme run through weeks of simulated actuals.

Each week a project manager records what happened, looks at the status,
re-plans, asks what a delay would do, and looks at the risk (and, some
weeks, the blockers).  :func:`actuals` simulates a week's progress from
the current plan; :func:`run_api` runs the loop through the Python API
and checks, every week, the invariants of issue 23:

- the re-plan is checker-clean, optimal or with its gap;
- reported history never changes (finished tasks keep their dates and
  people week after week);
- the EVM identities hold (SPI = EV/PV, CPI = EV/AC, EV <= BAC; ES never
  falls while the baseline stands);
- the status report's forecast finish is the re-plan's finish;
- what-if, risk and blockers answer from that same re-plan;

and returns each week's figures, which the MCP run must reproduce
number for number (``tests/weekly/test_weekly_loop.py``).

The events (:data:`EVENTS`): late and early finishes every week, an
out-of-sequence start in week 3, an absence in week 4, a scope change
(two unstarted tasks grow) in week 5, a re-baseline in week 6.

``python -m benchmarks.weekly`` runs the full ``examples/programme.json``
(120 tasks, 12 people) for 12 weeks with longer limits and prints one
line per week.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from plansat import Project, Result, SolveStatus, solve
from plansat.analysis.impact.blockers import blockers
from plansat.analysis.impact.changes import Delay
from plansat.analysis.impact.what_if import what_if
from plansat.analysis.risk.simulation import simulate
from plansat.analysis.tracking.replan import replan
from plansat.analysis.tracking.status import status
from plansat.check import violations
from plansat.options import SolveOptions

__all__ = ["EVENTS", "Week", "absence", "actuals", "run_api", "scope"]

ROOT = Path(__file__).resolve().parents[1]
#: Working days between status dates.
WEEK = 5
#: The week of each one-off event.
EVENTS = {"out_of_sequence": 3, "absence": 4, "scope": 5, "rebaseline": 6}
#: Weeks whose blockers are computed (the most expensive question).
BLOCKER_WEEKS = (2, 7)


@dataclass
class Week:
    """One week's figures (what the MCP answers must equal)."""

    week: int
    status_date: date
    makespan: int | None
    replan_status: SolveStatus
    percent_complete: float
    evm: dict[str, float | None]
    forecast_makespan: int | None
    whatif: tuple[int | None, int | None, int | None] | None = None
    delayed: str | None = None
    risk_makespan: int | None = None
    blockers_makespan: int | None = None
    progress: dict[str, dict[str, Any]] = field(default_factory=dict)
    patch: dict[str, Any] | None = None
    rebaselined: bool = False


def _busy(project: Project) -> dict[str, int]:
    """The first day each person is free of the work recorded so far."""
    out: dict[str, int] = {}
    for t in project.tasks:
        span, pr = project.actual_span(t), t.progress
        if span is None or pr is None:
            continue
        end = span[1] if span[1] is not None else 10**9
        for p in pr.people or []:
            out[p] = max(out.get(p, 0), end)
    return out


def _away(project: Project, people: list[str], first: int,
          last: int) -> bool:
    """Whether one of ``people`` is away on a working day in
    ``[first, last)``."""
    cal = project.work_calendar
    days = {cal.date_of(d) for d in range(first, last)}
    for p in people:
        for r in project.person(p).unavailable:
            if any(r.start <= d <= r.end for d in days):
                return True
    return False


def actuals(
    project: Project, plan: Result, at: int, rng: random.Random, *,
    out_of_sequence: bool = False,
) -> dict[str, dict[str, Any]]:
    """The progress of the week ending at working day ``at`` (the new
    status date's index), task by task, following ``plan`` (the re-plan
    at the previous status date, or the baseline): work starts when the
    plan says and its predecessors are done and its people free, and
    runs a day short, as planned, or one or two days long.

    With ``out_of_sequence`` one task whose predecessors are not all
    done starts on the week's last day anyway."""
    cal = project.work_calendar
    rows = {r.id: r for r in plan.tasks}
    done: dict[str, int] = {}
    for t in project.tasks:
        span = project.actual_span(t)
        if span is not None and span[1] is not None:
            done[t.id] = span[1]
    free = _busy(project)
    out: dict[str, dict[str, Any]] = {}
    order = sorted(project.tasks, key=lambda t: (rows[t.id].start, t.id))
    for t in order:
        pr, row = t.progress, rows[t.id]
        if pr is not None and pr.done:
            continue
        people = list(pr.people or row.people) if pr and pr.people \
            else list(row.people)
        if pr is not None and pr.started:
            first = project.actual_span(t)[0]  # type: ignore[index]
            resume, left = row.start, row.finish - row.start
        else:
            if row.start >= at or any(
                    d.task not in done or done[d.task] > row.start
                    for d in t.after) or any(
                    free.get(p, 0) > row.start for p in people):
                continue
            first = resume = row.start
            left = row.finish - row.start
        if resume >= at:
            continue
        if t.duration == 0 or left == 0:
            finish = max(resume, first)
        else:
            delta = rng.choice((-1, 0, 0, 0, 1, 2)) if left > 1 else (
                rng.choice((0, 0, 1)))
            if delta > 0 and _away(project, people, resume + left,
                                   resume + left + delta):
                delta = 0
            finish = resume + max(left + delta, 1)
        entry: dict[str, Any] = {"actual_start": cal.date_of(first),
                                 "people": people}
        if t.duration == 0:
            entry["actual_finish"] = cal.date_of(first)
            done[t.id] = first
        elif finish <= at:
            entry["actual_finish"] = cal.date_of(finish - 1)
            done[t.id] = finish
            for p in people:
                free[p] = max(free.get(p, 0), finish)
        else:
            entry["remaining"] = finish - at
            share = (at - first) / max(finish - first, 1)
            entry["percent_complete"] = min(99, int(100 * share))
            for p in people:
                free[p] = 10**9
        out[t.id] = entry
    if out_of_sequence:
        _out_of_sequence(project, rows, done, free, at, out)
    return {k: {f: (v.isoformat() if isinstance(v, date) else v)
                for f, v in e.items()} for k, e in out.items()}


def _out_of_sequence(
    project: Project, rows: dict[str, Any], done: dict[str, int],
    free: dict[str, int], at: int, out: dict[str, dict[str, Any]],
) -> None:
    """Start one waiting task on day ``at - 1`` before its predecessors
    are done (out of sequence)."""
    cal = project.work_calendar
    for t in sorted(project.tasks, key=lambda t: rows[t.id].start):
        people = list(rows[t.id].people)
        if (t.progress is not None or t.id in out or t.duration < 3
                or not people or all(d.task in done for d in t.after)
                or any(free.get(p, 0) > at - 1 for p in people)
                or _away(project, people, at - 1, at)):
            continue
        out[t.id] = {"actual_start": cal.date_of(at - 1),
                     "remaining": t.duration - 1,
                     "percent_complete": int(100 / t.duration),
                     "people": people}
        return


def with_progress(project: Project, at: int,
                  progress: dict[str, dict[str, Any]]) -> Project:
    """``project`` at status day ``at`` with ``progress`` recorded (as
    ``track_progress`` records it: each given task's progress
    replaced)."""
    data = project.model_dump(mode="json", exclude_defaults=True)
    data["status_date"] = project.work_calendar.date_of(at).isoformat()
    for task in data["tasks"]:
        if task["id"] in progress:
            task["progress"] = progress[task["id"]]
    return Project.from_data(data)


def absence(project: Project, plan: Result, at: int) -> dict[str, Any]:
    """A patch: the person with the most work after ``at`` is away the
    next three working days (announced at the status date)."""
    load: dict[str, int] = {}
    for r in plan.tasks:
        if r.finish > at:
            for p in r.people:
                load[p] = load.get(p, 0) + 1
    who = max(sorted(load), key=lambda p: load[p])
    cal = project.work_calendar
    away = [*[r.model_dump(mode="json")
              for r in project.person(who).unavailable],
            {"start": cal.date_of(at + 1).isoformat(),
             "end": cal.date_of(at + 3).isoformat()}]
    return {"people": {who: {"unavailable": away}}}


def scope(project: Project, plan: Result, at: int) -> dict[str, Any]:
    """A patch: the two longest unstarted tasks grow by two days."""
    todo = sorted((t for t in project.tasks if t.progress is None
                   and t.duration > 0 and plan.task(t.id).start > at),
                  key=lambda t: (-t.duration, t.id))[:2]
    patch: dict[str, Any] = {}
    for t in todo:
        grown: dict[str, Any] = {"duration": t.duration + 2}
        if t.estimate is not None:
            grown["estimate"] = {
                "optimistic": t.estimate.optimistic,
                "likely": t.duration + 2,
                "pessimistic": max(t.estimate.pessimistic, t.duration + 2)}
        if t.crash is not None:
            grown["crash"] = None
        patch[t.id] = grown
    return {"tasks": patch}


def patched(project: Project, patch: dict[str, Any]) -> Project:
    """``project`` with a merge patch (as ``update_project`` applies)."""
    from plansat.mcp.patching import apply_patch

    data, _ = apply_patch(project.model_dump(mode="json",
                                             exclude_defaults=True), patch)
    return Project.from_data(data)


def _history(project: Project) -> dict[str, tuple[int, int, list[str]]]:
    out = {}
    for t in project.tasks:
        span, pr = project.actual_span(t), t.progress
        if span is not None and span[1] is not None and pr is not None:
            out[t.id] = (span[0], span[1], sorted(pr.people or []))
    return out


def _evm(report: Any) -> dict[str, float | None]:
    e = report.evm
    return {"bac": e.bac, "pv": e.pv, "ev": e.ev, "ac": e.ac, "spi": e.spi,
            "cpi": e.cpi, "es": e.es, "spi_t": e.spi_t,
            "eac": e.eac.replan}


def _check_evm(evm: dict[str, float | None], last_es: float | None
               ) -> None:
    bac, pv, ev, ac = (evm[k] for k in ("bac", "pv", "ev", "ac"))
    assert bac is not None and pv is not None and ev is not None
    assert ev <= bac + 1e-6, evm
    if pv > 0:
        assert evm["spi"] == round(ev / pv, 6) or abs(
            (evm["spi"] or 0) - ev / pv) < 1e-5, evm
    if ac:
        assert abs((evm["cpi"] or 0) - ev / ac) < 1e-5, evm
    if last_es is not None and evm["es"] is not None:
        assert evm["es"] >= last_es - 1e-6, (evm["es"], last_es)


def run_api(
    start: Project, weeks: int, options: SolveOptions, seed: int = 23,
    baseline: Result | None = None, risk_iterations: int = 200,
) -> tuple[list[Week], Result]:
    """The loop through the Python API, checked every week (see the
    module docs).  Returns the weeks and the first baseline."""
    rng = random.Random(seed)
    base = baseline or solve(start, options)
    assert base.status.has_solution and violations(start, base) == []
    first = base
    project, plan, last_es = start, base, None
    history: dict[str, tuple[int, int, list[str]]] = {}
    out = []
    for k in range(1, weeks + 1):
        at = WEEK * k
        patch = None
        if k == EVENTS["absence"]:
            patch = absence(project, plan, at - WEEK)
        elif k == EVENTS["scope"]:
            patch = scope(project, plan, at - WEEK)
        if patch is not None:
            project = patched(project, patch)
        progress = actuals(project, plan, at, rng,
                           out_of_sequence=k == EVENTS["out_of_sequence"])
        project = with_progress(project, at, progress)
        week = _one_week(k, project, base, options, history, last_es,
                         risk_iterations)
        week.progress, week.patch = progress, patch
        if all(t.progress and t.progress.done for t in project.tasks):
            out.append(week)
            break
        plan = replan(project, base, options)
        last_es = week.evm["es"]
        if k == EVENTS["rebaseline"]:
            base, last_es, week.rebaselined = plan, None, True
        history = _history(project)
        out.append(week)
    return out, first


def _one_week(
    k: int, project: Project, base: Result, options: SolveOptions,
    history: dict[str, tuple[int, int, list[str]]], last_es: float | None,
    risk_iterations: int,
) -> Week:
    """Status, re-plan, what-if, risk (and blockers) at one status date,
    with the invariants checked."""
    assert project.status_date is not None
    report = status(project, base, options=options)
    evm = _evm(report)
    _check_evm(evm, last_es)
    week = Week(week=k, status_date=project.status_date,
                makespan=None, replan_status=SolveStatus.UNKNOWN,
                percent_complete=report.percent_complete, evm=evm,
                forecast_makespan=report.forecast_makespan)
    if all(t.progress and t.progress.done for t in project.tasks):
        return week
    r = replan(project, base, options)
    assert r.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE), (
        r.explanation)
    assert r.status == SolveStatus.OPTIMAL or r.gap is not None
    assert violations(project, r) == [], violations(project, r)[:3]
    for tid, (s, f, who) in history.items():  # history never changes
        row = r.task(tid)
        assert (row.start, row.finish, sorted(row.people)) == (s, f, who)
    week.makespan, week.replan_status = r.makespan, r.status
    assert report.forecast_makespan == r.makespan  # the same plan
    todo = [t for t in r.tasks if t.state == "not_started"
            and t.duration > 0]
    if todo:
        week.delayed = min(todo, key=lambda t: (t.start, t.id)).id
        answer = what_if(project, r, [Delay(week.delayed, 1)], options)
        assert answer.baseline.makespan == r.makespan  # one basis
        assert answer.replanning_saves is not None
        assert answer.replanning_saves >= 0
        week.whatif = (answer.propagated.delay, answer.recovered.delay,
                       answer.replanning_saves)
    risk = simulate(project, r, iterations=risk_iterations, seed=k,
                    options=options)
    assert risk.plan_makespan == r.makespan
    week.risk_makespan = risk.plan_makespan
    if k in BLOCKER_WEEKS:
        found = blockers(project, r, base, options)
        assert found.baseline is not None
        assert found.baseline.makespan == r.makespan
        week.blockers_makespan = found.baseline.makespan
    return week


def main() -> None:  # pragma: no cover - a benchmark run
    """Run the full programme (see the module docs)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", type=int, default=12)
    parser.add_argument("--time-limit", type=float, default=20)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    project = Project.from_file(ROOT / "examples" / "programme.json")
    opts = SolveOptions(time_limit=args.time_limit, workers=args.workers)
    weeks, _ = run_api(project, args.weeks, opts)
    for w in weeks:
        print(f"week {w.week:2d} {w.status_date}: "
              f"{w.percent_complete:5.1f}% done, re-plan {w.makespan} "
              f"({w.replan_status}), SPI {w.evm['spi']}, SPI(t) "
              f"{w.evm['spi_t']}, what-if {w.whatif}"
              + (" [re-baselined]" if w.rebaselined else ""))


if __name__ == "__main__":  # pragma: no cover
    main()
