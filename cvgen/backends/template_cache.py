"""Compiled built-in templates kept on disk, so a fresh ``cvgen`` process need not compile them again.

Jinja turns a template into Python code before its first render: about 20 ms for ``cv.html.j2``
(its lexer's regular expressions, the parser, the code generator), paid by every ``cvgen render``
process, against well under 1 ms to load the same code back with :mod:`marshal`. This is Jinja's
own bytecode cache, made safe to rely on:

* **Keyed by what made the code.** The folder name hashes cvgen's version, Jinja's version, the
  Python bytecode tag and the environment's options (autoescape, whitespace control), so a
  different cvgen, Jinja or Python never reads another's files. Inside, Jinja names each file by
  the template and checks the template source's checksum on every load: an edited template is
  compiled again, never served stale.
* **Only cvgen's own themes.** User themes compile in Jinja's sandbox each time (their code is
  theirs to change, and they render in a separate, limited process anyway).
* **Never a reason to fail.** A missing, unreadable, corrupt or read-only cache means the template
  is compiled as if there were no cache; the output is the same bytes either way.

Where: ``$CVGEN_CACHE_DIR`` if set (an empty value turns the cache off), else
``$XDG_CACHE_HOME/cvgen``, else ``~/.cache/cvgen``. Deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from typing import Any

CACHE_ENV = "CVGEN_CACHE_DIR"


def cache_root() -> Path | None:
    """The folder for cvgen's caches, or None when ``$CVGEN_CACHE_DIR`` is set empty (no cache)."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(xdg) if xdg else Path.home() / ".cache") / "cvgen"


def bytecode_cache(kind: str, options: dict[str, Any]) -> Any | None:
    """A Jinja bytecode cache for environments of ``kind`` built with ``options``; None if unusable."""
    import jinja2
    from jinja2.bccache import FileSystemBytecodeCache

    from cvgen.version import __version__

    root = cache_root()
    if root is None:
        return None
    recipe = repr((__version__, jinja2.__version__, sys.implementation.cache_tag, kind, sorted(options.items())))
    folder = root / f"jinja-{hashlib.sha256(recipe.encode()).hexdigest()[:16]}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None

    class SafeBytecodeCache(FileSystemBytecodeCache):
        """Jinja's file cache, with every read or write problem meaning "compile it"."""

        def load_bytecode(self, bucket: Any) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:  # a truncated or foreign file (pickle and marshal raise many kinds)
                bucket.reset()

        def dump_bytecode(self, bucket: Any) -> None:
            try:
                super().dump_bytecode(bucket)
            except OSError:  # read-only or full disk: the template was compiled, rendering goes on
                pass

    return SafeBytecodeCache(str(folder))
