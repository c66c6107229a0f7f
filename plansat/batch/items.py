"""One item of a batch: the input, the payload a worker solves, the outcome.

An input (a project, a path or a scenario) becomes a :class:`Job`: the
project as JSON text and the solve options as a plain dict (the
*payload*), or an error when the input cannot be read.  Workers run
:func:`solve_payload` on the payload, a top-level function of this module
so spawn, forkserver and remote (Dask) workers can import it, and its
plain-data answer becomes a :class:`BatchItem`.

This module imports neither the solver nor pandas: the solver is
imported by :func:`solve_payload` when it runs, in the worker.
"""

from __future__ import annotations

import logging
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plansat.analysis.impact.scenarios import Scenario
from plansat.io import FORMATS, read
from plansat.models import Project, ProjectError, Result
from plansat.models.result import Objective
from plansat.options import Budget, SolveOptions

log = logging.getLogger(__name__)

#: What :func:`~plansat.batch.solve_many` accepts as one input.
BatchInput = Project | Scenario | str | os.PathLike[str]

#: Status shown for items without a result (invalid input, crash).
ERROR = "ERROR"

#: The project of a payload: JSON text (or raw file bytes).
Text = str | bytes


@dataclass
class BatchItem:
    """The outcome of one project of a batch.

    Attributes
    ----------
    index
        Position of the project in the input.
    source
        Where it came from: the file path, the scenario name or the
        project's name.
    objective
        The objective it was solved for.
    ok
        Whether a schedule was found (OPTIMAL or FEASIBLE).
    result
        The solver's result (also for INFEASIBLE and UNKNOWN); ``None``
        when the input was invalid or the solve crashed.
    error
        Why there is no schedule (the validation errors, the
        infeasibility explanation or the crash), else ``None``.
    runtime
        Seconds spent on this item by its worker (reading, validating
        and solving).
    """

    index: int
    source: str
    objective: Objective
    ok: bool
    result: Result | None
    error: str | None
    runtime: float

    @property
    def status(self) -> str:
        """The solve status, or ``"ERROR"`` when there is no result."""
        return self.result.status.value if self.result else ERROR


@dataclass(frozen=True)
class Job:
    """One input ready to submit, or already failed before submission.

    Attributes
    ----------
    index
        Position of the input.
    source
        Where it came from (see :attr:`BatchItem.source`).
    objective
        The objective it is solved for.
    payload
        What :func:`solve_payload` takes; ``None`` when the input failed.
    error
        Why the input failed, else ``None``.
    """

    index: int
    source: str
    objective: Objective
    payload: dict[str, Any] | None
    error: str | None = None

    def failed(self, error: str, runtime: float = 0.0) -> BatchItem:
        """The item of this job when it has no result."""
        return BatchItem(
            self.index,
            self.source,
            self.objective,
            False,
            None,
            error,
            runtime,
        )

    def finished(self, out: dict[str, Any]) -> BatchItem:
        """The item of this job from the answer of :func:`solve_payload`."""
        data = out.get("result")
        result = None if data is None else Result.model_validate(data)
        return BatchItem(
            self.index,
            self.source,
            self.objective,
            bool(out.get("ok")),
            result,
            out.get("error"),
            float(out.get("runtime", 0.0)),
        )


def make_job(index: int, item: BatchInput, options: SolveOptions) -> Job:
    """Turn one input into a job: its payload, or why it has none.

    Parameters
    ----------
    index
        Position of the input in the batch.
    item
        A project, a path to a project file or a scenario.  A scenario
        is solved for its own objective, whatever ``options`` says.
    options
        How to solve it; they travel as :meth:`SolveOptions.to_dict`.

    Returns
    -------
    Job
        With a payload, or with ``payload=None`` and an ``error``.
    """
    objective = (
        item.objective if isinstance(item, Scenario) else options.objective
    )
    source, text, error = _load(item)
    if text is None:
        return Job(index, source, objective, None, error or "invalid input")
    payload = {
        "text": text,
        "source": source,
        "options": {**options.to_dict(), "objective": objective},
    }
    return Job(index, source, objective, payload)


def solve_payload(payload: dict[str, Any]) -> dict[str, Any]:
    """Solve one project given as plain data; return plain data.

    This is what executors run, so it takes and returns only picklable
    builtins and never raises for a bad project.  It calls
    :func:`plansat.solver.solve.solve`, looked up when it runs.

    Parameters
    ----------
    payload
        ``text`` (project JSON as str or bytes), ``source`` (for error
        messages) and ``options`` (the keyword arguments of a
        :class:`~plansat.options.SolveOptions`, as given by
        :meth:`~plansat.options.SolveOptions.to_dict`).

    Returns
    -------
    dict
        ``ok``, ``result`` (a Result as a JSON dict, or ``None``),
        ``error`` (str or ``None``) and ``runtime`` (seconds).
    """
    from plansat.solver.solve import solve

    watch = Budget(math.inf)  # times the item, solve and parse alike
    result: Result | None = None
    error: str | None = None
    try:
        options = SolveOptions(**payload["options"])
        project = Project.from_json(payload["text"], source=payload["source"])
        result = solve(project, options)
    except ProjectError as exc:
        error = "\n".join(exc.errors)
    except Exception as exc:  # the batch must go on whatever happens
        log.exception("solving %s failed", payload.get("source"))
        error = describe(exc)
    ok = result is not None and result.status.has_solution
    if result is not None and not ok:
        error = result.explanation or f"no schedule: {result.status.value}"
    return {
        "ok": ok,
        "result": None if result is None else result.model_dump(mode="json"),
        "error": error,
        "runtime": watch.elapsed(),
    }


def describe(exc: BaseException) -> str:
    """``"Type: message"`` (or just the type) of an exception."""
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _load(item: BatchInput) -> tuple[str, Text | None, str | None]:
    """Source, project text (``None`` on error) and error of an input."""
    if isinstance(item, Scenario):
        if item.project is None:
            return item.name, None, item.error
        return item.name, item.project.model_dump_json(), None
    if isinstance(item, Project):
        return item.name, item.model_dump_json(), None
    if isinstance(item, str | os.PathLike):
        return _read_path(Path(item))
    return (
        repr(item)[:80],
        None,
        f"not a project, scenario or path: {type(item).__name__}",
    )


def _read_path(path: Path) -> tuple[str, Text | None, str | None]:
    """Source, text and error of a project file.

    JSON files are sent as they are (the worker validates them); the
    benchmark formats of :data:`plansat.io.FORMATS` are read here.
    """
    source = str(path)
    try:
        suffix = path.suffix.lower()
        if suffix != ".json" and (suffix in FORMATS or suffix == ".mpp"):
            return source, read(path).model_dump_json(), None
        return source, path.read_bytes(), None
    except OSError as exc:
        return source, None, f"{path}: {exc.strerror}"
    except ProjectError as exc:
        return source, None, "; ".join(exc.errors)
