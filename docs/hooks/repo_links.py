"""An mkdocs hook: links from a docs page to files of the repository.

The pages link to source files (``../plansat/solver/solve.py``), tests
and examples the way they read on a repository host.  Those files are
not pages of the site, so this hook checks that each target exists (a
missing one is a warning, which ``mkdocs build --strict`` turns into a
failure) and rewrites the link: to ``benchmarks.md`` for the benchmarks'
README (the site includes it), to the file on the repository host when
``repo_url`` is set in mkdocs.yml, else to the plain link text.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

log = logging.getLogger("mkdocs.hooks.repo_links")

LINK = re.compile(r"\[([^\]]*)\]\((\.\./[^)\s#]*)(#[^)\s]*)?\)")
INCLUDED = {"benchmarks/README.md": "benchmarks.md"}


def on_page_markdown(markdown: str, page: Any, config: Any,
                     files: Any) -> str:
    """Check and rewrite every link that leaves the docs directory."""
    docs = Path(config["docs_dir"]).resolve()
    root = docs.parent
    page_dir = (docs / page.file.src_path).parent

    def rewrite(match: re.Match[str]) -> str:
        text, path, anchor = match.group(1), match.group(2), match.group(3)
        target = (page_dir / path).resolve()
        if target.is_relative_to(docs):
            return match.group(0)
        if not target.exists():
            log.warning("%s links to %s, which is not in the repository",
                        page.file.src_path, path)
            return match.group(0)
        name = target.relative_to(root).as_posix()
        if name in INCLUDED:
            page_link = Path(INCLUDED[name])
            up = "../" * len(Path(page.file.src_path).parent.parts)
            return f"[{text}]({up}{page_link}{anchor or ''})"
        repo = config.get("repo_url")
        if repo:
            kind = "tree" if target.is_dir() else "blob"
            return f"[{text}]({repo.rstrip('/')}/{kind}/main/{name})"
        return text

    return LINK.sub(rewrite, markdown)
