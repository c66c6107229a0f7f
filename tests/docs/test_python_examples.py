"""The Python examples of the README and the docs site, run as doctests.

A ``pycon`` block (``>>>`` lines and the output the page shows) runs
with doctest's ``ELLIPSIS`` and ``NORMALIZE_WHITESPACE``, the blocks of
a page in order in one namespace, in a temporary directory holding a
copy of ``examples/`` (as :mod:`tests.helpers.console_pages` does for
the shell examples).  Blocks written as ``python`` are not run.
"""

from __future__ import annotations

import doctest
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.console_pages import PAGES, ROOT

BLOCK = re.compile(r"^```pycon\n(.*?)^```", re.DOTALL | re.MULTILINE)
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE

WITH_BLOCKS = [
    page for page in PAGES if BLOCK.search(page.read_text("utf-8"))
]


@pytest.mark.parametrize(
    "page", WITH_BLOCKS, ids=[str(p.relative_to(ROOT)) for p in WITH_BLOCKS]
)
def test_page_python_examples(page: Path, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    text = page.read_text(encoding="utf-8")
    namespace: dict[str, Any] = {}
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    parser = doctest.DocTestParser()
    previous = Path.cwd()
    os.chdir(tmp_path)
    try:
        for match in BLOCK.finditer(text):
            line = text[: match.start()].count("\n") + 1
            name = f"{page.relative_to(ROOT)}:{line}"
            test = parser.get_doctest(match.group(1), namespace, name,
                                      str(page), line)
            runner.run(test, clear_globs=False)
            namespace.update(test.globs)  # the next block goes on from here
    finally:
        os.chdir(previous)
    results = runner.summarize(verbose=False)
    assert results.failed == 0, f"{results.failed} example(s) failed"


def test_the_readme_has_a_python_example() -> None:
    assert ROOT / "README.md" in WITH_BLOCKS
