"""Writing a finished page or image: the one path every chart file takes.

The five writers (the schedule report, the Gantt PNG, the status, risk
and release pages) render their content, then hand it to
:func:`write_file`, which writes it atomically (a temporary file beside
the target, then :func:`os.replace`), logs it and returns the path.  A
reader of the file, or a web server serving it, never sees half a page,
and a failed write leaves any earlier file in place.
"""

from __future__ import annotations

import logging
import os
import uuid
from pathlib import Path

__all__ = ["write_file"]

logger = logging.getLogger(__name__)


def write_file(path: str | Path, content: str | bytes, what: str) -> Path:
    """Write ``content`` to ``path`` atomically and log it.

    Parameters
    ----------
    path
        The file to write (overwritten; its folder must exist).
    content
        The page (text, written as UTF-8) or the image (bytes).
    what
        What the file is, for the log line (``"HTML status page"``).

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    OSError
        When the file can't be written; the temporary file is removed and
        an existing file at ``path`` is left as it was.
    """
    path = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.tmp")
    # O_EXCL: never follow or reuse a file that is already there; 0o666
    # lets the umask decide the mode, as a plain open() would.
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    logger.info("wrote the %s %s (%d bytes)", what, path, len(data))
    return path
