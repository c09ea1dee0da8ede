"""WeasyPrint set-up for the PDF backend: a quicker import and fewer garbage collections.

Two costs of a WeasyPrint PDF come from how the library is loaded and run, not from the CV, and
cvgen can avoid both without changing a byte of output (``bench/weasyprint_phases.py`` measures
them; the numbers are in ``docs/themes.md``, "Fast CSS for WeasyPrint"):

* **The import.** WeasyPrint opens Pango, HarfBuzz and fontconfig through cffi, trying several
  names per library (Windows, macOS and Linux spellings). On Linux every name that is not a file
  name makes cffi call :func:`ctypes.util.find_library`, which runs ``ldconfig``, ``gcc`` and ``ld``
  as programs: about 50 of them, close to half of ``import weasyprint``. The name that finally
  loads is the library's soname (``libpango-1.0.so.0``), which the dynamic loader opens directly
  (it honours ``LD_LIBRARY_PATH`` and the loader cache itself). :func:`import_weasyprint` checks
  that the loader opens them so, skips the program-running search during the import, and imports
  the ordinary way otherwise. It replaces ``find_library`` for the length of the import only,
  under a lock, and redirects nothing (other threads keep their output).
* **The garbage collector.** Laying out a CV builds hundreds of thousands of small objects (boxes,
  computed styles, text lines) that all live until the PDF is written; Python's collector, run
  every 700 allocations, walks them again and again (about a quarter of a 2,000-publication render).
  :func:`fewer_collections` collects less often while a PDF is made (and while WeasyPrint is
  imported: a few per cent of the import); nothing is leaked, the collector runs as usual afterwards.
"""

from __future__ import annotations

import contextlib
import gc
import sys
import threading
from collections.abc import Iterator
from types import ModuleType

GC_THRESHOLD = 50_000
"""Allocations between young-generation collections while WeasyPrint runs (Python's default: 700).

Measured on a 2,000-publication CV: 700 → 12.6 s, 10,000 → 10.0 s, 50,000 → 9.4 s, 100,000 →
9.2 s, collector off → 9.1 s CPU; the peak memory stayed at 405 MB in every case."""

_import_lock = threading.Lock()
_gc_lock = threading.Lock()
_gc_users = 0
_gc_saved: tuple[int, ...] | None = None


SONAMES = ("libgobject-2.0.so.0", "libpango-1.0.so.0", "libharfbuzz.so.0", "libfontconfig.so.1",
           "libpangoft2-1.0.so.0")
"""The libraries WeasyPrint cannot do without, by the names the dynamic loader opens directly
(the Linux spellings in WeasyPrint's own list of guesses, ``weasyprint/text/ffi.py``)."""


def _no_search(name: str) -> None:
    """Stands in for :func:`ctypes.util.find_library` during the import: "not found", at once."""
    return None


def _loadable_by_soname() -> bool:
    """Whether the loader opens every library of :data:`SONAMES` by name (then no search is needed)."""
    import ctypes

    try:
        for name in SONAMES:
            ctypes.CDLL(name)
    except OSError:
        return False
    return True


def import_weasyprint() -> ModuleType:
    """``import weasyprint``, without running programs to look for its libraries (Linux).

    Only when the loader opens WeasyPrint's libraries by their sonames; otherwise, or if the quick
    import fails anyway (a newer WeasyPrint naming other libraries), WeasyPrint is imported the
    ordinary way, which finds them or prints WeasyPrint's own explanation.
    """
    loaded = sys.modules.get("weasyprint")
    if loaded is not None:
        return loaded
    with _import_lock:
        if sys.platform.startswith("linux") and "weasyprint" not in sys.modules and _loadable_by_soname():
            import ctypes.util

            real = ctypes.util.find_library
            ctypes.util.find_library = _no_search  # type: ignore[assignment]
            try:
                with fewer_collections():
                    import weasyprint  # noqa: F401
            except OSError:
                pass  # modules that failed are not left in sys.modules; import again below
            finally:
                ctypes.util.find_library = real
        with fewer_collections():
            import weasyprint

        return weasyprint


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the garbage collector's young-generation threshold to :data:`GC_THRESHOLD` meanwhile.

    Process-wide, so reference-counted across threads: the first render to enter raises it, the
    last to leave puts back whatever the program had (a threshold already higher is kept).
    """
    global _gc_users, _gc_saved
    with _gc_lock:
        if _gc_users == 0:
            _gc_saved = gc.get_threshold()
            if 0 < _gc_saved[0] < GC_THRESHOLD:  # 0 means automatic collection is off: keep it off
                gc.set_threshold(GC_THRESHOLD, *_gc_saved[1:])
        _gc_users += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_users -= 1
            if _gc_users == 0 and _gc_saved is not None:
                gc.set_threshold(*_gc_saved)
                _gc_saved = None
