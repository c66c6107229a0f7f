"""Project ids: given ones are checked, new ones are made from the
project's name.

A new id is the name's slug (lowercase ASCII letters, digits and ``-``,
at most 40 characters) and six random hex digits, e.g.
``e-commerce-platform-3f9a1c``: readable in a shell and in an MCP
resource URI, and unlikely to collide (the store still checks).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["check_id", "slug"]

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
_SLUG_LENGTH = 40


def slug(name: str) -> str:
    """A lowercase ASCII slug of a project name.

    Examples
    --------
    >>> slug("E-commerce Platform (v2)")
    'e-commerce-platform-v2'
    >>> slug("Café Déjà Vu")
    'cafe-deja-vu'
    >>> slug("★")
    'project'
    """
    ascii_name = (
        unicodedata.normalize("NFKD", name)
        .encode("ascii", "ignore")
        .decode("ascii")
    )
    text = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return text[:_SLUG_LENGTH].rstrip("-") or "project"


def check_id(project_id: str) -> str:
    """``project_id`` if it is a valid id: 1 to 100 letters, digits,
    ``.``, ``_`` or ``-``, starting with a letter or digit.

    Raises
    ------
    ValueError
        For any other id.
    """
    if not _ID.fullmatch(project_id):
        raise ValueError(
            f"invalid project id {project_id!r}: use 1 to 100 letters, "
            "digits, '.', '_' or '-', starting with a letter or digit"
        )
    return project_id
