"""Fixtures of the store tests: a fresh store file per test and one real
solve of the e-commerce example, checked by the independent checker."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import plansat
from plansat.models import Project, Result
from plansat.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty store in a file of its own."""
    with Store.open(tmp_path / "plansat.db") as st:
        yield st


@pytest.fixture(scope="session")
def solved_example(ecommerce: Project) -> Result:
    """A real time-optimal result of ``examples/ecommerce.json``."""
    result = plansat.solve(ecommerce, time_limit=5, workers=1)
    assert result.status.has_solution, result.explanation
    assert plansat.violations(ecommerce, result) == []
    return result
