"""Read project files: plansat JSON or YAML, public benchmark formats, MS
Project XML and spreadsheet task lists.

PSPLIB ``.sm``/``.mm``, MMLIB ``.mm``, Patterson ``.rcp`` and MSLIB
``.msrcp`` go through the ``psplib`` package (extra ``io``); iMOPSE ``.def``
has a small reader of its own (:mod:`plansat.io.imopse`).  MS Project XML
``.xml`` (MSPDI) has :mod:`plansat.io.mspdi`; task lists ``.csv`` and
``.xlsx`` have :mod:`plansat.io.tasklist`.

Mapping: activities become tasks ``A1 .. An`` (the dummy source and sink
become milestones); renewable resources become pooled resources;
non-renewable ones become budget pools (``renewable: false``); MSLIB and
iMOPSE resources become people whose skills are the resource's skills.
Every day is a working day, so working days equal instance periods.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from plansat.models import Project, ProjectError
from plansat.models.errors import mpp_message

FORMATS = {
    ".sm": "psplib",
    ".mm": "psplib",
    ".rcp": "patterson",
    ".msrcp": "mslib",
    ".def": "imopse",
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".xml": "mspdi",
    ".csv": "tasklist",
    ".xlsx": "tasklist",
}

log = logging.getLogger(__name__)

ALL_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
BENCHMARK_START = "2024-01-01"


def detect_format(path: str | Path) -> str:
    """The instance format implied by a file's extension."""
    suffix = Path(path).suffix.lower()
    mpp = mpp_message(path)
    if mpp is not None:
        raise ProjectError([mpp])
    if suffix not in FORMATS:
        raise ProjectError(
            [f"{path}: unknown file type '{suffix}'; expected one of "
             f"{', '.join(sorted(FORMATS))}"]
        )
    return FORMATS[suffix]


def read(path: str | Path, format: str | None = None) -> Project:
    """Read a project from ``path`` in any supported format.

    Parameters
    ----------
    path
        The file to read.
    format
        ``json``, ``yaml``, ``psplib``, ``patterson``, ``mslib``,
        ``imopse``,
        ``mspdi`` or ``tasklist`` (default: from the extension).  An MSPDI
        file's warnings (what was approximated) are logged, with one
        WARNING line counting them; :func:`plansat.io.mspdi.read_mspdi`
        returns them.

    Raises
    ------
    ProjectError
        When the file can't be read or parsed.
    """
    fmt = format or detect_format(path)
    if fmt == "json":
        return Project.from_file(path)
    if fmt == "yaml":
        from plansat.io.yaml_format import read_yaml

        return read_yaml(path)
    if fmt == "imopse":
        from plansat.io.imopse import read_imopse

        return read_imopse(path)
    if fmt == "mspdi":
        from plansat.io.mspdi import read_mspdi

        imported = read_mspdi(path)
        if imported.warnings:
            log.warning(
                "%s: %d approximation(s) on import; `plansat import %s` "
                "lists them", path, len(imported.warnings), path)
        return imported.project
    if fmt == "tasklist":
        from plansat.io.tasklist import read_tasklist

        return read_tasklist(path)
    try:
        import psplib
    except ImportError:  # pragma: no cover - depends on the extra
        raise ProjectError(
            [f"{path}: reading {fmt} files needs the 'psplib' package "
             "(pip install 'plansat[io]')"]
        ) from None
    try:
        instance = psplib.parse(path, instance_format=fmt)
    except FileNotFoundError:
        raise ProjectError([f"{path}: no such file"]) from None
    except Exception as exc:  # the parser raises many kinds
        raise ProjectError(
            [f"{path}: not a valid {fmt} file ({exc})"]
        ) from None
    return from_instance(instance, name=Path(path).stem)


def from_instance(instance: Any, name: str = "instance") -> Project:
    """Convert a ``psplib.ProjectInstance`` into a :class:`Project`."""
    skills = instance.num_skills > 0
    people, resources = [], []
    for k, res in enumerate(instance.resources):
        if skills and res.skills is not None:
            people.append({
                "id": f"P{k + 1}",
                "skills": {f"S{s + 1}": 1
                           for s, has in enumerate(res.skills) if has},
            })
        else:
            resources.append({
                "id": f"R{k + 1}",
                "capacity": max(res.capacity, 1),
                "renewable": bool(res.renewable),
            })
    index = {}  # psplib resource index -> resource id
    for k, res in enumerate(instance.resources):
        if not (skills and res.skills is not None):
            index[k] = f"R{k + 1}"
    preds: dict[int, list[int]] = {
        i: [] for i in range(len(instance.activities))
    }
    for i, act in enumerate(instance.activities):
        for j in act.successors:
            preds[j].append(i)
    tasks = []
    caps = {rid: instance.resources[k].capacity for k, rid in index.items()}
    for i, act in enumerate(instance.activities):
        modes = _usable([_mode(m, index) for m in act.modes], caps)
        task: dict[str, Any] = {"id": f"A{i + 1}",
                                "after": [f"A{p + 1}" for p in preds[i]]}
        if len(modes) == 1:
            task.update(modes[0])
            if skills and act.modes[0].skill_requirements:
                task["needs"] = [
                    {"skill": f"S{s + 1}", "count": c}
                    for s, c in enumerate(act.modes[0].skill_requirements)
                    if c > 0
                ]
            if task["duration"] == 0:
                task.pop("uses", None)
                task.pop("needs", None)
        else:
            task["modes"] = modes
        tasks.append(task)
    data = {
        "name": name,
        "start": BENCHMARK_START,
        "calendar": {"workdays": ALL_DAYS},
        "people": people,
        "resources": resources,
        "tasks": tasks,
    }
    return Project.from_data(data)


def _usable(
    modes: list[dict[str, Any]], caps: dict[str, int]
) -> list[dict[str, Any]]:
    """Drop modes that ask for more than a resource's capacity.

    Multi-mode benchmark files list such modes; no schedule can use them,
    and plansat's validation rejects them.  A task whose every mode is
    impossible keeps them all, so validation reports it.
    """
    fits = [
        m for m in modes
        if all(q <= caps[r] for r, q in m.get("uses", {}).items())
    ]
    if fits and len(fits) < len(modes):
        log.debug("dropped %d impossible mode(s)", len(modes) - len(fits))
    return fits or modes


def _mode(mode: Any, index: dict[int, str]) -> dict[str, Any]:
    uses = {
        index[k]: int(q)
        for k, q in enumerate(mode.demands)
        if q > 0 and k in index
    }
    out: dict[str, Any] = {"duration": int(mode.duration)}
    if uses and mode.duration > 0:
        out["uses"] = uses
    return out
