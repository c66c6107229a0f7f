"""Run the shell examples of README.md and docs/**/*.md.

A page shows a session as a fenced block marked ``console``: lines that
start with ``$ `` are commands (a trailing backslash continues one on the
next line), the lines after a command are what it printed::

    ```console
    $ plansat validate examples/ecommerce.json
    ok: E-commerce Platform: 8 tasks, 5 people, ...
    ```

Each page runs in a fresh temporary directory holding a copy of
``examples/`` (so the paths read as from the repository root, and files
the commands write land in the temporary directory), its blocks in page
order, so a later block may read what an earlier one wrote.  ``plansat``
runs in-process through click's ``CliRunner`` on a terminal 120 columns
wide, with ``$PLANSAT_STORE`` pointing into the temporary directory.
Besides ``plansat`` a command may be ``echo`` (``echo $?`` prints the
last exit status), ``cat FILE``, ``unset VAR`` or a comment; ``;``
separates commands, ``> FILE`` sends standard output to a file and
``| head -N`` keeps its first lines.  A command shown without output
and followed by another one is a step whose output the page leaves out:
it only has to exit with status 0.

The comparison (see :func:`matches`) masks what changes from run to run:
runtimes (``0.04s``), wall-clock times (``2026-12-02 17:39 UTC``) and
temporary paths; it ignores blank lines, trailing blanks and the width
of table padding (runs of spaces and of box-drawing lines).  In the
expected output a line ``...`` or ``[... any text ...]`` (possibly over
several lines) stands for any number of lines, and ``[...]`` inside a
line for any text.

Markers on the lines right above a block: ``<!-- skip: REASON -->``
does not run it (the page must say why in its text as well);
``<!-- columns: 100 -->`` runs it on another width.
``python -m tests.helpers.console_pages --update PAGE`` rewrites the
output of each command of PAGE that does not match with what it prints
now (elisions in those are lost: trim again).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]

#: The pages whose console blocks are run.
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]

#: Where a page's temporary directory shows up in expected output.
SHOWN_TMP = "/tmp/plansat-docs"

#: The terminal width the commands see, unless a block says otherwise.
COLUMNS = 120

FENCE = re.compile(r"^(`{3,})console\s*$")
MARKER = re.compile(r"^<!--\s*(skip|columns):\s*(.+?)\s*-->\s*$")

MASKS = [
    (re.compile(r"\b\d+(?:\.\d+)?s\b(?!\w)"), "<SECONDS>"),
    (re.compile(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d(?::\d\d(?:\.\d+)?)?"
                r"(?:Z|[+-]\d\d:\d\d| UTC)?"), "<TIME>"),
    (re.compile(r"/tmp/(?:[^\s/]+/)+"), "<TMP>/"),
]
BOX = re.compile(r"([━─═┈])\1+")
SPACES = re.compile(r" {2,}")


@dataclass
class Command:
    """One ``$`` line (continuations joined) and the output shown."""

    line: str
    expected: list[str] = field(default_factory=list)
    source: list[str] = field(default_factory=list)  # as on the page


@dataclass
class Block:
    """One console block of a page."""

    page: Path
    lineno: int  # the opening fence, 1-based
    end: int  # the closing fence, 1-based
    commands: list[Command]
    skip: str | None = None
    columns: int = 120

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.lineno}"


def blocks(page: Path) -> list[Block]:
    """The console blocks of ``page``, in order."""
    lines = page.read_text(encoding="utf-8").splitlines()
    found: list[Block] = []
    i = 0
    while i < len(lines):
        fence = FENCE.match(lines[i])
        if not fence:
            i += 1
            continue
        start = i
        i += 1
        body: list[str] = []
        while i < len(lines) and lines[i].strip() != fence.group(1):
            body.append(lines[i])
            i += 1
        marks = _markers(lines, start)
        found.append(Block(page, start + 1, i + 1, _commands(body),
                           marks.get("skip"),
                           int(marks.get("columns", COLUMNS))))
        i += 1
    return found


def _markers(lines: list[str], fence: int) -> dict[str, str]:
    """The ``<!-- name: value -->`` lines right above a fence."""
    found: dict[str, str] = {}
    j = fence - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    while j >= 0 and (marked := MARKER.match(lines[j])):
        found[marked.group(1)] = marked.group(2)
        j -= 1
    return found


def _commands(body: list[str]) -> list[Command]:
    commands: list[Command] = []
    continued = False
    for line in body:
        if continued:
            commands[-1].source.append(line)
            commands[-1].line += " " + line.strip().removesuffix("\\")
            continued = line.rstrip().endswith("\\")
        elif line.startswith("$ ") or line == "$":
            text = line[2:]
            continued = text.rstrip().endswith("\\")
            commands.append(Command(text.rstrip().removesuffix("\\"),
                                    source=[line]))
        elif commands:
            commands[-1].expected.append(line)
        elif line.strip():
            raise ValueError(f"output before the first $ line: {line!r}")
    return commands


# -- running ---------------------------------------------------------------


class Session:
    """A page's shell: its directory, environment and last exit status."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.status = 0
        self.statuses: list[int] = []
        self.env: dict[str, str | None] = {
            "PLANSAT_STORE": str(directory / "plansat.db"),
            "COLUMNS": str(COLUMNS),
        }
        shutil.copytree(ROOT / "examples", directory / "examples")

    def run(self, line: str) -> str:
        """Run one command line; its output as a terminal shows it."""
        out: list[str] = []
        for part in _split(line, ";"):
            out.append(self._pipeline(part))
        return "".join(out)

    def _pipeline(self, tokens: list[str]) -> str:
        if not tokens:
            return ""
        stages = _split_tokens(tokens, "|")
        stdout, stderr, both = self._simple(stages[0])
        if len(stages) == 1:
            return both
        for stage in stages[1:]:
            match stage:
                case ["head", count] if count.startswith("-"):
                    kept = stdout.splitlines(keepends=True)
                    stdout = "".join(kept[: int(count[1:])])
                case _:
                    raise ValueError(f"unsupported pipe stage {stage}")
        return stderr + stdout

    def _simple(self, tokens: list[str]) -> tuple[str, str, str]:
        """Standard output, standard error, and both interleaved."""
        target = None
        if ">" in tokens:
            at = tokens.index(">")
            tokens, target = tokens[:at], tokens[at + 1]
        stdout, stderr, both = self._execute(tokens)
        if target is not None:
            (self.directory / target).write_text(stdout, encoding="utf-8")
            return "", stderr, stderr
        return stdout, stderr, both

    def _execute(self, tokens: list[str]) -> tuple[str, str, str]:
        name, args = tokens[0], tokens[1:]
        if name == "plansat":
            return self._plansat(args)
        if name == "echo":
            words = [str(self.status) if a == "$?" else a for a in args]
            text = " ".join(words) + "\n"
        elif name == "cat":
            text = (self.directory / args[0]).read_text(encoding="utf-8")
        elif name == "unset":
            text = ""
            for var in args:
                self.env[var] = None
        else:
            raise ValueError(f"unsupported command {name!r}")
        self.status = 0
        return text, "", text

    def _plansat(self, args: list[str]) -> tuple[str, str, str]:
        from plansat.cli import cli

        previous = Path.cwd()
        os.chdir(self.directory)
        try:
            result = CliRunner().invoke(cli, args, env=self.env,
                                        prog_name="plansat")
        finally:
            os.chdir(previous)
        if result.exception and not isinstance(result.exception,
                                               SystemExit):
            raise RuntimeError(
                f"plansat {shlex.join(args)} raised "
                f"{result.exception!r}\n{result.output}"
            ) from result.exception
        self.status = result.exit_code
        return result.stdout, result.stderr, result.output


