"""A TeX run that cannot read outside its compile folder, enforced by the kernel (Linux Landlock).

Why not a TeX setting: kpathsea's ``openin_any=p`` stops ``\\input{/etc/hostname}``, but not the
paths that bypass kpathsea. xdvipdfmx embeds ``\\special{pdf:fstream @x (/etc/hostname)}``, pdfTeX
embeds ``\\pdfobj file {/etc/hostname}`` and LuaTeX's ``io.open`` reads anything, each into the PDF
where nothing shows on the page. Scanning the source cannot stop them (``\\csname``, catcodes and
``\\scantokens`` build the command at run time). So the engine and the driver it starts run under a
Landlock ruleset: they may read the system's programs, libraries, TeX trees and fonts, and read and
write their own compile folder and TeX's caches, and nothing else: not the home folder, not ``/etc``
(outside the TeX and font configuration), not ``/tmp``, not ``/proc``.

Landlock needs Linux 5.13 or later with the LSM enabled; :func:`available` says whether this machine
has it. Where it does not, :func:`confine` returns None and the caller decides (a built-in theme's
TeX is cvgen's own; a user theme's is refused, see :mod:`cvgen.backends.tex_compile`).
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

_CREATE_RULESET, _ADD_RULE, _RESTRICT_SELF = 444, 445, 446  # the same on every Linux architecture
_CREATE_RULESET_VERSION = 1
_RULE_PATH_BENEATH = 1
_PR_SET_NO_NEW_PRIVS = 38

EXECUTE, WRITE_FILE, READ_FILE, READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
REMOVE_DIR, REMOVE_FILE, MAKE_CHAR, MAKE_DIR, MAKE_REG = 1 << 4, 1 << 5, 1 << 6, 1 << 7, 1 << 8
MAKE_SOCK, MAKE_FIFO, MAKE_BLOCK, MAKE_SYM, REFER, TRUNCATE = 1 << 9, 1 << 10, 1 << 11, 1 << 12, 1 << 13, 1 << 14
_ABI1 = (EXECUTE | WRITE_FILE | READ_FILE | READ_DIR | REMOVE_DIR | REMOVE_FILE | MAKE_CHAR | MAKE_DIR | MAKE_REG
         | MAKE_SOCK | MAKE_FIFO | MAKE_BLOCK | MAKE_SYM)
_FILE_ONLY = EXECUTE | WRITE_FILE | READ_FILE | TRUNCATE
"""The rights a rule on a single file (not a folder) may carry."""

READ = READ_FILE | READ_DIR | EXECUTE

SYSTEM_READ = (
    "/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/opt/texlive",
    "/etc/texmf", "/etc/fonts", "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime",
    "/etc/alternatives", "/var/lib/texmf", "/var/cache/fontconfig",
)
"""Programs, libraries, TeX trees and font configuration: what any TeX run needs, and no secrets."""
DEVICES = ("/dev/null", "/dev/zero", "/dev/urandom", "/dev/random")
_TEX_TREES = ("TEXMFROOT", "TEXMFDIST", "TEXMFLOCAL", "TEXMFSYSVAR", "TEXMFSYSCONFIG", "TEXMFHOME")
_TEX_CACHES = ("TEXMFVAR", "TEXMFCONFIG")
"""Per-user folders TeX writes caches into (LuaTeX's font database), read and written."""


class _RulesetAttr(ctypes.Structure):
    _fields_ = (("handled_access_fs", ctypes.c_uint64),)


class _PathBeneathAttr(ctypes.Structure):
    _pack_ = 1
    _fields_ = (("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32))


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


@lru_cache(maxsize=1)
def abi() -> int:
    """The Landlock ABI version of this kernel; 0 when Landlock is missing or disabled (or not Linux)."""
    if not sys.platform.startswith("linux"):
        return 0
    try:
        version = _libc().syscall(_CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(_CREATE_RULESET_VERSION))
    except (OSError, AttributeError):
        return 0
    return max(int(version), 0)


def available() -> bool:
    """Whether TeX runs here can be confined to their folder."""
    return abi() > 0


def _handled() -> int:
    version = abi()
    return _ABI1 | (REFER if version >= 2 else 0) | (TRUNCATE if version >= 3 else 0)


def _kpse_folders(names: tuple[str, ...]) -> list[str]:
    """Folders kpathsea names for ``names`` (``TEXMFVAR`` …), as this TeX installation sets them."""
    try:
        spec = ":".join(f"${n}" for n in names)
        out = subprocess.run(["kpsewhich", f"-expand-var={spec}"], capture_output=True, text=True,
                             timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [part for line in out.splitlines() for part in line.split(":") if part.startswith("/")]


@lru_cache(maxsize=1)
def _standing_rules() -> tuple[tuple[str, int], ...]:
    """(path, rights) for everything but the compile folder; worked out once per process."""
    home_cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "fontconfig"
    rules = [(p, READ) for p in (*SYSTEM_READ, *_kpse_folders(_TEX_TREES))]
    rules += [(p, READ | WRITE_FILE) for p in DEVICES]
    for folder in (*_kpse_folders(_TEX_CACHES), str(home_cache)):
        try:
            Path(folder).mkdir(parents=True, exist_ok=True)  # so the rule has a folder to hold on to
        except OSError:
            continue
        rules.append((folder, -1))
    return tuple(rules)


def _add(libc: ctypes.CDLL, ruleset: int, path: str, rights: int, handled: int) -> None:
    try:
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
    except OSError:
        return  # not on this system
    try:
        allowed = handled if rights < 0 else rights & handled
        if not os.path.isdir(path):
            allowed &= _FILE_ONLY
        attr = _PathBeneathAttr(allowed, fd)
        if libc.syscall(_ADD_RULE, ruleset, _RULE_PATH_BENEATH, ctypes.byref(attr), ctypes.c_uint32(0)) != 0:
            raise OSError(ctypes.get_errno(), f"landlock_add_rule({path}) failed")
    finally:
        os.close(fd)


def confine(folder: Path) -> Callable[[], None] | None:
    """A ``preexec_fn`` confining a child process to ``folder`` (and the system's TeX files), or None.

    The ruleset is built here, in the parent; the child only switches it on between ``fork`` and
    ``exec``, so the engine and every program it starts (xdvipdfmx, mktexpk) inherit it.
    """
    if not available():
        return None
    libc = _libc()
    handled = _handled()
    attr = _RulesetAttr(handled)
    ruleset = libc.syscall(_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(ctypes.sizeof(attr)), ctypes.c_uint32(0))
    if ruleset < 0:
        return None
    try:
        for path, rights in (*_standing_rules(), (str(folder.resolve()), -1)):
            _add(libc, ruleset, path, rights, handled)
    except OSError:
        os.close(ruleset)
        raise

    def enter() -> None:  # runs in the child: keep it to plain system calls
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 or libc.syscall(_RESTRICT_SELF, ruleset, ctypes.c_uint32(0)) != 0:
            os._exit(126)  # never run TeX unconfined when confinement was asked for

    enter.ruleset = ruleset  # type: ignore[attr-defined]  # the caller closes it after the run
    return enter
