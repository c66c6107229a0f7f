"""Files the docs show or ship, checked against what plansat makes now."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from plansat.cli import cli
from plansat.models import Project
from tests.helpers.console_pages import PAGES, ROOT

#: ``<!-- file: PATH -->`` above a fenced block: the block is that file.
FILE_BLOCK = re.compile(
    r"<!--\s*file:\s*(\S+)\s*-->\s*\n```\w*\n(.*?)\n```", re.DOTALL
)

SHOWN = [
    (page, match.group(1), match.group(2))
    for page in PAGES
    for match in FILE_BLOCK.finditer(page.read_text(encoding="utf-8"))
]


def test_the_shipped_schema_is_what_plansat_schema_prints() -> None:
    printed = CliRunner().invoke(cli, ["schema"])
    assert printed.exit_code == 0
    shipped = (ROOT / "docs" / "project.schema.json").read_text("utf-8")
    assert json.loads(shipped) == json.loads(printed.stdout), (
        "regenerate: plansat schema > docs/project.schema.json"
    )


def test_some_page_shows_a_shipped_file() -> None:
    assert any(page.name == "README.md" for page, _, _ in SHOWN)


@pytest.mark.parametrize(
    ("page", "name", "text"), SHOWN,
    ids=[f"{p.relative_to(ROOT)}:{n}" for p, n, _ in SHOWN],
)
def test_a_file_shown_on_a_page_is_the_file(page: Path, name: str,
                                            text: str) -> None:
    path = ROOT / name
    assert path.read_text(encoding="utf-8").strip() == text.strip(), (
        f"{page.relative_to(ROOT)} shows {name} other than it is"
    )
    if path.suffix == ".json":
        Project.from_file(path)  # the file shown is a valid project
