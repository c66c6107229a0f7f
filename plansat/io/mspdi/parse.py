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
from xml.parsers.expat import errors as expat_errors

from plansat.io.mspdi.schema import NAMESPACE
from plansat.models.errors import SAVE_AS_XML

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
        raise FormatError(describe_parse_error(data, exc)) from None
    tag = str(root.tag)
    local = tag.rsplit("}", 1)[-1]
    ns = tag[1:].split("}", 1)[0] if tag.startswith("{") else ""
    if local != "Project" or ns not in (NAMESPACE, ""):
        raise FormatError(
            f"not an MS Project XML (MSPDI) file: the root element is "
            f"<{local}>{f' in namespace {ns}' if ns else ''}, expected "
            f"<Project xmlns=\"{NAMESPACE}\"> ({SAVE_AS_XML})"
        )
    return Node(root, ns, "project")


#: The first bytes of an OLE2 compound file: an MS Project .mpp.
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")

#: What an MSPDI file looks like, for the messages.
LOOKS_LIKE = ("MS Project XML is text that starts with <?xml ...?> and "
              "holds one <Project> element")

#: expat's codes for a document that ends inside an element or a tag.
_ENDS_EARLY = frozenset({
    expat_errors.codes[expat_errors.XML_ERROR_NO_ELEMENTS],
    expat_errors.codes[expat_errors.XML_ERROR_UNCLOSED_TOKEN],
    expat_errors.codes[expat_errors.XML_ERROR_PARTIAL_CHAR],
})


def describe_parse_error(data: bytes, exc: ParseError) -> str:
    """What the bytes look like, for a file the XML parser refused: empty,
    an .mpp under another name, not XML at all, XML cut short, or XML
    broken at a line and column."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    line, column = exc.position
    if not head:
        return f"the file is empty; {LOOKS_LIKE}"
    if head.startswith(OLE2_MAGIC):
        return (f"an MS Project binary file (.mpp), not XML; "
                f"{SAVE_AS_XML}")
    if not head.startswith(b"<"):
        return (f"not XML (it starts with {_preview(head)}); "
                f"{LOOKS_LIKE}")
    if exc.code in _ENDS_EARLY:
        return (f"the XML ends early (line {line}, column {column}: "
                f"{_reason(exc)}): the file looks truncated; is it "
                "complete?")
    return (f"not well-formed XML (line {line}, column {column}): "
            f"{_reason(exc)}")


def _preview(head: bytes) -> str:
    """The first characters of a text, or "binary data"."""
    try:
        text = head[:200].decode("utf-8")
    except UnicodeDecodeError:
        return "binary data"
    if not all(c.isprintable() or c in "\r\n\t" for c in text):
        return "binary data"
    return repr(text.splitlines()[0][:20])


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
