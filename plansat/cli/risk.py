"""``plansat risk``: Monte Carlo completion dates of a plan.

A thin layer over :func:`plansat.analysis.risk.simulation.simulate`: read the
project (and the plan, else solve it), simulate, render a table, JSON or
the HTML page.  numpy, OR-Tools and plotly are imported only when the
command runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.table import Table
from rich.text import Text

from plansat import format as fmt
from plansat.cli import render
from plansat.cli.files import (
    missing_extra,
    output_path,
    read_project,
    read_result,
)
from plansat.cli.options import (
    EXIT_NO_SCHEDULE,
    FILE,
    debug_option,
    format_option,
    options_from,
    solve_options,
)
from plansat.models.risk import DISTRIBUTIONS, PERCENTILES, POLICIES

if TYPE_CHECKING:
    from rich.console import Console

    from plansat.models import Project
    from plansat.models.risk import Outlook, RiskReport

__all__ = ["risk"]


@click.command()
@click.argument("project_file", metavar="PROJECT", type=FILE)
@click.option("--result", "result_file", type=FILE, default=None,
              metavar="RESULT.json",
              help="The plan to follow, written by `plansat solve --out` "
              "(default: solve now).")
@click.option("--iterations", type=click.IntRange(min=1), default=10_000,
              show_default=True, help="Samples (per round with "
              "--until-stable).")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Seed of the sampling: same seed, same answer.")
@click.option("--distribution", type=click.Choice(DISTRIBUTIONS),
              default="pert", show_default=True,
              help="How durations are drawn between each task's "
              "optimistic and pessimistic estimates: pert: a beta "
              "peaked at the most likely value; triangular: peaked "
              "there, with fatter tails; uniform: any value equally "
              "likely; uniform_int: whole days equally likely.")
@click.option("--correlation", type=click.FloatRange(0, 1), default=0.0,
              show_default=True, help="Rank correlation of durations in "
              "the same WBS branch.")
@click.option("--policy", type=click.Choice(POLICIES), default="plan",
              show_default=True, help="plan: every sample follows the "
              "plan (its people, each person's and resource's task order); "
              "replan: also re-solve a subsample with CP-SAT, as a "
              "manager would re-plan.")
@click.option("--replan-samples", type=click.IntRange(min=1), default=20,
              show_default=True, help="Samples re-solved with --policy "
              "replan.")
@click.option("--replan-time-limit", type=click.FloatRange(0, min_open=True),
              default=2.0, show_default=True, metavar="S",
              help="Seconds per re-solve.")
@click.option("--until-stable", is_flag=True,
              help="Add rounds until the P80's standard error is below "
              "half a day.")
@click.option("--max-iterations", type=click.IntRange(min=1),
              default=100_000, show_default=True,
              help="Cap of --until-stable.")
@click.option("--top", type=click.IntRange(min=1), default=15,
              show_default=True, help="Task rows shown in the table.")
@click.option("--html", "html_path", type=FILE, default=None,
              metavar="FILE", help="Write the HTML page (histogram, "
              "S-curve, tornado).")
@solve_options(exclude=("seed",), help={
    "time_limit": "Seconds for the solve when no --result is given."})
@format_option("table", "json")
@debug_option
def risk(
    project_file: Path,
    result_file: Path | None,
    html_path: Path | None,
    fmt: str,
    top: int,
    **kwargs: Any,
) -> None:
    """When will PROJECT finish, with what confidence?

    Samples every task's duration from its three-point estimate (plus
    the project's risk events) and schedules each sample on the plan:
    its people, each person's and resource's task order, vacations.
    Prints the finish percentiles in working days and dates, the chance
    of meeting the deadline, the same samples on the links alone
    (critical path only), and per task its criticality, cruciality and
    schedule sensitivity index.

    \b
    Example:
      plansat risk examples/ecommerce.json
      plansat risk examples/ecommerce.json --iterations 50000 --seed 7
      plansat solve examples/ecommerce.json --out plan.json
      plansat risk examples/ecommerce.json --result plan.json \\
          --correlation 0.5 --html risk.html
      plansat risk examples/ecommerce.json --policy replan --format json
    """
    from plansat.analysis.risk.simulation import simulate
    from plansat.models.tradeoff import NoScheduleError

    seed = kwargs.pop("seed")  # the sampling's, not the solver's
    options = options_from(kwargs)
    project = read_project(project_file)
    result = read_result(result_file) if result_file else None
    try:
        report = simulate(project, result, seed=seed, options=options,
                          **kwargs)
    except NoScheduleError as exc:
        click.echo(f"no schedule to simulate: {exc}", err=True)
        raise click.exceptions.Exit(EXIT_NO_SCHEDULE) from None
    if fmt == "json":
        click.echo(report.model_dump_json(indent=2))
    else:
        render_risk(render.make_console(), project, report, top)
    if html_path is not None:
        _write_html(project, report, html_path)


def _write_html(project: Project, report: RiskReport, path: Path) -> None:
    from plansat.charts.risk.page import write_risk_html

    try:
        write_risk_html(project, report, output_path(path, "--html"))
    except ImportError as exc:
        raise missing_extra("--html", exc) from None
    except OSError as exc:
        raise click.BadParameter(f"cannot write {path}: "
                                 f"{exc.strerror or exc}",
                                 param_hint="--html") from None


# -- rendering -------------------------------------------------------------


def _cell(out: RiskReport | Outlook, key: str) -> str:
    days = getattr(out.finish, key)
    return f"{days:>4}  {fmt.iso(getattr(out.finish_dates, key))}"


def finish_table(report: RiskReport) -> Table:
    """Percentiles, mean ± std and the deadline chance, the plan's
    policy beside the critical-path-only simulation."""
    table = Table(title="Finish (working days and dates)",
                  title_justify="left")
    table.add_column("")
    table.add_column("plan (people, resources)", justify="right")
    table.add_column("critical path only", justify="right")
    plan, cpm = report, report.cpm_only
    for key in PERCENTILES:
        table.add_row(key.upper(), _cell(plan, key), _cell(cpm, key))
    table.add_row(
        "mean ± std",
        f"{plan.finish.mean:.1f} ± {plan.finish.std:.1f}",
        f"{cpm.finish.mean:.1f} ± {cpm.finish.std:.1f}",
    )
    if report.deadline is not None:
        table.add_row(
            f"by {fmt.iso(report.deadline)}",
            fmt.percent(plan.deadline_probability),
            fmt.percent(cpm.deadline_probability),
        )
    return table


def task_table(report: RiskReport, top: int) -> Table:
    """The ``top`` most critical tasks (then by SSI)."""
    rows = sorted(report.tasks, key=lambda t: (-t.criticality, -t.ssi))
    table = Table(title=f"Tasks (top {min(top, len(rows))} of "
                  f"{len(rows)} by criticality)", title_justify="left")
    deadlines = any(t.deadline is not None for t in rows)
    names = ["id", "name", "criticality", "CPM only", "cruciality", "SSI",
             "mean days"] + (["by deadline"] if deadlines else [])
    for k, name in enumerate(names):
        table.add_column(name, justify="right" if k >= 2 else "left")
    for t in rows[:top]:
        cells: list[str | Text] = [
            Text(t.id), Text(t.name or ""), fmt.percent(t.criticality),
            fmt.percent(t.cpm_criticality), f"{t.cruciality:.2f}",
            f"{t.ssi:.2f}", f"{t.duration_mean:.1f}",
        ]
        if deadlines:
            cells.append(fmt.percent(t.deadline_probability))
        table.add_row(*cells,
                      style="bold red" if t.criticality >= 0.5 else "")
    return table


def people_table(report: RiskReport) -> Table:
    """Share of samples in which each person is on the critical chain."""
    table = Table(title="People on the critical chain",
                  title_justify="left")
    table.add_column("person")
    table.add_column("criticality", justify="right")
    for p in sorted(report.people, key=lambda p: -p.criticality):
        label = f"{p.id} ({p.name})" if p.name else p.id
        table.add_row(Text(label), fmt.percent(p.criticality))
    return table


def risk_table(report: RiskReport) -> Table:
    """Each risk event: probability, how often it struck, its impact."""
    table = Table(title="Risk events", title_justify="left")
    for name in ("id", "name", "probability", "struck", "impact (days)"):
        table.add_column(name, justify="left" if name in ("id", "name")
                         else "right")
    for r in report.risks:
        table.add_row(Text(r.id), Text(r.name or ""),
                      fmt.percent(r.probability), fmt.percent(r.occurred),
                      fmt.DASH if r.impact is None else f"{r.impact:+.1f}")
    return table


def header_lines(report: RiskReport) -> list[str]:
    """The settings, the plan and the status date."""
    lines = [
        f"{fmt.number(report.iterations)} samples, seed {report.seed}, "
        f"{report.distribution}"
        + (f", correlation {report.correlation:g}" if report.correlation
           else "")
        + f"; plan: {fmt.days(report.plan_makespan)}, finishes "
        f"{fmt.iso(report.plan_finish_date)}",
    ]
    if report.status_date is not None:
        lines.append(f"remaining work from the status date "
                     f"{fmt.iso(report.status_date)} (day "
                     f"{report.time_now})")
    return lines


def footer_lines(report: RiskReport) -> list[str]:
    """The P80's standard error and the re-plan comparison."""
    stable = ""
    if report.stable is not None:
        stable = (", stable" if report.stable
                  else ", NOT stable (raise --max-iterations)")
    lines = [
        f"P80 standard error: {report.p80_se:.2f} working days "
        f"({report.p80_se_method}){stable}",
    ]
    rp = report.replan
    if rp is not None and rp.replan_mean is not None:
        lines += [
            f"Re-plan of {rp.samples} samples with CP-SAT "
            f"({rp.time_limit:g} s each): {rp.solved} solved, "
            f"{rp.violations} checker faults",
            f"  mean finish {rp.replan_mean:.1f} days against "
            f"{rp.plan_mean:.1f} on the plan: {rp.recovered_mean:.1f} "
            "days recovered",
        ]
    return lines


def render_risk(
    console: Console, project: Project, report: RiskReport, top: int = 15
) -> None:
    """Print the whole report."""
    console.print(Text(f"Schedule risk: {project.name}", style="bold"))
    for line in header_lines(report):
        console.print(Text(line))
    console.print(finish_table(report))
    for line in footer_lines(report):
        console.print(Text(line))
    console.print(task_table(report, top))
    if report.people:
        console.print(people_table(report))
    if report.risks:
        console.print(risk_table(report))
    for line in report.warnings:
        console.print(Text(f"warning: {line}", style="yellow"))
