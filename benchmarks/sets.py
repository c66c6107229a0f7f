"""Benchmark instance sets in ``../shared/data`` and their best-known
bounds."""

from __future__ import annotations

import csv
import fnmatch
import re
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@dataclass(frozen=True)
class InstanceSet:
    """A folder of instances and the CSV of best-known bounds."""

    name: str
    folder: str
    pattern: str
    bounds: str | None = None

    def files(self, data: Path = DATA) -> list[Path]:
        """All instance files, in natural order."""
        return sorted((data / self.folder).glob(self.pattern), key=_natural)

    def best_known(self, data: Path = DATA) -> dict[str, tuple[int, int]]:
        """``instance file name -> (lb, ub)``; empty when unknown.

        Infeasible multi-mode instances (``feasible`` = 0) are left out.
        """
        if self.bounds is None or not (data / self.bounds).exists():
            return {}
        out = {}
        with open(data / self.bounds, newline="") as handle:
            for row in csv.DictReader(handle):
                if row.get("feasible", "1") == "0":
                    continue
                out[row["instance"]] = (int(row["lb"]), int(row["ub"]))
        return out


def _natural(path: Path) -> list[object]:
    parts = re.split(r"(\d+)", path.name)
    return [int(p) if p.isdigit() else p for p in parts]


SETS: dict[str, InstanceSet] = {
    s.name: s
    for s in [
        *(
            InstanceSet(n, f"psplib/{n}", "*.sm",
                        f"psplib/solutions/{n}_bounds.csv")
            for n in ("j30", "j60", "j90", "j120")
        ),
        InstanceSet("rg300", "rg300/instances", "*.rcp",
                    "rg300/solutions/rg300_bounds.csv"),
        *(
            InstanceSet(f"mm-j{n}", f"psplib/mm/j{n}", "*.mm",
                        f"psplib/mm/solutions/j{n}_bounds.csv")
            for n in (10, 12, 14, 16, 18, 20, 30)
        ),
        *(
            InstanceSet(f"mmlib{n}", f"mmlib/mmlib{n}", "*.mm",
                        f"mmlib/solutions/mmlib{n}_bounds.csv")
            for n in (50, 100)
        ),
        InstanceSet("mslib", "mslib/mslib1_subset", "*.msrcp"),
        InstanceSet("imopse", "imopse", "*/*.def"),
    ]
}


def select(
    files: list[Path], sample: int | None = None, glob: str | None = None
) -> list[Path]:
    """Deterministic choice of instances.

    ``glob`` filters by file name; ``sample`` takes ``N`` instances spread
    over the parameter classes: the instances are grouped by the name part
    before the last ``_`` (PSPLIB's parameter class), and classes are
    visited round-robin, first instance of each class first.
    """
    if glob:
        files = [f for f in files if fnmatch.fnmatch(f.name, glob)]
    if sample is None or sample >= len(files):
        return files
    classes: dict[str, list[Path]] = {}
    for f in files:
        classes.setdefault(f.stem.rsplit("_", 1)[0], []).append(f)
    queues = [classes[k] for k in sorted(classes, key=lambda k: _natural(
        Path(k)))]
    if sample < len(queues):  # evenly spaced classes
        step = len(queues) / sample
        queues = [queues[int(k * step)] for k in range(sample)]
    out: list[Path] = []
    depth = 0
    while len(out) < sample:
        for queue in queues:
            if depth < len(queue) and len(out) < sample:
                out.append(queue[depth])
        depth += 1
    return out
