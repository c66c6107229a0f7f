"""What-if changes: read them, check them against a project, apply them.

A change is one of (command-line syntax after ``plansat whatif``):

``--delay T:K``
    Task ``T`` finishes ``K`` working days later than planned: its work
    grows by ``K`` days (every mode's, its estimate's and the remaining
    work of a task in progress too), and so does its crash floor: the
    extra days can't be crashed away.
``--duration T:D``
    A new estimate of ``D`` working days for ``T``; a crash keeps its
    number of crashable days (dropped when none is left).
``--unavailable P:FROM:TO``
    Person ``P`` is away from ``FROM`` to ``TO`` (inclusive dates).
``--remove-person P[:FROM]``
    ``P`` leaves on ``FROM`` (default: the status date, else the project
    start): away from then to the end of the horizon, and no longer
    pinned to unstarted tasks.
``--add-person FILE``
    One more person (a JSON object of the project's ``people`` contract;
    a dict from Python).
``--capacity R:N``
    Resource ``R`` has ``N`` units.
``--deadline DATE``
    The project deadline is ``DATE``.
``--need T:SKILL:LEVEL``
    ``T``'s need for ``SKILL`` asks for ``LEVEL``, e.g. a lower-level
    substitute allowed.

:func:`apply` returns a new, validated project; it never changes its
input.  Every broken rule is reported at once as a :class:`ChangeError`
(a :class:`~plansat.models.ProjectError`: one line per rule, each
starting with the change as written), e.g. ``--delay T004:-2: a delay
can't be negative``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from plansat.analysis.impact.change_kinds import (
    Change,
    ChangeError,
    Deadline,
    Delay,
    Duration,
    NeedLevel,
)
from plansat.analysis.impact.team_changes import (
    AddPerson,
    Capacity,
    RemovePerson,
    Unavailable,
    removal_start,
)
from plansat.models import Project, ProjectError

__all__ = [
    "KINDS",
    "AddPerson",
    "Capacity",
    "Change",
    "ChangeError",
    "Deadline",
    "Delay",
    "Duration",
    "NeedLevel",
    "RemovePerson",
    "Unavailable",
    "apply",
    "parse",
    "parse_all",
    "removal_start",
]

#: The change kinds by command-line name.
KINDS: dict[str, type[Change]] = {
    c.kind: c for c in (Delay, Duration, Unavailable, RemovePerson,
                        AddPerson, Capacity, Deadline, NeedLevel)
}

_SYNTAX = {
    "delay": "TASK:DAYS", "duration": "TASK:DAYS",
    "unavailable": "PERSON:FROM:TO", "remove-person": "PERSON[:FROM]",
    "add-person": "FILE", "capacity": "RESOURCE:UNITS",
    "deadline": "DATE", "need": "TASK:SKILL:LEVEL",
}


def _int(text: str) -> int:
    return int(text.strip())


def _date(text: str) -> date:
    return date.fromisoformat(text.strip())


def parse(kind: str, text: str) -> Change:
    """A change from its command-line kind and value.

    Examples
    --------
    >>> parse("delay", "T004:5")
    Delay(task='T004', days=5)
    >>> parse("unavailable", "bob:2025-07-21:2025-07-25").end
    datetime.date(2025, 7, 25)

    Raises
    ------
    ChangeError
        On an unknown kind or a value that doesn't read as its syntax.
    """
    kind = kind.lstrip("-")
    if kind not in KINDS:
        raise ChangeError([f"--{kind}: unknown change (one of "
                           f"{', '.join(KINDS)})"])
    try:
        return _parse(kind, text)
    except ChangeError:
        raise
    except ValueError:
        raise ChangeError([
            f"--{kind} {text}: expected {_SYNTAX[kind]}"
            + (" (dates as YYYY-MM-DD)" if "DATE" in _SYNTAX[kind]
               or "FROM" in _SYNTAX[kind] else "")
        ]) from None


def _parse(kind: str, text: str) -> Change:
    if kind in ("delay", "duration"):
        tid, days = text.rsplit(":", 1)
        cls = Delay if kind == "delay" else Duration
        return cls(tid, _int(days))
    if kind == "unavailable":
        pid, first, last = text.rsplit(":", 2)
        return Unavailable(pid, _date(first), _date(last))
    if kind == "remove-person":
        pid, _, rest = text.rpartition(":")
        if pid and rest:
            try:
                return RemovePerson(pid, _date(rest))
            except ValueError:
                pass
        return RemovePerson(text)
    if kind == "add-person":
        return AddPerson.from_file(text)
    if kind == "capacity":
        rid, units = text.rsplit(":", 1)
        return Capacity(rid, _int(units))
    if kind == "deadline":
        return Deadline(_date(text))
    tid, skill, level = text.rsplit(":", 2)
    return NeedLevel(tid, skill, _int(level))


def parse_all(items: Iterable[Change | str]) -> list[Change]:
    """Changes from :class:`Change` objects or strings such as
    ``"--delay T004:5"`` (``"delay T004:5"`` too).

    Raises
    ------
    ChangeError
        With one line per change that doesn't read.
    """
    out: list[Change] = []
    errors: list[str] = []
    for item in items:
        if isinstance(item, Change):
            out.append(item)
            continue
        kind, _, text = item.strip().partition(" ")
        try:
            out.append(parse(kind, text.strip()))
        except ChangeError as exc:
            errors += exc.errors
    if errors:
        raise ChangeError(errors)
    return out


def apply(project: Project, changes: Sequence[Change]) -> Project:
    """A new project with ``changes`` applied in order (``project`` is
    not changed).

    Raises
    ------
    ChangeError
        Every rule the changes break, each line starting with the change
        as written; then any rule the changed project breaks (with its
        JSON path).
    """
    errors = [f"{c.spec}: {line}" for c in changes
              for line in c.errors(project)]
    if errors:
        raise ChangeError(errors)
    data = project.model_dump(mode="json")
    for change in changes:
        change.edit(data, project)
    try:
        return Project.from_data(data)
    except ProjectError as exc:
        specs = ", ".join(c.spec for c in changes)
        raise ChangeError([f"after {specs}: {line}"
                           for line in exc.errors]) from None
