"""Help pages that never break a word at its hyphen.

Click wraps help text with :class:`textwrap.TextWrapper`, which breaks
lines after a hyphen by default: ``fast-tracking`` could end one line
with ``fast-`` and start the next with ``tracking``, and an option name
such as ``--near-critical`` could be cut in two.  :class:`HelpFormatter`
holds every hyphen as a non-breaking one (U+2011, which the wrapper does
not split on) while it wraps, and gives the plain hyphens back in
:meth:`HelpFormatter.getvalue`.  :func:`use_help_formatter` gives a
command, and every command under a group, the context that uses it.
"""

from __future__ import annotations

from collections.abc import Iterable

import click

__all__ = ["HelpContext", "HelpFormatter", "use_help_formatter"]

#: Stands in for "-" while click wraps (same width, never a break point).
_HELD = "\u2011"


def _hold(text: str) -> str:
    return text.replace("-", _HELD)


class HelpFormatter(click.HelpFormatter):
    """Click's help formatter, wrapping at spaces only."""

    def write_usage(
        self, prog: str, args: str = "", prefix: str | None = None
    ) -> None:
        """Write the usage line (hyphens held while it wraps)."""
        super().write_usage(_hold(prog), _hold(args), prefix)

    def write_text(self, text: str) -> None:
        """Write a paragraph of help (hyphens held while it wraps)."""
        super().write_text(_hold(text))

    def write_dl(
        self,
        rows: Iterable[tuple[str, str]],
        col_max: int = 30,
        col_spacing: int = 2,
    ) -> None:
        """Write the options or commands list (hyphens held)."""
        held = [(_hold(a), _hold(b)) for a, b in rows]
        super().write_dl(held, col_max, col_spacing)

    def getvalue(self) -> str:
        """The help page, with plain hyphens."""
        return super().getvalue().replace(_HELD, "-")


class HelpContext(click.Context):
    """A click context whose help pages use :class:`HelpFormatter`."""

    formatter_class = HelpFormatter


def use_help_formatter(command: click.Command) -> None:
    """Make ``command`` (and, for a group, every command under it) format
    its help with :class:`HelpFormatter`."""
    command.context_class = HelpContext
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            use_help_formatter(sub)
