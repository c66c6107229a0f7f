"""The ``plansat`` command line (console script ``plansat``).

Also runs as ``python -m plansat.cli``.  Importing it imports neither
OR-Tools nor pandas.
"""

from plansat.cli.app import cli, main

__all__ = ["cli", "main"]
