"""Writing reports and exports atomically: a crash mid-write leaves the previous file intact.

The text is written to a temporary file beside the target and moved over it
in one step (``os.replace`` is atomic on POSIX and Windows), so readers and
CI never see half a report. The temporary file has a short name of its own
(``.claimcheck.XXXXXXXX.tmp``), so any target name the file system allows can
be written, and it is removed whatever stops the write, an interruption
included.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

__all__ = ["write_atomic", "write_chunks_atomic"]


def _mode_for(target: Path) -> int:
    """The target's current permissions, or the default for a new file under this umask."""
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically; raises OSError naming ``path`` if it cannot.

    A symbolic link is written through: its target is replaced and the link
    stays, as a shell's ``>`` would do. A path that exists but is not a
    regular file (``/dev/null``, a named pipe) is written to directly.
    """
    write_chunks_atomic(path, (text,))


def write_chunks_atomic(path: str | os.PathLike[str], chunks: Iterable[str]) -> None:
    """Write the text ``chunks`` make (UTF-8) to ``path`` as they come, atomically, as :func:`write_atomic` does.

    The chunks are consumed while the file is written, so a report never has
    to be one string in memory; an exception raised while they are made
    (or an interruption) removes the temporary file and leaves ``path`` as it was.
    """
    try:
        _write(Path(os.path.realpath(path)), chunks)
    except OSError as exc:
        # The temporary file, or the link's target, means nothing to the person who gave the path.
        raise OSError(exc.errno, exc.strerror or str(exc), os.fspath(path)) from exc


def _write(target: Path, chunks: Iterable[str]) -> None:
    if target.is_symlink():
        # realpath stops at a loop of links: writing there would replace a link with a file.
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(target))
    if target.exists() and not target.is_file():
        # /dev/null, a pipe, a terminal: nothing to protect, and nothing that may be replaced.
        with target.open("w", encoding="utf-8", newline="") as handle:
            handle.writelines(chunks)
        return
    fd, tmp = tempfile.mkstemp(prefix=".claimcheck.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.writelines(chunks)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private; a report gets the mode a plain write would have given it.
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException:
        # Also on KeyboardInterrupt, and on SIGTERM (the command line turns it into an exception).
        Path(tmp).unlink(missing_ok=True)
        raise
