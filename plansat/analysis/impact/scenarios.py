"""Expand one project into variants ("what if") for batch solving.

:func:`scenarios` takes a project and lists of values for a few knobs and
returns the cartesian product as :class:`Scenario` objects, each holding
a re-validated copy of the project and the objective to solve it for::

    from plansat.batch import solve_many
    from plansat.analysis.impact.scenarios import scenarios

    variants = scenarios(
        project,
        objective=["time", "cost"],
        deadline=[None, "2025-10-01"],
        team=[3, ["alice", "bob", "david", "eva"]],
    )
    items = solve_many(variants)

A variant that breaks the project's rules (say a team without anyone who
can do a task) is not an exception: its scenario carries the error and
``solve_many`` reports it as a failed item.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, get_args

from plansat.models import Project, ProjectError
from plansat.models.result import Objective

#: Knobs that are not plain top-level project fields.
SPECIAL = ("objective", "team")

OBJECTIVES: tuple[str, ...] = get_args(Objective)


@dataclass(frozen=True)
class Scenario:
    """One variant of a project.

    Attributes
    ----------
    name
        The variation, e.g. ``"objective=cost,deadline=2025-10-01"``
        (``"base"`` when there is no variation).
    project
        The modified, re-validated project; ``None`` when the variant is
        invalid.
    objective
        The objective to solve this variant for.
    error
        Why the variant is invalid (one line per broken rule), else
        ``None``.
    values
        The value of each knob in this variant.
    """

    name: str
    project: Project | None
    objective: Objective = "time"
    error: str | None = None
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Whether the variant is a valid project."""
        return self.project is not None


def scenarios(
    project: Project, **variations: Sequence[Any] | Any
) -> list[Scenario]:
    """Expand ``project`` into the cartesian product of ``variations``.

    Parameters
    ----------
    project
        The base project.
    **variations
        Knob name -> list of values (a single non-list value counts as a
        one-element list).  The knobs, in the order given, vary fastest
        from the last one:

        ``objective``
            ``"time"``, ``"balance"`` or ``"cost"`` (default: ``"time"``).
        ``team``
            A person count ``n`` (the first ``n`` people of the project)
            or a collection of person ids (those people, in project
            order).
        any top-level project field
            ``deadline`` (a date, an ISO string or ``None``),
            ``overhead_per_day``, ``start``, ``calendar``, ... replaced
            as given.

    Returns
    -------
    list[Scenario]
        One per combination, named ``"knob=value,..."``.  A combination
        that breaks a rule has ``project=None`` and the reason in
        ``error``.

    Raises
    ------
    ValueError
        For an unknown knob, an empty list of values or an unknown
        objective (mistakes in the call, not in a variant).

    Examples
    --------
    >>> from plansat.models import Project
    >>> p = Project.model_validate({"start": "2025-01-06",
    ...     "tasks": [{"id": "a", "duration": 2}]})
    >>> [s.name for s in scenarios(p, objective=["time", "cost"],
    ...                            overhead_per_day=[0, 100])]
    ... # doctest: +NORMALIZE_WHITESPACE
    ['objective=time,overhead_per_day=0',
     'objective=time,overhead_per_day=100',
     'objective=cost,overhead_per_day=0',
     'objective=cost,overhead_per_day=100']
    """
    fields = set(Project.model_fields)
    axes: list[list[Any]] = []
    for key, values in variations.items():
        if key not in fields and key not in SPECIAL:
            known = ", ".join(sorted(fields | set(SPECIAL)))
            raise ValueError(f"unknown variation {key!r} (known: {known})")
        listed = _as_list(values)
        if not listed:
            raise ValueError(f"variation {key!r} has no values")
        if key == "objective":
            for value in listed:
                if value not in OBJECTIVES:
                    raise ValueError(
                        f"unknown objective {value!r} (one of "
                        f"{', '.join(OBJECTIVES)})"
                    )
        axes.append(listed)
    keys = list(variations)
    out: list[Scenario] = []
    for combo in itertools.product(*axes):
        values = dict(zip(keys, combo, strict=True))
        out.append(_variant(project, values))
    return out


def _as_list(values: Any) -> list[Any]:
    if isinstance(values, str | bytes | Mapping) or not isinstance(
        values, Iterable
    ):
        return [values]
    return list(values)


def _variant(project: Project, values: dict[str, Any]) -> Scenario:
    name = ",".join(f"{k}={_label(v)}" for k, v in values.items()) or "base"
    objective = values.get("objective", "time")
    data = project.model_dump()
    try:
        for key, value in values.items():
            if key == "objective":
                continue
            if key == "team":
                data["people"] = _team(project, value)
            else:
                data[key] = value
        variant = Project.from_data(data)
    except ProjectError as exc:
        return Scenario(name, None, objective, "\n".join(exc.errors), values)
    return Scenario(name, variant, objective, None, values)


def _team(project: Project, team: Any) -> list[dict[str, Any]]:
    """People dicts of the team ``team`` (a count or ids)."""
    people = [p.model_dump() for p in project.people]
    if isinstance(team, int) and not isinstance(team, bool):
        if not 0 <= team <= len(people):
            raise ProjectError(
                [f"team: {team} people asked, the project has {len(people)}"]
            )
        return people[:team]
    ids = _as_list(team)
    unknown = [i for i in ids if i not in project.person_index]
    if unknown:
        raise ProjectError(
            [f"team: unknown person {', '.join(map(str, unknown))}"]
        )
    wanted = set(ids)
    return [p for p in people if p["id"] in wanted]


def _label(value: Any) -> str:
    """Short text for a knob value in a scenario name.

    Examples
    --------
    >>> _label(None), _label(["bob", "alice"]), _label(2.0)
    ('none', 'bob+alice', '2.0')
    """
    if value is None:
        return "none"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value) if isinstance(value, set | frozenset) else value
        return "+".join(map(str, items))
    return str(value)
