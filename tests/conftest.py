"""Shared fixtures: the e-commerce example and a small valid project.

Plain helpers that tests import (``START``, ``make``, ``solved``, the
random RCPSP strategy, CP-SAT model readers) live in the ``tests.helpers``
package: ``from tests.helpers import START, make, solved``.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from plansat.models import Project
from tests.helpers.postgres import postgres_server  # noqa: F401 - fixture

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ECOMMERCE = EXAMPLES / "ecommerce.json"

#: A small valid project: Mon 2025-06-02 start, Mon-Fri, one holiday.
#: A (3 days, backend >= 3) -> B (2 days, frontend >= 4, uses rig) ->
#: M (milestone).  alice fills A, bob fills B.
SMALL_PROJECT: dict[str, Any] = {
    "name": "Small",
    "start": "2025-06-02",
    "calendar": {
        "workdays": ["Mon", "Tue", "Wed", "Thu", "Fri"],
        "holidays": ["2025-06-09"],
    },
    "people": [
        {"id": "alice", "skills": {"backend": 4, "qa": 3}, "rate": 500},
        {"id": "bob", "skills": {"backend": 2, "frontend": 5}, "rate": 400},
    ],
    "resources": [{"id": "rig", "capacity": 1, "rate": 10}],
    "tasks": [
        {
            "id": "A",
            "duration": 3,
            "needs": [{"skill": "backend", "level": 3}],
        },
        {
            "id": "B",
            "duration": 2,
            "after": ["A"],
            "needs": [{"skill": "frontend", "level": 4}],
            "uses": {"rig": 1},
        },
        {"id": "M", "duration": 0, "after": ["B"]},
    ],
}


def small_project(**overrides: Any) -> dict[str, Any]:
    """A fresh copy of :data:`SMALL_PROJECT` with top-level keys
    replaced by ``overrides``."""
    data = copy.deepcopy(SMALL_PROJECT)
    data.update(copy.deepcopy(overrides))
    return data


@pytest.fixture
def make_project() -> Callable[..., dict[str, Any]]:
    """Factory of small valid project dicts: ``make_project(**overrides)``
    replaces top-level keys (``tasks=[...]``, ``start="..."``, ...)."""
    return small_project


@pytest.fixture(scope="session")
def ecommerce_data() -> dict[str, Any]:
    """The decoded JSON of ``examples/ecommerce.json`` (do not mutate;
    copy it first)."""
    data: dict[str, Any] = json.loads(ECOMMERCE.read_text())
    return data


@pytest.fixture(scope="session")
def ecommerce() -> Project:
    """The e-commerce example project (8 tasks, 5 people)."""
    return Project.from_file(ECOMMERCE)
