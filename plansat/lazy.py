"""Names a package exports, each loaded from its module on first use, so
that importing the package (and the CLI's light commands) loads neither
OR-Tools nor pandas until something needs them."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def exports(
    package: str, table: Mapping[str, str], namespace: dict[str, Any],
    public: list[str],
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """A package's ``__getattr__`` and ``__dir__`` for ``table``.

    Parameters
    ----------
    package
        The package's name (for the error message).
    table
        Public name -> the module that defines it.
    namespace
        The package's ``globals()``: a name, once loaded, is kept there.
    public
        The package's ``__all__``.
    """

    def get(name: str) -> Any:
        module = table.get(name)
        if module is None:
            raise AttributeError(
                f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    def names() -> list[str]:
        return public

    return get, names
