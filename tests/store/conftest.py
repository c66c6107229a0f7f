"""Fixtures of the store tests: a fresh store per test on each back end
(a SQLite file; a schema of its own on the session's PostgreSQL
server) and one real solve of the e-commerce example, checked by the
independent checker."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import plansat
from plansat.models import Project, Result
from plansat.store import Store, open_store
from tests.helpers.postgres import PostgresServer

#: The back ends every store test runs against.
BACKENDS = ("sqlite", "postgres")


@pytest.fixture(params=BACKENDS)
def address(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The address of an empty store on each back end."""
    if request.param == "sqlite":
        return str(tmp_path / "plansat.db")
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.fresh()


@pytest.fixture
def store(address: str) -> Iterator[Store]:
    """An empty store of its own, on each back end."""
    with open_store(address) as st:
        yield st  # type: ignore[misc]


@pytest.fixture(scope="session")
def solved_example(ecommerce: Project) -> Result:
    """A real time-optimal result of ``examples/ecommerce.json``."""
    result = plansat.solve(ecommerce, time_limit=5, workers=1)
    assert result.status.has_solution, result.explanation
    assert plansat.violations(ecommerce, result) == []
    return result
