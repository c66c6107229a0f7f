"""Every shell example of the README and the docs site, run and compared.

The format, the masks and the skip marker are described in
:mod:`tests.helpers.console_pages`.  One test per page: the blocks of a
page share its temporary directory (a later block reads what an earlier
one wrote), so they run in page order.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers.console_pages import (
    PAGES,
    ROOT,
    Command,
    Session,
    blocks,
    failures,
    matches,
)

WITH_BLOCKS = [page for page in PAGES if blocks(page)]


@pytest.mark.parametrize(
    "page", WITH_BLOCKS, ids=[str(p.relative_to(ROOT)) for p in WITH_BLOCKS]
)
def test_page_examples(page: Path, tmp_path: Path) -> None:
    session = Session(tmp_path)
    found: list[str] = []
    for block in blocks(page):
        if block.skip is None:
            found.extend(failures(session, block))
    if found:
        pytest.fail("\n\n".join(found), pytrace=False)


def test_skipped_blocks_say_why() -> None:
    """A skip marker gives its reason, and the prose above says so."""
    for page in PAGES:
        lines = page.read_text(encoding="utf-8").splitlines()
        for block in blocks(page):
            if block.skip is None:
                continue
            above = "\n".join(lines[max(0, block.lineno - 12):
                                     block.lineno - 2])
            assert len(block.skip) > 10, block.where
            assert "skipped" in above, f"{block.where}: say it in prose"


def test_the_readme_shows_runnable_examples() -> None:
    """The README's first commands are among those executed."""
    lines = [c.line for b in blocks(ROOT / "README.md") for c in b.commands]
    assert any(line.startswith("plansat solve examples/") for line in lines)


MATCHING = [
    (["ok"], "ok\n", True),
    (["ok"], "ok\nmore\n", False),
    (["a", "...", "c"], "a\nb\nb2\nc\n", True),
    (["a", "[... the rest,", "   over two lines ...]"], "a\nb\nc\n", True),
    (["runtime 0.04s"], "runtime    1.25s\n", True),
    (["┏━━┳━┓"], "┏━━━━━┳━━┓\n", True),
    (["saved 2026-12-02 17:39 UTC"], "saved 2027-01-05 09:01 UTC\n", True),
    (["in /tmp/tmp.x/a.db"], "in /tmp/pytest-of-root/p-3/t0/a.db\n", True),
    (["value [...] end"], "value 1, 2, 3 end\n", True),
    (["value 52"], "value 53\n", False),
]


@pytest.mark.parametrize(("expected", "actual", "same"), MATCHING)
def test_matching(expected: list[str], actual: str, same: bool) -> None:
    assert matches(expected, actual) is same


def test_session_shell_subset(tmp_path: Path) -> None:
    session = Session(tmp_path)
    out = session.run("plansat validate examples/nope.json; echo $?")
    assert out.splitlines()[-1] == "2"
    assert session.run("plansat schema | head -2") == '{\n  "$defs": {\n'
    assert session.run("plansat schema > s.json") == ""
    assert (tmp_path / "s.json").read_text().startswith("{")
    assert Command("x").expected == []


#: What a ``bash`` block may run without being executed by these tests:
#: setting up, the tools and the servers.  Any other ``plansat`` command
#: must also be one of the console examples that are run.
SETUP = ("python3 -m venv", ". .venv/bin/activate", "pip install -e",
         "pytest", "ruff", "mypy", ".ci/run", "mkdocs", "python -m benchmarks",
         "plansat mcp", "#")


def test_bash_blocks_run_nothing_untested() -> None:
    fence = re.compile(r"^```bash\n(.*?)^```", re.DOTALL | re.MULTILINE)
    executed = {c.line.strip() for page in PAGES for b in blocks(page)
                if b.skip is None for c in b.commands}
    for page in PAGES:
        for block in fence.finditer(page.read_text(encoding="utf-8")):
            text = block.group(1).replace("\\\n", " ")
            for line in text.splitlines():
                for part in line.split("&&"):
                    part = part.split("  #")[0].strip()
                    if not part or part.startswith(SETUP):
                        continue
                    assert part in executed, (
                        f"{page.relative_to(ROOT)}: {part!r} is shown but "
                        "not run by any console example"
                    )
