"""Project files in YAML: the same contract as the JSON files, written by
hand more easily (comments, no quotes or brackets to balance).

The file is parsed with PyYAML's safe loader (no Python objects), keeping
the node tree with its marks, so that every error names a line: a YAML
syntax error its line and column, a broken rule of the contract its JSON
path *and* the line of the YAML node that path leads to (the closest
one that exists: a missing field points at the mapping that lacks it)::

    plan.yaml:7: tasks[1].duration: Input should be a valid integer

Dates may be written bare (``start: 2025-06-02``): the loader keeps
them as text and the contract parses them, as in JSON.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from plansat.models import Project, ProjectError

__all__ = ["node_line", "parse_yaml", "read_yaml"]

#: One step of a JSON path: ``name``, ``.name`` or ``[3]``.
_STEP = re.compile(r"\.?([^.\[\]]+)|\[(\d+)\]")

#: The JSON path an error line starts with (``tasks[3].after[0]: ...``).
_PATH = re.compile(r"^((?:<root>|[\w-]+(?:\[\d+\]|\.[\w-]+)*)): ")


def parse_yaml(text: str, source: str) -> tuple[Any, Any]:
    """The decoded value of a YAML document and its node tree.

    Raises
    ------
    ProjectError
        When the text is not YAML (names the line and column) or holds
        more than one document.
    """
    import yaml

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (f"{source}:{mark.line + 1}" if mark is not None
                 else source)
        column = f", column {mark.column + 1}" if mark is not None else ""
        raise ProjectError([
            f"{where}: not valid YAML ({exc.problem or exc.context}"
            f"{column})"
        ]) from None
    except yaml.YAMLError as exc:
        raise ProjectError([f"{source}: not valid YAML ({exc})"]) from None
    if node is None:
        raise ProjectError([f"{source}: the file is empty"])
    data = _loader()(text).construct_document(node)
    return data, node


def _loader() -> Any:
    """PyYAML's safe loader with dates kept as their text: the contract
    parses them (``2025-02-30`` gets its message with its JSON path, not
    a ``ValueError`` from the YAML layer)."""
    import yaml

    class Loader(yaml.SafeLoader):
        """Safe loader; timestamps stay strings."""

    Loader.add_constructor(
        "tag:yaml.org,2002:timestamp",
        lambda loader, node: loader.construct_scalar(node),
    )
    return Loader


def node_line(root: Any, path: str) -> int | None:
    """The 1-based line of the node a JSON path leads to in a YAML node
    tree: the deepest node on the path that exists (``None`` for an
    empty tree).

    Examples
    --------
    >>> import yaml
    >>> tree = yaml.compose("tasks:\\n- id: A\\n  duration: x\\n")
    >>> node_line(tree, "tasks[0].duration")
    3
    >>> node_line(tree, "tasks[0].missing")
    2
    """
    import yaml

    node = root
    if node is None:
        return None
    for name, index in _STEP.findall(path if path != "<root>" else ""):
        child = None
        if index and isinstance(node, yaml.SequenceNode):
            i = int(index)
            child = node.value[i] if i < len(node.value) else None
        elif name and isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == name),
                         None)
        if child is None:
            break
        node = child
    return int(node.start_mark.line) + 1


def read_yaml(path: str | Path) -> Project:
    """Read and validate a project YAML file.

    Raises
    ------
    ProjectError
        When the file can't be read, is not YAML, or breaks a rule of
        the contract; each line starts with ``FILE:LINE:``.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ProjectError([f"{path}: {exc.strerror}"]) from None
    except UnicodeDecodeError:
        raise ProjectError(
            [f"{path}: not a text file (a YAML project is UTF-8 text)"]
        ) from None
    data, root = parse_yaml(text, str(path))
    try:
        return Project.from_data(data)
    except ProjectError as exc:
        raise ProjectError(
            [_located(line, root, str(path)) for line in exc.errors]
        ) from None


def _located(line: str, root: Any, source: str) -> str:
    """``FILE:LINE: path: message`` for an error line ``path: message``."""
    found = _PATH.match(line)
    number = node_line(root, found.group(1)) if found else None
    return f"{source}:{number}: {line}" if number else f"{source}: {line}"