def _split(line: str, separator: str) -> list[list[str]]:
    lexer = shlex.shlex(line, posix=True, punctuation_chars=";|>")
    lexer.whitespace_split = True
    lexer.commenters = "#"
    return _split_tokens(list(lexer), separator)


def _split_tokens(tokens: list[str], separator: str) -> list[list[str]]:
    parts: list[list[str]] = [[]]
    for token in tokens:
        if token == separator:
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def run_block(session: Session, block: Block) -> list[str]:
    """Each command's output, the temporary directory shown as on pages.

    The exit status of each is left in ``session.statuses``.
    """
    outputs = []
    session.statuses = []
    session.env["COLUMNS"] = str(block.columns)
    for command in block.commands:
        text = session.run(command.line)
        session.statuses.append(session.status)
        outputs.append(text.replace(str(session.directory), SHOWN_TMP))
    return outputs


def is_step(block: Block, index: int) -> bool:
    """A command shown without output, another one after it.

    The page leaves its output out (a step that writes a file); it is
    checked only to succeed.
    """
    return (not any(x.strip() for x in block.commands[index].expected)
            and index + 1 < len(block.commands))


# -- comparing -------------------------------------------------------------


def normalise(line: str) -> str:
    """A line with the noisy parts masked and padding collapsed."""
    for pattern, mask in MASKS:
        line = pattern.sub(mask, line)
    line = BOX.sub(r"\1", line)
    return SPACES.sub(" ", line).strip()


