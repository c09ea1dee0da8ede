"""Writing output files atomically: a temporary file in the same folder, then a rename.

A failed or interrupted render therefore never leaves a half-written file under the final name and
never replaces yesterday's good output.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from cvgen.errors import EXIT_RENDER, CVError


class OutputError(CVError):
    """The output cannot be written (missing or read-only folder, full disk)."""

    exit_code = EXIT_RENDER


def write_atomic(path: Path, data: bytes | str, mode: int = 0o644) -> Path:
    """Write ``data`` to ``path`` through a temporary file and an atomic rename.

    ``mode`` is the new file's permission bits (``cvgen update`` passes the old file's, so a
    private CV stays private).
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: the folder {folder} does not exist")
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as exc:
        reason = {errno.ENOSPC: "the disk is full", errno.EACCES: "permission denied", errno.EROFS: "read-only file system"}.get(
            exc.errno or 0, exc.strerror or str(exc)
        )
        raise OutputError(f"cannot write {path}: {reason}") from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
    return path
