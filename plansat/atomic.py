"""Atomic writes: a file appears whole, or not at all.

Every file plansat writes goes through a :class:`Staging`: written first
as a temporary file beside its target (same folder, same suffix, so that
writers that look at the suffix, such as matplotlib, still work), then
renamed over the target with :func:`os.replace` once *everything* the
caller writes has succeeded.  A failure half-way leaves no new file and
no truncated one: the temporaries are removed and any old target is
untouched.

:func:`write_atomic` does this for one file; the CLI keeps one staging per
command (:func:`plansat.cli.files.command_outputs`), so that a command
that fails after writing its first file leaves none.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["Staging", "staged", "write_atomic"]


def _umask() -> int:
    """The process's umask (read once: setting it is process-wide)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


#: The permissions a new file gets, as a plain ``open()`` would give it
#: (:func:`tempfile.mkstemp` creates its files 0600).
_NEW_FILE_MODE = 0o666 & ~_umask()


class Staging:
    """Files written as temporaries, renamed into place together.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> staging = Staging()
    >>> staging.write_text(folder / "a.txt", "hello")
    >>> (folder / "a.txt").exists()
    False
    >>> [p.name for p in staging.commit()]
    ['a.txt']
    >>> (folder / "a.txt").read_text()
    'hello'
    """

    def __init__(self) -> None:
        self._pending: dict[Path, Path] = {}

    def path(self, target: str | Path) -> Path:
        """A temporary file to write ``target``'s content to.

        Raises
        ------
        OSError
            When the target's folder can't hold a new file.
        """
        target = Path(target)
        if target in self._pending:
            return self._pending[target]
        handle, name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=f".tmp{target.suffix}",
            dir=target.parent)
        os.close(handle)
        self._pending[target] = Path(name)
        return Path(name)

    def write_text(self, target: str | Path, text: str) -> None:
        """Stage ``text`` (UTF-8) for ``target``."""
        self.path(target).write_text(text, encoding="utf-8")

    def write_bytes(self, target: str | Path, data: bytes) -> None:
        """Stage ``data`` for ``target``."""
        self.path(target).write_bytes(data)

    def commit(self) -> list[Path]:
        """Rename every staged file over its target; the targets, in the
        order they were staged.  A rename that fails leaves the files not
        yet renamed staged (:meth:`discard` removes them)."""
        mode = _NEW_FILE_MODE
        done = []
        for target, temp in list(self._pending.items()):
            try:
                keep = target.stat().st_mode & 0o777
            except OSError:
                keep = mode
            os.chmod(temp, keep)
            os.replace(temp, target)
            del self._pending[target]
            done.append(target)
        return done

    def discard(self) -> None:
        """Remove every staged file (the targets are left as they were)."""
        for temp in self._pending.values():
            with contextlib.suppress(OSError):
                temp.unlink()
        self._pending.clear()


@contextlib.contextmanager
def staged() -> Iterator[Staging]:
    """A :class:`Staging` committed when the block succeeds and discarded
    when it raises."""
    staging = Staging()
    try:
        yield staging
        staging.commit()
    except BaseException:
        staging.discard()
        raise


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` atomically.

    Raises
    ------
    OSError
        When the file can't be written (``path`` is then untouched).
    """
    with staged() as staging:
        if isinstance(data, bytes):
            staging.write_bytes(path, data)
        else:
            staging.write_text(path, data)
