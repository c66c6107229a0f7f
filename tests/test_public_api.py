"""The public API table: ``plansat.__all__`` comes from ``_EXPORTS``, each
name loads from the module the table names, and the type checker's
imports list the same names."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import plansat


def test_all_is_the_table_and_the_version() -> None:
    assert plansat.__all__ == ["__version__", *sorted(plansat._EXPORTS)]
    assert len(set(plansat.__all__)) == len(plansat.__all__)
    assert dir(plansat) == sorted(plansat.__all__)


@pytest.mark.parametrize("name", sorted(plansat._EXPORTS))
def test_each_name_loads_from_its_module(name: str) -> None:
    module = importlib.import_module(plansat._EXPORTS[name])
    assert getattr(plansat, name) is getattr(module, name)


def test_unknown_names_raise_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = plansat.nothing  # type: ignore[attr-defined]


def test_type_checking_imports_match_the_table() -> None:
    """The ``if TYPE_CHECKING:`` block imports every exported name from
    the module the table names (so mypy and the runtime agree)."""
    tree = ast.parse(Path(plansat.__file__).read_text(encoding="utf-8"))
    block = next(
        node for node in tree.body
        if isinstance(node, ast.If)
        and isinstance(node.test, ast.Name)
        and node.test.id == "TYPE_CHECKING"
    )
    imported = {
        alias.asname or alias.name: node.module
        for node in block.body if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert imported == plansat._EXPORTS
