"""The ``plansat`` command line (console script ``plansat``)."""

from plansat.cli.app import cli, main

__all__ = ["cli", "main"]
