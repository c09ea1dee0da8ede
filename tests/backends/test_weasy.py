"""WeasyPrint set-up (cvgen.backends.weasy): the quick import runs no program and falls back, and the
garbage-collector threshold is raised only while a PDF is made and always put back."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import threading

import pytest

from cvgen.backends.weasy import GC_THRESHOLD, fewer_collections

# Counts the programs a piece of code runs (ctypes.util.find_library runs ldconfig, gcc, ld).
_COUNT_PROGRAMS = """
import json, subprocess, sys
programs = []
_execute = subprocess.Popen._execute_child
def _counting(self, args, *rest, **kw):
    programs.append(args if isinstance(args, str) else " ".join(map(str, args)))
    return _execute(self, args, *rest, **kw)
subprocess.Popen._execute_child = _counting
"""

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the library search runs programs on Linux")


def _run(code: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", _COUNT_PROGRAMS + code], capture_output=True, text=True,
                          timeout=120, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


@linux_only
def test_the_ordinary_import_runs_programs_to_find_libraries() -> None:
    """What the quick import avoids: cffi asks ctypes.util.find_library, which runs programs."""
    out = _run("import weasyprint\nprint(json.dumps({'programs': programs}))")
    assert len(out["programs"]) > 0
    assert any("ldconfig" in p or "gcc" in p or p.startswith("ld ") or "/ld " in p for p in out["programs"])


@linux_only
def test_the_quick_import_runs_no_program_and_gives_the_same_library() -> None:
    code = (
        "import ctypes.util\n"
        "real = ctypes.util.find_library\n"
        "from cvgen.backends.weasy import import_weasyprint\n"
        "wp = import_weasyprint()\n"
        "import weasyprint\n"
        "from weasyprint.text.ffi import pango\n"
        "print(json.dumps({'programs': programs, 'same': wp is weasyprint, 'version': wp.__version__,\n"
        "                  'restored': ctypes.util.find_library is real,\n"
        "                  'pango': pango.pango_version() > 0}))\n"
    )
    out = _run(code)
    assert out["programs"] == []
    assert out["same"] and out["restored"] and out["pango"]
    import weasyprint

    assert out["version"] == weasyprint.__version__


@linux_only
def test_a_library_the_loader_cannot_open_by_soname_means_the_ordinary_import() -> None:
    """As if Pango were only where the search finds it: no quick path, WeasyPrint imports anyway."""
    code = (
        "import ctypes\n"
        "real_cdll = ctypes.CDLL\n"
        "class CDLL(real_cdll):\n"
        "    def __init__(self, name, *args, **kwargs):\n"
        "        if name == 'libpango-1.0.so.0':\n"
        "            raise OSError('cannot open ' + name)\n"
        "        super().__init__(name, *args, **kwargs)\n"
        "ctypes.CDLL = CDLL\n"
        "from cvgen.backends import weasy\n"
        "assert not weasy._loadable_by_soname()\n"
        "wp = weasy.import_weasyprint()\n"
        "from weasyprint.text.ffi import pango\n"
        "print(json.dumps({'programs': len(programs), 'pango': pango.pango_version() > 0}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", _COUNT_PROGRAMS + code], capture_output=True, text=True,
                          timeout=120, check=True)
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 1, proc.stdout  # WeasyPrint's install advice was not printed
    out = json.loads(lines[0])
    assert out["pango"] and out["programs"] > 0  # the ordinary import searched


@linux_only
def test_a_failed_quick_import_is_retried_the_ordinary_way() -> None:
    """A WeasyPrint that needs a library the sonames check does not know (simulated: Pango fails to
    load while the search is off): the import still succeeds, through the ordinary search."""
    code = (
        "import ctypes.util, cffi.api\n"
        "from cvgen.backends import weasy\n"
        "real_load = cffi.api._load_backend_lib\n"
        "def _load(backend, name, flags):\n"
        "    if ctypes.util.find_library is weasy._no_search and 'pango-1.0' in str(name):\n"
        "        raise OSError('cannot open ' + str(name))\n"
        "    return real_load(backend, name, flags)\n"
        "cffi.api._load_backend_lib = _load\n"
        "wp = weasy.import_weasyprint()\n"
        "from weasyprint.text.ffi import pango\n"
        "print(json.dumps({'programs': len(programs), 'pango': pango.pango_version() > 0,\n"
        "                  'restored': ctypes.util.find_library is not weasy._no_search}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", _COUNT_PROGRAMS + code], capture_output=True, text=True,
                          timeout=120, check=True)
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["pango"] and out["restored"]
    assert out["programs"] > 0  # the second, ordinary import searched


def test_threshold_is_raised_inside_and_restored_after() -> None:
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        with fewer_collections():
            assert gc.get_threshold() == (GC_THRESHOLD, 10, 10)
            with fewer_collections():  # nested (a PNG render makes a PDF inside)
                assert gc.get_threshold()[0] == GC_THRESHOLD
            assert gc.get_threshold()[0] == GC_THRESHOLD
        assert gc.get_threshold() == (700, 10, 10)
    finally:
        gc.set_threshold(*before)


def test_threshold_restored_when_the_render_fails() -> None:
    before = gc.get_threshold()
    with pytest.raises(ValueError), fewer_collections():
        raise ValueError("layout failed")
    assert gc.get_threshold() == before


@pytest.mark.parametrize("program_setting", [(0, 10, 10), (200_000, 10, 10)])
def test_a_program_s_own_setting_is_kept(program_setting: tuple[int, int, int]) -> None:
    """0 (automatic collection off) stays off; a threshold already higher is not lowered."""
    before = gc.get_threshold()
    try:
        gc.set_threshold(*program_setting)
        with fewer_collections():
            assert gc.get_threshold() == program_setting
        assert gc.get_threshold() == program_setting
    finally:
        gc.set_threshold(*before)


def test_overlapping_renders_in_threads_restore_once_all_are_done() -> None:
    before = gc.get_threshold()
    inside = threading.Barrier(2)
    leave_first = threading.Event()
    seen: list[int] = []

    def first() -> None:
        with fewer_collections():
            inside.wait()
            leave_first.wait()
        seen.append(gc.get_threshold()[0])  # the second render is still running

    def second() -> None:
        with fewer_collections():
            inside.wait()
            leave_first.set()
            worker.join()
            seen.append(gc.get_threshold()[0])

    worker = threading.Thread(target=first)
    worker.start()
    second()
    assert seen == [GC_THRESHOLD, GC_THRESHOLD]
    assert gc.get_threshold() == before
