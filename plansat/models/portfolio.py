"""The portfolio contract: several projects sharing the same people and
pooled resources, planned together (``plansat portfolio``).

A portfolio names its projects, each a file (relative to the portfolio
file) or inline, with a ``weight``, an optional ``priority`` (1 =
first), ``deadline`` and ``earliest_start``; its own ``people`` and
``resources`` settle definitions that differ between projects (and
people only there join every project's team).  A person with the same
id in several projects is one person: one calendar, one availability,
one load.  :meth:`Portfolio.from_file` loads the files and runs
:func:`~plansat.models.portfolio_rules.portfolio_errors`, so every error
names its path (``projects[2].file → tasks[4].after[0]``).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, ValidationError, model_validator

from plansat.models.base import _Model
from plansat.models.entities import Person, Resource
from plansat.models.errors import ProjectError
from plansat.models.project import Project

#: Largest weight of a project (weights are optimised in hundredths).
MAX_WEIGHT = 1e6


class PortfolioProject(_Model):
    """One project of a portfolio: a ``file`` or an inline ``project``.

    ``weight`` scales its finish in the ``weighted`` and ``tardiness``
    objectives (hundredths are exact); ``priority`` orders the
    ``priority`` objective and the priority-order heuristic (1 first;
    projects without one come after, in input order); ``deadline`` is
    hard (the project's deadline, tightened) except for ``tardiness``,
    which minimises the weighted days late; ``earliest_start`` holds
    every task of the project until that date.
    """

    file: str | None = None
    project: Project | None = None
    weight: Annotated[float, Field(gt=0, le=MAX_WEIGHT,
                                   allow_inf_nan=False)] = 1.0
    priority: Annotated[int, Field(ge=1, le=10_000)] | None = None
    deadline: date | None = None
    earliest_start: date | None = None

    @model_validator(mode="after")
    def _one_source(self) -> PortfolioProject:
        if (self.file is None) == (self.project is None):
            raise ValueError("give exactly one of file and project")
        return self

    @property
    def loaded(self) -> Project:
        """The project (loaded, for a file entry)."""
        if self.project is None:
            raise ValueError(f"project file {self.file} is not loaded; "
                             "read portfolios with Portfolio.from_file")
        return self.project


class Portfolio(_Model):
    """Projects planned together on shared people and resources.

    Build one with :meth:`from_file` (loads the project files relative to
    it) or :meth:`from_data`; invalid input raises
    :class:`~plansat.models.errors.ProjectError`, one line per broken
    rule, each with its JSON path.
    """

    name: str = "Portfolio"
    projects: list[PortfolioProject] = Field(min_length=1)
    people: list[Person] = Field(default_factory=list)
    resources: list[Resource] = Field(default_factory=list)

    @classmethod
    def from_file(cls, path: str | Path) -> Portfolio:
        """Read a portfolio JSON file and the project files it names.

        Raises
        ------
        ProjectError
            When a file is missing or not JSON, or a rule is broken.
        """
        path = Path(path)
        try:
            data = json.loads(path.read_bytes())
        except OSError as exc:
            raise ProjectError([f"{path}: {exc.strerror}"]) from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ProjectError([f"{path}: not valid JSON ({exc})"]) from None
        return cls.from_data(data, base=path.parent)

    @classmethod
    def from_data(cls, data: Any, base: str | Path | None = None
                  ) -> Portfolio:
        """Validate a decoded JSON value, loading project files relative
        to ``base`` (default: the working directory).

        Raises
        ------
        ProjectError
            One line per broken rule, each with its JSON path.
        """
        from plansat.models.portfolio_rules import portfolio_errors

        if not isinstance(data, dict):
            raise ProjectError([f"<root>: a portfolio is a JSON object, "
                                f"not {type(data).__name__}"])
        try:
            portfolio = cls.model_validate(data)
        except ValidationError as exc:
            raise ProjectError.from_validation_error(
                exc, "portfolio") from None
        portfolio = portfolio._load(Path(base or "."))
        errors = portfolio_errors(portfolio)
        if errors:
            raise ProjectError(errors)
        return portfolio

    def _load(self, base: Path) -> Portfolio:
        """This portfolio with every file entry's project loaded."""
        entries, errors = [], []
        for i, entry in enumerate(self.projects):
            if entry.project is not None or entry.file is None:
                entries.append(entry)
                continue
            try:
                project = Project.from_file(base / entry.file)
            except ProjectError as exc:
                errors += [f"projects[{i}].file → {_local(line, base)}"
                           for line in exc.errors]
                continue
            entries.append(entry.model_copy(update={"project": project}))
        if errors:
            raise ProjectError(errors)
        return self.model_copy(update={"projects": entries})

    def where(self, index: int) -> str:
        """The JSON path prefix of project ``index``'s own fields."""
        entry = self.projects[index]
        if entry.file is not None:
            return f"projects[{index}].file ({entry.file}) → "
        return f"projects[{index}].project."

    @property
    def names(self) -> list[str]:
        """The projects' names, in input order."""
        return [e.loaded.name for e in self.projects]

    def order(self) -> list[int]:
        """Project indices by priority (1 first), those without one
        after, each group in input order: the order of the ``priority``
        objective and of the priority-order heuristic."""
        big = 10**9
        return sorted(range(len(self.projects)), key=lambda i: (
            self.projects[i].priority or big, i))


def _local(line: str, base: Path) -> str:
    """An error line of a project file with the portfolio's folder
    left out of its file name."""
    prefix = f"{base}/"
    return line[len(prefix):] if line.startswith(prefix) else line
