"""Writing a finished page or image: the one path every chart file takes.

The five writers (the schedule report, the Gantt PNG, the status, risk
and release pages) render their content, then hand it to
:func:`write_file`, which writes it atomically
(:func:`plansat.atomic.write_atomic`: a temporary file beside the
target, then :func:`os.replace`), logs it and returns the path.  A
reader of the file, or a web server serving it, never sees half a page,
and a failed write leaves any earlier file in place.
"""

from __future__ import annotations

import logging
from pathlib import Path

from plansat.atomic import write_atomic

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
    write_atomic(path, data)
    logger.info("wrote the %s %s (%d bytes)", what, path, len(data))
    return path
