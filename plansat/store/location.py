"""Where the store lives: ``--store``, else ``$PLANSAT_STORE``, else the
user's data directory.  An address starting ``postgresql://`` (or
``postgres://``) names a PostgreSQL database instead of a file.

The data directory follows each platform's convention without a
dependency: ``$XDG_DATA_HOME/plansat`` (default
``~/.local/share/plansat``) on Linux and other Unix systems,
``~/Library/Application Support/plansat`` on macOS and
``%LOCALAPPDATA%\\plansat`` on Windows.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

__all__ = [
    "ENV_VAR",
    "FILE_NAME",
    "MEMORY",
    "SCHEMES",
    "data_dir",
    "is_postgres",
    "redact",
    "resolve_path",
]

#: The environment variable naming the store file.
ENV_VAR = "PLANSAT_STORE"

#: The store's file name inside the data directory.
FILE_NAME = "plansat.db"

#: The path of a store that lives in memory only (tests, one-off runs).
MEMORY = ":memory:"


def data_dir(
    environ: Mapping[str, str] | None = None, platform: str | None = None
) -> Path:
    """The user's data directory for plansat on this platform.

    Parameters
    ----------
    environ
        The environment to read (default ``os.environ``).
    platform
        A ``sys.platform`` value (default: this one's).

    Examples
    --------
    >>> data_dir({"XDG_DATA_HOME": "/data"}, "linux").as_posix()
    '/data/plansat'
    >>> data_dir({"HOME": "/home/ann"}, "linux").as_posix()
    '/home/ann/.local/share/plansat'
    """
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    home = Path(env.get("HOME") or Path.home())
    if platform == "win32":
        base = env.get("LOCALAPPDATA") or env.get("APPDATA")
        root = Path(base) if base else home / "AppData" / "Local"
    elif platform == "darwin":
        root = home / "Library" / "Application Support"
    else:
        xdg = env.get("XDG_DATA_HOME", "")
        # The XDG spec: a relative path is invalid and is ignored.
        root = Path(xdg) if os.path.isabs(xdg) else home / ".local" / "share"
    return root / "plansat"


def resolve_path(
    path: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Path | str:
    """The store file to open.

    Parameters
    ----------
    path
        The ``--store`` value; ``None`` falls back to ``$PLANSAT_STORE``,
        then to ``plansat.db`` in :func:`data_dir`.  ``~`` is expanded.
    environ
        The environment to read (default ``os.environ``).

    Returns
    -------
    pathlib.Path or str
        The file, :data:`MEMORY` for an in-memory store, or a
        PostgreSQL address (a string starting ``postgresql://``).

    Examples
    --------
    >>> resolve_path("shop.db").name
    'shop.db'
    >>> resolve_path(None, {"PLANSAT_STORE": "/tmp/p.db"}).as_posix()
    '/tmp/p.db'
    >>> resolve_path("postgresql://db/plansat")
    'postgresql://db/plansat'
    """
    env = os.environ if environ is None else environ
    chosen = os.fspath(path) if path is not None else env.get(ENV_VAR, "")
    if is_postgres(chosen):
        return chosen
    if chosen == MEMORY:
        return MEMORY
    if chosen:
        return Path(chosen).expanduser()
    return data_dir(env) / FILE_NAME


#: Address schemes that name a PostgreSQL store.
SCHEMES = ("postgresql://", "postgres://")


def is_postgres(address: object) -> bool:
    """Whether a store address is a PostgreSQL one.

    Examples
    --------
    >>> is_postgres("postgresql://db/plansat"), is_postgres("p.db")
    (True, False)
    """
    return isinstance(address, str) and address.startswith(SCHEMES)


def redact(address: str) -> str:
    """``address`` without its password, for messages and logs.

    Examples
    --------
    >>> redact("postgresql://ann:secret@db:5432/plansat")
    'postgresql://ann:***@db:5432/plansat'
    """
    parts = urlsplit(address)
    if parts.password is None:
        return address
    host = parts.netloc.rpartition("@")[2]
    netloc = f"{parts.username}:***@{host}"
    return urlunsplit(parts._replace(netloc=netloc))
