"""``plansat batch``: solve many project files at once.

A thin layer over :func:`plansat.batch.solve_many`: expands the
arguments into files, solves them on a local process pool or a Dask
cluster, writes one JSON per project and ``summary.csv``, and prints the
summary table.  The engine reports each finished project to a callback;
on a terminal this module draws it as a progress bar on stderr
(:func:`progress_bar`).
"""

from __future__ import annotations

import glob
import json
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.table import Table
from rich.text import Text

from plansat import format as fmt
from plansat.cli import render
from plansat.cli.options import debug_option, options_from, solve_options

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import Console

    from plansat.batch import BatchItem
    from plansat.batch.run import BatchProgress

#: Characters that make an argument a glob pattern.
GLOB_CHARS = set("*?[")

#: Longest error text printed under the summary (the CSV has it all).
ERROR_WIDTH = 100


@click.command()
@click.argument("inputs", metavar="PATHS_OR_GLOBS...", nargs=-1)
@solve_options(
    help={
        "time_limit": "Seconds of each project's solve, every phase "
        "included (> 0).",
        "workers": "Solver threads of each solve (default: 1).",
    }
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Projects solved at once on this machine (default: cores "
    "divided by --workers).",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="Solve on a Dask cluster, e.g. tcp://host:8786 (needs "
    "dask[distributed]; --jobs is then ignored).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Directory for the result JSON files and summary.csv "
    "(created if missing).",
)
@debug_option
def batch(
    inputs: tuple[str, ...],
    jobs: int | None,
    scheduler: str | None,
    out_dir: Path,
    **solve_kwargs: Any,
) -> None:
    """Solve many project files in parallel and summarise them.

    PATHS_OR_GLOBS are project files, directories (their *.json files) or
    glob patterns (quote them to let plansat expand ** recursively).
    Writes OUT/<file stem>.json per project (the result, or
    {"status": "ERROR", "error": ...} for an invalid file) and
    OUT/summary.csv, and prints the summary.  On a terminal a progress
    bar shows how many projects are done.

    Exits with 0 once every project was processed, even when some are
    invalid or infeasible (their rows say why); 2 when no input file
    matched.

    \b
    Example:
      plansat batch 'projects/*.json' --out results
      plansat batch a.json b.json --objective cost --jobs 2 --workers 2
      plansat batch 'projects/**/*.json' --scheduler tcp://scheduler:8786 \\
          --out results
    """
    from plansat.batch import batch_summary, solve_many

    options = options_from(solve_kwargs)
    paths = expand_inputs(inputs)
    if not paths:
        shown = " ".join(inputs) or "(none given)"
        raise click.UsageError(f"no project file matched: {shown}")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise click.BadParameter(
            f"cannot create {out_dir}: {exc.strerror}", param_hint="--out"
        ) from None
    console = render.make_console(stderr=True)
    with (
        _executor(scheduler) as executor,
        progress_bar(len(paths), console) as progress,
    ):
        items = solve_many(
            paths, options, executor=executor, jobs=jobs, progress=progress
        )
    names = output_names(paths, out_dir)
    for item, name in zip(items, names, strict=True):
        _write(out_dir / name, result_json(item))
    summary = batch_summary(items)
    summary.insert(2, "output", names)
    csv_path = out_dir / "summary.csv"
    _write(csv_path, summary.to_csv(index=False))
    console = render.make_console()
    console.print(summary_table(summary))
    for line in error_lines(summary):
        console.print(Text(line, style="red"), no_wrap=True, crop=True)
    console.print(Text(totals_line(items)))
    click.echo(f"wrote {len(items)} result(s) and {csv_path}", err=True)


# -- helpers ---------------------------------------------------------------


@contextmanager
def progress_bar(
    total: int, console: Console
) -> Iterator[BatchProgress | None]:
    """A ``progress(item, done, total)`` callback drawing a bar on
    ``console`` while the block runs; ``None`` (no callback) when the
    console is not a terminal, so logs and pipes stay clean.

    Examples
    --------
    >>> import io
    >>> from rich.console import Console
    >>> with progress_bar(3, Console(file=io.StringIO())) as progress:
    ...     progress is None
    True
    """
    if not console.is_terminal:
        yield None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = (
        TextColumn("solving"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("", total=total)

        def progress(item: BatchItem, done: int, total: int) -> None:
            bar.update(
                task,
                completed=done,
                total=total,
                description=f"{item.source}: {item.status}",
            )

        yield progress


def expand_inputs(inputs: Sequence[str]) -> list[Path]:
    """Files named by ``inputs``, in order, each once.

    A directory gives its ``*.json``, ``*.yaml`` and ``*.yml`` files
    (sorted); a pattern with
    ``*``, ``?`` or ``[`` gives its matches (sorted, ``**`` recursive;
    a pattern matching nothing is reported on stderr); anything else is
    taken as a file path even if it does not exist, so that its row in
    the summary says so.

    Examples
    --------
    >>> expand_inputs(["no/such/dir/*.json"])
    []
    """
    found: list[Path] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            found.append(path)

    for arg in inputs:
        path = Path(arg)
        if path.is_dir():
            for child in sorted(
                p for p in path.iterdir()
                if p.suffix in (".json", ".yaml", ".yml")
            ):
                add(child)
        elif GLOB_CHARS & set(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                click.echo(f"warning: nothing matches {arg}", err=True)
            for match in matches:
                if Path(match).is_file():
                    add(Path(match))
        else:
            add(path)
    return found


def output_names(paths: Sequence[Path], out_dir: Path) -> list[str]:
    """A distinct ``<stem>.json`` per input that overwrites no input.

    Repeated stems get ``-2``, ``-3``, ... appended.

    Examples
    --------
    >>> output_names([Path("a/x.json"), Path("b/x.json"), Path("y.txt")],
    ...              Path("out"))
    ['x.json', 'x-2.json', 'y.json']
    """
    inputs = {p.resolve() for p in paths}
    used: set[str] = {"summary.csv"}
    names: list[str] = []
    for path in paths:
        stem, n = path.stem or "project", 1
        name = f"{stem}.json"
        while name in used or (out_dir / name).resolve() in inputs:
            n += 1
            name = f"{stem}-{n}.json"
        used.add(name)
        names.append(name)
    return names


def result_json(item: BatchItem) -> str:
    """The JSON written for one item: the result, or an error object."""
    if item.result is not None:
        return item.result.model_dump_json(indent=2) + "\n"
    data: dict[str, Any] = {
        "status": "ERROR",
        "source": item.source,
        "objective": item.objective,
        "error": item.error,
        "errors": (item.error or "").splitlines(),
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def summary_table(summary: pd.DataFrame) -> Table:
    """The batch summary: one row per project, errors cut short."""
    table = Table(title="Batch", title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("source", overflow="fold")
    table.add_column("status", no_wrap=True)
    table.add_column("value", justify="right")
    table.add_column("bound", justify="right")
    table.add_column("gap", justify="right")
    table.add_column("makespan", justify="right")
    table.add_column("finishes", no_wrap=True)
    table.add_column("cost", justify="right")
    table.add_column("runtime", justify="right")
    for row in summary.to_dict("records"):
        table.add_row(
            str(row["index"]),
            Text(str(row["source"])),
            render.status_text(row["status"]),
            fmt.number(_num(row["objective_value"])),
            fmt.number(_num(row["bound"])),
            fmt.percent(_num(row["gap"])),
            fmt.number(_num(row["makespan"])),
            _text(row["finish_date"]) or fmt.DASH,
            fmt.money(_num(row["total_cost"])),
            fmt.seconds(float(row["runtime"])),
        )
    return table


def error_lines(summary: pd.DataFrame) -> list[str]:
    """``#index source: reason`` for each row with an error, the reason
    cut to :data:`ERROR_WIDTH` characters (the CSV has it all)."""
    lines = []
    for row in summary.to_dict("records"):
        error = _text(row["error"])
        if not error:
            continue
        source = str(row["source"])
        error = error.removeprefix(f"{source}: ")
        if len(error) > ERROR_WIDTH:
            error = error[: ERROR_WIDTH - 1] + "…"
        lines.append(f"#{row['index']} {row['source']}: {error}")
    return lines


def totals_line(items: Sequence[BatchItem]) -> str:
    """``N projects: a with a schedule, b without, c errors``.

    Examples
    --------
    >>> totals_line([])
    '0 projects: 0 with a schedule, 0 without, 0 errors'
    """
    solved = sum(item.ok for item in items)
    errors = sum(item.result is None for item in items)
    without = len(items) - solved - errors
    projects = "project" if len(items) == 1 else "projects"
    noun = "error" if errors == 1 else "errors"
    return (
        f"{len(items)} {projects}: {solved} with a schedule, {without} "
        f"without, {errors} {noun}"
    )


@contextmanager
def _executor(scheduler: str | None) -> Iterator[Executor | None]:
    """The Dask executor for ``--scheduler`` (closed afterwards), else
    ``None`` (the default local process pool)."""
    if scheduler is None:
        yield None
        return
    try:
        from distributed import Client
    except ImportError:
        raise click.BadParameter(
            "needs Dask: pip install 'dask[distributed]'",
            param_hint="--scheduler",
        ) from None
    try:
        client = Client(scheduler, timeout="10s")
    except (OSError, ValueError, TypeError) as exc:
        raise click.BadParameter(
            f"cannot connect to {scheduler}: {exc}",
            param_hint="--scheduler",
        ) from None
    try:
        yield client.get_executor()
    finally:
        client.close()


def _missing(value: Any) -> bool:
    import pandas as pd

    return value is None or bool(pd.isna(value))


def _num(value: Any) -> float | None:
    """A summary cell as a float, ``None`` for missing values."""
    return None if _missing(value) else float(value)


def _text(value: Any) -> str:
    return "" if _missing(value) else str(value)


def _write(path: Path, text: str) -> None:
    from plansat.cli.files import write_text

    write_text(path, text, "--out", announce=False)
