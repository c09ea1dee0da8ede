"""Compiled built-in templates kept on disk between runs: Jinja's bytecode cache, made fail-safe.

Compiling a theme's template (``cv.typ.j2``, ``cv.tex.j2``, ``cv.html.j2``) costs a one-CV run
about 10 ms each, every run, for the same few files. Jinja can keep the compiled code of a
template on disk (:class:`jinja2.BytecodeCache`); cvgen uses that for its built-in themes only.

What is stored is derived from code alone, never from a CV: the template's compiled Python code,
checked on load against a hash of the template's source (Jinja's own check), and filed under a key
naming the template's path, the environment's settings and the cvgen, Jinja and Python versions.
The cache can never change output and is never required:

* no folder, a folder that cannot be made or written, a file that is missing, truncated or
  corrupt: the template is compiled as without a cache (and the file rewritten when possible);
* the folder must belong to the user and be writable by no one else (on POSIX), since loading
  compiled code from it runs that code, as importing a module from a ``__pycache__`` folder does;
* ``CVGEN_CACHE_DIR`` names another folder; ``CVGEN_CACHE_DIR=off`` turns the cache off.

The folder defaults to ``$XDG_CACHE_HOME/cvgen`` (``~/.cache/cvgen``; ``%LOCALAPPDATA%\\cvgen`` on
Windows). Files are written atomically (a temporary file, then a rename), so parallel batch workers
never read a half-written file.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any

from cvgen.version import __version__

OFF = "off"
CACHE_ENV = "CVGEN_CACHE_DIR"


def cache_root() -> Path | None:
    """The cache folder cvgen may use (not created here), or None when the cache is off."""
    named = os.environ.get(CACHE_ENV)
    if named is not None:
        return None if named.strip().lower() in (OFF, "") else Path(named)
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "cvgen" if base else None
    xdg = os.environ.get("XDG_CACHE_HOME")
    base_dir = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base_dir / "cvgen"


def _safe_folder(folder: Path) -> bool:
    """Make ``folder`` (private) if needed; True if it is a folder only this user can write."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.lstat()
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    if os.name == "nt":
        return True
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def bytecode_cache(kind: str, options: dict[str, Any]) -> Any:
    """A bytecode cache for one kind of environment (``typst``, ``latex``, ``html``…), or None.

    ``options`` are the environment's settings: they shape the compiled code, so they are part of
    the key (a function by its qualified name, as the code refers to it only by that role).
    """
    root = cache_root()
    if root is None:
        return None
    folder = root / f"templates-{__version__}"
    if not _safe_folder(root) or not _safe_folder(folder):
        return None
    return _make_cache(folder, _fingerprint(kind, options))


def _fingerprint(kind: str, options: dict[str, Any]) -> str:
    import jinja2

    def describe(value: Any) -> str:
        if callable(value):
            return getattr(value, "__qualname__", None) or type(value).__qualname__
        return repr(value)

    settings = ";".join(f"{k}={describe(v)}" for k, v in sorted(options.items()))
    text = f"{kind}|{settings}|cvgen {__version__}|jinja2 {jinja2.__version__}|{sys.implementation.cache_tag}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _make_cache(folder: Path, fingerprint: str) -> Any:
    from jinja2 import BytecodeCache

    class _Cache(BytecodeCache):
        """Jinja's file cache with every failure meaning "no cached code" (see the module docstring)."""

        def get_cache_key(self, name: str, filename: str | None = None) -> str:
            return f"{super().get_cache_key(name, filename)}-{fingerprint}"

        def load_bytecode(self, bucket: Any) -> None:
            try:
                data = (folder / f"{bucket.key}.cache").read_bytes()
            except OSError:
                return
            try:
                bucket.bytecode_from_string(data)
            except Exception:  # noqa: BLE001 - a damaged file is a missing file
                bucket.reset()

        def dump_bytecode(self, bucket: Any) -> None:
            try:
                data = bucket.bytecode_to_string()
                fd, tmp = tempfile.mkstemp(prefix=f"{bucket.key}.", suffix=".tmp", dir=folder)
                try:
                    with os.fdopen(fd, "wb") as out:
                        out.write(data)
                    os.replace(tmp, folder / f"{bucket.key}.cache")
                except BaseException:
                    Path(tmp).unlink(missing_ok=True)
                    raise
            except OSError:
                return  # a read-only or full disk: the next run compiles again

    return _Cache()