def _patterns(expected: list[str]) -> Iterator[str | None]:
    """A regex per expected line; ``None`` for a wildcard of lines."""
    in_note = False
    for raw in expected:
        line = raw.strip()
        if in_note:
            in_note = not line.endswith("...]")
            continue
        if not line:
            continue
        if line in ("...", "…"):
            yield None
        elif line.startswith("[..."):
            in_note = not line.endswith("...]")
            yield None
        else:
            parts = normalise(line).split("[...]")
            yield ".*".join(re.escape(p) for p in parts)


def matches(expected: list[str], actual: str) -> bool:
    """Whether ``actual`` output is what ``expected`` shows."""
    lines = [normalise(x) for x in actual.splitlines() if x.strip()]
    text = "".join(f"{x}\n" for x in lines)
    regex = "".join("(?:[^\n]*\n)*?" if p is None else f"{p}\n"
                    for p in _patterns(expected))
    return re.fullmatch(regex, text) is not None


def failures(session: Session, block: Block) -> list[str]:
    """One message per command whose output differs from the page's."""
    return failures_of(block, run_block(session, block), session.statuses)


def failures_of(block: Block, outputs: list[str],
                statuses: list[int]) -> list[str]:
    """The messages for ``outputs``, the block's commands just run."""
    found = []
    for i, (command, actual) in enumerate(zip(block.commands, outputs,
                                              strict=True)):
        if is_step(block, i):
            if statuses[i] != 0:
                found.append(f"{block.where}: $ {command.line}\nexit "
                             f"status {statuses[i]}:\n{actual}")
        elif not matches(command.expected, actual):
            shown = "\n".join(command.expected)
            found.append(f"{block.where}: $ {command.line}\n--- page:\n"
                         f"{shown}\n--- printed:\n{actual}")
    return found


# -- updating a page -------------------------------------------------------


def update(page: Path, directory: Path) -> int:
    """Rewrite the output of the blocks of ``page`` that don't match."""
    lines = page.read_text(encoding="utf-8").splitlines()
    session = Session(directory)
    changed = 0
    for found, outputs, statuses in reversed(_run_all(session,
                                                      blocks(page))):
        if found.skip or not failures_of(found, outputs, statuses):
            continue
        body = []
        for i, (command, output) in enumerate(
            zip(found.commands, outputs, strict=True)
        ):
            body.extend(command.source)
            if is_step(found, i) or matches(command.expected, output):
                body.extend(command.expected)
            else:
                body.extend(x.rstrip() for x in output.splitlines())
        lines[found.lineno: found.end - 1] = body
        changed += 1
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return changed


def _run_all(
    session: Session, found: list[Block]
) -> list[tuple[Block, list[str], list[int]]]:
    runs = []
    for block in found:
        outputs = [] if block.skip else run_block(session, block)
        runs.append((block, outputs, list(session.statuses)))
    return runs


if __name__ == "__main__":  # pragma: no cover - a maintenance tool
    import tempfile

    if sys.argv[1:2] != ["--update"]:
        sys.exit("usage: python -m tests.helpers.console_pages "
                 "--update PAGE...")
    for name in sys.argv[2:]:
        with tempfile.TemporaryDirectory() as tmp:
            count = update(Path(name).resolve(), Path(tmp))
        print(f"{name}: {count} block(s) rewritten")
