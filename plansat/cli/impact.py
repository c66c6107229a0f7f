"""``plansat whatif``, ``plansat drivers`` and ``plansat blockers``: the
impact of a change, why a task is when it is, and what blocks a plan.

They map onto :func:`plansat.analysis.impact.what_if.what_if`,
:func:`plansat.schedule.drivers.drivers` and
:func:`plansat.analysis.impact.blockers.blockers`; OR-Tools is imported only
when ``whatif`` or ``blockers`` runs (``drivers`` never solves).
``plansat explain``, the old name of ``drivers``, still works (hidden
from ``--help``): "explain" now means only the solver's account of why
there is no schedule (:mod:`plansat.solver.explain`).
"""

from __future__ import annotations

import copy
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from plansat.cli.files import echo_json, read_project, read_result, write_text
from plansat.cli.options import (
    EXIT_NO_SCHEDULE,
    FILE,
    debug_option,
    format_option,
    options_from,
    solve_options,
)

__all__ = ["blockers", "drivers", "explain", "whatif"]

#: The change options of ``whatif``: (option, kind, metavar, help).
_CHANGES = (
    ("--delay", "delay", "TASK:DAYS",
     "The task finishes DAYS working days later than planned."),
    ("--duration", "duration", "TASK:DAYS",
     "The task takes DAYS working days."),
    ("--unavailable", "unavailable", "PERSON:FROM:TO",
     "The person is away FROM to TO (inclusive dates)."),
    ("--remove-person", "remove-person", "PERSON[:FROM]",
     "The person leaves on FROM (default: the status date or the "
     "project start)."),
    ("--add-person", "add-person", "FILE",
     "One more person, a JSON object like the project's people."),
    ("--capacity", "capacity", "RESOURCE:UNITS",
     "The resource has UNITS units."),
    ("--need", "need", "TASK:SKILL:LEVEL",
     "The task's need for SKILL asks for LEVEL (e.g. a lower-level "
     "substitute allowed)."),
)


def _change_options(func: Any) -> Any:
    for option, kind, metavar, text in reversed(_CHANGES):
        func = click.option(option, kind.replace("-", "_"), multiple=True,
                            metavar=metavar, help=text)(func)
    return func


@click.command()
@click.argument("file", type=FILE)
@click.option("--result", "result_file", type=FILE, default=None,
              help="The plan (plansat solve --out); solved first when "
                   "left out.")
@_change_options
@click.option("--deadline", type=click.DateTime(["%Y-%m-%d"]),
              default=None, metavar="DATE",
              help="The project deadline is DATE.")
@click.option("--target", type=click.DateTime(["%Y-%m-%d"]), default=None,
              metavar="DATE",
              help="The date a recovery should restore (default: the "
                   "plan's finish, or an earlier deadline).")
@solve_options(help={"time_limit": "Seconds for the whole what-if, every "
                     "solve included (> 0)."})
@click.option("--out", type=FILE, default=None,
              help="Write the recovered plan (a result JSON) here.")
@format_option("table", "json")
@debug_option
def whatif(
    file: Path, result_file: Path | None, deadline: datetime | None,
    target: datetime | None, out: Path | None, fmt: str, **kwargs: Any,
) -> None:
    """The impact of a change on the plan of FILE, in working days and
    money: propagated (the plan's order and people held, nobody
    re-plans) and recovered (the optimal re-plan, staying close to the
    plan), side by side, with the cheapest crashing and fast-tracking
    back to the target when the change makes the plan late.

    Changes may be combined; they apply in the order of the options
    below.  The project file is never changed.  Exits with 2 on a bad
    change and 3 when the project has no schedule to start from.

    \b
    Example:
      plansat solve examples/ecommerce.json --out plan.json
      plansat whatif examples/ecommerce.json --result plan.json \\
          --unavailable bob:2025-07-28:2025-08-01
      plansat whatif examples/ecommerce.json --delay T004:5 \\
          --format json
    """
    from plansat.analysis.impact.changes import (
        AddPerson,
        Change,
        Deadline,
        parse,
    )
    from plansat.analysis.impact.what_if import what_if
    from plansat.cli import render, results
    from plansat.cli.impact_render import render_whatif
    from plansat.models.tradeoff import NoScheduleError

    changes: list[Change] = []
    for _, kind, _, _ in _CHANGES:
        for text in kwargs.pop(kind.replace("-", "_")):
            changes.append(AddPerson.from_file(text) if kind == "add-person"
                           else parse(kind, text))
    if deadline is not None:
        changes.append(Deadline(deadline.date()))
    if not changes:
        raise click.UsageError("give at least one change (--delay, "
                               "--unavailable, --add-person, ...)")
    options = options_from(kwargs)
    project = read_project(file)
    result = read_result(result_file) if result_file else None
    try:
        answer = what_if(project, result, changes, options,
                         target=target.date() if target else None)
    except NoScheduleError as exc:
        if fmt == "json":
            click.echo(exc.result.model_dump_json(indent=2))
        else:
            results.render_no_solution(render.make_console(), exc.result)
        raise click.exceptions.Exit(EXIT_NO_SCHEDULE) from None
    if out is not None and answer.plan is not None:  # before stdout
        write_text(out, answer.plan.model_dump_json(indent=2) + "\n",
                   "--out")
    if fmt == "json":
        click.echo(answer.model_dump_json(indent=2))
    else:
        render_whatif(render.make_console(), answer)


@click.command()
@click.argument("file", type=FILE)
@click.argument("task", required=False)
@click.option("--result", "result_file", type=FILE, required=True,
              help="The plan (plansat solve --out).")
