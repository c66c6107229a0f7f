"""Reading plansat's HTML pages back in tests: the rows of their tables
and the escaping of names."""

from __future__ import annotations

import html
import re

#: A name that breaks out of a script or an attribute unless escaped.
HOSTILE = "</script><script>alert('x')</script>\"<b onmouseover=x>"


def table_rows(page: str) -> list[list[str]]:
    """Every body row of every table on ``page``, as its cells' text
    (unescaped)."""
    rows = []
    for body in re.findall(r"<tbody>(.*?)</tbody>", page, flags=re.S):
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.S):
            cells = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
            rows.append([html.unescape(c) for c in cells])
    return rows


def row_of(page: str, first: str) -> list[str]:
    """The one table row whose first cell is ``first``."""
    found = [r for r in table_rows(page) if r and r[0] == first]
    assert len(found) == 1, (first, found)
    return found[0]


def assert_escaped(page: str, name: str = HOSTILE) -> None:
    """``name`` appears on ``page`` only escaped: in the HTML text and
    inside the figures' JSON alike, it never opens a tag."""
    assert "<script>alert(" not in page
    assert "<b onmouseover" not in page
    assert html.escape(name, quote=True) in page
