"""Every ``--help`` page reads cleanly: no word broken at its hyphen, each
choice explained, usage lines that match the options."""

from __future__ import annotations

import re
from collections.abc import Iterator

import click
import pytest
from click.testing import CliRunner

from plansat.cli.app import cli


def _walk(
    command: click.Command, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    yield path, command
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            yield from _walk(sub, (*path, name))


COMMANDS = list(_walk(cli))
IDS = [" ".join(p) or "plansat" for p, _ in COMMANDS]

#: "re- solved" (a source line break inside a word) or "fast-" ending a
#: line before "tracking" (click's wrapper breaking at the hyphen).
BROKEN = re.compile(r"\w- +\w|\w-\n *\w")


def _help(path: tuple[str, ...], width: int) -> str:
    result = CliRunner().invoke(cli, [*path, "--help"],
                                terminal_width=width)
    assert result.exit_code == 0, result.output
    return result.output


def test_the_walk_finds_groups_and_their_commands() -> None:
    assert ("store", "import") in [p for p, _ in COMMANDS]
    assert len(COMMANDS) > 20


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
@pytest.mark.parametrize("width", [50, 80, 120])
def test_no_word_is_broken_at_a_hyphen(
    path: tuple[str, ...], command: click.Command, width: int
) -> None:
    text = _help(path, width)
    assert not BROKEN.findall(text), BROKEN.findall(text)


def test_hyphenated_words_survive_wrapping() -> None:
    # "CP-SAT" used to be cut as "CP-" / "SAT" in risk --policy's help.
    text = _help(("risk",), 80)
    assert "CP-SAT" in text
    assert "\u2011" not in text


def _choices(command: click.Command) -> Iterator[click.Option]:
    for param in command.params:
        if isinstance(param, click.Option) and isinstance(
            param.type, click.Choice
        ):
            yield param


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_every_choice_is_explained(
    path: tuple[str, ...], command: click.Command
) -> None:
    for option in _choices(command):
        help_text = option.help or ""
        for choice in option.type.choices:  # type: ignore[attr-defined]
            assert re.search(rf"(^|[\s;(]){re.escape(str(choice))}[:,\s]",
                             help_text), (option.name, choice, help_text)


@pytest.mark.parametrize("command", ["cpm", "crash", "status"])
def test_format_csv_says_what_its_rows_are(command: str) -> None:
    text = " ".join(_help((command,), 200).split())
    assert re.search(r"csv: one row per \w+", text), text


def test_status_usage_puts_snapshots_after_history() -> None:
    usage = _help(("status",), 120).splitlines()[0]
    assert usage == (
        "Usage: cli status [OPTIONS] PROJECT [--history SNAPSHOT.json...]"
    )
