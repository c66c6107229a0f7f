"""``python -m benchmarks run|report``: the strategy comparison suite."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import Progress

from benchmarks.sets import DATA, SETS, select


@click.group()
def cli() -> None:
    """Compare plansat strategies on public instance sets.

    Example:

      python -m benchmarks run --set j30 --sample 10 \\
          --strategies plain,default --time-limit 10 --workers 2 \\
          --out benchmarks/results/j30.csv

      python -m benchmarks report benchmarks/results/j30.csv
    """


@cli.command()
@click.option("--set", "set_name", required=True,
              type=click.Choice(sorted(SETS)), help="Instance set.")
@click.option("--sample", type=int, help="N instances spread over classes.")
@click.option("--instances", help="Glob on instance file names.")
@click.option("--strategies", default="plain,default", show_default=True,
              help="Comma-separated strategy names.")
@click.option("--time-limit", type=float, default=10.0, show_default=True)
@click.option("--workers", type=int, default=2, show_default=True,
              help="CP-SAT workers per solve.")
@click.option("--jobs", type=int, default=1, show_default=True,
              help="Solves in parallel.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--out", type=click.Path(path_type=Path), required=True,
              help="CSV to append rows to.")
def run(set_name: str, sample: int | None, instances: str | None,
        strategies: str, time_limit: float, workers: int, jobs: int,
        seed: int, out: Path) -> None:
    """Run strategies on a set; one CSV row per (instance, strategy)."""
    from benchmarks.runner import run_all

    if not DATA.exists():
        click.echo(f"benchmark data not found at {DATA}", err=True)
        sys.exit(2)
    files = select(SETS[set_name].files(), sample, instances)
    if not files:
        click.echo("no instance matched", err=True)
        sys.exit(2)
    names = [s.strip() for s in strategies.split(",") if s.strip()]
    console = Console(stderr=True)
    console.print(
        f"{set_name}: {len(files)} instances x {len(names)} strategies, "
        f"{time_limit}s, {workers} workers, {jobs} jobs -> {out}"
    )
    with Progress(console=console) as bar:
        task = bar.add_task("solving", total=len(files) * len(names))
        for row in run_all(set_name, files, names, time_limit, workers,
                           jobs, out, seed):
            bar.advance(task)
            if row.status == "ERROR" or row.violations:
                console.print(f"[red]{row.instance} {row.strategy}: "
                              f"{row.status} {row.error}")


@cli.command()
@click.argument("csv_files", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@click.option("--out", type=click.Path(path_type=Path),
              help="Markdown file to write (default: next to the CSV).")
@click.option("--chart", type=click.Path(path_type=Path),
              help="HTML chart of per-instance gaps (needs plotly).")
def report(csv_files: tuple[Path, ...], out: Path | None,
           chart: Path | None) -> None:
    """Summarise result CSVs: one markdown table per set."""
    from benchmarks.report import load, markdown, write_chart

    frame = load(csv_files)
    text = markdown(frame)
    click.echo(text)
    target = out or csv_files[0].with_suffix(".md")
    target.write_text(text)
    if chart is not None:
        write_chart(frame, chart)


if __name__ == "__main__":
    cli()
