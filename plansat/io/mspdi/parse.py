"""Parsing MSPDI safely, and typed access to its elements.

The XML comes from outside, so it goes through :mod:`defusedxml` with
document type declarations forbidden: MS Project never writes one, and
refusing them refuses entity-expansion bombs and external entities
before any of them is expanded or fetched.  :class:`Node` wraps an
element with the MSPDI namespace and reads its children as numbers,
flags, dates and times, raising :class:`FormatError` with the element's
name and owner on a value that isn't one.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from plansat.io.mspdi.schema import NAMESPACE

__all__ = ["FormatError", "Node", "Notes", "parse_root"]


class FormatError(ValueError):
    """A file that is not (valid) MSPDI; the message says why."""


def parse_root(data: bytes) -> Node:
    """The ``<Project>`` element of MSPDI bytes.

    Raises
    ------
    FormatError
        When the bytes are refused (a DTD, entities), are not well-formed
        XML, or hold another document than an MS Project XML file.
    """
    try:
        import defusedxml
        from defusedxml import ElementTree as SafeTree
    except ImportError:  # pragma: no cover - a core dependency
        raise FormatError(
            "reading MS Project XML needs the 'defusedxml' package "
            "(pip install defusedxml)"
        ) from None
    try:
        root = SafeTree.fromstring(data, forbid_dtd=True)
    except defusedxml.DTDForbidden:
        raise FormatError(
            "refused: the file declares a document type (DTD); MS Project "
            "XML has none, and a DTD can hide an entity-expansion bomb or "
            "an external entity"
        ) from None
    except (defusedxml.EntitiesForbidden,
            defusedxml.ExternalReferenceForbidden) as exc:
        raise FormatError(
            f"refused: the file declares XML entities ({exc}); MS Project "
            "XML has none"
        ) from None
    except ParseError as exc:
        line, column = exc.position
        raise FormatError(
            f"not well-formed XML (line {line}, column {column}): "
            f"{_reason(exc)}; is the file complete?"
        ) from None
    tag = str(root.tag)
    local = tag.rsplit("}", 1)[-1]
    ns = tag[1:].split("}", 1)[0] if tag.startswith("{") else ""
    if local != "Project" or ns not in (NAMESPACE, ""):
        raise FormatError(
            f"not an MS Project XML (MSPDI) file: the root element is "
            f"<{local}>{f' in namespace {ns}' if ns else ''}, expected "
            f"<Project xmlns=\"{NAMESPACE}\">"
        )
    return Node(root, ns, "project")


def _reason(exc: ParseError) -> str:
    text = str(exc)
    return text.split(":", 1)[0] if ":" in text else text


class Node:
    """An MSPDI element read by child name.

    Parameters
    ----------
    element
        The XML element.
    ns
        Its namespace ('' for none).
    where
        What it is, for messages (e.g. ``task UID 7``).
    """

    __slots__ = ("_prefix", "element", "ns", "where")

    def __init__(self, element: Element, ns: str, where: str) -> None:
        self.element = element
        self.ns = ns
        self.where = where
        self._prefix = f"{{{ns}}}" if ns else ""

    def children(self, name: str, where: str | None = None) -> list[Node]:
        """Direct children called ``name``."""
        label = where or self.where
        return [
            Node(e, self.ns, label)
            for e in self.element.findall(self._prefix + name)
        ]

    def child(self, name: str) -> Node | None:
        """The first direct child called ``name``."""
        found = self.element.find(self._prefix + name)
        return None if found is None else Node(found, self.ns, self.where)

    def items(self, group: str, name: str) -> Iterator[Node]:
        """The ``name`` children of the ``group`` child (e.g.
        ``items("Tasks", "Task")``)."""
        parent = self.child(group)
        if parent is not None:
            yield from parent.children(name)

    def names(self) -> list[str]:
        """Local names of the direct children, in document order."""
        return [str(c.tag).rsplit("}", 1)[-1] for c in self.element]

    def text(self, name: str) -> str | None:
        """Stripped text of child ``name`` (``None`` when missing or
        empty)."""
        found = self.element.find(self._prefix + name)
        if found is None or found.text is None:
            return None
        value = found.text.strip()
        return value or None

    def int(self, name: str) -> int | None:
        """Child ``name`` as an integer."""
        return self._convert(name, _to_int, "an integer")

    def float(self, name: str) -> float | None:
        """Child ``name`` as a number."""
        return self._convert(name, float, "a number")

    def flag(self, name: str) -> bool:
        """Child ``name`` as a boolean (``1``/``true``; missing: false)."""
        value = self.text(name)
        return value is not None and value.lower() in ("1", "true")

    def datetime(self, name: str) -> datetime | None:
        """Child ``name`` as a date and time (any time zone dropped)."""
        return self._convert(name, _to_datetime, "a date and time")

    def time(self, name: str) -> time | None:
        """Child ``name`` as a time of day (``24:00:00`` is midnight at
        the end of the day, read as 23:59:59)."""
        return self._convert(name, _to_time, "a time of day")

    def _convert(self, name: str, convert: Any, what: str) -> Any:
        value = self.text(name)
        if value is None:
            return None
        try:
            return convert(value)
        except (ValueError, OverflowError):
            raise FormatError(
                f"{self.where}: <{name}> '{value[:40]}' is not {what}"
            ) from None


def _to_int(value: str) -> int:
    number = float(value)
    if not number.is_integer():
        raise ValueError(value)
    return int(number)


def _to_datetime(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).replace(
        tzinfo=None
    )


def _to_time(value: str) -> time:
    if value.startswith("24:00"):
        return time(23, 59, 59)
    return time.fromisoformat(value)


class Notes:
    """The warnings of one import: what was approximated or left out,
    each naming the task or resource UID it concerns.

    Identical messages are kept once, in the order they came.
    """

    def __init__(self) -> None:
        self._seen: dict[str, None] = {}

    def add(self, message: str) -> None:
        """Record one warning."""
        self._seen.setdefault(message, None)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._seen))

    def __len__(self) -> int:
        return len(self._seen)
