"""Stored portfolios: a named set of the store's projects with their
weights, priorities and deadlines (and the people and resources that
settle definitions), planned with :func:`plansat.plan_portfolio`.

A stored portfolio names its projects by id; :meth:`Portfolios.
load_portfolio` builds the :class:`~plansat.models.portfolio.Portfolio`
from each project's current revision.  :class:`~plansat.store.Store`
inherits these methods.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from plansat.models import Person, Project, Resource
from plansat.models.portfolio import Portfolio
from plansat.store.base import (
    StoreBase,
    decode_object,
    decode_project,
    now,
)
from plansat.store.errors import NotFound
from plansat.store.ids import check_id

__all__ = ["PortfolioMember", "PortfolioRecord", "Portfolios"]


class PortfolioMember(BaseModel):
    """A stored project in a portfolio, with its portfolio fields."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    project_id: str
    weight: float = Field(default=1.0, gt=0)
    priority: int | None = Field(default=None, ge=1)
    deadline: date | None = None
    earliest_start: date | None = None


class PortfolioRecord(BaseModel):
    """A stored portfolio."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: str
    created: datetime
    updated: datetime
    projects: list[PortfolioMember]
    people: list[Person] = Field(default_factory=list)
    resources: list[Resource] = Field(default_factory=list)


def _record(row: Any) -> PortfolioRecord:
    body = decode_object(row["body"], "portfolios", row["id"])
    return PortfolioRecord(
        id=row["id"], name=row["name"],
        created=datetime.fromisoformat(row["created"]),
        updated=datetime.fromisoformat(row["updated"]), **body)


class Portfolios(StoreBase):
    """Named portfolios of the stored projects."""

    def save_portfolio(
        self,
        portfolio_id: str,
        members: list[PortfolioMember],
        *,
        name: str | None = None,
        people: list[Person] | None = None,
        resources: list[Resource] | None = None,
    ) -> PortfolioRecord:
        """Create or replace the portfolio ``portfolio_id``.

        Raises
        ------
        NotFound
            When a member names no stored project.
        ValueError
            For an invalid id.
        """
        check_id(portfolio_id)
        body = json.dumps({
            "projects": [m.model_dump(mode="json", exclude_none=True)
                         for m in members],
            "people": [p.model_dump(mode="json", exclude_none=True)
                       for p in people or []],
            "resources": [r.model_dump(mode="json", exclude_none=True)
                          for r in resources or []],
        })
        stamp = now()
        with self._write() as conn:
            for m in members:
                self._current(conn, m.project_id)
            conn.execute(
                "INSERT INTO portfolios (id, name, created, updated, body) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                "name = excluded.name, updated = excluded.updated, "
                "body = excluded.body",
                (portfolio_id, name or portfolio_id, stamp, stamp, body))
            row = conn.execute("SELECT * FROM portfolios WHERE id = ?",
                               (portfolio_id,)).fetchone()
        return _record(row)

    def get_portfolio(self, portfolio_id: str) -> PortfolioRecord:
        """The stored portfolio ``portfolio_id``.

        Raises
        ------
        NotFound
            When there is none.
        """
        with self._read() as conn:
            row = conn.execute("SELECT * FROM portfolios WHERE id = ?",
                               (portfolio_id,)).fetchone()
        if row is None:
            raise NotFound(f"no portfolio {portfolio_id}", portfolio_id)
        return _record(row)

    def list_portfolios(self) -> list[PortfolioRecord]:
        """Every stored portfolio, by id."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT * FROM portfolios ORDER BY id").fetchall()
        return [_record(r) for r in rows]

    def delete_portfolio(self, portfolio_id: str) -> None:
        """Delete a portfolio (its projects stay).

        Raises
        ------
        NotFound
            When there is none.
        """
        with self._write() as conn:
            gone = conn.execute("DELETE FROM portfolios WHERE id = ?",
                                (portfolio_id,)).rowcount
        if not gone:
            raise NotFound(f"no portfolio {portfolio_id}", portfolio_id)

    def _current_project(self, project_id: str) -> Project:
        """A stored project at its current revision.

        Raises
        ------
        NotFound
            When there is no such project.
        """
        with self._read() as conn:
            rev = self._current(conn, project_id)
            row = conn.execute(
                "SELECT body FROM revisions WHERE project_id = ? AND "
                "revision = ?", (project_id, rev)).fetchone()
        return decode_project(row["body"], "revisions", project_id)

    def load_portfolio(self, portfolio_id: str) -> Portfolio:
        """The portfolio with each project's current revision inline.

        Raises
        ------
        NotFound
            When the portfolio or one of its projects is gone.
        ProjectError
            When the projects together break a portfolio rule.
        """
        record = self.get_portfolio(portfolio_id)
        entries = []
        for m in record.projects:
            project = self._current_project(m.project_id)
            entry = m.model_dump(mode="json", exclude_none=True)
            del entry["project_id"]
            entries.append({**entry, "project": project.model_dump(
                mode="json", exclude_none=True)})
        return Portfolio.from_data({
            "name": record.name, "projects": entries,
            "people": [p.model_dump(mode="json", exclude_none=True)
                       for p in record.people],
            "resources": [r.model_dump(mode="json", exclude_none=True)
                          for r in record.resources]})