@format_option("table", "json")
@debug_option
def drivers(file: Path, task: str | None, result_file: Path,
            fmt: str) -> None:
    """Why TASK starts when it does in the plan of FILE: the constraints
    that bind its start (a link with its type and lag, a person's or a
    resource's previous task, a vacation, an earliest start, the status
    date, the project start) and the driving path back to the start.
    Without TASK, what drives every task.

    \b
    Example:
      plansat drivers examples/ecommerce.json --result plan.json T006
      plansat drivers examples/ecommerce.json --result plan.json \\
          --format json
    """
    from dataclasses import asdict

    from plansat.cli.impact_render import render_all_drivers, render_drivers
    from plansat.cli.render import make_console
    from plansat.schedule.drivers import drivers as drivers_of
    from plansat.schedule.drivers import driving_path

    project = read_project(file)
    result = read_result(result_file)
    if not result.status.has_solution:
        raise click.BadParameter(
            f"the result has no schedule ({result.status.value})",
            param_hint="--result")
    rows = {r.id: r for r in result.tasks}
    unknown = sorted(set(rows) - set(project.task_index))
    if unknown or len(rows) != len(project.tasks):
        raise click.BadParameter(
            "the result is not a schedule of this project"
            + (f" (unknown task {unknown[0]})" if unknown else ""),
            param_hint="--result")
    if task is None:
        found = {t: drivers_of(project, result, t) for t in rows}
        if fmt == "json":
            echo_json({"tasks": [
                {"task": t, "start": r.start, "start_date": str(
                    r.start_date), "drivers": [asdict(d) for d in found[t]]}
                for t, r in rows.items()]})
        else:
            render_all_drivers(make_console(), found, result.tasks)
        return
    if task not in rows:
        raise click.BadParameter(f"no task '{task}' in the result",
                                 param_hint="TASK")
    found_one = drivers_of(project, result, task)
    path = driving_path(project, result, task)
    if fmt == "json":
        row = rows[task]
        echo_json({
            "task": task, "start": row.start,
            "start_date": str(row.start_date),
            "finish_date": str(row.finish_date),
            "drivers": [asdict(d) for d in found_one],
            "path": [{"task": t, "start_date": str(rows[t].start_date),
                      "driver": asdict(d) if d else None}
                     for t, d in path],
        })
    else:
        render_drivers(make_console(), project, rows[task], found_one, path)


#: ``plansat explain``: the old name of :func:`drivers`, kept for scripts
#: and hidden from ``--help``.
explain = copy.copy(drivers)
explain.name = "explain"
explain.hidden = True


@click.command()
@click.argument("file", type=FILE)
@click.option("--result", "result_file", type=FILE, default=None,
              help="The plan to examine (hand-made, imported or solved); "
                   "solved when left out.")
@click.option("--baseline", "baseline_file", type=FILE, default=None,
              help="The plan of record, for late work (with the "
                   "project's progress and status date).")
@click.option("--min-severity", type=click.Choice(["low", "medium", "high"]),
              default="low", show_default=True,
              help="Leave out blockers below this severity: low: show all; "
              "medium: medium and high ones; high: high ones only (a "
              "blocker's severity comes from --medium-days, --high-days, "
              "--medium-cost and --high-cost).")
@click.option("--medium-days", type=click.IntRange(min=1), default=3,
              show_default=True, metavar="DAYS",
              help="Delay from which a blocker is medium.")
@click.option("--high-days", type=click.IntRange(min=1), default=10,
              show_default=True, metavar="DAYS",
              help="Delay from which a blocker is high.")
@click.option("--medium-cost", type=click.FloatRange(min=0), default=None,
              metavar="MONEY",
              help="Cost from which a blocker is medium (default: 2 % of "
                   "the plan's cost).")
@click.option("--high-cost", type=click.FloatRange(min=0), default=None,
              metavar="MONEY",
              help="Cost from which a blocker is high (default: 10 % of "
                   "the plan's cost).")
@solve_options(help={"time_limit": "Seconds for the whole analysis, every "
                     "solve included (> 0)."})
@format_option("table", "json")
@debug_option
def blockers(
    file: Path, result_file: Path | None, baseline_file: Path | None,
    min_severity: str, fmt: str, **kwargs: Any,
) -> None:
    """What blocks the plan of FILE, ranked, each with its exact impact
    in working days and money and resolutions with their computed
    effect: conflicts that make the project infeasible (with the
    cheapest relaxation), problems of a hand-made plan, single points of
    failure (a week's absence), skill bottlenecks (one more person,
    re-solved), deadline risk and late work.

    \b
    Example:
      plansat blockers examples/ecommerce.json
      plansat blockers examples/ecommerce.json --min-severity medium \\
          --format json
      plansat blockers progress.json --baseline plan.json
    """
    from plansat.analysis.impact.blockers import blockers as find
    from plansat.cli.impact_render import render_blockers
    from plansat.cli.render import make_console
    from plansat.models.impact import Thresholds

    limits = {k: kwargs.pop(k) for k in ("medium_days", "high_days",
                                         "medium_cost", "high_cost")}
    if limits["medium_days"] > limits["high_days"]:
        raise click.BadParameter("must not exceed --high-days",
                                 param_hint="--medium-days")
    options = options_from(kwargs)
    project = read_project(file)
    result = read_result(result_file) if result_file else None
    baseline = read_result(baseline_file) if baseline_file else None
    report = find(project, result, baseline, options,
                  thresholds=Thresholds(**limits),
                  min_severity=min_severity,  # type: ignore[arg-type]
                  )
    if fmt == "json":
        click.echo(report.model_dump_json(indent=2))
    else:
        render_blockers(make_console(), report)
